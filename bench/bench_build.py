"""Benchmark gazette-kg: corpus build, named queries, and pyoxigraph vs rdflib on a ~1M-quad graph.

Run from the project root with the project venv::

    python bench/bench_build.py                 # default: 1,000,000-quad comparison (~4-5 min on 2 cores)
    python bench/bench_build.py --quick         # CI-sized: 100,000 quads (~1 min)
    python bench/bench_build.py --json out.json # also write every figure as JSON

Every memory figure and every load is measured in a fresh child process (this script re-run with
the hidden ``--child MODE`` flag, which prints one JSON line), so one measurement cannot inherit
the heap of another. Peak memory is the child's ``VmHWM`` from ``/proc/self/status``, not
``ru_maxrss``: on Linux ``ru_maxrss`` survives ``execve`` and so reports the *parent's* RSS when the
parent is the bigger process (checked: a 10 MB child of an 800 MB parent reports 800 MB).
``ru_maxrss`` is used only where ``/proc`` is missing.

Nothing is written outside ``tempfile.TemporaryDirectory`` folders (except ``--json OUT``).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gc
import importlib.util
import json
import math
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT / "data" / "gazettes"
RESULT_MARK = "BENCH-RESULT "

# The two parameterised named queries are run with these values (the rest need no parameter).
NAMED_QUERY_VALUES: dict[str, dict[str, str]] = {
    "document": {"number": "衢政发〔2018〕14号"},
    "documents": {"section": "市府办文件"},
}

# --------------------------------------------------------------------------------------------
# Representative queries for the store comparison. Identical text for every engine; each asks
# for DISTINCT rows because the engines differ on the union default graph: oxigraph's
# ``use_default_graph_as_union`` is a *bag* of the named graphs' quads (a triple held by 27 graphs
# matches 27 times), rdflib's union is a *set* of triples. Without DISTINCT the row counts differ.
# --------------------------------------------------------------------------------------------
_PREFIXES = """PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX gk: <https://w3id.org/gazette-kg/ontology#>
"""
COMPARISON_QUERIES: dict[str, str] = {
    # aggregation over a join: documents per issuer label (GROUP BY + COUNT DISTINCT)
    "issuer-counts": _PREFIXES
    + """SELECT ?issuer (COUNT(DISTINCT ?doc) AS ?documents) WHERE {
  ?doc a eli:LegalResource ; eli:passed_by ?org .
  ?org skos:prefLabel ?issuer .
} GROUP BY ?issuer ORDER BY DESC(?documents) ?issuer""",
    # point lookup by a literal, then one hop into the evidence (NIF span) nodes
    "evidence-by-number": _PREFIXES
    + """SELECT DISTINCT ?field ?start ?end ?quote WHERE {
  ?doc eli:id_local "衢政发〔2018〕14号" ; prov:wasDerivedFrom ?evidence .
  ?evidence gk:field ?field ; nif:beginIndex ?start ; nif:endIndex ?end .
  OPTIONAL { ?evidence nif:anchorOf ?quote }
} ORDER BY ?start ?field""",
    # a small class scan with a star join
    "all-findings": _PREFIXES
    + """SELECT DISTINCT ?finding ?code ?message ?issue WHERE {
  ?finding a gk:Finding ; gk:code ?code ; rdfs:comment ?message ; dcterms:isPartOf ?issue .
} ORDER BY ?issue ?code ?finding""",
    # full scan of rdf:type (about a quarter of the graph) with GROUP BY
    "instances-per-class": _PREFIXES
    + """SELECT ?class (COUNT(DISTINCT ?s) AS ?instances) WHERE { ?s a ?class }
