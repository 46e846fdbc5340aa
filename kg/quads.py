"""A small writer of pyoxigraph quads: one place that turns Python values into RDF terms."""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any, BinaryIO

import pyoxigraph as ox

XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


@lru_cache(maxsize=1 << 16)
def iri(value: str) -> ox.NamedNode:
    """The node of an IRI, cached: predicates, classes and shared entities recur in every fact (terms are immutable)."""
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


class _Chained(io.RawIOBase):
    """Chunks of bytes read one after the other, each taken from the iterator only when the previous is used up."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks
        self._data = memoryview(b"")

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._data:
            chunk = next(self._chunks, None)
            if chunk is None:
                return 0
            self._data = memoryview(chunk)
        size = min(len(buffer), len(self._data))
        buffer[:size] = self._data[:size]
        self._data = self._data[size:]
        return size


def chained(chunks: Iterable[bytes]) -> BinaryIO:
    """One stream over ``chunks`` for ``Store.bulk_load``: a single load, never all the chunks in memory at once."""
    return io.BufferedReader(_Chained(iter(chunks)), buffer_size=1 << 20)
