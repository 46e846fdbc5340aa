"""Map a segmented issue to RDF quads under the project ontology, with provenance.

One named graph per (issue, document) holds the document and the evidence for it; one graph per
issue holds the masthead, the table of contents and the findings. Every fact node points to
``gk:Evidence`` nodes (NIF spans of the decoded issue text) via ``prov:wasDerivedFrom``.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from extractors.records import Document, Finding, SegmentedIssue, Span, TocEntry
from extractors.sections import toc_entry_for
from kg import ids
from kg.quads import GraphWriter, date_literal, integer, parse_lines, text, typed
from ontology.terms import BIBO, CONCEPTS, DCTERMS, ELI, FOAF, GK, NIF, ORG, PROV, RDFS, SKOS

SECTION_SCHEME = "Sections"
DOCTYPE_SCHEME = "DocumentTypes"


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """Where an issue came from: the file as named by the user, its hash and encoding."""

    path: str
    name: str
    content_hash: str
    encoding: str


@dataclass(frozen=True, slots=True)
class MappedIssue:
    """The statements of one issue as N-Quads lines (``kg.quads``), grouped by named graph, and the issue's key."""

    key: str
    issue_iri: str
    source_iri: str  # the gk:SourceFile of the manifest record
    graphs: dict[str, list[str]]
    source_lines: list[str]  # the manifest record of the file
    entity_lines: list[str]  # statements about shared entities (agencies, people, concepts): kg.entities

    def quads(self) -> list[ox.Quad]:
        """Every statement of the issue's graphs and of its entities, as pyoxigraph quads."""
        return parse_lines([line for lines in self.graphs.values() for line in lines] + self.entity_lines)


@dataclass(frozen=True, slots=True)
class _EvidenceTerms:
    """The terms of an evidence node, looked up once: closed-namespace attribute access is slow in the hot loop."""

    derived_from: str = PROV.wasDerivedFrom
    evidence_classes: tuple[str, ...] = (GK.Evidence,)
    field: str = GK.field
    reference_context: str = NIF.referenceContext
    begin: str = NIF.beginIndex
    end: str = NIF.endIndex
    anchor: str = NIF.anchorOf
    context: str = GK.context
    in_document: str = GK.inDocument


_EVIDENCE_TERMS = _EvidenceTerms()


class _Context:
    """What every mapping function needs: the raw text, the issue and the extractor."""

    def __init__(self, raw: str, issue: str, extractor: str) -> None:
        self.raw = raw
        self.issue = issue
        self.text_context = ids.text_context_iri(issue)  # the nif:Context every evidence offset counts in
        self.extractor = extractor
        # Shared entities (agencies, periodical, minted concepts, the extractor) are described once
        # in the entities graph, not in every document graph that names them: the union default
        # graph would otherwise repeat each label once per document and multiply join results.
        self.entities = GraphWriter(ids.ENTITIES_GRAPH)
        # Evidence nodes already described, per graph: facts read from the same span for the same field
        # (the agency list of a task row, the sentence of a citation) share one evidence node.
        self._described: set[tuple[str, str]] = set()
        # Agency mentions already resolved in this issue: (mention, year, document span) -> organisation.
        self.resolved_agencies: dict[tuple[str, int | None, int, int], str] = {}

    def evidence(
        self, out: GraphWriter, fact: str, span: Span, field: str, document: str | None, quote: bool = True
    ) -> None:
        """Attach evidence (a NIF span of the issue text, its quote and the surrounding line) to a fact node.

        The evidence node is identified by what it says (issue, span, field, document), not by the
        fact: every fact read from that span for that field points to the same node, so the store holds
        one span per thing read rather than one per fact. It is one node (NIF's offsets and anchor on the
        span itself, the issue's text as its nif:referenceContext), so a query reaches a sentence in one
        hop. Whole documents and attachments get offsets only: quoting them would copy the issue into the
        store a second time.
        """
        node = ids.node_iri("evidence", self.issue, span.start, span.end, field, document, quote)
        t = _EVIDENCE_TERMS
        out.add(fact, t.derived_from, node)
        key = (out.graph.value, node)
        if key in self._described:
            return
        self._described.add(key)
        out.types(node, t.evidence_classes)
        out.add(node, t.field, text(field))
        out.add(node, t.reference_context, self.text_context)
        out.add(node, t.begin, typed(span.start, "nonNegativeInteger"))
        out.add(node, t.end, typed(span.end, "nonNegativeInteger"))
        if quote:
            out.add(node, t.anchor, text(span.text))
        out.add(node, t.context, text(self.context(span)))
        if document:
            out.add(node, t.in_document, document)

    def context(self, span: Span, limit: int = 300) -> str:
        """The line(s) that contain the span: what a reader needs to see the fact in place."""
        start = self.raw.rfind("\n", 0, span.start) + 1
        end = self.raw.find("\n", span.end)
        end = len(self.raw) if end < 0 else end
        line = self.raw[start:end].strip()
        return line if len(line) <= limit else line[:limit] + "…"


