"""Remote endpoints and `kg push` against a real Virtuoso (Debian package virtuoso-opensource: `make virtuoso`).

Each run starts a private server: its own ``virtuoso.ini`` and database in a temporary folder, free
127.0.0.1 ports for ISQL and HTTP, and ``ResultSetMaxRows`` = 2,000 so that truncation is Virtuoso's
own. ISQL then adds a user with SPARQL_UPDATE and two endpoints that take HTTP Basic auth
(``/sparql-basic``, ``/sparql-graph-crud-basic``): Virtuoso's ``/sparql-auth`` takes Digest only,
which the client does not speak. The corpus builds while the server starts.

What Virtuoso 7.2 does differently from the embedded store is pinned by ``test_virtuoso_dialect``;
the named queries it answers differently are marked xfail with the reason.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import shlex
import shutil
import socket
import subprocess
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import queries
from kg.cli import main
from kg.errors import EndpointError, TruncatedResultError
from kg.push import PUSH_STATE_GRAPH, _batches, _graph_triples, push
from kg.remote import Endpoint
from kg.store import open_for_reading
from ontology.terms import GK, GRAPH_BASE

VIRTUOSO = shutil.which("virtuoso-t")
ISQL = shutil.which("isql-vt") or shutil.which("isql-v")
MISSING = "Virtuoso is not installed: run `make virtuoso` (Debian package virtuoso-opensource: virtuoso-t, isql-vt)"
MAX_ROWS = 2_000  # above the 1,600 graphs of test_the_push_state_goes_in_batches_too: push reads their state back
USER, PASSWORD = "kg_push", "kg-push-secret"
UPDATE_BATCH = 1_000  # Virtuoso compiles INSERT DATA into SQL and refuses past ~1,400 triples per request

INI = """\
[Database]
DatabaseFile       = {folder}/virtuoso.db
ErrorLogFile       = {folder}/virtuoso.log
LockFile           = {folder}/virtuoso.lck
TransactionFile    = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = {folder}/virtuoso-temp.db
TransactionFile    = {folder}/virtuoso-temp.trx
Striping           = 0

[Parameters]
ServerPort         = 127.0.0.1:{isql_port}
DisableUnixSocket  = 1
CheckpointInterval = 0
CaseMode           = 2
DirsAllowed        = .
NumberOfBuffers    = 20000
MaxDirtyBuffers    = 15000
ThreadsPerQuery    = 2

[HTTPServer]
ServerPort           = 127.0.0.1:{http_port}
ServerRoot           = {folder}
ServerThreads        = 10
MaxClientConnections = 10
Charset              = UTF-8
EnabledGzipContent   = 0

[SPARQL]
ResultSetMaxRows           = {max_rows}
MaxQueryExecutionTime      = 20
MaxQueryCostEstimationTime = 400
"""

# Updates through HTTP Basic auth: /sparql-auth and /sparql-graph-crud-auth are the same services behind Digest.
SETUP = f"""
DB.DBA.USER_CREATE('{USER}', '{PASSWORD}');
GRANT SPARQL_UPDATE TO "{USER}";
DB.DBA.VHOST_DEFINE(lpath=>'/sparql-basic', ppath=>'/!sparql/', is_dav=>1, vsp_user=>'dba',
  opts=>vector('noinherit', 1), auth_fn=>'DB.DBA.HP_AUTH_SPARQL_USER', realm=>'SPARQL', sec=>'basic');
