"""Render query results as an aligned text table, CSV or JSON (for the CLI)."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Sequence

import pyoxigraph as ox

Term = ox.NamedNode | ox.Literal | ox.BlankNode | str | int | float | bool | None


def plain(term: Term) -> str:
    """A term as a reader wants to see it: the IRI, the literal's lexical value, or a Python value."""
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    if isinstance(term, ox.NamedNode | ox.Literal):
        return term.value
    if isinstance(term, float):
        return f"{term:.4g}"
    return str(term)


def _width(text: str) -> int:
    """Display width: CJK characters take two columns in a terminal."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def as_table(names: Sequence[str], rows: Sequence[Sequence[Term]], max_cell: int = 60) -> str:
    cells = [[plain(t) for t in row] for row in rows]
    cells = [[c if _width(c) <= max_cell else c[: max_cell // 2] + "…" for c in row] for row in cells]
    widths = [max([_width(n)] + [_width(r[i]) for r in cells]) for i, n in enumerate(names)]
    lines = ["  ".join(_pad(n, w) for n, w in zip(names, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(_pad(c, w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)


def as_csv(names: Sequence[str], rows: Sequence[Sequence[Term]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(names)
    writer.writerows([plain(t) for t in row] for row in rows)
    return buffer.getvalue()


def _json_term(term: Term) -> object:
    if term is None:
        return None
    if not isinstance(term, ox.NamedNode | ox.Literal | ox.BlankNode):
        return {"type": "literal", "value": plain(term)}
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    out: dict[str, str] = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype and term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = term.datatype.value
    return out


def as_json(names: Sequence[str], rows: Sequence[Sequence[Term]]) -> str:
    """SPARQL 1.1 Query Results JSON: any SPARQL tool reads it."""
    bindings = [{n: _json_term(t) for n, t in zip(names, row, strict=True) if t is not None} for row in rows]
    return json.dumps({"head": {"vars": list(names)}, "results": {"bindings": bindings}}, ensure_ascii=False, indent=1)


FORMATS = {"table": as_table, "csv": as_csv, "json": as_json}
