"""networkx projections of the graph: who is linked to whom, by which fact, with which evidence.

The RDF graph is reified (a personnel change, a task, a citation is a node of its own), which is
right for provenance but awkward for network analysis. This module reads two named queries,
``network-nodes`` (entities) and ``network-edges`` (one row per fact, with its evidence quote), and
turns them into networkx graphs whose nodes are the entities (people, agencies, groups, documents,
tasks, posts) and whose edges are the facts. Every node keeps its IRI, Chinese and English labels;
every edge keeps the fact IRI, the document number and date, and the sentence with its character
span, so that a picture or a path can always show *why* two things are linked.

Projections (all built from the same two tables, so they agree with each other):

- :meth:`Network.full` — every entity and fact (``MultiDiGraph``);
- :meth:`Network.person_agency` — people, agencies and groups linked by appointments, removals,
  memberships, affiliations and commendations (``MultiDiGraph``);
- :meth:`Network.agency_agency` — agencies linked by shared tasks, co-leading and co-issued documents,
  one weighted edge per pair with the evidence of every shared fact (``Graph``);
- :meth:`Network.citations` — documents linked by citations, amendments and repeals (``MultiDiGraph``).

Queries run through :func:`kg.queries.run_named`, so they see whatever store that function is given.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import networkx as nx
import pyoxigraph as ox

from extractors import docnumber
from kg import queries
from kg.errors import QueryError
from kg.output import plain

KINDS = ("person", "agency", "group", "document", "task", "post")
LAYERS = ("personnel", "group", "commendation", "duty", "task", "issuer", "citation")
PERSON_AGENCY_LAYERS = frozenset({"personnel", "group", "commendation", "duty"})
CITATION_RELATIONS = frozenset({"cites", "based_on", "amends", "repeals"})
TASK_ROLES = ("lead", "responsible", "support")

#: How each relation reads in a sentence, for labels, paths and legends.
RELATION_LABELS: dict[str, tuple[str, str]] = {
    "appointed": ("任", "appointed to"),
    "removed": ("免", "removed from"),
    "member": ("成员", "member of"),
    "affiliated": ("所在单位", "works at"),
    "office": ("办公室设在", "office hosted by"),
    "commended": ("表彰", "commended"),
    "supervises": ("分管", "supervises"),
    "assists": ("协助分管", "assists with"),
    "liaises": ("联系", "liaises with"),
    "lead": ("牵头", "leads"),
    "responsible": ("责任", "responsible for"),
    "support": ("配合", "supports"),
    "lead-leader": ("牵头领导", "leader in charge of"),
    "liaison-leader": ("联系领导", "liaison leader of"),
    "in-document": ("属于", "set out in"),
    "issued-by": ("发文", "issued by"),
    "cites": ("引用", "cites"),
    "based_on": ("依据", "based on"),
    "amends": ("修改", "amends"),
    "repeals": ("废止", "repeals"),
    "co-lead": ("共同牵头", "co-lead"),
    "shared-task": ("共同任务", "share tasks"),
    "co-issued": ("联合发文", "co-issued"),
}


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why an edge exists: the fact, the document that states it and the quote, with its span."""

    fact: str
    relation: str
    label: str
    document: str
    date: str
    sentence: str
    issue: str
    start: int | None
    end: int | None

    def as_dict(self) -> dict[str, object]:
        return {
            "fact": self.fact,
            "relation": self.relation,
            "label": self.label,
            "document": self.document,
            "date": self.date,
            "sentence": self.sentence,
            "issue": self.issue,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True, slots=True)
class Node:
    iri: str
    kind: str
    label: str
    label_en: str = ""
    aliases: tuple[str, ...] = ()
    number: str = ""
    date: str = ""
    resolved: bool = True

    def attributes(self) -> dict[str, object]:
        """networkx node attributes (GraphML-friendly: strings and booleans only)."""
        return {
            "iri": self.iri,
            "kind": self.kind,
            "label": self.label,
            "label_en": self.label_en,
            "aliases": "|".join(self.aliases),
            "number": self.number,
            "date": self.date,
            "resolved": self.resolved,
        }


@dataclass(frozen=True, slots=True)
class Edge:
    source: str
    target: str
    layer: str
    evidence: Evidence

    @property
    def relation(self) -> str:
        return self.evidence.relation


def _text(term: ox.NamedNode | ox.Literal | ox.BlankNode | None) -> str:
    return plain(term)


def _int(term: ox.NamedNode | ox.Literal | ox.BlankNode | None) -> int | None:
    return int(term.value) if isinstance(term, ox.Literal) else None


