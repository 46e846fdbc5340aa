"""Task-assignment tables (TSV or markdown) with 责任单位 / 牵头单位 / 配合单位 … columns.

A table is a run of table rows, continued over page breaks (blank lines, repeated header rows); a
header row directly below another refines it (sub-columns). Only tables with an agency column are
read. Per row (layout damage, docs §6.3 and §6.5):

- agency cells are found by content as well as by column: a cell in an agency column, an unlabelled
  column or any cell with a ``X牵头`` marker, if it parses as agency lists;
- where columns carry roles (牵头 vs 责任 vs 配合), a row shifted against its header is realigned: its
  long task text sits right of the task column, or its agency cells overflow the header;
- a row with task text but no agency inherits the assignment above (a merged cell); a row without
  task text repeating its neighbour's assignment, a row printed twice, the first row after a
  repeated header that repeats the last row, totals rows and blank reporting forms are dropped;
  the same string printed in two sub-columns counts once;
- the task is the row's most specific task text; ``(n)`` sub-items under a numbered heading
  (``1. …``) take the heading; sub-items in one cell pair with the lists of the row in order; a
  table without a task column takes its caption.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

from extractors.agency_lists import BOUNDARY, LEAD_MARK, Assignment, View, parse_assignment, segments, view_of
from extractors.lines import Cell, Line, compact, table_cells
from extractors.records import Span

ColumnKind = Literal["lead", "responsible", "support", "leader", "task", "deadline", "other", "empty"]
Group = tuple[Assignment, int]  # an assignment and the (realigned) column it was printed in

_LEADER_HEADER = re.compile(r"^(?:牵头|责任|联系)(?:市)?领导$")
_LEAD_HEADER = re.compile(r"^(?:主要)?(?:牵头|主办|主责)(?:单位|部门|处室|科室)$")
_SUPPORT_HEADER = re.compile(r"^(?:配合|协办|协助|参与|协作|协同)(?:单位|部门|处室|科室)$")
_RESP_HEADER = re.compile(r"^(?:主要|具体)?(?:整改)?(?:责任|实施|承办|落实)(?:单位|部门|主体|处室|科室)$")
_TASK_HEADER = re.compile(r"任务(?!数)|项目|内容|要求|课题|事项|措施|工作(?!阶段|重点)")
_DEADLINE_HEADER = re.compile(r"时限|完成时间|时间节点|进度安排|完成期限")
_PROGRESS_HEADER = re.compile(r"进度情况|进展情况|完成情况|实施情况|落实情况|^(?:工作)?(?:进度|进展)$")
_NAME_HEADER = re.compile(r"名称|事项|项目|任务(?!数)|内容")
_NUMBERED_HEADING = re.compile(r"^[(（]?\d{1,3}[.、．](?!\d)\s*(?P<text>\S.*)$")
_SUB_ITEM = re.compile(r"^[(（]\d{1,3}[)）]")
_SUB_SPLIT = re.compile(r"(?=[(（]\d{1,3}[)）])")
_SUB_NUMBER = re.compile(r"\d{1,3}\.\d{1,3}")
_LEADING_NUMBER = re.compile(r"^(?:\d{1,3}\.\d{1,3}|[(（]?[0-9０-９一二三四五六七八九十]{1,3}[)）.、．])\s*")
_CLAUSE = re.compile(r"[。;；,，]")
_TOTAL = re.compile(r"^(?:合计|总计|小计|共计)$")
_RULE = re.compile(r"^\s*:?-*:?\s*$")  # markdown rule cells (``|----|--|``)
_ATTACHMENT_LABEL = re.compile(r"^-?\s*附[件表]\s*\d*\s*[:：]?\s*$")
_TASK_MAX = 40
_AGENCY_KINDS = ("lead", "responsible", "support")
_NAME = re.compile(r"[^、,，;；\s\x1f]+")


@dataclass(frozen=True, slots=True)
class TableAssignment:
    """One assignment read from a table row (or from one sub-item of a row)."""

    task: str | None
    task_span: Span | None
    assignment: Assignment | None  # None for a row's leaders (``leaders``)
    column: ColumnKind  # the kind of column the agencies were printed in
    header: str  # that column's label as printed (责任单位, 牵头单位, …) or "" when unlabelled
    deadline: str | None
    evidence: Span  # the row
    repaired: bool  # realigned, inherited from a merged cell, or paired with sub-items by position
    leaders: tuple[tuple[str, Span], ...] = ()  # names or offices in a 牵头领导 / 责任领导 column


@dataclass(slots=True)
class _Header:
    labels: dict[int, str]
    kinds: dict[int, ColumnKind]

    def kind(self, column: int) -> ColumnKind:
        return self.kinds.get(column, "empty")

    @property
    def agency_columns(self) -> list[int]:
        return sorted(c for c, k in self.kinds.items() if k in _AGENCY_KINDS)

    @property
    def text_column(self) -> int | None:
        """The most specific task column left of the agency columns."""
        first = min((c for c, k in self.kinds.items() if k in (*_AGENCY_KINDS, "leader")), default=len(self.kinds))
        tasks = [c for c, k in self.kinds.items() if k == "task" and c < first]
        return max(tasks) if tasks else None

    def signature(self) -> tuple[str, ...]:
        return tuple(v for _, v in sorted(self.labels.items()) if v)


def _column_kind(label: str) -> ColumnKind:
    for pattern, kind in (
        (_LEADER_HEADER, "leader"),
        (_LEAD_HEADER, "lead"),
        (_SUPPORT_HEADER, "support"),
        (_RESP_HEADER, "responsible"),
    ):
        if pattern.match(label):
            return kind
    if not label:
        return "empty"
    if _DEADLINE_HEADER.search(label):
        return "deadline"
    return "task" if _TASK_HEADER.search(label) and not re.search("序号|编号", label) else "other"


def _header_of(cells: list[Cell]) -> _Header | None:
    """A header row: short labels, at least one of them an agency column label."""
    labels = {c.column: compact(c.text) for c in cells}
    kinds = {c: _column_kind(v) for c, v in labels.items()}
    if not any(k in (*_AGENCY_KINDS, "leader") for k in kinds.values()) or any(len(v) > 20 for v in labels.values()):
        return None
    return _Header(labels, kinds)


def _data_cells(line: Line) -> list[Cell]:
    cells = table_cells(line)
    return [] if all(_RULE.match(c.text) for c in cells) else cells


def table_runs(lines: list[Line]) -> list[list[Line]]:
    """Runs of table rows, a run continuing over blank lines (page breaks) to the next rows."""
    runs: list[list[Line]] = []
    current: list[Line] = []
    for line in lines:
        if line.is_table_row:
            current.append(line)
        elif not line.blank and current:
            runs.append(current)
            current = []
    return [*runs, current] if current else runs


def read_tables(raw: str, lines: list[Line]) -> list[TableAssignment]:
    """Every assignment printed in the task tables among ``lines`` (one document)."""
    out: list[TableAssignment] = []
    for run in table_runs(lines):
        if not _blank_form(run):
            out += _read_run(raw, run, _caption(lines, run[0]))
    return out


def _blank_form(run: list[Line]) -> bool:
    """A table whose progress column (实施进度情况 …) is empty in every row is a form to fill in (§6.6)."""
    progress: set[int] = set()
    filled: set[int] = set()
    for line in run:
        cells = _data_cells(line)
        if _header_of(cells) is not None:
            progress |= {c.column for c in cells if _PROGRESS_HEADER.search(compact(c.text))}
        else:
            filled |= {c.column for c in cells if c.text.strip()}
    return bool(progress) and bool(filled) and not progress & filled


def _caption(lines: list[Line], first: Line) -> Line | None:
    """The nearest short line above a table that is not an attachment label."""
    above = [ln for ln in lines if ln.index < first.index and not ln.blank][-3:]
    for line in reversed(above):
        if _ATTACHMENT_LABEL.match(line.text):
            continue
        text = line.stripped
        ok = not line.is_table_row and len(compact(text)) <= 60 and not text.endswith(("。", ":", "："))
        return line if ok else None
    return None


# --- one row ------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Row:
    line: Line
    cells: dict[int, Cell]
    views: dict[int, View]
    agency: dict[int, list[Assignment]]  # realigned column -> the assignments of that cell
    agency_text: dict[int, str]
    texts: dict[int, str]  # printed column -> compact text of the other non-empty cells
    shifted: int


def _row(raw: str, line: Line, cells: list[Cell], header: _Header) -> _Row:
    views = {c.column: view_of(raw, c.span.start, c.span.end, keep_space=True) for c in cells if c.text.strip()}
    found: dict[int, list[Assignment]] = {}
    texts: dict[int, str] = {}
    for column, view in views.items():
        kind = header.kind(column)
        beyond = column > max(header.kinds, default=0)
        if kind in (*_AGENCY_KINDS, "empty") or beyond or LEAD_MARK.search(view.text):
            parsed = _agency_cell(view)
            if parsed is not None:
                found[column] = parsed
                continue
        texts[column] = compact(view.text)
    shift = _shift(found, texts, header)
    return _Row(
        line,
        {c.column: c for c in cells},
        views,
        {column - shift: a for column, a in found.items()},
        {column - shift: compact(views[column].text) for column in found},
        texts,
        shift,
    )


def _agency_cell(view: View) -> list[Assignment] | None:
    """The assignments of a cell, or None when the cell is not (only) agency lists."""
    out = [a for a in (parse_assignment(view, i, j) for i, j in segments(view)) if a is not None and a.mentions]
    bad = sum(a.junk for a in out)
    good = sum(len(a.mentions) for a in out) - bad
    return None if good == 0 or (bad and (good < 2 or 2 * bad > good)) else out


def _shift(found: dict[int, list[Assignment]], texts: dict[int, str], header: _Header) -> int:
    """How far a row's cells sit right of their header (only when the agency columns carry roles)."""
    if len({header.kinds[c] for c in header.agency_columns}) < 2 or not found:
        return 0
    text_column = header.text_column
    long_cells = [c for c, t in texts.items() if len(t) >= 8]
    if text_column is not None and long_cells:
        shift = max(long_cells, key=lambda c: len(texts[c])) - text_column
        if 0 < shift <= 2 and all(c - shift in header.kinds for c in found):
            return shift
    columns = header.agency_columns
    overflow = max(found) - columns[-1]
    return overflow if overflow > 0 and min(found) - overflow >= columns[0] else 0


