"""Prove that a rewritten named query answers exactly as before: same columns, same rows, same order.

Rewriting a query for speed is only safe when its answers do not move, and SPARQL leaves much open
(the order of GROUP_CONCAT lists, ties in ORDER BY), so every rewrite is checked on real stores::

    python bench/compare_queries.py dump STORE before.json            # with the queries as they were
    # ... edit queries/*.rq ...
    python bench/compare_queries.py dump STORE after.json NAME...     # only the queries you touched
    python bench/compare_queries.py compare before.json after.json    # exit 1 on any difference

Each query runs with the parameters of its ``# example:`` header, with none, and with the extra
parameter sets below (optional filters left out, printed document numbers), so the branches an
optional parameter switches off are compared too. Run it on the bundled corpus and on a 10x store
(``bench/bench_scale.py --work DIR`` keeps one): ties and list orders often only show at scale.
"""

from __future__ import annotations

import argparse
import collections
import itertools
import json
import shlex
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# More parameter sets per query, beside its example and no parameters at all (where none is required).
EXTRA: dict[str, list[dict[str, str]]] = {
    "lead-agencies": [{"agency": "市发改委"}],
    "co-responsibility": [{"agency": "市财政局"}],
    "documents": [{"section": "机构与人事"}],
    "network-edges": [{"layer": layer} for layer in ("group", "commendation", "issuer", "citation", "task")],
    "network-nodes": [{"only": kind} for kind in ("person", "agency", "document")],
    "successions": [{"organization": "衢州市食品安全委员会办公室"}],
    "personnel-changes": [{"person": "季根寿"}],
    "document-status": [{"doc": "衢政发〔2017〕46号"}],
    "document": [{"number": "衢政办发[2018]28 号"}],
    "agency-profile": [{"agency": "市财政局"}],
}


def parameter_sets(named: Any) -> list[dict[str, str]]:
    """The example's parameters, none (when the query can run without), then ``EXTRA``; no repeats."""
    line = next((ln for ln in named.text.splitlines() if ln.startswith("# example:")), "")
    words = shlex.split(line.removeprefix("# example:"))
    example = dict(w.split("=", 1) for prev, w in itertools.pairwise(words) if prev == "--param")
    sets = [example]
    if not any(p.required for p in named.params):
        sets.append({})
    sets += EXTRA.get(named.name, [])
    unique: list[dict[str, str]] = []
    for params in sets:
        if params not in unique:
            unique.append(params)
    return unique


def dump(store_path: Path, out: Path, names: list[str]) -> int:
    """Run every named query (or ``names``) on the store; write columns and rows, as strings, to ``out``."""
    import pyoxigraph as ox

    from kg import queries

    store = ox.Store.read_only(str(store_path))
    chosen = queries.available()
    unknown = sorted(set(names) - set(chosen))
    if unknown:
        print(f"no such named query: {', '.join(unknown)}", file=sys.stderr)
        return 2
    results = {}
    for name, named in sorted(chosen.items()):
        if names and name not in names:
            continue
        hidden = {p.name for p in named.params}
        for params in parameter_sets(named):
            columns, rows = queries.run_named(store, name, params)
            keep = [i for i, column in enumerate(columns) if column not in hidden]
            results[f"{name} {json.dumps(params, ensure_ascii=False, sort_keys=True)}"] = {
                "columns": [columns[i] for i in keep],
                "rows": [[None if row[i] is None else str(row[i]) for i in keep] for row in rows],
            }
    out.write_text(json.dumps(results, ensure_ascii=False, indent=0), encoding="utf-8")
    print(f"{len(results)} result sets -> {out}")
    return 0


def compare(before_path: Path, after_path: Path, unordered: bool) -> int:
    """Print every result set of ``after`` that differs from ``before``; 1 if any does."""
    before = json.loads(before_path.read_text(encoding="utf-8"))
    after = json.loads(after_path.read_text(encoding="utf-8"))
    differences = 0
    for key in sorted(after):
        if key not in before:
            print(f"NEW      {key} (not in {before_path.name})")
            continue
        old, new = before[key], after[key]
        if old["columns"] != new["columns"]:
            differences += 1
            print(f"COLUMNS  {key}: {old['columns']} -> {new['columns']}")
            continue
        old_rows = [tuple(r) for r in old["rows"]]
        new_rows = [tuple(r) for r in new["rows"]]
        same_bag = collections.Counter(old_rows) == collections.Counter(new_rows)
        if same_bag and (unordered or old_rows == new_rows):
            continue
        differences += 1
        print(f"{'ORDER' if same_bag else 'ROWS':8s} {key}: {len(old_rows)} -> {len(new_rows)} rows")
        lost = collections.Counter(old_rows) - collections.Counter(new_rows)
        gained = collections.Counter(new_rows) - collections.Counter(old_rows)
        for row in list(lost.elements())[:3]:
            print(f"  - {row}")
        for row in list(gained.elements())[:3]:
            print(f"  + {row}")
    print(f"{differences} of {len(after)} result sets differ")
    return 1 if differences else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("dump", help="run the named queries on a store and write their rows")
    run.add_argument("store", type=Path)
    run.add_argument("out", type=Path)
    run.add_argument("names", nargs="*", help="only these queries (default: all)")
    check = commands.add_parser("compare", help="compare two dumps (exit 1 on a difference)")
    check.add_argument("before", type=Path)
    check.add_argument("after", type=Path)
    check.add_argument("--unordered", action="store_true", help="rows as a bag: ignore their order")
    args = parser.parse_args(argv)
    if args.command == "dump":
        return dump(args.store, args.out, args.names)
    return compare(args.before, args.after, args.unordered)


if __name__ == "__main__":
    sys.exit(main())
