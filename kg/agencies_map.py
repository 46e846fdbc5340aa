"""Map the agency side of a document to RDF: commendations, leading groups, leaders' duties, tasks.

Called once per document from ``kg.mapping.map_issue``. The fact nodes (``gk:Commendation``,
``org:Membership`` of a ``gk:LeadingGroup``, ``gk:PortfolioAssignment``, ``gk:Task`` with its
``prov:Association`` nodes) go into the document's graph with their evidence; people, agencies,
groups, offices and minted concepts are shared entities in the entities graph.

Every agency mention is resolved with ``extractors.agencies.resolve``: a mention that names a registry
body is linked to the organisation of the body's full name (the node an issuer of that name has), with
the mention as ``skos:altLabel``; any other mention is an organisation of its own printed name. The
fact keeps the mention as written (``gk:asWritten``, ``gk:affiliation``, ``gk:recipientAffiliation``),
so the facts export reproduces the document while the graph joins every form of one body.
"""

from __future__ import annotations

import itertools
from functools import lru_cache

from extractors import agencies
from extractors.awards import VERSION as AWARDS_VERSION
from extractors.awards import Award, extract_awards
from extractors.groups import VERSION as GROUPS_VERSION
from extractors.groups import GroupMember, extract_groups
from extractors.leader_duties import VERSION as DUTIES_VERSION
from extractors.leader_duties import LeaderDuty, extract_leader_duties
from extractors.records import Document
from kg import ids
from kg.mapping import _concept, _Context, _finding, _organization
from kg.personnel import _person
from kg.policies import _attributed
from kg.quads import GraphWriter, integer, text
from ontology.terms import DCTERMS, GK, ORG, PROV, RDFS, SKOS

_RECIPIENT_TYPES = {"person": GK["recipient-person"], "collective": GK["recipient-collective"]}


def agency(ctx: _Context, mention: str, document: Document) -> str:
    """The organisation a mention names: the registry body's full name when it resolves, else as written.

    A document names the same agencies again and again (a task table names 市财政局 in every row): the
    resolution, and the entity statements it writes, are made once per mention and document.
    """
    year = int(document.date.iso[:4]) if document.date is not None else document.number.year
    key = (mention, year, document.span.start, document.span.end)
    known = ctx.resolved_agencies.get(key)
    if known is not None:
        return known
    ctx.resolved_agencies[key] = node = _resolve_agency(ctx, mention, year, document)
    return node


def _resolve_agency(ctx: _Context, mention: str, year: int | None, document: Document) -> str:
    learned = _learned(ctx.raw[document.span.start : document.span.end])
    found = agencies.resolve(mention, agencies.ResolveContext(year=year, learned=learned))
    name = found.name if found.resolved and found.name else mention
    node = _organization(ctx.entities, name)
    if name != mention:
        ctx.entities.add(node, SKOS.altLabel, text(mention, "zh"))
    annotate(ctx, node, found)
    return node


@lru_cache(maxsize=64)
def _learned(text: str) -> dict[str, str]:
    """Aliases the document itself teaches (全名(以下简称X), short forms beside the full name that signs)."""
    return {a.short: a.full for a in agencies.learn_aliases(text) if a.status != "conflict"}


def annotate(ctx: _Context, node: str, found: agencies.Resolution) -> None:
    """Record on an organisation how the registry matched it (or that it did not)."""
    ctx.entities.add(node, GK.registryEvidence, text(found.evidence if found.resolved else "unresolved"))
    if found.resolved and found.id:
        _registry_facts(ctx, node, found.id)


def annotate_issuer(ctx: _Context, node: str, name: str, year: int | None) -> None:
    """Issuers sign with full names: resolve them too, so they carry registry id, level and English name."""
    annotate(ctx, node, agencies.resolve(name, agencies.ResolveContext(year=year)))


_LEVELS = {
    "national": GK["level-national"],
    "province": GK["level-province"],
    "city": GK["level-city"],
    "county": GK["level-county"],
    "town": GK["level-town"],
}


