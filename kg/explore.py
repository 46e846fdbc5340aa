"""One object for notebooks: open (or build) a store, then query, analyse and draw it.

Notebooks must tell their story with the tool's own API, never with helpers defined in the
notebook, so everything a story needs is one method call away here. Each method delegates to
the module that owns the job (queries, network, analysis, viz, person, doc, agency).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox

from kg import analysis, queries
from kg.errors import StoreError
from kg.network import Network
from kg.tables import Table, table

#: The sample gazettes shipped with the repository (``data/gazettes``).
BUNDLED_CORPUS = Path(__file__).resolve().parent.parent / "data" / "gazettes"


@dataclass
class Explorer:
    """A read-only view of one store, with the network loaded on first use."""

    store_path: Path
    _store: ox.Store | None = field(default=None, repr=False)
    _network: Network | None = field(default=None, repr=False)
    _owned: Path | None = field(default=None, repr=False)  # a temp dir this object made: removed on close()

    @classmethod
    def open(cls, store_path: str | Path) -> Explorer:
        from kg.store import exists

        path = Path(store_path)
        if not exists(path):
            raise StoreError(f"no knowledge-graph store at {path}: build one with Explorer.build(...) or `kg build`")
        return cls(path)

    @classmethod
    def build(cls, corpus: str | Path | Iterable[str | Path] = BUNDLED_CORPUS, store_path: str | Path | None = None):
        """Build gazette files (default: the bundled sample) into a store (default: a fresh temp dir)."""
        from kg.build import build

        inputs = [Path(corpus)] if isinstance(corpus, str | Path) else [Path(p) for p in corpus]
        owned = None if store_path else Path(tempfile.mkdtemp(prefix="gazette-kg-"))
        path = Path(store_path) if store_path else owned / "store"
        report = build(inputs, path)
        if not report.built:
            if owned:
                shutil.rmtree(owned, ignore_errors=True)
            raise StoreError(f"nothing was built from {', '.join(map(str, inputs))}")
        explorer = cls(path)
        explorer._owned = owned
        return explorer

    def __enter__(self) -> Explorer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def store(self) -> ox.Store:
        if self._store is None:
            self._store = ox.Store.read_only(str(self.store_path))
        return self._store

    @property
    def network(self) -> Network:
        if self._network is None:
            self._network = Network.load(self.store)
        return self._network

    # ------------------------------------------------------------------ tables

    def query(self, name: str, **params: str | int) -> Table:
        """A named query (``queries/NAME.rq``) with its parameters, as a table."""
        columns, rows = queries.run_named(self.store, name, {k: str(v) for k, v in params.items()})
        return table(columns, rows, queries.load(name).title)

    def sparql(self, text: str) -> Table:
        """Any SELECT query over the union of the named graphs."""
        columns, rows = queries.run_select(self.store, text)
        return table(columns, rows)

    def person(self, name: str) -> Table:
        """A person's posts and grades over time (``kg person``)."""
        from kg.person import timeline

        found = timeline(self.store, name)
        return table(found.tenure_columns, found.tenures, f"{found.name}: posts and grades held")

    def centrality(self, top: int | None = 20) -> Table:
        return analysis.centrality(self.network, top=top)

    def communities(self) -> Table:
        return analysis.communities_table(self.network)

    def neighbours(self, name: str, hops: int = 1, kind: str = "all") -> Table:
        network = self.network
        return analysis.neighbours_table(analysis.select(network, kind=kind), network.resolve(name), hops)

    def paths(self, source: str, target: str, limit: int = 3, kind: str = "all") -> Table:
        """Shortest connections, one row per hop, with the sentence that makes the link."""
        network = self.network
        graph = analysis.select(network, kind=kind)
        found = analysis.paths(graph, network.resolve(source), network.resolve(target), limit)
        rows = [
            [n, i, hop.describe(), hop.document, hop.date, hop.sentence]
            for n, hops in enumerate(found, start=1)
            for i, hop in enumerate(hops, start=1)
        ]
        return table(["path", "hop", "link", "document", "date", "sentence"], rows, f"{source} → {target}")

    # ------------------------------------------------------------------ graphs and pictures

    def graph(
        self,
        kind: str = "all",
        focus: Iterable[str] = (),
        hops: int = 1,
        date_from: str | None = None,
        date_to: str | None = None,
        layers: Iterable[str] | None = None,
        min_weight: int = 1,
    ) -> nx.Graph:
        """The selection a picture shows (see :func:`kg.analysis.select`); ``focus`` names resolve as in ``kg path``."""
        network = self.network
        centres = [network.resolve(name) for name in focus]
        return analysis.select(
            network,
            kind=kind,
            focus=centres,
            hops=hops,
            date_from=date_from,
            date_to=date_to,
            layers=layers,
            min_weight=min_weight,
        )

    def draw(
        self,
        graph: nx.Graph | None = None,
        *,
        title: str = "",
        focus: Iterable[str] = (),
        max_nodes: int = 400,
        height: str = "720px",
        **selection: Any,
    ) -> Any:  # a kg.viz.Picture: imported lazily, so that pyvis loads only when a picture is drawn
        """A pyvis picture (shown inline by Jupyter) of ``graph`` or of a selection (``kind=``, ``hops=`` …)."""
        from kg.viz import draw

        names = list(focus)
        centres = [self.network.resolve(name) for name in names]
        if graph is None:
            graph = self.graph(focus=names, **selection)
        title = title or "、".join(names) or "gazette-kg"
        return draw(graph, title=title, focus=centres, max_nodes=max_nodes, height=height)

    def close(self) -> None:
        """Forget the store; remove it too when :meth:`build` made it in a temporary directory."""
        self._store = None
        self._network = None
        if self._owned is not None:
            shutil.rmtree(self._owned, ignore_errors=True)
            self._owned = None
