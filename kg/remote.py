"""A remote SPARQL 1.1 endpoint that the read commands can use instead of the embedded store.

The same named queries run on both: :func:`kg.queries.run_select` hands an :class:`Endpoint` the
query and its parameter bindings, and gets back the same column names and pyoxigraph terms the
embedded store gives, so every command and renderer works unchanged.

Parameters are bound, never pasted into the text: the bindings go into a ``VALUES`` block opened at
the top of the query's outer ``WHERE`` group (the same pre-binding Oxigraph's substitutions do),
with every value serialised as an escaped RDF term, so ``"} ; DROP ALL`` is still only a string.

The named queries read the *union* of the named graphs as the default graph, as the embedded
store does. Oxigraph's server needs ``--union-default-graph`` for that, Fuseki
``tdb2:unionDefaultGraph true``; Virtuoso and GraphDB do it by default. :meth:`Endpoint.check`
says so when an endpoint holds our graphs but does not show them in its default graph.

Credentials come from ``KG_ENDPOINT_USER`` / ``KG_ENDPOINT_PASSWORD`` or a netrc file (``$NETRC``,
else ``~/.netrc``), never from the command line (where ``ps`` and shell history would keep them).
Connection errors, timeouts and 5xx answers are retried with exponential backoff; a refusal
(4xx) fails at once with the endpoint's URL and message.
"""

from __future__ import annotations

import base64
import json
import logging
import netrc
import os
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox

from kg.errors import EndpointError, TruncatedResultError

log = logging.getLogger(__name__)

Term = ox.NamedNode | ox.Literal | ox.BlankNode
Bindings = Mapping[ox.Variable, ox.NamedNode | ox.Literal]
T = TypeVar("T")

#: Response headers by which servers say they cut a result short.
_TRUNCATION_HEADERS = ("x-sparql-maxrows", "x-sparql-max-rows")
#: Virtuoso answers a query stopped by its time limit with what it found so far, 200 OK, and this header.
_PARTIAL_HEADER = "x-sql-state"
_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"
_CREDENTIALS_HINT = " (check KG_ENDPOINT_USER / KG_ENDPOINT_PASSWORD or the netrc file)"
_TRANSIENT_STATUS = frozenset({500, 502, 503, 504, 429})


_ASK = re.compile(r"\s*(?:(?:PREFIX|BASE)\b[^\n]*\n\s*)*ASK\b", re.IGNORECASE)


def _without_comments(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))


def credentials_for(url: str) -> tuple[str, str] | None:
    """User and password for ``url``: environment first, then the netrc file's entry for its host."""
    user, password = os.environ.get("KG_ENDPOINT_USER"), os.environ.get("KG_ENDPOINT_PASSWORD")
    if user and password is not None:
        return user, password
    path = Path(os.environ.get("NETRC") or Path.home() / ".netrc")
    if not path.is_file():
        return None
    host = urllib.parse.urlsplit(url).hostname or ""
    try:
        entry = netrc.netrc(str(path)).authenticators(host)
    except (netrc.NetrcParseError, OSError) as exc:
        raise EndpointError(f"cannot read the credentials file {path}: {exc}") from exc
    if entry is None:
        return None
    login, _, secret = entry
    return (login or "", secret or "")


# --------------------------------------------------------------------------- binding parameters


def _skip_string(text: str, at: int) -> int:
    """Index just after the SPARQL string literal starting at ``at`` (short or long quotes)."""
    quote = text[at]
    if text.startswith(quote * 3, at):
        end = text.find(quote * 3, at + 3)
        while end != -1 and text[end - 1] == "\\":
            end = text.find(quote * 3, end + 1)
        return len(text) if end == -1 else end + 3
    i = at + 1
    while i < len(text) and text[i] != quote:
        i += 2 if text[i] == "\\" else 1
    return i + 1


