"""Pictures of the networks: one self-contained HTML page per graph, drawn by vis-network (via pyvis).

This is the only module that imports pyvis. What it adds to pyvis, and why:

- **Offline.** pyvis's default and ``local`` modes load vis-network and Bootstrap from the web, so a
  page opened without network (or from a sandboxed notebook) stays blank. ``cdn_resources="in_line"``
  embeds vis-network; the Bootstrap ``<link>``/``<script>`` tags the template still emits are removed,
  and the page is checked for any remaining remote ``src``/``href``.
- **Fast and stable.** The layout is computed here (networkx spring layout, fixed seed, sorted input)
  and handed over in pixels with physics off: vis-network then draws at once instead of simulating
  (2,000 nodes: ~3 s instead of ~50 s headless), and the same graph gives the same page byte for byte.
- **Evidence in the tooltips.** Each drawn edge merges the facts between two entities and its tooltip
  quotes them: relation, sentence (shortened around the names), document number and date, issue and
  character span.
- **Escaped by construction.** Labels and sentences come from the gazettes. vis-network draws labels
  on a canvas (never HTML); tooltips are built in the page as DOM nodes from ``textContent`` (no
  ``title`` reaches pyvis, whose template would otherwise switch to an ``innerHTML`` popup for a title
  containing "href"); the JSON inside ``<script>`` has ``<``, ``>``, ``&`` and ``'`` escaped; the
  title, legend and messages are HTML-escaped.
- **Usable when large.** More than ``max_nodes`` nodes: the focus nodes and the most connected ones
  are kept (ties broken by IRI) and the page says how many were left out.
"""

from __future__ import annotations

import html
import math
import os
import re
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
from pyvis.network import Network as PyvisNetwork
from scipy.spatial import cKDTree

from kg.errors import VizError
from kg.network import RELATION_LABELS, excerpt

#: kind → (vis-network shape, colour, legend text). Shapes with the label *under* the node, so that
#: the size can follow the degree.
KIND_STYLES: dict[str, tuple[str, str, str]] = {
    "person": ("dot", "#f08c00", "人员 person"),
    "agency": ("square", "#1c7ed6", "机构 agency"),
    "group": ("hexagon", "#2f9e44", "领导小组 group"),
    "document": ("triangle", "#7048e8", "文件 document"),
    "task": ("diamond", "#868e96", "任务 task"),
    "post": ("triangleDown", "#d6336c", "职务 post"),
}
OTHER_STYLE = ("dot", "#adb5bd", "其他 other")
FOCUS_BORDER = "#e03131"
STUB_COLOUR = "#d0bfff"  # a document cited but not printed in the loaded gazettes

#: relation → edge colour, by family (personnel, groups, duties, tasks, documents, citations, ties).
RELATION_COLOURS: dict[str, str] = {
    "appointed": "#e8590c",
    "removed": "#c92a2a",
    "member": "#2b8a3e",
    "office": "#2b8a3e",
    "affiliated": "#868e96",
    "commended": "#e67700",
    "supervises": "#0c8599",
    "assists": "#0c8599",
    "liaises": "#0c8599",
    "lead": "#1864ab",
    "responsible": "#4dabf7",
    "support": "#a5d8ff",
    "lead-leader": "#5f3dc4",
    "liaison-leader": "#5f3dc4",
    "in-document": "#ced4da",
    "issued-by": "#9c36b5",
    "cites": "#7048e8",
    "based_on": "#5f3dc4",
    "amends": "#f76707",
    "repeals": "#c92a2a",
    "co-lead": "#1864ab",
    "shared-task": "#4dabf7",
    "co-issued": "#9c36b5",
}
OTHER_EDGE_COLOUR = "#adb5bd"

MAX_FACTS_IN_TOOLTIP = 6
MAX_ALIASES_IN_TOOLTIP = 12
SHORT_EDGE_LABEL = 10  # an edge's own label (post, role) is shown on the line up to this many characters
LAYOUT_SEED = 20180101
_GAP = 90.0  # pixels between packed components
NEIGHBOUR_PX = 50.0  # typical distance from a node to its nearest neighbour, in pixels
SPREAD = 2.5  # spring length × the default: hubs with hundreds of leaves otherwise pack into a blot
_CSS_LENGTH = re.compile(r"^\d{1,5}(\.\d+)?(px|vh|em|rem|%)$")
_REMOTE = re.compile(r"""(?:\bsrc|\bhref)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?\s*(?:https?:)?//""", re.I)