def excerpt(sentence: str, needles: Iterable[str], width: int = 120) -> str:
    """The part of a long evidence line around the first needle found (a name in a list of 40)."""
    if len(sentence) <= width:
        return sentence
    for needle in needles:
        at = sentence.find(needle) if needle else -1
        if at >= 0:
            start = max(0, min(at - width // 3, len(sentence) - width))
            end = start + width
            return ("…" if start else "") + sentence[start:end] + ("…" if end < len(sentence) else "")
    return sentence[:width] + "…"


@dataclass(slots=True)
class Network:
    """The node and edge tables read from the store, and the projections made from them."""

    nodes: dict[str, Node]
    edges: list[Edge]
    _by_name: dict[str, list[str]] = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, store: ox.Store, layers: Iterable[str] | None = None) -> Network:
        """Read the entities and facts (optionally only some layers) from a store."""
        wanted = tuple(layers) if layers is not None else LAYERS
        unknown = sorted(set(wanted) - set(LAYERS))
        if unknown:
            raise QueryError(f"unknown network layer {', '.join(unknown)}; layers: {', '.join(LAYERS)}")
        names, rows = queries.run_named(store, "network-nodes", {})
        nodes = {}
        for row in rows:
            value = dict(zip(names, row, strict=True))
            iri = _text(value["node"])
            aliases = tuple(sorted(a for a in _text(value["aliases"]).split("|") if a))
            nodes[iri] = Node(
                iri=iri,
                kind=_text(value["kind"]),
                label=_text(value["label"]) or iri.rsplit("/", 1)[-1],
                label_en=_text(value["labelEn"]),
                aliases=aliases,
                number=_text(value["number"]),
                date=_text(value["date"]),
                resolved=_text(value["resolved"]) != "false",
            )
        params = {} if len(wanted) == len(LAYERS) else None
        edge_rows: list[tuple[list[str], list]] = []
        if params is not None:
            edge_rows.append(queries.run_named(store, "network-edges", params))
        else:
            edge_rows += [queries.run_named(store, "network-edges", {"layer": layer}) for layer in wanted]
        edges: list[Edge] = []
        seen: set[tuple[str, str, str, str]] = set()
        for columns, result in edge_rows:
            for row in result:
                value = dict(zip(columns, row, strict=True))
                source, target, relation = _text(value["source"]), _text(value["target"]), _text(value["relation"])
                fact = _text(value["fact"])
                key = (source, target, relation, fact)
                if key in seen or source not in nodes or target not in nodes:
                    continue  # one edge per fact (first evidence quote wins); literal-only ends are not entities
                seen.add(key)
                evidence = Evidence(
                    fact=fact,
                    relation=relation,
                    label=_text(value["label"]),
                    document=_text(value["document"]),
                    date=_text(value["date"]),
                    sentence=_text(value["sentence"]),
                    issue=_text(value["issue"]),
                    start=_int(value["start"]),
                    end=_int(value["end"]),
                )
                edges.append(Edge(source, target, _text(value["kindOfLayer"]), evidence))
        edges.sort(key=lambda e: (e.layer, e.evidence.document, e.source, e.target, e.relation, e.evidence.fact))
        return cls(nodes, edges)

    def only(self, keep: Callable[[Edge], bool]) -> Network:
        """The same entities with only the facts ``keep`` accepts (a time window, some layers)."""
        return Network(self.nodes, [e for e in self.edges if keep(e)], self._by_name)

    # ----------------------------------------------------------------- projections

    def _multigraph(self, edges: Iterable[Edge], name: str) -> nx.MultiDiGraph:
        graph = nx.MultiDiGraph(name=name)
        for edge in edges:
            for end in (edge.source, edge.target):
                if end not in graph:
                    graph.add_node(end, **self.nodes[end].attributes())
            graph.add_edge(
                edge.source,
                edge.target,
                key=f"{edge.relation} {edge.evidence.fact}",
                layer=edge.layer,
                **edge.evidence.as_dict(),
            )
        return graph

    def full(self) -> nx.MultiDiGraph:
        """Every entity that takes part in a fact, every fact as an edge."""
        return self._multigraph(self.edges, "gazette-kg: full graph")

    def person_agency(self) -> nx.MultiDiGraph:
        """People, agencies and groups: appointments, removals, memberships, affiliations, commendations."""
        return self._multigraph(
            (e for e in self.edges if e.layer in PERSON_AGENCY_LAYERS), "gazette-kg: people and agencies"
        )

    def citations(self) -> nx.MultiDiGraph:
        """Documents: which cites, is based on, amends or repeals which."""
        return self._multigraph(
            (e for e in self.edges if e.relation in CITATION_RELATIONS), "gazette-kg: document citations"
        )

    def agency_agency(self, min_weight: int = 1) -> nx.Graph:
        """Agencies linked by the tasks they share and the documents they issue together.

        One edge per pair: ``weight`` (shared facts), ``tasks`` (shared tasks), ``co_lead`` (tasks both
        lead), ``co_issued`` (documents signed together), ``relation`` (the strongest tie) and
        ``evidence`` (one record per shared fact, as in :class:`Evidence`). ``min_weight`` keeps only
        pairs sharing at least that many facts (the ``min`` of the co-responsibility query).
        """
        graph = nx.Graph(name="gazette-kg: agencies by shared work")
        roles: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        issuers: dict[str, list[str]] = defaultdict(list)
        evidence_of: dict[tuple[str, str], Evidence] = {}
        for edge in self.edges:
            kind = self.nodes[edge.source].kind if edge.layer == "task" else self.nodes[edge.target].kind
            if edge.layer == "task" and edge.relation in TASK_ROLES and kind == "agency":
                roles[edge.target][edge.source].add(edge.relation)
                evidence_of[(edge.target, edge.source)] = edge.evidence
            elif edge.layer == "issuer" and kind == "agency" and edge.target not in issuers[edge.source]:
                issuers[edge.source].append(edge.target)
                evidence_of[(edge.source, edge.target)] = edge.evidence
        for task in sorted(roles):
            agencies = roles[task]
            for a, b in itertools.combinations(sorted(agencies), 2):
                co_lead = "lead" in agencies[a] and "lead" in agencies[b]
                relation = "co-lead" if co_lead else "shared-task"
                self._tie(graph, a, b, relation, evidence_of[(task, a)], task)
        for doc in sorted(issuers):
            for a, b in itertools.combinations(sorted(issuers[doc]), 2):
                self._tie(graph, a, b, "co-issued", evidence_of[(doc, a)], doc)
        if min_weight > 1:
            graph.remove_edges_from([(a, b) for a, b, w in graph.edges(data="weight") if w < min_weight])
            graph.remove_nodes_from([n for n in list(graph) if graph.degree(n) == 0])
        return graph

    def _tie(self, graph: nx.Graph, a: str, b: str, relation: str, evidence: Evidence, via: str) -> None:
        for end in (a, b):
            if end not in graph:
                graph.add_node(end, **self.nodes[end].attributes())
        if not graph.has_edge(a, b):
            graph.add_edge(a, b, weight=0, tasks=0, co_lead=0, co_issued=0, evidence=[])
        data = graph.edges[a, b]
        data["weight"] += 1
        if relation == "co-issued":
            data["co_issued"] += 1
        else:
            data["tasks"] += 1
            data["co_lead"] += relation == "co-lead"
        record = evidence.as_dict() | {"relation": relation, "via": via, "via_label": self.nodes[via].label}
        data["evidence"].append(record)
        data["relation"] = "co-lead" if data["co_lead"] else ("shared-task" if data["tasks"] else "co-issued")
        data["label"] = RELATION_LABELS[data["relation"]][0]

    # ----------------------------------------------------------------- finding entities

    def find(self, name: str, kinds: Iterable[str] | None = None) -> list[str]:
        """The entities a user means by ``name``: exact label, alias, document number or English name.

        Several IRIs come back when the name is ambiguous (two agencies printed 市政府办 in different
        counties); none when nothing matches — :meth:`suggest` then offers near names.
        """
        wanted = set(kinds) if kinds else set(KINDS)
        if not self._by_name:
            index: dict[str, list[str]] = defaultdict(list)
            for iri, node in self.nodes.items():
                keys = {node.label, node.label_en.lower(), node.number, *node.aliases, iri}
                if node.number:
                    keys.add(docnumber.canonical(node.number))
                for key in keys:
                    if key:
                        index["".join(key.split())].append(iri)
            self._by_name = dict(index)
        key = "".join(name.split())
        found = self._by_name.get(key) or self._by_name.get(key.lower()) or []
        if not found and docnumber.parse(key) is not None:
            found = self._by_name.get(docnumber.canonical(key), [])
        return sorted({iri for iri in found if self.nodes[iri].kind in wanted})

    def suggest(self, name: str, limit: int = 8) -> list[str]:
        """Labels containing the name, or contained in it, for a helpful 'did you mean'."""
        key = "".join(name.split())
        if not key:
            return []
        scored = [
            (len(node.label), node.label)
            for node in self.nodes.values()
            if node.kind != "task" and (key in node.label or (len(node.label) > 1 and node.label in key))
        ]
        return [label for _, label in sorted(set(scored))[:limit]]

    def resolve(self, name: str, kinds: Iterable[str] | None = None) -> str:
        """Exactly one entity for ``name``, or a :class:`QueryError` that says what to type instead."""
        found = self.find(name, kinds)
        if len(found) == 1:
            return found[0]
        if found:
            listed = "; ".join(f"{self.nodes[i].label} ({self.nodes[i].kind}, {i})" for i in found[:6])
            raise QueryError(f"{name!r} names {len(found)} entities: {listed} — give the full name or the IRI")
        near = self.suggest(name)
        hint = f"; did you mean: {', '.join(near)}" if near else ""
        raise QueryError(f"no person, agency, group or document named {name!r} in the graph{hint}")
