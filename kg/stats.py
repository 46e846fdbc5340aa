"""Counts that summarise a store: documents, agencies, people, issues, triples per class."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from kg import queries
from ontology.terms import BIBO, ELI, FOAF, GK, ORG

# Printed documents are foaf:Document; every eli:LegalResource that is not one is a stub known only
# from citations (counted apart, so that "documents" stays what the gazettes print).
_LABELS = {
    str(BIBO.Issue): "issues",
    str(FOAF.Document): "documents",
    str(ELI.LegalResource): "cited-only documents",
    str(GK.Citation): "citations",
    str(ORG.Organization): "agencies",
    str(FOAF.Person): "people",
    str(GK.Finding): "findings",
}


@dataclass(frozen=True, slots=True)
class Stats:
    quads: int
    graphs: int
    headline: dict[str, int]
    per_class: list[tuple[str, int, int]]  # class IRI, instances, triples about them


def compute(store: ox.Store) -> Stats:
    _, rows = queries.run_select(store, queries.load("stats-classes").text)
    per_class = [(r[0].value, int(r[1].value), int(r[2].value)) for r in rows]
    headline = {label: 0 for label in _LABELS.values()}
    for cls, count, _ in per_class:
        if cls in _LABELS:
            headline[_LABELS[cls]] = count
    headline["cited-only documents"] = max(0, headline["cited-only documents"] - headline["documents"])
    quads = len(store)
    graphs = sum(1 for _ in store.named_graphs())
    return Stats(quads, graphs, headline, per_class)