@dataclass(frozen=True)
class Picture:
    """A drawn graph: the page, what is on it and what the cap left out."""

    html: str  # one self-contained HTML page
    title: str
    nodes: int  # drawn
    edges: int  # drawn
    omitted_nodes: int  # left out by the cap
    message: str  # "" or a note for the user (shown on the page too)

    def save(self, path: Path) -> Path:
        """Write the page (UTF-8) through a temporary file and a rename, so a reader never sees half a page."""
        path = Path(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            try:
                with os.fdopen(fd, "wb") as out:
                    out.write(self.html.encode("utf-8"))
                    out.flush()
                    os.fsync(out.fileno())
                os.chmod(temp, _file_mode(path))  # mkstemp makes 0600; a page is for sharing
                os.replace(temp, path)
            except BaseException:
                Path(temp).unlink(missing_ok=True)
                raise
        except OSError as error:
            raise VizError(f"cannot write the picture to {path}: {error.strerror or error}") from error
        return path

    def _repr_html_(self) -> str:
        """Jupyter: the page in a sandboxed iframe (its scripts run, but apart from the notebook's)."""
        return (
            f'<iframe srcdoc="{html.escape(self.html, quote=True)}" title="{html.escape(self.title, quote=True)}"'
            ' sandbox="allow-scripts" style="width: 100%; height: 650px; border: 1px solid #dee2e6"></iframe>'
        )


def _file_mode(path: Path) -> int:
    """The mode the file has, or the one a plain ``open(path, "w")`` would give it (0666 minus the umask)."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


# ------------------------------------------------------------------------------------------ drawing


def draw(
    graph: nx.Graph | nx.MultiDiGraph,
    *,
    title: str,
    focus: Iterable[str] = (),
    max_nodes: int = 400,
    height: str = "720px",
) -> Picture:
    """Draw a projection of :class:`kg.network.Network` (or any graph with the same attributes).

    ``focus`` names nodes (IRIs; a unique label or document number is accepted too) to highlight and
    always keep. At most ``max_nodes`` nodes are drawn: the focus, then the most connected.
    """
    if max_nodes < 1:
        raise VizError(f"max_nodes must be at least 1, not {max_nodes}")
    if not _CSS_LENGTH.match(height):
        raise VizError(f"height must be a CSS length such as 720px or 80vh, not {height!r}")
    centres = _resolve_focus(graph, focus)
    ranked, neighbours, facts = _rank(graph)
    keep, focus_kept = _cap(ranked, centres, max_nodes)
    omitted = graph.number_of_nodes() - len(keep)
    pairs = _merge_edges(graph, keep)
    message = _message(graph.number_of_nodes(), len(keep), focus_kept, len(centres), omitted)
    positions = _layout(keep, pairs)

    net = PyvisNetwork(height=height, width="100%", directed=True, heading="", cdn_resources="in_line")
    # Chinese as UTF-8 rather than \uXXXX (half the size); jinja's tojson still escapes < > & ' for <script>.
    net.templateEnv.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    kinds: Counter[str] = Counter()
    stubs = 0
    for node in keep:
        data = graph.nodes[node]
        kind = _str(data.get("kind"))
        kinds[kind if kind in KIND_STYLES else ""] += 1
        stubs += kind == "document" and data.get("resolved") is False
        net.add_node(str(node), **_node_options(node, data, positions[node], neighbours, facts, node in centres))
    relations: Counter[str] = Counter()
    fact_count = 0
    for number, ((a, b), merged) in enumerate(sorted(pairs.items(), key=lambda item: _pair_key(item[0]))):
        options = _edge_options(graph, a, b, merged, directed=graph.is_directed())
        relations.update(record["relation"] for record in merged.records)
        fact_count += merged.facts
        net.add_edge(str(a), str(b), id=f"e{number}", **options)
    net.options = _vis_options(len(keep))

    head = _header(title, len(keep), len(pairs), fact_count, message)
    legend = _legend(kinds, relations, focused=bool(focus_kept), stubs=stubs)
    page = _finish(net.generate_html(), title, head, legend)
    return Picture(html=page, title=title, nodes=len(keep), edges=len(pairs), omitted_nodes=omitted, message=message)


# ------------------------------------------------------------------------------------------ selection


def _str(value: Any) -> str:
    return "" if value is None else str(value)


def _pair_key(pair: tuple[Any, Any]) -> tuple[str, str]:
    return str(pair[0]), str(pair[1])


def _resolve_focus(graph: nx.Graph, focus: Iterable[str]) -> list[str]:
    """Focus names → nodes: an IRI (node id) first, else a unique label or document number."""
    if isinstance(focus, str):
        focus = [focus]
    wanted = [name for name in focus if name]
    if not wanted:
        return []
    by_name: dict[str, set[str]] = defaultdict(set)
    if any(name not in graph for name in wanted):
        for node, data in graph.nodes(data=True):
            for key in (data.get("label"), data.get("number")):
                if key:
                    by_name[str(key)].add(node)
    centres: list[str] = []
    for name in wanted:
        found = [name] if name in graph else sorted(by_name.get(name, ()), key=str)
        if len(found) != 1:
            why = "names several nodes" if found else "is not in the graph drawn"
            raise VizError(f"focus {name!r} {why}; give the IRI of a node of the selection")
        if found[0] not in centres:
            centres.append(found[0])
    return centres


def _rank(graph: nx.Graph) -> tuple[list[str], dict[str, int], dict[str, int]]:
    """Nodes, most connected first: distinct neighbours, then facts, then IRI (deterministic)."""
    neighbours: dict[str, int] = {}
    facts: dict[str, int] = {}
    for node in graph:
        if graph.is_directed():
            linked = set(graph.successors(node)) | set(graph.predecessors(node))
        else:
            linked = set(graph.neighbors(node))
        linked.discard(node)
        neighbours[node] = len(linked)
        facts[node] = graph.degree(node)
    ranked = sorted(graph, key=lambda n: (-neighbours[n], -facts[n], str(n)))
    return ranked, neighbours, facts


def _cap(ranked: list[str], centres: list[str], max_nodes: int) -> tuple[list[str], list[str]]:
    """The nodes drawn (in IRI order) and the focus nodes among them."""
    order = {node: at for at, node in enumerate(ranked)}
    focus_kept = sorted(centres, key=order.__getitem__)[:max_nodes]
    chosen = set(focus_kept)
    for node in ranked:
        if len(chosen) >= max_nodes:
            break
        chosen.add(node)
    return sorted(chosen, key=str), focus_kept


def _message(total: int, drawn: int, focus_kept: list[str], focus_asked: int, omitted: int) -> str:
    if total == 0:
        return "nothing to draw: the graph has no nodes"
    if not omitted:
        return ""
    narrow = "narrow with --focus, --kind or --from/--to"
    if focus_asked > len(focus_kept):
        return f"showing {drawn:,} of {focus_asked:,} focus nodes ({total:,} nodes in all); {narrow}"
    if focus_kept:
        rest = drawn - len(focus_kept)
        noun = "node" if len(focus_kept) == 1 else "nodes"
        return (
            f"showing the {len(focus_kept)} focus {noun} and the {rest:,} most connected of {total:,} nodes; {narrow}"
        )
    return f"showing the {drawn:,} most connected of {total:,} nodes; {narrow}"


# ------------------------------------------------------------------------------------------ edges


@dataclass
class _Merged:
    """All facts between two drawn nodes, read either way."""

    records: list[dict[str, Any]] = field(default_factory=list)
    forward: bool = False  # some fact reads a → b
    backward: bool = False  # some fact reads b → a
    facts: int = 0  # may exceed len(records): a weighted tie counts its shared facts
    tie: str = ""  # a weighted tie's own label (共同任务), from agency_agency


def _merge_edges(graph: nx.Graph, keep: list[str]) -> dict[tuple[str, str], _Merged]:
    """One entry per unordered pair of drawn nodes (a ≤ b by IRI), with every fact between them."""
    kept = set(keep)
    pairs: dict[tuple[str, str], _Merged] = defaultdict(_Merged)
    for u, v, data in graph.edges(data=True):
        if u not in kept or v not in kept:
            continue
        a, b = sorted((u, v), key=str)
        merged = pairs[(a, b)]
        if (u, v) == (a, b):
            merged.forward = True
        else:
            merged.backward = True
        evidence = data.get("evidence")
        if isinstance(evidence, list):  # agency_agency: one weighted edge carrying its facts
            records = [dict(record, source=u, target=v) for record in evidence if isinstance(record, Mapping)]
            merged.facts += int(data.get("weight") or len(records) or 1)
            merged.tie = _str(data.get("label"))
            records = records or [dict(data, relation=_str(data.get("relation")), source=u, target=v)]
        else:
            records = [dict(data, relation=_str(data.get("relation")), source=u, target=v)]
            merged.facts += 1
        merged.records.extend(records)
    for merged in pairs.values():
        merged.records.sort(key=_record_key)
    return dict(pairs)


def _record_key(record: Mapping[str, Any]) -> tuple[str, ...]:
    return tuple(
        _str(record.get(k)) for k in ("date", "document", "relation", "label", "fact", "source", "target", "via")
    )


def _relation_text(relation: str) -> tuple[str, str]:
    return RELATION_LABELS.get(relation, (relation, relation))


def _fact_label(record: Mapping[str, Any]) -> str:
    """'任 副主任', '牵头单位', '表彰 先进集体': the relation, with the fact's own label when short."""
    relation = _str(record.get("relation"))
    zh = _relation_text(relation)[0]
    own = _str(record.get("label")).strip()
    if not own or own == zh or len(own) > SHORT_EDGE_LABEL:
        return zh
    return own if zh and own.startswith(zh) else f"{zh} {own}".strip()


def _edge_options(graph: nx.Graph, a: str, b: str, merged: _Merged, *, directed: bool) -> dict[str, Any]:
    relations = Counter(record["relation"] for record in merged.records)
    main = sorted(relations, key=lambda r: (-relations[r], r))[0] if relations else ""
    if merged.tie:
        label = merged.tie + (f" ×{merged.facts}" if merged.facts > 1 else "")
    elif merged.facts == 1 and merged.records:
        label = _fact_label(merged.records[0])
    else:
        names = [_relation_text(r)[0] for r in sorted(relations, key=lambda r: (-relations[r], r))]
        label = "/".join(names[:2]) + ("…" if len(names) > 2 else "") + f" ×{merged.facts}"
    arrows = {
        "to": {"enabled": directed and merged.forward, "scaleFactor": 0.6},
        "from": {"enabled": directed and merged.backward, "scaleFactor": 0.6},
    }
    colour = RELATION_COLOURS.get(main, OTHER_EDGE_COLOUR)
    return {
        "label": label,
        "arrows": arrows,
        "color": {"color": colour, "highlight": "#212529", "hover": "#212529", "inherit": False},
        "width": round(1 + min(5.0, math.log2(merged.facts or 1)), 2),
        "tip": _edge_tip(graph, a, b, merged),
    }


def _edge_tip(graph: nx.Graph, a: str, b: str, merged: _Merged) -> list[dict[str, Any]]:
    """Tooltip blocks: the two ends, then one block per fact (capped) with its evidence."""
    label_a, label_b = _name(graph, a), _name(graph, b)
    count = f"{merged.facts} facts" if merged.facts != 1 else "1 fact"
    blocks: list[dict[str, Any]] = [{"h": f"{label_a} — {label_b}", "rows": [["", count]]}]
    for record in merged.records[:MAX_FACTS_IN_TOOLTIP]:
        relation = _str(record.get("relation"))
        zh, en = _relation_text(relation)
        own = _str(record.get("label"))
        tie = "via" in record  # agency_agency: the label is one agency's role, not the tie's
        head = f"{zh} {en}" + (f": {own}" if own and own != zh and not tie else "")
        source, target = record.get("source"), record.get("target")
        ends = [_name(graph, source), _name(graph, target)]
        rows = [["", f"{ends[0]} → {ends[1]}" if graph.is_directed() else f"{ends[0]} — {ends[1]}"]]
        if record.get("via_label"):
            rows.append(["via", _str(record["via_label"])])
        sentence = _str(record.get("sentence"))
        if sentence:
            rows.append(["sentence", excerpt(sentence, [*ends, own, _str(record.get("via_label"))])])
        document = ", ".join(x for x in (_str(record.get("document")), _str(record.get("date"))) if x)
        if document:
            rows.append(["document", document])
        issue = _str(record.get("issue"))
        start, end = record.get("start"), record.get("end")
        span = f"characters {start}–{end}" if start is not None and end is not None else ""
        if issue or span:
            rows.append(["issue", ", ".join(x for x in (issue, span) if x)])
        blocks.append({"h": head, "rows": rows})
    rest = len(merged.records) - MAX_FACTS_IN_TOOLTIP
    if merged.facts > len(merged.records):
        rest += merged.facts - len(merged.records)
    if rest > 0:
        blocks.append({"h": "", "rows": [["", f"… and {rest:,} more"]]})
    return blocks


# ------------------------------------------------------------------------------------------ nodes


def _name(graph: nx.Graph, node: Any) -> str:
    data = graph.nodes[node] if node in graph else {}
    return _str(data.get("label")) or _str(data.get("number")) or _str(node)


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _node_label(data: Mapping[str, Any], node: str) -> str:
    """Canvas label: Chinese, English on a second line; a document shows its number."""
    label, english, number = _str(data.get("label")), _str(data.get("label_en")), _str(data.get("number"))
    if _str(data.get("kind")) == "document":
        return number or f"《{_short(label, 16)}》"
    text = _short(label or _str(node).rstrip("/").rsplit("/", 1)[-1], 18)
    return f"{text}\n{_short(english, 40)}" if english else text


def _node_options(
    node: str,
    data: Mapping[str, Any],
    position: tuple[int, int],
    neighbours: Mapping[str, int],
    facts: Mapping[str, int],
    focused: bool,
) -> dict[str, Any]:
    kind = _str(data.get("kind"))
    shape, colour, _ = KIND_STYLES.get(kind, OTHER_STYLE)
    stub = kind == "document" and data.get("resolved") is False
    fill = STUB_COLOUR if stub else colour
    options: dict[str, Any] = {
        "label": _node_label(data, node),
        "shape": shape,
        "color": {
            "background": fill,
            "border": FOCUS_BORDER if focused else colour,
            "highlight": {"background": fill, "border": "#212529"},
            "hover": {"background": fill, "border": "#212529"},
        },
        "x": position[0],
        "y": position[1],
        "value": neighbours[node] + (4 if focused else 0),
        "borderWidth": 5 if focused else (2 if stub else 1),
        "tip": _node_tip(node, data, neighbours[node], facts[node], focused),
    }
    if stub:
        options["shapeProperties"] = {"borderDashes": [4, 3]}
    if focused:
        options["font"] = {"color": FOCUS_BORDER, "strokeWidth": 4, "strokeColor": "#ffffff"}
    return options


def _node_tip(node: str, data: Mapping[str, Any], neighbours: int, facts: int, focused: bool) -> list[dict[str, Any]]:
    kind = _str(data.get("kind"))
    label, english = _str(data.get("label")), _str(data.get("label_en"))
    number, date = _str(data.get("number")), _str(data.get("date"))
    head = number if kind == "document" and number else (label or _str(node))
    rows: list[list[str]] = []
    if english:
        rows.append(["", english])
    rows.append(["kind", KIND_STYLES.get(kind, (None, None, kind or "—"))[2] + (" · focus" if focused else "")])
    if kind == "document":
        if label and label != head:
            rows.append(["title", label])
        if number and head != number:
            rows.append(["number", number])
        if data.get("resolved") is False:
            rows.append(["status", "cited only: not printed in the gazettes loaded"])
    if date:
        rows.append(["date", date])
    aliases = [a for a in _str(data.get("aliases")).split("|") if a]
    if aliases:
        shown = "、".join(aliases[:MAX_ALIASES_IN_TOOLTIP])
        more = len(aliases) - MAX_ALIASES_IN_TOOLTIP
        rows.append(["aliases", shown + (f" … and {more} more" if more > 0 else "")])
    rows.append(["links", f"{neighbours} linked entities, {facts} facts"])
    rows.append(["IRI", _str(data.get("iri")) or _str(node)])
    return [{"h": head, "rows": rows}]


# ------------------------------------------------------------------------------------------ layout


def _layout(keep: list[str], pairs: Mapping[tuple[str, str], _Merged]) -> dict[str, tuple[int, int]]:
    """Pixel positions: a seeded spring layout per connected component, components packed in rows.

    One spring layout of a disconnected graph flings the small components to the edges and squeezes
    the large one into the middle; laying each out alone and packing them (largest first) fills the
    view. Sorted input and a fixed seed make the positions, hence the page, reproducible.
    """
    simple = nx.Graph()
    simple.add_nodes_from(keep)
    simple.add_edges_from((a, b) for a, b in sorted(pairs, key=_pair_key) if a != b)
    components = sorted((sorted(c, key=str) for c in nx.connected_components(simple)), key=lambda c: (-len(c), c[0]))
    boxes: list[tuple[float, float, dict[str, tuple[float, float]]]] = []
    for component in components:
        if len(component) == 1:
            local = {component[0]: (0.0, 0.0)}
        else:
            sub = nx.Graph()  # not simple.subgraph(): a view iterates a set, in an order PYTHONHASHSEED decides
            sub.add_nodes_from(component)
            sub.add_edges_from(sorted(((a, b) for a, b in simple.edges(component) if a != b), key=_pair_key))
            raw = nx.spring_layout(sub, seed=LAYOUT_SEED, iterations=150, k=SPREAD / math.sqrt(len(component)))
            points = np.array([raw[n] for n in component], dtype=float)
            # Scale so that a typical node has its nearest neighbour NEIGHBOUR_PX away: a dense graph gets
            # a large canvas (zoomed out at first, labels legible once zoomed in) instead of a blot.
            nearest = float(np.median(cKDTree(points).query(points, k=2)[0][:, 1]))
            scale = NEIGHBOUR_PX / nearest if nearest > 1e-9 else NEIGHBOUR_PX
            local = {n: (float(x) * scale, float(y) * scale) for n, (x, y) in zip(component, points, strict=True)}
        xs, ys = [p[0] for p in local.values()], [p[1] for p in local.values()]
        x0, y0 = min(xs), min(ys)
        shifted = {n: (x - x0, y - y0) for n, (x, y) in local.items()}
        boxes.append((max(xs) - x0 + _GAP, max(ys) - y0 + _GAP, shifted))
    area = sum(w * h for w, h, _ in boxes)
    row_width = max([math.sqrt(area) * 1.3, *(w for w, _, _ in boxes)])
    positions: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for width, height, shifted in boxes:  # shelf packing, largest components first
        if x > 0 and x + width > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        positions.update({n: (x + px, y + py) for n, (px, py) in shifted.items()})
        x += width
        row_height = max(row_height, height)
    if not positions:
        return {}
    cx = (min(p[0] for p in positions.values()) + max(p[0] for p in positions.values())) / 2
    cy = (min(p[1] for p in positions.values()) + max(p[1] for p in positions.values())) / 2
    return {n: (round(px - cx), round(py - cy)) for n, (px, py) in positions.items()}


def _vis_options(count: int) -> dict[str, Any]:
    """vis-network options: physics off (positions are given), labels fade out when zoomed far out."""
    busy = count > 150
    return {
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False, "randomSeed": 1},
        "nodes": {
            "font": {"size": 14, "face": "system-ui, 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif"},
            "scaling": {
                "min": 8,
                "max": 36,
                "label": {"enabled": True, "min": 11, "max": 26, "drawThreshold": 6, "maxVisible": 20},
            },
        },
        "edges": {
            "smooth": False,
            "font": {"size": 10, "color": "#495057", "strokeWidth": 3, "align": "middle"},
            "selectionWidth": 2,
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": busy,
            "hideEdgesOnZoom": busy,
            "navigationButtons": False,
            "keyboard": False,
        },
    }


