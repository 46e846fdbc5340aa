"""kg.viz without a browser: offline pages, escaping, determinism, the cap, legend, focus, merging, saving.

The page is read back with :class:`html.parser.HTMLParser`, which (like a browser) ends a ``<script>``
at the first ``</script``: a payload that broke out of the embedded JSON would show up here as an
extra tag.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from kg.network import Network
from kg.store import open_for_reading
from kg.viz import FOCUS_BORDER, Picture, VizError, draw

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(2)>'
BREAKOUT = "</script><script>alert(3)</script>"
BASE = "https://w3id.org/gazette-kg/id/"


class _Page(HTMLParser):
    """Tags, attributes and the text of every element, as a browser would split the page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data
        else:
            self.text.append(data)


def parse(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    parser.close()
    return parser


def dataset(page: str, name: str) -> list[dict[str, Any]]:
    """The nodes or edges handed to vis-network (the JSON inside ``new vis.DataSet(...)``)."""
    marker = f"{name} = new vis.DataSet("
    at = page.index(marker) + len(marker)
    items, _ = json.JSONDecoder().raw_decode(page[at:])
    return items


def tip_text(item: dict[str, Any]) -> str:
    return "\n".join([b["h"] for b in item["tip"]] + [f"{k} {v}" for b in item["tip"] for k, v in b["rows"]])


def person(graph: nx.Graph, key: str, label: str, **extra: Any) -> str:
    iri = BASE + "person/" + key
    graph.add_node(iri, iri=iri, kind="person", label=label, label_en="", aliases="", number="", date="", **extra)
    return iri


def agency(graph: nx.Graph, key: str, label: str, label_en: str = "", aliases: str = "") -> str:
    iri = BASE + "org/" + key
    graph.add_node(iri, iri=iri, kind="agency", label=label, label_en=label_en, aliases=aliases, number="", date="")
    return iri


def fact(graph: nx.MultiDiGraph, source: str, target: str, relation: str, n: int, **extra: Any) -> None:
    data = {
        "layer": "personnel",
        "fact": f"{BASE}change/{n:04d}",
        "relation": relation,
        "label": "副主任",
        "document": f"衢政干〔2018〕{n}号",
        "date": f"2018-03-{n % 28 + 1:02d}",
        "sentence": f"任命张三为衢州市发展和改革委员会副主任({n})。",
        "issue": "衢州政报 2018年5月 第3、4期 (总第105期)",
        "start": 100 + n,
        "end": 130 + n,
    } | extra
    graph.add_edge(source, target, key=f"{relation} {data['fact']}", **data)


@pytest.fixture
def small() -> nx.MultiDiGraph:
    """Two people and two agencies: appointments, a removal, parallel facts and facts both ways."""
    graph = nx.MultiDiGraph(name="small")
    a = person(graph, "zhangsan", "张三")
    b = person(graph, "lisi", "李四")
    fgw = agency(graph, "fgw", "衢州市发展和改革委员会", "Quzhou Development and Reform Commission", "市发改委|发改委")
    gov = agency(graph, "gov", "衢州市人民政府", "Quzhou Municipal People's Government")
    fact(graph, a, fgw, "appointed", 1)
    fact(graph, a, fgw, "removed", 2)
    fact(graph, b, fgw, "appointed", 3)
    fact(graph, gov, b, "commended", 4, layer="commendation", label="先进个人")
    fact(graph, b, gov, "affiliated", 5, layer="group", label="")
    return graph


@pytest.fixture
def hostile() -> nx.MultiDiGraph:
    """Labels, aliases, sentences and edge labels holding script and attribute-breaking payloads."""
    graph = nx.MultiDiGraph()
    bad = person(graph, "evil", SCRIPT)
    graph.nodes[bad]["label_en"] = IMG
    graph.nodes[bad]["aliases"] = f"{BREAKOUT}|a&b|<!--"
    org = agency(graph, "org", IMG, SCRIPT, aliases=BREAKOUT)
    fact(graph, bad, org, "appointed", 1, label="<b>x</b>", sentence=f"任命{SCRIPT}为{IMG}{BREAKOUT}主任。")
    fact(graph, org, bad, "commended", 2, document=BREAKOUT, issue=IMG, label=SCRIPT)
    return graph


# ----------------------------------------------------------------------------------------- offline


def remote_references(page: str) -> list[str]:
    parsed = parse(page)
    found = [
        f"<{tag} {name}={value}>"
        for tag, attrs in parsed.tags
        for name, value in attrs.items()
        if name in {"src", "href", "srcset", "poster", "data", "action"}
        and value
        and re.match(r"\s*(https?:)?//", value)
    ]
    css = "".join(s for s in parsed.text)  # <style> bodies are text to the parser
    found += re.findall(r"url\(\s*['\"]?\s*(?:https?:)?//[^)]*\)", css + page)
    found += re.findall(r"@import\s+['\"]?(?:url\()?\s*['\"]?(?:https?:)?//", page)
    return found


def test_page_is_self_contained(small: nx.MultiDiGraph) -> None:
    page = draw(small, title="小图").html
    parsed = parse(page)
    assert remote_references(page) == []
    assert not [a for t, a in parsed.tags if t == "script" and "src" in a], "every script is inline"
    assert not [t for t, _ in parsed.tags if t == "link"], "no stylesheet links (Bootstrap is removed)"
    assert "bootstrap" not in page.lower()
    assert any("vis-network" in s and "@version 9" in s for s in parsed.scripts), "vis-network is embedded"
    assert page.startswith("<!DOCTYPE html>")
    assert page.count("<h1>") == 1


# ----------------------------------------------------------------------------------------- escaping


def test_payloads_stay_text(hostile: nx.MultiDiGraph) -> None:
    picture = draw(hostile, title=SCRIPT + IMG, focus=[BASE + "person/evil"])
    page = picture.html
    parsed = parse(page)
    tags = {tag for tag, _ in parsed.tags}
    assert "img" not in tags and "b" not in tags
    assert len([t for t, _ in parsed.tags if t == "script"]) == 4  # utils.js, vis-network, pyvis's, ours
    for raw in (SCRIPT, IMG, BREAKOUT, "<b>x</b>", "<!--"):
        assert raw not in page, raw
    assert "onerror=alert" not in "".join(a.get("onerror") or "" for _, a in parsed.tags)
    # The title shows as text (twice: <title> and the heading)…
    assert "".join(parsed.text).count(SCRIPT + IMG) == 2
    # …and the data reaches vis-network intact, to be shown as text by the page's textContent tooltips.
    nodes = {n["id"]: n for n in dataset(page, "nodes")}
    evil = nodes[BASE + "person/evil"]
    assert evil["label"].startswith(SCRIPT[:17]) and IMG[:20] in evil["label"]
    assert SCRIPT in tip_text(evil) and BREAKOUT in tip_text(evil) and "a&b" in tip_text(evil)
    (edge,) = dataset(page, "edges")
    text = tip_text(edge)
    assert SCRIPT in text and IMG in text and BREAKOUT in text
    assert "title" not in edge and all("title" not in n for n in nodes.values())  # no HTML-capable titles
    assert "popup.innerHTML" not in page  # pyvis's HTML popup (used when a title holds "href") is off


def test_embedded_json_cannot_end_the_script(hostile: nx.MultiDiGraph) -> None:
    page = draw(hostile, title="t").html
    drawing = next(s for s in parse(page).scripts if "new vis.DataSet(" in s)
    assert "\\u003c/script\\u003e" in drawing
    assert "</" not in drawing.split("new vis.DataSet(", 1)[1].split("var options", 1)[0]


def test_jupyter_iframe_escapes_the_page(hostile: nx.MultiDiGraph) -> None:
    picture = draw(hostile, title=IMG)
    markup = picture._repr_html_()
    parsed = parse(markup)
    assert [t for t, _ in parsed.tags] == ["iframe"]
    attrs = parsed.tags[0][1]
    assert attrs["srcdoc"] == picture.html
    assert attrs["title"] == IMG
    assert attrs["sandbox"] == "allow-scripts"
    assert "650px" in (attrs["style"] or "")


# ----------------------------------------------------------------------------------------- determinism


def test_same_graph_same_page(small: nx.MultiDiGraph) -> None:
    first = draw(small, title="t", focus=[BASE + "person/lisi"])
    again = draw(small, title="t", focus=[BASE + "person/lisi"])
    assert first.html == again.html
    shuffled = nx.MultiDiGraph()
    shuffled.add_nodes_from(reversed(list(small.nodes(data=True))))
    shuffled.add_edges_from(reversed(list(small.edges(keys=True, data=True))))
    assert draw(shuffled, title="t", focus=[BASE + "person/lisi"]).html == first.html


HASHSEED_SCRIPT = """
import hashlib, networkx as nx
from kg.viz import draw
g = nx.MultiDiGraph()
for i in range(40):  # many small components: the layout must not depend on set order
    a, b, c = (f"https://example.org/n{i:02d}{x}" for x in "abc")
    for n in (a, b, c):
        g.add_node(n, kind="agency", label=n[-3:])
    g.add_edge(a, b, relation="lead", label="牵头单位")
    if i % 3:
        g.add_edge(b, c, relation="support", label="")
print(hashlib.sha256(draw(g, title="t", max_nodes=100).html.encode()).hexdigest())
"""


def test_page_does_not_depend_on_hash_seed() -> None:
    """Set and dict-of-set orders change with PYTHONHASHSEED; the page must not."""
    digests = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", HASHSEED_SCRIPT], env=env, capture_output=True, text=True, check=True, timeout=120
        )
        digests.add(done.stdout.strip())
    assert len(digests) == 1


