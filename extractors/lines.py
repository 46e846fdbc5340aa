"""Lines of the raw text with their character offsets, and table-cell helpers.

Offsets always point into the raw text: extractors read normalised views of a line but report
spans of the original characters.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from functools import lru_cache

from extractors.records import Span

_WS = re.compile(r"\s+")
_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the raw text: ``raw[start:end] == text`` (without the newline)."""

    index: int
    start: int
    end: int
    text: str
    # Read again and again by every extractor (a tenth of their time went to these as properties): computed once.
    stripped: str = field(init=False, repr=False, compare=False)
    blank: bool = field(init=False, repr=False, compare=False)
    is_table_row: bool = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        stripped = self.text.strip()
        object.__setattr__(self, "stripped", stripped)
        object.__setattr__(self, "blank", not stripped)
        object.__setattr__(self, "is_table_row", stripped.startswith("|") or "\t" in stripped)

    def span(self) -> Span:
        """Span of the line without its leading and trailing whitespace."""
        lead = len(self.text) - len(self.text.lstrip())
        return Span(self.start + lead, self.start + lead + len(self.stripped), self.stripped)


def split_lines(raw: str) -> list[Line]:
    """Split the text into lines, keeping each line's offsets."""
    lines: list[Line] = []
    pos = 0
    for index, text in enumerate(raw.split("\n")):
        lines.append(Line(index, pos, pos + len(text), text))
        pos += len(text) + 1
    return lines


def lines_between(raw: str, start: int, end: int) -> list[Line]:
    """The lines of ``raw[start:end]``, with offsets into ``raw`` (a document's body, read by every extractor)."""
    return list(_lines_between(raw, start, end))


@lru_cache(maxsize=16)
def _lines_between(raw: str, start: int, end: int) -> tuple[Line, ...]:
    lines = []
    pos = start
    for index, text in enumerate(raw[start:end].split("\n")):
        lines.append(Line(index, pos, pos + len(text), text))
        pos += len(text) + 1
    return tuple(lines)


def compact(text: str) -> str:
    """Remove all whitespace: PDF line wraps become spaces inside titles and names."""
    return _WS.sub("", text)


@dataclass(frozen=True, slots=True)
class Cell:
    column: int
    span: Span

    @property
    def text(self) -> str:
        return self.span.text


@lru_cache(maxsize=1 << 14)
def table_cells(line: Line) -> tuple[Cell, ...]:
    """Cells of a markdown (``| a | b |``) or tab-separated row, with spans; () for other lines.

    Cached: every extractor reads the cells of the same table rows again (a third of their calls went here).
    """
    text = line.text
    if _TABLE_SEPARATOR.match(text):
        return ()
    if text.lstrip().startswith("|"):
        bounds = [i for i, ch in enumerate(text) if ch == "|"]
        pieces = list(itertools.pairwise(bounds))
    elif "\t" in text.strip():
        bounds = [-1, *[i for i, ch in enumerate(text) if ch == "\t"], len(text)]
        pieces = list(itertools.pairwise(bounds))
    else:
        return ()
    cells = []
    for column, (left, right) in enumerate(pieces):
        inner = text[left + 1 : right]
        lead = len(inner) - len(inner.lstrip())
        body = inner.strip()
        start = line.start + left + 1 + lead
        cells.append(Cell(column, Span(start, start + len(body), body)))
    return tuple(cells)


def compact_slice(span: Span, start: int, end: int) -> Span:
    """The raw span of ``compact(span.text)[start:end]``: offsets stay true to the raw text."""
    positions = [i for i, ch in enumerate(span.text) if not ch.isspace()]
    if start >= end or start >= len(positions):
        return Span(span.start, span.start, "")
    first = positions[start]
    last = positions[min(end, len(positions)) - 1] + 1
    return Span(span.start + first, span.start + last, span.text[first:last])
