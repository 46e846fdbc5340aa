"""The ``kg`` command line: build the graph, query it, export facts, count and validate.

Exit status: 0 success; 1 the command ran but something was skipped or failed validation;
2 the command could not run (bad arguments, no store, bad query).
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import pyoxigraph as ox

from kg import queries
from kg.errors import GazetteKGError, QueryError
from kg.output import FORMATS
from kg.store import default_store_path, open_for_reading

log = logging.getLogger("kg")

EXIT_OK, EXIT_PARTIAL, EXIT_ERROR = 0, 1, 2


@contextlib.contextmanager
def graph_source(args: argparse.Namespace) -> Iterator[object]:
    """What a read command asks: the remote endpoint given by --endpoint, else the embedded store."""
    if getattr(args, "endpoint", None):
        from kg.remote import Endpoint

        endpoint = Endpoint(args.endpoint, timeout=args.timeout)
        endpoint.check()
        yield endpoint
        return
    with open_for_reading(args.store) as store:
        yield store


def _progress(files: Sequence[Path]) -> Sequence[Path]:
    from tqdm import tqdm

    return tqdm(files, desc="building", unit="file", disable=None, file=sys.stderr)


def cmd_build(args: argparse.Namespace) -> int:
    from kg.build import build

    report = build(
        args.paths,
        args.store,
        progress=None if args.quiet else _progress,
        jobs=args.jobs,
        prune=args.prune,
        force=args.force,
        executor=_dask_client(args.dask) if args.dask else None,
        optimize=args.optimize,
    )
    for skipped in report.skipped:
        print(f"skipped: {skipped.reason}", file=sys.stderr)
    for path, code, message in report.findings if args.verbose else []:
        print(f"finding: {Path(path).name}: {code}: {message}", file=sys.stderr)
    if report.findings and not args.verbose:
        print(
            f"{len(report.findings)} finding(s) to review (TOC/body mismatches, missing signatures): "
            "`kg query findings` or `kg -v build`",
            file=sys.stderr,
        )
    print(
        f"built {len(report.built)} file(s): {report.documents} documents, {report.quads} quads "
        f"into {args.store}"
        + (f" (replaced {report.removed_graphs} graphs from earlier builds)" if report.removed_graphs else "")
        + (
            "; derived " + ", ".join(f"{n} {k}" for k, n in report.derived.items())
            if any(report.derived.values())
            else ""
        )
        + (f"; skipped {len(report.skipped)} file(s)" if report.skipped else "")
        + (f"; {len(report.unchanged)} unchanged file(s) not re-extracted" if report.unchanged else "")
        + (f"; pruned {len(report.pruned)} file(s) gone from the input folders" if report.pruned else ""),
        file=sys.stderr,
    )
    from kg.store import exists, optimize

    if report.compaction_seconds is not None:
        print(f"compacted the store's index in {report.compaction_seconds:.1f} s", file=sys.stderr)
    elif args.optimize and exists(args.store):  # nothing written by this build, but compaction asked for
        print(f"compacted the store's index in {optimize(args.store):.1f} s", file=sys.stderr)
    if not report.built:
        return EXIT_ERROR if report.skipped and not report.unchanged else EXIT_OK
    return EXIT_OK if report.ok else EXIT_PARTIAL


def _iso_date(value: str) -> str:
    import datetime

    try:
        return datetime.date.fromisoformat(value.strip()).isoformat()
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date (YYYY-MM-DD)") from exc


def _dask_client(address: str):
    """A Dask client: ``local`` starts a cluster of worker processes on this machine, else a scheduler address."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise QueryError("--dask needs the optional extra: pip install 'gazette-kg[dask]'") from exc
    if address == "local":
        return Client(LocalCluster(processes=True, threads_per_worker=1))
    return Client(address)


def _params(pairs: list[str]) -> dict[str, str]:
    values: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise QueryError(f"--param takes NAME=VALUE, got {pair!r}")
        values[name.strip()] = value
    return values


