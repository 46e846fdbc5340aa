"""Build the knowledge graph from gazette files into the embedded store, in parallel and incrementally.

A build has three steps:

1. **plan** (``kg.incremental``): files whose path, content hash and extraction version match their manifest
   record are unchanged and left alone; with ``prune``, records of files gone from the input folders are dropped;
2. **map** (``kg.parallel``): every other file is read, segmented and mapped to quads on its own, on worker
   processes (``jobs``) or a caller's executor (a Dask cluster). A file that cannot be read or holds no
   recognisable document is reported (path and reason) and skipped; the rest is still built;
3. **write**, in this process only, in input order: the graphs and manifest records of the replaced files are
   deleted, the new ones bulk-loaded in batches on loader threads beside the extraction, the entities graph
   rebuilt from every file's entity statements (``kg.entities``) and the derived graph recomputed
   (``kg.derive``); then, when the build bulk-loaded more than one batch, the index is compacted
   (``kg.store.compact``): each batch leaves one more set of index files that every later read consults.

All writes land in one atomic swap of the store (``kg.store.staged_writer``): a failure leaves it as it was.
Whatever the number of workers and whichever files were re-extracted, the store equals a build from scratch of
the files its manifest holds (a file that fails to extract keeps its earlier graphs, as it always did), and a
build in which nothing changed writes nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pyoxigraph as ox

import ontology
from extractors.records import SegmentedIssue
from extractors.segment import VERSION as SEGMENTER_VERSION
from extractors.segment import segment_issue
from kg import entities, ids, incremental, parallel
from kg.derive import derive
from kg.errors import ExtractionError, GazetteKGError, StoreError
from kg.mapping import MappedIssue, SourceInfo, map_issue
from kg.reader import decode_bytes, iter_input_files, read_text
from kg.store import compact, exists, open_for_reading, staged_writer

log = logging.getLogger(__name__)

EXTRACTOR = SEGMENTER_VERSION


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file that was not built, and why."""

    path: str
    reason: str


@dataclass(slots=True)
class BuildReport:
    """What a build did: files extracted and written, left unchanged, pruned, skipped; documents and quads written."""

    built: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    documents: int = 0
    quads: int = 0
    findings: list[tuple[str, str, str]] = field(default_factory=list)  # path, code, message
    removed_graphs: int = 0
    derived: dict[str, int] = field(default_factory=dict)  # tenures, successions, rename candidates
    unchanged: list[str] = field(default_factory=list)  # same path, hash and extraction version: not extracted
    pruned: list[str] = field(default_factory=list)  # paths gone from the input folders, graphs removed (prune)
    compaction_seconds: float | None = None  # the index was compacted (``optimize``), in this many seconds

    @property
    def ok(self) -> bool:
        return not self.skipped


@dataclass(frozen=True, slots=True)
class ExtractedFile:
    """One file's extraction as it crosses a process boundary: plain values, quads packed (``kg.parallel``)."""

    path: str
    error: str | None = None
    issue: str | None = None
    quads: bytes = b""  # its named graphs and its manifest record (with its entity statements)
    quad_count: int = 0
    documents: int = 0
    findings: tuple[tuple[str, str], ...] = ()  # code, message


def extract_file(
    path: Path, data: bytes | None = None, version: str | None = None
) -> tuple[MappedIssue, SegmentedIssue]:
    """Read (or decode ``data`` as the bytes of ``path``), segment and map one file.

    ``version``: the extraction version the manifest records (default: the extractor's). Raises
    ``GazetteKGError`` subclasses on bad input.
    """
    decoded = read_text(path) if data is None else decode_bytes(data, path)
    segmented = segment_issue(decoded.text)
    if not segmented.documents:
        raise ExtractionError(
            path, "no document recognised (no line holding only a document number such as 衢政发〔2018〕11号)"
        )
    source = SourceInfo(str(path), path.name, decoded.sha256, decoded.encoding)
    mapped = map_issue(decoded.text, segmented, source, EXTRACTOR, version)
    return mapped, segmented


