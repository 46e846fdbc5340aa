"""Map the citations and policy dates of a document to RDF: the policy layer of the graph.

Each citation becomes a ``gk:Citation`` node in the citing document's graph (relation, title and
number as printed, evidence for each) beside the direct ELI edge (``eli:cites``, and ``eli:based_on``
/ ``eli:amends`` / ``eli:repeals`` when the sentence types it). The cited document is identified by
its canonical number, exactly as a printed document is (``kg.ids.document_iri``): a cited document in
the store is its node, and a stub merges with the printed document when a later gazette brings it.
The stub is described only with values the printed document shares (number, prefix, year, sequence)
or properties it does not use (``gk:citedTitle``, ``gk:prefixIssuer``), so a merge never gives a
printed document a second title or issuer source; whether a document is a stub, and the issuer a
stub's prefix implies, are derived after each build (``kg.validity``).

Policy dates (entry into force, application, expiry) become literals on the document with their
precision and evidence; a date tied to publication is the signing date, marked ``gk:effectiveFrom``.
"""

from __future__ import annotations

from datetime import date, timedelta

from extractors import docnumber, prefixes
from extractors.citations import VERSION as CITATIONS_VERSION
from extractors.citations import extract_citations
from extractors.policy_dates import VERSION as DATES_VERSION
from extractors.policy_dates import extract_policy_dates
from extractors.records import Citation, DateValue, Document, PolicyDate
from extractors.validity_lists import STATUS_LABELS
from kg import ids
from kg.mapping import _concept, _Context, _organization
from kg.quads import GraphWriter, date_literal, integer, text
from ontology.terms import DCTERMS, ELI, GK, PROV, RDFS

RELATIONS = {"cites": ELI.cites, "based_on": ELI.based_on, "amends": ELI.amends, "repeals": ELI.repeals}


def map_policies(out: GraphWriter, ctx: _Context, document: Document) -> int:
    """Add the citations and policy dates of ``document``; returns how many citations were mapped."""
    doc = ids.document_iri(document.number.canonical)
    citations = extract_citations(ctx.raw, document)
    if citations:
        own = _attributed(ctx, CITATIONS_VERSION)
        for position, citation in enumerate(citations, 1):
            _citation(out, own, document, doc, citation, position)
    dates = extract_policy_dates(ctx.raw, document)
    if dates:
        _dates(out, _attributed(ctx, DATES_VERSION), document, doc, dates)
    return len(citations)


def _attributed(ctx: _Context, version: str) -> _Context:
    """Same raw text, issue and shared entities; only the evidence is attributed to this extractor."""
    agent = ids.extractor_iri(version)
    ctx.entities.types(agent, [PROV.SoftwareAgent])
    ctx.entities.add(agent, RDFS.label, text(version))
    own = _Context(ctx.raw, ctx.issue, agent)
    own.entities = ctx.entities
    return own


def cited_iri(number: str | None, title: str | None) -> str:
    """The cited document: by canonical number (the IRI a printed document has), else by title."""
    if number:
        return ids.document_iri(docnumber.canonical(number))
    return ids.document_iri("title:" + (title or ""))


def _citation(out: GraphWriter, ctx: _Context, document: Document, doc: str, citation: Citation, position: int) -> None:
    number = docnumber.canonical(citation.number) if citation.number else None
    cited = cited_iri(number, citation.title)
    _stub(out, ctx, cited, number, citation.title)
    relation = RELATIONS[citation.relation]
    out.add(doc, ELI.cites, cited)
    out.add(doc, relation, cited)
    node = ids.node_iri("citation", document.number.canonical, number or "title:" + (citation.title or ""))
    out.types(node, [GK.Citation])
    out.add(node, GK.citingDocument, doc)
    out.add(node, GK.citedDocument, cited)
    out.add(node, GK.relation, relation)
    if citation.title:
        out.add(node, GK.citedTitle, text(citation.title, "zh"))
    if number:
        out.add(node, GK.citedNumber, text(number))
    out.add(node, GK.position, integer(position))
    shown = "《" + citation.title + "》" if citation.title else ""
    out.add(node, RDFS.label, text(f"{document.number.canonical} {citation.relation} {shown}{number or ''}", "zh"))
    if citation.title_span:
        ctx.evidence(out, node, citation.title_span, "title", doc)
    if citation.number_span:
        ctx.evidence(out, node, citation.number_span, "number", doc)
    ctx.evidence(out, node, citation.evidence, "sentence", doc)
    if citation.status:  # declared by a clean-up list: the cited document's validity, as this notice says
        status = _concept(ctx.entities, "ValidityStatuses", GK.ValidityStatuses, STATUS_LABELS[citation.status])
        out.add(cited, GK.validityStatus, status)