# ----------------------------------------------------------------------------------------- content


def test_nodes_labels_shapes_and_sizes(small: nx.MultiDiGraph) -> None:
    picture = draw(small, title="t")
    assert (picture.nodes, picture.edges, picture.omitted_nodes, picture.message) == (4, 3, 0, "")
    nodes = {n["id"]: n for n in dataset(picture.html, "nodes")}
    fgw = nodes[BASE + "org/fgw"]
    assert fgw["label"] == "衢州市发展和改革委员会\nQuzhou Development and Reform Commission"
    assert fgw["shape"] == "square" and nodes[BASE + "person/lisi"]["shape"] == "dot"
    assert fgw["value"] > nodes[BASE + "person/zhangsan"]["value"]  # size follows the degree
    text = tip_text(fgw)
    for expected in ("机构 agency", BASE + "org/fgw", "市发改委", "Quzhou Development"):
        assert expected in text
    assert all(isinstance(n["x"], int) and isinstance(n["y"], int) for n in nodes.values())
    assert '"physics": {"enabled": false}' in picture.html


def test_documents_show_their_number() -> None:
    graph = nx.MultiDiGraph()
    docs = []
    for key, number, resolved in (("a", "衢政发〔2018〕14号", True), ("b", "衢政发〔2017〕46号", False)):
        iri = BASE + "doc/" + key
        graph.add_node(iri, iri=iri, kind="document", label=f"关于{key}的通知", number=number, date="2018-01-02")
        graph.nodes[iri]["resolved"] = resolved
        docs.append(iri)
    graph.add_edge(docs[0], docs[1], relation="amends", label="", document="衢政发〔2018〕14号", sentence="…")
    page = draw(graph, title="t").html
    nodes = {n["id"]: n for n in dataset(page, "nodes")}
    assert nodes[docs[0]]["label"] == "衢政发〔2018〕14号" and nodes[docs[0]]["shape"] == "triangle"
    assert "关于a的通知" in tip_text(nodes[docs[0]]) and "2018-01-02" in tip_text(nodes[docs[0]])
    assert "cited only" in tip_text(nodes[docs[1]]) and "borderDashes" in nodes[docs[1]]["shapeProperties"]
    assert "仅被引用 cited only" in page
    (edge,) = dataset(page, "edges")
    assert edge["label"] == "修改" and edge["arrows"]["to"]["enabled"]


