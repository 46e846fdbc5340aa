"""Export the facts the graph holds as JSONL records in the gold schema (../shared/gold/SCHEMA.md).

Records come from SPARQL over the store, not from the extractors' memory: the export proves that
the graph holds the facts. Values follow the schema's normalisations (no whitespace, 〔〕 year
brackets, half-width parentheses, ISO dates).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import TextIO

import pyoxigraph as ox

from kg import queries

_HALF_WIDTH = str.maketrans({"（": "(", "）": ")"})
_SPACE = re.compile(r"\s+")


def schema_text(value: str) -> str:
    """A value as the schema writes it: no whitespace, half-width parentheses."""
    return _SPACE.sub("", value).translate(_HALF_WIDTH)


def _value(term: ox.NamedNode | ox.Literal | None) -> str | None:
    return None if term is None else term.value


def document_records(store: ox.Store) -> Iterator[dict[str, object]]:
    """One ``document`` record per (issue, document), issuers in signing order."""
    named = queries.load("facts-documents")
    _, rows = queries.run_select(store, named.text)
    grouped: dict[tuple[str, str], dict[str, object]] = {}
    positions: dict[tuple[str, str], list[tuple[int, str]]] = {}
    for doc, number, title, date, section, issue, issuer, position in rows:
        key = (_value(issue) or "", _value(doc) or "")
        if key not in grouped:
            grouped[key] = {
                "kind": "document",
                "doc_number": _value(number),
                "title": schema_text(_value(title) or ""),
                "issuers": [],
                "date": _value(date) if date is not None and len(date.value) == 10 else None,
                "section": _value(section),
            }
            positions[key] = []
        if issuer is not None and position is not None:
            entry = (int(position.value), schema_text(issuer.value))
            if entry not in positions[key]:
                positions[key].append(entry)
    for key in sorted(grouped):
        record = grouped[key]
        record["issuers"] = [name for _, name in sorted(positions[key])]
        yield record


def personnel_records(store: ox.Store) -> Iterator[dict[str, object]]:
    """One ``personnel`` record per (issue, change), with ``"layout": "table"`` where the source
    was a scrambled two-column table (the schema adds the key only then)."""
    named = queries.load("facts-personnel")
    names, rows = queries.run_select(store, named.text)
    records: list[tuple[tuple[str, int, str, int], dict[str, object]]] = []
    for row in rows:
        value = dict(zip(names, row, strict=True))
        date = _value(value["date"])
        record: dict[str, object] = {
            "kind": "personnel",
            "action": _value(value["action"]),
            "person": schema_text(_value(value["person"]) or ""),
            "post": schema_text(_value(value["post"]) or ""),
            "organization": _text_or_none(value["organization"]),
            "title": schema_text(_value(value["title"]) or ""),
            "post_type": _value(value["postType"]),
            "qualifier": _text_or_none(value["qualifier"]),
            "concurrent": _value(value["concurrent"]) in ("true", "1"),
            "doc_number": _value(value["number"]),
            "date": date if date is not None and len(date) == 10 else None,
        }
        if _value(value["layout"]) == "table":
            record["layout"] = "table"
        key = (
            _value(value["issue"]) or "",
            int(_value(value["sequence"]) or 0),
            _value(value["number"]) or "",
            int(_value(value["position"]) or 0),
        )
        records.append((key, record))
    for _, record in sorted(records, key=lambda item: item[0]):
        yield record


def _text_or_none(term: ox.NamedNode | ox.Literal | None) -> str | None:
    return None if term is None else schema_text(term.value)


def citation_records(store: ox.Store) -> Iterator[dict[str, object]]:
    """One ``citation`` record per distinct cited document per citing document, in reading order.

    Rows come ordered by number, position and title, so the first row of a (citing, cited) pair wins.
    """
    named = queries.load("facts-citations")
    names, rows = queries.run_select(store, named.text)
    records: dict[tuple[str, str], dict[str, object]] = {}
    for row in rows:
        value = dict(zip(names, row, strict=True))
        key = (_value(value["citing"]) or "", _value(value["cited"]) or "")
        records.setdefault(
            key,
            {
                "kind": "citation",
                "doc_number": _value(value["number"]),
                "cited_title": _text_or_none(value["citedTitle"]),
                "cited_number": _value(value["citedNumber"]),
            },
        )
    yield from records.values()


def _rows(name: str, store: ox.Store) -> Iterator[dict[str, ox.NamedNode | ox.Literal | None]]:
    named = queries.load(name)
    names, rows = queries.run_select(store, named.text)
    for row in rows:
        yield dict(zip(names, row, strict=True))  # type: ignore[misc]


def _once(rows: Iterator[dict], key: str) -> Iterator[dict]:
    """One row per fact node (a document in two issues would repeat it: the first issue wins)."""
    seen: set[str] = set()
    for value in rows:
        node = _value(value[key]) or ""
        if node not in seen:
            seen.add(node)
            yield value


def award_records(store: ox.Store) -> Iterator[dict[str, object]]:
    """One ``award`` record per commendation node: recipient, affiliation and honour as printed."""
    for value in _once(_rows("facts-awards", store), "fact"):
        yield {
            "kind": "award",
            "recipient": schema_text(_value(value["recipient"]) or ""),
            "recipient_type": _value(value["recipientType"]),
            "affiliation": _text_or_none(value["affiliation"]),
            "honor": schema_text(_value(value["honour"]) or ""),
            "doc_number": _value(value["number"]),
        }


def group_member_records(store: ox.Store) -> Iterator[dict[str, object]]:
    """One ``group_member`` record per group membership; person null when only an office is named."""
    for value in _once(_rows("facts-group-members", store), "fact"):
        record: dict[str, object] = {
            "kind": "group_member",
            "group": _text_or_none(value["group"]),
            "person": _text_or_none(value["person"]),
            "role": schema_text(_value(value["role"]) or ""),
            "affiliation": _text_or_none(value["affiliation"]),
            "doc_number": _value(value["number"]),
        }
        if _value(value["layout"]) == "table":
            record["layout"] = "table"
        yield record


def responsibility_records(store: ox.Store) -> Iterator[dict[str, object]]:
    """One ``responsibility`` record per agency (or leader) named for a task, agency as printed."""
    for value in _once(_rows("facts-responsibilities", store), "association"):
        role = _value(value["role"])
        name = schema_text(_value(value["name"]) or "")
        record: dict[str, object] = {
            "kind": "responsibility",
            "doc_number": _value(value["number"]),
            "task": _text_or_none(value["task"]),
            "agency": None if role == "lead_leader" else name,
        }
        if role == "lead_leader":
            record["leader"] = name
        record["role"] = role
        if role != "lead_leader":
            record["position"] = int(_value(value["position"]) or 0)
        if _value(value["layout"]) == "table":
            record["layout"] = "table"
        yield record


def leader_duty_records(store: ox.Store) -> Iterator[dict[str, object]]:
    """One ``leader_duty`` record per portfolio assignment; ``supervises`` the units as written, in order."""
    for value in _once(_rows("facts-leader-duties", store), "fact"):
        units = _value(value["units"])
        yield {
            "kind": "leader_duty",
            "person": schema_text(_value(value["person"]) or ""),
            "positions": _text_or_none(value["positions"]),
            "supervises": [schema_text(u) for u in units.split("、")] if units else [],
            "duties": _value(value["duties"]),
            "doc_number": _value(value["number"]),
        }


EXPORTERS = {
    "document": document_records,
    "personnel": personnel_records,
    "citation": citation_records,
    "award": award_records,
    "group_member": group_member_records,
    "responsibility": responsibility_records,
    "leader_duty": leader_duty_records,
}


def write_facts(store: ox.Store, out: TextIO, kinds: list[str] | None = None) -> int:
    """Write JSONL records of the given kinds (all by default); returns the number written."""
    count = 0
    for kind in kinds or list(EXPORTERS):
        for record in EXPORTERS[kind](store):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count
