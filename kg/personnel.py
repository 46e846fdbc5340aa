"""Map personnel changes (任免) of a notice to RDF: one ``gk:PersonnelChange`` node per (person, post).

The change nodes, with their evidence, go into the document's named graph; the people, posts,
agencies and minted grade concepts they name are shared entities, described once in the entities
graph (see ``kg.mapping._Context``). Tenures, successions and rename candidates are not made here:
they join changes across documents and issues, so ``kg.derive`` computes them after every build.
"""

from __future__ import annotations

from extractors.personnel import VERSION as PERSONNEL_VERSION
from extractors.personnel import extract_personnel
from extractors.records import Document, Finding, PersonnelChange
from kg import ids
from kg.mapping import _concept, _Context, _finding, _organization
from kg.quads import GraphWriter, integer, text, typed
from ontology.terms import CONCEPTS, DCTERMS, FOAF, GK, ORG, PROV, RDFS, SKOS

GRADE_SCHEME = "Grades"
_ACTIONS = {"appoint": GK.Appoint, "remove": GK.Remove}
_VERBS = {"appoint": "任", "remove": "免去"}


def map_personnel(out: GraphWriter, issue_graph: GraphWriter, ctx: _Context, document: Document) -> int:
    """Add the personnel changes printed in ``document``; returns how many were mapped.

    Findings (the extractor's own, and one per change whose title is not in the vocabulary) go to
    the issue graph beside the segmenter's, so that ``kg query findings`` lists them all.
    """
    changes, findings = extract_personnel(ctx.raw, document)
    if not changes and not findings:
        return 0
    agent = ids.extractor_iri(PERSONNEL_VERSION)
    ctx.entities.types(agent, [PROV.SoftwareAgent])
    ctx.entities.add(agent, RDFS.label, text(PERSONNEL_VERSION))
    # Same raw text, issue and shared entities; only the evidence is attributed to this extractor.
    own = _Context(ctx.raw, ctx.issue, agent)
    own.entities = ctx.entities
    for finding in findings:
        _finding(issue_graph, own, finding)
    doc = ids.document_iri(document.number.canonical)
    for position, change in enumerate(changes, 1):
        _change(out, own, document, doc, change, position)
        if not change.title_known:
            message = (
                f"{document.number.canonical}: {change.person} {_VERBS[change.action]} {change.post}: the title is "
                "not in extractors/data/post_titles.tsv, so the post is kept whole, without an organisation"
            )
            _finding(issue_graph, own, Finding("personnel-unknown-title", message, change.post_span))
    return len(changes)


def _change(
    out: GraphWriter, ctx: _Context, document: Document, doc: str, change: PersonnelChange, position: int
) -> None:
    """One change node with its links, literals and evidence (person, post, clause)."""
    number = document.number.canonical
    node = ids.node_iri("personnel-change", number, change.person, change.post, change.action, position)
    person = _person(ctx.entities, change.person)
    out.types(node, [GK.PersonnelChange])
    out.add(node, GK.action, _ACTIONS[change.action])
    out.add(node, GK.person, person)
    organization = _organization(ctx.entities, change.organization) if change.organization else None
    if change.post_type == "grade":
        out.add(node, GK.grade, _concept(ctx.entities, GRADE_SCHEME, GK.Grades, change.title))
    else:
        out.add(node, GK.post, _post(ctx.entities, change, organization, number))
    out.add(node, GK.agency, organization)  # also keeps the agency from being pruned as unreferenced
    if change.qualifier:
        out.add(node, GK.qualifier, text(change.qualifier, "zh"))
        kind = CONCEPTS["Ranks"].get(change.qualifier) or CONCEPTS["Qualifiers"].get(change.qualifier)
        out.add(node, GK.qualifierType, str(kind) if kind is not None else None)
    out.add(node, GK.concurrent, typed("true" if change.concurrent else "false", "boolean"))
    if change.decided_by:
        out.add(node, GK.decidedBy, _deciding_body(ctx.entities, change.decided_by, document))
    if document.date is not None and document.date.precision == "day":
        out.add(node, DCTERMS.date, typed(document.date.iso, "date"))
    out.add(node, DCTERMS.source, doc)
    out.add(node, GK.layout, text(change.layout))
    out.add(node, GK.position, integer(position))
    out.add(node, RDFS.label, text(f"{_VERBS[change.action]} {change.person} {change.post}", "zh"))
    ctx.evidence(out, node, change.person_span, "person", doc)
    ctx.evidence(out, node, change.post_span, "post", doc)
    ctx.evidence(out, node, change.evidence, "clause", doc)


def _person(entities: GraphWriter, name: str) -> str:
    node = ids.person_iri(name)
    entities.types(node, [FOAF.Person])
    entities.add(node, FOAF.name, text(name, "zh"))
    entities.add(node, SKOS.prefLabel, text(name, "zh"))
    entities.add(node, RDFS.label, text(name, "zh"))
    return node


def _post(entities: GraphWriter, change: PersonnelChange, organization: str | None, number: str) -> str:
    node = ids.post_iri(change.organization, change.title, change.post, number)
    entities.types(node, [ORG.Post])
    entities.add(node, SKOS.prefLabel, text(change.post, "zh"))
    entities.add(node, RDFS.label, text(change.post, "zh"))
    entities.add(node, GK.title, text(change.title, "zh"))
    entities.add(node, ORG.postIn, organization)
    return node


def _deciding_body(entities: GraphWriter, name: str, document: Document) -> str:
    """The issuer when ``name`` is its short form (市政府 for 衢州市人民政府), else a body named as written.

    The short form is the issuer's name without 人民 ending in ``name``: 市政府 is not taken for
    衢州市人民政府办公室 (a notice of the office may record a decision of the government itself).
    """
    for issuer in document.issuers:
        if issuer != name and issuer.replace("人民", "").endswith(name):
            node = _organization(entities, issuer)
            entities.add(node, SKOS.altLabel, text(name, "zh"))
            return node
    return _organization(entities, name)
