"""Generate ``ontology/terms.py`` from ``ontology/gazette.ttl``: one closed namespace per prefix.

Run ``python -m ontology.generate`` after editing gazette.ttl; ``--check`` writes nothing and exits 1
when terms.py is stale (the test suite does the same comparison). Like rdflib's
``tools/defined_namespace_creator.py``, but each namespace lists exactly the terms that gazette.ttl
declares for it, so a term the project has not declared fails at once (``_fail = True``).

This module imports nothing from the ``ontology`` package, so it also runs as a plain script.
"""

from __future__ import annotations

import argparse
import keyword
import logging
import sys
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
ONTOLOGY = HERE / "gazette.ttl"
TERMS = HERE / "terms.py"

VANN = Namespace("http://purl.org/vocab/vann/")
LINE_LENGTH = 110

# rdf:type → the group a declared term is listed under (first match wins, in this order).
KINDS: tuple[tuple[URIRef, str], ...] = (
    (OWL.Class, "classes"),
    (RDFS.Class, "classes"),
    (OWL.ObjectProperty, "properties"),
    (OWL.DatatypeProperty, "properties"),
    (OWL.AnnotationProperty, "properties"),
    (RDF.Property, "properties"),
    (SKOS.ConceptScheme, "concept schemes"),
    (SKOS.Concept, "concepts"),
)
GROUPS = ("classes", "properties", "concept schemes", "concepts")


class OntologyError(ValueError):
    """gazette.ttl lacks something the generator needs (the message says what to add)."""


@dataclass(frozen=True, slots=True)
class Term:
    name: str  # local name
    group: str
    note: str  # short label for the comment beside the term


@dataclass(frozen=True, slots=True)
class Vocabulary:
    prefix: str
    namespace: str
    terms: tuple[Term, ...]


def load(path: Path = ONTOLOGY) -> Graph:
    graph = Graph(bind_namespaces="none")
    graph.parse(path, format="turtle")
    return graph


def _label(graph: Graph, node: URIRef, predicates: Iterable[URIRef], lang: str) -> str | None:
    for predicate in predicates:
        values = sorted(str(o) for o in graph.objects(node, predicate) if _lang(o) == lang)
        if values:
            return values[0]
    return None


def _lang(value: object) -> str | None:
    return value.language if isinstance(value, Literal) else None


def _note(graph: Graph, node: URIRef) -> str:
    en = _label(graph, node, (RDFS.label, SKOS.prefLabel), "en") or ""
    zh = _label(graph, node, (RDFS.label, SKOS.prefLabel), "zh")
    return f"{zh} — {en}" if zh else en


def _group(graph: Graph, node: URIRef) -> str | None:
    types = set(graph.objects(node, RDF.type))
    return next((group for kind, group in KINDS if kind in types), None)


def _ontology(graph: Graph) -> URIRef:
    ontologies = sorted(s for s in graph.subjects(RDF.type, OWL.Ontology) if isinstance(s, URIRef))
    if len(ontologies) != 1:
        raise OntologyError(f"gazette.ttl must declare exactly one owl:Ontology, found {len(ontologies)}")
    return ontologies[0]


def _required(graph: Graph, subject: URIRef, predicate: URIRef) -> str:
    value = graph.value(subject, predicate)
    if value is None:
        raise OntologyError(f"the owl:Ontology in gazette.ttl needs {graph.qname(predicate)}; add it")
    return str(value)


def vocabularies(graph: Graph) -> list[Vocabulary]:
    """Declared terms grouped by the prefix (of the Turtle file) whose namespace they are in."""
    namespaces = {str(ns): prefix for prefix, ns in graph.namespaces()}
    found: dict[str, list[Term]] = {}
    for subject in {s for s in graph.subjects(RDF.type, None) if isinstance(s, URIRef)}:
        group = _group(graph, subject)
        if group is None:
            continue
        iri = str(subject)
        owners = [ns for ns in namespaces if iri.startswith(ns) and len(iri) > len(ns)]
        owner = max(owners, key=len, default=None)
        if owner is None:
            continue
        name = iri[len(owner) :]
        if "/" in name or "#" in name:
            continue
        found.setdefault(owner, []).append(Term(name, group, _note(graph, subject)))
    order = {group: i for i, group in enumerate(GROUPS)}
    return sorted(
        (
            Vocabulary(namespaces[ns], ns, tuple(sorted(terms, key=lambda t: (order[t.group], t.name))))
            for ns, terms in found.items()
        ),
        key=lambda v: v.prefix,
    )


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _comment(code: str, note: str) -> str:
    """``code  # note``, the note shortened so that the line stays within the line length."""
    if not note:
        return code
    line = f"{code}  # {note}"
    while _width(line) > LINE_LENGTH:
        note = note[:-2] + "…"
        line = f"{code}  # {note}"
    return line


def _identifier(name: str) -> bool:
    return name.isidentifier() and not keyword.iskeyword(name) and not name.startswith("_")


def _accessor(class_name: str, name: str) -> str:
    return f"{class_name}.{name}" if _identifier(name) else f'{class_name}["{name}"]'