DB.DBA.VHOST_DEFINE(lpath=>'/sparql-graph-crud-basic', ppath=>'/!sparql-graph-crud/', is_dav=>1, vsp_user=>'dba',
  opts=>vector('noinherit', 1, 'exec_as_get', 1), auth_fn=>'DB.DBA.HP_AUTH_SPARQL_USER', realm=>'SPARQL',
  sec=>'basic');
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Virtuoso:
    folder: Path
    http_port: int
    isql_port: int
    process: subprocess.Popen
    mirrored: bool = False  # holds the whole corpus (the `pushed` fixture); tests that change it put it back

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def sparql(self) -> str:
        return self.base + "/sparql"

    def reader(self) -> Endpoint:
        return Endpoint(self.sparql)

    def updater(self) -> Endpoint:
        return Endpoint(self.sparql, update_url=self.base + "/sparql-basic")

    def graph_store(self) -> Endpoint:
        return Endpoint(self.sparql, store_url=self.base + "/sparql-graph-crud-basic")

    def wait_until_up(self, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                log = (self.folder / "virtuoso.log").read_text(errors="replace")[-2000:]
                raise RuntimeError(f"virtuoso-t exited with {self.process.returncode}:\n{log}")
            try:
                urllib.request.urlopen(self.sparql + "?query=ASK%7B%7D", timeout=2).read()
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"Virtuoso at {self.sparql} did not answer within {seconds} s")

    def isql(self, sql: str) -> str:
        done = subprocess.run(
            [ISQL, str(self.isql_port), "dba", "dba", "VERBOSE=OFF", "BANNER=OFF", f"exec={sql}"],
            capture_output=True,
            text=True,
            timeout=60,
        )
        output = done.stdout + done.stderr
        assert done.returncode == 0 and "*** Error" not in output, output  # isql exits 0 after an error
        return output


