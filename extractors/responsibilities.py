"""Task responsibilities: which agency leads, is responsible for or supports which task of a document
(and which leader leads it), from labelled lists in prose and from task-assignment tables.

Prose forms (docs §4.4, §4.5):

- labelled lists ``(责任单位:A、B、C)``, ``(责任部门:…)``, ``(牵头单位:X;责任单位:Y、Z)`` and tagged
  lines (``牵头单位:`` ``牵头部门:`` ``配合单位:`` ``责任主体:`` …, e.g. after a numbered task or in a
  research-topic block); a bracketed list runs on over a page break;
- every 牵头 entry is a ``lead``; a 责任 list leads with its first agency and the others are
  ``responsible`` — unless its item names a 牵头 list, then all are responsible (positions restart);
  配合 lists are ``support``; ``牵头领导`` / ``联系领导`` give ``lead_leader`` (a name or an office);
- a tagged line heading a table of items (``责任单位:市经信委`` ⏎ table) covers each row;
- narrative ``X作为/是…的牵头部门``; a convention clause (``…排在第一位的为牵头单位…下同``) turns
  later unlabelled bracketed agency lists of the document into 责任 lists.

Tables: see ``extractors.task_tables``. The task is the heading or first clause of the item a list
belongs to (≤ 40 characters); records are unique on (task, agency or leader, role, position).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from extractors.agency_lists import CLOSE, OPEN, Assignment, View, agency_like, normalise, parse_assignment, view_of
from extractors.lines import Line, compact, lines_between, table_cells
from extractors.records import Document, Finding, Span
from extractors.task_tables import TableAssignment, read_tables, row_tasks

VERSION = "responsibilities-1"

Role = Literal["lead", "responsible", "support", "lead_leader"]


@dataclass(frozen=True, slots=True)
class Responsibility:
    """One agency (or leader) named for one task of a document.

    ``agency`` is printed as written (whitespace removed, half-width brackets, ``各县(市、区)政府``
    whole); ``expanded`` is the name with a distributive 市 or suffix applied, or None. ``list_kind``
    is the label or column header of the list (责任单位, 牵头部门, 配合单位, 责任主体, 牵头领导, …;
    ``牵头`` for an ``X牵头`` marker, ``convention`` for a list governed by a 下同 clause).
    """

    task: str | None
    task_span: Span | None
    agency: str | None
    span: Span | None  # the agency or leader name as printed
    leader: str | None  # for lead_leader: a person or an office string, as printed
    role: Role
    position: int  # 1-based in its list (a list after a 牵头 list restarts at 1)
    list_kind: str
    deadline: str | None  # 完成时限 cell, ``时间节点:…2018年4月20日前``, ``…月底前`` in the list
    layout: Literal["prose", "table"]
    evidence: Span
    alias: str | None = None  # 铁办 in 市发改委(铁办)
    expanded: str | None = None
    repaired: bool = False  # a table row realigned, inherited from a merged cell or paired by position


_LEAD = "牵头单位|牵头部门|牵头处室|主办单位|主责单位"
_RESP = "责任单位|责任部门|责任主体|实施单位|承办单位|整改责任单位"
_SUPPORT = "配合单位|配合部门|协办单位|协办部门|参与单位|参与部门|协作单位|协作部门|协同单位|协同部门"
_LEADER = "牵头领导|联系领导|责任领导"
LABEL = re.compile(rf"(?:主要|具体)?(?P<label>{_LEADER}|{_LEAD}|{_SUPPORT}|{_RESP})[:：]")
_COLUMN_LABEL = re.compile(rf"(?:主要|具体)?(?:{_LEAD}|{_RESP}|{_SUPPORT})")
_DEADLINE_LABEL = re.compile(r"(?:完成时间|完成时限|时间节点|时间要求|完成期限)[:：]")
_OTHER_LABEL = re.compile(r"[\u4e00-\u9fa5]{2,7}[:：]")
CONVENTION = re.compile(
    r"(?:列|排|放)?(?:在)?(?:第一|首)位?的?(?:单位|部门)?(?:为|是)牵头(?:单位|部门)[^。]{0,40}?下同"
)
_NARRATIVE = re.compile(r"(?:作为|是)(?P<task>[^,，。;；:：]{2,40}?)的牵头(?:部门|单位)")
_HEADING = re.compile(
    r"(?:[(（][一二三四五六七八九十百]{1,3}[)）]|[一二三四五六七八九十百]{1,3}、|\d{1,3}[.、．](?!\d)|[(（]\d{1,3}[)）]"
    r"|(?:课题|专题|子课题)[一二三四五六七八九十百\d]{1,4}[:：、.．])"  # a research-topic heading: 课题一:…
)
_NUMERAL = "〇○零一二三四五六七八九十"
_DATE_LINE = re.compile(
    rf"(?:\d{{4}}|[{_NUMERAL}]{{4}})年(?:\d{{1,2}}|[{_NUMERAL}]{{1,2}})月(?:\d{{1,2}}|[{_NUMERAL}]{{1,3}})日"
)
DATE_PHRASE = re.compile(
    r"(?:\d{4}年)?\d{1,2}月(?:\d{1,2}日)?(?:底|中旬|上旬|下旬|份)?(?:前|之前|以前)?|\d{4}年底?前?|年底前"
)
_SENTENCE_END = "。;；:：!！?？)）”》"
_CLAUSE_END = re.compile(r"[。;；,，:：!！?？]")
_TASK_MAX = 40


def extract_responsibilities(raw: str, document: Document) -> tuple[list[Responsibility], list[Finding]]:
    """Every task responsibility printed in ``document`` (a span of ``raw``), with spans into ``raw``."""
    start, end = document.number_span.end, document.span.end
    lines = lines_between(raw, start, end)
    findings: list[Finding] = []
    records = _prose(raw, lines, findings)
    records += [r for t in read_tables(raw, lines) for r in _from_table(t)]
    return _dedup(records), findings


def _records(
    a: Assignment,
    kind: str,
    label: str,
    task: tuple[str | None, Span | None],
    deadline: str | None,
    layout: Literal["prose", "table"],
    evidence: Span,
    repaired: bool = False,
) -> list[Responsibility]:
    """The records of one assignment. ``kind`` says how a list without 牵头 marker reads: ``lead`` (all
    lead), ``first`` (the first leads, the others are responsible), ``member`` (all responsible),
    ``support`` (all support)."""
    roles: list[tuple[Role, int, str]] = []
    if not a.plain:
        roles += [("lead", n, "牵头" if kind != "lead" else label) for n in range(1, len(a.leads) + 1)]
        member: Role = "support" if a.member_role == "support" or kind == "support" else "responsible"
        count = {"responsible": 0, "support": 0}
        for m in a.members:
            own: Role = "support" if m.mark == "support" else member  # ``A(牵头)、B、C(配合)``: C supports
            count[own] += 1
            roles.append((own, count[own], label))  # positions restart at 1 for each role
    else:
        for n in range(1, len(a.members) + 1):
            if kind == "lead" or (kind == "first" and n == 1):
                role: Role = "lead"
            elif kind == "support" or (kind == "member" and a.member_role == "support"):
                role = "support"
            else:
                role = "responsible"
            roles.append((role, n, label))
    return [
        Responsibility(
            task[0],
            task[1],
            m.name,
            m.span,
            None,
            role,
            n,
            list_kind,
            deadline,
            layout,
            evidence,
            m.alias,
            m.expanded,
            repaired,
        )
        for m, (role, n, list_kind) in zip(a.mentions, roles, strict=True)
    ]


def _kind(label: str, has_lead: bool = False) -> str:
    if re.fullmatch(_LEAD, label):
        return "lead"
    if re.fullmatch(_SUPPORT, label):
        return "support"
    if re.fullmatch(_LEADER, label):
        return "leader"
    return "member" if has_lead else "first"


# --- prose -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Found:
    """A labelled list in the prose view: ``text[i:j]`` after the label at ``start``."""

    label: str
    start: int
    i: int
    j: int
    paren: int | None  # where the bracket holding the label opens
    line_start: bool  # a tagged line


def _prose(raw: str, lines: list[Line], findings: list[Finding]) -> list[Responsibility]:
    view = _prose_view(raw, [ln for ln in lines if not ln.is_table_row and not ln.blank])
    found = [_found(view.text, m) for m in LABEL.finditer(view.text)]
    heads = {f.start: run for f in found if (run := _table_below(view, f, lines)) is not None}
    out: list[Responsibility] = []
    block: list[_Found] = []
    for f in (f for f in found if f.start not in heads):
        if block and not _same_block(view.text, block[-1], f):
            out += _block(view, block, findings)
            block = []
        block.append(f)
    out += _block(view, block, findings)
    for f in found:
        if f.start in heads and (a := parse_assignment(view, f.i, f.j, spaces=False)) is not None:
            for task, task_span, evidence in row_tasks(heads[f.start]):
                out += _records(a, _kind(f.label), f.label, (task, task_span), a.deadline, "table", evidence)
    return out + _narrative(view) + _convention(view, found, findings)


def _prose_view(raw: str, lines: list[Line]) -> View:
    """The prose of a document: whitespace dropped, one ``\\n`` per line (blank lines collapsed)."""
    text: list[str] = []
    offsets: list[int] = []
    for line in lines:
        v = view_of(raw, line.start, line.end)
        if v.text:
            if text:
                text.append("\n")
                offsets.append(line.start)
            text.append(v.text)
            offsets.extend(v.offsets)
    return View(raw, "".join(text), tuple(offsets))


def _found(text: str, m: re.Match[str]) -> _Found:
    paren = _open_paren(text, m.start())
    line_start = m.start() == 0 or text[m.start() - 1] in "\n-●·"
    return _Found(m["label"], m.start(), m.end(), _list_end(text, m.end(), paren is not None), paren, line_start)


def _open_paren(text: str, at: int) -> int | None:
    """The unclosed bracket before ``at`` on the same line, if the label sits inside one."""
    depth = 0
    for k in range(at - 1, text.rfind("\n", 0, at), -1):
        if text[k] in CLOSE:
            depth += 1
        elif text[k] in OPEN:
            if depth == 0:
                return k
            depth -= 1
    return None


def _list_end(text: str, i: int, in_paren: bool) -> int:
    """Where a list ends: its closing bracket, 。, the next label or deadline, or the line end.

    A bracketed list runs on over page breaks (``(责任部门:市发改委,市`` ⏎ ``级有关部门)``), an
    unbracketed one only when its line ends on a separator or the label ends the line.
    """
    depth = breaks = 0
    for k in range(i, len(text)):
        ch = text[k]
        if ch in OPEN:
            depth += 1
        elif ch in CLOSE:
            if depth == 0:
                return k
            depth -= 1
        elif ch == "\n":
            if not (in_paren or depth or k == i or text[k - 1] in "、,，") or breaks >= 2:
                return k
            breaks += 1
        elif depth == 0 and (ch == "。" or (ch in ";；" and not in_paren) or (k > i and _next_label(text, k))):
            return k
    return len(text)


def _next_label(text: str, k: int) -> bool:
    """A label (or deadline label) starts at ``k``, or right after a semicolon at ``k``."""
    at = k + (text[k] in ";；")
    return bool(LABEL.match(text, at) or _DEADLINE_LABEL.match(text, at))


def _same_block(text: str, a: _Found, b: _Found) -> bool:
    """One item: labels in one bracket, or tagged lines with only other ``label:`` lines between."""
    if a.paren is not None and a.paren == b.paren:
        return True
    between = text[a.j : b.start].split("\n")
    return (
        a.line_start
        and b.line_start
        and all((_OTHER_LABEL.match(part) and len(part) <= 40) or not part.strip("。;；") for part in between)
    )


def _block(view: View, block: list[_Found], findings: list[Finding]) -> list[Responsibility]:
    if not block:
        return []
    task = _task_before(view, block[0])
    deadline = _deadline_after(view, block[-1])
    has_lead = any(_kind(f.label) == "lead" for f in block)
    out: list[Responsibility] = []
    for f in block:
        closed = f.paren is not None and f.j < len(view.text) and view.text[f.j] in CLOSE
        evidence = view.span(f.paren if f.paren is not None else f.start, f.j + closed)
        kind = _kind(f.label, has_lead)
        if kind == "leader":
            out += _leaders(view, f, task, evidence)
        elif (a := parse_assignment(view, f.i, f.j, spaces=False)) is not None:
            if a.junk == len(a.mentions):  # a form field (责任单位:______) or a sentence, not a list
                findings.append(Finding("responsibility-not-a-list", f"{f.label}: no agency recognised", evidence))
                continue
            out += _records(a, kind, f.label, task, a.deadline or deadline, "prose", evidence)
            if a.junk:
                odd = "、".join(m.name for m in a.mentions if not agency_like(m.name))
                findings.append(
                    Finding("responsibility-odd-agency", f"{f.label} item(s) not agency-like: {odd}", evidence)
                )
    return out


def _leaders(view: View, f: _Found, task: tuple[str | None, Span | None], evidence: Span) -> list[Responsibility]:
    """``牵头领导:汤飞帆`` / ``联系领导:常务副市长``: names or offices separated by 、 or commas."""
    out = []
    for m in re.finditer(r"[^、,，;；。\n]+", view.text[f.i : f.j]):
        name = re.sub("同志$", "", m.group())
        if name:
            span = view.span(f.i + m.start(), f.i + m.start() + len(name))
            out.append(
                Responsibility(
                    task[0], task[1], None, span, name, "lead_leader", len(out) + 1, f.label, None, "prose", evidence
                )
            )
    return out


def _task_before(view: View, f: _Found) -> tuple[str | None, Span | None]:
    """The clause group a bracketed list closes, or the numbered item above tagged lines."""
    text = view.text
    if f.paren is not None and not f.line_start:
        return _task_from(view, _item_start(text, f.paren), f.paren)
    end = f.start - 1
    fallback: tuple[int, int] | None = None
    for _ in range(8):
        if end <= 0:
            break
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end]
        if _DATE_LINE.fullmatch(line):
            break  # a signature date: the task is not above it
        if _HEADING.match(line) and not LABEL.search(line):
            return _task_from(view, start, end)
        if line and not (_OTHER_LABEL.match(line) and len(line) <= 40) and not LABEL.search(line):
            fallback = fallback or (start, end)
        end = start - 1
    return _task_from(view, *fallback) if fallback else (None, None)


def _item_start(text: str, end: int) -> int:
    """After the previous labelled list on the paragraph, or the paragraph start (lines that do not
    end a sentence continue over a page break)."""
    for k in range(end - 1, -1, -1):
        if text[k] == "\n" and (text[k - 1] in _SENTENCE_END or _HEADING.match(text, k + 1)):
            return k + 1
        if text[k] in CLOSE and k + 1 < end and _closes_list(text, k):
            return k + 1
    return 0


def _closes_list(text: str, k: int) -> bool:
    """Is the bracket at ``k`` the end of an earlier labelled list?"""
    depth = 0
    for q in range(k, text.rfind("\n", 0, k), -1):
        depth += (text[q] in CLOSE) - (text[q] in OPEN)
        if depth == 0:
            return bool(LABEL.match(text, q + 1))
    return False


def _task_from(view: View, start: int, end: int) -> tuple[str | None, Span | None]:
    """A short task: a ``(一)heading。`` without commas, else the first clause (quotes kept whole)."""
    text = view.text
    start += len(text[start:end]) - len(text[start:end].lstrip("-●·"))
    if m := _HEADING.match(text, start):
        start = m.end()
        stop = text.find("。", start, end)
        if 0 <= stop - start <= _TASK_MAX and not re.search("[,，;；]", text[start:stop]):
            return text[start:stop], view.span(start, stop)
    depth = 0
    stop = start
    while stop < min(end, start + _TASK_MAX):
        ch = text[stop]
        depth += (ch in OPEN + "“《") - (ch in CLOSE + "”》")
        if depth <= 0 and _CLAUSE_END.match(ch) and stop - start >= 4:
            break
        depth = max(depth, 0)
        stop += 1
    return (text[start:stop], view.span(start, stop)) if stop > start else (None, None)


def _deadline_after(view: View, f: _Found) -> str | None:
    """A date in ``完成时间:…`` / ``时间节点:…`` inside the bracket or on the line after the list."""
    window = view.text[f.j : f.j + 80]
    m = _DEADLINE_LABEL.search(window)
    if m is None or window[: m.start()].count("\n") > 1 or LABEL.search(window[: m.start()]):
        return None
    value = re.split(r"[)）。\n;；]", window[m.end() :])[0]
    date = DATE_PHRASE.search(value)
    return date.group() if date else None


def _table_below(view: View, f: _Found, lines: list[Line]) -> list[Line] | None:
    """The table a tagged line heads (001:1681), if that table names no agencies itself."""
    if not f.line_start or f.paren is not None or _kind(f.label) == "leader":
        return None
    if f.j < len(view.text) and view.text[f.j] not in "\n。":
        return None
    end = view.offsets[f.j - 1] if f.j > 0 else 0
    run: list[Line] = []
    for line in (ln for ln in lines if ln.start > end and not ln.blank):
        if not line.is_table_row:
            break
        run.append(line)
    cells = [compact(c.text) for ln in run for c in table_cells(ln)]
    return run if run and not any(LABEL.search(c) or _COLUMN_LABEL.fullmatch(c) for c in cells) else None


# --- narrative and convention clauses ----------------------------------------------------------


def _narrative(view: View) -> list[Responsibility]:
    """``X作为…的牵头部门`` / ``X是…的牵头部门``: X leads the task."""
    out: list[Responsibility] = []
    text = view.text
    for m in _NARRATIVE.finditer(text):
        start = m.start()
        while (
            start > 0 and m.start() - start < 40 and not _CLAUSE_END.match(text[start - 1]) and text[start - 1] != "\n"
        ):
            start -= 1
        a = parse_assignment(view, start, m.start(), spaces=False)
        if a is not None and a.members and not a.junk:
            task = (m["task"], view.span(m.start("task"), m.end("task")))
            out += _records(a, "lead", "牵头部门", task, None, "prose", view.span(start, m.end()))
    return out


def _convention(view: View, found: list[_Found], findings: list[Finding]) -> list[Responsibility]:
    """After ``…排在第一位的为牵头单位…下同``, unlabelled bracketed agency lists are 责任 lists."""
    text = view.text
    m = CONVENTION.search(text)
    if m is None:
        return []
    findings.append(Finding("responsibility-convention", "first-listed-leads convention applied", view.span(*m.span())))
    labelled = {f.paren for f in found}
    out: list[Responsibility] = []
    for open_ in (k for k in range(m.end(), len(text)) if text[k] in "(（" and k not in labelled):
        close = _matching(text, open_)
        if close is None or LABEL.match(text, open_ + 1):
            continue
        a = parse_assignment(view, open_ + 1, close, spaces=False)
        if a is not None and a.members and not a.junk and all(agency_like(x.name) for x in a.members):
            task = _task_from(view, _item_start(text, open_), open_)
            out += _records(a, "first", "convention", task, a.deadline, "prose", view.span(open_, close + 1))
    return out


def _matching(text: str, k: int) -> int | None:
    depth = 0
    for q in range(k, min(len(text), k + 400)):
        depth += (text[q] in OPEN) - (text[q] in CLOSE)
        if depth == 0:
            return q
    return None


# --- tables and dedup --------------------------------------------------------------------------


def _from_table(t: TableAssignment) -> list[Responsibility]:
    if t.assignment is None:
        return [
            Responsibility(t.task, t.task_span, None, span, name, "lead_leader", n, t.header, None, "table", t.evidence)
            for n, (name, span) in enumerate(t.leaders, 1)
        ]
    kind = {"lead": "lead", "support": "support"}.get(t.column, "first")
    deadline = t.deadline or t.assignment.deadline
    return _records(
        t.assignment, kind, t.header or "责任单位", (t.task, t.task_span), deadline, "table", t.evidence, t.repaired
    )


def _dedup(records: list[Responsibility]) -> list[Responsibility]:
    """Unique on (task, agency or leader, role, position); a record without task stays with its row."""
    seen: set[tuple[str, str | None, str, int]] = set()
    out: list[Responsibility] = []
    for r in records:
        key = (normalise(r.task) if r.task else f"@{r.evidence.start}", r.agency or r.leader, r.role, r.position)
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out
