"""The networkx projections, paths, neighbourhoods, centrality and communities — on the real store."""

from __future__ import annotations

import re
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg import analysis, queries
from kg.cli import main
from kg.errors import QueryError
from kg.network import LAYERS, Network, excerpt
from kg.store import open_for_reading


@pytest.fixture(scope="module")
def network(built_store: Path) -> Network:
    with open_for_reading(built_store) as store:
        return Network.load(store)


def _count(store_path: Path, sparql: str) -> int:
    with open_for_reading(store_path) as store:
        _, rows = queries.run_select(store, sparql)
    return int(rows[0][0].value)


GK = "PREFIX gk: <https://w3id.org/gazette-kg/ontology#> SELECT (COUNT(DISTINCT ?f) AS ?n) WHERE "


@pytest.mark.parametrize(
    ("relations", "sparql"),
    [
        ({"appointed", "removed"}, GK + "{ ?f a gk:PersonnelChange ; gk:agency ?a }"),
        ({"commended"}, GK + "{ ?f a gk:Commendation }"),
        ({"cites", "based_on", "amends", "repeals"}, GK + "{ ?f a gk:Citation }"),
        ({"in-document"}, GK + "{ ?f a gk:Task }"),
    ],
)
def test_one_edge_per_fact(network: Network, built_store: Path, relations: set[str], sparql: str) -> None:
    edges = [e for e in network.edges if e.relation in relations]
    assert len(edges) == _count(built_store, sparql) > 0
    assert len({e.evidence.fact for e in edges}) == len(edges)


def test_every_edge_quotes_its_source(network: Network, corpus_files: list[Path]) -> None:
    """The sentence of an edge is the raw text between its offsets (whitespace removed): provenance holds."""
    texts = [path.read_text(encoding="utf-8") for path in corpus_files]
    assert network.edges
    for edge in network.edges[::7]:
        ev = edge.evidence
        assert ev.document and ev.sentence and ev.issue, edge
        assert ev.start is not None and ev.end is not None and ev.start < ev.end
        assert any(re.sub(r"\s+", "", text[ev.start : ev.end]) == ev.sentence for text in texts), edge


def test_projections_keep_labels_and_provenance(network: Network) -> None:
    full = network.full()
    assert full.number_of_edges() == len(network.edges)
    for _, data in list(full.nodes(data=True))[:50]:
        assert data["iri"].startswith("https://w3id.org/gazette-kg/id/") and data["label"] and data["kind"]
    agencies = [d for _, d in full.nodes(data=True) if d["kind"] == "agency"]
    assert sum(1 for d in agencies if d["label_en"]) > len(agencies) / 2  # registry bodies carry English names
    for _, _, data in list(full.edges(data=True))[:50]:
        assert data["fact"] and data["document"] and data["relation"]
    people = network.person_agency()
    assert {d["kind"] for _, d in people.nodes(data=True)} <= {"person", "agency", "group", "post"}
    assert {"appointed", "removed", "member", "commended"} <= {d["relation"] for *_, d in people.edges(data=True)}
    citations = network.citations()
    assert {d["kind"] for _, d in citations.nodes(data=True)} == {"document"}


def test_agency_pairs_agree_with_the_co_responsibility_query(network: Network, built_store: Path) -> None:
    graph = network.agency_agency()
    with open_for_reading(built_store) as store:
        _, rows = queries.run_named(store, "co-responsibility", {"min": "5"})
    assert rows
    by_label = {d["label"]: n for n, d in graph.nodes(data=True)}
    for row in rows[:20]:
        a, b, tasks = by_label[row[0].value], by_label[row[1].value], int(row[2].value)
        data = graph.edges[a, b]
        assert data["tasks"] == tasks
        assert data["weight"] == data["tasks"] + data["co_issued"] == len(data["evidence"])
        assert all(record["document"] and record["via"] for record in data["evidence"])