def _where_groups(text: str) -> list[int]:
    """Indexes just after each ``{`` opening a WHERE group (outer query and sub-selects).

    Comments, string literals and IRIs are skipped, so a brace or the word WHERE inside them
    counts for nothing. A query written without the WHERE keyword gets its first group.
    """
    found: list[int] = []
    first: int | None = None
    last_word = ""
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "#":
            newline = text.find("\n", i)
            i = len(text) if newline == -1 else newline + 1
        elif ch in "\"'":
            i = _skip_string(text, i)
            last_word = ""
        elif ch == "<" and re.match(r"<[^\s<>\"{}|^`\\]*>", text[i:]):
            i = text.index(">", i) + 1
            last_word = ""
        elif ch == "{":
            first = i + 1 if first is None else first
            if last_word == "WHERE":
                found.append(i + 1)
            last_word = ""
            i += 1
        elif ch.isalpha():
            word = re.match(r"[A-Za-z_]+", text[i:])[0]  # type: ignore[index]
            last_word = word.upper()
            i += len(word)
        else:
            if not ch.isspace():
                last_word = ""
            i += 1
    if not found and first is not None:
        found.append(first)
    if not found:
        raise EndpointError("cannot bind parameters: the query has no { … } group")
    return found


def bind_values(text: str, bindings: Bindings | None) -> str:
    """The query with its parameters pre-bound, as Oxigraph's substitutions bind them.

    A ``VALUES`` block opens every WHERE group (the outer one and each sub-select), so a
    parameter filtered inside a sub-select is bound there too; a group that does not mention
    the variable just joins one row.
    """
    if not bindings:
        return text
    names = sorted(bindings, key=lambda v: v.value)
    block = (
        " VALUES ("
        + " ".join(f"?{v.value}" for v in names)
        + ") { ("
        + " ".join(str(bindings[v]) for v in names)
        + ") } "
    )
    out, previous = [], 0
    for at in _where_groups(text):
        out += [text[previous:at], block]
        previous = at
    out.append(text[previous:])
    return "".join(out)


# --------------------------------------------------------------------------- results


def _term(value: Mapping[str, str]) -> Term:
    kind = value["type"]
    if kind == "uri":
        return ox.NamedNode(value["value"])
    if kind == "bnode":
        return ox.BlankNode(value["value"])
    if "xml:lang" in value:
        return ox.Literal(value["value"], language=value["xml:lang"])
    if "datatype" in value:
        text = value["value"]
        if value["datatype"] == _BOOLEAN:  # Virtuoso writes 1 / 0; the store (and the renderers) use true / false
            text = {"1": "true", "0": "false"}.get(text, text)
        return ox.Literal(text, datatype=ox.NamedNode(value["datatype"]))
    return ox.Literal(value["value"])


def parse_results(payload: bytes) -> tuple[list[str], list[list[Term | None]]]:
    """SPARQL 1.1 Query Results JSON → column names and rows of pyoxigraph terms (ASK: one row)."""
    try:
        document = json.loads(payload)
    except ValueError as exc:
        raise EndpointError(f"the endpoint's answer is not SPARQL results JSON: {payload[:200]!r}") from exc
    if "boolean" in document:
        return ["ask"], [[ox.Literal("true" if document["boolean"] else "false")]]
    names = list(document["head"]["vars"])
    rows = [[_term(b[n]) if n in b else None for n in names] for b in document["results"]["bindings"]]
    return names, rows


# --------------------------------------------------------------------------- the endpoint


