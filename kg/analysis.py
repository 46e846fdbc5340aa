"""Network analysis over the projections: paths, neighbourhoods, centrality, communities, subgraphs.

Every answer keeps the evidence: a path is a list of hops, each with the fact, the document and
the sentence that links the two ends; a neighbourhood remembers through which fact each
neighbour was reached. Results are deterministic (sorted iteration, fixed seeds), so a notebook
tells the same story every time it runs.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from kg.errors import QueryError
from kg.network import LAYERS, RELATION_LABELS, Edge, Network, excerpt
from kg.tables import Table, table

#: ``--kind`` of ``kg viz``, ``kg path`` and ``kg neighbours``: which projection they walk.
VIEWS = ("people", "agencies", "policies", "all")


@dataclass(frozen=True, slots=True)
class Hop:
    """One step of a path: two entities and the fact (with its sentence) that links them."""

    source: str
    source_label: str
    target: str
    target_label: str
    relation: str
    forward: bool  # the fact reads source → target (False: it reads target → source)
    label: str
    document: str
    date: str
    sentence: str
    other_facts: int  # further facts linking the same two entities

    def describe(self) -> str:
        zh = RELATION_LABELS.get(self.relation, (self.relation,))[0]
        arrow = f"—{zh}→" if self.forward else f"←{zh}—"
        extra = f" ({self.label})" if self.label and self.label != zh else ""
        return f"{self.source_label} {arrow} {self.target_label}{extra}"


def _undirected(graph: nx.Graph) -> nx.Graph:
    """A simple undirected view for path finding: a fact reads both ways."""
    simple = nx.Graph()
    simple.add_nodes_from(graph.nodes(data=True))
    simple.add_edges_from((u, v) for u, v in graph.edges())
    return simple


def _facts_between(graph: nx.Graph, a: str, b: str) -> list[tuple[bool, dict]]:
    """The facts linking two nodes (both directions), each with whether it reads a → b."""
    found: list[tuple[bool, dict]] = []
    if graph.is_multigraph():
        for forward, (u, v) in ((True, (a, b)), (False, (b, a))):
            if graph.has_edge(u, v):
                found += [(forward, data) for _, data in sorted(graph.get_edge_data(u, v).items())]
    elif graph.has_edge(a, b):
        data = graph.edges[a, b]
        found += [(True, record) for record in data.get("evidence", [data])]
    return found


def _hop(graph: nx.Graph, a: str, b: str) -> Hop:
    facts = _facts_between(graph, a, b)
    forward, data = facts[0]
    labels = (_label(graph, a), _label(graph, b))
    return Hop(
        source=a,
        source_label=labels[0],
        target=b,
        target_label=labels[1],
        relation=data.get("relation", ""),
        forward=forward,
        label=data.get("label", ""),
        document=data.get("document", ""),
        date=data.get("date", ""),
        sentence=excerpt(data.get("sentence", ""), labels),
        other_facts=len(facts) - 1,
    )


def paths(graph: nx.Graph, source: str, target: str, limit: int = 3) -> list[list[Hop]]:
    """Up to ``limit`` shortest connections between two entities, each hop with its evidence."""
    for end in (source, target):
        if end not in graph:
            raise QueryError(f"{end} takes part in no fact of this network")
    simple = _undirected(graph)
    try:
        found = []
        for nodes in nx.all_shortest_paths(simple, source, target):
            found.append([_hop(graph, a, b) for a, b in itertools.pairwise(nodes)])
            if len(found) >= limit:
                break
    except nx.NetworkXNoPath:
        return []
    return found


def neighbourhood(graph: nx.Graph, centre: str | Iterable[str], hops: int = 1) -> nx.Graph:
    """The subgraph within ``hops`` facts of the centre node(s), edges read both ways."""
    centres = [centre] if isinstance(centre, str) else list(centre)
    missing = [c for c in centres if c not in graph]
    if missing:
        raise QueryError(f"{missing[0]} takes part in no fact of this network")
    simple = _undirected(graph)
    keep: set[str] = set()
    for c in centres:
        keep |= set(nx.single_source_shortest_path_length(simple, c, cutoff=hops))
    return graph.subgraph(sorted(keep)).copy()


def neighbours_table(graph: nx.Graph, centre: str, hops: int = 1) -> Table:
    """Who is within ``hops`` of an entity: distance, kind, name, and the fact that reaches it."""
    simple = _undirected(graph)
    if centre not in simple:
        raise QueryError(f"{centre} takes part in no fact of this network")
    parents = nx.predecessor(simple, centre, cutoff=hops)
    distance = nx.single_source_shortest_path_length(simple, centre, cutoff=hops)
    rows = []
    for node in sorted(distance, key=lambda n: (distance[n], graph.nodes[n].get("kind", ""), _label(graph, n), n)):
        if node == centre:
            continue
        via = sorted(parents[node])[0]
        hop = _hop(graph, via, node)
        rows.append(
            [
                distance[node],
                graph.nodes[node].get("kind", ""),
                _label(graph, node),
                _label(graph, via),
                RELATION_LABELS.get(hop.relation, (hop.relation,))[0] + ("" if hop.forward else " (←)"),
                hop.label,
                hop.document,
                hop.sentence,
                node,
            ]
        )
    columns = ["hops", "kind", "name", "via", "relation", "says", "document", "sentence", "iri"]
    return table(columns, rows, f"within {hops} hop(s) of {_label(graph, centre)}")


def _label(graph: nx.Graph, node: str) -> str:
    """How a table names a node: a document by its number (titles are long), anything else by its label."""
    data = graph.nodes[node]
    if data.get("kind") == "document" and data.get("number"):
        return data["number"]
    return data.get("label", node)


def select(
    network: Network,
    *,
    kind: str = "all",
    focus: Iterable[str] = (),
    hops: int = 1,
    date_from: str | None = None,
    date_to: str | None = None,
    layers: Iterable[str] | None = None,
    min_weight: int = 1,
) -> nx.Graph:
    """The part of the graph a picture or a path shows: a view, a time window, layers, a neighbourhood.

    Views: ``people`` (people, agencies, groups: appointments, memberships, commendations, duties),
    ``agencies`` (agency pairs weighted by shared tasks and co-signed documents; ``min_weight``
    drops weak ties), ``policies`` (citations between documents), ``all`` (every fact). Dates
    filter facts by the signing date of the document that states them (a fact whose document has
    no known date is kept only without a window); ``layers`` keeps only some kinds of fact
    (``personnel``, ``group``, ``commendation``, ``duty``, ``task``, ``issuer``, ``citation``).
    """
    if kind not in VIEWS:
        raise QueryError(f"unknown kind {kind!r}; kinds: {', '.join(VIEWS)}")
    wanted = set(layers) if layers is not None else None
    if wanted is not None and wanted - set(LAYERS):
        raise QueryError(f"unknown layer {', '.join(sorted(wanted - set(LAYERS)))}; layers: {', '.join(LAYERS)}")

    def keep(edge: Edge) -> bool:
        if wanted is not None and edge.layer not in wanted:
            return False
        if date_from or date_to:
            date = edge.evidence.date[:10]
            return bool(date) and not (date_from and date < date_from) and not (date_to and date > date_to)
        return True

    view = network.only(keep)
    graph = {
        "people": view.person_agency,
        "agencies": lambda: view.agency_agency(min_weight),
        "policies": view.citations,
        "all": view.full,
    }[kind]()
    focus = list(focus)
    if focus:
        graph = neighbourhood(graph, focus, hops)
    return graph


# --------------------------------------------------------------------- centrality and communities


def communities(graph: nx.Graph, seed: int = 42) -> list[list[str]]:
    """Clusters of agencies that work together (Louvain on shared-fact weights), largest first."""
    if graph.number_of_edges() == 0:
        return [[n] for n in sorted(graph)]
    found = nx.community.louvain_communities(graph, weight="weight", seed=seed)
    return sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))


def _tasks_by_role(network: Network) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = {}
    for edge in network.edges:
        if edge.layer == "task" and edge.relation in ("lead", "responsible", "support"):
            by_role = counts.setdefault(edge.source, {"lead": 0, "responsible": 0, "support": 0})
            by_role[edge.relation] += 1
    return counts


def centrality(network: Network, top: int | None = None, seed: int = 42) -> Table:
    """Which agencies sit at the centre of the task network, and in which cluster of co-workers.

    Columns: tasks led / shared / supported; partners (agencies sharing a task or a document);
    shared (facts shared, the weighted degree); betweenness (how often the agency lies on the
    shortest path between two others — a broker); pagerank (weighted); community (Louvain cluster
    number, 1 = largest).
    """
    graph = network.agency_agency()
    roles = _tasks_by_role(network)
    if graph.number_of_nodes() == 0:
        return table(["agency"], [], "agency centrality (no shared tasks)")
    distance = {(u, v): 1.0 / d["weight"] for u, v, d in graph.edges(data=True)}
    nx.set_edge_attributes(graph, distance, "distance")
    betweenness = nx.betweenness_centrality(graph, weight="distance", seed=seed)
    pagerank = nx.pagerank(graph, weight="weight")
    member_of = {n: i for i, members in enumerate(communities(graph, seed), start=1) for n in members}
    rows = []
    for node in graph:
        data = graph.nodes[node]
        led = roles.get(node, {})
        rows.append(
            [
                data.get("label", node),
                data.get("label_en", ""),
                led.get("lead", 0),
                led.get("responsible", 0),
                led.get("support", 0),
                graph.degree(node),
                int(graph.degree(node, weight="weight")),
                round(betweenness[node], 4),
                round(pagerank[node], 4),
                member_of[node],
                node,
            ]
        )
    rows.sort(key=lambda r: (-r[7], -r[6], r[0], r[10]))
    rows = [[rank, *row] for rank, row in enumerate(rows, start=1)][: top or None]
    columns = [
        "rank",
        "agency",
        "english",
        "leads",
        "responsible",
        "supports",
        "partners",
        "shared",
        "betweenness",
        "pagerank",
        "community",
        "iri",
    ]
    return table(columns, rows, "agencies at the centre of the task network (by betweenness)")


def communities_table(network: Network, seed: int = 42, show: int = 8) -> Table:
    """Each cluster of co-working agencies: size, its most connected members, the documents that bind it."""
    graph = network.agency_agency()
    rows = []
    for number, members in enumerate(communities(graph, seed), start=1):
        strength = {m: graph.degree(m, weight="weight") for m in members}
        ranked = sorted(members, key=lambda m: (-strength[m], graph.nodes[m].get("label", m)))
        inside = graph.subgraph(members)
        documents: dict[str, int] = {}
        for _, _, data in inside.edges(data=True):
            for record in data["evidence"]:
                if record["document"]:
                    documents[record["document"]] = documents.get(record["document"], 0) + 1
        top_docs = sorted(documents, key=lambda d: (-documents[d], d))[:3]
        names = "、".join(graph.nodes[m].get("label", m) for m in ranked[:show])
        rows.append(
            [
                number,
                len(members),
                names + ("…" if len(members) > show else ""),
                int(inside.size(weight="weight")),
                "、".join(top_docs),
            ]
        )
    return table(
        ["community", "agencies", "members (most connected first)", "shared facts inside", "documents"],
        rows,
        "clusters of co-working agencies (Louvain, weighted by shared tasks and documents)",
    )
