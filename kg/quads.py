"""A small writer of pyoxigraph quads: one place that turns Python values into RDF terms."""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def iri(value: str) -> ox.NamedNode:
    return ox.NamedNode(str(value))


def typed(value: object, datatype: str) -> ox.Literal:
    return ox.Literal(str(value), datatype=ox.NamedNode(XSD + datatype))


def text(value: str, language: str | None = None) -> ox.Literal:
    return ox.Literal(value, language=language) if language else ox.Literal(value)


def integer(value: int) -> ox.Literal:
    return typed(value, "integer")


def date_literal(iso: str, precision: str) -> ox.Literal:
    """xsd:date, xsd:gYearMonth or xsd:gYear according to the precision of the printed date."""
    return typed(iso, {"day": "date", "month": "gYearMonth", "year": "gYear"}[precision])


class GraphWriter:
    """Collects quads into one named graph; terms may be given as IRIs (str) or RDF terms."""

    def __init__(self, graph: str) -> None:
        self.graph = iri(graph)
        self.quads: list[ox.Quad] = []

    def add(self, subject: str, predicate: str, obj: ox.NamedNode | ox.Literal | str | None) -> None:
        """Add one statement; ``None`` objects are skipped (unknown values are left out, not faked)."""
        if obj is None:
            return
        node = iri(obj) if isinstance(obj, str) else obj
        self.quads.append(ox.Quad(iri(subject), iri(predicate), node, self.graph))

    def types(self, subject: str, classes: Iterable[str]) -> None:
        for cls in classes:
            self.quads.append(ox.Quad(iri(subject), RDF_TYPE, iri(cls), self.graph))