GROUP BY ?class ORDER BY DESC(?instances) ?class""",
    # 2-hop path agency -> document -> issue, filtered on a literal
    "agency-doc-issue": _PREFIXES
    + """SELECT DISTINCT ?agency ?number ?issueLabel WHERE {
  ?org skos:prefLabel ?agency .
  FILTER(STRSTARTS(STR(?agency), "衢州市人民政府办公室"))
  ?doc eli:passed_by ?org ; eli:id_local ?number ; dcterms:isPartOf ?issue .
  ?issue rdfs:label ?issueLabel .
} ORDER BY ?issueLabel ?number""",
}


@dataclass(frozen=True, slots=True)
class Engine:
    """One store configuration of the comparison."""

    key: str
    label: str
    oxigraph: bool


ENGINES: tuple[Engine, ...] = (
    Engine("ox-disk-bulk", "oxigraph disk, bulk_load", True),
    Engine("ox-disk-load", "oxigraph disk, load (transactional)", True),
    Engine("ox-mem", "oxigraph in-memory, load", True),
    Engine("rdflib", "rdflib Dataset (Memory)", False),
    Engine("oxrdflib", "rdflib Dataset on oxrdflib", False),
)


# ============================================================================================
# measurement helpers (used in children)
# ============================================================================================
def peak_rss_mb() -> float:
    """High-water RSS of this process in MB (VmHWM: per address space, reset by exec)."""
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed_runs(run: Callable[[], int], repeat: int, budget_s: float) -> tuple[list[float], int]:
    """Run ``run`` up to ``repeat`` times, stopping early once ``budget_s`` is spent (at least once).

    The budget keeps slow engine/query pairs (seconds per run) from dominating the wall time.
    """
    times: list[float] = []
    rows = -1
    spent = 0.0
    while len(times) < repeat and (not times or spent < budget_s):
        t0 = time.perf_counter()
        rows = run()
        elapsed = time.perf_counter() - t0
        times.append(elapsed)
        spent += elapsed
    return times, rows


def emit(result: dict[str, Any]) -> None:
    """Hand a child's figures to the parent as one marked JSON line on stdout."""
    print(RESULT_MARK + json.dumps(result), flush=True)


# ============================================================================================
# child: one build of the corpus
# ============================================================================================
def child_build(corpus: Path, tmp_parent: Path) -> None:
    """Build the corpus once into a fresh store, timing extraction apart from the store write."""
    t0 = time.perf_counter()
    import kg.build

    import_s = time.perf_counter() - t0
    rss_base = peak_rss_mb()
    files = corpus_files(corpus)
    extract_s = 0.0
    original = kg.build.extract_file

    def timed_extract(path: Path) -> tuple[Any, Any]:
        nonlocal extract_s
        t = time.perf_counter()
        try:
            return original(path)
        finally:
            extract_s += time.perf_counter() - t

    kg.build.extract_file = timed_extract  # build() looks the name up in its module at call time
    with tempfile.TemporaryDirectory(dir=tmp_parent, prefix="build-") as tmp:
        t0 = time.perf_counter()
        report = kg.build.build(files, Path(tmp) / "store", jobs=1)  # in-process: the timing patch must apply
        wall = time.perf_counter() - t0
        rss_peak = peak_rss_mb()
        cold = {"wall": wall, "extract": extract_s}
        # a second build in the same process, into another fresh folder: caches (pinyin slugs,
        # lazily loaded dictionaries) are warm, which is what a long-running service would see
        extract_s = 0.0
        t0 = time.perf_counter()
        kg.build.build(files, Path(tmp) / "store-warm", jobs=1)
        warm = {"wall": time.perf_counter() - t0, "extract": extract_s}
        import pyoxigraph as ox

        store = ox.Store.read_only(str(Path(tmp) / "store"))
        stored = len(store)
        graphs = sum(1 for _ in store.named_graphs())
        del store
        gc.collect()
    emit(
        {
            "import_s": import_s,
            "cold": cold,
            "warm": warm,
            "quads_written": report.quads,
            "quads_stored": stored,
            "named_graphs": graphs,
            "documents": report.documents,
            "built": len(report.built),
            "skipped": len(report.skipped),
            "rss_base_mb": rss_base,
            "rss_peak_mb": rss_peak,
        }
    )


