"""The real store: deterministic, idempotent, atomic builds; bad input reported, the rest built."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import build as build_module
from kg import ids
from kg.build import build
from kg.cli import main
from kg.store import open_for_reading

SHARED_GRAPHS = {
    f"<{ids.MANIFEST_GRAPH}>",
    f"<{ids.ONTOLOGY_GRAPH}>",
    f"<{ids.ENTITIES_GRAPH}>",
    f"<{ids.DERIVED_GRAPH}>",  # recomputed by every build, never "replaced"
}


def _dump(path: Path) -> list[str]:
    with open_for_reading(path) as store:
        data = store.dump(format=ox.RdfFormat.N_QUADS).decode("utf-8")
    return sorted(data.splitlines())


def _one_issue(corpus_files: list[Path], tmp_path: Path, name: str = "issue.txt") -> Path:
    smallest = min(corpus_files, key=lambda p: p.stat().st_size)
    target = tmp_path / "in" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(smallest, target)
    return target


def test_same_input_gives_the_same_graph_byte_for_byte(corpus_files: list[Path], tmp_path: Path) -> None:
    source = _one_issue(corpus_files, tmp_path)
    build([source], tmp_path / "a")
    build([source], tmp_path / "b")
    assert _dump(tmp_path / "a") == _dump(tmp_path / "b")


def test_rebuilding_replaces_graphs_without_duplicates(corpus_files: list[Path], tmp_path: Path) -> None:
    source = _one_issue(corpus_files, tmp_path)
    store = tmp_path / "store"
    first = build([source], store)
    once = _dump(store)
    second = build([source], store, force=True)  # unchanged files are left alone unless forced
    assert second.removed_graphs == len(
        [g for g in {line.rsplit(" ", 2)[-2] for line in once} if g not in SHARED_GRAPHS]
    )
    assert _dump(store) == once
    assert first.quads == second.quads


def test_changed_file_replaces_its_old_graphs(corpus_files: list[Path], tmp_path: Path) -> None:
    source = _one_issue(corpus_files, tmp_path)
    store = tmp_path / "store"
    build([source], store)
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("衢政发〔2018〕15号", "衢政发〔2018〕99号"), encoding="utf-8")
    build([source], store)
    dump = "\n".join(_dump(store))
    assert 'id_local> "衢政发〔2018〕99号"' in dump
    assert 'id_local> "衢政发〔2018〕15号"' not in dump  # the TOC still lists 15号; no document has it


def test_failed_build_leaves_the_store_as_it_was(
    corpus_files: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = _one_issue(corpus_files, tmp_path)
    store = tmp_path / "store"
    build([source], store)
    before = _dump(store)

    def explode(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("disk full (simulated)")

    real_map = build_module.map_issue

    def map_then_break(*args: object, **kwargs: object):  # the store is being written when it fails
        mapped = real_map(*args, **kwargs)
        monkeypatch.setattr(ox.Store, "extend", explode)
        return mapped

    monkeypatch.setattr(build_module, "map_issue", map_then_break)
    source.write_text(source.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    with pytest.raises(RuntimeError, match="disk full"):
        build([source], store)
    monkeypatch.undo()
    assert _dump(store) == before
    assert not list(tmp_path.glob("store.staging-*"))


def test_bad_files_are_reported_and_the_rest_is_built(
    corpus_files: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = _one_issue(corpus_files, tmp_path, "good.txt")
    folder = good.parent
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (folder / "prose.txt").write_text("这是一段没有任何公文编号的普通文字。\n", encoding="utf-8")
    gbk = folder / "gbk.txt"
    gbk.write_bytes(good.read_text(encoding="utf-8").encode("gb18030"))
    code = main(["build", str(folder), "--store", str(tmp_path / "store"), "--quiet"])
    err = capsys.readouterr().err
    assert code == 1
    for name in ("empty.txt", "binary.txt", "prose.txt"):
        assert name in err
    assert "built 2 file(s)" in err
    with open_for_reading(tmp_path / "store") as store:
        sources = list(store.query(f"SELECT ?e WHERE {{ GRAPH <{ids.MANIFEST_GRAPH}> {{ ?s ?p ?e }} }}"))
    assert any(row["e"].value == "gb18030" for row in sources)


def test_missing_store_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", "--store", str(tmp_path / "nowhere")]) == 2
    assert "kg build" in capsys.readouterr().err


def test_entities_no_longer_named_are_pruned(corpus_files: list[Path], tmp_path: Path) -> None:
    source = _one_issue(corpus_files, tmp_path)
    store = tmp_path / "store"
    build([source], store)
    assert "衢州市科学技术局" in "\n".join(_dump(store))
    text = source.read_text(encoding="utf-8")
    # Short forms in task lists and affiliations (市科技局, 科技局 after 市经信委、) resolve to the
    # registry's full name, so they are renamed too: then nothing names the body and its entity must go.
    renamed = text.replace("衢州市科学技术局", "衢州市科技创新署").replace("科技局", "科创署")
    source.write_text(renamed, encoding="utf-8")
    build([source], store)
    dump = "\n".join(_dump(store))
    assert "衢州市科技创新署" in dump
    assert "衢州市科学技术局" not in dump


def _rows(store: ox.Store, query: str) -> list[tuple[str, ...]]:
    prefixes = "PREFIX gk: <https://w3id.org/gazette-kg/ontology#> PREFIX prov: <http://www.w3.org/ns/prov#> "
    return [tuple(term.value for term in row) for row in store.query(prefixes + query)]


def test_facts_read_from_one_span_share_one_evidence_node_described_once(built_store: Path) -> None:
    """Evidence is identified by what was read (span, field), so a task row's agency list is one node."""
    with open_for_reading(built_store) as store:
        shared = _rows(
            store,
            "SELECT ?ev (COUNT(DISTINCT ?fact) AS ?n) WHERE { GRAPH ?g { ?fact prov:wasDerivedFrom ?ev } } "
            "GROUP BY ?ev HAVING (COUNT(DISTINCT ?fact) > 1)",
        )
        described_twice = _rows(
            store,
            "SELECT ?ev WHERE { GRAPH ?g { ?ev gk:field ?f } } GROUP BY ?ev ?g HAVING (COUNT(?f) > 1)",
        )
        dangling = _rows(
            store,
            "SELECT ?ev WHERE { GRAPH ?g { ?fact prov:wasDerivedFrom ?ev } "
            "FILTER NOT EXISTS { GRAPH ?h { ?ev gk:field ?f } } }",
        )
    assert len(shared) > 100, "task rows and citations should share their list/sentence evidence"
    assert not described_twice, described_twice[:3]
    assert not dangling, "every evidence a fact points to is described (derived facts point into document graphs)"


