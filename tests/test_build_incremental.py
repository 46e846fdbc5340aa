"""Parallel and incremental builds: whatever the workers and whichever files were re-extracted, the store equals a
build from scratch of the same files, byte for byte."""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg import build as build_module
from kg import ids, incremental, parallel
from kg.build import build
from kg.errors import BuildError, StoreError, WorkerError
from kg.quads import GraphWriter, text
from kg.store import open_for_reading

BUNDLED = Path(__file__).resolve().parents[1] / "data" / "gazettes"
FILES = sorted(p.name for p in BUNDLED.glob("*.txt"))
ISSUE_105, ISSUE_106 = "corpus/001_8386747fd2dce202.txt", "corpus/002_a5cc36ccbffa9bf5.txt"


def dump(store: Path) -> bytes:
    with open_for_reading(store) as opened:
        return opened.dump(format=ox.RdfFormat.N_QUADS)


def assert_same_store(store: Path, expected: Path) -> None:
    """The same bytes; if not, the first quads that differ."""
    got, want = dump(store), dump(expected)
    if got != want:
        mine, theirs = set(got.decode().splitlines()), set(want.decode().splitlines())
        assert (sorted(mine - theirs)[:5], sorted(theirs - mine)[:5]) == ([], []), "same quads, other order"
        raise AssertionError("same quads, not the same bytes")