# ------------------------------------------------------------------------------------------ the page


def _header(title: str, nodes: int, edges: int, facts: int, message: str) -> str:
    stats = f"{nodes:,} nodes · {edges:,} edges · {facts:,} facts"
    note = f'<p class="gk-message" role="status">{html.escape(message)}</p>' if message else ""
    return (
        f'<header class="gk-head"><h1>{html.escape(title)}</h1>'
        f'<p class="gk-stats">{stats} · hover a node or an edge for its evidence; drag to pan, scroll to zoom</p>'
        f"{note}</header>\n"
    )


_SVG_SHAPES = {
    "dot": '<circle cx="8" cy="8" r="6"/>',
    "square": '<rect x="2" y="2" width="12" height="12"/>',
    "hexagon": '<polygon points="8,1 14,4.5 14,11.5 8,15 2,11.5 2,4.5"/>',
    "triangle": '<polygon points="8,1 15,14 1,14"/>',
    "diamond": '<polygon points="8,1 15,8 8,15 1,8"/>',
    "triangleDown": '<polygon points="1,2 15,2 8,15"/>',
}


def _swatch(shape: str, fill: str, stroke: str, dashed: bool = False, width: int = 1) -> str:
    dash = ' stroke-dasharray="3 2"' if dashed else ""
    return (
        f'<svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">'
        f'<g fill="{fill}" stroke="{stroke}" stroke-width="{width}"{dash}>{_SVG_SHAPES[shape]}</g></svg>'
    )


