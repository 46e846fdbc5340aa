"""Build the knowledge graph from gazette files into the embedded store.

Each file is read, segmented and mapped on its own: a file that cannot be read or holds no
recognisable document is reported (path and reason) and skipped, the rest of the input is still
processed. All changes land in one atomic swap of the store; rebuilding a file replaces the
graphs it produced before (no duplicates), so builds are idempotent.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

import ontology
from extractors.records import SegmentedIssue
from extractors.segment import VERSION as SEGMENTER_VERSION
from extractors.segment import segment_issue
from kg import ids
from kg.derive import derive
from kg.errors import ExtractionError, GazetteKGError
from kg.mapping import MappedIssue, SourceInfo, map_issue
from kg.reader import iter_input_files, read_text
from kg.store import staged_writer
from ontology.terms import DCTERMS, GK

log = logging.getLogger(__name__)

EXTRACTOR = SEGMENTER_VERSION


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file that was not built, and why."""

    path: str
    reason: str


@dataclass(slots=True)
class BuildReport:
    """What a build did: files built, documents and quads written, files skipped."""

    built: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    documents: int = 0
    quads: int = 0
    findings: list[tuple[str, str, str]] = field(default_factory=list)  # path, code, message
    removed_graphs: int = 0
    derived: dict[str, int] = field(default_factory=dict)  # tenures, successions, rename candidates

    @property
    def ok(self) -> bool:
        return not self.skipped


def extract_file(path: Path) -> tuple[MappedIssue, SegmentedIssue]:
    """Read, segment and map one file; raises ``GazetteKGError`` subclasses on bad input."""
    decoded = read_text(path)
    segmented = segment_issue(decoded.text)
    if not segmented.documents:
        raise ExtractionError(
            path, "no document recognised (no line holding only a document number such as 衢政发〔2018〕11号)"
        )
    source = SourceInfo(str(path), path.name, decoded.sha256, decoded.encoding)
    mapped = map_issue(decoded.text, segmented, source, EXTRACTOR)
    return mapped, segmented


def _graphs_to_replace(store: ox.Store, paths: set[str], issues: set[str]) -> tuple[set[str], set[str]]:
    """Graphs and manifest records left by earlier builds of the same files or the same issues."""
    query = f"""
        SELECT ?src ?path ?issue ?g WHERE {{
          GRAPH <{ids.MANIFEST_GRAPH}> {{
            ?src <{GK.path}> ?path ; <{DCTERMS.isPartOf}> ?issue .
            OPTIONAL {{ ?src <{GK.graph}> ?g }}
          }}
        }}"""
    graphs: set[str] = set()
    sources: set[str] = set()
    for row in store.query(query):
        if row["path"].value in paths or row["issue"].value in issues:
            sources.add(row["src"].value)
            if row["g"] is not None:
                graphs.add(row["g"].value)
    return graphs, sources


def _load_vocabulary(store: ox.Store) -> None:
    """Keep the ontology (labels of classes, sections, document types) in its own named graph."""
    graph = ox.NamedNode(ids.ONTOLOGY_GRAPH)
    store.remove_graph(graph)
    store.load(ontology.ontology_path().read_bytes(), format=ox.RdfFormat.TURTLE, to_graph=graph)


def _prune_entities(store: ox.Store) -> None:
    """Drop shared entity descriptions that no document, issue or manifest graph refers to any more.

    The derived graph does not count: it is recomputed from the other graphs right after (a stale
    tenure must not keep alive a person no document names any more). A registry successor
    (``gk:successorOrganization``) lives as long as the agency that points to it, so pruning runs
    until nothing more goes (a pruned agency takes its successor link with it).
    """
    entities, derived = ids.ENTITIES_GRAPH, ids.DERIVED_GRAPH
    update = f"""DELETE {{ GRAPH <{entities}> {{ ?e ?p ?o }} }}
        WHERE {{
          GRAPH <{entities}> {{ ?e ?p ?o }}
          FILTER NOT EXISTS {{ GRAPH ?g {{ ?x ?q ?e }} FILTER(?g != <{entities}> && ?g != <{derived}>) }}
          FILTER NOT EXISTS {{ GRAPH <{entities}> {{ ?source <{GK.successorOrganization}> ?e }} }}
        }}"""
    for _ in range(4):
        before = len(store)
        store.update(update)
        if len(store) == before:
            break


def build(
    inputs: Sequence[str | Path],
    store_path: Path,
    progress: Callable[[Sequence[Path]], Sequence[Path]] | None = None,
) -> BuildReport:
    """Build ``inputs`` (files or folders) into the store at ``store_path``."""
    report = BuildReport()
    files = iter_input_files(inputs)
    mapped: list[MappedIssue] = []
    for path in progress(files) if progress else files:
        try:
            issue, segmented = extract_file(path)
        except GazetteKGError as exc:
            log.info("skipped %s: %s", path, exc)
            report.skipped.append(Skipped(str(path), str(exc)))
            continue
        mapped.append(issue)
        report.built.append(str(path))
        report.documents += len(segmented.documents)
        report.findings += [(str(path), f.code, f.message) for f in segmented.findings]
    if not mapped:
        return report
    with staged_writer(store_path) as store:
        paths = {q.object.value for m in mapped for q in m.source_quads if q.predicate.value == str(GK.path)}
        stale_graphs, stale_sources = _graphs_to_replace(store, paths, {m.issue_iri for m in mapped})
        for graph in sorted(stale_graphs):
            store.remove_graph(ox.NamedNode(graph))
        manifest = ox.NamedNode(ids.MANIFEST_GRAPH)
        for source in sorted(stale_sources):
            for quad in list(store.quads_for_pattern(ox.NamedNode(source), None, None, manifest)):
                store.remove(quad)
        report.removed_graphs = len(stale_graphs)
        _load_vocabulary(store)
        for issue in mapped:
            for quads in issue.graphs.values():
                store.extend(quads)
                report.quads += len(quads)
            store.extend(issue.source_quads)
            store.extend(issue.entity_quads)
            report.quads += len(issue.source_quads) + len(issue.entity_quads)
        _prune_entities(store)
        report.derived = derive(store)
    return report