@pytest.fixture(scope="module")
def virtuoso_process(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Virtuoso]:
    """A private Virtuoso, started and not yet waited for."""
    assert VIRTUOSO and ISQL, MISSING
    folder = tmp_path_factory.mktemp("virtuoso")
    http_port, isql_port = _free_port(), _free_port()
    while isql_port == http_port:
        isql_port = _free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(INI.format(folder=folder, isql_port=isql_port, http_port=http_port, max_rows=MAX_ROWS))
    process = subprocess.Popen(
        [VIRTUOSO, "+foreground", "+configfile", str(ini)],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield Virtuoso(folder, http_port, isql_port, process)
    finally:
        process.kill()  # a throw-away database: no checkpoint needed
        process.wait(timeout=30)


@pytest.fixture(scope="module")
def virtuoso(virtuoso_process: Virtuoso, built_store: Path) -> Virtuoso:
    """The server up and configured; asks for built_store first, so the corpus builds while it starts."""
    virtuoso_process.wait_until_up()
    virtuoso_process.isql(SETUP)
    return virtuoso_process


@pytest.fixture
def credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_ENDPOINT_USER", USER)
    monkeypatch.setenv("KG_ENDPOINT_PASSWORD", PASSWORD)


def _mirror(virtuoso: Virtuoso, built_store: Path) -> None:
    """The whole corpus on the server, through the Graph Store Protocol (fast on Virtuoso)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KG_ENDPOINT_USER", USER)
        patch.setenv("KG_ENDPOINT_PASSWORD", PASSWORD)
        with open_for_reading(built_store) as store:
            report = push(store, virtuoso.graph_store())
    assert report.protocol == "graph-store" and report.graphs > 10
    virtuoso.mirrored = True


def _count_ours(endpoint: Endpoint) -> int:
    _, rows = endpoint.select(
        f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
        f'FILTER(STRSTARTS(STR(?g), "{GRAPH_BASE}") && ?g != <{PUSH_STATE_GRAPH}>) }}'
    )
    return int(rows[0][0].value)


@pytest.fixture(scope="module")
def pushed(virtuoso: Virtuoso, built_store: Path) -> Endpoint:
    """The corpus mirrored on the server; the endpoint reads anonymously at /sparql."""
    _mirror(virtuoso, built_store)
    return virtuoso.reader()


# --------------------------------------------------------------------------- pushing


def _small_store(built_store: Path) -> ox.Store:
    """Ten small graphs and one of 1,500-2,500 triples (several batches; over Virtuoso's INSERT DATA limit)."""
    with open_for_reading(built_store) as store:
        sizes = sorted((len(list(store.quads_for_pattern(None, None, None, g))), g.value) for g in store.named_graphs())
        names = [name for _, name in sizes[:10]]
        names.append(next(name for size, name in sizes if 1_500 < size < 2_500))
        small = ox.Store()
        for name in names:
            small.extend(store.quads_for_pattern(None, None, None, ox.NamedNode(name)))
    return small


def test_push_through_sparql_update_in_batches_virtuoso_accepts(
    virtuoso: Virtuoso, built_store: Path, credentials: None
) -> None:
    small = _small_store(built_store)
    endpoint = virtuoso.updater()
    report = push(small, endpoint, batch_size=UPDATE_BATCH, force=True)
    assert report.protocol == "sparql-update" and report.requests > report.graphs
    assert _count_ours(endpoint) == len(small)
    ours = {g for g in endpoint.graphs() if g.startswith(GRAPH_BASE)}  # not Virtuoso's own graphs
    assert ours == {g.value for g in small.named_graphs()} | {PUSH_STATE_GRAPH}
    for graph in small.named_graphs():  # what went in comes out, term for term (graphs under the row cap)
        local = {
            (str(q.subject), str(q.predicate), str(q.object)) for q in small.quads_for_pattern(None, None, None, graph)
        }
        if len(local) < MAX_ROWS:
            _, rows = endpoint.select(f"SELECT ?s ?p ?o WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}")
            assert {tuple(str(t) for t in row) for row in rows} == local, graph.value
    assert push(small, endpoint, batch_size=UPDATE_BATCH).requests == 1  # unchanged: only the state is written
    if virtuoso.mirrored:
        _mirror(virtuoso, built_store)


def test_the_default_batch_is_too_big_for_virtuoso_insert_data(virtuoso: Virtuoso, credentials: None) -> None:
    """`kg push --update …` needs `--batch 1000` on Virtuoso: 2,000 triples in one INSERT DATA (the default
    batch is 20,000) are refused."""
    triples = "".join(f"<urn:kg:test:s{i}> <urn:kg:test:p> {i} .\n" for i in range(2_000))
    with pytest.raises(EndpointError, match="exceeded 10000 lines"):
        virtuoso.updater().update(f"INSERT DATA {{ GRAPH <urn:kg:test:big> {{\n{triples}}} }}")


def test_the_push_state_goes_in_batches_too(virtuoso: Virtuoso, built_store: Path, credentials: None) -> None:
    """A store of 1,600 graphs pushed again, unchanged, through SPARQL Update: the state (one triple per
    graph) must not go in one INSERT DATA, which Virtuoso refuses past ~1,400 triples."""
    synthetic = ox.Store()
    for i in range(1_600):
        graph = ox.NamedNode(f"{GRAPH_BASE}synthetic/{i:04d}")
        synthetic.add(ox.Quad(graph, ox.NamedNode(str(GK.contentHash)), ox.Literal(str(i)), graph))
    endpoint = virtuoso.updater()
    # the state a first push of these graphs leaves, written directly (1,600 requests would take seconds)
    state = []
    for graph in synthetic.named_graphs():
        digest = hashlib.sha256(b"".join(_batches(_graph_triples(synthetic, graph), UPDATE_BATCH))).hexdigest()
        state.append(ox.Triple(graph, ox.NamedNode(str(GK.contentHash)), ox.Literal(digest)))
    virtuoso.graph_store().put_graph(PUSH_STATE_GRAPH, ox.serialize(state, format=ox.RdfFormat.N_TRIPLES))
    report = push(synthetic, endpoint, batch_size=UPDATE_BATCH)
    assert report.unchanged == report.graphs == 1_600 and report.triples == 0
    _, rows = endpoint.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{PUSH_STATE_GRAPH}> {{ ?s ?p ?o }} }}")
    assert int(rows[0][0].value) == 1_600
    if virtuoso.mirrored:
        _mirror(virtuoso, built_store)


