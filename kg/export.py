"""Export the store for other tools: RDF files, a GraphML network and spreadsheet tables.

``kg export --format F -o OUT`` calls :func:`export`. The formats, and who they are for:

- ``ttl`` — Turtle of the union of all named graphs, each triple once (a triple stands in several
  graphs when several documents state it): for RDF tools that know nothing of named graphs;
- ``trig``, ``nq`` — every quad with its named graph, so the provenance (which issue and document
  says it) survives: TriG to read, N-Quads to load into another triple store or to ``diff``;
- ``jsonld`` — JSON-LD with an ``@context`` of the project's prefixes, one ``@graph`` per named
  graph, one node object per line;
- ``graphml`` — the full network projection (:meth:`kg.network.Network.full`) for Gephi, yEd or
  networkx: entities as nodes (``label``, ``kind`` …), facts as edges with their evidence;
- ``csv`` — ``OUT`` is a directory of spreadsheet tables (people, posts, tenures, agencies, tasks,
  documents), one per named query ``queries/table-*.rq``, written as UTF-8 *with a BOM* so that
  Excel opens the Chinese text correctly, CRLF line ends, a header row, ``|`` between the values of
  a multi-valued cell.

Every file is written to a temporary file beside its target and renamed over it only when complete,
so a failed export never leaves half a file (the CSV tables are renamed together, at the end).
The same store always gives byte-identical ``ttl``, ``nq``, ``trig``, ``csv`` and ``graphml`` output:
the store dumps in its index order, and whatever passes through Python is sorted.
"""

from __future__ import annotations

import contextlib
import csv
import functools
import json
import os
import re
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import networkx as nx
import pyoxigraph as ox

from kg import queries
from kg.errors import ExportError, QueryError
from kg.network import Network
from kg.output import plain
from ontology import GRAPH_BASE, ID_BASE, ontology_path

FORMATS: tuple[str, ...] = ("ttl", "trig", "nq", "jsonld", "graphml", "csv")

#: The CSV tables, each read by the named query ``table-<name>``, written as ``<name>.csv``.
TABLES: tuple[str, ...] = ("people", "posts", "tenures", "agencies", "tasks", "documents")

_NAMES = {
    "ttl": "Turtle",
    "trig": "TriG",
    "nq": "N-Quads",
    "jsonld": "JSON-LD",
    "graphml": "GraphML",
    "csv": "CSV",
}
_UNITS = {
    "ttl": "triples",
    "trig": "quads",
    "nq": "quads",
    "jsonld": "quads",
    "graphml": "nodes and edges",
    "csv": "rows",
}
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_PREFIX_LINE = re.compile(r"^@prefix\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>\s*\.", re.MULTILINE)


@dataclass(frozen=True)
class ExportReport:
    """What an export wrote; ``detail`` is shown in the summary's parentheses after the format name."""

    format: str
    written: list[Path]
    records: int  # triples / quads / graph nodes + edges / CSV rows
    detail: str = ""

    def summary(self) -> str:
        """One line for a person, e.g. ``wrote 160,471 quads (N-Quads, 68 named graphs) to out.nq``."""
        what = ", ".join(part for part in (_NAMES.get(self.format, self.format), self.detail) if part)
        target = self.written[0] if len(self.written) == 1 else (self.written[0].parent if self.written else "")
        return f"wrote {self.records:,} {_UNITS.get(self.format, 'records')} ({what}) to {target}"


@functools.cache
def prefixes() -> dict[str, str]:
    """The prefixes of ``gazette.ttl`` (the single source of the vocabulary), plus ``gkid:`` for
    instances and ``gkgraph:`` for named graphs, sorted by name."""
    found = {name: iri for name, iri in _PREFIX_LINE.findall(ontology_path().read_text(encoding="utf-8")) if name}
    found |= {"gkid": ID_BASE, "gkgraph": GRAPH_BASE}
    return dict(sorted(found.items()))


def export(store: ox.Store, fmt: str, out: Path) -> ExportReport:
    """Write the store (or a view of it) to ``out`` in format ``fmt`` (one of :data:`FORMATS`)."""
    fmt = fmt.strip().lower()
    if fmt not in FORMATS:
        raise QueryError(f"unknown export format {fmt!r}; formats: {', '.join(FORMATS)}")
    out = Path(out)
    try:
        if fmt == "csv":
            return _export_csv(store, out)
        _check_file_target(out)
        if fmt == "ttl":
            return _export_turtle(store, out)
        if fmt in ("trig", "nq"):
            return _export_dataset(store, fmt, out)
        if fmt == "jsonld":
            return _export_jsonld(store, out)
        return _export_graphml(store, out)
    except OSError as exc:
        raise ExportError(f"cannot write {out}: {exc.strerror or exc}") from exc