def _legend(kinds: Counter[str], relations: Counter[str], *, focused: bool, stubs: int) -> str:
    items = []
    for kind, (shape, colour, text) in [*KIND_STYLES.items(), ("", OTHER_STYLE)]:
        if kinds.get(kind):
            items.append(
                f"<li>{_swatch(shape, colour, colour)} {html.escape(text)} <small>{kinds[kind]:,}</small></li>"
            )
    if stubs:
        items.append(f"<li>{_swatch('triangle', STUB_COLOUR, '#7048e8', dashed=True)} 仅被引用 cited only</li>")
    if focused:
        items.append(f"<li>{_swatch('dot', '#ffffff', FOCUS_BORDER, width=3)} 焦点 focus</li>")
    lines = []
    for relation in sorted(relations, key=lambda r: (-relations[r], r)):
        zh, en = _relation_text(relation)
        colour = RELATION_COLOURS.get(relation, OTHER_EDGE_COLOUR)
        lines.append(
            f'<li><span class="gk-line" style="background:{colour}"></span> {html.escape(zh)} '
            f"{html.escape(en)} <small>{relations[relation]:,}</small></li>"
        )
    edges = f"<h2>关系 relations</h2><ul>{''.join(lines)}</ul>" if lines else ""
    return (
        f'<aside class="gk-legend" aria-label="legend"><h2>图例 legend</h2><ul>{"".join(items)}</ul>{edges}</aside>\n'
    )