def _render_class(vocab: Vocabulary, title: str) -> list[str]:
    class_name = vocab.prefix.upper()
    lines = [
        "",
        "",
        f"class {class_name}(DefinedNamespace):",
        f'    """{title}"""',
        "",
        "    _fail = True",
        f'    _NS = Namespace("{vocab.namespace}")',
    ]
    extras = [t for t in vocab.terms if not _identifier(t.name)]
    if extras:
        lines.append("    _extras = (")
        lines += [_comment(f'        "{t.name}",', t.note) for t in extras]
        lines.append("    )")
    for group in GROUPS:
        members = [t for t in vocab.terms if t.group == group and _identifier(t.name)]
        if members:
            lines += ["", f"    # {group}"]
            lines += [_comment(f"    {t.name}: URIRef", t.note) for t in members]
    return lines


def _concept_labels(graph: Graph, gk: Vocabulary) -> dict[str, dict[str, str]]:
    """Scheme local name → {Chinese label (preferred or alternative) → concept local name}."""
    ns = gk.namespace
    out: dict[str, dict[str, str]] = {}
    for term in gk.terms:
        if term.group != "concepts":
            continue
        concept = URIRef(ns + term.name)
        schemes = [str(s)[len(ns) :] for s in graph.objects(concept, SKOS.inScheme) if str(s).startswith(ns)]
        for predicate in (SKOS.altLabel, SKOS.prefLabel):  # preferred labels win on a clash
            for label in graph.objects(concept, predicate):
                if _lang(label) == "zh":
                    for scheme in schemes:
                        out.setdefault(scheme, {})[str(label)] = term.name
    return {scheme: dict(sorted(labels.items())) for scheme, labels in sorted(out.items())}


def render(path: Path = ONTOLOGY) -> str:
    """The text of terms.py for the ontology at ``path`` (deterministic)."""
    graph = load(path)
    ontology = _ontology(graph)
    gk_prefix = _required(graph, ontology, VANN.preferredNamespacePrefix)
    gk_ns = _required(graph, ontology, VANN.preferredNamespaceUri)
    id_base = _required(graph, ontology, URIRef(gk_ns + "idBase"))
    graph_base = _required(graph, ontology, URIRef(gk_ns + "graphBase"))
    version = _required(graph, ontology, OWL.versionInfo)
    title = _label(graph, ontology, (RDFS.label,), "en") or "gazette-kg ontology"

    vocabs = vocabularies(graph)
    gk = next((v for v in vocabs if v.namespace == gk_ns), None)
    if gk is None or gk.prefix != gk_prefix:
        raise OntologyError(f"gazette.ttl must bind @prefix {gk_prefix}: <{gk_ns}> and declare terms in it")
    names = sorted(v.prefix.upper() for v in vocabs)
    constants = ["CONCEPTS", "GK_NS", "GRAPH_BASE", "ID_BASE", "ONTOLOGY_IRI", "ONTOLOGY_VERSION"]

    lines = [
        '"""Closed namespaces of the gazette-kg vocabulary, one class per prefix.',
        "",
        f"{title}, version {version}.",
        "GENERATED from ontology/gazette.ttl by ``python -m ontology.generate``: do not edit by hand.",
        "Each class lists exactly the terms gazette.ttl declares in its namespace; any other name raises",
        "AttributeError. Terms whose local name is not a Python identifier are reached by item access",
        '(``GK["section-order"]``).',
        '"""',
        "",
        "from rdflib.namespace import DefinedNamespace, Namespace",
        "from rdflib.term import URIRef",
        "",
        "__all__ = [",
        *[f'    "{n}",' for n in sorted(constants + names)],
        "]",
        "",
        f'ONTOLOGY_IRI = "{ontology}"',
        f'ONTOLOGY_VERSION = "{version}"',
        f'GK_NS = "{gk_ns}"',
        f'ID_BASE = "{id_base}"',
        f'GRAPH_BASE = "{graph_base}"',
    ]
    for vocab in vocabs:
        if vocab is gk:
            doc = f"{title} ({vocab.prefix}:), version {version}: our own terms."
        else:
            doc = f"Terms of {vocab.prefix}: that gazette-kg uses (declared in gazette.ttl): <{vocab.namespace}>."
        lines += _render_class(vocab, doc)

    lines += [
        "",
        "",
        "# Concept scheme (local name) → Chinese label, preferred or alternative → concept.",
        "CONCEPTS: dict[str, dict[str, URIRef]] = {",
    ]
    gk_class = gk.prefix.upper()
    for scheme, labels in _concept_labels(graph, gk).items():
        lines.append(f'    "{scheme}": {{')
        lines += [f'        "{label}": {_accessor(gk_class, name)},' for label, name in labels.items()]
        lines.append("    },")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m ontology.generate",
        description="Write ontology/terms.py (closed rdflib namespaces) from ontology/gazette.ttl.",
    )
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if terms.py is stale")
    parser.add_argument("--ontology", type=Path, default=ONTOLOGY, help="Turtle to read (default: %(default)s)")
    parser.add_argument("--output", type=Path, default=TERMS, help="module to write (default: %(default)s)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")

    text = render(args.ontology)
    current = args.output.read_text(encoding="utf-8") if args.output.exists() else None
    if args.check:
        if current != text:
            log.error("%s is stale: run python -m ontology.generate", args.output)
            return 1
        log.info("%s is up to date", args.output)
        return 0
    if current == text:
        log.info("%s is up to date", args.output)
    else:
        args.output.write_text(text, encoding="utf-8")
        log.info("wrote %s", args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