def _groups(row: _Row, header: _Header) -> list[Group]:
    """The row's assignments: lead cells paired with member cells, repeated cells dropped."""
    kept: list[int] = []
    complete = False
    for column in sorted(row.agency):
        if row.agency_text[column] in {row.agency_text[c] for c in kept}:
            continue  # the same string printed in two sub-columns
        whole = any(a.complete for a in row.agency[column])
        if whole and complete and header.kind(column) not in ("lead", "support"):
            continue  # a second complete assignment for one row: a repeated merged cell
        complete = complete or whole
        kept.append(column)
    leads: list[Group] = []
    members: list[Group] = []
    out: list[Group] = []
    for column in kept:
        kind = header.kind(column)
        cell = row.agency[column]
        if kind in ("lead", "support") and BOUNDARY not in row.views[column + row.shifted].text:
            cell = _merge_plain(cell)  # ``市国土局 市农业局``: one list in a lead or support column
        for a in cell:
            if kind == "lead":
                leads.append((replace(a, leads=a.members, members=(), plain=False) if a.plain else a, column))
            elif a.leads and not a.members:
                leads.append((a, column))  # ``X牵头`` alone: its members follow
            else:
                (members if a.plain else out).append((a, column))
    if not leads or not members:
        return out + members + leads
    for n, (a, column) in enumerate(members):
        if len(leads) != len(members) and len(leads) != 1 and n >= len(leads):
            out.append((a, column))
            continue
        lead = leads[n if len(leads) == len(members) or (n < len(leads) and len(leads) > 1) else 0][0]
        support = header.kind(column) == "support" or a.member_role == "support"
        out.append(
            (replace(a, leads=lead.leads, member_role="support" if support else "responsible", plain=False), column)
        )
    return out + (leads[len(members) :] if len(leads) > len(members) > 0 and len(leads) != 1 else [])


