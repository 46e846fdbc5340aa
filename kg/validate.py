"""SHACL validation of a store against ``ontology/shapes.ttl``.

The union of all named graphs (the ontology's graph included) is validated. The builder asserts
every class explicitly, so no inference is needed (pySHACL's ont_graph mixing made it 100× slower).
pySHACL runs on rdflib graphs: fine for a gazette corpus; a
much larger store would validate graph by graph.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox
import rdflib
from pyshacl import validate as shacl_validate

import ontology

_SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")


@dataclass(frozen=True, slots=True)
class Violation:
    focus: str
    path: str | None
    message: str
    severity: str


@dataclass(frozen=True, slots=True)
class ValidationResult:
    conforms: bool
    violations: list[Violation]
    triples: int


def store_as_rdflib(store: ox.Store) -> rdflib.Graph:
    """The union of the store's graphs as one rdflib graph (via N-Quads)."""
    data = store.dump(format=ox.RdfFormat.N_QUADS)
    dataset = rdflib.Dataset()
    dataset.parse(data=data.decode("utf-8"), format="nquads")
    union = rdflib.Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


def validate_store(store: ox.Store) -> ValidationResult:
    data = store_as_rdflib(store)
    shapes = rdflib.Graph().parse(ontology.shapes_path(), format="turtle")
    conforms, report, _ = shacl_validate(data, shacl_graph=shapes, inference="none")
    violations = []
    for result in report.subjects(rdflib.RDF.type, _SH.ValidationResult):
        violations.append(
            Violation(
                focus=str(report.value(result, _SH.focusNode)),
                path=str(p) if (p := report.value(result, _SH.resultPath)) is not None else None,
                message=str(report.value(result, _SH.resultMessage) or ""),
                severity=str(report.value(result, _SH.resultSeverity) or "").rsplit("#", 1)[-1],
            )
        )
    violations.sort(key=lambda v: (v.focus, v.path or "", v.message))
    return ValidationResult(bool(conforms), violations, len(data))
