"""The map step of a build: run one picklable function per file on worker processes, results in input order.

Extraction (read, segment, map to quads) is pure-Python CPU work, independent per file, so it is spread over
processes (threads would share one interpreter lock); writing stays in the parent, the store's single writer.
Results are collected as workers finish and returned in the order of the input, so what is written never depends
on the number of workers or on which finished first.

Where the work runs:

- ``jobs == 1``, or a single item, and no executor: in this process (no pool to start, and a debugger or a
  monkeypatch sees the call);
- otherwise a ``ProcessPoolExecutor`` of ``min(jobs, items)`` processes, started from a fork server that has
  imported the function's module once (``forkserver`` where the platform has it): workers start warm, and
  the parent's threads (tqdm, RocksDB) are never forked. As with any spawn or forkserver start, a script that
  builds with several jobs needs the ``if __name__ == "__main__":`` guard (the workers import its main
  module), and a monkeypatch in the parent does not reach the workers (tests patching extraction use one job);
- an ``executor`` given by the caller: anything with ``submit(fn, *args)`` returning a
  ``concurrent.futures.Future`` (``ThreadPoolExecutor``, ``ProcessPoolExecutor``, the ``ClientExecutor`` of
  ``distributed.Client.get_executor()``); a ``distributed.Client`` itself is turned into its executor.

Results are yielded in input order as they come (``iter_in_order``), so the parent writes one file's quads while
the workers extract the next ones. At most ``window`` tasks are in flight or finished and waiting to be yielded:
memory does not grow with the corpus, and a caller that ships file contents to remote workers never holds more than
that many. Quads cross process boundaries as N-Quads bytes (``pack_lines``; zlib-compressed for remote workers):
pickling pyoxigraph ``Quad`` objects works (0.5) but 72K quads took 1.8 s pickled and back and 21 MB, N-Quads 0.3 s
and, compressed, 1 MB; the workers write the N-Quads lines directly (``kg.quads.GraphWriter``). The parent joins
them into batches for ``Store.bulk_load`` (``unpacked_bytes``), which writes index files directly: it is not atomic,
which the staged copy of the store makes irrelevant, and 2-4× faster than ``extend``.
"""

from __future__ import annotations

import concurrent.futures as cf
import logging
import multiprocessing
import os
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from kg.errors import BuildError, WorkerError

log = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")


def resolve_jobs(jobs: int | None) -> int:
    """The number of workers: ``jobs``, or one per CPU when it is not given."""
    if jobs is None:
        return os.cpu_count() or 1
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        raise BuildError(f"jobs must be a whole number of 1 or more, not {jobs!r}")
    return jobs


def map_in_order(fn: Callable[..., R], items: Sequence[T], **options: Any) -> list[R]:
    """``[fn(*args(item)) for item in items]``: ``iter_in_order`` collected (same options)."""
    return list(iter_in_order(fn, items, **options))


def iter_in_order(
    fn: Callable[..., R],
    items: Sequence[T],
    *,
    jobs: int,
    executor: Any = None,
    args: Callable[[T], tuple[Any, ...]] | None = None,
    done: Callable[[], None] | None = None,
) -> Iterator[R]:
    """``fn(*args(item))`` for each item, yielded in the order of ``items`` as soon as each is ready.

    The workers go on with the tasks in flight while the caller handles a result (the build writes it to the
    store meanwhile), and at most a window of results is held, so memory does not grow with the input.
    ``args`` builds a task's arguments just before it is submitted (default: the item alone); ``done`` is
    called once per finished task (a progress bar). An exception raised by ``fn`` is raised here, after the
    tasks not yet started are cancelled: ``fn`` must turn expected failures into results.
    """
    make = args or (lambda item: (item,))
    if not items:
        return
    if executor is None and (jobs == 1 or len(items) == 1):
        for item in items:
            result = fn(*make(item))
            if done:
                done()
            yield result
        return
    if executor is not None:
        yield from _gather(_as_executor(executor), fn, items, make, window=max(2 * jobs, 16), done=done)
        return
    workers = min(jobs, len(items))
    with cf.ProcessPoolExecutor(max_workers=workers, mp_context=_context(fn)) as pool:
        yield from _gather(pool, fn, items, make, window=4 * workers, done=done)


def _context(fn: Callable[..., Any]) -> multiprocessing.context.BaseContext:
    """A fork server that has imported ``fn``'s module (workers start warm), else the platform's default."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context()
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([fn.__module__])
    return context


def _as_executor(executor: Any) -> Any:
    """A ``distributed.Client`` offers a concurrent.futures executor; anything else must be one already."""
    if not hasattr(executor, "submit"):
        raise BuildError(f"{type(executor).__name__} cannot run tasks: pass a concurrent.futures.Executor")
    get_executor = getattr(executor, "get_executor", None)
    return get_executor() if callable(get_executor) else executor


def _gather(
    executor: Any,
    fn: Callable[..., R],
    items: Sequence[T],
    make: Callable[[T], tuple[Any, ...]],
    *,
    window: int,
    done: Callable[[], None] | None,
) -> Iterator[R]:
    """Keep up to ``window`` tasks in flight or finished-but-not-yet-yielded; yield in the order of ``items``."""
    ready: dict[int, R] = {}
    pending: dict[cf.Future[R], int] = {}
    queue = iter(enumerate(items))
    following = 0
    try:
        while following < len(items):
            while len(pending) + len(ready) < window and (task := next(queue, None)) is not None:
                index, item = task
                pending[executor.submit(fn, *make(item))] = index
            while following in ready:
                yield ready.pop(following)
                following += 1
            if not pending:
                continue
            finished, _ = cf.wait(pending, return_when=cf.FIRST_COMPLETED)
            for future in finished:
                ready[pending.pop(future)] = future.result()
                if done:
                    done()
    except BrokenProcessPool as exc:
        raise WorkerError(
            f"an extraction worker died ({exc}); nothing was written. A script that builds with several jobs "
            'needs `if __name__ == "__main__":`; else retry, or build with one job (--jobs 1)'
        ) from exc
    finally:
        for future in pending:
            future.cancel()


def pack_lines(lines: Iterable[str], compress: bool = True) -> bytes:
    """N-Quads lines (``kg.quads.GraphWriter``) as bytes to send between processes: zlib-compressed for a
    network (a Dask cluster: a fifth of the size), plain through a local pipe (compressing cost the workers more
    than the pipe saves: 10x corpus, 1.6 s of zlib for 244 MB)."""
    data = "".join(lines).encode("utf-8")
    return zlib.compress(data, 1) if compress else data


def unpacked_bytes(blobs: Sequence[bytes]) -> bytes:
    """The N-Quads ``pack_lines`` packed, as one ``bytes``: what ``Store.bulk_load`` reads without the interpreter
    lock (a stream is read under it), so that a load can run on a thread beside the work of this one."""
    return b"".join(_plain(blob) for blob in blobs)


def _plain(blob: bytes) -> bytes:
    """A blob of ``pack_lines`` uncompressed: a plain one starts with ``<`` (every N-Quads line starts with an IRI),
    a zlib stream never does."""
    return blob if blob[:1] in (b"", b"<") else zlib.decompress(blob)