def test_parallel_facts_merge_into_one_edge(small: nx.MultiDiGraph) -> None:
    for n in range(10, 20):
        fact(small, BASE + "person/zhangsan", BASE + "org/fgw", "appointed", n)
    picture = draw(small, title="t")
    edges = dataset(picture.html, "edges")
    assert picture.edges == len(edges) == 3
    pair = next(e for e in edges if {e["from"], e["to"]} == {BASE + "person/zhangsan", BASE + "org/fgw"})
    assert pair["label"].endswith("×12")
    text = tip_text(pair)
    assert "12 facts" in text and "… and 6 more" in text
    assert "衢政干〔2018〕1号, 2018-03-02" in text and "characters 101–131" in text
    assert "衢州政报 2018年5月" in text and "任命张三为衢州市发展和改革委员会副主任" in text
    # facts both ways between 李四 and the government: one edge, an arrow at each end
    both = next(e for e in edges if {e["from"], e["to"]} == {BASE + "person/lisi", BASE + "org/gov"})
    assert both["arrows"]["to"]["enabled"] and both["arrows"]["from"]["enabled"]


def test_edge_label_reads_like_the_gazette(small: nx.MultiDiGraph) -> None:
    edges = dataset(draw(small, title="t").html, "edges")
    labels = {e["label"] for e in edges}
    assert labels == {"任 副主任", "任/免 ×2", "所在单位/表彰 ×2"}
    graph = nx.MultiDiGraph()
    a, b = agency(graph, "a", "甲"), agency(graph, "b", "乙")
    fact(graph, a, b, "lead", 1, label="牵头单位")
    assert dataset(draw(graph, title="t").html, "edges")[0]["label"] == "牵头单位"  # not 牵头 牵头单位