# ----------------------------------------------------------------------- writing safely


def _check_file_target(out: Path) -> None:
    if out.is_dir():
        raise ExportError(f"{out} is a directory; give a file name (only --format csv writes into a directory)")
    out.parent.mkdir(parents=True, exist_ok=True)


def _temporary(path: Path) -> Path:
    """A fresh name beside ``path`` (same directory, so the final rename is atomic)."""
    return path.with_name(f".{path.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.part")


@contextlib.contextmanager
def _atomic(path: Path) -> Iterator[Path]:
    """A temporary path that replaces ``path`` only if the ``with`` block succeeds."""
    temp = _temporary(path)
    try:
        yield temp
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)


# ----------------------------------------------------------------------- RDF


def _graph_count(store: ox.Store) -> int:
    """Named graphs that hold at least one quad (the store may keep the name of an emptied graph)."""
    return sum(1 for graph in store.named_graphs() if next(store.quads_for_pattern(None, None, None, graph), None))


def _export_dataset(store: ox.Store, fmt: str, out: Path) -> ExportReport:
    """TriG / N-Quads: the store streams every quad straight to the file, graph by graph."""
    rdf_format = ox.RdfFormat.TRIG if fmt == "trig" else ox.RdfFormat.N_QUADS
    with _atomic(out) as temp:
        store.dump(str(temp), rdf_format, prefixes=prefixes() if fmt == "trig" else None)
    graphs = _graph_count(store)
    return ExportReport(fmt, [out], len(store), f"{graphs:,} named graphs")


def _union_triples(store: ox.Store) -> list[ox.Triple]:
    """Each triple of any named graph once, sorted by its N-Triples form (subjects stay together)."""
    seen = {ox.Triple(q.subject, q.predicate, q.object) for q in store}
    return sorted(seen, key=str)


def _export_turtle(store: ox.Store, out: Path) -> ExportReport:
    triples = _union_triples(store)
    with _atomic(out) as temp:
        ox.serialize(triples, str(temp), ox.RdfFormat.TURTLE, prefixes=prefixes())
    return ExportReport("ttl", [out], len(triples), f"union of {_graph_count(store):,} named graphs")


class _Compactor:
    """IRIs as compact IRIs (``gk:Task``) where a prefix of the context covers them."""

    def __init__(self, mapping: dict[str, str]) -> None:
        # Longest namespace first: gkid: must not swallow an IRI that a longer namespace covers.
        self._namespaces = sorted(((iri, name) for name, iri in mapping.items()), key=lambda p: -len(p[0]))
        self._cache: dict[str, str] = {}

    def __call__(self, iri: str) -> str:
        found = self._cache.get(iri)
        if found is None:
            found = self._cache[iri] = self._compact(iri)
        return found

    def _compact(self, iri: str) -> str:
        for namespace, name in self._namespaces:
            if iri.startswith(namespace):
                local = iri[len(namespace) :]
                # "p://x" would read as an absolute IRI and "p:" as the namespace itself: keep those whole.
                if local and not local.startswith("//"):
                    return f"{name}:{local}"
        return iri


def _jsonld_value(term: ox.NamedNode | ox.BlankNode | ox.Literal, compact: _Compactor) -> object:
    if isinstance(term, ox.Literal):
        if term.language:
            return {"@value": term.value, "@language": term.language}
        if term.datatype.value == _XSD_STRING:
            return term.value
        # The lexical form is kept as written: native JSON numbers and booleans would be re-canonicalised.
        return {"@value": term.value, "@type": compact(term.datatype.value)}
    if isinstance(term, ox.BlankNode):
        return {"@id": f"_:{term.value}"}
    return {"@id": compact(term.value)}


def _node_objects(quads: Iterable[ox.Quad], compact: _Compactor) -> Iterator[dict[str, object]]:
    """One JSON-LD node object per subject, subjects, properties and values in sorted order."""
    by_subject: dict[str, dict[str, list[ox.NamedNode | ox.BlankNode | ox.Literal]]] = {}
    subjects: dict[str, ox.NamedNode | ox.BlankNode] = {}
    for quad in quads:
        key = str(quad.subject)
        subjects[key] = quad.subject
        by_subject.setdefault(key, {}).setdefault(quad.predicate.value, []).append(quad.object)
    for key in sorted(by_subject):
        subject = subjects[key]
        node: dict[str, object] = {
            "@id": f"_:{subject.value}" if isinstance(subject, ox.BlankNode) else compact(subject.value)
        }
        for predicate in sorted(by_subject[key]):
            objects = sorted(by_subject[key][predicate], key=str)
            if predicate == _RDF_TYPE and all(isinstance(o, ox.NamedNode) for o in objects):
                types = [compact(o.value) for o in objects]
                node["@type"] = types[0] if len(types) == 1 else types
                continue
            values = [_jsonld_value(o, compact) for o in objects]
            node[compact(predicate)] = values[0] if len(values) == 1 else values
        yield node