# ============================================================================================
# child: load the N-Quads file into one engine and run the comparison queries
# ============================================================================================
def child_engine(engine: str, nquads: Path, tmp_parent: Path, repeat: int, budget_s: float) -> None:
    """Load ``nquads`` into ``engine`` and time the comparison queries on it."""
    with tempfile.TemporaryDirectory(dir=tmp_parent, prefix=f"{engine}-") as tmp:
        t0 = time.perf_counter()
        if engine.startswith("ox"):
            import pyoxigraph as ox
        else:
            import rdflib
        import_s = time.perf_counter() - t0
        rss_base = peak_rss_mb()
        disk_mb: float | None = None
        t0 = time.perf_counter()
        if engine in ("ox-disk-bulk", "ox-disk-load", "ox-mem"):
            store = ox.Store(tmp) if engine.startswith("ox-disk") else ox.Store()
            if engine == "ox-disk-bulk":
                store.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
            else:
                store.load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
            store.flush()
            load_s = time.perf_counter() - t0
            quads = len(store)

            def run_query(text: str) -> int:
                return sum(1 for _ in store.query(text, use_default_graph_as_union=True))

        else:
            if engine == "oxrdflib":
                dataset = rdflib.Dataset(store="Oxigraph", default_union=True)
            else:
                dataset = rdflib.Dataset(default_union=True)
            dataset.parse(str(nquads), format="nquads")
            load_s = time.perf_counter() - t0
            quads = sum(len(graph) for graph in dataset.contexts())

            def run_query(text: str) -> int:
                return sum(1 for _ in dataset.query(text))

        rss_load = peak_rss_mb()
        if engine.startswith("ox-disk"):
            disk_mb = sum(f.stat().st_size for f in Path(tmp).rglob("*") if f.is_file()) / 1e6
        queries: dict[str, dict[str, Any]] = {}
        for name, text in COMPARISON_QUERIES.items():
            times, rows = timed_runs(lambda text=text: run_query(text), repeat, budget_s)
            queries[name] = {"times": times, "rows": rows}
        rss_end = peak_rss_mb()
        emit(
            {
                "engine": engine,
                "import_s": import_s,
                "load_s": load_s,
                "quads": quads,
                "rss_base_mb": rss_base,
                "rss_load_mb": rss_load,
                "rss_peak_mb": rss_end,
                "disk_mb": disk_mb,
                "queries": queries,
            }
        )


# ============================================================================================
# parent: orchestration
# ============================================================================================
def corpus_files(corpus: Path) -> list[Path]:
    """The gazette text files of the corpus, sorted (README and other files excluded)."""
    return sorted(p for p in corpus.glob("*.txt") if p.is_file())


def run_child(mode: str, args: Sequence[str]) -> dict[str, Any]:
    """Run this script in a fresh interpreter in ``mode`` and return the JSON it printed."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", mode, *args]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, check=False)
    for line in proc.stdout.splitlines():
        if line.startswith(RESULT_MARK):
            return json.loads(line.removeprefix(RESULT_MARK))
    raise RuntimeError(f"child {mode} failed (exit {proc.returncode}):\n{proc.stderr[-3000:]}")


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def p95(values: Sequence[float]) -> float:
    """95th percentile by the nearest-rank method (the max for fewer than 20 samples)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def table(headers: Sequence[str], rows: Sequence[Sequence[object]], markdown: bool = False) -> str:
    """A plain-text (or markdown) table; numbers right-aligned."""
    cells = [[str(h) for h in headers]] + [[str(c) for c in row] for row in rows]
    numeric = [all(_is_number(r[i]) for r in cells[1:]) for i in range(len(headers))]
    widths = [max(_width(r[i]) for r in cells) for i in range(len(headers))]

    def fmt(row: list[str]) -> str:
        parts = [_pad(c, widths[i], numeric[i]) for i, c in enumerate(row)]
        return ("| " + " | ".join(parts) + " |") if markdown else "  ".join(parts).rstrip()

    rule = (
        "|"
        + "|".join(("-" * (w + 1) + ":") if n else ("-" * (w + 2)) for w, n in zip(widths, numeric, strict=True))
        + "|"
        if markdown
        else "  ".join("-" * w for w in widths)
    )
    return "\n".join([fmt(cells[0]), rule, *(fmt(r) for r in cells[1:])])


