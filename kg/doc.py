"""One document's page (``kg doc``): metadata, dates and status, what it cites, what cites it.

The page is made of two named queries, ``document-status`` and ``document-citations``, so the
command line shows exactly what SPARQL users get; the number is canonicalised from any printed form
(``衢政发[2018]14 号``) and bound as a parameter, never pasted into a query. What the document amends
or repeals, and what amended or repealed it, are the citations of those relations.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

import pyoxigraph as ox

from extractors import docnumber
from kg import queries
from kg.errors import NotFoundError
from kg.output import FORMATS, plain
from ontology.terms import ELI

Rows = list[list[ox.NamedNode | ox.Literal | ox.BlankNode | None]]
_CHANGING = {"amends", "repeals"}
_SHOWN = ["relation", "number", "title", "resolved", "date", "sentence"]


@dataclass(frozen=True, slots=True)
class DocumentPage:
    """The status row of a document and its citations, both ways."""

    number: str
    status: dict[str, str]
    columns: list[str]
    cites: Rows
    cited_by: Rows

    def changes(self, rows: Rows) -> Rows:
        """The citations that amend or repeal (from ``cites`` or ``cited_by``)."""
        at = self.columns.index("relation")
        return [row for row in rows if plain(row[at]) in _CHANGING]


def known_numbers(store: ox.Store) -> list[str]:
    query = f"SELECT DISTINCT ?n WHERE {{ ?d a <{ELI.LegalResource}> ; <{ELI.id_local}> ?n }}"
    _, rows = queries.run_select(store, query)
    return sorted({row[0].value for row in rows if row[0] is not None})


def similar_numbers(number: str, numbers: list[str], limit: int = 10) -> list[str]:
    """Numbers of the same series (prefix), nearest in year and sequence first; else of the same
    year and sequence under another prefix (a misread prefix)."""
    parsed = docnumber.parse(number)
    if parsed is None:
        return []
    same: list[tuple[int, int, str]] = []
    near: list[tuple[int, int, str]] = []
    for other in numbers:
        theirs = docnumber.parse(other)
        if theirs is None or other == number:
            continue
        distance = (abs((theirs.year or 0) - (parsed.year or 0)), abs(theirs.seq - parsed.seq), other)
        if theirs.prefix == parsed.prefix:
            same.append(distance)
        elif (theirs.year, theirs.seq) == (parsed.year, parsed.seq):
            near.append(distance)
    return [other for *_, other in sorted(same or near)[:limit]]


def document_page(store: ox.Store, number: str, as_of: str | None = None) -> DocumentPage:
    """Everything ``kg doc`` shows about the document numbered ``number`` (any printed form)."""
    canonical = docnumber.canonical(number)
    if not canonical:
        raise NotFoundError("give a document number, e.g. `kg doc 衢政发〔2018〕14号`")
    numbers = known_numbers(store)
    if canonical not in numbers:
        near = similar_numbers(canonical, numbers)
        hint = f"; numbers of the same series: {', '.join(near)}" if near else "; `kg query documents` lists them"
        raise NotFoundError(f"no document numbered {canonical!r} in the store (printed or cited){hint}")
    values = {"doc": canonical, "date": as_of or date.today().isoformat()}
    status_columns, status_rows = queries.run_named(store, "document-status", values)
    status = {c: plain(v) for c, v in zip(status_columns, status_rows[0], strict=True)} if status_rows else {}
    columns, rows = queries.run_named(store, "document-citations", {"doc": canonical})
    at = columns.index("direction")
    keep = [columns.index(c) for c in _SHOWN]
    cites = [[row[i] for i in keep] for row in rows if plain(row[at]) == "cites"]
    cited_by = [[row[i] for i in keep] for row in rows if plain(row[at]) == "cited by"]
    return DocumentPage(canonical, status, list(_SHOWN), cites, cited_by)


def _header(page: DocumentPage) -> list[str]:
    s = page.status
    stub = s.get("resolved") != "true"
    where = "stub: known only from the documents that cite it" if stub else f"printed in {s.get('issues', '')}"
    issuers = s.get("issuers") or "unknown"
    if s.get("issuersSource"):
        issuers += f" (from the {s['issuersSource']})"
    effective = s.get("effective") or "—"
    if s.get("effectiveFrom"):
        effective += f" (on {s['effectiveFrom']})"
    lines = [
        f"{page.number}  {s.get('title', '')}",
        f"  {where}",
        f"  issuers: {issuers}",
        f"  signed {s.get('signed') or '—'} · in force from {effective} · applies from {s.get('appliesFrom') or '—'}"
        f" · last day in force {s.get('until') or '—'}",
    ]
    if s.get("repealedBy"):
        lines.append(f"  repealed by {s['repealedBy']} from {s.get('repealedOn') or 'an unknown date'}")
    if s.get("amendedBy"):
        lines.append(f"  amended by {s['amendedBy']}")
    lines.append(f"  status on {s.get('asOf', '')}: {s.get('status', '')}")
    return lines


def render(page: DocumentPage, fmt: str) -> str:
    """The page as text tables, CSV blocks or one JSON document."""
    out = FORMATS[fmt]
    parts = [
        ("amends or repeals", page.changes(page.cites)),
        ("amended or repealed by", page.changes(page.cited_by)),
        ("cites", page.cites),
        ("cited by", page.cited_by),
    ]
    if fmt == "json":
        blocks = {name: json.loads(out(page.columns, rows))["results"]["bindings"] for name, rows in parts}
        return json.dumps({"document": page.status, **blocks}, ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        status = out(list(page.status), [[ox.Literal(v) for v in page.status.values()]])
        return "\n".join([status, *(f"# {name}\n" + out(page.columns, rows) for name, rows in parts)])
    text = _header(page)
    for name, rows in parts:
        text += ["", f"{name}:", out(page.columns, rows)] if rows else ["", f"{name}: none"]
    return "\n".join(text) + "\n"