def map_issue(
    raw: str, segmented: SegmentedIssue, source: SourceInfo, extractor: str, version: str | None = None
) -> MappedIssue:
    """All quads for one issue file, deterministic for the same input.

    ``version``: what the manifest records as the extraction version (the build's pipeline version, so that
    every worker writes the same); default the extractor's name.
    """
    meta = segmented.meta
    key = ids.issue_key(meta.title, meta.year, meta.totals, source.content_hash)
    issue = ids.issue_iri(key)
    ctx = _Context(raw, issue, ids.extractor_iri(extractor))
    graphs: dict[str, list[ox.Quad]] = {}

    issue_graph = GraphWriter(ids.issue_graph(key))
    _issue_node(issue_graph, ctx, segmented, source)
    _text_context(issue_graph, ctx)
    ctx.entities.types(ctx.extractor, [PROV.SoftwareAgent])
    ctx.entities.add(ctx.extractor, RDFS.label, text(extractor))
    for position, entry in enumerate(segmented.toc, 1):
        _toc_entry(issue_graph, ctx, entry, position, segmented)
    for finding in segmented.findings:
        _finding(issue_graph, ctx, finding)

    from kg.agencies_map import map_agency_facts  # they build on this module's helpers
    from kg.personnel import map_personnel
    from kg.policies import map_policies
    from kg.tasks import map_tasks

    for document in segmented.documents:
        graph = ids.document_graph(key, document.number.canonical)
        out = GraphWriter(graph)
        _document(out, ctx, document)
        map_personnel(out, issue_graph, ctx, document)
        map_policies(out, ctx, document)
        map_agency_facts(out, issue_graph, ctx, document)
        map_tasks(out, issue_graph, ctx, document)
        graphs.setdefault(graph, []).extend(out.lines)
    graphs[ids.issue_graph(key)] = issue_graph.lines

    manifest = GraphWriter(ids.MANIFEST_GRAPH)
    src = ids.source_iri(source.content_hash)
    manifest.types(src, [GK.SourceFile])
    manifest.add(src, GK.path, text(source.path))
    manifest.add(src, GK.fileName, text(source.name))
    manifest.add(src, GK.contentHash, text(source.content_hash))
    manifest.add(src, GK.encoding, text(source.encoding))
    manifest.add(src, GK.extractorVersion, text(version or extractor))
    manifest.add(src, DCTERMS.isPartOf, issue)
    for graph in sorted(graphs):
        manifest.add(src, GK.graph, graph)
    return MappedIssue(key, issue, src, graphs, manifest.lines, ctx.entities.lines)


