"""``kg.export``: every format read back and compared with the real store it came from.

The whole store (160k quads) is read back with pyoxigraph, which is fast; rdflib, an independent
reader, checks a sample store made of the real store's smaller named graphs, its ontology and derived
graphs (18k quads), so that the file stays quick.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

from kg import queries
from kg.errors import ExportError, GazetteKGError, QueryError
from kg.export import FORMATS, TABLES, ExportReport, _atomic, export, prefixes
from kg.network import Network
from kg.store import open_for_reading
from ontology import GRAPH_BASE

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
SAMPLE_MAX_QUADS = 1000  # named graphs smaller than this make the sample store, with these whole:
SAMPLE_GRAPHS = {GRAPH_BASE + name for name in ("ontology", "derived", "manifest")}

HEADERS = {
    "people": ["person", "name", "posts", "tenures", "changes", "groups", "commendations", "tasks", "documents"],
    "posts": ["post", "name", "title", "agency", "holders", "current", "tenures", "documents", "agencyIri"],
    "tenures": [
        "tenure",
        "person",
        "post",
        "agency",
        "title",
        "kind",
        "from",
        "to",
        "status",
        "concurrent",
        "startedBy",
        "endedBy",
        "replaces",
        "personIri",
        "postIri",
        "agencyIri",
    ],
    "agencies": [
        "agency",
        "name",
        "nameEn",
        "aliases",
        "level",
        "registryId",
        "registryEvidence",
        "tasksLed",
        "tasksResponsible",
        "tasksSupport",
        "documents",
        "successor",
    ],
    "tasks": [
        "task",
        "title",
        "document",
        "lead",
        "responsible",
        "support",
        "leader",
        "deadline",
        "layout",
        "documentIri",
    ],
    "documents": [
        "document",
        "number",
        "title",
        "date",
        "issuers",
        "section",
        "type",
        "resolved",
        "issues",
        "effective",
        "until",
        "amendedBy",
        "repealedBy",
        "cites",
        "citedBy",
        "tasks",
    ],
}


def _target(directory: Path, fmt: str) -> Path:
    return directory / ("tables" if fmt == "csv" else f"kg.{fmt}")


@pytest.fixture(scope="module")
def exported(built_store: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, ExportReport]:
    """Every format exported once from the corpus store."""
    out = tmp_path_factory.mktemp("export")
    with open_for_reading(built_store) as store:
        return {fmt: export(store, fmt, _target(out, fmt)) for fmt in FORMATS}


@dataclass(frozen=True)
class Contents:
    """The corpus store as N-Quads / N-Triples strings, to compare exports with."""

    quads: set[str]
    union: set[str]  # each triple of any named graph once
    graphs: set[str]


@pytest.fixture(scope="module")
def contents(built_store: Path) -> Contents:
    with open_for_reading(built_store) as store:
        quads = list(store)
        return Contents(
            quads={str(q) for q in quads},
            union={str(ox.Triple(q.subject, q.predicate, q.object)) for q in quads},
            graphs={q.graph_name.value for q in quads},
        )


@pytest.fixture(scope="module")
def sample(built_store: Path) -> ox.Store:
    """An in-memory store: the real store's small named graphs, its ontology, derived graph and manifest."""
    memory = ox.Store()
    with open_for_reading(built_store) as store:
        for graph in store.named_graphs():
            quads = list(store.quads_for_pattern(None, None, None, graph))
            if len(quads) < SAMPLE_MAX_QUADS or graph.value in SAMPLE_GRAPHS:
                memory.extend(quads)
    return memory


def _rdflib_term(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> rdflib.term.Identifier:
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    if term.datatype.value == _XSD_STRING:
        return rdflib.Literal(term.value)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))