def _is_number(text: str) -> bool:
    return bool(re.fullmatch(r"[-+]?[\d,]*\.?\d+(e[-+]?\d+)?\s*[x%]?|-|n/a", text.strip()))


def _width(text: str) -> int:
    """Display width: CJK characters take two columns."""
    return sum(2 if "\u2e80" <= ch <= "\uffef" else 1 for ch in text)


def _pad(text: str, width: int, right: bool) -> str:
    gap = " " * (width - _width(text))
    return gap + text if right else text + gap


def ms(seconds: float) -> str:
    value = seconds * 1000
    return f"{value:.2f}" if value < 10 else f"{value:.1f}" if value < 100 else f"{value:,.0f}"


def ratio(a: float | None, b: float | None) -> str:
    if not a or not b:
        return "-"
    value = a / b
    return f"{value:,.0f}x" if value >= 99.5 else f"{value:.1f}x" if value >= 1.95 else f"{value:.2f}x"


def section(title: str) -> None:
    print(f"\n{title}\n{'=' * len(title)}")


def git_commit() -> str | None:
    """The project commit the figures belong to (read-only git calls; ``+dirty`` if the tree differs)."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    return head + ("+dirty" if dirty else "")


def machine_facts() -> dict[str, Any]:
    """What the figures depend on: CPU, memory, interpreter and library versions."""
    cpu = platform.processor() or "?"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem_gb = None
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem_gb = round(int(line.split()[1]) / 1024 / 1024, 1)
    versions = {}
    for dist in ("pyoxigraph", "rdflib", "oxrdflib"):
        try:
            versions[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            versions[dist] = None
    return {
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "commit": git_commit(),
        "cpu_count": os.cpu_count(),
        "cpu": cpu,
        "memory_gb": mem_gb,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "loadavg_1min": round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None,
        **versions,
    }


# ---------------------------------------------------------------------------------- part 1 --
def bench_build(corpus: Path, tmp: Path, repeat: int) -> dict[str, Any]:
    """Build the corpus ``repeat`` times, each in a fresh child and a fresh store folder."""
    files = corpus_files(corpus)
    if not files:
        raise SystemExit(f"no .txt files in {corpus}")
    size = sum(f.stat().st_size for f in files)
    chars = sum(len(f.read_text(encoding="utf-8", errors="replace")) for f in files)
    runs = [run_child("build", ["--corpus", str(corpus), "--tmp", str(tmp)]) for _ in range(repeat)]
    best = min(runs, key=lambda r: r["cold"]["wall"])
    warm_best = min(r["warm"]["wall"] for r in runs)
    wall, extract = best["cold"]["wall"], best["cold"]["extract"]
    write = wall - extract
    quads = best["quads_written"]
    stored = best["quads_stored"]  # includes what build() writes beside the issues (e.g. a vocabulary graph)
    section(f"1. Build of the corpus ({len(files)} files, {size / 1e6:.3f} MB, {chars:,} characters)")
    print(
        f"best of {repeat} cold builds, each in a fresh process and a fresh temp store; "
        f"{best['built']} built, {best['skipped']} skipped, {best['documents']} documents"
    )
    rows = [
        ["wall time (best, cold process)", f"{wall:.3f} s"],
        ["  extraction: read+segment+map (extract_file)", f"{extract:.3f} s  ({extract / wall:.0%})"],
        ["  store write (staged pyoxigraph store, extend, flush, swap)", f"{write:.3f} s  ({write / wall:.0%})"],
        ["wall time, median of cold builds", f"{median([r['cold']['wall'] for r in runs]):.3f} s"],
        ["wall time, warm (2nd build in the same process, best)", f"{warm_best:.3f} s"],
        ["import of kg.build (not in wall time)", f"{best['import_s']:.3f} s"],
        ["input throughput", f"{size / 1e6 / wall:.2f} MB/s  ({chars / wall:,.0f} chars/s)"],
        ["extraction throughput", f"{size / 1e6 / extract:.2f} MB/s  ({chars / extract:,.0f} chars/s)"],
        ["quads written (BuildReport.quads)", f"{quads:,}"],
        ["quads stored (distinct, len(store))", f"{best['quads_stored']:,} in {best['named_graphs']} named graphs"],
        ["stored quads/s over the whole build", f"{stored / wall:,.0f}"],
        ["stored quads/s into the store (write phase only)", f"{stored / write:,.0f}"],
        ["peak RSS (VmHWM), max over runs", f"{max(r['rss_peak_mb'] for r in runs):.0f} MB"],
        ["  of which interpreter + imports", f"{best['rss_base_mb']:.0f} MB"],
    ]
    print(table(["measure", "value"], rows))
    return {
        "files": len(files),
        "bytes": size,
        "chars": chars,
        "repeat": repeat,
        "runs": runs,
        "best_wall_s": wall,
        "extract_s": extract,
        "write_s": write,
        "warm_best_wall_s": warm_best,
        "mb_per_s": size / 1e6 / wall,
        "chars_per_s": chars / wall,
        "quads": quads,
        "quads_stored": stored,
        "quads_per_s": stored / wall,
        "write_quads_per_s": stored / write,
        "peak_rss_mb": max(r["rss_peak_mb"] for r in runs),
    }


# ---------------------------------------------------------------------------------- part 2 --
def bench_named_queries(store_path: Path, repeat: int) -> dict[str, Any]:
    """Latency of the shipped named queries on the corpus store, as `kg query` runs them."""
    from kg import queries
    from kg.store import open_for_reading

    results: dict[str, Any] = {}
    rows_out = []
    with open_for_reading(store_path) as store:
        for name, named in queries.available().items():
            values = NAMED_QUERY_VALUES.get(name, {})
            if any(p.required and p.name not in values for p in named.params):
                continue
            bindings = named.bindings(values)
            times = []
            rows: list[list[Any]] = []
            for _ in range(repeat):
                t0 = time.perf_counter()
                _, rows = queries.run_select(store, named.text, bindings)
                times.append(time.perf_counter() - t0)
            distinct = len({tuple(str(term) for term in row) for row in rows})
            label = name + "".join(f" {k}={v}" for k, v in values.items())
            results[name] = {"params": values, "times": times, "rows": len(rows), "distinct_rows": distinct}
            rows_out.append([label, ms(median(times)), ms(p95(times)), f"{len(rows):,}", f"{distinct:,}"])
    section(f"2. Named queries on the corpus store ({repeat} runs each, kg.queries.run_select)")
    print(table(["query", "median ms", "p95 ms", "rows", "distinct rows"], rows_out))
    dup = [n for n, r in results.items() if r["rows"] != r["distinct_rows"]]
    if dup:
        print(
            "note: rows > distinct rows for "
            + ", ".join(dup)
            + ": the union default graph is a bag of quads, so a triple repeated in several named graphs"
            " (an agency's label in every document graph naming it) multiplies the rows of a join."
        )
    return results


# ---------------------------------------------------------------------------------- part 3 --
_ID_IRI = re.compile(r"<(https://w3id\.org/gazette-kg/(?:id|graph)/[^>]*)>")
_KEY_LITERAL = re.compile(
    r'(<(?:http://data\.europa\.eu/eli/ontology#id_local|http://purl\.org/dc/terms/title)> "(?:[^"\\]|\\.)*)"'
)


def replicate(base: str, copy: int) -> str:
    """Copy ``copy`` of the corpus N-Quads: every id/ and graph/ IRI and every number/title renamed.

    Renaming keeps the copies disjoint (no triple shared between copies) while every copy keeps
    the real shape: evidence nodes, selectors, one named graph per document.
    """
    if copy == 0:
        return base
    text = _ID_IRI.sub(lambda m: f"<{m.group(1)}-copy{copy}>", base)
    return _KEY_LITERAL.sub(lambda m: f'{m.group(1)}-copy{copy}"', text)


def make_graph(store_path: Path, target: int, out: Path) -> dict[str, Any]:
    """Write a gazette-shaped N-Quads file of about ``target`` quads (whole copies of the corpus)."""
    import pyoxigraph as ox

    from kg.store import open_for_reading

    with open_for_reading(store_path) as store:
        base = store.dump(format=ox.RdfFormat.N_QUADS).decode("utf-8")
        graphs = sum(1 for _ in store.named_graphs())
    per_copy = base.count("\n")
    copies = max(1, math.ceil(target / per_copy))
    t0 = time.perf_counter()
    with out.open("w", encoding="utf-8") as fh:
        for k in range(copies):
            fh.write(replicate(base, k))
    return {
        "target": target,
        "per_copy": per_copy,
        "copies": copies,
        "quads": per_copy * copies,
        "named_graphs": graphs * copies,
        "file_mb": out.stat().st_size / 1e6,
        "generate_s": time.perf_counter() - t0,
    }


def bench_stores(nquads: Path, graph: dict[str, Any], tmp: Path, repeat: int, budget_s: float) -> dict[str, Any]:
    """Load the same file into each engine (fresh child each) and time the same queries."""
    section(
        f"3. Store comparison: {graph['quads']:,} quads ({graph['copies']} renamed copies of the corpus, "
        f"{graph['named_graphs']:,} named graphs, {graph['file_mb']:.0f} MB N-Quads)"
    )
    print(
        f"generated in {graph['generate_s']:.1f} s; queries: up to {repeat} runs each, {budget_s:g} s budget per query"
    )
    results: dict[str, Any] = {}
    notes: list[str] = []
    for engine in ENGINES:
        if engine.key == "oxrdflib" and importlib.util.find_spec("oxrdflib") is None:
            notes.append("oxrdflib is not installed: its column is skipped (not installed on purpose).")
            continue
        t0 = time.perf_counter()
        result = run_child(
            "engine",
            [
                "--engine", engine.key, "--nquads", str(nquads), "--tmp", str(tmp),
                "--query-repeat", str(repeat), "--query-budget", str(budget_s),
            ],
        )  # fmt: skip
        result["child_wall_s"] = time.perf_counter() - t0
        results[engine.key] = result
        print(f"  {engine.label}: loaded in {result['load_s']:.1f} s, child took {result['child_wall_s']:.0f} s")
    labels = {e.key: e.label for e in ENGINES}
    keys = list(results)
    reference = "ox-mem" if "ox-mem" in results else keys[0]

    rows: list[list[object]] = []

    def add(
        name: str, value: Callable[[dict[str, Any]], float | None], fmt: Callable[[float], str], compare: bool = True
    ) -> None:
        values = [value(results[k]) for k in keys]
        ref = value(results[reference])
        rdf = value(results["rdflib"]) if "rdflib" in results and compare else None
        rows.append([name, *(fmt(v) if v is not None else "-" for v in values), ratio(rdf, ref)])

    add("load s", lambda r: r["load_s"], lambda v: f"{v:.2f}")
    add("quads/s (load)", lambda r: r["quads"] / r["load_s"], lambda v: f"{v:,.0f}", compare=False)
    add("peak RSS MB after load", lambda r: r["rss_load_mb"], lambda v: f"{v:,.0f}")
    add("peak RSS MB after queries", lambda r: r["rss_peak_mb"], lambda v: f"{v:,.0f}")
    add("store on disk MB", lambda r: r["disk_mb"], lambda v: f"{v:,.0f}")
    for name in COMPARISON_QUERIES:
        add(f"{name} ms (median)", lambda r, n=name: median(r["queries"][n]["times"]), ms)
    short = {"ox-disk-bulk": "ox disk bulk", "ox-disk-load": "ox disk load", "ox-mem": "ox memory"}
    headers = ["measure", *(short.get(k, k) for k in keys), f"rdflib / {short.get(reference, reference)}"]
    print(table(headers, rows))
    print("columns: " + "; ".join(f"{short.get(k, k)} = {labels[k]}" for k in keys))
    run_counts = {k: {n: len(results[k]["queries"][n]["times"]) for n in COMPARISON_QUERIES} for k in keys}
    print("runs per query: " + "; ".join(f"{short.get(k, k)} {sorted(set(c.values()))}" for k, c in run_counts.items()))

    # correctness: every engine must hold every quad and return the same number of rows
    for k in keys:
        if results[k]["quads"] != graph["quads"]:
            notes.append(f"WARNING: {labels[k]} holds {results[k]['quads']:,} quads, the file has {graph['quads']:,}.")
    count_rows = []
    for name in COMPARISON_QUERIES:
        counts = {k: results[k]["queries"][name]["rows"] for k in keys}
        count_rows.append([name, *counts.values()])
        if len(set(counts.values())) > 1:
            notes.append(f"WARNING: row counts differ for {name}: {counts}")
    print("\nrow counts per engine")
    print(table(["query", *(short.get(k, k) for k in keys)], count_rows))
    if "rdflib" in results:
        for name in COMPARISON_QUERIES:
            rdf = median(results["rdflib"]["queries"][name]["times"])
            slower = [
                short.get(k, k)
                for k in keys
                if k.startswith("ox") and median(results[k]["queries"][name]["times"]) > rdf
            ]
            if slower:
                notes.append(f"oxigraph is NOT faster than rdflib on {name} with: {', '.join(slower)}.")
    if "rdflib" in results and results["rdflib"]["load_s"] > 30:
        notes.append(
            f"rdflib needed {results['rdflib']['load_s']:.0f} s to parse {graph['quads']:,} quads "
            f"(peak {results['rdflib']['rss_load_mb']:,.0f} MB): use --quick (100,000 quads) in CI."
        )
    for note in notes:
        print("note: " + note)
    return {
        "graph": graph,
        "engines": results,
        "reference": reference,
        "notes": notes,
        "rows": rows,
        "headers": headers,
    }


# ---------------------------------------------------------------------------------- part 4 --
def summary(facts: dict[str, Any], build: dict[str, Any], named: dict[str, Any], stores: dict[str, Any]) -> str:
    """Markdown tables ready for README.md."""
    lines = [
        f"Run {facts['date']} (commit {facts['commit']}) on {facts['cpu_count']} CPU ({facts['cpu']}), "
        f"{facts['memory_gb']} GB RAM, "
        f"{facts['platform']}; Python {facts['python']}, pyoxigraph {facts['pyoxigraph']}, rdflib {facts['rdflib']}"
        + (f", oxrdflib {facts['oxrdflib']}" if facts["oxrdflib"] else ", oxrdflib not installed")
        + f"; 1-min load average {facts['loadavg_1min']} at the start.",
        "",
        table(
            ["corpus build", "value"],
            [
                ["input", f"{build['files']} files, {build['bytes'] / 1e6:.2f} MB, {build['chars']:,} chars"],
                ["wall time (best of " + str(build["repeat"]) + ", cold process)", f"{build['best_wall_s']:.2f} s"],
                ["extraction / store write", f"{build['extract_s']:.2f} s / {build['write_s']:.2f} s"],
                ["throughput", f"{build['mb_per_s']:.2f} MB/s, {build['chars_per_s']:,.0f} chars/s"],
                ["quads written / stored", f"{build['quads']:,} / {build['quads_stored']:,}"],
                [
                    "stored quads/s (whole build / write phase)",
                    f"{build['quads_per_s']:,.0f} / {build['write_quads_per_s']:,.0f}",
                ],
                ["peak RSS", f"{build['peak_rss_mb']:.0f} MB"],
            ],
            markdown=True,
        ),
        "",
        table(
            ["named query", "median ms", "p95 ms", "rows"],
            [[n, ms(median(r["times"])), ms(p95(r["times"])), f"{r['rows']:,}"] for n, r in named.items()],
            markdown=True,
        ),
        "",
        f"Store comparison on {stores['graph']['quads']:,} gazette-shaped quads:",
        "",
        table(stores["headers"], stores["rows"], markdown=True),
    ]
    return "\n".join(lines)


# ============================================================================================
def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of gazette .txt files")
    p.add_argument("--repeat", type=int, default=3, help="cold builds of the corpus (best is reported)")
    p.add_argument("--query-repeat", type=int, default=20, help="runs per query")
    p.add_argument("--query-budget", type=float, default=10.0, help="stop repeating a query after this many s")
    p.add_argument("--triples", type=int, default=None, help="size of the comparison graph (default 1,000,000)")
    p.add_argument("--quick", action="store_true", help="CI size: 100,000 quads unless --triples is given")
    p.add_argument("--json", type=Path, help="also write all figures to this JSON file")
    p.add_argument("--child", help=argparse.SUPPRESS)
    p.add_argument("--engine", help=argparse.SUPPRESS)
    p.add_argument("--nquads", type=Path, help=argparse.SUPPRESS)
    p.add_argument("--tmp", type=Path, help=argparse.SUPPRESS)
    return p.parse_args(argv)


@contextlib.contextmanager
def _stopwatch() -> Iterator[Callable[[], float]]:
    t0 = time.perf_counter()
    yield lambda: time.perf_counter() - t0


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    sys.path.insert(0, str(ROOT))  # the project, when not installed in the interpreter
    if args.child == "build":
        child_build(args.corpus, args.tmp)
        return 0
    if args.child == "engine":
        child_engine(args.engine, args.nquads, args.tmp, args.query_repeat, args.query_budget)
        return 0
    target = args.triples or (100_000 if args.quick else 1_000_000)
    facts = machine_facts()
    with _stopwatch() as elapsed, tempfile.TemporaryDirectory(prefix="gazette-kg-bench-") as tmp_name:
        tmp = Path(tmp_name)
        print(f"gazette-kg benchmark, {facts['date']}; temp dir {tmp} (removed at the end)")
        build = bench_build(args.corpus, tmp, args.repeat)

        from kg.build import build as build_store

        store_path = tmp / "corpus-store"
        build_store(corpus_files(args.corpus), store_path)
        named = bench_named_queries(store_path, args.query_repeat)

        nquads = tmp / "graph.nq"
        graph = make_graph(store_path, target, nquads)
        stores = bench_stores(nquads, graph, tmp, args.query_repeat, args.query_budget)

        section("4. Summary (markdown, for README.md)")
        text = summary(facts, build, named, stores)
        print(text)
        total = elapsed()
        oxrdflib = facts["oxrdflib"] or "not installed"
        print(
            f"\nmachine: {facts['cpu_count']} CPU ({facts['cpu']}), {facts['memory_gb']} GB, Python {facts['python']}, "
            f"pyoxigraph {facts['pyoxigraph']}, rdflib {facts['rdflib']}, oxrdflib {oxrdflib}"
        )
        load_end = round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None
        print(
            f"total benchmark time: {total:.0f} s; 1-min load average {facts['loadavg_1min']} at the start, "
            f"{load_end} at the end (other processes on the machine skew the figures)"
        )
    if args.json:
        payload = {"machine": facts, "build": build, "named_queries": named, "stores": stores, "total_s": total}
        args.json.write_text(json.dumps(payload, ensure_ascii=False, indent=2, default=str) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