def test_graph_store_push_mirrors_the_corpus(
    pushed: Endpoint, built_store: Path, virtuoso: Virtuoso, credentials: None
) -> None:
    with open_for_reading(built_store) as store:
        local_graphs = {g.value for g in store.named_graphs()}
        local_count = len(store)
        again = push(store, virtuoso.graph_store())
    assert again.unchanged == again.graphs == len(local_graphs) and again.requests == 1
    assert _count_ours(pushed) == local_count
    assert {g for g in pushed.graphs() if g.startswith(GRAPH_BASE)} == {*local_graphs, PUSH_STATE_GRAPH}
    pushed.check()  # the default graph is the union of the named graphs


def test_digest_only_endpoints_refuse_basic_auth_clearly(virtuoso: Virtuoso, credentials: None) -> None:
    """Virtuoso's stock /sparql-auth takes Digest only: the client (Basic) is refused with the credentials hint."""
    endpoint = Endpoint(virtuoso.sparql, update_url=virtuoso.base + "/sparql-auth")
    with pytest.raises(EndpointError, match=r"HTTP 401.*KG_ENDPOINT_USER"):
        endpoint.update("INSERT DATA { GRAPH <urn:kg:test:auth> { <urn:kg:test:s> <urn:kg:test:p> 1 } }")


# --------------------------------------------------------------------------- truncation


def _raw(url: str, query: str) -> tuple[dict[str, str], dict]:
    body = urllib.parse.urlencode({"query": query}).encode()
    request = urllib.request.Request(url, data=body, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=60) as answer:
        return {k.lower(): v for k, v in answer.headers.items()}, json.loads(answer.read())


def test_what_virtuoso_sends_when_it_cuts_a_result(pushed: Endpoint) -> None:
    headers, document = _raw(pushed.url, "SELECT ?s ?p ?o WHERE { ?s ?p ?o }")
    assert headers["x-sparql-maxrows"] == str(MAX_ROWS) and len(document["results"]["bindings"]) == MAX_ROWS
    headers, document = _raw(pushed.url, f"SELECT ?s WHERE {{ ?s ?p ?o }} LIMIT {MAX_ROWS - 1}")
    assert "x-sparql-maxrows" not in headers and len(document["results"]["bindings"]) == MAX_ROWS - 1
    headers, _ = _raw(pushed.url, f"SELECT ?s WHERE {{ ?s ?p ?o }} LIMIT {MAX_ROWS * 5}")
    assert headers["x-sparql-maxrows"] == str(MAX_ROWS)  # a LIMIT above the cap is cut too, and said so
    headers, _ = _raw(pushed.url, f"SELECT ?s WHERE {{ ?s ?p ?o }} LIMIT {MAX_ROWS}")
    assert headers["x-sparql-maxrows"] == str(MAX_ROWS)  # exactly the cap: said too (complete or not, it cannot tell)


