"""A compact reading stream over part of the raw text, with a map back to raw offsets.

PDF conversion breaks sentences across lines, pages and — on two-column pages flattened into
markdown tables — across cells that interleave the columns. Fact patterns are easier to match
on the text a careful reader would reconstruct: lines joined without whitespace, and a two-column
table read column by column (left column top to bottom, then the right one). Every character of
the stream remembers its raw offset, so matches still give true spans into the raw text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from extractors.lines import Line, lines_between, table_cells
from extractors.records import Document, Span

_NON_SPACE = re.compile(r"\S+")  # str.isspace and \s agree on every character


@dataclass(slots=True)
class Stream:
    """Characters read in order, each with its offset in the raw text and its origin."""

    raw: str
    chars: list[str] = field(default_factory=list)
    offsets: list[int] = field(default_factory=list)
    from_table: list[bool] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(self.chars)

    def add(self, start: int, end: int, table: bool) -> None:
        """Append raw[start:end] without its whitespace (run by run: this is the extractors' innermost loop)."""
        for run in _NON_SPACE.finditer(self.raw, start, end):
            self.chars.extend(run.group())
            self.offsets.extend(range(run.start(), run.end()))
            self.from_table.extend([table] * (run.end() - run.start()))

    def mark(self, marker: str) -> None:
        """Append a virtual character (a column break) that stands at the last raw offset read."""
        if self.chars and self.chars[-1] != marker:
            self.chars.append(marker)
            self.offsets.append(self.offsets[-1])
            self.from_table.append(True)

    def span(self, start: int, end: int) -> Span:
        """The raw span that covers stream characters ``[start, end)``."""
        if start >= end:
            at = self.offsets[start] if start < len(self.offsets) else len(self.raw)
            return Span(at, at, "")
        return Span.of(self.raw, self.offsets[start], self.offsets[end - 1] + 1)

    def any_table(self, start: int, end: int) -> bool:
        return any(self.from_table[start:end])


def _table_block(lines: list[Line], i: int) -> int:
    """Index one past the last row of the table starting at line ``i``."""
    j = i
    while j < len(lines) and lines[j].is_table_row:
        j += 1
    return j


def read_stream(raw: str, lines: list[Line], column_break: str | None = None) -> Stream:
    """Read ``lines`` (a region of the raw text) as a careful reader would.

    With ``column_break``, that character is put after each table column, so that a sentence cut
    at the bottom of the left column is not silently glued to the top of the right one.
    """
    stream = Stream(raw)
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.is_table_row:
            end = _table_block(lines, i)
            rows = [table_cells(ln) for ln in lines[i:end]]
            columns = max((len(r) for r in rows), default=0)
            for column in range(columns):
                for cells in rows:
                    cell = next((c for c in cells if c.column == column), None)
                    if cell is not None and cell.text:
                        stream.add(cell.span.start, cell.span.end, table=True)
                if column_break:
                    stream.mark(column_break)
            i = end
            continue
        stream.add(line.start, line.end, table=False)
        i += 1
    return stream


def document_body_stream(raw: str, document: Document, column_break: str | None = "\x00") -> Stream:
    """The stream of a document's body: from the end of its number line to the document's end.

    Several extractors read the same body (citations, personnel, policy dates): it is read once per document
    and shared, so callers must not change the stream they get.
    """
    return _body_stream(raw, document.number_span.end, document.span.end, column_break)


@lru_cache(maxsize=8)
def _body_stream(raw: str, start: int, end: int, column_break: str | None) -> Stream:
    lines = lines_between(raw, start, end)
    return read_stream(raw, lines, column_break=column_break)