def extract_job(path: str, version: str, data: bytes | None = None, error: str | None = None) -> ExtractedFile:
    """The map step for one file, run in a worker: expected failures become a result, not an exception.

    ``data``: the file's bytes, when the worker may not see the file (else it reads ``path``); ``error``: why the
    parent could not read them.

    The manifest record is completed here: ``version`` (the parent's, so that every worker writes the same)
    and the file's entity statements, kept so that the entities graph can be rebuilt without the file.
    """
    if error is not None:
        return ExtractedFile(path, error=error)
    try:
        mapped, segmented = extract_file(Path(path), data, version)
    except GazetteKGError as exc:
        return ExtractedFile(path, error=str(exc))
    lines = [line for graph in mapped.graphs.values() for line in graph]
    lines += mapped.source_lines
    lines.append(entities.ledger_line(mapped.source_iri, entities.ledger(mapped.entity_lines)))
    return ExtractedFile(
        path,
        issue=mapped.issue_iri,
        quads=parallel.pack_lines(lines, compress=data is not None),  # bytes were sent: a remote worker
        quad_count=len(lines),
        documents=len(segmented.documents),
        findings=tuple((f.code, f.message) for f in segmented.findings),
    )


def _load_vocabulary(store: ox.Store) -> None:
    """Keep the ontology (labels of classes, sections, document types) in its own named graph."""
    graph = ox.NamedNode(ids.ONTOLOGY_GRAPH)
    store.remove_graph(graph)
    store.load(ontology.ontology_path().read_bytes(), format=ox.RdfFormat.TURTLE, to_graph=graph)


def _records(store_path: Path) -> list[incremental.SourceRecord]:
    """The manifest records of the live store (none when there is no store yet)."""
    if not exists(Path(store_path)):
        return []
    with open_for_reading(Path(store_path)) as store:
        return incremental.read_records(store)


def _ticks(progress: Callable[[Sequence[Path]], Sequence[Path]] | None, files: Sequence[Path]) -> Callable[[], None]:
    """Advance the caller's progress bar (an iterable over ``files``, such as tqdm's) once per finished file."""
    if progress is None or not files:
        return lambda: None
    bar: Iterator[Path] = iter(progress(files))
    next(bar, None)  # tqdm counts an item when the next one is asked for (or the iteration ends): start it
    return lambda: next(bar, None)  # type: ignore[return-value]


BATCH_QUADS = 250_000  # quads buffered before a bulk load: bounds the parent's memory, amortises each load


class _NothingWritten(Exception):
    """Raised inside the staged writer when no file could be written: the live store stays untouched."""