def _write_nodes(handle: IO[str], nodes: Iterable[dict[str, object]], indent: str) -> None:
    for i, node in enumerate(nodes):
        handle.write(("" if i == 0 else ",") + "\n" + indent + json.dumps(node, ensure_ascii=False))


def _export_jsonld(store: ox.Store, out: Path) -> ExportReport:
    """JSON-LD written graph by graph: memory holds one named graph at a time, never the whole store.

    pyoxigraph's JSON-LD serializer ignores prefixes (full IRIs everywhere) and rdflib's needs the whole
    dataset in memory, so the document is written here: a prefix-map ``@context`` and only the plain
    JSON-LD shapes (``@id``, ``@type``, ``@value`` with ``@language`` or ``@type``, ``@graph``); the
    tests read it back with rdflib's JSON-LD parser and compare it with the store.
    """
    mapping = prefixes()
    compact = _Compactor(mapping)
    quads = written = 0
    graphs = sorted(store.named_graphs(), key=str)
    with _atomic(out) as temp, temp.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write('{"@context": ' + json.dumps(mapping, ensure_ascii=False, indent=1) + ',\n"@graph": [')
        first = True
        default = list(store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
        if default:
            quads += len(default)
            _write_nodes(handle, _node_objects(default, compact), " ")
            first = False
        for graph in graphs:
            members = list(store.quads_for_pattern(None, None, None, graph))
            if not members:
                continue
            quads += len(members)
            name = f"_:{graph.value}" if isinstance(graph, ox.BlankNode) else compact(graph.value)
            handle.write(("" if first else ",") + "\n " + '{"@id": ' + json.dumps(name, ensure_ascii=False))
            handle.write(', "@graph": [')
            _write_nodes(handle, _node_objects(members, compact), "  ")
            handle.write("\n ]}")
            first = False
            written += 1
        handle.write("\n]}\n")
    return ExportReport("jsonld", [out], quads, f"{written:,} named graphs")


# ----------------------------------------------------------------------- GraphML


def _graphml_attributes(data: dict[str, object]) -> dict[str, object]:
    """GraphML has no null and no lists: None is left out (an int key must not turn into a string key),
    anything but a string, number or boolean is written as its string."""
    return {
        key: value if isinstance(value, bool | int | float | str) else str(value)
        for key, value in data.items()
        if value is not None
    }


def _export_graphml(store: ox.Store, out: Path) -> ExportReport:
    network = Network.load(store).full()
    graph = nx.MultiDiGraph(name=network.graph.get("name", "gazette-kg"))
    for node, data in network.nodes(data=True):
        attributes = _graphml_attributes(data)
        if not attributes.get("label"):
            attributes["label"] = str(node)  # Gephi shows "label": every node has one
        graph.add_node(node, **attributes)
    for source, target, key, data in network.edges(keys=True, data=True):
        graph.add_edge(source, target, key=key, **_graphml_attributes(data))
    with _atomic(out) as temp:
        nx.write_graphml(graph, str(temp), encoding="utf-8")
    nodes, edges = graph.number_of_nodes(), graph.number_of_edges()
    return ExportReport("graphml", [out], nodes + edges, f"full network: {nodes:,} nodes, {edges:,} edges")


# ----------------------------------------------------------------------- CSV


def table(store: ox.Store, name: str) -> tuple[list[str], list[list[str]]]:
    """One spreadsheet table (a name of :data:`TABLES`): header and rows as plain strings."""
    columns, rows = queries.run_named(store, f"table-{name}", {})
    return columns, [[plain(term) for term in row] for row in rows]


def _export_csv(store: ox.Store, out: Path) -> ExportReport:
    if out.exists() and not out.is_dir():
        raise ExportError(f"{out} is a file; --format csv writes its tables into a directory")
    tables = {name: table(store, name) for name in TABLES}  # every query runs before anything is written
    out.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[Path, Path]] = []
    try:
        for name, (columns, rows) in tables.items():
            target = out / f"{name}.csv"
            temp = _temporary(target)
            staged.append((temp, target))
            with temp.open("w", encoding="utf-8-sig", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(columns)
                writer.writerows(rows)
        for temp, target in staged:
            os.replace(temp, target)
    finally:
        for temp, _ in staged:
            temp.unlink(missing_ok=True)
    counts = ", ".join(f"{name} {len(rows):,}" for name, (_, rows) in tables.items())
    records = sum(len(rows) for _, rows in tables.values())
    return ExportReport("csv", [target for _, target in staged], records, f"UTF-8 with BOM, {counts}")
