"""Derived facts: tenures, successions, rename candidates and document status, recomputed after every build.

They join personnel changes across documents and issues, so no single document graph can hold
them: after each build (inside the staged writer, so atomically) every ``gk:PersonnelChange`` is
read back with SPARQL, the joins are computed in Python (``kg.tenures``) and the whole derived
graph is replaced. Regenerating from the store rather than from the extractors' memory keeps the
derived graph consistent with what the store holds, whichever files were rebuilt. The status of
documents (printed or stub, repeal dates) is a second step in the same graph (``kg.validity``).
"""

from __future__ import annotations

import logging
from collections import defaultdict

import pyoxigraph as ox

from kg import ids
from kg.quads import GraphWriter, text, typed
from kg.tenures import Change, RenameCandidate, Succession, Tenure, rename_candidates, successions, tenures
from kg.validity import derive_validity
from ontology.terms import DCTERMS, ELI, FOAF, GK, ORG, PROV, RDFS, SKOS, TIME

log = logging.getLogger(__name__)

_CHANGES = f"""
SELECT DISTINCT ?change ?action ?person ?name ?post ?postLabel ?grade ?gradeLabel ?title ?org ?orgName
                ?date ?docDate ?doc ?number ?sequence ?position ?concurrent
WHERE {{
  ?change a <{GK.PersonnelChange}> ; <{GK.action}> ?action ; <{GK.person}> ?person ; <{DCTERMS.source}> ?doc .
  ?person <{FOAF.name}> ?name .
  OPTIONAL {{ ?change <{GK.post}> ?post . ?post <{SKOS.prefLabel}> ?postLabel ; <{GK.title}> ?title . }}
  OPTIONAL {{
    ?change <{GK.grade}> ?grade .
    ?grade <{SKOS.prefLabel}> ?gradeLabel FILTER(LANGMATCHES(LANG(?gradeLabel), "zh"))
  }}
  OPTIONAL {{
    ?change <{GK.agency}> ?org .
    OPTIONAL {{ ?org <{SKOS.prefLabel}> ?orgName FILTER(LANGMATCHES(LANG(?orgName), "zh")) }}
  }}
  OPTIONAL {{ ?change <{DCTERMS.date}> ?date }}
  OPTIONAL {{ ?doc <{ELI.date_document}> ?docDate }}
  OPTIONAL {{ ?doc <{ELI.id_local}> ?number }}
  OPTIONAL {{ ?doc <{GK.numberSequence}> ?sequence }}
  OPTIONAL {{ ?change <{GK.position}> ?position }}
  OPTIONAL {{ ?change <{GK.concurrent}> ?concurrent }}
}}
"""
_EVIDENCE = f"""
SELECT DISTINCT ?change ?evidence WHERE {{
  ?change a <{GK.PersonnelChange}> ; <{PROV.wasDerivedFrom}> ?evidence .
}}
"""
_DATATYPES = {10: "date", 7: "gYearMonth", 4: "gYear"}
_INSTANT = {"date": TIME.inXSDDate, "gYearMonth": TIME.inXSDgYearMonth, "gYear": TIME.inXSDgYear}


def _value(term: ox.NamedNode | ox.Literal | None) -> str | None:
    return None if term is None else term.value


def read_changes(store: ox.Store) -> list[Change]:
    """Every personnel change in the store, once (the same node may stand in several graphs)."""
    evidence: dict[str, list[str]] = defaultdict(list)
    for row in store.query(_EVIDENCE, use_default_graph_as_union=True):
        evidence[row["change"].value].append(row["evidence"].value)
    rows: dict[str, Change] = {}
    result = store.query(_CHANGES, use_default_graph_as_union=True)
    names = [v.value for v in result.variables]
    for row in result:
        value = {name: _value(row[name]) for name in names}
        date = value["date"] or value["docDate"]
        change = Change(
            iri=value["change"] or "",
            action="appoint" if value["action"] == str(GK.Appoint) else "remove",
            person=value["person"] or "",
            name=value["name"] or "",
            post=value["post"],
            grade=value["grade"],
            organization=value["org"],
            org_name=value["orgName"],
            title=value["title"] or value["gradeLabel"] or "",
            label=value["postLabel"] or (value["orgName"] or "") + (value["gradeLabel"] or ""),
            date=date if date and len(date) in _DATATYPES else None,
            document=value["doc"] or "",
            number=value["number"] or "",
            sequence=int(value["sequence"] or 0),
            position=int(value["position"] or 0),
            concurrent=value["concurrent"] in ("true", "1"),
            evidence=tuple(sorted(evidence.get(value["change"] or "", ()))),
        )
        # Several rows for one change (a document dated twice …): keep the first in a fixed order.
        if change.iri not in rows or _row_key(change) < _row_key(rows[change.iri]):
            rows[change.iri] = change
    return sorted(rows.values(), key=lambda c: (c.order(), c.iri))


def _row_key(change: Change) -> tuple[str, ...]:
    return (change.date or "~", change.org_name or "~", change.label, change.number)