def _rdflib_union(store: ox.Store) -> rdflib.Graph:
    """The union of the store's named graphs, read term by term into rdflib (not through any export)."""
    graph = rdflib.Graph()
    for triple in {(q.subject, q.predicate, q.object) for q in store}:
        graph.add(tuple(_rdflib_term(t) for t in triple))
    return graph


def _rdflib_quads(dataset: rdflib.Dataset) -> set[tuple]:
    quads = set()
    for s, p, o, g in dataset.quads():
        quads.add((s, p, o, getattr(g, "identifier", g)))
    return quads


def _parsed(path: Path, rdf_format: ox.RdfFormat) -> list[ox.Quad]:
    return list(ox.parse(path=path, format=rdf_format))


# ----------------------------------------------------------------------- RDF


def test_turtle_is_the_union_of_the_named_graphs(exported: dict[str, ExportReport], contents: Contents) -> None:
    report = exported["ttl"]
    path = report.written[0]
    union = contents.union
    triples = _parsed(path, ox.RdfFormat.TURTLE)
    assert len(triples) == len(union) == report.records  # each triple once
    assert {str(q) for q in triples} == union
    text = path.read_text(encoding="utf-8")
    for name in ("eli", "dcterms", "foaf", "org", "prov", "skos", "nif", "time", "gk", "rdfs", "xsd", "bibo", "m8g"):
        assert f"@prefix {name}: <{prefixes()[name]}> ." in text
    body = [line for line in text.splitlines() if not line.startswith("@prefix")]
    assert "\ta gk:Task ;" in body
    full = ("<https://w3id.org/gazette-kg/id/", "<https://w3id.org/gazette-kg/ontology#")
    assert not any(line.startswith(full) for line in body)  # subjects are compact IRIs


def test_rdflib_reads_turtle_isomorphic_to_the_store(sample: ox.Store, tmp_path: Path) -> None:
    report = export(sample, "ttl", tmp_path / "sample.ttl")
    parsed = rdflib.Graph().parse(report.written[0], format="turtle")
    expected = _rdflib_union(sample)
    assert len(parsed) == len(expected) == report.records > 10_000
    assert isomorphic(parsed, expected)


@pytest.mark.parametrize(("fmt", "rdf_format"), [("trig", ox.RdfFormat.TRIG), ("nq", ox.RdfFormat.N_QUADS)])
def test_trig_and_nquads_keep_every_quad_in_its_graph(
    exported: dict[str, ExportReport],
    contents: Contents,
    fmt: str,
    rdf_format: ox.RdfFormat,
) -> None:
    report = exported[fmt]
    quads = _parsed(report.written[0], rdf_format)
    assert {str(q) for q in quads} == contents.quads
    assert len(quads) == len(contents.quads) == report.records
    assert {q.graph_name.value for q in quads} == contents.graphs
    assert not any(isinstance(q.graph_name, ox.DefaultGraph) for q in quads)


def test_rdflib_reads_the_named_graphs_of_trig(sample: ox.Store, tmp_path: Path) -> None:
    report = export(sample, "trig", tmp_path / "sample.trig")
    dataset = rdflib.Dataset()
    dataset.parse(report.written[0], format="trig")
    graphs = {g for *_, g in _rdflib_quads(dataset)}
    assert len(graphs) == sum(1 for _ in sample.named_graphs())
    assert len(_rdflib_quads(dataset)) == len(sample) == report.records


def test_jsonld_has_a_context_and_keeps_every_quad(exported: dict[str, ExportReport], contents: Contents) -> None:
    report = exported["jsonld"]
    path = report.written[0]
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["@context"]["gk"] == "https://w3id.org/gazette-kg/ontology#"
    assert {entry["@id"] for entry in document["@graph"]} == {
        graph.replace(GRAPH_BASE, "gkgraph:") for graph in contents.graphs
    }
    nodes = [node for entry in document["@graph"] for node in entry["@graph"]]
    assert any(node.get("@type") == "gk:Task" and "dcterms:title" in node for node in nodes)
    quads = _parsed(path, ox.RdfFormat.JSON_LD)
    assert len(quads) == report.records == len(contents.quads)
    assert {str(q) for q in quads} == contents.quads