def _issue_node(out: GraphWriter, ctx: _Context, segmented: SegmentedIssue, source: SourceInfo) -> None:
    meta = segmented.meta
    issue = ctx.issue
    out.types(issue, [BIBO.Issue])
    out.add(issue, GK.sourceFile, ids.source_iri(source.content_hash))
    if meta.title:
        periodical = ids.periodical_iri(meta.title)
        ctx.entities.types(periodical, [BIBO.Periodical])
        ctx.entities.add(periodical, DCTERMS.title, text(meta.title, "zh"))
        ctx.entities.add(periodical, RDFS.label, text(meta.title, "zh"))
        out.add(issue, DCTERMS.isPartOf, periodical)
    if meta.numbers:
        out.add(issue, BIBO.issue, text("、".join(meta.numbers)))
    for total in meta.totals:
        out.add(issue, GK.totalIssueNumber, integer(total))
    if meta.year:
        out.add(issue, GK.issueYear, integer(meta.year))
        for month in meta.months:
            out.add(issue, GK.issueMonth, integer(month))
        if meta.months:
            out.add(issue, DCTERMS.issued, typed(f"{meta.year:04d}-{meta.months[0]:02d}", "gYearMonth"))
    out.add(issue, RDFS.label, text(_issue_label(segmented, source), "zh"))
    if meta.span:
        ctx.evidence(out, issue, meta.span, "masthead", None)


def _text_context(out: GraphWriter, ctx: _Context) -> None:
    """The issue's decoded text as a NIF context: what evidence offsets count in, and who read it.

    The text itself stays in the source file (no nif:isString): copying every issue into the store would
    double its size for what ``gk:sourceFile`` and its content hash already pin down.
    """
    node = ctx.text_context
    out.types(node, [NIF.Context])
    out.add(node, NIF.sourceUrl, ctx.issue)
    out.add(node, NIF.beginIndex, typed(0, "nonNegativeInteger"))
    out.add(node, NIF.endIndex, typed(len(ctx.raw), "nonNegativeInteger"))
    out.add(node, PROV.wasAttributedTo, ctx.extractor)


def _issue_label(segmented: SegmentedIssue, source: SourceInfo) -> str:
    meta = segmented.meta
    if not meta.title:
        return source.name
    parts = [meta.title]
    if meta.year:
        parts.append(f"{meta.year}年" + "、".join(map(str, meta.months)) + ("月" if meta.months else ""))
    if meta.numbers:
        parts.append("第" + "、".join(meta.numbers) + "期")
    if meta.totals:
        parts.append("(总第" + "、".join(map(str, meta.totals)) + "期)")
    return " ".join(parts)


def _concept(out: GraphWriter, scheme: str, scheme_iri: str, label: str) -> str:
    """The ontology's concept for a label (sections, document types), or a new one in its scheme."""
    known = CONCEPTS.get(scheme, {}).get(label)
    if known is not None:
        return str(known)
    node = ids.concept_iri(scheme.lower(), label)
    out.types(node, [SKOS.Concept])
    out.add(node, SKOS.prefLabel, text(label, "zh"))
    out.add(node, SKOS.inScheme, scheme_iri)
    return node


def _toc_entry(out: GraphWriter, ctx: _Context, entry: TocEntry, position: int, seg: SegmentedIssue) -> None:
    node = ids.node_iri("toc", ctx.issue, position)
    out.types(node, [GK.TocEntry])
    out.add(ctx.issue, GK.tocEntry, node)
    out.add(node, GK.position, integer(position))
    out.add(node, GK.tocTitle, text(entry.title, "zh"))
    if entry.number:
        out.add(node, GK.tocNumber, text(entry.number.canonical))
        match = next(
            (d for d in seg.documents if toc_entry_for(d, [entry]) is not None),
            None,
        )
        if match is not None:
            out.add(node, GK.describes, ids.document_iri(match.number.canonical))
    if entry.page is not None:
        out.add(node, GK.tocPage, integer(entry.page))
    if entry.section:
        out.add(node, GK.section, _concept(ctx.entities, SECTION_SCHEME, GK.Sections, entry.section))
    ctx.evidence(out, node, entry.span, "toc-entry", None)


