"""A person's timeline: the tenures derived for them and the raw changes they come from (``kg person``).

Both parts come from named queries (``person-timeline`` and ``personnel-changes``), so the command
line shows exactly what SPARQL users get. The name is bound as a parameter, never pasted into a
query. People are identified by their printed name alone (see ``kg.ids.person_iri``).
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from kg import queries
from kg.errors import NotFoundError
from ontology.terms import FOAF

Rows = list[list[ox.NamedNode | ox.Literal | ox.BlankNode | None]]


@dataclass(frozen=True, slots=True)
class Timeline:
    """Column names and rows of the tenures and of the changes of one person."""

    name: str
    tenure_columns: list[str]
    tenures: Rows
    change_columns: list[str]
    changes: Rows


def known_names(store: ox.Store) -> list[str]:
    query = f"SELECT DISTINCT ?name WHERE {{ ?p a <{FOAF.Person}> ; <{FOAF.name}> ?name }}"
    _, rows = queries.run_select(store, query)
    return sorted({row[0].value for row in rows if row[0] is not None})


def _shared_run(a: str, b: str) -> int:
    """Length of the longest run of characters the two names share."""
    best = 0
    for i in range(len(a)):
        for j in range(i + best + 1, len(a) + 1):
            if a[i:j] not in b:
                break
            best = j - i
    return best


def similar_names(name: str, names: list[str], limit: int = 10) -> list[str]:
    """Names sharing a run of at least two characters with ``name`` (one, for a one-character query)."""
    need = min(2, len(name))
    scored = [(-_shared_run(name, other), other) for other in names if other != name]
    return [other for score, other in sorted(scored) if -score >= need][:limit]


def timeline(store: ox.Store, name: str) -> Timeline:
    """The tenures and changes of the person named ``name`` (whitespace ignored, as in the gazettes)."""
    name = "".join(name.split())
    if not name:
        raise NotFoundError("give a person's name, e.g. `kg person 季根寿`")
    if name not in known_names(store):
        near = similar_names(name, known_names(store))
        hint = f"; similar names: {', '.join(near)}" if near else "; `kg query personnel-changes` lists everyone"
        raise NotFoundError(f"no person named {name!r} in the store{hint}")
    tenure_columns, tenures = queries.run_named(store, "person-timeline", {"person": name})
    change_columns, changes = queries.run_named(store, "personnel-changes", {"person": name})
    return Timeline(name, tenure_columns, tenures, change_columns, changes)