def test_long_sentences_are_shortened_around_the_names() -> None:
    graph = nx.MultiDiGraph()
    a = person(graph, "wang", "王征宇")
    org = agency(graph, "zj", "衢州市质量技术监督局")
    filler = "、".join(f"某某单位{i}" for i in range(60))
    fact(graph, org, a, "commended", 1, sentence=f"{filler}、王征宇、{filler}。")
    (edge,) = dataset(draw(graph, title="t").html, "edges")
    sentence = next(v for b in edge["tip"] for k, v in b["rows"] if k == "sentence")
    assert "王征宇" in sentence and len(sentence) <= 122 and sentence.startswith("…")


def test_legend_lists_what_is_drawn(small: nx.MultiDiGraph) -> None:
    page = draw(small, title="t").html
    legend = page[page.index('<aside class="gk-legend"') : page.index("</aside>")]
    for text in ("人员 person", "机构 agency", "任 appointed to", "免 removed from", "表彰 commended"):
        assert text in legend
    assert "文件 document" not in legend and "焦点 focus" not in legend


def test_focus_is_highlighted(small: nx.MultiDiGraph) -> None:
    page = draw(small, title="t", focus=["李四"]).html  # a unique label works as well as the IRI
    nodes = {n["id"]: n for n in dataset(page, "nodes")}
    lisi, other = nodes[BASE + "person/lisi"], nodes[BASE + "person/zhangsan"]
    assert lisi["color"]["border"] == FOCUS_BORDER and lisi["borderWidth"] > other["borderWidth"]
    assert other["color"]["border"] != FOCUS_BORDER
    assert "focus" in tip_text(lisi)
    assert "焦点 focus" in page


def test_unknown_or_ambiguous_focus_is_an_error(small: nx.MultiDiGraph) -> None:
    with pytest.raises(VizError, match="not in the graph"):
        draw(small, title="t", focus=["王五"])
    person(small, "zhangsan2", "张三")
    with pytest.raises(VizError, match="names several"):
        draw(small, title="t", focus=["张三"])


def test_bad_arguments(small: nx.MultiDiGraph) -> None:
    with pytest.raises(VizError, match="max_nodes"):
        draw(small, title="t", max_nodes=0)
    with pytest.raises(VizError, match="CSS length"):
        draw(small, title="t", height="1px;}</style><script>alert(1)</script>")


def test_empty_graph_draws_an_empty_page() -> None:
    picture = draw(nx.MultiDiGraph(), title="空")
    assert (picture.nodes, picture.edges) == (0, 0)
    assert "nothing to draw" in picture.message and "nothing to draw" in picture.html


# ----------------------------------------------------------------------------------------- the cap


def star(n: int) -> nx.MultiDiGraph:
    """A hub, ten people with two links each, and leaves with one: a known ranking."""
    graph = nx.MultiDiGraph()
    hub = agency(graph, "hub", "中心")
    second = agency(graph, "second", "第二")
    for i in range(n - 2):
        p = person(graph, f"p{i:03d}", f"人{i:03d}")
        fact(graph, hub, p, "commended", i)
        if i < 10:
            fact(graph, second, p, "commended", 1000 + i)
    return graph


