"""kg.viz in a real browser: the pages of the corpus draw, offline, without errors, and payloads stay text.

Headless Chromium is the Debian package (``make browser`` installs it; ``make test`` depends on it),
driven by Playwright with ``executable_path`` — no browser is ever downloaded. A missing Chromium
fails these tests (it does not skip them): a picture nobody has seen drawn is not tested.

Artefacts (in ``build/test-artefacts/``, git-ignored): ``viz-person-agency.png``, ``viz-full-400.png``
and ``viz-timings.json`` (HTML size, node and edge counts, time to the first drawn frame).
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from kg.network import Network
from kg.store import open_for_reading
from kg.viz import Picture, draw

ROOT = Path(__file__).resolve().parents[1]
ARTEFACTS = ROOT / "build" / "test-artefacts"
CHROMIUM = Path(os.environ.get("KG_CHROMIUM", "/usr/bin/chromium"))
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 860}
FIRST_FRAME_BUDGET_MS = 15_000  # physics on took ~50 s for 2,000 nodes; pre-laid-out pages take ~1 s
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror="window.__pwned=1;alert(2)">'

# Non-white pixels drawn on the vis-network canvas (the canvas itself is transparent).
COUNT_INK = """() => {
  const canvas = document.querySelector('#mynetwork canvas');
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let ink = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i + 3] > 0 && (data[i] < 235 || data[i + 1] < 235 || data[i + 2] < 235)) { ink++; }
  }
  return { ink: ink, total: canvas.width * canvas.height };
}"""

# A point on an edge, away from nodes and the legend, in page coordinates.
FIND_EDGE_POINT = """() => {
  const box = document.getElementById('mynetwork').getBoundingClientRect();
  for (const id of edges.getIds()) {
    const e = edges.get(id);
    const p = network.getPositions([e.from, e.to]);
    const dom = network.canvasToDOM({ x: (p[e.from].x + p[e.to].x) / 2, y: (p[e.from].y + p[e.to].y) / 2 });
    const inside = dom.x > 20 && dom.y > 20 && dom.x < box.width - 320 && dom.y < box.height - 20;
    if (inside && network.getNodeAt(dom) === undefined && network.getEdgeAt(dom) === id) {
      return { id: id, x: box.left + dom.x, y: box.top + dom.y };
    }
  }
  return null;
}"""

NODE_POINT = """(id) => {
  const box = document.getElementById('mynetwork').getBoundingClientRect();
  const dom = network.canvasToDOM(network.getPositions([id])[id]);
  return { x: box.left + dom.x, y: box.top + dom.y };
}"""


@dataclass
class Visit:
    """What happened while a page was open."""

    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    first_frame_ms: int = 0
    wall_ms: int = 0


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One headless Chromium (fresh profile) for the module; the network is cut off by routing."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser` (installs the Debian chromium package)", pytrace=False)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("the playwright package is missing: run `make test` (installs the dev extras)", pytrace=False)
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile),
            executable_path=str(CHROMIUM),
            headless=True,
            args=FLAGS,
            viewport=VIEWPORT,
            service_workers="block",
        )
        try:
            yield context
        finally:
            context.close()


def open_page(browser: Any, picture: Picture, path: Path) -> tuple[Any, Visit]:
    """Load the saved page and wait for vis-network's first drawn frame, recording everything."""
    visit = Visit()
    page = browser.new_page()

    def route(request_route: Any) -> None:
        url = request_route.request.url
        if url.startswith(LOCAL_SCHEMES):
            request_route.continue_()
        else:
            visit.blocked.append(url)
            request_route.abort()

    page.route("**/*", route)
    page.on("request", lambda request: visit.requests.append(request.url))
    page.on("websocket", lambda socket: visit.blocked.append(socket.url))
    page.on("pageerror", lambda error: visit.errors.append(f"pageerror: {error}"))
    page.on("console", lambda msg: visit.errors.append(f"console: {msg.text}") if msg.type == "error" else None)
    page.on("dialog", lambda dialog: (visit.dialogs.append(f"{dialog.type}: {dialog.message}"), dialog.dismiss()))
    picture.save(path)
    started = time.perf_counter()
    page.goto(path.as_uri(), wait_until="load")
    page.wait_for_function("document.documentElement.hasAttribute('data-gk-drawn')", timeout=FIRST_FRAME_BUDGET_MS * 2)
    visit.wall_ms = round((time.perf_counter() - started) * 1000)
    visit.first_frame_ms = int(page.get_attribute("html", "data-gk-drawn") or 0)
    return page, visit


def assert_clean(visit: Visit) -> None:
    remote = [url for url in visit.requests if not url.startswith(LOCAL_SCHEMES)]
    assert remote == [] and visit.blocked == [], f"the page reached for the network: {remote + visit.blocked}"
    assert visit.errors == [], visit.errors
    assert visit.dialogs == [], f"a payload ran: {visit.dialogs}"