def cmd_query(args: argparse.Namespace) -> int:
    hidden: set[str] = set()
    bindings = None
    if args.sparql is not None or args.file is not None:
        text = args.sparql if args.sparql is not None else Path(args.file).read_text(encoding="utf-8")
        if args.param:
            raise QueryError("--param binds parameters of named queries only")
    elif args.name:
        named = queries.load(args.name)
        bindings = named.bindings(_params(args.param))
        hidden = {p.name for p in named.params}
        text = named.text
    else:
        return _list_queries()
    if queries.is_update(text):
        if args.endpoint:
            raise QueryError("kg query does not send updates to an endpoint; use `kg push` to change a server")
        if not args.allow_update:
            raise QueryError("refusing a SPARQL Update: pass --allow-update to change the store")
        from kg.store import staged_writer

        with staged_writer(args.store) as store:
            store.update(text)
        print("update applied", file=sys.stderr)
        return EXIT_OK
    with graph_source(args) as store:
        names, rows = queries.run_select(store, text, bindings)
    keep = [i for i, n in enumerate(names) if n not in hidden]
    names = [names[i] for i in keep]
    rows = [[row[i] for i in keep] for row in rows]
    rendered = FORMATS[args.format](names, rows)
    sys.stdout.write(rendered if rendered.endswith("\n") else rendered + "\n")
    return EXIT_OK


def _list_queries() -> int:
    for name, named in queries.available().items():
        params = " ".join(f"--param {p.name}=…" + ("" if p.required else "?") for p in named.params)
        print(f"{name:<20} {named.question}  {params}".rstrip())
    return EXIT_OK


def cmd_facts(args: argparse.Namespace) -> int:
    from kg.facts import EXPORTERS, write_facts

    kinds = args.kind or None
    for kind in kinds or []:
        if kind not in EXPORTERS:
            raise QueryError(f"unknown fact kind {kind!r}; known: {', '.join(EXPORTERS)}")
    with graph_source(args) as store:
        count = write_facts(store, sys.stdout, kinds)
    print(f"{count} fact records", file=sys.stderr)
    return EXIT_OK


def cmd_person(args: argparse.Namespace) -> int:
    import json

    from kg.person import timeline

    with graph_source(args) as store:
        found = timeline(store, args.name)
    render = FORMATS[args.format]
    if args.format == "json":
        document = {
            "person": found.name,
            "tenures": json.loads(render(found.tenure_columns, found.tenures)),
            "changes": json.loads(render(found.change_columns, found.changes)),
        }
        print(json.dumps(document, ensure_ascii=False, indent=1))
        return EXIT_OK
    parts = [render(found.tenure_columns, found.tenures).rstrip("\n"), render(found.change_columns, found.changes)]
    if args.format == "table":
        parts = [f"{found.name}: posts and grades held", parts[0], "", "changes (as the notices state them)", parts[1]]
    else:
        parts.insert(1, "")
    text = "\n".join(parts)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return EXIT_OK


def cmd_doc(args: argparse.Namespace) -> int:
    from kg.doc import document_page, render

    if args.date is not None:
        queries.Param("date", "date", False, "").term(args.date)  # a clear error for a malformed date
    with graph_source(args) as store:
        page = document_page(store, args.number, args.date)
    sys.stdout.write(render(page, args.format))
    return EXIT_OK


def cmd_agency(args: argparse.Namespace) -> int:
    from kg.agency import profile, render

    with graph_source(args) as store:
        found = profile(store, args.name)
    sys.stdout.write(render(found, args.format))
    return EXIT_OK


def _network(args: argparse.Namespace):
    from kg.network import Network

    with graph_source(args) as store:
        return Network.load(store)


def _render_path(number: int, hops: list) -> list[str]:
    lines = [f"path {number}: {len(hops)} hop(s)"]
    for hop in hops:
        more = f" (+{hop.other_facts} more facts)" if hop.other_facts else ""
        lines.append(f"  {hop.describe()}{more}")
        where = "、".join(x for x in (hop.document, hop.date) if x)
        if where or hop.sentence:
            lines.append(f"      {where}: {hop.sentence}".rstrip(": "))
    return lines