def _merge_plain(cell: list[Assignment]) -> list[Assignment]:
    if len(cell) > 1 and all(a.plain and len(a.members) == 1 for a in cell):
        return [replace(cell[0], members=tuple(m for a in cell for m in a.members))]
    return cell


# --- tasks --------------------------------------------------------------------------------------


def _task_of(row: _Row, header: _Header) -> tuple[str | None, Span | None, tuple[str, Span] | None]:
    """The row's task text (its most specific task cell) and a numbered heading printed in the row."""
    numbered: tuple[str, Span] | None = None
    best: int | None = None
    for column, text in sorted(row.texts.items()):
        kind = header.kind(column - row.shifted)
        if kind == "deadline" or _only_numbers(row.cells[column].text) or not _wordy(text):
            continue
        m = _NUMBERED_HEADING.match(_strip_markup(text))
        if m and kind in ("task", "other", "empty"):
            numbered = (_clause(m["text"]), row.cells[column].span)
        if (kind in ("task", "empty") or (kind == "other" and m)) and len(_strip_number(text)) >= 2:
            best = column
    if best is None:
        return None, None, numbered
    view = row.views[best]
    first = next((p for p in view.text.split(BOUNDARY) if p.strip()), view.text)
    at = view.text.find(first)
    return _clause(compact(first)), view.span(at, at + len(first)), numbered


