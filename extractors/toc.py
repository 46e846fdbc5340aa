"""The table of contents (目录): sections, entry titles, document numbers and pages.

The TOC is not authoritative (titles are abridged or wrong, documents go missing); it serves to
assign each document its section and to cross-check the segmentation.
Entries wrap over several lines, with dotted or no leaders and the page alone on the next line.
"""

from __future__ import annotations

import re

from extractors import docnumber
from extractors.lines import Line, compact
from extractors.records import Span, TocEntry

_W = r"[ \t\u3000]*"
TOC_HEAD = re.compile(rf"^{_W}目{_W}录{_W}$")
# The imprint (编辑委员会 in 2018, a publisher block 主办单位 in other years) ends the TOC.
IMPRINT_HEAD = re.compile(rf"^{_W}(?:编{_W}辑{_W}委{_W}员{_W}会|主{_W}办{_W}单{_W}位|主{_W}办)")
KNOWN_SECTIONS = ("市政府令", "市政府文件", "市府办文件", "机构与人事", "部门规范性文件")
_SECTION_WORD = r"(?:令|文件|人事|通告|公告|其他|要闻|动态)"
# Bullets (``- 市政府令``, ``●机构与人事``), numbering (``一、机构与人事``, ``（二）市政府文件``) or brackets
# (``【市政府文件】``, ``〔市府办文件〕``) around a section's name.
_BULLET = r"[-●•◆■▲◎○*]"
_NUMBERING = r"(?:[一二三四五六七八九十]{1,3}[、.．]|[(（][一二三四五六七八九十]{1,3}[)）]|[0-9０-９]{1,2}[、.．])"
SECTION = re.compile(
    rf"^{_W}(?:{_BULLET}{_W})?(?:{_NUMBERING}{_W})?(?P<open>[【〔\[［])?{_W}"
    rf"(?P<name>(?![\u4e00-\u9fa5]*?(?:关于|的))[\u4e00-\u9fa5]{{2,12}}{_SECTION_WORD}){_W}(?(open)[】〕\]］]){_W}$"
)
_SECTION_DECORATION = re.compile(rf"^(?:{_BULLET})?(?:{_NUMBERING})?[【〔\[［]?|[】〕\]］]$")
_NUMBER = (
    r"[\u4e00-\u9fa5]+\s*[〔\[［【(（]\s*\d{4}\s*[〕\]］】)）]\s*\d+\s*号"
    r"|[\u4e00-\u9fa5]+令\s*第\s*(?:\d+|[〇零一二两三四五六七八九十百千]+)\s*号"
)
ENTRY = re.compile(
    rf"^(?P<title>.*?)[(（]\s*(?P<no>{_NUMBER})\s*[)）]\s*(?:[.…·。]{{2,}}|…+)?\s*(?P<page>\d+)\s*$",
    re.S,
)
ENTRY_NO_NUMBER = re.compile(r"^(?P<title>.*?)\s*(?:[.…·。]{2,}|…+)\s*(?P<page>\d+)\s*$", re.S)
_COVER_WORD = re.compile(r"^\s*[A-Z]{3,}\s*$")
_MAX_ENTRY_LINES = 5


def toc_bounds(lines: list[Line], limit: int | None = None) -> tuple[int, int | None] | None:
    """Line indexes ``(first, end)`` of the TOC entries: after 目录, up to the imprint.

    The imprint is looked for only before ``limit`` (the first document number), so that a body
    line such as ``主办单位:市统计局`` is never taken for it. ``end`` is ``None`` when no imprint
    follows; the caller then ends the TOC at the first document.
    """
    head = next((ln.index for ln in lines[:200] if TOC_HEAD.match(ln.text)), None)
    if head is None:
        return None
    end = next((ln.index for ln in lines[head + 1 : limit] if IMPRINT_HEAD.match(ln.text)), None)
    return head + 1, end


def section_name(text: str) -> str | None:
    """The section a TOC header line names, without its bullet; ``None`` for other lines."""
    m = SECTION.match(text)
    if m:
        return m["name"]
    bare = _SECTION_DECORATION.sub("", compact(text))
    return bare if bare in KNOWN_SECTIONS else None


def parse_toc(raw: str, lines: list[Line], first: int, end: int) -> tuple[list[TocEntry], list[Span]]:
    """Parse the TOC lines ``[first, end)``; also return spans of lines that made no entry."""
    entries: list[TocEntry] = []
    leftovers: list[Span] = []
    section: str | None = None
    buffer: list[Line] = []
    for line in lines[first:end]:
        if line.blank or _COVER_WORD.match(line.text):
            continue
        name = section_name(line.text) if not buffer else None
        if name:
            section = name
            continue
        buffer.append(line)
        joined = " ".join(b.stripped for b in buffer)
        entry = _entry(raw, joined, buffer, section)
        if entry is not None:
            entries.append(entry)
            buffer = []
        elif len(buffer) >= _MAX_ENTRY_LINES:
            leftovers.append(Span.of(raw, buffer[0].start, buffer[-1].end))
            buffer = []
    if buffer:
        leftovers.append(Span.of(raw, buffer[0].start, buffer[-1].end))
    return entries, leftovers


def _entry(raw: str, joined: str, buffer: list[Line], section: str | None) -> TocEntry | None:
    span = Span.of(raw, buffer[0].start + len(buffer[0].text) - len(buffer[0].text.lstrip()), buffer[-1].end)
    m = ENTRY.match(joined)
    if m:
        return TocEntry(section, compact(m["title"]), docnumber.parse(m["no"]), int(m["page"]), span)
    m = ENTRY_NO_NUMBER.match(joined)
    if m and compact(m["title"]):
        return TocEntry(section, compact(m["title"]), None, int(m["page"]), span)
    return None