def test_a_cut_result_is_refused(pushed: Endpoint, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(TruncatedResultError, match=rf"cut the result at {MAX_ROWS} rows .*ResultSetMaxRows"):
        pushed.select("SELECT ?s ?p ?o WHERE { ?s ?p ?o }")
    assert main(["query", "--sparql", "SELECT ?s ?p ?o WHERE { ?s ?p ?o }", "--endpoint", pushed.url]) == 2
    assert "ResultSetMaxRows" in capsys.readouterr().err


def test_under_the_cap_the_answer_is_complete(pushed: Endpoint, built_store: Path) -> None:
    _, rows = pushed.select(f"SELECT ?s WHERE {{ ?s ?p ?o }} LIMIT {MAX_ROWS - 1}")
    assert len(rows) == MAX_ROWS - 1
    query = "SELECT ?doc WHERE { ?doc a <http://data.europa.eu/eli/ontology#LegalResource> }"
    with open_for_reading(built_store) as store:
        local = queries.run_select(store, query)[1]
    assert 100 < len(local) < MAX_ROWS
    assert sorted(map(str, pushed.select(query)[1])) == sorted(map(str, local))


HEAVY = "SELECT ?o (COUNT(*) AS ?n) WHERE { ?s ?p ?o . ?s2 ?p2 ?o } GROUP BY ?o ORDER BY DESC(?n) LIMIT 5"


def test_a_partial_answer_at_the_time_limit_is_refused(pushed: Endpoint) -> None:
    """Past its time limit Virtuoso answers 200 with what it has (wrong counts here) and no X-SPARQL-MaxRows:
    X-SQL-State: S1TAT says so. `?timeout=` (ms) stands in for MaxQueryExecutionTime."""
    url = pushed.url + "?timeout=300"
    headers, _ = _raw(url, HEAVY)
    assert headers["x-sql-state"] == "S1TAT" and "x-sparql-maxrows" not in headers
    with pytest.raises(TruncatedResultError, match=r"time limit.*MaxQueryExecutionTime"):
        Endpoint(url).select(HEAVY)


# --------------------------------------------------------------------------- the dialect


XSD = "http://www.w3.org/2001/XMLSchema#"

#: (query, what Virtuoso 7.2 answers, what the embedded store answers) — first cell, as str(term)
DIALECT = {
    "if-with-an-error-condition-takes-the-else-branch": (
        "SELECT (COALESCE(IF(?unbound = ?unbound, false, false), true) AS ?x) WHERE {}",
        f'"0"^^<{XSD}integer>',
        f'"true"^^<{XSD}boolean>',
    ),
    "str-of-a-non-ascii-constant-is-question-marks": (
        'SELECT (STR(?v) AS ?x) WHERE { VALUES ?v { "衢州" } }',
        '"??"',
        '"衢州"',
    ),
    "group-concat-non-ascii-separator-is-a-question-mark": (
        'SELECT (GROUP_CONCAT(?v; separator="、") AS ?x) WHERE { VALUES ?v { "a" "b" } }',
        '"a?b"',
        '"a、b"',
    ),
    "boolean-expressions-are-integers": (
        "SELECT (EXISTS { } AS ?x) WHERE {}",
        f'"1"^^<{XSD}integer>',
        f'"true"^^<{XSD}boolean>',
    ),
    "group-concat-drops-the-language-tag": (
        'SELECT (GROUP_CONCAT(?v; separator="|") AS ?x) WHERE { VALUES ?v { "a"@zh } }',
        '"a"',
        '"a"@zh',
    ),
    "group-concat-of-nothing-is-empty-not-unbound": (
        'SELECT (GROUP_CONCAT(?v; separator="|") AS ?x) WHERE { OPTIONAL { ?s <urn:kg:none> ?v } }',
        '""',
        "None",
    ),
    "the-default-graph-holds-virtuosos-own-graphs": (
        "ASK { ?s a <http://www.openlinksw.com/schemas/virtrdf#QuadMapFormat> }",
        '"true"',
        '"false"',
    ),
}


@pytest.mark.parametrize("case", sorted(DIALECT))
def test_virtuoso_dialect(case: str, pushed: Endpoint, built_store: Path) -> None:
    query, on_virtuoso, embedded = DIALECT[case]
    remote = pushed.select(query)[1][0][0]
    with open_for_reading(built_store) as store:
        local = queries.run_select(store, query)[1][0][0]
    assert (str(remote), str(local)) == (on_virtuoso, embedded)


def test_same_term_between_two_variables_answers_as_the_embedded_store(pushed: Endpoint, built_store: Path) -> None:
    """lead-agencies and co-responsibility drop an agency's pairing with itself with !sameTerm(?a, ?b), which
    compares stored ids where != reads both IRIs. Against a constant IRI Virtuoso 7.2 gets it wrong both ways
    (a FILTER keeps rows of the other type, an IF answers false), so the queries never compare with a constant."""
    lead, responsible = GK.leadAgency, GK.responsibleAgency
    pairs = f"""SELECT (COUNT(*) AS ?n) WHERE {{
        {{ SELECT DISTINCT ?task ?a ?b WHERE {{ ?task <{lead}> ?a ; <{responsible}> ?b }} }}
        FILTER(!sameTerm(?a, ?b)) }}"""
    person = f"""SELECT (COUNT(*) AS ?n) WHERE {{
        {{ SELECT DISTINCT ?c ?type WHERE {{ ?c <{GK.recipientType}> ?type }} }}
        FILTER(sameTerm(?type, <{GK["recipient-person"]}>)) }}"""
    person_bound = f"""SELECT (SUM(?is) AS ?n) WHERE {{
        {{ SELECT DISTINCT ?c ?type WHERE {{ ?c <{GK.recipientType}> ?type }} }}
        BIND(IF(sameTerm(?type, <{GK["recipient-person"]}>), 1, 0) AS ?is) }}"""
    checks = (pairs, person, person_bound)
    with open_for_reading(built_store) as store:
        local = [int(queries.run_select(store, q)[1][0][0].value) for q in checks]
    remote = [int(pushed.select(q)[1][0][0].value) for q in checks]
    assert min(local) > 0 and local[1] == local[2]
    assert remote[0] == local[0]
    assert remote[1] != local[1] and remote[2] != local[2], "Virtuoso now gets sameTerm with a constant right"


def test_the_union_default_graph_is_a_bag_on_both(pushed: Endpoint, built_store: Path) -> None:
    """A triple in two named graphs counts twice in the default graph, on Virtuoso as in the embedded store."""
    pattern = f"?s <{GK.numberYear}> ?o"  # a cited document's year stands in each citing document's graph
    every = f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}"
    distinct = f"SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?o WHERE {{ {pattern} }} }}"
    with open_for_reading(built_store) as store:
        local = [int(queries.run_select(store, q)[1][0][0].value) for q in (every, distinct)]
    remote = [int(pushed.select(q)[1][0][0].value) for q in (every, distinct)]
    assert local[0] > local[1], "the corpus has triples in more than one graph"
    assert remote == local