def test_rdflib_reads_jsonld_as_the_same_dataset(sample: ox.Store, tmp_path: Path) -> None:
    report = export(sample, "jsonld", tmp_path / "sample.jsonld")
    parsed = rdflib.Dataset()
    parsed.parse(report.written[0], format="json-ld")
    reference = rdflib.Dataset()
    reference.parse(data=sample.dump(format=ox.RdfFormat.N_QUADS), format="nquads")
    assert len(_rdflib_quads(parsed)) == len(sample) == report.records
    assert _rdflib_quads(parsed) == _rdflib_quads(reference)


# ----------------------------------------------------------------------- GraphML


def test_graphml_reads_back_with_networkx(exported: dict[str, ExportReport], built_store: Path) -> None:
    report = exported["graphml"]
    graph = nx.read_graphml(report.written[0], force_multigraph=True)
    with open_for_reading(built_store) as store:
        full = Network.load(store).full()
    assert graph.number_of_nodes() == full.number_of_nodes() > 500
    assert graph.number_of_edges() == full.number_of_edges() > 1000
    assert report.records == graph.number_of_nodes() + graph.number_of_edges()
    assert all(data.get("label") and data.get("kind") for _, data in graph.nodes(data=True))
    people = {data["label"]: node for node, data in graph.nodes(data=True) if data["kind"] == "person"}
    assert "季根寿" in people
    edges = list(graph.edges(data=True))
    assert all(isinstance(data.get("start", 0), int) and data["relation"] and data["fact"] for *_, data in edges)
    appointed = [d for s, _, d in edges if s == people["季根寿"] and d["relation"] == "appointed"]
    assert appointed and all(d["document"] == "衢政干〔2018〕8号" and d["sentence"] for d in appointed)
    documents = [data for _, data in graph.nodes(data=True) if data["kind"] == "document"]
    assert any(data["resolved"] is False for data in documents) and any(data["resolved"] is True for data in documents)


# ----------------------------------------------------------------------- CSV


def _read_table(path: Path) -> list[dict[str, str]]:
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # the BOM that makes Excel read UTF-8
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _count(store_path: Path, sparql: str) -> int:
    with open_for_reading(store_path) as store:
        _, rows = queries.run_select(store, sparql)
    return int(rows[0][0].value)


def test_csv_tables_have_headers_and_plausible_rows(exported: dict[str, ExportReport], built_store: Path) -> None:
    report = exported["csv"]
    assert [p.name for p in report.written] == [f"{name}.csv" for name in TABLES]
    tables = {}
    for path in report.written:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            assert next(csv.reader(handle)) == HEADERS[path.stem]
        tables[path.stem] = _read_table(path)
    assert report.records == sum(len(rows) for rows in tables.values())

    tenures = tables["tenures"]
    assert len(tenures) == 17
    ji = [row for row in tenures if row["person"] == "季根寿" and row["post"] == "衢州市食品安全委员会办公室副主任"]
    assert len(ji) == 1
    assert ji[0]["status"] == "open" and ji[0]["startedBy"] == "衢政干〔2018〕8号" and ji[0]["from"] == "2018-05-24"
    assert ji[0]["to"] == "" and ji[0]["concurrent"] == "true"

    documents = tables["documents"]
    printed = [row for row in documents if row["resolved"] == "true"]
    assert len(printed) == 61 and len(documents) > 61
    assert all(row["number"] and row["title"] and row["issuers"] and row["section"] for row in printed)
    assert any(row["repealedBy"] for row in documents)

    gk = "PREFIX gk: <https://w3id.org/gazette-kg/ontology#> PREFIX foaf: <http://xmlns.com/foaf/0.1/> "
    assert len(tables["tasks"]) == _count(built_store, gk + "SELECT (COUNT(DISTINCT ?t) AS ?n) { ?t a gk:Task }")
    assert len(tables["people"]) == _count(built_store, gk + "SELECT (COUNT(DISTINCT ?p) AS ?n) { ?p a foaf:Person }")
    assert sum(bool(row["lead"]) for row in tables["tasks"]) > 0.9 * len(tables["tasks"])

    agencies = {row["name"]: row for row in tables["agencies"]}
    assert len(agencies) == len(tables["agencies"])  # one row per agency, full names unique here
    ndrc = agencies["衢州市发展和改革委员会"]
    assert ndrc["nameEn"] and "市发改委" in ndrc["aliases"].split("|") and int(ndrc["tasksLed"]) > 0
    assert {row["person"] for row in tenures} <= {row["name"] for row in tables["people"]}