def assert_drawn(page: Any) -> None:
    counted = page.evaluate(COUNT_INK)
    assert counted["ink"] > counted["total"] * 0.002, f"the canvas is (nearly) blank: {counted}"


def report(capsys: pytest.CaptureFixture[str], name: str, picture: Picture, visit: Visit) -> None:
    """Print the numbers (shown even under -q) and keep them in build/test-artefacts/viz-timings.json."""
    numbers = {
        "html_bytes": len(picture.html.encode("utf-8")),
        "nodes": picture.nodes,
        "edges": picture.edges,
        "omitted_nodes": picture.omitted_nodes,
        "first_frame_ms": visit.first_frame_ms,
        "load_to_drawn_wall_ms": visit.wall_ms,
    }
    store = ARTEFACTS / "viz-timings.json"
    known = json.loads(store.read_text(encoding="utf-8")) if store.exists() else {}
    known[name] = numbers
    store.write_text(json.dumps(known, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    with capsys.disabled():
        print(
            f"\n[viz {name}] {numbers['html_bytes'] / 1e6:.2f} MB, {picture.nodes} nodes, {picture.edges} edges "
            f"({picture.omitted_nodes} omitted); first frame {visit.first_frame_ms} ms after navigation "
            f"(load→drawn {visit.wall_ms} ms wall)"
        )
    assert visit.first_frame_ms < FIRST_FRAME_BUDGET_MS


@pytest.fixture(scope="module")
def network(built_store: Path) -> Network:
    with open_for_reading(built_store) as store:
        return Network.load(store)


@pytest.fixture(scope="module", autouse=True)
def artefacts() -> Path:
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    return ARTEFACTS


def test_person_agency_projection_draws(
    browser: Any, network: Network, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    picture = draw(network.person_agency(), title="人员与机构 people and agencies")
    page, visit = open_page(browser, picture, tmp_path / "person-agency.html")
    try:
        assert_drawn(page)
        page.screenshot(path=str(ARTEFACTS / "viz-person-agency.png"))
        assert page.is_visible(".gk-legend") and page.inner_text("h1") == picture.title
        assert page.evaluate("nodes.length") == picture.nodes and page.evaluate("edges.length") == picture.edges
        # hovering an edge shows its evidence, built as text
        point = page.evaluate(FIND_EDGE_POINT)
        assert point, "no edge could be hovered away from the nodes"
        page.mouse.move(point["x"], point["y"])
        page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5_000)
        tooltip = page.inner_text("div.vis-tooltip")
        assert "document" in tooltip and "号" in tooltip and "characters" in tooltip, tooltip
        assert_clean(visit)
    finally:
        page.close()
    report(capsys, "person-agency", picture, visit)


def test_full_projection_capped_draws(
    browser: Any, network: Network, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    graph = network.full()
    picture = draw(graph, title="全部 everything", max_nodes=400)
    assert picture.nodes == 400 and picture.omitted_nodes == graph.number_of_nodes() - 400
    page, visit = open_page(browser, picture, tmp_path / "full.html")
    try:
        assert_drawn(page)
        assert page.is_visible(".gk-message") and page.inner_text(".gk-message") == picture.message
        page.screenshot(path=str(ARTEFACTS / "viz-full-400.png"))
        assert_clean(visit)
    finally:
        page.close()
    report(capsys, "full-400", picture, visit)


def test_payloads_do_not_run(browser: Any, network: Network, tmp_path: Path) -> None:
    """A hostile person in the real projection: no dialog, no element, and the text shows as typed."""
    graph: nx.MultiDiGraph = network.person_agency()
    bad = "https://w3id.org/gazette-kg/id/person/evil"
    graph.add_node(
        bad, iri=bad, kind="person", label=SCRIPT, label_en=IMG, aliases=f"{IMG}|</script><b>x</b>", number="", date=""
    )
    agency = next(n for n, d in sorted(graph.nodes(data=True)) if d["kind"] == "agency")
    graph.add_edge(
        bad,
        agency,
        relation="appointed",
        label=IMG,
        sentence=f"任命{SCRIPT}为{IMG}。",
        document="</script><script>alert(3)</script>",
        date="2018-01-01",
        issue=IMG,
        start=1,
        end=2,
    )
    picture = draw(graph, title=SCRIPT + IMG, focus=[bad])
    page, visit = open_page(browser, picture, tmp_path / "hostile.html")
    try:
        assert_drawn(page)
        assert page.inner_text("h1") == SCRIPT + IMG
        point = page.evaluate(NODE_POINT, bad)
        page.mouse.move(point["x"], point["y"])
        page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5_000)
        tooltip = page.inner_text("div.vis-tooltip")
        assert SCRIPT in tooltip and IMG in tooltip and "</script><b>x</b>" in tooltip, tooltip
        assert page.evaluate("document.querySelectorAll('img, b, div.vis-tooltip script').length") == 0
        assert page.evaluate("typeof window.__pwned") == "undefined"
        page.wait_for_timeout(200)  # give an injected handler the chance to fire
        assert_clean(visit)
    finally:
        page.close()