def test_co_issued_documents_tie_their_issuers(network: Network) -> None:
    graph = network.agency_agency()
    co_issued = [(a, b, d) for a, b, d in graph.edges(data=True) if d["co_issued"]]
    assert co_issued, "the corpus has jointly signed documents (e.g. 衢住建〔2018〕39号)"
    for _, _, data in co_issued:
        assert any(r["relation"] == "co-issued" and r["document"] for r in data["evidence"])


def test_find_by_label_alias_number_and_english(network: Network) -> None:
    ndrc = network.find("衢州市发展和改革委员会")
    assert len(ndrc) == 1
    assert network.find("市发改委") == ndrc
    english = network.nodes[ndrc[0]].label_en
    assert english and network.find(english.upper()) == ndrc
    assert network.find("衢政发[2018]14 号") == network.find("衢政发〔2018〕14号") != []
    assert network.find("衢州市发展和改革委员会", kinds=["person"]) == []


def test_resolve_explains_unknown_names(network: Network) -> None:
    with pytest.raises(QueryError, match="did you mean"):
        network.resolve("发展和改革")
    with pytest.raises(QueryError, match="no person, agency"):
        network.resolve("完全没有这个名字")


def test_paths_between_group_members_run_through_the_group(network: Network, built_store: Path) -> None:
    with open_for_reading(built_store) as store:
        _, rows = queries.run_named(store, "group-members", {"group": "衢州市第四次经济普查领导小组"})
    people = sorted({row[2].value for row in rows if row[2] is not None})
    a, b = network.resolve(people[0]), network.resolve(people[1])
    found = analysis.paths(analysis.select(network, kind="people"), a, b, limit=2)
    assert found and all(len(p) == 2 for p in found)
    hops = found[0]
    assert hops[0].source == a and hops[-1].target == b
    assert hops[0].target_label == "衢州市第四次经济普查领导小组" and {h.relation for h in hops} == {"member"}
    assert all(h.document and h.sentence for h in hops)
    assert hops[0].forward and not hops[1].forward  # member → group, then group ← member


def test_no_path_is_an_empty_answer() -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("a", label="A", kind="person")
    graph.add_node("b", label="B", kind="person")
    assert analysis.paths(graph, "a", "b") == []
    with pytest.raises(QueryError):
        analysis.paths(graph, "a", "zzz")


def test_neighbours_of_a_group_are_its_members(network: Network, built_store: Path) -> None:
    group = "衢州市第四次经济普查领导小组"
    with open_for_reading(built_store) as store:
        _, rows = queries.run_named(store, "group-members", {"group": group})
    members = {row[2].value for row in rows if row[2] is not None}
    found = analysis.neighbours_table(network.person_agency(), network.resolve(group), hops=1)
    assert members <= set(found.column("name"))
    assert set(found.column("hops")) == {"1"}
    two = analysis.neighbours_table(network.person_agency(), network.resolve(group), hops=2)
    assert len(two) > len(found) and set(two.column("hops")) == {"1", "2"}


def test_select_by_dates_keeps_only_facts_in_the_window(network: Network) -> None:
    graph = analysis.select(network, kind="all", date_from="2018-05-01", date_to="2018-05-31")
    dates = {d["date"][:10] for *_, d in graph.edges(data=True)}
    assert dates and all("2018-05-01" <= d <= "2018-05-31" for d in dates)
    everything = analysis.select(network, kind="all")
    assert graph.number_of_edges() < everything.number_of_edges()


def test_select_kinds_and_focus(network: Network) -> None:
    policies = analysis.select(network, kind="policies")
    assert {d["kind"] for _, d in policies.nodes(data=True)} == {"document"}
    centre = network.resolve("衢政办发〔2018〕47号")
    around = analysis.select(network, kind="policies", focus=[centre], hops=1)
    assert centre in around and around.number_of_nodes() > 3
    with pytest.raises(QueryError, match="unknown kind"):
        analysis.select(network, kind="nope")


