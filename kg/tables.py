"""A small result table that prints in a terminal, renders (escaped) in Jupyter and exports to CSV.

Analysis functions and notebook helpers return a :class:`Table` rather than a pandas frame so the
tool does not need pandas; ``to_pandas()`` converts when it is installed.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from kg.output import FORMATS, Term, plain


@dataclass(frozen=True, slots=True)
class Table:
    columns: list[str]
    rows: list[list[Term]]
    title: str = ""

    def __len__(self) -> int:
        return len(self.rows)

    def render(self, fmt: str = "table") -> str:
        """The table as text (``table``), ``csv`` or SPARQL-results ``json``."""
        text = FORMATS[fmt](self.columns, self.rows)
        if fmt == "table" and self.title:
            text = f"{self.title}\n{text}"
        return text if text.endswith("\n") else text + "\n"

    def __str__(self) -> str:
        return self.render()

    def records(self) -> list[dict[str, str]]:
        """Rows as dictionaries of plain strings (IRIs and lexical values)."""
        return [{c: plain(v) for c, v in zip(self.columns, row, strict=True)} for row in self.rows]

    def column(self, name: str) -> list[str]:
        at = self.columns.index(name)
        return [plain(row[at]) for row in self.rows]

    def head(self, n: int = 10) -> Table:
        return Table(self.columns, self.rows[:n], self.title)

    def to_pandas(self):
        import pandas as pd

        return pd.DataFrame(self.records(), columns=self.columns)

    def _repr_html_(self, limit: int = 50) -> str:
        """Jupyter display: every cell escaped, so a name holding ``<script>`` shows as text."""
        head = "".join(f"<th>{html.escape(c)}</th>" for c in self.columns)
        body = "".join(
            "<tr>" + "".join(f"<td>{html.escape(plain(v))}</td>" for v in row) + "</tr>" for row in self.rows[:limit]
        )
        more = f"<p>… {len(self.rows) - limit} more rows</p>" if len(self.rows) > limit else ""
        caption = f"<caption>{html.escape(self.title)}</caption>" if self.title else ""
        return f"<table>{caption}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{more}"


def table(columns: Sequence[str], rows: Sequence[Sequence[Term]], title: str = "") -> Table:
    return Table(list(columns), [list(r) for r in rows], title)