def _stub(out: GraphWriter, ctx: _Context, cited: str, number: str | None, title: str | None) -> None:
    """What the citing document says about the cited one, safe to merge with the printed document."""
    out.types(cited, [ELI.LegalResource])
    if not number:
        out.add(cited, DCTERMS.title, text(title or "", "zh"))
        return
    out.add(cited, ELI.id_local, text(number))
    if title:
        out.add(cited, GK.citedTitle, text(title, "zh"))
    parsed = docnumber.parse(number)
    if parsed is None:  # a standard's code (GB18918—2002): a number, but no issuer series
        return
    out.add(cited, GK.numberPrefix, text(parsed.prefix))
    if parsed.year is not None:
        out.add(cited, GK.numberYear, integer(parsed.year))
    out.add(cited, GK.numberSequence, integer(parsed.seq))
    info = prefixes.lookup(parsed.prefix)
    if info is not None:
        out.add(cited, GK.prefixIssuer, _organization(ctx.entities, info.issuer))


def _dates(out: GraphWriter, ctx: _Context, document: Document, doc: str, dates: list[PolicyDate]) -> None:
    """Entry into force and application: the earliest clause; expiry: the latest (ELI's first/last dates)."""
    signed = document.date
    effective = [(d.date or signed, d) for d in dates if d.kind == "effective"]
    if effective:
        value, clause = min(effective, key=lambda item: _order(item[0]))
        if value is not None:
            out.add(doc, ELI.first_date_entry_in_force, date_literal(value.iso, value.precision))
        if clause.relative_to:
            out.add(doc, GK.effectiveFrom, text(clause.relative_to))
        ctx.evidence(out, doc, clause.span, "effective", doc)
    applies = [(d.date, d) for d in dates if d.kind == "applies_from" and d.date is not None]
    if applies:
        value, clause = min(applies, key=lambda item: _order(item[0]))
        out.add(doc, GK.appliesFrom, date_literal(value.iso, value.precision))  # type: ignore[union-attr]
        ctx.evidence(out, doc, clause.span, "applies-from", doc)
    start = min((v for v, _ in effective if v is not None), key=_order, default=signed)
    expiries = [(d.date or _after_years(start, d.years), d) for d in dates if d.kind == "expires"]
    stated = [item for item in expiries if item[0] is not None]
    if stated:
        value, clause = max(stated, key=lambda item: _order(item[0]))
        out.add(doc, ELI.date_no_longer_in_force, date_literal(value.iso, value.precision))  # type: ignore[union-attr]
        ctx.evidence(out, doc, clause.span, "expires", doc)


def _order(value: DateValue | None) -> str:
    return value.iso if value is not None else "~"


def _after_years(start: DateValue | None, years: int | None) -> DateValue | None:
    """The last day of a period of ``years`` from ``start`` (有效期2年 from 2018-05-01 → 2020-04-30)."""
    if start is None or years is None or start.precision != "day":
        return None
    first = date.fromisoformat(start.iso)
    try:
        end = first.replace(year=first.year + years)
    except ValueError:  # 29 February
        end = first.replace(year=first.year + years, day=28)
    last = end - timedelta(days=1)
    return DateValue(last.isoformat(), "day", f"{start.printed} + {years}年")
