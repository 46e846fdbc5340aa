"""How the tool scales: build and query a synthetic corpus at 1x, 10x and 100x the bundled gazettes.

For each size it prints: build time, MB/s of gazette text, quads/s into the store, peak memory of
the build, and the latency of every named query; and, measured in the same run, the alternatives:
one extraction process vs N, and rdflib's in-memory Dataset vs the embedded Oxigraph store (load
time, memory, query latency). Every measurement runs in a fresh child process, so peak memory is
that step's own.

    .venv/bin/python bench/bench_scale.py                   # 1x and 10x (a few minutes)
    .venv/bin/python bench/bench_scale.py --sizes 1,10,100  # adds 100x (about half an hour on 2 cores)
    .venv/bin/python bench/bench_scale.py --json scale.json --markdown

Targets (issue 7, 2-core machine): >= 1 MB/s end to end; 100x takes <= 120x the time of 1x;
named queries < 100 ms at 10x and < 1 s at 100x; peak memory does not grow with the corpus
beyond the store's own cache.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]

from bench_build import RESULT_MARK, emit, machine_facts, ms, peak_rss_mb, ratio, table  # noqa: E402
from synthetic import make_corpus  # noqa: E402

RDFLIB_MAX_QUADS = 2_500_000  # beyond this rdflib's memory store needs more than ~8 GB: measured, then skipped


# ============================================================================ children
def child_build(corpus: str, store: str, jobs: str) -> None:
    from kg.build import build

    files = sorted(Path(corpus).glob("*.txt"))
    size = sum(f.stat().st_size for f in files)
    started = time.perf_counter()
    report = build([Path(corpus)], Path(store), jobs=int(jobs))
    seconds = time.perf_counter() - started
    import pyoxigraph as ox

    quads = len(ox.Store.read_only(store))
    emit(
        {
            "seconds": seconds,
            "mb": size / 1e6,
            "files": len(files),
            "documents": report.documents,
            "quads": quads,
            "rss_mb": peak_rss_mb(),
        }
    )


def _examples() -> dict[str, dict[str, str]]:
    import shlex

    from kg import queries

    out = {}
    for name, named in queries.available().items():
        line = next((ln for ln in named.text.splitlines() if ln.startswith("# example:")), "")
        words = shlex.split(line.removeprefix("# example:"))
        out[name] = dict(w.split("=", 1) for prev, w in itertools.pairwise(words) if prev == "--param")
    return out


def child_queries(store: str, repeat: str, budget: str) -> None:
    import pyoxigraph as ox

    from kg import queries

    handle = ox.Store.read_only(store)
    results = {}
    for name, params in sorted(_examples().items()):
        times: list[float] = []
        rows = 0
        while len(times) < int(repeat) and sum(times) < float(budget):
            started = time.perf_counter()
            rows = len(queries.run_named(handle, name, params)[1])
            times.append(time.perf_counter() - started)
        results[name] = {"median": statistics.median(times), "runs": len(times), "rows": rows}
    emit({"queries": results, "rss_mb": peak_rss_mb()})


def child_rdflib(store: str, budget: str) -> None:
    """Load the store's quads into rdflib's memory Dataset (union default graph) and run the named queries."""
    import pyoxigraph as ox
    import rdflib

    from kg import queries

    data = ox.Store.read_only(store).dump(format=ox.RdfFormat.N_QUADS)
    started = time.perf_counter()
    dataset = rdflib.Dataset(default_union=True)
    dataset.parse(data=data, format="nquads")
    load = time.perf_counter() - started
    del data
    results = {}
    limit = float(budget)
    signal.signal(signal.SIGALRM, _over_budget)
    for name, params in sorted(_examples().items()):
        named = queries.load(name)
        bindings = {rdflib.Variable(k.value): _to_rdflib(v) for k, v in named.bindings(params).items()}
        started = time.perf_counter()
        # rdflib evaluates in Python: an alarm stops a query that would run for hours (co-responsibility
        # at 10x), where checking the time after it returned did not
        signal.setitimer(signal.ITIMER_REAL, 3 * limit)
        try:
            rows = len(list(dataset.query(named.text, initBindings=bindings)))
        except _OverBudget:
            results[name] = {"error": f"> {3 * limit:.0f} s"}
            break
        except Exception as exc:
            results[name] = {"error": type(exc).__name__}
            continue
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        results[name] = {"median": time.perf_counter() - started, "runs": 1, "rows": rows}
        if time.perf_counter() - started > limit:
            break
    emit({"load_seconds": load, "quads": len(dataset), "queries": results, "rss_mb": peak_rss_mb()})


class _OverBudget(Exception):
    """A query of the rdflib comparison ran past its time limit."""


def _over_budget(signum: int, frame: Any) -> None:
    raise _OverBudget


def _to_rdflib(term: Any) -> Any:
    import pyoxigraph as ox
    import rdflib

    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    return rdflib.Literal(
        term.value,
        lang=term.language or None,
        datatype=None if term.language else rdflib.URIRef(term.datatype.value),
    )


# ============================================================================ parent
def run_child(mode: str, args: list[str]) -> dict[str, Any]:
    """Run this script in a fresh interpreter in ``mode``; the JSON it printed (its own peak memory)."""
    import subprocess

    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", mode, *args]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, check=False)
    for line in proc.stdout.splitlines():
        if line.startswith(RESULT_MARK):
            return json.loads(line.removeprefix(RESULT_MARK))
    raise RuntimeError(f"child {mode} failed (exit {proc.returncode}):\n{proc.stderr[-3000:]}")


def measure(size: int, work: Path, jobs: int, repeat: int, budget: float, rdflib_on: bool) -> dict[str, Any]:
    corpus = work / f"corpus-{size}x"
    make_corpus(size, corpus)
    out: dict[str, Any] = {"size": size}
    for label, n in (("parallel", jobs), ("single", 1)):
        store = work / f"store-{size}x-{label}"
        _rmtree(store)  # one left by an interrupted run would make this build incremental: nothing to do
        out[label] = run_child("scale-build", [str(corpus), str(store), str(n)])
        if label == "parallel":
            out["queries"] = run_child("scale-queries", [str(store), str(repeat), str(budget)])
            if rdflib_on and out[label]["quads"] <= RDFLIB_MAX_QUADS:
                out["rdflib"] = run_child("scale-rdflib", [str(store), str(budget)])
        _rmtree(store if label == "single" else None)
    _rmtree(work / f"store-{size}x-parallel")
    return out


def _rmtree(path: Path | None) -> None:
    import shutil

    if path is not None:
        shutil.rmtree(path, ignore_errors=True)


def report(results: list[dict[str, Any]], jobs: int, markdown: bool) -> str:
    base = results[0]
    lines = []
    rows = []
    for r in results:
        p, s = r["parallel"], r["single"]
        rows.append(
            [
                f"{r['size']}x",
                f"{p['mb']:.1f}",
                f"{p['documents']:,}",
                f"{p['quads']:,}",
                f"{p['seconds']:.1f}",
                f"{s['seconds']:.1f}",
                ratio(s["seconds"], p["seconds"]),
                f"{p['mb'] / p['seconds']:.2f}",
                f"{p['quads'] / p['seconds']:,.0f}",
                f"{p['rss_mb']:,.0f}",
                ratio(p["seconds"], base["parallel"]["seconds"]),
                f"{r['size'] / base['size']:.0f}x",
            ]
        )
    headers = [
        "size", "MB", "documents", "quads", f"build s ({jobs} jobs)", "build s (1 job)", "speed-up",
        "MB/s", "quads/s", "peak MB", "time vs 1x", "corpus vs 1x",
    ]  # fmt: skip
    lines += ["build", table(headers, rows, markdown), ""]
    names = sorted(base["queries"]["queries"])
    qrows = []
    for name in names:
        row = [name]
        for r in results:
            q = r["queries"]["queries"][name]
            row.append(ms(q["median"]))
        for r in results:
            rq = r.get("rdflib", {}).get("queries", {}).get(name)
            row.append("-" if rq is None else rq.get("error") or ms(rq["median"]))
        row.append(f"{results[-1]['queries']['queries'][name]['rows']:,}")  # a listing's latency grows with its rows
        qrows.append(row)
    qheaders = [
        "named query", *(f"ms {r['size']}x" for r in results), *(f"rdflib ms {r['size']}x" for r in results),
        f"rows {results[-1]['size']}x",
    ]  # fmt: skip
    lines += [
        "named queries (median ms; rdflib: one run on its memory Dataset with a union default graph; '-': not "
        "run — rdflib stops after the first query over --budget seconds (cut at 3x the budget), and is "
        "skipped above "
        f"{RDFLIB_MAX_QUADS:,} quads)"
    ]
    lines += [table(qheaders, qrows, markdown), ""]
    srows = []
    for r in results:
        rl = r.get("rdflib")
        srows.append(
            [
                f"{r['size']}x",
                f"{r['parallel']['quads']:,}",
                f"{r['parallel']['seconds']:.1f}",
                f"{r['parallel']['rss_mb']:,.0f}",
                f"{rl['load_seconds']:.1f}" if rl else "skipped",
                f"{rl['rss_mb']:,.0f}" if rl else "-",
            ]
        )
    sheaders = ["size", "quads", "oxigraph: build s", "oxigraph: peak MB", "rdflib: load s", "rdflib: peak MB"]
    lines += ["stores (oxigraph: whole build incl. extraction; rdflib: loading the built quads only)"]
    lines += [table(sheaders, srows, markdown), ""]
    lines += ["targets (issue 7)", table(["target", "measured", "met"], targets(results), markdown)]
    return "\n".join(lines)


def targets(results: list[dict[str, Any]]) -> list[list[str]]:
    """Each target of the issue against what this run measured: the figure and whether it is met."""
    base = results[0]
    rows = []
    rates = [r["parallel"]["mb"] / r["parallel"]["seconds"] for r in results]
    rows.append(
        [
            "build >= 1 MB/s end to end",
            ", ".join(f"{r['size']}x {rate:.2f} MB/s" for r, rate in zip(results, rates, strict=True)),
            "yes" if min(rates) >= 1 else "no",
        ]
    )
    for r in results[1:]:
        growth = r["parallel"]["seconds"] / base["parallel"]["seconds"]
        allowed = 1.2 * r["size"] / base["size"]
        rows.append(
            [
                f"{r['size']}x takes <= {allowed:.0f}x the time of {base['size']}x",
                f"{growth:.1f}x",
                "yes" if growth <= allowed else "no",
            ]
        )
    for size, limit in ((10, 0.1), (100, 1.0)):
        r = next((r for r in results if r["size"] == size), None)
        if r is None:
            continue
        times = {name: q["median"] for name, q in r["queries"]["queries"].items()}
        slow = sorted((name for name, t in times.items() if t >= limit), key=lambda n: -times[n])
        listed = ", ".join(f"{n} {ms(times[n])} ms" for n in slow[:6]) + (" …" if len(slow) > 6 else "")
        rows.append(
            [
                f"named queries < {ms(limit)} ms at {size}x",
                f"{len(times) - len(slow)} of {len(times)}" + (f"; over: {listed}" if slow else ""),
                "yes" if not slow else "no",
            ]
        )
    peaks = [r["parallel"]["rss_mb"] for r in results]
    ref = results[1] if len(results) > 2 else base  # 1x is mostly interpreter and imports: compare from 10x on
    last = results[-1]
    growth = last["parallel"]["rss_mb"] / ref["parallel"]["rss_mb"]
    rows.append(
        [
            "peak memory bounded (<= 1.5x while the corpus grows)",
            ", ".join(f"{r['size']}x {peak:,.0f} MB" for r, peak in zip(results, peaks, strict=True))
            + f" ({growth:.1f}x from {ref['size']}x to {last['size']}x)",
            "yes" if growth <= 1.5 else "no",
        ]
    )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--sizes", default="1,10", help="corpus sizes as multiples of the bundled corpus")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="extraction processes")
    parser.add_argument("--repeat", type=int, default=5, help="runs per named query")
    parser.add_argument("--budget", type=float, default=20.0, help="seconds per named query before stopping")
    parser.add_argument("--no-rdflib", action="store_true", help="skip the rdflib comparison")
    parser.add_argument("--work", type=Path, help="keep corpora and stores here (default: a temp dir)")
    parser.add_argument("--json", type=Path, help="also write every figure as JSON")
    parser.add_argument("--markdown", action="store_true", help="print markdown tables")
    args, rest = parser.parse_known_args(argv)
    if args.child:
        {"scale-build": child_build, "scale-queries": child_queries, "scale-rdflib": child_rdflib}[args.child](*rest)
        return 0
    sizes = [int(s) for s in args.sizes.split(",")]
    facts = machine_facts()
    print(f"{facts['date']} · {facts['cpu_count']} cores {facts['cpu']} · {facts['memory_gb']} GB · "
          f"Python {facts['python']} · pyoxigraph {facts['pyoxigraph']} · rdflib {facts['rdflib']} · "
          f"commit {facts['commit']} · load {facts['loadavg_1min']}")  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="kg-scale-") as tmp:
        work = args.work or Path(tmp)
        results = []
        for size in sizes:
            print(f"measuring {size}x …", file=sys.stderr, flush=True)
            results.append(measure(size, work, args.jobs, args.repeat, args.budget, not args.no_rdflib))
    print(report(results, args.jobs, args.markdown))
    if args.json:
        args.json.write_text(json.dumps({"machine": facts, "results": results}, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