def _item_text(row: _Row, header: _Header) -> str | None:
    """Text in (or right of) the most specific task column: the row is an item, not a heading."""
    tasks = [c for c, k in header.kinds.items() if k == "task"]
    if not tasks:
        return "".join(row.texts.values()) or None
    for column, text in row.texts.items():
        kind = header.kind(column - row.shifted)
        if (
            column >= max(tasks)
            and kind not in ("deadline", "leader")
            and len(_strip_number(text)) >= 2
            and _wordy(text)
        ):
            return text
    return None


def _pair(row: _Row, groups: list[Group], task: tuple[str | None, Span | None], heading: str) -> list:
    """(task, group, paired?) for each group: sub-items of the task cell pair with the lists in order.

    When the counts differ the sub-items left over get no assignment (nothing is invented); tasks
    printed side by side (``| 43.1 | 43.2 | text | text |``) share a single assignment cell.
    """
    if len(groups) == 1 and (parallel := _parallel_tasks(row)):
        return [(t, groups[0], True) for t in parallel]
    parts = _parts(row, len(groups), heading) if len(groups) > 1 else None
    if not parts:
        return [(task, g, False) for g in _one_list(groups)]
    return [(parts[min(n, len(parts) - 1)], g, len(parts) != len(groups)) for n, g in enumerate(groups)]


def _one_list(groups: list[Group]) -> list[Group]:
    """Lists of one cell (``<p>A</p><p>B</p>``, ``A B``) with no sub-items to pair with are one list, as ``A、B``."""
    if len(groups) < 2 or len({column for _, column in groups}) > 1 or not all(a.plain for a, _ in groups):
        return groups
    first = groups[0][0]
    members = tuple(m for a, _ in groups for m in a.members)
    role = groups[-1][0].member_role  # a tail (``… 配合``) speaks for the whole list, as after ``A、B、C``
    return [(replace(first, members=members, member_role=role, junk=sum(a.junk for a, _ in groups)), groups[0][1])]


def _parallel_tasks(row: _Row) -> list[tuple[str, Span]] | None:
    numbered = [c for c, cell in row.cells.items() if _SUB_NUMBER.fullmatch(compact(cell.text))]
    texts = [c for c, t in sorted(row.texts.items()) if _wordy(t) and len(t) >= 6 and c > max(numbered, default=-1)]
    if len(numbered) >= 2 and len(texts) == len(numbered):
        return [(_clause(_strip_markup(row.texts[c])), row.cells[c].span) for c in texts]
    return None


def _parts(row: _Row, count: int, heading: str) -> list[tuple[str, Span]] | None:
    """Sub-items of the row's last text cell: numbers, markup paragraphs, ``(n)`` items or sentences."""
    column = max(row.texts, default=None)
    if column is None:
        return None
    view = row.views[column]
    text = view.text
    if _only_numbers(text):
        numbers = text.split()
        return [(f"{heading}({n})", view.span(0, len(text))) for n in numbers] if len(numbers) == count else None
    flat = text.replace(BOUNDARY, "")
    splits = [text.split(BOUNDARY), _SUB_SPLIT.split(flat), [p + "。" for p in flat.split("。")]]
    cleaned = [[p for p in parts if p.strip(" 。" + BOUNDARY)] for parts in splits]
    chosen = next((parts for parts in cleaned if len(parts) == count), cleaned[0] if len(cleaned[0]) > 1 else None)
    if chosen is None:
        return None
    out = []
    at = 0
    for part in chosen:
        core = part.strip(" 。" + BOUNDARY)
        i = text.find(core, at)
        at = at if i < 0 else i + len(core)
        span = view.span(0, len(text)) if i < 0 else view.span(i, i + len(core))
        out.append((heading if heading and _SUB_ITEM.match(compact(core)) else _clause(compact(core)), span))
    return out