def _finding(out: GraphWriter, ctx: _Context, finding: Finding) -> None:
    start = finding.span.start if finding.span else None
    node = ids.node_iri("finding", ctx.issue, finding.code, start, finding.message)
    out.types(node, [GK.Finding])
    out.add(node, GK.code, text(finding.code))
    out.add(node, RDFS.comment, text(finding.message))
    out.add(node, DCTERMS.isPartOf, ctx.issue)
    if finding.span:
        ctx.evidence(out, node, finding.span, "finding", None)


def _organization(out: GraphWriter, name: str) -> str:
    node = ids.organization_iri(name)
    out.types(node, [ORG.Organization])
    out.add(node, SKOS.prefLabel, text(name, "zh"))
    out.add(node, RDFS.label, text(name, "zh"))
    return node


def _document(out: GraphWriter, ctx: _Context, doc: Document) -> None:
    node = ids.document_iri(doc.number.canonical)
    number = doc.number
    out.types(node, [ELI.LegalResource, FOAF.Document])
    out.add(node, ELI.id_local, text(number.canonical))
    out.add(node, GK.printedNumber, text(number.printed))
    out.add(node, GK.numberPrefix, text(number.prefix))
    if number.year is not None:
        out.add(node, GK.numberYear, integer(number.year))
    out.add(node, GK.numberSequence, integer(int(number.seq)))
    out.add(node, DCTERMS.title, text(doc.title, "zh"))
    out.add(node, RDFS.label, text(f"{doc.title} ({number.canonical})", "zh"))
    out.add(node, DCTERMS.isPartOf, ctx.issue)
    out.add(node, GK.charCount, integer(doc.span.end - doc.span.start))
    out.add(node, GK.issuersSource, text(doc.issuers_from))
    out.add(node, GK.sectionSource, text(doc.section_from))
    if doc.section:
        out.add(node, GK.section, _concept(ctx.entities, SECTION_SCHEME, GK.Sections, doc.section))
    if doc.doc_type:
        out.add(node, ELI.type_document, _concept(ctx.entities, DOCTYPE_SCHEME, GK.DocumentTypes, doc.doc_type))
    if doc.date:
        out.add(node, ELI.date_document, date_literal(doc.date.iso, doc.date.precision))
    if doc.addressees:
        out.add(node, GK.addressee, text(doc.addressees, "zh"))
    if doc.public_note:
        out.add(node, GK.publicationNote, text(doc.public_note, "zh"))
    if doc.signer:
        out.add(node, GK.signer, text(doc.signer, "zh"))
    ctx.evidence(out, node, doc.title_span, "title", node)
    ctx.evidence(out, node, doc.number_span, "number", node)
    if doc.date_span:
        ctx.evidence(out, node, doc.date_span, "date", node)
    if doc.addressee_span:
        ctx.evidence(out, node, doc.addressee_span, "addressee", node)
    ctx.evidence(out, node, doc.span, "document", node, quote=False)
    for position, (issuer, span) in enumerate(zip(doc.issuers, doc.issuer_spans, strict=True), 1):
        org = _organization(ctx.entities, issuer)
        from kg.agencies_map import annotate_issuer  # late import: agencies_map builds on this module

        annotate_issuer(ctx, org, issuer, doc.number.year)
        issuance = ids.node_iri("issuance", node, position, issuer)
        out.add(node, ELI.passed_by, org)
        out.add(node, GK.issuance, issuance)
        out.types(issuance, [GK.Issuance])
        out.add(issuance, GK.issuer, org)
        out.add(issuance, GK.position, integer(position))
        out.add(issuance, RDFS.label, text(issuer, "zh"))
        ctx.evidence(out, issuance, span, "issuer", node)
    for k, attachment in enumerate(doc.attachments, 1):
        part = ids.node_iri("attachment", node, k)
        out.add(node, ELI.has_part, part)
        out.types(part, [GK.Attachment])
        out.add(part, GK.label, text(attachment.label, "zh"))
        out.add(part, GK.position, integer(k))
        if attachment.title:
            out.add(part, DCTERMS.title, text(attachment.title, "zh"))
        out.add(part, DCTERMS.isPartOf, node)
        ctx.evidence(out, part, attachment.span, "attachment", node, quote=False)