_CSS = """
<style>
  body { margin: 0; font-family: system-ui, 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif; color: #212529; }
  .gk-head { padding: 8px 14px 4px; }
  .gk-head h1 { font-size: 18px; margin: 0 0 2px; font-weight: 600; }
  .gk-stats { margin: 0; font-size: 12px; color: #6c757d; }
  .gk-message { margin: 4px 0 0; padding: 4px 8px; font-size: 13px; background: #fff3bf; border: 1px solid #ffd43b;
                border-radius: 4px; display: inline-block; }
  .card { position: relative; }
  #mynetwork { float: none !important; border: 0 !important; border-top: 1px solid #dee2e6 !important; }
  .gk-legend { position: absolute; right: 10px; bottom: 10px; z-index: 5; max-height: 60%; overflow: auto;
               background: rgba(255, 255, 255, 0.92); border: 1px solid #dee2e6; border-radius: 6px;
               padding: 6px 10px; font-size: 12px; max-width: 260px; }
  .gk-legend h2 { font-size: 12px; margin: 4px 0; color: #495057; }
  .gk-legend ul { list-style: none; margin: 0; padding: 0; }
  .gk-legend li { display: flex; align-items: center; gap: 6px; margin: 2px 0; }
  .gk-legend small { color: #868e96; }
  .gk-line { display: inline-block; width: 16px; height: 3px; }
  div.vis-tooltip { white-space: normal !important; max-width: 520px; font-family: inherit !important;
                    font-size: 12px !important; line-height: 1.45; padding: 6px 8px !important;
                    background: #fff !important; border: 1px solid #adb5bd !important; }
  .gk-tip-block + .gk-tip-block { margin-top: 6px; padding-top: 4px; border-top: 1px solid #e9ecef; }
  .gk-tip-h { font-weight: 600; }
  .gk-tip-k { color: #868e96; margin-right: 6px; }
</style>
"""

