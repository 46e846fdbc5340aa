"""The gazette-kg vocabulary: the ontology and SHACL shapes (Turtle, shipped as package data) and
closed Python namespaces generated from the ontology (``ontology.terms``).

    from ontology import ELI, GK, ontology_path
    GK.Evidence, ELI.id_local, GK["section-order"]   # a misspelt term raises AttributeError

Nothing is read at import time; ``ontology_path()`` and ``shapes_path()`` only locate the files.
"""

from importlib.resources import files
from importlib.resources.abc import Traversable

from ontology.terms import (
    BIBO,
    CONCEPTS,
    DCTERMS,
    ELI,
    FOAF,
    GK,
    GK_NS,
    GRAPH_BASE,
    ID_BASE,
    M8G,
    NIF,
    ONTOLOGY_IRI,
    ONTOLOGY_VERSION,
    ORG,
    PROV,
    RDFS,
    SKOS,
    TIME,
)

__all__ = [
    "BIBO",
    "CONCEPTS",
    "DCTERMS",
    "ELI",
    "FOAF",
    "GK",
    "GK_NS",
    "GRAPH_BASE",
    "ID_BASE",
    "M8G",
    "NIF",
    "ONTOLOGY_IRI",
    "ONTOLOGY_VERSION",
    "ORG",
    "PROV",
    "RDFS",
    "SKOS",
    "TIME",
    "ontology_path",
    "shapes_path",
]


def ontology_path() -> Traversable:
    """The ontology, ``gazette.ttl`` (a ``pathlib.Path`` for an ordinary installation)."""
    return files(__name__) / "gazette.ttl"


def shapes_path() -> Traversable:
    """The SHACL shapes, ``shapes.ttl`` (a ``pathlib.Path`` for an ordinary installation)."""
    return files(__name__) / "shapes.ttl"
