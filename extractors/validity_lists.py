"""Normative-document clean-up lists (规范性文件清理): which documents stay valid, are to be
revised, are repealed or declared invalid.

Such a notice prints tables or numbered lists (row number, document title, document number …)
under status headings (``一、继续有效的规范性文件(共35件)``, ``附件2 决定废止的规范性文件目录``), and
sometimes a status column or a status word fused into the title cell. One declaration per row;
a row's own status wins over its heading's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors import docnumber
from extractors.lines import Line, compact, lines_between, table_cells
from extractors.records import Document, Span

VERSION = "validity-lists-1"

# Status words, most specific first: 宣布失效 before 失效, 修改 before 有效 (拟修改后继续有效).
_STATUSES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("invalid", re.compile(r"宣布失效|已失效|失效")),
    ("repealed", re.compile(r"废止|予以撤销")),
    ("to_amend", re.compile(r"拟修改|需修改|予以修改|修改|修订")),
    ("in_force", re.compile(r"继续有效|继续施行|继续执行|保留|有效")),
)
STATUS_LABELS = {"invalid": "失效", "repealed": "废止", "to_amend": "拟修改", "in_force": "有效"}
_CLEANUP_TITLE = re.compile(r"清理|废止|失效|继续有效|宣布")
_NUMBER = re.compile(
    r"[\u4e00-\u9fa5]{1,16}\s*[〔\[［【(（]\s*(?:19|20)\d{2}\s*[〕\]］】)）]\s*\d{1,4}\s*号|[\u4e00-\u9fa5]{2,12}令第\d{1,4}号"
)
_HEADING_MAX = 60


@dataclass(frozen=True, slots=True)
class ValidityDeclaration:
    """One row of a clean-up list: the document and the status the notice declares for it."""

    title: str | None
    number: str | None  # canonical
    status: str  # in_force | to_amend | repealed | invalid
    span: Span  # the row


def status_of(text: str) -> str | None:
    for status, pattern in _STATUSES:
        if pattern.search(text):
            return status
    return None


def _is_heading(line: Line) -> bool:
    text = compact(line.text)
    return (
        0 < len(text) <= _HEADING_MAX
        and not line.is_table_row
        and not _NUMBER.search(text)
        and ("文件" in text or "目录" in text or "清单" in text or "件" in text)
    )


def _row_fields(line: Line) -> tuple[str | None, str | None, str | None]:
    """Title, number and status printed on one row (table cells, or one line of a numbered list)."""
    cells = [compact(c.text) for c in table_cells(line)] or [compact(line.text)]
    number = title = status = None
    for cell in cells:
        m = _NUMBER.search(cell)
        if m and number is None:
            number = docnumber.canonical(m.group())
            rest = (cell[: m.start()] + cell[m.end() :]).strip("()（）")
            if len(rest) >= 6 and title is None:
                title = rest
            continue
        if re.fullmatch(r"\d{1,4}[.、]?", cell) or not cell:
            continue
        own = status_of(cell) if len(cell) <= 12 else None
        if own is not None:
            status = own
        elif title is None and len(cell) >= 6:
            title = cell
    if title:
        title = re.sub(r"^\d{1,4}[.、．]", "", title).strip("《》")
        fused = re.search(r"(继续有效|宣布失效|废止|失效|拟修改)$", title)
        if fused and len(title) > len(fused.group()) + 4:
            status = status or status_of(fused.group())
            title = title[: fused.start()]
    return title, number, status


def extract_validity_declarations(raw: str, document: Document) -> list[ValidityDeclaration]:
    """Rows of the clean-up lists printed in a clean-up notice (nothing for other documents)."""
    if not _CLEANUP_TITLE.search(document.title):
        return []
    start, end = document.number_span.end, document.span.end
    lines = lines_between(raw, start, end)
    current: str | None = None
    out: list[ValidityDeclaration] = []
    seen: set[tuple[str | None, str | None]] = set()
    for line in lines:
        if line.blank:
            continue
        if _is_heading(line):
            current = status_of(compact(line.text)) or current
            continue
        title, number, own = _row_fields(line)
        status = own or current
        if status is None or number is None or (title is None and number is None):
            continue
        key = (number, title)
        if key in seen:
            continue  # rows printed twice
        seen.add(key)
        out.append(ValidityDeclaration(title, number, status, line.span()))
    return out
