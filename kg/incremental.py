"""Incremental builds: which files to extract again, which earlier records they replace, what prune removes.

The manifest graph records per source file its path(s), the sha256 of its bytes, the extraction version, the
issue it holds and the named graphs it produced. A build compares the files it is given with those records:

- **unchanged**: a record has the same path, the same hash and the same version, and keeps its entity ledger
  (``kg.entities``). Nothing is extracted or written for the file. The version (``pipeline_version``) is the
  segmenter's plus a fingerprint of the code and data of the ``kg``, ``extractors`` and ``ontology`` packages:
  the extractors' VERSION strings are not bumped for every change, and a stale graph that looks current is
  worse than re-extracting after an upgrade (or an edit of any module: over-cautious, never stale).
- **to extract**: every other file.

A file extracted replaces the records of the same path or of the same issue (a newer conversion of an issue
replaces the older one, as before). Records of one issue share graphs (the issue graph, the document graphs), so
replacing one replaces all the records of its issue (``replaced``), and an unchanged input file whose record goes
that way is extracted again (the caller loops until nothing more is drawn in). So the graphs of every issue are
always the product of the current files of that issue: what a build from scratch gives.

**Prune** (``stale``): a record with a path that lies under one of the folders given to the build and no longer
exists on disk. Only the folders given: building folder B never prunes what folder A built, and a file named
explicitly exists (or the build stops). Paths are recorded as given to the build, so a relative one is resolved
against the current directory: prune from the directory you built from. A record with another path still in the
input is extracted again rather than dropped, so that its manifest record loses the vanished path.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

from kg import ids
from kg.quads import RDF_TYPE
from ontology.terms import DCTERMS, GK

_MANIFEST = ox.NamedNode(ids.MANIFEST_GRAPH)
_PACKAGES = ("kg", "extractors", "ontology")
_CODE_SUFFIXES = frozenset({".py", ".ttl", ".tsv", ".json", ".csv"})


@dataclass(frozen=True, slots=True)
class SourceRecord:
    """One ``gk:SourceFile`` of the manifest, as far as planning a build needs it."""

    iri: str
    paths: frozenset[str]
    content_hash: str
    version: str
    issue: str | None
    graphs: frozenset[str]
    has_ledger: bool


@dataclass(frozen=True, slots=True)
class Stale:
    """A record prune removes (or re-extracts, if it has a path still in the input), with its vanished paths."""

    record: SourceRecord
    gone: tuple[str, ...]


@lru_cache(maxsize=8)
def pipeline_version(extractor: str) -> str:
    """``extractor`` + a fingerprint of the installed code and data that extraction may depend on."""
    root = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for package in _PACKAGES:
        for path in sorted((root / package).rglob("*")):
            if path.suffix in _CODE_SUFFIXES and "__pycache__" not in path.parts and path.is_file():
                digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
                digest.update(path.read_bytes() + b"\0")
    return f"{extractor}+code.{digest.hexdigest()[:12]}"


def file_hash(path: Path) -> str | None:
    """``sha256:<hex>`` of the file's bytes (as ``kg.reader`` records it), or None when it cannot be read."""
    try:
        return "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def read_records(store: ox.Store) -> list[SourceRecord]:
    """The source-file records of the manifest graph, in IRI order."""
    sources = {q.subject.value for q in store.quads_for_pattern(None, RDF_TYPE, ox.NamedNode(GK.SourceFile), _MANIFEST)}
    values: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    wanted = {str(GK.path), str(GK.contentHash), str(GK.extractorVersion), str(DCTERMS.isPartOf), str(GK.graph)}
    for quad in store.quads_for_pattern(None, None, None, _MANIFEST):
        predicate = quad.predicate.value
        if quad.subject.value not in sources:
            continue
        if predicate == str(GK.entityStatements):
            values[quad.subject.value]["ledger"].add("")  # only whether it is there: the text can be large
        elif predicate in wanted:
            values[quad.subject.value][predicate].add(quad.object.value)
    records = []
    for source in sorted(sources):
        fields = values[source]
        records.append(
            SourceRecord(
                iri=source,
                paths=frozenset(fields[str(GK.path)]),
                content_hash=min(fields[str(GK.contentHash)], default=""),
                version=min(fields[str(GK.extractorVersion)], default=""),
                issue=min(fields[str(DCTERMS.isPartOf)], default=None),
                graphs=frozenset(fields[str(GK.graph)]),
                has_ledger=bool(fields["ledger"]),
            )
        )
    return records


def unchanged(files: Sequence[Path], records: Iterable[SourceRecord], version: str) -> set[str]:
    """Paths of ``files`` whose record has the same path, hash and version (and a ledger): nothing to extract."""
    by_path: dict[str, list[SourceRecord]] = defaultdict(list)
    for record in records:
        if record.version == version and record.has_ledger:
            for path in record.paths:
                by_path[path].append(record)
    same = set()
    for file in files:
        candidates = by_path.get(str(file))
        if candidates and file_hash(file) in {r.content_hash for r in candidates}:
            same.add(str(file))
    return same


def stale(records: Iterable[SourceRecord], inputs: Sequence[str | Path]) -> list[Stale]:
    """Records with a path under one of the input folders that no longer exists (see the module docstring)."""
    folders = [Path(p).resolve() for p in inputs if Path(p).is_dir()]
    found = []
    for record in records:
        gone = tuple(
            path
            for path in sorted(record.paths)
            if not Path(path).exists() and any(Path(path).resolve().is_relative_to(f) for f in folders)
        )
        if gone:
            found.append(Stale(record, gone))
    return found


def replaced(
    records: Iterable[SourceRecord], paths: set[str], issues: set[str], seeds: Iterable[SourceRecord] = ()
) -> list[SourceRecord]:
    """Records that go: ``seeds``, those of a path or an issue just extracted, and all that share an issue with one."""
    records = list(records)
    chosen = {r.iri: r for r in seeds}
    chosen |= {r.iri: r for r in records if r.paths & paths or (r.issue is not None and r.issue in issues)}
    while True:
        shared = {r.issue for r in chosen.values() if r.issue is not None}
        more = {r.iri: r for r in records if r.iri not in chosen and r.issue in shared}
        if not more:
            return sorted(chosen.values(), key=lambda r: r.iri)
        chosen |= more


def remove(store: ox.Store, records: Iterable[SourceRecord]) -> int:
    """Delete the named graphs and the manifest records of ``records``; returns the number of graphs deleted."""
    records = list(records)
    graphs = sorted({g for r in records for g in r.graphs})
    for graph in graphs:
        store.remove_graph(ox.NamedNode(graph))
    for record in records:
        for quad in list(store.quads_for_pattern(ox.NamedNode(record.iri), None, None, _MANIFEST)):
            store.remove(quad)
    return len(graphs)
