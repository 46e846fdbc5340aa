"""Remote SPARQL endpoints and `kg push`, against a real Oxigraph server started by the tests.

The `oxigraph` package (dev extra) ships the server binary; each test module run starts it on a
free 127.0.0.1 port with ``--union-default-graph`` (the default graph is the union of the named
graphs, as in the embedded store). A small in-process HTTP relay in front of it adds what the
server itself does not do — a password, transient 503 answers, a Virtuoso-style row cap — so
that credentials, retries and truncation are tested against real HTTP too.
"""

from __future__ import annotations

import base64
import http.server
import itertools
import re
import shlex
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg import queries
from kg.build import build
from kg.cli import main
from kg.errors import EndpointError, TruncatedResultError
from kg.push import PUSH_STATE_GRAPH, push
from kg.remote import Endpoint, bind_values, credentials_for
from kg.store import open_for_reading

OXIGRAPH = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until_up(url: str, process: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"oxigraph server exited with {process.returncode}")
        try:
            urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=2).read()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"oxigraph server at {url} did not come up in {seconds} s")


@dataclass
class Server:
    base: str

    @property
    def endpoint(self) -> Endpoint:
        return Endpoint(f"{self.base}/query", update_url=f"{self.base}/update", store_url=f"{self.base}/store")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    assert OXIGRAPH, "the oxigraph server is missing: pip install -e '.[dev]' installs it (PyPI package oxigraph)"
    port = _free_port()
    location = tmp_path_factory.mktemp("oxigraph-server")
    command = f"{OXIGRAPH} serve --location {location} --bind 127.0.0.1:{port} --union-default-graph"
    process = subprocess.Popen(shlex.split(command), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base + "/query", process)
        yield Server(base)
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def pushed(server: Server, built_store: Path) -> Endpoint:
    with open_for_reading(built_store) as store:
        report = push(store, server.endpoint)
    assert report.graphs > 10 and report.triples > 50_000
    return server.endpoint


def _sorted_rows(rows: list[list]) -> list[tuple[str, ...]]:
    return sorted(tuple("" if t is None else str(t) for t in row) for row in rows)


def _example_params(named: queries.NamedQuery) -> dict[str, str]:
    line = next((ln for ln in named.text.splitlines() if ln.startswith("# example:")), "")
    words = shlex.split(line.removeprefix("# example:"))
    return dict(w.split("=", 1) for prev, w in itertools.pairwise(words) if prev == "--param")


@pytest.mark.parametrize("name", sorted(queries.available()))
def test_named_queries_give_the_same_answers_remotely(name: str, pushed: Endpoint, built_store: Path) -> None:
    named = queries.load(name)
    params = _example_params(named)
    assert all(p.name in params for p in named.params if p.required), f"{name}: the example must bind required params"
    with open_for_reading(built_store) as store:
        local = queries.run_named(store, name, params)
    remote = queries.run_named(pushed, name, params)
    assert remote[0] == local[0]
    assert _sorted_rows(remote[1]) == _sorted_rows(local[1])
    assert local[1] or name in {"facts-leader-duties", "leader-duties"}, f"{name}: the example should find rows"


def test_push_twice_leaves_one_copy_and_mirrors_graphs(server: Server, built_store: Path) -> None:
    endpoint = server.endpoint
    with open_for_reading(built_store) as store:
        push(store, endpoint)
        again = push(store, endpoint)
        forced = push(store, endpoint, force=True)
        local_graphs = {g.value for g in store.named_graphs()}
        local_count = len(store)
    assert again.unchanged == again.graphs == len(local_graphs) and again.triples == 0 and again.requests == 1
    assert forced.triples == local_count and forced.unchanged == 0
    _, rows = endpoint.select(
        f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != <{PUSH_STATE_GRAPH}>) }}"
    )
    assert int(rows[0][0].value) == local_count
    assert endpoint.graphs() == {*local_graphs, PUSH_STATE_GRAPH}


def test_a_rebuilt_corpus_replaces_and_drops_graphs_on_the_server(
    server: Server, corpus_files: list[Path], tmp_path: Path, built_store: Path
) -> None:
    smaller = tmp_path / "one-issue"
    build(corpus_files[:1], smaller)
    endpoint = server.endpoint
    with open_for_reading(smaller) as store:
        report = push(store, endpoint)
        local_graphs = {g.value for g in store.named_graphs()}
        local_count = len(store)
    assert report.dropped, "graphs of the issues no longer in the store are dropped"
    assert report.unchanged > 0, "the one issue's document graphs did not change"
    assert endpoint.graphs() == {*local_graphs, PUSH_STATE_GRAPH}
    _, rows = endpoint.select(
        f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != <{PUSH_STATE_GRAPH}>) }}"
    )
    assert int(rows[0][0].value) == local_count
    with open_for_reading(built_store) as store:  # put the whole corpus back for the other tests
        push(store, endpoint)