def test_every_line_the_workers_write_is_strict_n_quads(corpus_files: list[Path]) -> None:
    """Workers format N-Quads themselves (kg.quads) and the store loads them leniently: check them strictly here."""
    for path in corpus_files:
        mapped, _ = build_module.extract_file(path)
        lines = [line for graph in mapped.graphs.values() for line in graph] + mapped.source_lines
        quads = mapped.quads()  # ox.parse, strict: a bad IRI, escape or literal raises SyntaxError
        assert len(quads) == len(lines) - len(mapped.source_lines) + len(mapped.entity_lines) > 10_000
        quoted = [q.object.value for q in quads if isinstance(q.object, ox.Literal) and "\n" in q.object.value]
        assert quoted, "literals with line breaks (table contexts) round-trip through the escaping"
        assert all(line.endswith(" .\n") and line.count("\n") == 1 for line in lines)


def test_optimize_compacts_the_index_and_changes_no_statement(
    corpus_files: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`kg build --optimize` merges the index files many bulk loads leave; the store says exactly the same."""
    plain, compacted = tmp_path / "plain", tmp_path / "compacted"
    assert main(["build", "-q", "--jobs", "1", "--store", str(plain), *map(str, corpus_files)]) == 0
    capsys.readouterr()
    assert main(["build", "-q", "--jobs", "1", "--store", str(compacted), "--optimize", *map(str, corpus_files)]) == 0
    assert "compacted the store's index in" in capsys.readouterr().err

    def dump(path: Path) -> bytes:
        with open_for_reading(path) as store:
            return store.dump(format=ox.RdfFormat.N_QUADS)

    assert dump(compacted) == dump(plain)
    assert len(list(compacted.glob("*.sst"))) <= len(list(plain.glob("*.sst")))
    # nothing changed since: the build writes nothing, the store is compacted all the same, and stays readable
    assert main(["build", "-q", "--store", str(plain), "--optimize", *map(str, corpus_files)]) == 0
    assert dump(plain) == dump(compacted)


def test_a_build_of_several_batches_compacts_the_index_by_itself(
    corpus_files: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Several bulk loads leave several sets of index files: such a build compacts them unless told not to; a build
    that wrote one batch (an incremental update) does not rewrite the whole index. The statements never change."""
    one_batch = build_module.build(corpus_files, tmp_path / "one", jobs=1)
    assert one_batch.compaction_seconds is None
    monkeypatch.setattr(build_module, "BATCH_QUADS", 20_000)  # the sample corpus then loads in several batches
    batches = build_module.build(corpus_files, tmp_path / "batches", jobs=1)
    assert batches.compaction_seconds is not None and batches.compaction_seconds >= 0
    kept = build_module.build(corpus_files, tmp_path / "kept", jobs=1, optimize=False)
    assert kept.compaction_seconds is None

    def dump(path: Path) -> bytes:
        with open_for_reading(path) as store:
            return store.dump(format=ox.RdfFormat.N_QUADS)

    assert dump(tmp_path / "batches") == dump(tmp_path / "one") == dump(tmp_path / "kept")
    assert len(list((tmp_path / "batches").glob("*.sst"))) < len(list((tmp_path / "kept").glob("*.sst")))