def build(
    inputs: Sequence[str | Path],
    store_path: Path,
    progress: Callable[[Sequence[Path]], Sequence[Path]] | None = None,
    jobs: int | None = None,
    prune: bool = False,
    executor: Any = None,
    force: bool = False,
    optimize: bool | None = None,
) -> BuildReport:
    """Build ``inputs`` (files or folders) into the store at ``store_path``.

    ``jobs``: worker processes for extraction (default one per CPU; 1 = in this process). ``executor``: run
    extraction there instead (a ``concurrent.futures.Executor`` or a ``distributed.Client``; files are sent as
    bytes, so its workers need not see this file system). ``prune``: drop what files no longer under the input
    folders produced. ``force``: extract unchanged files too. ``optimize``: compact the index after writing
    (True), never (False), or when the build bulk-loaded more than one batch (None: a build of a big corpus, not
    an incremental update of a few files, which would otherwise rewrite the whole index each time).

    Results are written as they arrive, in input order, while the workers extract the next files: the parent
    holds a bounded window of results and one batch of quads, whatever the size of the corpus.
    """
    workers = parallel.resolve_jobs(jobs)
    report = BuildReport()
    files = iter_input_files(inputs)
    records = _records(store_path)
    version = incremental.pipeline_version(EXTRACTOR)
    same = set() if force else incremental.unchanged(files, records, version)
    stale = incremental.stale(records, inputs) if prune else []
    todo = [f for f in files if str(f) not in same]
    outcomes: dict[str, ExtractedFile] = {}  # path -> result without its quads (errors, counts, findings)
    if todo or stale:
        try:
            with staged_writer(store_path) as store, _StreamWriter(store, records, workers) as writer:
                writer.retire(incremental.replaced(records, set(), set(), [s.record for s in stale]))
                while True:
                    for result in _extract(todo, version, workers, executor, progress):
                        outcomes[result.path] = replace(result, quads=b"")
                        if result.error is None:
                            writer.add(result)
                    writer.flush(final=True)
                    drawn_in = writer.drawn_in & same  # unchanged files of a record just replaced: extract again
                    if not drawn_in:
                        break
                    same -= drawn_in
                    todo = [f for f in files if str(f) in drawn_in]
                writer.settle()
                report.removed_graphs = writer.removed_graphs
                if not writer.written and not stale:
                    raise _NothingWritten
                _load_vocabulary(store)
                entities.rebuild(store)
                report.derived = derive(store)
                if optimize or (optimize is None and writer.batches > 1):
                    report.compaction_seconds = compact(store)
        except _NothingWritten:
            pass

    for file in files:
        key = str(file)
        outcome = outcomes.get(key)
        if key in same:
            report.unchanged.append(key)
        elif outcome is not None and outcome.error is not None:
            log.info("skipped %s: %s", key, outcome.error)
            report.skipped.append(Skipped(key, outcome.error))
        elif outcome is not None:
            report.built.append(key)
            report.documents += outcome.documents
            report.quads += outcome.quad_count
            report.findings += [(key, code, message) for code, message in outcome.findings]
    report.pruned = sorted({p for s in stale for p in s.gone})
    return report


class _StreamWriter:
    """Writes extracted files into the staged store in batches, retiring the records each one replaces first.

    A result replaces the earlier records of its path and of its issue (and of every record sharing an issue with
    those, ``incremental.replaced``). Their graphs are removed when the first result that replaces them arrives,
    before its quads (and those still buffered) are loaded: graphs named by an issue are only ever written by
    results of that issue, the first of which removes the old ones, so a removal never reaches new quads. Paths
    of the records replaced are collected in ``drawn_in``, for the caller to extract unchanged ones again.

    Batches are bulk-loaded on threads of their own while this one goes on collecting the workers' results:
    ``Store.bulk_load`` of ``bytes`` releases the interpreter lock, so the loads (half of a big build's CPU) run
    beside the extraction instead of stopping it, and up to ``loaders`` of them at once (each writes its own index
    files; two loads of half a 10x corpus at once took 4.5 s against 8.9 s one after the other, to the same quads).
    A removal waits for the loads in flight (``settle``), and leaving the ``with`` block waits for them too, so that
    nothing writes to the store after the build has finished or failed. A load is given ``bytes``, not a stream: a
    Python stream is read under the interpreter lock and, with this thread busy, the load crawled (92 s for a 2.5 s
    batch).
    """

    def __init__(self, store: ox.Store, records: list[incremental.SourceRecord], loaders: int = 1) -> None:
        self.store = store
        self.records = records
        self.retired: set[str] = set()
        self.drawn_in: set[str] = set()
        self.removed_graphs = 0
        self.written = 0
        self.batches = 0  # batches bulk-loaded: each one left a set of index files (one or more per loader)
        self._blobs: list[bytes] = []
        self._buffered = 0
        self._loaders = max(1, loaders)
        self._pool = ThreadPoolExecutor(max_workers=self._loaders, thread_name_prefix="kg-bulk-load")
        self._loading: list[Future[None]] = []  # in the order submitted

    def __enter__(self) -> _StreamWriter:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._pool.shutdown(wait=True)  # an error of a load not settled is not the first one: it is dropped

    def retire(self, chosen: Sequence[incremental.SourceRecord]) -> None:
        """Remove the graphs and manifest records of ``chosen`` not removed yet (counted in ``removed_graphs``)."""
        fresh = [r for r in chosen if r.iri not in self.retired]
        if fresh:
            self.settle()
            self.retired |= {r.iri for r in fresh}
            self.drawn_in |= {p for r in fresh for p in r.paths}
            self.removed_graphs += incremental.remove(self.store, fresh)

    def add(self, result: ExtractedFile) -> None:
        issues = {result.issue} if result.issue else set()
        self.retire(incremental.replaced(self.records, {result.path}, issues))
        self._blobs.append(result.quads)
        self._buffered += result.quad_count
        self.written += 1
        if self._buffered >= BATCH_QUADS and (self._free() or self._buffered >= 2 * BATCH_QUADS):
            self.flush()

    def flush(self, final: bool = False) -> None:
        """Start loading the buffered quads, once a loader is free.

        ``add`` calls this when a batch is full and a loader is free; while none is, it goes on buffering up to two
        batches rather than stop taking the workers' results (loads are slowest when the workers are busiest).
        The ``final`` batch, which nothing else runs beside, is split among the loaders (a whole build of a small
        corpus is that one batch).
        """
        if not self._blobs:
            return
        data = parallel.unpacked_bytes(self._blobs)
        self._blobs, self._buffered = [], 0
        for part in _split(data, self._loaders if final else 1):
            while not self._free():
                _loaded(self._loading.pop(0))
            self._loading.append(self._pool.submit(self._load, part))
        self.batches += 1

    def settle(self) -> None:
        """Wait for every load in flight; raise the first error here."""
        loading, self._loading = self._loading, []
        for future in loading:
            _loaded(future)

    def _free(self) -> bool:
        """Whether a loader is free (finished loads are collected, their errors raised)."""
        for future in [f for f in self._loading if f.done()]:
            self._loading.remove(future)
            _loaded(future)
        return len(self._loading) < self._loaders

    def _load(self, data: bytes) -> None:
        # lenient: the workers wrote these lines with kg.quads, which a test parses strictly (6 % faster)
        self.store.bulk_load(data, format=ox.RdfFormat.N_QUADS, lenient=True)