def test_push_through_sparql_update_only(server: Server, built_store: Path) -> None:
    endpoint = Endpoint(f"{server.base}/query", update_url=f"{server.base}/update")
    with open_for_reading(built_store) as store:
        report = push(store, endpoint, batch_size=5_000, force=True)
        local_count = len(store)
    assert report.protocol == "sparql-update" and report.requests > report.graphs
    _, rows = endpoint.select(
        f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != <{PUSH_STATE_GRAPH}>) }}"
    )
    assert int(rows[0][0].value) == local_count


def _cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(argv)
    return code, capsys.readouterr().out


@pytest.mark.parametrize(
    "argv",
    [
        ["query", "lead-agencies", "--param", "agency=市发改委", "--format", "csv"],
        ["person", "季根寿", "--format", "json"],
        ["doc", "衢政发〔2017〕46号", "--date", "2019-01-01", "--format", "json"],
        ["agency", "市发改委", "--format", "json"],
        ["facts", "--kind", "personnel"],
        ["path", "丁丽霞", "王征宇", "--format", "json"],
        ["centrality", "--top", "5", "--format", "csv"],
    ],
)
def test_commands_print_the_same_from_an_endpoint(
    argv: list[str], pushed: Endpoint, built_store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    local = _cli([*argv, "--store", str(built_store)], capsys)
    remote = _cli([*argv, "--endpoint", pushed.url], capsys)
    assert local[0] == remote[0] == 0
    assert sorted(remote[1].splitlines()) == sorted(local[1].splitlines())


def test_an_endpoint_without_union_default_graph_is_explained(tmp_path: Path, built_store: Path) -> None:
    port = _free_port()
    process = subprocess.Popen(
        [OXIGRAPH, "serve", "--location", str(tmp_path / "plain"), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_until_up(base + "/query", process)
        endpoint = Endpoint(base + "/query", store_url=base + "/store")
        with pytest.raises(EndpointError, match="holds no gazette documents"):
            endpoint.check()
        with open_for_reading(built_store) as store:
            push(store, endpoint)
        with pytest.raises(EndpointError, match="--union-default-graph"):
            endpoint.check()
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_an_unreachable_endpoint_is_named_after_retries() -> None:
    url = f"http://127.0.0.1:{_free_port()}/query"
    endpoint = Endpoint(url, retries=3, backoff=0.05, timeout=2)
    started = time.monotonic()
    with pytest.raises(EndpointError, match=f"cannot reach the SPARQL endpoint {url} after 3 attempts"):
        endpoint.select("SELECT * WHERE { ?s ?p ?o } LIMIT 1")
    assert time.monotonic() - started >= 0.15  # backed off 0.05 + 0.1


# --------------------------------------------------------------------------- a relay in front of the server


@dataclass
class Relay:
    """Forwards to the real server; can demand a password, fail N times with 503, or cap rows."""

    upstream: str
    user: str | None = None
    password: str | None = None
    failures: int = 0
    max_rows: int | None = None
    seen: list[int] = field(default_factory=list)

    def handler(self) -> type[http.server.BaseHTTPRequestHandler]:
        relay = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                if relay.user is not None:
                    token = base64.b64encode(f"{relay.user}:{relay.password}".encode()).decode()
                    if self.headers.get("Authorization") != f"Basic {token}":
                        relay.seen.append(401)
                        self.send_response(401)
                        self.send_header("WWW-Authenticate", 'Basic realm="kg"')
                        self.end_headers()
                        return
                if relay.failures > 0:
                    relay.failures -= 1
                    relay.seen.append(503)
                    self.send_response(503)
                    self.end_headers()
                    self.wfile.write(b"busy")
                    return
                request = urllib.request.Request(
                    relay.upstream + self.path,
                    data=body,
                    method="POST",
                    headers={k: v for k, v in self.headers.items() if k.lower() in ("content-type", "accept")},
                )
                with urllib.request.urlopen(request) as answer:
                    payload, content_type = answer.read(), answer.headers.get("Content-Type", "")
                headers = {}
                if relay.max_rows is not None and b'"bindings"' in payload:
                    import json

                    document = json.loads(payload)
                    document["results"]["bindings"] = document["results"]["bindings"][: relay.max_rows]
                    payload = json.dumps(document).encode()
                    headers["X-SPARQL-MaxRows"] = str(relay.max_rows)
                relay.seen.append(200)
                self.send_response(200)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(payload)))
                for key, value in headers.items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(payload)

        return Handler


@pytest.fixture
def relay(pushed: Endpoint) -> Iterator[tuple[Relay, str]]:
    upstream = pushed.url.removesuffix("/query")
    state = Relay(upstream)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), state.handler())
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield state, f"http://127.0.0.1:{httpd.server_address[1]}/query"
    finally:
        httpd.shutdown()


