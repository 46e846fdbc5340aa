"""Map the task responsibilities of a document to RDF: ``gk:Task`` nodes with qualified associations.

One ``gk:Task`` per task item of the document (its heading or first clause, ``dcterms:title``) in the
document's graph; one ``prov:Association`` per agency or leader named for it, with ``prov:hadRole``
(``gk:LeadRole``, ``gk:ResponsibleRole``, ``gk:SupportRole``, ``gk:LeadLeaderRole``), ``gk:position`` in
its list, the name as written (``gk:asWritten``) and the layout it was read from. The shortcuts
``gk:leadAgency`` / ``gk:responsibleAgency`` / ``gk:supportAgency`` / ``gk:leadLeader`` are added beside
them. Agencies are resolved like every other mention (``kg.agencies_map.agency``); a leader printed
as an office (常务副市长) is an ``org:Post`` scoped to the document, a named leader a ``foaf:Person``.
"""

from __future__ import annotations

from extractors.groups import person_name
from extractors.records import Document, Span
from extractors.responsibilities import VERSION as RESPONSIBILITIES_VERSION
from extractors.responsibilities import Responsibility, extract_responsibilities
from kg import ids
from kg.agencies_map import agency, office
from kg.mapping import _Context, _finding
from kg.personnel import _person
from kg.policies import _attributed
from kg.quads import GraphWriter, integer, text
from ontology.terms import DCTERMS, GK, PROV, RDFS

ROLES = {
    "lead": GK.LeadRole,
    "responsible": GK.ResponsibleRole,
    "support": GK.SupportRole,
    "lead_leader": GK.LeadLeaderRole,
}
SHORTCUTS = {"lead": GK.leadAgency, "responsible": GK.responsibleAgency, "support": GK.supportAgency}


def map_tasks(out: GraphWriter, issue_graph: GraphWriter, ctx: _Context, document: Document) -> int:
    """Add the tasks of ``document`` and who is named for each; returns how many associations were mapped."""
    records, findings = extract_responsibilities(ctx.raw, document)
    if not records and not findings:
        return 0
    own = _attributed(ctx, RESPONSIBILITIES_VERSION)
    for finding in findings:
        _finding(issue_graph, own, finding)
    doc = ids.document_iri(document.number.canonical)
    described: set[str] = set()
    for k, record in enumerate(records, 1):
        if not (record.leader if record.role == "lead_leader" else record.agency):
            continue  # nobody named: nothing to associate
        task = _task(out, own, document, doc, record, described)
        _association(out, own, document, doc, task, record, k)
    return len(records)


def task_iri(document: Document, title: str | None, span: Span | None) -> str:
    """A task is its title in its document (the same title printed twice is one task)."""
    if title:
        return ids.node_iri("task", document.number.canonical, title)
    return ids.node_iri("task", document.number.canonical, None, span.start if span else None)


def _task(
    out: GraphWriter, ctx: _Context, document: Document, doc: str, record: Responsibility, described: set[str]
) -> str:
    node = task_iri(document, record.task, record.task_span if record.task is None else None)
    if node in described:
        return node
    described.add(node)
    out.types(node, [GK.Task])
    if record.task:
        out.add(node, DCTERMS.title, text(record.task, "zh"))
        out.add(node, RDFS.label, text(record.task, "zh"))
    out.add(node, DCTERMS.isPartOf, doc)
    if record.deadline:
        out.add(node, GK.deadline, text(record.deadline, "zh"))
    out.add(node, GK.layout, text(record.layout))
    if record.task_span:
        ctx.evidence(out, node, record.task_span, "task", doc)
    else:
        ctx.evidence(out, node, record.evidence, "list", doc)
    return node


def _association(
    out: GraphWriter, ctx: _Context, document: Document, doc: str, task: str, record: Responsibility, k: int
) -> None:
    name = record.leader if record.role == "lead_leader" else record.agency
    node = ids.node_iri("task-association", task, record.role, record.position, name, record.list_kind, k)
    out.add(task, PROV.qualifiedAssociation, node)
    out.types(node, [PROV.Association])
    out.add(node, PROV.hadRole, ROLES[record.role])
    out.add(node, GK.position, integer(record.position))
    out.add(node, GK.layout, text(record.layout))
    assert name  # map_tasks skips records that name nobody
    out.add(node, GK.asWritten, text(name, "zh"))
    if record.role == "lead_leader":
        if person_name(name):
            agent = _person(ctx.entities, name)
            out.add(task, GK.leadLeader, agent)
        else:
            agent = office(ctx, name, document)
    else:
        agent = agency(ctx, record.expanded or name, document)
        out.add(task, SHORTCUTS[record.role], agent)
    out.add(node, PROV.agent, agent)
    out.add(node, RDFS.label, text(f"{record.list_kind}: {name}", "zh"))
    if record.span:
        ctx.evidence(out, node, record.span, "agent", doc)
    ctx.evidence(out, node, record.evidence, "list", doc)