def derive(store: ox.Store) -> dict[str, int]:
    """Replace the derived graph with what the personnel changes and citations in ``store`` imply; returns counts."""
    changes = read_changes(store)
    held = tenures(changes)
    replaced = successions(changes, held)
    renames = rename_candidates(changes)
    out = GraphWriter(ids.DERIVED_GRAPH)
    tenure_iris = {t.key: _tenure(out, t) for t in held}
    opened = {t.start.iri: tenure_iris[t.key] for t in held if t.start is not None}
    closed = {t.end.iri: tenure_iris[t.key] for t in held if t.end is not None}
    for succession in replaced:
        _succession(out, succession, opened, closed)
    for candidate in renames:
        _rename(out, candidate)
    counts = {"tenures": len(held), "successions": len(replaced), "rename candidates": len(renames)}
    counts |= derive_validity(store, out)  # reads the document graphs only, never the stale derived graph
    store.remove_graph(ox.NamedNode(ids.DERIVED_GRAPH))
    store.extend(out.quads)
    log.info("derived %s from %d personnel changes", counts, len(changes))
    return counts


def _literal_date(iso: str) -> ox.Literal:
    return typed(iso, _DATATYPES[len(iso)])


def _instant(out: GraphWriter, iso: str) -> str:
    node = ids.instant_iri(iso)
    out.types(node, [TIME.Instant])
    out.add(node, _INSTANT[_DATATYPES[len(iso)]], _literal_date(iso))
    return node


def _tenure(out: GraphWriter, tenure: Tenure) -> str:
    some = tenure.some
    node = ids.node_iri("tenure", tenure.start.iri if tenure.start else None, tenure.end.iri if tenure.end else None)
    interval = node + "/interval"
    out.types(node, [ORG.Membership])
    out.add(node, ORG.member, tenure.person)
    out.add(node, ORG.organization, some.organization)
    if some.post is not None:
        out.add(node, GK.post, some.post)
        out.add(tenure.person, ORG.holds, some.post)
    else:
        out.add(node, GK.grade, some.grade)
    out.add(node, GK.concurrent, typed("true" if tenure.concurrent else "false", "boolean"))
    out.add(node, GK.startUnknown, typed("false" if tenure.start else "true", "boolean"))
    out.add(node, RDFS.label, text(f"{some.name} {some.label}", "zh"))
    out.add(node, ORG.memberDuring, interval)
    out.types(interval, [TIME.Interval])
    if tenure.start is not None:
        out.add(node, GK.startedBy, tenure.start.iri)
        if tenure.start.date:
            out.add(interval, TIME.hasBeginning, _instant(out, tenure.start.date))
    if tenure.end is not None:
        out.add(node, GK.endedBy, tenure.end.iri)
        if tenure.end.date:
            out.add(interval, TIME.hasEnd, _instant(out, tenure.end.date))
    for change in tenure.changes:
        for evidence in change.evidence:
            out.add(node, PROV.wasDerivedFrom, evidence)
    return node


def _succession(out: GraphWriter, succession: Succession, opened: dict[str, str], closed: dict[str, str]) -> None:
    removal, appointment = succession.removal, succession.appointment
    node = ids.node_iri("succession", removal.iri, appointment.iri)
    out.types(node, [GK.Succession])
    out.add(node, GK.predecessor, removal.person)
    out.add(node, GK.successor, appointment.person)
    out.add(node, GK.post, appointment.post)
    if appointment.date and len(appointment.date) == 10:
        out.add(node, DCTERMS.date, typed(appointment.date, "date"))
    for document in sorted({removal.document, appointment.document}):
        out.add(node, DCTERMS.source, document)
    out.add(node, RDFS.label, text(f"{appointment.name} 接替 {removal.name} {appointment.label}", "zh"))
    for evidence in sorted({*removal.evidence, *appointment.evidence}):
        out.add(node, PROV.wasDerivedFrom, evidence)
    if appointment.iri in opened and removal.iri in closed:
        out.add(opened[appointment.iri], GK.replaces, closed[removal.iri])


def _rename(out: GraphWriter, candidate: RenameCandidate) -> None:
    node = ids.node_iri("rename-candidate", candidate.old, candidate.new, candidate.document)
    movers = len({name for name, _ in candidate.moves})
    moved = "、".join(f"{name} {title}" for name, title in candidate.moves)
    reason = (
        f"{candidate.number} removes {movers} of the {candidate.removed_from_old} people it removes from "
        f"{candidate.old_name} and appoints them to the same titles in {candidate.new_name} ({moved}). "
        "A heuristic, not a statement of the notice: a transfer of one person looks the same."
    )
    out.types(node, [GK.RenameCandidate])
    out.add(node, GK.oldOrganization, candidate.old)
    out.add(node, GK.newOrganization, candidate.new)
    out.add(node, GK.confidence, typed(f"{candidate.confidence:.3f}", "decimal"))
    out.add(node, GK.reason, text(reason))
    out.add(node, DCTERMS.source, candidate.document)
    out.add(node, RDFS.label, text(f"{candidate.old_name} → {candidate.new_name}?", "zh"))
    for evidence in sorted({e for change in candidate.changes for e in change.evidence}):
        out.add(node, PROV.wasDerivedFrom, evidence)