def _registry_facts(ctx: _Context, node: str, body_id: str) -> None:
    """What the registry knows of a body: its id, level, English name and successors after a reform."""
    body = agencies.registry().get(body_id)
    ctx.entities.add(node, SKOS.notation, text(body_id))
    if body is not None and body.level in _LEVELS:
        ctx.entities.add(node, GK.level, _LEVELS[body.level])
    english = agencies.english_label(body_id)
    if english:  # rdfs:label, not a second skos:prefLabel: queries read the Chinese prefLabel unfiltered
        ctx.entities.add(node, RDFS.label, text(english, "en"))
    for successor_id in agencies.successors(body_id):
        successor = agencies.registry().get(successor_id)
        if successor is not None:
            target = _organization(ctx.entities, successor.name)
            ctx.entities.add(target, SKOS.notation, text(successor_id))
            ctx.entities.add(target, GK.registryEvidence, text("registry successor"))
            ctx.entities.add(node, GK.successorOrganization, target)


def office(ctx: _Context, label: str, document: Document) -> str:
    """An office named instead of a person (市政府常务副市长), a post scoped to the document."""
    node = ids.post_iri(None, label, label, document.number.canonical)
    ctx.entities.types(node, [ORG.Post])
    ctx.entities.add(node, SKOS.prefLabel, text(label, "zh"))
    ctx.entities.add(node, RDFS.label, text(label, "zh"))
    ctx.entities.add(node, GK.title, text(label, "zh"))
    return node


def map_agency_facts(out: GraphWriter, issue_graph: GraphWriter, ctx: _Context, document: Document) -> int:
    """Commendations, group memberships and leaders' duties of ``document`` (tasks: ``kg.tasks``)."""
    doc = ids.document_iri(document.number.canonical)
    count = 0
    awards, findings = extract_awards(ctx.raw, document)
    if awards or findings:
        own = _attributed(ctx, AWARDS_VERSION)
        for finding in findings:
            _finding(issue_graph, own, finding)
        for position, award in enumerate(awards, 1):
            _commendation(out, own, document, doc, award, position)
        count += len(awards)
    members, findings = extract_groups(ctx.raw, document)
    if members or findings:
        own = _attributed(ctx, GROUPS_VERSION)
        for finding in findings:
            _finding(issue_graph, own, finding)
        for position, member in enumerate(members, 1):
            _membership(out, own, document, doc, member, position)
        count += len(members)
    duties = extract_leader_duties(ctx.raw, document)
    if duties:
        own = _attributed(ctx, DUTIES_VERSION)
        for position, duty in enumerate(duties, 1):
            _portfolio(out, own, document, doc, duty, position)
        count += len(duties)
    return count


def _commendation(out: GraphWriter, ctx: _Context, document: Document, doc: str, award: Award, position: int) -> None:
    number = document.number.canonical
    node = ids.node_iri("commendation", number, award.recipient, award.honor, award.affiliation, position)
    out.types(node, [GK.Commendation])
    if award.recipient_type == "person":
        recipient = _person(ctx.entities, award.recipient)
    else:
        recipient = agency(ctx, award.recipient, document)
    out.add(node, GK.recipient, recipient)
    out.add(node, GK.asWritten, text(award.recipient, "zh"))
    out.add(node, GK.recipientType, _RECIPIENT_TYPES[award.recipient_type])
    out.add(node, GK.honour, _concept(ctx.entities, "Honours", GK.Honours, award.honor))
    out.add(node, GK.honourText, text(award.honor, "zh"))
    if award.affiliation:
        out.add(node, GK.recipientAffiliation, text(award.affiliation, "zh"))
        out.add(node, GK.affiliationOrganization, agency(ctx, award.affiliation, document))
    for issuer in document.issuers:
        out.add(node, PROV.wasAssociatedWith, _organization(ctx.entities, issuer))
    out.add(node, DCTERMS.source, doc)
    out.add(node, GK.layout, text(award.layout))
    out.add(node, GK.position, integer(position))
    out.add(node, RDFS.label, text(f"{award.recipient} {award.honor}", "zh"))
    ctx.evidence(out, node, award.recipient_span, "recipient", doc)
    if award.affiliation_span:
        ctx.evidence(out, node, award.affiliation_span, "affiliation", doc)
    if award.honor_span:
        ctx.evidence(out, node, award.honor_span, "honour", doc)
    ctx.evidence(out, node, award.evidence, "line", doc)


def group_iri(name: str | None, document: Document) -> str:
    """A named group is one entity across documents; an unnamed one is scoped to its document."""
    return ids.node_iri("group", name) if name else ids.node_iri("group", document.number.canonical, None)