def test_transient_failures_are_retried(relay: tuple[Relay, str]) -> None:
    state, url = relay
    state.failures = 2
    _names, rows = Endpoint(url, backoff=0.01).select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert state.seen == [503, 503, 200] and int(rows[0][0].value) > 0


def test_too_many_failures_name_the_endpoint(relay: tuple[Relay, str]) -> None:
    state, url = relay
    state.failures = 10
    with pytest.raises(EndpointError, match=f"{url} answered HTTP 503"):
        Endpoint(url, retries=2, backoff=0.01).select("SELECT * WHERE { ?s ?p ?o } LIMIT 1")


def test_credentials_come_from_the_environment_or_netrc(
    relay: tuple[Relay, str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    state, url = relay
    state.user, state.password = "analyst", "s3cret pass"
    monkeypatch.delenv("KG_ENDPOINT_USER", raising=False)
    monkeypatch.delenv("KG_ENDPOINT_PASSWORD", raising=False)
    monkeypatch.setenv("NETRC", str(tmp_path / "missing"))
    with pytest.raises(EndpointError, match=r"refused|401"):
        Endpoint(url).select("ASK { ?s ?p ?o }")
    monkeypatch.setenv("KG_ENDPOINT_USER", "analyst")
    monkeypatch.setenv("KG_ENDPOINT_PASSWORD", "s3cret pass")
    assert Endpoint(url).select("ASK { ?s ?p ?o }")[1][0][0].value == "true"
    monkeypatch.delenv("KG_ENDPOINT_USER")
    monkeypatch.delenv("KG_ENDPOINT_PASSWORD")
    netrc = tmp_path / "netrc"
    netrc.write_text("machine 127.0.0.1 login analyst password s3cret\\ pass\n", encoding="utf-8")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    assert credentials_for(url) == ("analyst", "s3cret pass")
    assert Endpoint(url).select("ASK { ?s ?p ?o }")[1][0][0].value == "true"


def test_a_truncated_result_is_reported_not_returned(relay: tuple[Relay, str], capsys: pytest.CaptureFixture) -> None:
    state, url = relay
    state.max_rows = 50
    with pytest.raises(TruncatedResultError, match="cut the result at 50 rows"):
        Endpoint(url).select("SELECT ?s WHERE { ?s a ?c }")
    assert main(["query", "network-nodes", "--endpoint", url]) == 2
    assert "ResultSetMaxRows" in capsys.readouterr().err
    _names, rows = Endpoint(url).select("SELECT ?s WHERE { ?s a ?c } LIMIT 10")  # under the cap: complete
    assert len(rows) == 10


# --------------------------------------------------------------------------- binding parameters safely


def test_values_go_into_every_where_group() -> None:
    named = queries.load("lead-agencies")
    text = bind_values(named.text, named.bindings({"agency": "市发改委"}))
    code = "\n".join(line.split("#", 1)[0] for line in named.text.splitlines())  # comments mention SELECT too
    selects = len(re.findall(r"\bSELECT\b", code))
    assert selects > 1  # the test needs a query with sub-selects
    assert text.count('VALUES (?agency) { ("市发改委") }') == selects  # the outer query and every sub-select


def test_braces_and_where_inside_strings_and_comments_are_ignored() -> None:
    text = '# WHERE { not here\nSELECT ?x WHERE { ?x <http://e/{p}> "WHERE { x" }'
    bound = bind_values(text, {ox.Variable("x"): ox.Literal("a")})
    assert bound.count("VALUES") == 1 and bound.index("VALUES") > bound.index("SELECT ?x WHERE {")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=st.text(min_size=1, max_size=30))
def test_hostile_parameter_values_stay_strings(pushed: Endpoint, built_store: Path, value: str) -> None:
    with open_for_reading(built_store) as store:
        local = queries.run_named(store, "documents", {"issuer": value})
    remote = queries.run_named(pushed, "documents", {"issuer": value})
    assert _sorted_rows(remote[1]) == _sorted_rows(local[1])
