"""Derived document status: printed or stub, the issuer a stub's prefix implies, the end of repealed documents.

None of this can be decided inside one document graph: whether a cited number is printed depends on
every gazette in the store, and a repeal is stated by one document about another. So after every
build (``kg.derive``) the statements of the document graphs are read back and the derived graph
gets, for every ``eli:LegalResource``:

- ``gk:resolved`` — true when some document graph prints it (``foaf:Document`` with a title);
- for a stub, ``eli:passed_by`` the body its number prefix implies, with ``gk:issuersSource "prefix"``
  (a printed document keeps the issuers of its signature alone);
- for a repealed document that states no end, ``eli:date_no_longer_in_force``: the day before the
  repealing document takes effect (its entry into force, else its signing date).

Whether a document is in force on a given date is asked of the queries (``in-force``,
``document-status``), which compare these dates with the date given.
"""

from __future__ import annotations

from datetime import date, timedelta

import pyoxigraph as ox

from kg import ids
from kg.quads import GraphWriter, text, typed
from ontology.terms import DCTERMS, ELI, FOAF, GK

_NOT_DERIVED = f"FILTER(?g != <{ids.DERIVED_GRAPH}> && ?g != <{ids.ONTOLOGY_GRAPH}>)"
_DOCUMENTS = f"""
SELECT DISTINCT ?doc ?printed WHERE {{
  GRAPH ?g {{ ?doc a <{ELI.LegalResource}> }} {_NOT_DERIVED}
  BIND(EXISTS {{
    GRAPH ?h {{ ?doc a <{FOAF.Document}> ; <{DCTERMS.title}> ?title }} FILTER(?h != <{ids.DERIVED_GRAPH}>)
  }} AS ?printed)
}}"""
_PREFIX_ISSUERS = f"""
SELECT DISTINCT ?doc ?org WHERE {{ GRAPH ?g {{ ?doc <{GK.prefixIssuer}> ?org }} {_NOT_DERIVED} }}"""
_REPEALS = f"""
SELECT DISTINCT ?repealed ?by ?effective ?signed WHERE {{
  GRAPH ?g {{ ?by <{ELI.repeals}> ?repealed }} {_NOT_DERIVED}
  OPTIONAL {{ GRAPH ?h {{ ?by <{ELI.first_date_entry_in_force}> ?effective }} FILTER(?h != <{ids.DERIVED_GRAPH}>) }}
  OPTIONAL {{ GRAPH ?i {{ ?by <{ELI.date_document}> ?signed }} FILTER(?i != <{ids.DERIVED_GRAPH}>) }}
}}"""
_STATED_END = f"""
SELECT DISTINCT ?doc WHERE {{ GRAPH ?g {{ ?doc <{ELI.date_no_longer_in_force}> ?end }} {_NOT_DERIVED} }}"""


def _rows(store: ox.Store, query: str) -> list[dict[str, str]]:
    result = store.query(query)
    names = [v.value for v in result.variables]
    return [{n: row[n].value for n in names if row[n] is not None} for row in result]


def repeal_dates(rows: list[dict[str, str]]) -> dict[str, str]:
    """When each repealed document stops being in force: the earliest date a repealing document
    takes effect (entry into force, else signing date), as an ISO string of its precision."""
    out: dict[str, str] = {}
    for row in rows:
        when = row.get("effective") or row.get("signed")
        if when and (row["repealed"] not in out or when < out[row["repealed"]]):
            out[row["repealed"]] = when
    return out


def last_day_before(iso: str) -> str | None:
    """The last day in force of a document repealed from ``iso`` on; None when ``iso`` is not a day."""
    if len(iso) != 10:
        return None
    return (date.fromisoformat(iso) - timedelta(days=1)).isoformat()


def derive_validity(store: ox.Store, out: GraphWriter) -> dict[str, int]:
    """Write the derived status of every document into ``out``; returns counts for the build report."""
    printed: dict[str, bool] = {}
    for row in _rows(store, _DOCUMENTS):
        printed[row["doc"]] = printed.get(row["doc"], False) or row.get("printed") in ("true", "1")
    for doc in sorted(printed):
        out.add(doc, GK.resolved, typed("true" if printed[doc] else "false", "boolean"))
    for row in sorted(_rows(store, _PREFIX_ISSUERS), key=lambda r: (r["doc"], r["org"])):
        if not printed.get(row["doc"], True):
            out.add(row["doc"], ELI.passed_by, row["org"])
            out.add(row["doc"], GK.issuersSource, text("prefix"))
    stated = {row["doc"] for row in _rows(store, _STATED_END)}
    ends = 0
    for doc, when in sorted(repeal_dates(_rows(store, _REPEALS)).items()):
        last = last_day_before(when)
        if doc not in stated and last is not None:
            out.add(doc, ELI.date_no_longer_in_force, typed(last, "date"))
            ends += 1
    stubs = sum(1 for value in printed.values() if not value)
    return {"printed documents": len(printed) - stubs, "stubs": stubs, "repeal end dates": ends}