@dataclass(frozen=True)
class Endpoint:
    """A SPARQL 1.1 service: query URL, optional update and Graph Store Protocol URLs."""

    url: str
    update_url: str | None = None
    store_url: str | None = None
    timeout: float = 60.0
    retries: int = 4
    backoff: float = 0.5

    def __post_init__(self) -> None:
        for name in ("url", "update_url", "store_url"):
            value = getattr(self, name)
            if value is not None and urllib.parse.urlsplit(value).scheme not in ("http", "https"):
                raise EndpointError(f"{value!r} is not an http(s) URL of a SPARQL endpoint")

    # ---------------------------------------------------------------- HTTP with retries

    def _headers(self, url: str) -> dict[str, str]:
        headers = {"User-Agent": "gazette-kg (SPARQL 1.1 client)"}
        found = credentials_for(url)
        if found:
            token = base64.b64encode(f"{found[0]}:{found[1]}".encode()).decode("ascii")
            headers["Authorization"] = f"Basic {token}"
        return headers

    def _with_retries(self, url: str, action: Callable[[], T]) -> T:
        delay = self.backoff
        for attempt in range(1, self.retries + 1):
            try:
                return action()
            except urllib.error.HTTPError as exc:
                body = exc.read()[:500].decode("utf-8", "replace").strip()
                if exc.code not in _TRANSIENT_STATUS or attempt == self.retries:
                    raise EndpointError(
                        f"the SPARQL endpoint {url} answered HTTP {exc.code} {exc.reason}"
                        + (f": {body}" if body else "")
                        + (_CREDENTIALS_HINT if exc.code in (401, 403) else "")
                    ) from exc
                log.warning("%s answered HTTP %s; retrying in %.1f s", url, exc.code, delay)
            except (urllib.error.URLError, ConnectionError, TimeoutError) as exc:
                if attempt == self.retries:
                    reason = getattr(exc, "reason", exc)
                    raise EndpointError(
                        f"cannot reach the SPARQL endpoint {url} after {attempt} attempts: {reason}"
                    ) from exc
                log.warning("%s unreachable (%s); retrying in %.1f s", url, exc, delay)
            time.sleep(delay)
            delay *= 2
        raise AssertionError("unreachable")

    def _request(
        self,
        method: str,
        url: str,
        body: bytes | None = None,
        content_type: str | None = None,
        accept: str | None = None,
    ) -> tuple[bytes, Mapping[str, str]]:
        headers = self._headers(url)
        if content_type:
            headers["Content-Type"] = content_type
        if accept:
            headers["Accept"] = accept

        def send() -> tuple[bytes, Mapping[str, str]]:
            request = urllib.request.Request(url, data=body, method=method, headers=headers)
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.read(), {k.lower(): v for k, v in response.headers.items()}

        return self._with_retries(url, send)

    # ---------------------------------------------------------------- SPARQL protocol

    def select(self, text: str, bindings: Bindings | None = None) -> tuple[list[str], list[list[Term | None]]]:
        """Run a SELECT or ASK query (parameters bound as VALUES); refuse a truncated answer."""
        from SPARQLWrapper import JSON, POST, SPARQLWrapper
        from SPARQLWrapper.SPARQLExceptions import EndPointInternalError, QueryBadFormed, SPARQLWrapperException

        query = bind_values(text, bindings)
        client = SPARQLWrapper(self.url)
        client.setMethod(POST)
        client.setReturnFormat(JSON)
        client.setTimeout(int(self.timeout))
        client.setQuery(query)
        # SPARQLWrapper guesses the query type from keywords anywhere in the text ("remove" in a
        # comment made it an update); we know it is a query.
        client.queryType = "ASK" if _ASK.match(_without_comments(query)) else "SELECT"
        found = credentials_for(self.url)
        if found:
            client.setCredentials(*found)

        def run() -> tuple[bytes, Mapping[str, str]]:
            try:
                result = client.query()
            except EndPointInternalError as exc:  # a 500 may be transient: retried like the others
                raise urllib.error.HTTPError(self.url, 500, str(exc), None, None) from exc  # type: ignore[arg-type]
            response = result.response
            return response.read(), {k.lower(): v for k, v in response.info().items()}

        try:
            payload, headers = self._with_retries(self.url, run)
        except QueryBadFormed as exc:
            raise EndpointError(f"the SPARQL endpoint {self.url} rejected the query as malformed: {exc}") from exc
        except SPARQLWrapperException as exc:
            raise EndpointError(f"the SPARQL endpoint {self.url} refused the query: {exc}") from exc
        names, rows = parse_results(payload)
        if _PARTIAL_HEADER in headers:
            raise TruncatedResultError(
                f"the SPARQL endpoint {self.url} stopped the query at its time limit and sent what it had found "
                f"({_PARTIAL_HEADER}: {headers[_PARTIAL_HEADER]}); raise the server's limit (Virtuoso: "
                "MaxQueryExecutionTime in [SPARQL] of virtuoso.ini) or narrow the query — an incomplete answer is "
                "not shown"
            )
        for header in _TRUNCATION_HEADERS:
            if header in headers and len(rows) >= int(re.sub(r"\D", "", headers[header]) or 0):
                raise TruncatedResultError(
                    f"the SPARQL endpoint {self.url} cut the result at {len(rows)} rows ({header}: "
                    f"{headers[header]}); raise the server's limit (Virtuoso: ResultSetMaxRows in [SPARQL] of "
                    "virtuoso.ini) or narrow the query — an incomplete answer is not shown"
                )
        return names, rows

    def update(self, text: str) -> None:
        """Run a SPARQL Update at the update URL (the query URL when none is given)."""
        url = self.update_url or self.url
        body = urllib.parse.urlencode({"update": text}).encode("utf-8")
        self._request("POST", url, body, "application/x-www-form-urlencoded")

    # ---------------------------------------------------------------- Graph Store Protocol

    def _graph_url(self, graph: str) -> str:
        if not self.store_url:
            raise EndpointError("no Graph Store Protocol URL: pass --graph-store URL")
        return f"{self.store_url}?{urllib.parse.urlencode({'graph': graph})}"

    def put_graph(self, graph: str, ntriples: bytes) -> None:
        """Replace a named graph on the server (PUT: idempotent)."""
        self._request("PUT", self._graph_url(graph), ntriples, "application/n-triples")

    def post_graph(self, graph: str, ntriples: bytes) -> None:
        """Add triples to a named graph on the server (POST)."""
        self._request("POST", self._graph_url(graph), ntriples, "application/n-triples")

    def delete_graph(self, graph: str) -> None:
        try:
            self._request("DELETE", self._graph_url(graph))
        except EndpointError as exc:
            if "HTTP 404" not in str(exc):
                raise

    def graphs(self) -> set[str]:
        """The named graphs the server holds."""
        # GROUP BY, not DISTINCT: the same answer, but Virtuoso 7 takes seconds over DISTINCT ?g (12 s for 160k quads)
        _, rows = self.select("SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
        return {row[0].value for row in rows if row[0] is not None}

    def snapshot(self) -> ox.Store:
        """An in-memory copy of the server's named graphs (for exports), read graph by graph."""
        store = ox.Store()
        for name in sorted(self.graphs()):
            graph = ox.NamedNode(name)  # validated: a server's odd graph name cannot break the query
            _, rows = self.select(f"SELECT ?s ?p ?o WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}")
            store.extend(ox.Quad(s, p, o, graph) for s, p, o in rows)
        return store

    def check(self) -> None:
        """Fail clearly when the server keeps our graphs out of its default graph."""
        _, rows = self.select(
            "SELECT (EXISTS { ?s a <http://data.europa.eu/eli/ontology#LegalResource> } AS ?inDefault) "
            "(EXISTS { GRAPH ?g { ?s a <http://data.europa.eu/eli/ontology#LegalResource> } } AS ?inNamed) "
            "WHERE {}"
        )
        in_default, in_named = (term.value in ("true", "1") for term in rows[0])  # Virtuoso 7: 1 / 0 integers
        if in_named and not in_default:
            raise EndpointError(
                f"the SPARQL endpoint {self.url} holds gazette graphs but its default graph is not their union; "
                "start Oxigraph with --union-default-graph (Fuseki: tdb2:unionDefaultGraph true)"
            )
        if not in_named and not in_default:
            raise EndpointError(f"the SPARQL endpoint {self.url} holds no gazette documents: run `kg push` first")
