"""An agency's profile: names, tasks led / shared / supported, groups, people, documents (``kg agency``).

Everything comes from the named query ``agency-profile``, so the command line shows what SPARQL users
get. The name given is looked up among the labels of the organisations in the store (full names and
every form they are printed under); a name that matches none is resolved with the agency registry
(``extractors.agencies``), so ``kg agency 市发改委`` finds 衢州市发展和改革委员会 even where that short
form is never printed. The name is bound as a parameter, never pasted into a query.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pyoxigraph as ox

from extractors import agencies
from kg import queries
from kg.errors import NotFoundError
from kg.output import as_csv, as_json, as_table
from kg.person import similar_names
from ontology.terms import ORG, SKOS

Rows = list[list[ox.NamedNode | ox.Literal | ox.BlankNode | None]]

SECTIONS = {
    "task-lead": "tasks led (牵头)",
    "task-shared": "tasks shared (责任单位)",
    "task-support": "tasks supported (配合)",
    "group": "groups it sits in",
    "person": "people known to work there",
    "issued": "documents issued",
}
COLUMNS = {
    "task-lead": ["document", "task", "printed as"],
    "task-shared": ["document", "task", "printed as"],
    "task-support": ["document", "task", "printed as"],
    "group": ["document", "group", "role"],
    "person": ["document", "person", "through"],
    "issued": ["document", "title", ""],
}


@dataclass(frozen=True, slots=True)
class Profile:
    """The profile of one agency: its names and one block of rows per section."""

    name: str
    aliases: list[str]
    organization: str
    sections: dict[str, Rows]


def known_labels(store: ox.Store) -> list[str]:
    """Every label of every organisation: full names and the short forms they are printed under."""
    query = (
        f"SELECT DISTINCT ?label WHERE {{ ?o a <{ORG.Organization}> ; <{SKOS.prefLabel}>|<{SKOS.altLabel}> ?label }}"
    )
    _, rows = queries.run_select(store, query)
    return sorted({row[0].value for row in rows if row[0] is not None})


def _lookup(store: ox.Store, name: str) -> str:
    """The label to query with: the name itself when some organisation has it, else the registry's full name."""
    labels = known_labels(store)
    if name in labels:
        return name
    found = agencies.resolve(name)
    if found.resolved and found.name in labels:
        return found.name
    near = similar_names(name, labels)
    hint = f"; similar names: {', '.join(near)}" if near else "; `kg query lead-agencies` lists the agencies"
    raise NotFoundError(f"no agency named {name!r} in the store{hint}")


def profile(store: ox.Store, name: str) -> Profile:
    """The profile of the agency named ``name`` (full name or any printed form; whitespace ignored)."""
    name = "".join(name.split())
    if not name:
        raise NotFoundError("give an agency's name, e.g. `kg agency 市发改委`")
    label = _lookup(store, name)
    named = queries.load("agency-profile")
    columns, rows = queries.run_select(store, named.text, named.bindings({"agency": label}))
    at = {c: i for i, c in enumerate(columns)}
    full: list[str] = []
    aliases: list[str] = []
    organization = ""
    sections: dict[str, Rows] = {key: [] for key in SECTIONS}
    seen: set[tuple[str, ...]] = set()
    for row in rows:
        section = row[at["section"]].value if row[at["section"]] is not None else ""
        value, detail, document = row[at["value"]], row[at["detail"]], row[at["document"]]
        organization = organization or (row[at["organization"]].value if row[at["organization"]] else "")
        if section == "name" and value is not None:
            full.append(value.value)
        elif section == "alias" and value is not None:
            aliases.append(value.value)
        elif section in sections:
            key = (section, *(t.value if t is not None else "" for t in (document, value, detail)))
            if key not in seen:
                seen.add(key)
                sections[section].append([document, value, detail])
    return Profile(full[0] if full else label, sorted(set(aliases)), organization, sections)


def render(found: Profile, fmt: str) -> str:
    """The profile as text tables, CSV blocks or one JSON document."""
    if fmt == "json":
        blocks = {
            key: json.loads(as_json(COLUMNS[key], rows))["results"]["bindings"] for key, rows in found.sections.items()
        }
        head = {"agency": found.name, "aliases": found.aliases, "organization": found.organization}
        return json.dumps({**head, **blocks}, ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        head = as_csv(
            ["agency", "aliases", "organization"],
            [[ox.Literal(found.name), ox.Literal("、".join(found.aliases)), ox.Literal(found.organization)]],
        )
        blocks = [f"# {key}\n" + as_csv(COLUMNS[key], rows) for key, rows in found.sections.items()]
        return "\n".join([head, *blocks])
    counts = " · ".join(f"{len(found.sections[k])} {k}" for k in ("task-lead", "task-shared", "task-support"))
    lines = [
        found.name,
        f"  also printed as: {'、'.join(found.aliases) or '—'}",
        f"  {counts}",
        f"  {found.organization}",
    ]
    for key, title in SECTIONS.items():
        rows = found.sections[key]
        lines += (
            ["", f"{title}:", as_table(COLUMNS[key], rows, max_cell=60).rstrip("\n")]
            if rows
            else ["", f"{title}: none"]
        )
    return "\n".join(lines) + "\n"