# --- a whole table ------------------------------------------------------------------------------


@dataclass(slots=True)
class _Entry:
    """A data row with what the first pass learnt about it."""

    row: _Row
    header: _Header
    task: tuple[str | None, Span | None]
    heading: tuple[str, Span] | None  # the numbered heading in force (printed here or above)
    own_heading: bool
    after_header: bool  # the first row after a repeated header (a page break)
    groups: list[Group]
    item_text: str | None
    number: str | None  # a sub-item number printed alone (``7.2``)

    @property
    def bare(self) -> bool:
        """No task text and no heading of its own: a pseudo-row printing a merged cell."""
        return not self.item_text and not self.own_heading


def _entries(raw: str, run: list[Line]) -> list[_Entry]:
    """First pass: headers (repeated, or refined by a sub-header row), rows, headings, tasks."""
    header: _Header | None = None
    heading: tuple[str, Span] | None = None
    after_header = previous_was_header = False
    printed: tuple[str, ...] = ()
    out: list[_Entry] = []
    for line in run:
        cells = _data_cells(line)
        new = _header_of(cells) if cells else None
        if new is not None:
            if header is not None and previous_was_header:
                header = _Header(
                    {**header.labels, **{c: v for c, v in new.labels.items() if v}},
                    {**header.kinds, **{c: new.kinds[c] for c, v in new.labels.items() if v}},
                )
            elif header is not None and new.signature() == printed:
                after_header = True
            else:
                header, after_header = new, False
            printed, previous_was_header = new.signature(), True
            continue
        previous_was_header = False
        if (
            header is None
            or not any(c.text.strip() for c in cells)
            or any(_TOTAL.match(compact(c.text)) for c in cells)
        ):
            continue
        row = _row(raw, line, cells, header)
        task, span, numbered = _task_of(row, header)
        heading = numbered or heading
        number = next((c.text.split()[0] for c in cells if _only_numbers(c.text)), None)
        out.append(
            _Entry(
                row,
                header,
                (task, span),
                heading,
                numbered is not None,
                after_header,
                _groups(row, header),
                _item_text(row, header),
                number,
            )
        )
        after_header = False
    return out


def _read_run(raw: str, run: list[Line], caption: Line | None) -> list[TableAssignment]:
    """Second pass: drop repeated and pseudo rows, inherit merged cells, pair sub-items, emit."""
    entries = _entries(raw, run)
    out: list[TableAssignment] = []
    kept: _Entry | None = None
    for k, e in enumerate(entries):
        following = entries[k + 1] if k + 1 < len(entries) else None
        if kept is not None and _texts(kept.row) == _texts(e.row):
            continue  # a row printed twice
        if e.after_header and kept is not None and e.task[0] and kept.task[0] == e.task[0]:
            continue  # the page-break repeat of the last row
        groups, repaired = e.groups, bool(e.row.shifted)
        task = _row_task(e, caption)
        if leaders := _leaders(e):
            label = next((v for c, v in e.header.labels.items() if e.header.kinds[c] == "leader"), "")
            out.append(TableAssignment(*task, None, "leader", label, None, e.row.line.span(), False, leaders))
        if not groups:
            if not e.item_text or kept is None or not kept.groups:
                continue
            groups, repaired = kept.groups, True  # a merged agency cell spans this row
        elif e.bare and following is not None and following.groups and _agencies(following) == _agencies(e):
            continue  # a pseudo-row repeating the merged cell of the row below
        elif e.bare and e.number is None and kept is not None and _agencies(kept) == _agencies(e):
            continue  # … or of the row above
        deadline = next((t for c, t in e.row.texts.items() if e.header.kind(c - e.row.shifted) == "deadline"), None)
        for (t, span), (assignment, column), paired in _pair(e.row, groups, task, e.heading[0] if e.heading else ""):
            out.append(
                TableAssignment(
                    t,
                    span,
                    assignment,
                    e.header.kind(column),
                    e.header.labels.get(column, ""),
                    deadline,
                    e.row.line.span(),
                    repaired or paired,
                )
            )
        e.groups = groups
        kept = e
    return out