def test_stored_booleans_come_back_as_true_and_false(pushed: Endpoint) -> None:
    query = f"SELECT ?b WHERE {{ ?doc <{GK.resolved}> ?b }} LIMIT 1"
    _, document = _raw(pushed.url, query)
    assert document["results"]["bindings"][0]["b"]["value"] in ("1", "0")  # Virtuoso's lexical form
    assert pushed.select(query)[1][0][0].value in ("true", "false")  # the store's


# --------------------------------------------------------------------------- named queries


def _sorted_rows(rows: list[list]) -> list[tuple[str, ...]]:
    return sorted(tuple("" if t is None else str(t) for t in row) for row in rows)


def _example_params(named: queries.NamedQuery) -> dict[str, str]:
    line = next((ln for ln in named.text.splitlines() if ln.startswith("# example:")), "")
    words = shlex.split(line.removeprefix("# example:"))
    return dict(w.split("=", 1) for prev, w in itertools.pairwise(words) if prev == "--param")


OPTIONAL_IDIOM = (
    "an optional parameter left out: COALESCE(IF(?p = ?p, false, false), true) is false on Virtuoso, whose IF "
    "takes the else branch on an error condition, so the filter drops every row"
)
STR_CONSTANT = "STR() of the (Chinese) parameter value gives '??' on Virtuoso (openlink/virtuoso-opensource#609)"
SEPARATOR = (
    "GROUP_CONCAT separator '、' comes out as '?' on Virtuoso (a non-ASCII constant, like #609); the numbers also "
    "come in another order, which SPARQL leaves open"
)
LANGUAGE = "GROUP_CONCAT of @zh labels: Virtuoso returns a plain literal, the embedded store keeps @zh"
SQ156 = "Virtuoso 7.2 cannot compile it: SQ156 Internal Optimized compiler error: Bad dfe in sqlo_place_exp"
SP031 = "Virtuoso 7.2 cannot compile it: SP031 sparp_find_origin_of_external_var() (?date used inside NOT EXISTS)"

