"""A small writer of N-Quads: one place that turns Python values into RDF terms.

The builder writes hundreds of thousands of statements per megabyte of gazette text, in worker
processes that send them to the store's writer as N-Quads. Creating a pyoxigraph ``Quad`` per
statement and serialising it again cost three times what formatting the N-Quads line costs (2.9 µs
against 1.1 µs a statement, measured), so the writer keeps lines and makes ``Quad`` objects only
when asked (``GraphWriter.quads``, which parses the lines strictly: a malformed line fails there,
in the tests, not silently in a lenient bulk load). Subjects, predicates, classes and graphs are
IRIs the project mints (``kg.ids``, ``ontology.terms``): ASCII, never user text.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_TYPE = f"<{RDF_TYPE.value}>"


class Lit(str):
    """An RDF literal, held as its N-Triples form (what ``GraphWriter`` writes); ``text``/``typed`` make them."""

    __slots__ = ()

    def term(self) -> ox.Literal:
        """The pyoxigraph literal (for code that needs a term rather than a line)."""
        return next(iter(ox.parse(f"<x:s> <x:p> {self} .", format=ox.RdfFormat.N_TRIPLES))).object


def _quoted(value: str) -> str:
    """An N-Triples string: only backslash, quote, line feed and carriage return need escaping."""
    if "\\" in value:
        value = value.replace("\\", "\\\\")
    if '"' in value:
        value = value.replace('"', '\\"')
    if "\n" in value:
        value = value.replace("\n", "\\n")
    if "\r" in value:
        value = value.replace("\r", "\\r")
    return f'"{value}"'


def typed(value: object, datatype: str) -> Lit:
    return Lit(f"{_quoted(str(value))}^^<{XSD}{datatype}>")


def text(value: str, language: str | None = None) -> Lit:
    return Lit(f"{_quoted(value)}@{language}" if language else _quoted(value))


def integer(value: int) -> Lit:
    return typed(value, "integer")


def date_literal(iso: str, precision: str) -> Lit:
    """xsd:date, xsd:gYearMonth or xsd:gYear according to the precision of the printed date."""
    return typed(iso, {"day": "date", "month": "gYearMonth", "year": "gYear"}[precision])


def _object(obj: ox.NamedNode | ox.Literal | str) -> str:
    if type(obj) is Lit:
        return obj
    if isinstance(obj, str):  # an IRI (str, or rdflib's URIRef from ontology.terms)
        return f"<{obj}>"
    if isinstance(obj, ox.NamedNode):
        return f"<{obj.value}>"
    return str(obj)  # a pyoxigraph literal: its N-Triples form


class GraphWriter:
    """Collects the statements of one named graph as N-Quads lines; objects may be IRIs (str), ``Lit`` or terms."""

    __slots__ = ("_tail", "graph", "lines")

    def __init__(self, graph: str) -> None:
        self.graph = ox.NamedNode(str(graph))
        self._tail = f" <{graph}> .\n"
        self.lines: list[str] = []

    def add(self, subject: str, predicate: str, obj: ox.NamedNode | ox.Literal | str | None) -> None:
        """Add one statement; ``None`` objects are skipped (unknown values are left out, not faked)."""
        if obj is None:
            return
        self.lines.append(f"<{subject}> <{predicate}> {_object(obj)}{self._tail}")

    def types(self, subject: str, classes: Iterable[str]) -> None:
        for cls in classes:
            self.lines.append(f"<{subject}> {_TYPE} <{cls}>{self._tail}")

    def nquads(self) -> str:
        return "".join(self.lines)

    @property
    def quads(self) -> list[ox.Quad]:
        """The statements as pyoxigraph quads (parsed strictly)."""
        return parse_lines(self.lines)


def parse_lines(lines: Iterable[str]) -> list[ox.Quad]:
    """N-Quads lines (as ``GraphWriter`` writes them) as quads; raises SyntaxError on a malformed line."""
    return list(ox.parse("".join(lines), format=ox.RdfFormat.N_QUADS))


def triple_lines(lines: Iterable[str]) -> set[str]:
    """The distinct N-Triples lines of N-Quads lines: each without its graph name."""
    return {line[: line.rindex(" <")] + " .\n" for line in lines}
