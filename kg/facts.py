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


EXPORTERS = {"document": document_records, "personnel": personnel_records, "citation": citation_records}


def write_facts(store: ox.Store, out: TextIO, kinds: list[str] | None = None) -> int:
    """Write JSONL records of the given kinds (all by default); returns the number written."""
    count = 0
    for kind in kinds or list(EXPORTERS):
        for record in EXPORTERS[kind](store):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count
