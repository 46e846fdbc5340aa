"""The masthead of an issue: title, year and month(s), 期 numbers and 总第N期.

Items stand one per line within the first lines of the issue; unknown short lines (``QUZHOU``,
print licences, circulation notes) are skipped, never fatal.
"""

from __future__ import annotations

import re

from extractors.lines import Line
from extractors.records import IssueMeta, Span

_W = r"[ \t\u3000]*"
_CN_NUM = "0-9一二三四五六七八九十〇"
TITLE = re.compile(rf"^{_W}(?P<title>[\u4e00-\u9fa5]{{2,8}}政[報报]){_W}$")
MONTH = re.compile(
    rf"^{_W}(?P<y>(?:19|20)\d{{2}}){_W}年{_W}(?P<m1>\d{{1,2}})(?:{_W}[、\-—~至]{_W}(?P<m2>\d{{1,2}}))?{_W}月{_W}$"
)
NUMBER = re.compile(rf"^{_W}第{_W}(?P<n>[{_CN_NUM}]+(?:{_W}[、\-—]{_W}[{_CN_NUM}]+)*){_W}期{_W}$")
TOTAL = re.compile(rf"^{_W}[(（]?{_W}总第{_W}(?P<t>\d+(?:{_W}[、\-—]{_W}\d+)*){_W}期{_W}[)）]?{_W}$")
# The masthead sits above the table of contents; stop looking there.
TOC_HEAD = re.compile(rf"^{_W}目{_W}录{_W}$")
_MAX_LINES = 40


def parse_masthead(raw: str, lines: list[Line]) -> IssueMeta:
    """Read the masthead from the first lines; fields not found stay empty."""
    title = year = None
    months: tuple[int, ...] = ()
    numbers: tuple[str, ...] = ()
    totals: tuple[int, ...] = ()
    first = last = None
    for line in lines[:_MAX_LINES]:
        text = line.text
        if TOC_HEAD.match(text):
            break
        found = True
        if title is None and (m := TITLE.match(text)):
            title = m["title"].replace("報", "报")
        elif year is None and (m := MONTH.match(text)):
            year = int(m["y"])
            months = tuple(int(v) for v in (m["m1"], m["m2"]) if v)
        elif not numbers and (m := NUMBER.match(text)):
            numbers = tuple(p for p in re.split(r"[、\-—\s]+", m["n"]) if p)
        elif not totals and (m := TOTAL.match(text)):
            totals = tuple(int(p) for p in re.split(r"[、\-—\s]+", m["t"]) if p)
        else:
            found = False
        if found:
            first = first if first is not None else line
            last = line
    span = Span.of(raw, first.start, last.end) if first and last else None
    return IssueMeta(title, year, months, numbers, totals, span)