def test_cap_keeps_the_most_connected_and_says_so() -> None:
    graph = star(50)
    picture = draw(graph, title="t", max_nodes=15)
    assert (picture.nodes, picture.omitted_nodes) == (15, 35)
    kept = {n["id"] for n in dataset(picture.html, "nodes")}
    expected = {BASE + "org/hub", BASE + "org/second"} | {BASE + f"person/p{i:03d}" for i in range(13)}
    assert kept == expected  # hub, second, the ten with two links, then ties broken by IRI
    assert picture.message == ("showing the 15 most connected of 50 nodes; narrow with --focus, --kind or --from/--to")
    assert f'<p class="gk-message" role="status">{picture.message}</p>' in picture.html
    assert len(dataset(picture.html, "edges")) == picture.edges == 23  # hub–13 people, second–10


def test_cap_keeps_the_focus() -> None:
    graph = star(50)
    last = BASE + "person/p047"
    picture = draw(graph, title="t", focus=[last], max_nodes=15)
    kept = {n["id"] for n in dataset(picture.html, "nodes")}
    assert last in kept and len(kept) == 15
    assert picture.message.startswith("showing the 1 focus node and the 14 most connected of 50 nodes")


def test_never_thousands_of_nodes() -> None:
    graph = star(3000)
    picture = draw(graph, title="t")
    assert picture.nodes == 400 and picture.omitted_nodes == 2600
    assert len(dataset(picture.html, "nodes")) == 400


# ----------------------------------------------------------------------------------------- saving


def test_save_is_atomic_utf8(tmp_path: Path, small: nx.MultiDiGraph) -> None:
    picture = draw(small, title="小图")
    path = picture.save(tmp_path / "out" / "graph.html")
    assert path == tmp_path / "out" / "graph.html"
    assert path.read_bytes() == picture.html.encode("utf-8")
    umask = os.umask(0)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask  # like open(path, "w"), not mkstemp's 0600
    path.chmod(0o640)
    picture.save(path)  # overwriting works, keeps the mode, and leaves no temporary file behind
    assert path.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in path.parent.iterdir()) == ["graph.html"]


def test_save_failure_is_a_viz_error(tmp_path: Path) -> None:
    picture = Picture(html="<p>x</p>", title="t", nodes=0, edges=0, omitted_nodes=0, message="")
    (tmp_path / "taken").mkdir()
    with pytest.raises(VizError, match="cannot write the picture"):
        picture.save(tmp_path / "taken")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["taken"]


# ----------------------------------------------------------------------------------------- real projections


@pytest.fixture(scope="module")
def network(built_store: Path) -> Network:
    with open_for_reading(built_store) as store:
        return Network.load(store)


@pytest.mark.parametrize("projection", ["person_agency", "agency_agency", "citations", "full"])
def test_projections_of_the_corpus_draw(network: Network, projection: str) -> None:
    graph = getattr(network, projection)()
    picture = draw(graph, title=projection)
    assert 0 < picture.nodes <= 400 and picture.edges > 0
    assert picture.nodes + picture.omitted_nodes == graph.number_of_nodes()
    assert bool(picture.message) == (graph.number_of_nodes() > 400)
    assert remote_references(picture.html) == []
    edges = dataset(picture.html, "edges")
    assert len(edges) == picture.edges
    assert all("document" in tip_text(e) for e in edges)  # every drawn edge quotes its evidence


def test_weighted_agency_graph(network: Network) -> None:
    graph = network.agency_agency()
    assert isinstance(graph, nx.Graph) and not graph.is_directed()
    picture = draw(graph, title="机构协作")
    edges = dataset(picture.html, "edges")
    assert picture.edges == graph.number_of_edges()
    assert not any(e["arrows"]["to"]["enabled"] or e["arrows"]["from"]["enabled"] for e in edges)
    heavy = max(graph.edges(data=True), key=lambda e: (e[2]["weight"], e[0], e[1]))
    drawn = next(e for e in edges if {e["from"], e["to"]} == {heavy[0], heavy[1]})
    assert drawn["label"] == f"{heavy[2]['label']} ×{heavy[2]['weight']}"
    assert f"{heavy[2]['weight']} facts" in tip_text(drawn) and "via" in tip_text(drawn)
    assert drawn["width"] > min(e["width"] for e in edges)