KNOWN: dict[tuple[str, str], str] = {
    ("agency-profile", "example"): STR_CONSTANT,
    ("co-responsibility", "example"): OPTIONAL_IDIOM,
    ("document-status", "example"): SQ156,
    ("documents", "example"): OPTIONAL_IDIOM,
    ("documents", "all-params"): LANGUAGE,
    ("group-members", "example"): STR_CONSTANT,
    ("in-force", "example"): SP031,
    ("issuers", "no-params"): OPTIONAL_IDIOM,
    ("lead-agencies", "example"): OPTIONAL_IDIOM,
    ("lead-agencies", "all-params"): SEPARATOR,
    ("most-cited", "example"): SQ156,
    ("network-nodes", "example"): "aliases: GROUP_CONCAT of no value is '' on Virtuoso, unbound on the embedded store",
    ("personnel-changes", "example"): OPTIONAL_IDIOM,
    ("policy-lineage", "example"): LANGUAGE,
    ("post-holders", "example"): OPTIONAL_IDIOM,
    ("stats-classes", "example"): "Virtuoso's default graph also holds its own system graphs (virtrdf: classes)",
    ("successions", "example"): OPTIONAL_IDIOM,
    ("successions", "all-params"): 'a boolean expression projected: Virtuoso answers "0"^^xsd:integer',
    ("table-documents", "example"): SQ156,
    ("table-people", "example"): LANGUAGE,
    ("table-posts", "example"): LANGUAGE,
    ("table-tasks", "example"): LANGUAGE,
}
LEFT_OUT = {  # not run: they would only stall the file
    "facts-responsibilities": "over 60 s on Virtuoso (1 s embedded): its time limit cuts it, and the cut is refused",
    "network-edges": "with a layer, Virtuoso 7.2.5 stops answering it (no CPU, no answer in 60 s and more), or in "
    "another run answered other rows; with none, 0 rows (the optional-parameter idiom)",
}

EXTRA = {  # other parameters: none at all, or every optional one bound (no optional-parameter idiom at play)
    ("documents", "all-params"): {"issuer": "衢州市人民政府办公室", "year": "2018", "section": "市府办文件"},
    ("issuers", "no-params"): {},
    ("lead-agencies", "all-params"): {"agency": "衢州市发展和改革委员会"},
    ("personnel-changes", "all-params"): {
        "from": "2018-01-01",
        "to": "2018-12-31",
        "organization": "衢州市公安局",
        "person": "王小平",
    },
    ("post-holders", "all-params"): {
        "organization": "衢州市食品安全委员会办公室",
        "post": "衢州市食品安全委员会办公室副主任",
    },
    ("successions", "all-params"): {"organization": "衢州市食品安全委员会办公室"},
}


def _cases() -> list:
    found = [(name, "example") for name in sorted(queries.available()) if name not in LEFT_OUT]
    cases = []
    for key in sorted([*found, *EXTRA]):
        marks = [pytest.mark.xfail(strict=True, reason=KNOWN[key])] if key in KNOWN else []
        cases.append(pytest.param(*key, marks=marks, id="-".join(key)))
    return cases


@pytest.mark.parametrize(("name", "variant"), _cases())
def test_named_queries_answer_as_the_embedded_store(
    name: str, variant: str, pushed: Endpoint, built_store: Path
) -> None:
    params = EXTRA.get((name, variant), _example_params(queries.load(name)))
    with open_for_reading(built_store) as store:
        local = queries.run_named(store, name, params)
    remote = queries.run_named(Endpoint(pushed.url, retries=1, timeout=30), name, params)
    assert remote[0] == local[0]
    assert _sorted_rows(remote[1]) == _sorted_rows(local[1])
    assert local[1] or name in {"facts-leader-duties", "leader-duties"}, f"{name}: the example should find rows"


def test_the_cli_reads_from_virtuoso(pushed: Endpoint, built_store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`--endpoint` checks the server first (EXISTS answers 1, not true, on Virtuoso) and prints as from the store."""
    argv = ["query", "person-timeline", "--param", "person=季根寿", "--format", "csv"]
    assert main([*argv, "--store", str(built_store)]) == 0
    local = capsys.readouterr().out
    assert main([*argv, "--endpoint", pushed.url]) == 0
    assert sorted(capsys.readouterr().out.splitlines()) == sorted(local.splitlines())
    assert "false" in local  # the tenure's `concurrent` boolean, printed the same from both