def _split(data: bytes, parts: int) -> list[bytes]:
    """N-Quads ``data`` cut at line ends into at most ``parts`` pieces of about the same size."""
    pieces, start = [], 0
    for k in range(1, parts):
        cut = data.find(b"\n", max(start, len(data) * k // parts - 1)) + 1
        if cut <= start or cut >= len(data):
            break
        pieces.append(data[start:cut])
        start = cut
    return [*pieces, data[start:]] if start < len(data) else pieces


def _loaded(future: Future[None]) -> None:
    """Wait for a load; a failure to write (a full disk, a lost directory) is the caller's StoreError."""
    try:
        future.result()
    except OSError as exc:
        raise StoreError(f"writing the store failed, it is left as it was: {exc}") from exc


def _extract(
    files: Sequence[Path],
    version: str,
    jobs: int,
    executor: Any,
    progress: Callable[[Sequence[Path]], Sequence[Path]] | None,
) -> Iterator[ExtractedFile]:
    """Extract ``files`` on ``jobs`` processes (or ``executor``), yielded in the order of ``files``."""

    def arguments(path: Path) -> tuple[Any, ...]:
        if executor is None:
            return (str(path), version)  # local workers share this file system: they read the files themselves
        return (str(path), version, *_read_for_remote(path))

    return parallel.iter_in_order(
        extract_job, files, jobs=jobs, executor=executor, args=arguments, done=_ticks(progress, files)
    )


def _read_for_remote(path: Path) -> tuple[bytes | None, str | None]:
    """The bytes to send to an executor's workers, which may be other machines; or why they cannot be read here."""
    try:
        return path.read_bytes(), None
    except OSError:
        try:
            read_text(path)  # the reader's own message for an unreadable file
        except GazetteKGError as exc:
            return None, str(exc)
        return path.read_bytes(), None