def _membership(
    out: GraphWriter, ctx: _Context, document: Document, doc: str, member: GroupMember, position: int
) -> None:
    number = document.number.canonical
    group = group_iri(member.group, document)
    label = member.group or f"{document.title}所设小组"
    ctx.entities.types(group, [GK.LeadingGroup, ORG.OrganizationalCollaboration])
    ctx.entities.add(group, SKOS.prefLabel, text(label, "zh"))
    ctx.entities.add(group, RDFS.label, text(label, "zh"))
    if member.group:
        ctx.entities.add(group, DCTERMS.title, text(member.group, "zh"))
    out.add(group, DCTERMS.source, doc)
    if member.office_host:
        out.add(group, GK.officeHostedBy, agency(ctx, member.office_host, document))
    if member.group_span:
        ctx.evidence(out, group, member.group_span, "group", doc)
    node = ids.node_iri(
        "group-membership", number, member.group, member.role, member.person, member.affiliation, position
    )
    out.types(node, [ORG.Membership])
    out.add(node, ORG.organization, group)
    out.add(node, ORG.role, _concept(ctx.entities, "GroupRoles", GK.GroupRoles, member.role))
    out.add(node, GK.roleText, text(member.role, "zh"))
    if member.person:
        out.add(node, ORG.member, _person(ctx.entities, member.person))
    elif _unit(member) and member.affiliation:  # a member unit (成员单位): the organisation is the member
        out.add(node, ORG.member, agency(ctx, member.affiliation, document))
    else:  # only an office is named (副组长:市政府常务副市长): the post whose holder sits in the group
        out.add(node, GK.memberByPost, office(ctx, member.affiliation or member.role, document))
    if member.affiliation:
        out.add(node, GK.affiliation, text(member.affiliation, "zh"))
        out.add(node, GK.affiliationOrganization, agency(ctx, member.affiliation, document))
    if member.office_host:
        out.add(node, GK.officeHostedBy, agency(ctx, member.office_host, document))
    out.add(node, DCTERMS.source, doc)
    out.add(node, GK.layout, text(member.layout))
    out.add(node, GK.position, integer(position))
    out.add(
        node, RDFS.label, text(f"{member.group or ''} {member.role} {member.person or member.affiliation or ''}", "zh")
    )
    ctx.evidence(out, node, member.role_span, "role", doc)
    if member.person_span:
        ctx.evidence(out, node, member.person_span, "person", doc)
    if member.affiliation_span:
        ctx.evidence(out, node, member.affiliation_span, "affiliation", doc)
    ctx.evidence(out, node, member.evidence, "line", doc)


def _unit(member: GroupMember) -> bool:
    return member.role.endswith("单位")


def _portfolio(out: GraphWriter, ctx: _Context, document: Document, doc: str, duty: LeaderDuty, position: int) -> None:
    node = ids.node_iri("portfolio", document.number.canonical, duty.person, position)
    out.types(node, [GK.PortfolioAssignment])
    out.add(node, GK.leader, _person(ctx.entities, duty.person))
    out.add(node, GK.positions, text(duty.positions, "zh"))
    if duty.duties:
        out.add(node, GK.duties, text(duty.duties, "zh"))
    objects = (*duty.supervises, *duty.assists, *duty.liaises)
    # link by the form with the distributive 市 applied (统计局 after 市发改委 is 市统计局); keep the printed form
    linked = iter(expanded or unit for unit, expanded in itertools.zip_longest(objects, duty.expanded[: len(objects)]))
    for prop, units in ((GK.supervises, duty.supervises), (GK.assists, duty.assists), (GK.liaisesWith, duty.liaises)):
        for _ in units:
            out.add(node, prop, agency(ctx, next(linked), document))
    if objects:
        out.add(node, GK.objectsAsWritten, text("、".join(objects), "zh"))
    out.add(node, DCTERMS.source, doc)
    out.add(node, GK.position, integer(position))
    out.add(node, RDFS.label, text(f"{duty.person} {duty.positions}", "zh"))
    ctx.evidence(out, node, duty.person_span, "person", doc)
    ctx.evidence(out, node, duty.positions_span, "positions", doc)
    if duty.duties_span:
        ctx.evidence(out, node, duty.duties_span, "duties", doc)
    for k, span in enumerate(duty.object_spans, 1):
        ctx.evidence(out, node, span, f"unit-{k}", doc)
    ctx.evidence(out, node, duty.evidence, "entry", doc)