@pytest.fixture(scope="module")
def original(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled corpus in ``<dir>/corpus``, built (two workers) into ``<dir>/store`` from ``<dir>``.

    Paths are recorded as given, so the tests build the relative folder ``corpus`` from a copy of this
    directory: the copy's manifest then names the copy's files.
    """
    root = tmp_path_factory.mktemp("incremental")
    shutil.copytree(BUNDLED, root / "corpus")
    with contextlib.chdir(root):
        report = build(["corpus"], Path("store"), jobs=2)
    assert report.ok and len(report.built) == 3
    return root


@pytest.fixture
def work(original: Path, tmp_path: Path) -> Iterator[Path]:
    """A copy of the original corpus and store to change; the current directory while the test runs."""
    shutil.copytree(original / "corpus", tmp_path / "corpus")
    shutil.copytree(original / "store", tmp_path / "store")
    with contextlib.chdir(tmp_path):
        yield tmp_path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def alt_labels(store: Path) -> set[str]:
    query = f"""SELECT ?l WHERE {{ GRAPH <{ids.ENTITIES_GRAPH}> {{
        ?o <http://www.w3.org/2004/02/skos/core#altLabel> ?l }} }}"""
    with open_for_reading(store) as opened:
        return {row["l"].value for row in opened.query(query)}


def test_one_or_two_workers_give_the_same_bytes(original: Path, tmp_path: Path) -> None:
    with contextlib.chdir(original):
        report = build(["corpus"], tmp_path / "serial", jobs=1)
    assert report.built == [f"corpus/{name}" for name in FILES]
    assert dump(tmp_path / "serial") == dump(original / "store")


def test_nothing_changed_extracts_and_writes_nothing(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = dump(Path("store"))
    stamp = (Path("store") / "gazette-kg-store").stat().st_mtime_ns

    def no_extraction(*_args: object) -> None:
        raise AssertionError("an unchanged file was extracted")

    monkeypatch.setattr(build_module, "extract_file", no_extraction)
    report = build(["corpus"], Path("store"), jobs=1)
    assert report.unchanged == [f"corpus/{name}" for name in FILES]
    assert (report.built, report.skipped, report.quads, report.removed_graphs) == ([], [], 0, 0)
    assert dump(Path("store")) == before
    assert (Path("store") / "gazette-kg-store").stat().st_mtime_ns == stamp  # not even swapped


EDITS = {
    "appointment and agency form": [
        # an appointment names another person: a new person, another tenure and succession (derived graph)
        (ISSUE_106, "季根寿同志兼任衢州市食品安全委员会办公室副主任", "李根寿同志兼任衢州市食品安全委员会办公室副主任"),
        # the only notice printing 市财政地税局: the body stays (others name it), its altLabel must go
        (ISSUE_106, "市财政地税局", "市财政局"),
    ],
    "citation": [
        # a repeal and its stub go: the repeal end date (derived graph) and the stub's description (entities)
        (ISSUE_105, "原《关于印发衢州市公积金个人住房贷款楼盘管理暂行办法的通知》(衢公积金〔2015〕18号)同时废止。", ""),
    ],
}


@pytest.mark.parametrize("change", EDITS)
def test_one_changed_file_equals_a_build_from_scratch(work: Path, change: str) -> None:
    for path, old, new in EDITS[change]:
        edit(Path(path), old, new)
    changed = EDITS[change][0][0]
    report = build(["corpus"], Path("store"), jobs=2)
    assert report.built == [changed]
    assert report.unchanged == [f"corpus/{name}" for name in FILES if f"corpus/{name}" != changed]
    assert report.removed_graphs > 0
    build(["corpus"], Path("fresh"), jobs=1)
    assert_same_store(Path("store"), Path("fresh"))
    assert "市财政地税局" not in alt_labels(Path("store")) or change == "citation"


def test_rebuilding_a_changed_file_leaves_no_stale_entity_description(work: Path) -> None:
    """What builds before the entity ledger did not do: a form no file prints any more goes (forced rebuild too)."""
    assert "市财政地税局" in alt_labels(Path("store"))
    edit(Path(ISSUE_106), "市财政地税局", "市财政局")
    build([ISSUE_106], Path("store"), jobs=1, force=True)
    assert "市财政地税局" not in alt_labels(Path("store"))
    assert "市财政局" in alt_labels(Path("store"))


def test_a_removed_file_stays_unless_pruned(work: Path, original: Path) -> None:
    Path(ISSUE_105).unlink()
    kept = build(["corpus"], Path("store"), jobs=2)
    assert (kept.built, kept.pruned, len(kept.unchanged)) == ([], [], 2)
    assert dump(Path("store")) == dump(original / "store")  # without prune its graphs stay

    pruned = build(["corpus"], Path("store"), jobs=2, prune=True)
    assert (pruned.built, pruned.pruned, len(pruned.unchanged)) == ([], [ISSUE_105], 2)
    assert pruned.removed_graphs > 0
    build(["corpus"], Path("fresh"), jobs=2)
    assert_same_store(Path("store"), Path("fresh"))


def test_prune_touches_only_the_folders_given(work: Path) -> None:
    """Build folder A, then folder B, then prune B: A's files stay; prune A: then they go."""
    for folder, names in (("a", FILES[2:3]), ("b", FILES[1:2])):
        Path(folder).mkdir()
        for name in names:
            shutil.copy(Path("corpus") / name, Path(folder) / name)
        build([folder], Path("mixed"), jobs=1)
    Path("a", FILES[2]).unlink()
    assert build(["b"], Path("mixed"), prune=True).pruned == []
    assert build(["a"], Path("mixed"), prune=True).pruned == [f"a/{FILES[2]}"]
    build(["b"], Path("only-b"), jobs=1)
    assert_same_store(Path("mixed"), Path("only-b"))


def test_two_files_of_one_issue_are_rebuilt_together(work: Path) -> None:
    """Files of one issue share its graphs: changing one re-extracts the other, as a build from scratch merges both."""
    Path("pair").mkdir()
    shutil.copy(Path(ISSUE_106), Path("pair/x.txt"))
    shutil.copy(Path(ISSUE_106), Path("pair/y.txt"))
    edit(Path("pair/y.txt"), "市财政地税局", "市财政局")  # same masthead, other bytes
    build(["pair"], Path("pair-store"), jobs=2)
    edit(Path("pair/x.txt"), "季根寿同志兼任", "李根寿同志兼任")
    report = build(["pair"], Path("pair-store"), jobs=2)
    assert report.built == ["pair/x.txt", "pair/y.txt"] and report.unchanged == []
    build(["pair"], Path("pair-fresh"), jobs=1)
    assert_same_store(Path("pair-store"), Path("pair-fresh"))


def test_pruning_one_file_of_an_issue_re_extracts_the_other(work: Path) -> None:
    """Nothing changed but a file gone: its issue's graphs go, and the file left of that issue is extracted again."""
    Path("pair").mkdir()
    shutil.copy(Path(ISSUE_106), Path("pair/x.txt"))
    shutil.copy(Path(ISSUE_106), Path("pair/y.txt"))
    edit(Path("pair/y.txt"), "市财政地税局", "市财政局")
    build(["pair"], Path("pair-store"), jobs=2)
    Path("pair/y.txt").unlink()
    report = build(["pair"], Path("pair-store"), jobs=2, prune=True)
    assert (report.built, report.pruned, report.unchanged) == (["pair/x.txt"], ["pair/y.txt"], [])
    build(["pair"], Path("pair-fresh"), jobs=1)
    assert_same_store(Path("pair-store"), Path("pair-fresh"))


def test_many_small_write_batches_give_the_same_store(
    original: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The parent writes as results arrive, in batches: where the batches fall changes nothing."""
    monkeypatch.setattr(build_module, "BATCH_QUADS", 1)
    with contextlib.chdir(original):
        build(["corpus"], tmp_path / "batched", jobs=1)
    assert_same_store(tmp_path / "batched", original / "store")


def test_loads_running_at_once_give_the_same_store(
    original: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Three workers, so three loader threads: each file is a batch of its own, loaded beside the others."""
    monkeypatch.setattr(build_module, "BATCH_QUADS", 1)
    started: list[int] = []
    load = build_module._StreamWriter._load

    def counted(self: build_module._StreamWriter, data: bytes) -> None:
        started.append(len(data))
        load(self, data)

    monkeypatch.setattr(build_module._StreamWriter, "_load", counted)
    with contextlib.chdir(original):
        report = build(["corpus"], tmp_path / "concurrent", jobs=3)
    assert len(started) == 3 and report.compaction_seconds is not None  # three loads, then one compaction
    assert_same_store(tmp_path / "concurrent", original / "store")


@given(
    lines=st.lists(st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\n"), max_size=8), max_size=12),
    parts=st.integers(min_value=1, max_value=5),
)
def test_the_last_batch_splits_at_line_ends(lines: list[str], parts: int) -> None:
    """The final batch is shared among the loaders: whole lines, in order, none lost, at most one piece each."""
    data = "".join(f"{line}\n" for line in lines).encode()
    pieces = build_module._split(data, parts)
    assert b"".join(pieces) == data
    assert len(pieces) <= parts and all(piece.endswith(b"\n") for piece in pieces)


def test_the_last_batch_splits_evenly() -> None:
    data = b"".join(b"<s> <p> <o> <g> .\n" for _ in range(1000))
    assert [piece.count(b"\n") for piece in build_module._split(data, 2)] == [500, 500]
    assert [piece.count(b"\n") for piece in build_module._split(data, 3)] == [334, 333, 333]


def test_a_load_that_fails_leaves_the_store_as_it_was(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A load runs on a thread: its failure still reaches the caller as a StoreError, after every load in flight
    has stopped, and the live store keeps what it held (no staging copy left behind)."""
    monkeypatch.setattr(build_module, "BATCH_QUADS", 1)
    before = dump(Path("store"))
    calls: list[int] = []
    load = build_module._StreamWriter._load

    def failing(self: build_module._StreamWriter, data: bytes) -> None:
        calls.append(1)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        load(self, data)

    monkeypatch.setattr(build_module._StreamWriter, "_load", failing)
    with pytest.raises(StoreError, match="No space left on device") as raised:
        build(["corpus"], Path("store"), jobs=2, force=True)
    assert "left as it was" in str(raised.value)
    assert dump(Path("store")) == before
    assert [p.name for p in Path(".").iterdir() if "staging" in p.name] == []


def test_new_extraction_code_re_extracts(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(incremental, "pipeline_version", lambda extractor: f"{extractor}+code.elsewhere")
    report = build([ISSUE_106], Path("store"), jobs=1)
    assert report.built == [ISSUE_106] and report.unchanged == []


def test_bad_files_in_workers_are_reported_and_the_rest_built(work: Path) -> None:
    Path("mixed").mkdir()
    shutil.copy(ISSUE_106, "mixed/good.txt")
    Path("mixed", "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    Path("mixed", "prose.txt").write_text("这是一段没有任何公文编号的普通文字。\n", encoding="utf-8")
    report = build(["mixed"], Path("fresh"), jobs=2)
    assert [(s.path, s.reason.split(": ")[1].split(" (")[0]) for s in report.skipped] == [
        ("mixed/binary.txt", "binary file; it is not a text file"),
        ("mixed/prose.txt", "no document recognised"),
    ]
    assert report.built == ["mixed/good.txt"]


# --- the map step ----------------------------------------------------------------------------------


def _square(n: int) -> int:
    return n * n


def _die(n: int) -> int:
    os._exit(3)


def test_results_come_back_in_input_order_from_any_executor() -> None:
    ticks: list[int] = []
    with cf.ThreadPoolExecutor(max_workers=3) as pool:
        got = parallel.map_in_order(_square, list(range(40)), jobs=2, executor=pool, done=lambda: ticks.append(1))
    assert got == [n * n for n in range(40)] and len(ticks) == 40
    assert parallel.map_in_order(_square, [3, 4], jobs=2) == [9, 16]  # a process pool


class _CountingExecutor(cf.ThreadPoolExecutor):
    """Counts tasks submitted, to see how far ahead of the consumer the map runs."""

    submitted = 0

    def submit(self, fn, /, *args, **kwargs):  # type: ignore[no-untyped-def, override]
        self.submitted += 1
        return super().submit(fn, *args, **kwargs)


def test_results_are_yielded_as_they_come_and_at_most_a_window_ahead() -> None:
    """The build writes each result while the rest are extracted; what it holds does not grow with the input."""
    with _CountingExecutor(max_workers=3) as pool:
        results = parallel.iter_in_order(_square, list(range(100)), jobs=2, executor=pool)
        window = max(2 * 2, 16)
        for taken, value in enumerate(results, 1):
            assert value == (taken - 1) ** 2
            assert pool.submitted - taken <= window - 1
        assert pool.submitted == 100


def test_a_dead_worker_is_a_worker_error() -> None:
    with pytest.raises(WorkerError, match="worker died"):
        parallel.map_in_order(_die, [1, 2], jobs=2)


@pytest.mark.parametrize("jobs", [0, -1, 1.5, True])
def test_jobs_must_be_a_positive_whole_number(jobs: object) -> None:
    with pytest.raises(BuildError, match="jobs"):
        parallel.resolve_jobs(jobs)  # type: ignore[arg-type]


def test_packed_lines_come_back_as_one_batch() -> None:
    writer = GraphWriter("http://g")
    for n in range(2000):
        writer.add(f"http://x/{n}", "http://x/p", text(f'值\n"{n}"\\'))
    quads = [
        ox.Quad(
            ox.NamedNode(f"http://x/{n}"), ox.NamedNode("http://x/p"), ox.Literal(f'值\n"{n}"\\'), ox.NamedNode("http://g")
        )
        for n in range(2000)
    ]
    lines = writer.lines
    batch = parallel.unpacked_bytes(
        [parallel.pack_lines(lines[:1000]), parallel.pack_lines([]), parallel.pack_lines(lines[1000:], compress=False)]
    )
    assert list(ox.parse(batch, format=ox.RdfFormat.N_QUADS)) == quads


# --- a Dask cluster ----------------------------------------------------------------------------------


def test_a_dask_cluster_builds_the_same_store(original: Path, tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    with (
        distributed.LocalCluster(
            n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None, silence_logs=40
        ) as cluster,
        distributed.Client(cluster) as client,
        contextlib.chdir(original),
    ):
        report = build(["corpus"], tmp_path / "dask", executor=client)
    assert report.ok and report.built == [f"corpus/{name}" for name in FILES]
    assert dump(tmp_path / "dask") == dump(original / "store")
