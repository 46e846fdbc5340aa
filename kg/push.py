"""Copy the store's named graphs to a SPARQL server, so a team can share one graph.

The server mirrors the store graph by graph: each named graph (one per issue and document, plus
the manifest, entities, ontology and derived graphs) is replaced whole — by a Graph Store Protocol
``PUT`` when a graph-store URL is known, else by ``DROP SILENT GRAPH`` + ``INSERT DATA`` through
SPARQL Update — so provenance survives, pushing twice leaves one copy, and a document rebuilt
locally replaces its graph on the server. Graphs under our graph namespace that the store no longer
has (a document removed from the corpus) are dropped from the server; other graphs are left alone.
Big graphs go in batches (the first replaces, the rest add), so no request grows without bound.

The server keeps, in its own ``graph/push-state`` graph, a hash of each graph as last pushed; a
graph whose content has not changed since is not sent again (``force`` sends everything), so
pushing after an incremental build costs as much as the documents that changed.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.remote import Endpoint
from ontology.terms import GK, GRAPH_BASE

log = logging.getLogger(__name__)

DEFAULT_BATCH = 20_000
PUSH_STATE_GRAPH = GRAPH_BASE + "push-state"


@dataclass(slots=True)
class PushReport:
    endpoint: str
    graphs: int = 0
    triples: int = 0
    requests: int = 0
    unchanged: int = 0
    dropped: list[str] = field(default_factory=list)
    protocol: str = "graph-store"

    def summary(self) -> str:
        dropped = f"; dropped {len(self.dropped)} graph(s) the store no longer has" if self.dropped else ""
        same = f"; {self.unchanged} graph(s) unchanged since the last push" if self.unchanged else ""
        return (
            f"pushed {self.triples:,} triples in {self.graphs} named graphs to {self.endpoint} "
            f"({self.protocol}, {self.requests} requests){same}{dropped}"
        )


def _batches(triples: list[ox.Triple], size: int) -> list[bytes]:
    chunks = [triples[i : i + size] for i in range(0, len(triples), size)] or [[]]
    return [ox.serialize(chunk, format=ox.RdfFormat.N_TRIPLES) or b"" for chunk in chunks]


def _graph_triples(store: ox.Store, graph: ox.NamedNode) -> list[ox.Triple]:
    triples = [ox.Triple(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, graph)]
    return sorted(triples, key=str)


def _send(endpoint: Endpoint, name: str, batches: list[bytes]) -> int:
    for number, body in enumerate(batches):
        if endpoint.store_url:
            (endpoint.put_graph if number == 0 else endpoint.post_graph)(name, body)
        else:
            replace = f"DROP SILENT GRAPH <{name}> ;\n" if number == 0 else ""
            endpoint.update(f"{replace}INSERT DATA {{ GRAPH <{name}> {{\n{body.decode('utf-8')}}} }}")
    return len(batches)


def _drop(endpoint: Endpoint, name: str) -> None:
    if endpoint.store_url:
        endpoint.delete_graph(name)
    else:
        endpoint.update(f"DROP SILENT GRAPH <{name}>")


def _pushed_hashes(endpoint: Endpoint) -> dict[str, str]:
    _, rows = endpoint.select(
        f"SELECT ?g ?hash WHERE {{ GRAPH <{PUSH_STATE_GRAPH}> {{ ?g <{GK.contentHash}> ?hash }} }}"
    )
    return {row[0].value: row[1].value for row in rows if row[0] is not None and row[1] is not None}


def push(
    store: ox.Store,
    endpoint: Endpoint,
    batch_size: int = DEFAULT_BATCH,
    force: bool = False,
    progress: Callable[[str], None] | None = None,
) -> PushReport:
    """Mirror every named graph of ``store`` on ``endpoint``; returns what was sent."""
    report = PushReport(endpoint.store_url or endpoint.update_url or endpoint.url)
    report.protocol = "graph-store" if endpoint.store_url else "sparql-update"
    local = sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode))
    known = {} if force else _pushed_hashes(endpoint)
    state: list[ox.Triple] = []
    for name in local:
        triples = _graph_triples(store, ox.NamedNode(name))
        batches = _batches(triples, batch_size)
        digest = hashlib.sha256(b"".join(batches)).hexdigest()
        state.append(ox.Triple(ox.NamedNode(name), ox.NamedNode(str(GK.contentHash)), ox.Literal(digest)))
        report.graphs += 1
        if known.get(name) == digest:
            report.unchanged += 1
            continue
        report.requests += _send(endpoint, name, batches)
        report.triples += len(triples)
        if progress:
            progress(name)
    kept = {*local, PUSH_STATE_GRAPH}
    report.dropped = sorted(g for g in endpoint.graphs() if g.startswith(GRAPH_BASE) and g not in kept)
    for name in report.dropped:
        _drop(endpoint, name)
        report.requests += 1
    # in batches too: one triple per graph, so a big store's state outgrows one INSERT DATA (Virtuoso: ~1,400)
    report.requests += _send(endpoint, PUSH_STATE_GRAPH, _batches(state, batch_size))
    return report