# Tooltips become DOM elements filled with textContent: vis-network shows an Element as given, and
# nothing in the data is ever parsed as HTML. ``data-gk-drawn`` marks the first frame (for tests and
# for anyone timing the page).
_SCRIPT = """
<script type="text/javascript">
(function () {
  function text(tag, cls, value) {
    var el = document.createElement(tag);
    if (cls) { el.className = cls; }
    el.textContent = value;
    return el;
  }
  function tip(blocks) {
    var box = document.createElement("div");
    box.className = "gk-tip";
    blocks.forEach(function (block) {
      var part = document.createElement("div");
      part.className = "gk-tip-block";
      if (block.h) { part.appendChild(text("div", "gk-tip-h", block.h)); }
      (block.rows || []).forEach(function (row) {
        var line = document.createElement("div");
        if (row[0]) { line.appendChild(text("span", "gk-tip-k", row[0])); }
        line.appendChild(text("span", "", row[1]));
        part.appendChild(line);
      });
      box.appendChild(part);
    });
    return box;
  }
  function attach(set) {
    set.update(set.get({ fields: ["id", "tip"] }).filter(function (item) { return item.tip; })
      .map(function (item) { return { id: item.id, title: tip(item.tip) }; }));
  }
  network.once("afterDrawing", function () {
    document.documentElement.setAttribute("data-gk-drawn", String(Math.round(performance.now())));
  });
  attach(nodes);
  attach(edges);
})();
</script>
"""