def test_centrality_is_a_stable_table(network: Network) -> None:
    first = analysis.centrality(network)
    second = analysis.centrality(network)
    assert first.rows == second.rows
    betweenness = [float(v) for v in first.column("betweenness")]
    assert betweenness == sorted(betweenness, reverse=True)
    assert first.column("rank")[:3] == ["1", "2", "3"]
    top = first.records()[0]
    assert int(top["partners"]) > 10 and int(top["leads"]) > 0


def test_communities_partition_the_agency_network(network: Network) -> None:
    graph = network.agency_agency()
    found = analysis.communities(graph)
    members = [m for c in found for m in c]
    assert sorted(members) == sorted(graph) and len(members) == len(set(members))
    assert [len(c) for c in found] == sorted((len(c) for c in found), reverse=True)
    assert analysis.communities(graph) == found  # fixed seed: the same clusters every run
    rows = analysis.communities_table(network).records()
    assert rows[0]["community"] == "1" and int(rows[0]["agencies"]) == len(found[0])


def test_layers_load_separately(built_store: Path) -> None:
    with open_for_reading(built_store) as store:
        only = Network.load(store, layers=["citation"])
        with pytest.raises(QueryError, match="unknown network layer"):
            Network.load(store, layers=["nope"])
    assert only.edges and {e.layer for e in only.edges} == {"citation"}
    assert "citation" in LAYERS


@given(st.text(min_size=0, max_size=400), st.text(min_size=1, max_size=10), st.integers(min_value=20, max_value=200))
def test_excerpt_is_short_and_keeps_the_needle(sentence: str, needle: str, width: int) -> None:
    text = excerpt(sentence, [needle], width)
    assert len(text) <= width + 2
    if len(sentence) <= width:
        assert text == sentence
    elif needle in sentence and sentence.find(needle) + len(needle) <= len(sentence) and len(needle) < width // 2:
        assert needle in text


def test_cli_path_neighbours_centrality(built_store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = ["--store", str(built_store)]
    assert main(["path", "丁丽霞", "衢州市第四次经济普查领导小组", *store]) == 0
    out = capsys.readouterr().out
    assert "path 1: 1 hop(s)" in out and "衢政发〔2018〕15号" in out and "丁丽霞(市金融办)" in out
    assert main(["path", "没有此人", "市发改委", *store]) == 2
    assert "no person, agency" in capsys.readouterr().err
    assert main(["neighbours", "衢政办发[2018]47 号", "--kind", "policies", *store, "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("hops,kind,name,via,relation") and "衢政办发〔2015〕37号" in out
    assert main(["centrality", "--top", "5", *store]) == 0
    assert "(5 rows)" in capsys.readouterr().out
    assert main(["communities", "--format", "json", *store]) == 0
    assert '"community"' in capsys.readouterr().out


def test_the_agencies_view_is_the_weighted_agency_network(network: Network) -> None:
    ndrc = network.resolve("市发改委")
    around = analysis.select(network, kind="agencies", focus=[ndrc], hops=1)
    assert around.number_of_nodes() > 10 and not around.is_directed()
    assert all(d["weight"] >= 1 and d["evidence"] for *_, d in around.edges(data=True))
    strong = analysis.select(network, kind="agencies", focus=[ndrc], hops=1, min_weight=10)
    assert 0 < strong.number_of_edges() < around.number_of_edges()
    assert all(w >= 10 for *_, w in strong.edges(data="weight"))
    may = analysis.select(network, kind="agencies", date_from="2018-05-01", date_to="2018-05-31")
    assert {r["date"][:7] for *_, d in may.edges(data=True) for r in d["evidence"]} == {"2018-05"}


def test_layers_narrow_a_view(network: Network) -> None:
    only = analysis.select(network, kind="all", layers=["citation", "issuer"])
    assert {d["layer"] for *_, d in only.edges(data=True)} == {"citation", "issuer"}
    with pytest.raises(QueryError, match="unknown layer"):
        analysis.select(network, layers=["gossip"])
