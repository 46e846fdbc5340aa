"""Named SPARQL queries: ``queries/*.rq`` files with a header saying what they answer.

Header lines at the top of each file::

    # title: Documents
    # question: Which documents are in the graph, filtered by issuer, year or section?
    # param: issuer literal@zh optional — issuing body, full name (衢州市人民政府)

Parameters are bound as RDF terms (pyoxigraph substitutions), never pasted into the query
text, so a value holding quotes, braces or ``} ; DROP ALL`` is just a string.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

import pyoxigraph as ox

from extractors import docnumber
from kg.errors import QueryError
from kg.remote import Endpoint

_HEADER = re.compile(r"^#\s*(?P<key>title|question|param|returns|example):\s*(?P<value>.*)$")
_PARAM = re.compile(
    r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s+(?P<type>iri|string|docnumber|integer|date|literal@[a-z-]+)"
    r"\s+(?P<need>required|optional)\s*(?:[—-]+\s*(?P<doc>.*))?$"
)
_XSD = "http://www.w3.org/2001/XMLSchema#"


@dataclass(frozen=True, slots=True)
class Param:
    name: str
    type: str
    required: bool
    doc: str

    def term(self, value: str) -> ox.NamedNode | ox.Literal:
        """The RDF term for a user-supplied value, checked against the declared type."""
        if self.type == "iri":
            if not re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|^`\\]+", value):
                raise QueryError(f"parameter {self.name}: {value!r} is not an IRI")
            return ox.NamedNode(value)
        if self.type == "integer":
            if not re.fullmatch(r"[+-]?\d+", value.strip()):
                raise QueryError(f"parameter {self.name}: {value!r} is not an integer")
            return ox.Literal(str(int(value)), datatype=ox.NamedNode(_XSD + "integer"))
        if self.type == "date":
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
                raise QueryError(f"parameter {self.name}: {value!r} is not a date (YYYY-MM-DD)")
            return ox.Literal(value.strip(), datatype=ox.NamedNode(_XSD + "date"))
        if self.type == "docnumber":
            return ox.Literal(docnumber.canonical(value))
        if self.type.startswith("literal@"):
            return ox.Literal(value, language=self.type.removeprefix("literal@"))
        return ox.Literal(value)


@dataclass(frozen=True, slots=True)
class NamedQuery:
    name: str
    title: str
    question: str
    params: tuple[Param, ...]
    text: str

    def bindings(self, values: dict[str, str]) -> dict[ox.Variable, ox.NamedNode | ox.Literal]:
        """Check the supplied parameters and turn them into variable bindings."""
        known = {p.name: p for p in self.params}
        unknown = sorted(set(values) - set(known))
        if unknown:
            allowed = ", ".join(known) or "none"
            raise QueryError(f"query {self.name!r} has no parameter {', '.join(unknown)} (parameters: {allowed})")
        missing = [p.name for p in self.params if p.required and p.name not in values]
        if missing:
            raise QueryError(f"query {self.name!r} needs --param {missing[0]}=… ({known[missing[0]].doc})")
        return {ox.Variable(name): known[name].term(value) for name, value in values.items()}


def parse_query(name: str, text: str) -> NamedQuery:
    """Read the header of a ``.rq`` file; every query must say what it answers."""
    fields: dict[str, list[str]] = {}
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        m = _HEADER.match(line)
        if m:
            fields.setdefault(m["key"], []).append(m["value"].strip())
    if "title" not in fields or "question" not in fields:
        raise QueryError(f"query {name!r} lacks a '# title:' or '# question:' header line")
    params = []
    for spec in fields.get("param", []):
        m = _PARAM.match(spec)
        if not m:
            raise QueryError(f"query {name!r}: cannot read parameter line {spec!r}")
        params.append(Param(m["name"], m["type"], m["need"] == "required", (m["doc"] or "").strip()))
    return NamedQuery(name, fields["title"][0], " ".join(fields["question"]), tuple(params), text)


def available() -> dict[str, NamedQuery]:
    """All named queries shipped in the ``queries`` package, by name (file name without .rq)."""
    out = {}
    for entry in sorted(resources.files("queries").iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            name = entry.name.removesuffix(".rq")
            out[name] = parse_query(name, entry.read_text(encoding="utf-8"))
    return out


def load(name: str) -> NamedQuery:
    queries = available()
    if name not in queries:
        raise QueryError(f"no named query {name!r}; available: {', '.join(sorted(queries))}")
    return queries[name]


_UPDATE = re.compile(
    r"^\s*(?:(?:PREFIX|BASE)\b[^\n]*\n\s*)*(?:INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b",
    re.IGNORECASE,
)


def _strip_comments(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))


def is_update(text: str) -> bool:
    """Whether a SPARQL string is an update (refused unless explicitly allowed)."""
    return bool(_UPDATE.match(_strip_comments(text)))


_GRAPH_QUERY = re.compile(r"^\s*(?:(?:PREFIX|BASE)\b[^\n]*\n\s*)*(?:CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)


def run_select(
    store: ox.Store | Endpoint, text: str, bindings: dict[ox.Variable, ox.NamedNode | ox.Literal] | None = None
) -> tuple[list[str], list[list[ox.NamedNode | ox.Literal | ox.BlankNode | None]]]:
    """Run a SELECT (or ASK) query on the embedded store or a remote endpoint; names and rows of terms."""
    if is_update(text):
        raise QueryError("this is a SPARQL Update; `kg query` only reads unless given --allow-update")
    if isinstance(store, Endpoint):
        if _GRAPH_QUERY.match(_strip_comments(text)):
            raise QueryError("CONSTRUCT and DESCRIBE run on the embedded store only; ask an endpoint with SELECT")
        return store.select(text, bindings)
    try:
        result = store.query(text, substitutions=bindings or None, use_default_graph_as_union=True)
    except SyntaxError as exc:
        raise QueryError(f"SPARQL syntax error: {exc}") from exc
    if isinstance(result, ox.QueryBoolean):
        return ["ask"], [[ox.Literal("true" if bool(result) else "false")]]
    if isinstance(result, ox.QueryTriples):
        rows = [[t.subject, t.predicate, t.object] for t in result]
        return ["subject", "predicate", "object"], rows
    names = [v.value for v in result.variables]
    return names, [[solution[n] for n in names] for solution in result]


def run_named(
    store: ox.Store | Endpoint, name: str, values: dict[str, str]
) -> tuple[list[str], list[list[ox.NamedNode | ox.Literal | ox.BlankNode | None]]]:
    """Run a named query with its parameters bound; drop the parameter columns (inputs, not results)."""
    named = load(name)
    columns, rows = run_select(store, named.text, named.bindings(values))
    hidden = {p.name for p in named.params}
    keep = [i for i, c in enumerate(columns) if c not in hidden]
    return [columns[i] for i in keep], [[row[i] for i in keep] for row in rows]