def _replace_once(page: str, anchor: str, replacement: str, *, last: bool = False) -> str:
    at = page.rfind(anchor) if last else page.find(anchor)
    if at < 0:
        raise VizError(f"the pyvis page template has changed (no {anchor!r}); kg/viz.py needs updating")
    return page[:at] + replacement + page[at + len(anchor) :]


def _finish(page: str, title: str, header: str, legend: str) -> str:
    """pyvis's page, made offline and complete: no remote tags, a title, the header, legend and tooltips."""
    page = re.sub(r"<link\b[^>]*?\bhref\s*=\s*[\"']?(?:https?:)?//[^>]*>\s*", "", page, flags=re.I)
    page = re.sub(r"<script\b[^>]*?\bsrc\s*=\s*[\"']?(?:https?:)?//[^>]*>\s*</script>\s*", "", page, flags=re.I)
    page = re.sub(r"<center>\s*<h1>\s*</h1>\s*</center>\s*", "", page)
    page = re.sub(r"<!--\s*<link\b[^>]*node_modules.*?-->\s*", "", page, flags=re.S)  # a commented-out dev link
    page = _replace_once(page, "<html>", '<!DOCTYPE html>\n<html lang="zh">')
    page = _replace_once(
        page,
        '<meta charset="utf-8">',
        f'<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>",
    )
    page = _replace_once(page, "</head>", _CSS + "</head>", last=True)
    card = '<div class="card" style="width: 100%">'
    page = _replace_once(page, card, f"{header}{card}\n{legend}", last=True)
    page = _replace_once(page, "</body>", _SCRIPT + "</body>", last=True)
    if _REMOTE.search(page):
        raise VizError("the picture would load a resource from the web; kg/viz.py must strip it")
    if "popup.innerHTML" in page:
        raise VizError("pyvis switched to its innerHTML popup; tooltips must stay text")
    return page