# ----------------------------------------------------------------------- contract


def test_same_store_gives_the_same_bytes(exported: dict[str, ExportReport], built_store: Path, tmp_path: Path) -> None:
    with open_for_reading(built_store) as store:
        for fmt in ("ttl", "nq", "graphml", "csv"):
            again = export(store, fmt, _target(tmp_path, fmt))
            assert [p.name for p in again.written] == [p.name for p in exported[fmt].written]
            for first, second in zip(exported[fmt].written, again.written, strict=True):
                assert first.read_bytes() == second.read_bytes(), first.name


def test_summaries_say_what_was_written(exported: dict[str, ExportReport], contents: Contents) -> None:
    graphs = f"{len(contents.graphs):,} named graphs"
    assert re.fullmatch(rf"wrote [\d,]+ quads \(N-Quads, {graphs}\) to .*kg\.nq", exported["nq"].summary())
    assert re.fullmatch(rf"wrote [\d,]+ triples \(Turtle, union of {graphs}\) to .*kg\.ttl", exported["ttl"].summary())
    assert "nodes and edges (GraphML, full network:" in exported["graphml"].summary()
    assert "rows (CSV, UTF-8 with BOM, people 147," in exported["csv"].summary()
    assert exported["csv"].summary().endswith("tables")
    for report in exported.values():
        assert all(p.exists() for p in report.written)
        assert not list(report.written[0].parent.glob(".*.part"))  # no temporary file left behind


def test_unknown_format_is_refused(built_store: Path, tmp_path: Path) -> None:
    with open_for_reading(built_store) as store, pytest.raises(QueryError, match="ttl, trig, nq, jsonld, graphml, csv"):
        export(store, "xlsx", tmp_path / "out.xlsx")
    assert not list(tmp_path.iterdir())


def test_unusable_targets_are_refused_and_left_alone(sample: ox.Store, tmp_path: Path) -> None:
    afile = tmp_path / "tables"
    afile.write_text("keep me", encoding="utf-8")
    with pytest.raises(ExportError, match="is a file"):
        export(sample, "csv", afile)
    with pytest.raises(ExportError, match="is a directory"):
        export(sample, "ttl", tmp_path)
    assert afile.read_text(encoding="utf-8") == "keep me"
    assert issubclass(ExportError, GazetteKGError)  # the CLI prints it as a one-line message


def test_a_failed_write_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "out.nq"
    target.write_text("old\n", encoding="utf-8")
    with pytest.raises(RuntimeError), _atomic(target) as temp:
        temp.write_text("half of a new fi", encoding="utf-8")
        raise RuntimeError("disk full")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.nq"]


def test_export_replaces_an_existing_file(sample: ox.Store, tmp_path: Path) -> None:
    target = tmp_path / "sub" / "kg.nq"
    target.parent.mkdir()
    target.write_text("stale\n", encoding="utf-8")
    report = export(sample, "NQ", target)
    assert report.format == "nq" and report.written == [target]
    assert len(_parsed(target, ox.RdfFormat.N_QUADS)) == len(sample)