def cmd_path(args: argparse.Namespace) -> int:
    import json
    from dataclasses import asdict

    from kg.analysis import paths, select

    network = _network(args)
    source, target = network.resolve(args.source), network.resolve(args.target)
    graph = select(network, kind=args.kind)
    found = paths(graph, source, target, limit=args.max)
    if args.format == "json":
        print(json.dumps([[asdict(h) for h in p] for p in found], ensure_ascii=False, indent=1))
        return EXIT_OK if found else EXIT_PARTIAL
    if not found:
        print(
            f"no connection between {network.nodes[source].label} and {network.nodes[target].label} "
            f"through {args.kind} facts"
        )
        return EXIT_PARTIAL
    lines: list[str] = []
    for number, hops in enumerate(found, start=1):
        lines += [*_render_path(number, hops), ""]
    sys.stdout.write("\n".join(lines))
    return EXIT_OK


def cmd_neighbours(args: argparse.Namespace) -> int:
    from kg.analysis import neighbours_table, select

    network = _network(args)
    centre = network.resolve(args.name)
    found = neighbours_table(select(network, kind=args.kind), centre, args.hops)
    sys.stdout.write(found.render(args.format))
    return EXIT_OK


def cmd_centrality(args: argparse.Namespace) -> int:
    from kg.analysis import centrality

    sys.stdout.write(centrality(_network(args), top=args.top).render(args.format))
    return EXIT_OK


def cmd_communities(args: argparse.Namespace) -> int:
    from kg.analysis import communities_table

    sys.stdout.write(communities_table(_network(args)).render(args.format))
    return EXIT_OK


def cmd_viz(args: argparse.Namespace) -> int:
    import time

    from kg.analysis import select
    from kg.viz import draw

    started = time.perf_counter()
    network = _network(args)
    focus = [network.resolve(name) for name in args.focus]
    graph = select(
        network,
        kind=args.kind,
        focus=focus,
        hops=args.hops,
        date_from=args.date_from,
        date_to=args.date_to,
        layers=args.layer or None,
        min_weight=args.min_weight,
    )
    if graph.number_of_nodes() == 0:
        raise QueryError("nothing to draw: no facts match this --kind / --from / --to selection")
    title = args.title or _viz_title(network, args, focus)
    picture = draw(graph, title=title, focus=focus, max_nodes=args.max_nodes)
    path = picture.save(args.output)
    if picture.message:
        print(picture.message, file=sys.stderr)
    print(
        f"wrote {path}: {picture.nodes} nodes, {picture.edges} edges, {path.stat().st_size / 1e6:.1f} MB, "
        f"in {time.perf_counter() - started:.1f} s",
        file=sys.stderr,
    )
    return EXIT_OK


def _viz_title(network, args: argparse.Namespace, focus: list[str]) -> str:
    parts = [{"people": "人员与机构", "agencies": "机构协作", "policies": "文件引用", "all": "全部"}[args.kind]]
    if focus:
        parts.append("、".join(network.nodes[f].label for f in focus) + f" ({args.hops} hop)")
    if args.date_from or args.date_to:
        parts.append(f"{args.date_from or '…'} – {args.date_to or '…'}")
    return " · ".join(parts)


def cmd_export(args: argparse.Namespace) -> int:
    from kg.export import export

    with graph_source(args) as source:
        store = source if isinstance(source, ox.Store) else source.snapshot()
        report = export(store, args.format, args.output)
    print(report.summary(), file=sys.stderr)
    return EXIT_OK


def cmd_push(args: argparse.Namespace) -> int:
    from kg.push import push
    from kg.remote import Endpoint

    endpoint = Endpoint(args.endpoint, update_url=args.update, store_url=args.graph_store, timeout=args.timeout)
    with open_for_reading(args.store) as store:
        report = push(store, endpoint, batch_size=args.batch, force=args.force)
    print(report.summary(), file=sys.stderr)
    return EXIT_OK