def _leaders(e: _Entry) -> tuple[tuple[str, Span], ...]:
    out = []
    for column in e.row.texts:
        if e.header.kind(column) == "leader":
            view = e.row.views[column]
            out += [(m.group(), view.span(m.start(), m.end())) for m in _NAME.finditer(view.text)]
    return tuple(out)


def _row_task(e: _Entry, caption: Line | None) -> tuple[str | None, Span | None]:
    if e.heading is not None and e.item_text and _SUB_ITEM.match(_strip_markup(e.item_text)):
        return e.heading
    if e.task[0] is not None:
        return e.task
    if e.number is not None:
        return f"{e.heading[0] if e.heading else ''}({e.number})", e.row.line.span()
    if e.heading is not None:
        return e.heading
    if caption is not None and "task" not in e.header.kinds.values():
        return _caption_task(caption)
    return None, None


# A caption names the table, not the task: ``…企业整治任务分工表`` sets the task ``…企业整治``.
_TABLE_WORD = re.compile(r"(?:(?:任务|责任|工作)?(?:分工|分解)|任务|一览)表$")


def _caption_task(caption: Line) -> tuple[str, Span]:
    """The task a caption names: its text without the word for the table itself (kept when nothing else is left)."""
    span = caption.span()
    m = _TABLE_WORD.search(span.text)
    if m and len(compact(span.text[: m.start()])) >= 4:
        span = Span(span.start, span.start + m.start(), span.text[: m.start()])
    return compact(span.text), span


def row_tasks(run: list[Line]) -> list[tuple[str, Span, Span]]:
    """(task, task span, row span) of each data row of a table whose agency is named above it.

    ``责任单位:市经信委`` ⏎ (a table of items): each row is one task of that agency; the task is the cell
    under a name or task header (事项名称, 项目 …), else the row's first worded cell.
    """
    out: list[tuple[str, Span, Span]] = []
    header: tuple[str, ...] | None = None
    named: list[int] = []
    for line in run:
        cells = _data_cells(line)
        texts = tuple(compact(c.text) for c in cells)
        if not cells or texts == header:
            continue
        if header is None:
            header, named = texts, [c.column for c in cells if _NAME_HEADER.search(compact(c.text))]
            continue
        by_col = {c.column: c for c in cells}
        chosen = next((by_col[c] for c in named if c in by_col and _wordy(by_col[c].text)), None)
        chosen = chosen or next((c for c in cells if _wordy(c.text)), None)
        if chosen is not None:
            out.append((_clause(compact(chosen.text)), chosen.span, line.span()))
    return out


# --- text helpers -------------------------------------------------------------------------------


def _texts(row: _Row) -> list[str]:
    return [compact(c.text) for c in row.cells.values()]


def _agencies(e: _Entry) -> list[str]:
    return sorted(e.row.agency_text.values())


def _wordy(text: str) -> bool:
    """Task text has words, not only figures (``130``, ``-``)."""
    return len(re.findall(r"[\u4e00-\u9fa5]", text)) >= 2


def _only_numbers(text: str) -> bool:
    """A cell holding only sub-item numbers (``48.1 48.2``)."""
    tokens = text.split()
    return bool(tokens) and all(_SUB_NUMBER.fullmatch(t) for t in tokens)


def _strip_markup(text: str) -> str:
    return re.sub(r"</?[a-z]+[^>]*>", "", text)


def _strip_number(text: str) -> str:
    text = _strip_markup(text)
    while (shorter := _LEADING_NUMBER.sub("", text)) != text:
        text = shorter
    return text.rstrip("。")


def _clause(text: str) -> str:
    """A short task: the text up to its first clause break, at most ``_TASK_MAX`` characters."""
    text = _strip_number(text)
    m = _CLAUSE.search(text)
    return (text[: m.start()] if m and m.start() >= 4 else text)[:_TASK_MAX]
