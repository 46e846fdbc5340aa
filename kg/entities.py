"""The entities graph as a function of the manifest: rebuilt from every source file's contribution at each build.

Shared entities (agencies with every form they are printed under, people, groups, offices, minted concepts, the
periodical, the extractor agents) are described once, in the entities graph, not in each document graph that
names them (ontology/README: the union default graph counts a triple once per graph holding it). Many files
describe one entity, so this graph cannot be replaced file by file like a document graph. Adding each built file's
statements and pruning entities nothing refers to any more (the builds before this module) kept a description
a file no longer gives: rebuild a notice that stopped printing 市财政地税局 and the body, still named by other
facts, kept that ``skos:altLabel`` for ever, so the store differed from a build from scratch of the same files.

So each file's contribution is kept with its manifest record: the distinct statements it gives the entities
graph, sorted N-Triples in one literal (``gk:entityStatements``, made by ``ledger``). After every change the
entities graph is rebuilt (``rebuild``) as the union of the contributions of the files the manifest holds, minus
the entities no document, issue or manifest graph refers to: by construction what a build from scratch of those
files writes, whichever files were re-extracted, replaced or pruned. One literal per file rather than a graph per
file, because every named graph is part of the union default graph (the duplicates would be back), and rather
than reified statements (four triples each, and IRIs that exports and graph walkers would follow).

A store written before the ledger existed has records without one: the entities graph is then kept and
added to (the old behaviour, stale descriptions included) until every file is rebuilt.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

import pyoxigraph as ox

from kg import ids
from kg.quads import RDF_TYPE, text, triple_lines
from ontology.terms import GK

log = logging.getLogger(__name__)

_ENTITIES = ox.NamedNode(ids.ENTITIES_GRAPH)
_MANIFEST = ox.NamedNode(ids.MANIFEST_GRAPH)
_SOURCE_FILE = ox.NamedNode(GK.SourceFile)
_ENTITY_STATEMENTS = ox.NamedNode(GK.entityStatements)


def ledger(lines: Iterable[str]) -> str:
    """A file's statements about shared entities: distinct N-Triples lines, sorted (the same file, the same text)."""
    return "".join(sorted(triple_lines(lines)))


def ledger_line(source: str, statements: str) -> str:
    """The manifest statement (an N-Quads line) that keeps a source file's ledger with its record."""
    return f"<{source}> <{GK.entityStatements}> {text(statements)} <{_MANIFEST.value}> .\n"


def rebuild(store: ox.Store) -> None:
    """Make the entities graph the union of the ledgers of the manifest's files, minus unreferenced entities.

    Ledgers are read one at a time and only their distinct lines kept: many files describe the same entities
    (100x corpus: 60 MB of ledgers, 385,000 lines, 59,000 distinct), so memory follows the entities graph,
    not the corpus.
    """
    sources = sorted({q.subject.value for q in store.quads_for_pattern(None, RDF_TYPE, _SOURCE_FILE, _MANIFEST)})
    statements: set[str] = set()
    legacy: list[str] = []
    for source in sources:
        found = False
        for quad in store.quads_for_pattern(ox.NamedNode(source), _ENTITY_STATEMENTS, None, _MANIFEST):
            found = True
            statements.update(quad.object.value.split("\n"))  # N-Triples lines: a line break is always escaped
        if not found:
            legacy.append(source)
    if legacy:
        log.warning(
            "%d source file(s) were built before entity ledgers (%s …): the entities graph is added to, not "
            "rebuilt, until they are built again",
            len(legacy),
            legacy[0],
        )
    else:
        store.remove_graph(_ENTITIES)
    statements.discard("")
    data = "".join(f"{line}\n" for line in sorted(statements)).encode("utf-8")
    store.bulk_load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=_ENTITIES, lenient=True)  # our own lines
    prune(store)


def prune(store: ox.Store) -> None:
    """Drop shared entity descriptions that no document, issue or manifest graph refers to any more.

    The derived graph does not count: it is recomputed from the other graphs right after (a stale
    tenure must not keep alive a person no document names any more). A registry successor
    (``gk:successorOrganization``) lives as long as the agency that points to it, so pruning runs
    until nothing more goes (a pruned agency takes its successor link with it).
    """
    entities, derived = ids.ENTITIES_GRAPH, ids.DERIVED_GRAPH
    update = f"""DELETE {{ GRAPH <{entities}> {{ ?e ?p ?o }} }}
        WHERE {{
          GRAPH <{entities}> {{ ?e ?p ?o }}
          FILTER NOT EXISTS {{ GRAPH ?g {{ ?x ?q ?e }} FILTER(?g != <{entities}> && ?g != <{derived}>) }}
          FILTER NOT EXISTS {{ GRAPH <{entities}> {{ ?source <{GK.successorOrganization}> ?e }} }}
        }}"""
    for _ in range(4):
        before = _size(store)
        store.update(update)
        if _size(store) == before:
            break


def _size(store: ox.Store) -> int:
    """Statements in the entities graph (``len(store)`` counts the whole store: 0.4 s at 10x, growing with it)."""
    (row,) = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{_ENTITIES.value}> {{ ?s ?p ?o }} }}")
    return int(row["n"].value)