def cmd_stats(args: argparse.Namespace) -> int:
    from kg.output import as_table
    from kg.stats import compute

    with open_for_reading(args.store) as store:
        stats = compute(store)
    headline = ", ".join(f"{v} {k}" for k, v in stats.headline.items())
    print(f"{stats.quads} quads in {stats.graphs} named graphs: {headline}")
    import pyoxigraph as ox

    rows = [[ox.Literal(c), ox.Literal(str(n)), ox.Literal(str(t))] for c, n, t in stats.per_class]
    print(as_table(["class", "instances", "triples"], rows, max_cell=80))
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    from kg.validate import validate_store

    with open_for_reading(args.store) as store:
        result = validate_store(store)
    for v in result.violations[: args.limit]:
        print(f"{v.severity}: {v.focus} {v.path or ''}: {v.message}")
    if len(result.violations) > args.limit:
        print(f"… and {len(result.violations) - args.limit} more")
    verdict = "conforms" if result.conforms else f"does NOT conform ({len(result.violations)} results)"
    print(f"{result.triples} triples validated against ontology/shapes.ttl: {verdict}")
    return EXIT_OK if result.conforms else EXIT_PARTIAL


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="kg", description="Gazette knowledge graph: build, query, export.")
    top.add_argument("-v", "--verbose", action="store_true", help="log what happens (to stderr)")
    sub = top.add_subparsers(dest="command", required=True)

    def with_store(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        p.add_argument(
            "--store",
            type=Path,
            default=default_store_path(),
            help="store directory (default: $KG_STORE or .kg-store)",
        )
        return p

    def with_source(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        with_store(p)
        p.add_argument(
            "--endpoint",
            metavar="URL",
            help="ask this SPARQL 1.1 endpoint instead of the store (credentials: KG_ENDPOINT_USER and "
            "KG_ENDPOINT_PASSWORD, or a netrc file)",
        )
        p.add_argument("--timeout", type=float, default=60.0, help="seconds per request to --endpoint (default 60)")
        return p

    p = with_store(sub.add_parser("build", help="build gazette files or folders into the store"))
    p.add_argument("paths", nargs="+", help="gazette .txt files or folders of them")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.add_argument("-j", "--jobs", type=int, help="extraction processes (default: one per core; 1: in this process)")
    p.add_argument(
        "--prune", action="store_true", help="drop the graphs of files that are gone from the given folders"
    )
    p.add_argument("--force", action="store_true", help="re-extract files whose content has not changed")
    p.add_argument(
        "--optimize",
        action=argparse.BooleanOptionalAction,
        help="compact the store's index after the build (default: when the build wrote more than one batch, "
        "i.e. a big corpus, not a small update): lookups 2-3x faster at 10x the sample corpus, for 4 s more",
    )
    p.add_argument(
        "--dask",
        metavar="ADDRESS",
        help="extract on a Dask cluster: a scheduler address (tcp://host:8786) or 'local' (needs the dask extra)",
    )
    p.set_defaults(func=cmd_build)

    p = with_source(sub.add_parser("query", help="run a named query, a SPARQL string or a .rq file"))
    p.add_argument("name", nargs="?", help="named query (from queries/); omit to list them")
    p.add_argument("--param", action="append", default=[], metavar="NAME=VALUE", help="bind a parameter")
    p.add_argument("--sparql", help="a SPARQL query string")
    p.add_argument("--file", help="a file holding a SPARQL query")
    p.add_argument("--format", choices=sorted(FORMATS), default="table")
    p.add_argument("--allow-update", action="store_true", help="allow a SPARQL Update to change the store")
    p.set_defaults(func=cmd_query)

    p = with_source(sub.add_parser("facts", help="export facts as JSONL in the gold schema"))
    p.add_argument("--kind", action="append", help="only this kind (repeatable)")
    p.set_defaults(func=cmd_facts)

    p = with_source(
        sub.add_parser(
            "person",
            help="a person's timeline: posts and grades held, from/to, the notices, the raw changes",
            description="Every post and grade the person held (from the derived tenures), from when to when, "
            "concurrently or not, the notices (number and date) that started and ended each, then the "
            "appointments and removals as the notices state them. Exit status 2 when the name is unknown "
            "(similar names are suggested).",
        )
    )
    p.add_argument("name", help="the name as printed (季根寿); whitespace is ignored")
    p.add_argument(
        "--format", choices=sorted(FORMATS), default="table", help="table (two tables), csv (two blocks) or json"
    )
    p.set_defaults(func=cmd_person)

    p = with_source(
        sub.add_parser(
            "doc",
            help="a document: metadata, dates and status, what it cites, amends or repeals, and what cites it",
            description="The document with this number (any printed form: 衢政发[2018]14 号), printed in the store "
            "or known only from citations (a stub): issuers, signing date, entry into force, application and "
            "expiry dates, its status on a date (in force, not yet in force, expired, repealed, unknown), what it "
            "amends or repeals, what amended or repealed it, what it cites and what cites it, with the sentence "
            "that says so. Exit status 2 when no document has that number (numbers of the same series are "
            "suggested).",
        )
    )
    p.add_argument("number", help="the document number, canonical or as printed (衢政发〔2018〕14号)")
    p.add_argument("--date", help="the date of the status, YYYY-MM-DD (default: today)")
    p.add_argument(
        "--format", choices=sorted(FORMATS), default="table", help="table (text), csv (blocks) or json (one object)"
    )
    p.set_defaults(func=cmd_doc)

    p = with_source(
        sub.add_parser(
            "agency",
            help="an agency: full name, aliases, tasks led / shared / supported, groups, people, documents issued",
            description="The agency of this name (full name or any printed form, 市发改委): its full name and the "
            "forms it is printed under, the tasks it leads, shares (责任单位) and supports (配合单位) by document, the "
            "groups it sits in, the people known to work there (personnel posts, group affiliations, commendations) "
            "and the documents it issued. Exit status 2 when no agency has that name (similar names are suggested).",
        )
    )
    p.add_argument("name", help="the agency's name, full or as printed (市发改委); whitespace is ignored")
    p.add_argument("--format", choices=sorted(FORMATS), default="table", help="table, csv (blocks) or json")
    p.set_defaults(func=cmd_agency)

    kinds = ["people", "agencies", "policies", "all"]
    p = with_source(
        sub.add_parser(
            "path",
            help="the shortest connections between two entities, each hop with its sentence and document",
            description="Shortest paths between two people, agencies, groups or documents (names as printed, "
            "document numbers in any printed form, or IRIs) through the facts of the graph; each hop says which "
            "fact links the two ends, in which document, and quotes the sentence. Exit status 1 when they are "
            "not connected, 2 when a name is unknown or ambiguous.",
        )
    )
    p.add_argument("source", help="a person, agency, group or document (王征宇, 市发改委, 衢政发〔2018〕14号)")
    p.add_argument("target", help="the other end")
    p.add_argument("--max", type=int, default=3, help="at most this many shortest paths (default 3)")
    p.add_argument("--kind", choices=kinds, default="all", help="which facts may be walked (default all)")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(func=cmd_path)

    p = with_source(
        sub.add_parser(
            "neighbours",
            aliases=["neighbors"],
            help="everything within N hops of an entity, with the fact that reaches each neighbour",
        )
    )
    p.add_argument("name", help="a person, agency, group or document")
    p.add_argument("--hops", type=int, default=1, help="how far to go (default 1)")
    p.add_argument("--kind", choices=kinds, default="all", help="which facts may be walked (default all)")
    p.add_argument("--format", choices=sorted(FORMATS), default="table")
    p.set_defaults(func=cmd_neighbours)

    p = with_source(
        sub.add_parser(
            "centrality",
            help="which agencies sit at the centre of the task network (tasks, partners, betweenness, community)",
        )
    )
    p.add_argument("--top", type=int, default=20, help="show this many agencies (0: all)")
    p.add_argument("--format", choices=sorted(FORMATS), default="table")
    p.set_defaults(func=cmd_centrality)

    p = with_source(sub.add_parser("communities", help="clusters of agencies that work together (Louvain)"))
    p.add_argument("--format", choices=sorted(FORMATS), default="table")
    p.set_defaults(func=cmd_communities)

    p = with_source(
        sub.add_parser(
            "viz",
            help="draw the graph (or a part of it) as one self-contained, offline HTML page",
            description="An interactive network picture (pyvis/vis-network, embedded: works offline) with colours "
            "and shapes per kind, labels in Chinese and English, edge labels, tooltips quoting the evidence "
            "sentence and document, and a legend. Large selections are capped to the most connected nodes, with "
            "a message saying how to narrow them.",
        )
    )
    p.add_argument("-o", "--output", type=Path, default=Path("graph.html"), help="the HTML file (default graph.html)")
    p.add_argument("--focus", action="append", default=[], help="centre on this entity (repeatable)")
    p.add_argument("--hops", type=int, default=1, help="with --focus: how far from it (default 1)")
    p.add_argument("--kind", choices=kinds, default="all", help="people, agencies, policies or all (default)")
    p.add_argument("--from", dest="date_from", type=_iso_date, help="only facts of documents signed on/after")
    p.add_argument("--to", dest="date_to", type=_iso_date, help="only facts of documents signed on/before")
    p.add_argument(
        "--layer",
        action="append",
        choices=["personnel", "group", "commendation", "duty", "task", "issuer", "citation"],
        help="only these kinds of fact (repeatable)",
    )
    p.add_argument("--min-weight", type=int, default=1, help="--kind agencies: only pairs sharing this many facts")
    p.add_argument("--max-nodes", type=int, default=400, help="cap on drawn nodes (default 400)")
    p.add_argument("--title", help="page title")
    p.set_defaults(func=cmd_viz)

    p = with_source(
        sub.add_parser(
            "export",
            help="export the graph: Turtle, TriG, N-Quads, JSON-LD, GraphML (Gephi) or CSV tables",
        )
    )
    p.add_argument("--format", required=True, choices=["ttl", "trig", "nq", "jsonld", "graphml", "csv"])
    p.add_argument("-o", "--output", type=Path, required=True, help="the file (csv: a directory of tables)")
    p.set_defaults(func=cmd_export)

    p = with_store(
        sub.add_parser(
            "push",
            help="copy the store's named graphs to a SPARQL server (Graph Store Protocol or SPARQL Update)",
            description="Mirror the store on a server graph by graph: each named graph is replaced whole "
            "(pushing twice leaves one copy; a rebuilt document replaces its graph), graphs of ours the store "
            "no longer has are dropped, others are left alone. Credentials: KG_ENDPOINT_USER and "
            "KG_ENDPOINT_PASSWORD, or a netrc file ($NETRC or ~/.netrc), never the command line.",
        )
    )
    p.add_argument("--endpoint", required=True, metavar="URL", help="the server's SPARQL query URL")
    p.add_argument("--graph-store", metavar="URL", help="its Graph Store Protocol URL (Oxigraph: …/store)")
    p.add_argument("--update", metavar="URL", help="its SPARQL Update URL when no --graph-store (Oxigraph: …/update)")
    p.add_argument("--batch", type=int, default=20_000, help="triples per request (default 20000)")
    p.add_argument("--force", action="store_true", help="send every graph, even those unchanged since the last push")
    p.add_argument("--timeout", type=float, default=120.0, help="seconds per request (default 120)")
    p.set_defaults(func=cmd_push)

    p = with_store(sub.add_parser("stats", help="count documents, agencies, people and triples per class"))
    p.set_defaults(func=cmd_stats)

    p = with_store(sub.add_parser("validate", help="SHACL-validate the store against ontology/shapes.ttl"))
    p.add_argument("--limit", type=int, default=50, help="show at most this many results")
    p.set_defaults(func=cmd_validate)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )
    try:
        return args.func(args)
    except GazetteKGError as exc:
        print(f"kg: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
