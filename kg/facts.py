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


EXPORTERS = {"document": document_records}


def write_facts(store: ox.Store, out: TextIO, kinds: list[str] | None = None) -> int:
    """Write JSONL records of the given kinds (all by default); returns the number written."""
    count = 0
    for kind in kinds or list(EXPORTERS):
        for record in EXPORTERS[kind](store):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count
