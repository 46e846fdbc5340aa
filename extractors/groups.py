"""Leading groups and committees (领导小组, 委员会, 联席会议, 工作专班 …): who sits in them, in which role.

Three shapes:

- **member lists** — role labels (``组 长:``, ``副组长:``, ``成 员:``, ``主任:``, ``委员:``, ``召集人:`` …) each
  followed by members until the next label: ``占 璠(市政府)`` (a padded two-character name), ``汤飞帆 市政府``
  (a table cell: name, space, unit), several such seats on one line (``张三 市政府副市长、李四 市政府副秘书长``),
  names parted by spaces (``张三　李四　王　五``), or an office with no person (``常务副市长``, ``市政府分管副秘书长``).
  ``办公室主任：王五（兼）`` takes 王五's unit from his member line.
  A two-column page flattened into a markdown table is read left column first, then the right one.
  The group is named by the list heading (``…领导小组成员名单``), else by the sentence that sets it up
  (``市政府决定成立衢州市规划委员会``), else by the title (``关于成立|调整…的通知``);
- **office sentences** after a list — ``办公室设在X,Y同志兼任办公室主任,Z同志任办公室副主任``: Y and Z get
  the affiliation of their member line when there is one (X hosts the office, it is not their unit);
- **descriptions** in prose, only for groups that have no member list in the document:
  ``X领导小组(由市政府分管领导任组长,A、B为成员单位)``, ``X领导小组由…任组长…``, ``建立由…任组长…的X领导小组``.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import Literal

from extractors.lines import Line, compact, lines_between, table_cells
from extractors.personnel import plausible_name
from extractors.records import Document, Finding, Span
from extractors.stream import Stream

VERSION = "groups-1"

Source = Literal["list", "office", "description"]


@dataclass(frozen=True, slots=True)
class GroupMember:
    """One seat in a named group: a person (or an office, when no person is named) with a role."""

    group: str | None  # the group's full name as printed (whitespace removed)
    role: str  # 组长, 副组长, 成员, 主任, 委员, 办公室主任, 成员单位 … as written
    person: str | None  # None when only an office or a unit is given
    affiliation: str | None  # the unit beside the name, or the office / unit when there is no person
    office_host: str | None  # for office posts: the unit the group's office is set up in (办公室设在X)
    group_span: Span | None
    role_span: Span
    person_span: Span | None
    affiliation_span: Span | None
    evidence: Span  # the member line, table cell or sentence
    source: Source
    layout: Literal["prose", "table"]


# Labels are padded to line up in print: ``组  长``, ``组\u3000\u3000长``, ``副 组 长`` (any run of spaces).
_W = r"[ \t\u3000]*"
# 常务副组长, 执行副组长, 第一副组长 …: a rank word before the head role.
_RANK = rf"(?:常{_W}务|执{_W}行|第{_W}[一二三四五六七八九十])"
_ROLE_WORDS = (
    rf"(?:{_RANK}{_W})?副?{_W}"
    rf"(?:组{_W}长|主{_W}任|召{_W}集{_W}人|指{_W}挥{_W}长|总{_W}指{_W}挥|主{_W}席|会{_W}长|秘{_W}书{_W}长)"
    rf"|成{_W}员{_W}(?:单{_W}位)?|委{_W}员|办{_W}公{_W}室{_W}(?:常务)?副?{_W}主{_W}任|顾{_W}问|联{_W}络{_W}员"
)
LABEL = re.compile(rf"^\s*(?P<role>{_ROLE_WORDS})\s*[:：]\s*")
GROUP_WORD = r"(?:领导小组|工作小组|协调小组|委员会|联席会议|工作专班|专班|指挥部|工作组|小组)"
_HEADING_TAIL = re.compile(r"(?:成员单位|组成人员|成员|人员)?(?:名单|构成|组成)?$")
_SETUP = re.compile(rf"(?:成立|组建|设立|调整|建立|充实)(?:了|后的?)?(?P<name>[^,，。;；:：、]{{2,60}}?{GROUP_WORD})")
_NAME = r"[\u4e00-\u9fa5]{2,4}|[\u4e00-\u9fa5][ \t\u3000][\u4e00-\u9fa5]"
_AFF = r"[^()（）]*(?:[(（][^()（）]*[)）][^()（）]*)*"
NAME_AFF = re.compile(rf"(?P<name>{_NAME})\s*[(（](?P<aff>{_AFF})[)）]")
_POST_END = re.compile(
    r"(?:市长|秘书长|书记|领导|负责人|主任|局长|部长|主席|处长|科长|同志|委员|调研员|巡视员|助理|政委|总监|行长)$"
)
_ORG_END = re.compile(
    r"(?:公司|集团|局|委|办|院|校|所|队|站|社|处|科|馆|厂|行|中心|政府|部|厅|会|室|组|村|镇|乡|街道|市|县|区|省|团|台)$"
)
_PUNCT = re.compile(r"[,，。;；:：!！?？]")
_ITEM_SEP = re.compile(r"[、,，;；]")
_ORDER_NOTE = re.compile(r"[(（][^()（）]*(?:排序|为序|排名|先后)[^()（）]*[)）]")
_OFFICE_ROLE = r"办公室(?:常务)?副?主任"
_OFFICE_HOST = re.compile(r"办公室设在(?P<host>[^,，。;；]+)")
_DIRECTOR = re.compile(rf"^(?P<who>.+?)(?:同志)?(?:兼任|担任|任)(?P<role>{_OFFICE_ROLE})(?:职务)?$")
_DIRECTOR_BY = re.compile(rf"^(?P<role>{_OFFICE_ROLE})由(?P<who>.+?)(?:同志)?(?:兼任|担任)$")
_COMP_ROLE = re.compile(
    r"^(?P<who>.+?)(?:担任|任|为)(?P<role>(?:常务)?副?(?:组长|主任|召集人|指挥长|总指挥)|成员单位|成员)$"
)
_COMP_UNITS = re.compile(r"^(?P<role>成员单位)(?:包括|为|有)(?P<who>.+?)(?:等)?$")
_CONCURRENT = re.compile(r"\s*兼(?:任|职)?\s*")  # ``王五（兼）``: a note, not a unit
_MARKER = re.compile(r"[(（][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|\d+[.、．]")
_SETUP_VERB = re.compile(r"成立|建立|组建|设立")


def person_name(text: str) -> bool:
    return (
        bool(re.fullmatch(r"[\u4e00-\u9fa5]{2,4}", text)) and not _ORG_END.search(text) and not _POST_END.search(text)
    )


def _unit_like(text: str) -> bool:
    """A member unit: ends like an agency or is a longer name (巨化集团公司, 衢州绿色产业集聚区)."""
    return len(text) >= 2 and not _PUNCT.search(text) and (bool(_ORG_END.search(text)) or len(text) >= 4)


def _office(text: str) -> bool:
    """An office held by an unnamed person: ``常务副市长``, ``市政府分管副秘书长``."""
    return 3 <= len(text) <= 24 and not _PUNCT.search(text) and bool(_POST_END.search(text))


@dataclass(frozen=True, slots=True)
class _Unit:
    """A line, or a table cell (read column by column), with the line index where its table starts."""

    span: Span
    table: bool
    anchor: int  # index of the first line of the table (or of the line itself)


@dataclass(frozen=True, slots=True)
class _Seat:
    person: Span | None
    affiliation: Span | None


def extract_groups(raw: str, document: Document) -> tuple[list[GroupMember], list[Finding]]:
    """Every member of a named group listed or described in ``document``, with spans into ``raw``."""
    lines = _body_lines(raw, document)
    units = _units(lines)
    members: list[GroupMember] = []
    findings: list[Finding] = []
    listed: list[str] = []
    k = 0
    while k < len(units):
        if not LABEL.match(units[k].span.text):
            k += 1
            continue
        block, k = _block(raw, units, k)
        if not block:
            k += 1
            continue
        name = _group_name(raw, lines, units[block[0][0]].anchor, document)
        if name is None:
            findings.append(
                Finding(
                    "group-unnamed",
                    f"{document.number.canonical}: a member list with no group name above it; "
                    "add the heading shape to extractors/groups.py if this is a group",
                    units[block[0][0]].span,
                )
            )
            continue
        listed.append(compact(name.text))
        found = _members(name, block, units)
        members += found
        members += _office_sentence(raw, units, k, name, found)
    members += _descriptions(raw, lines, listed)
    return members, findings


def _body_lines(raw: str, document: Document) -> list[Line]:
    start, end = document.number_span.end, document.span.end
    return lines_between(raw, start, end)


def _units(lines: list[Line]) -> list[_Unit]:
    units: list[_Unit] = []
    i = 0
    while i < len(lines):
        if lines[i].blank:
            i += 1
            continue
        if not lines[i].is_table_row:
            anchor = lines[i].index
            span, i = _run_on(lines, i)
            units.append(_Unit(span, False, anchor))
            continue
        j = i
        while j < len(lines) and lines[j].is_table_row:
            j += 1
        rows = [table_cells(ln) for ln in lines[i:j]]
        for column in range(max((len(r) for r in rows), default=0)):
            for cells in rows:
                cell = next((c for c in cells if c.column == column and c.text), None)
                if cell is not None:
                    units.append(_Unit(cell.span, True, lines[i].index))
        i = j
    return units


def _run_on(lines: list[Line], i: int) -> tuple[Span, int]:
    """A line, continued over a page break when a member list runs on (``…、`` or ``周俊`` ⏎⏎ ``(市委宣传部)``)."""
    first = lines[i].span()
    last = first
    j = i + 1
    while True:
        k = j
        while k < len(lines) and lines[k].blank:
            k += 1
        whole = "\n".join(ln.text for ln in lines[i:j])
        if k >= len(lines) or lines[k].is_table_row or not _continues(last.text, lines[k].stripped, whole):
            break
        last = lines[k].span()
        j = k + 1
    text = "\n".join(ln.text for ln in lines[i:j])
    lead = len(lines[i].text) - len(lines[i].text.lstrip())
    body = text[lead:].rstrip()
    return Span(first.start, first.start + len(body), body), j


def _continues(current: str, nxt: str, whole: str) -> bool:
    """Whether ``nxt`` carries on the member line read so far (``whole``, every line joined so far)."""
    depth = whole.count("(") + whole.count("（") - whole.count(")") - whole.count("）")
    if depth > 0 or current.endswith(("、", ",", "，")):
        return True
    label_only = LABEL.fullmatch(current) is not None
    return (
        not label_only
        and bool(re.match(r"^[(（][^()（）]{1,40}[)）](?:[、,，;；。]|$)", nxt))
        and not (_ORDER_NOTE.match(nxt) or current.endswith(("。", ";", "；", ")", "）")))
    )


def _block(raw: str, units: list[_Unit], k: int) -> tuple[list[tuple[int, str, Span, list[_Seat]]], int]:
    """Labelled member units from ``k`` on: (unit index, role, role span, seats) until a non-member unit."""
    out: list[tuple[int, str, Span, list[_Seat]]] = []
    role, role_span, closed = "", units[k].span, False
    while k < len(units):
        span = units[k].span
        label = LABEL.match(span.text)
        rest = span
        if label:
            role = compact(label["role"])
            role_span = Span.of(raw, span.start + label.start("role"), span.start + label.end("role"))
            rest = Span.of(raw, span.start + label.end(), span.end)
        if closed and not label:
            break  # a list that ended with 。 goes on only with a new label
        seats = _seats(rest, units_only=role == "成员单位")
        if seats is None:
            break
        out.append((k, role, role_span, seats))
        closed = span.text.rstrip().endswith("。")
        k += 1
    return out, k


def _seats(span: Span, units_only: bool) -> list[_Seat] | None:
    """The members on one line or cell, or None when it is not a member line."""
    text = span.text
    if not text.strip() or _ORDER_NOTE.fullmatch(text.strip()):
        return []
    if units_only:
        pieces = _split(span)
        if not pieces or _MARKER.match(text.strip()) or not all(_unit_like(compact(p.text)) for p in pieces):
            return None
        return [_Seat(None, p) for p in pieces]
    found = list(NAME_AFF.finditer(text))
    if found:
        gaps = [text[a.end() : b.start()] for a, b in itertools.pairwise(found)]
        tail, head = text[found[-1].end() :], text[: found[0].start()]
        if all(re.fullmatch(r"[\s、,，;；。]*", g) for g in [*gaps, tail, head]):
            return [
                _Seat(
                    _sub(span, m.start("name"), m.end("name")),
                    None if _CONCURRENT.fullmatch(m["aff"]) else _sub(span, m.start("aff"), m.end("aff")),
                )
                for m in found
            ]
    pairs = _name_unit_pairs(span)
    if pairs is not None:
        return pairs
    pair = _name_unit(span)
    if pair is not None:
        return [pair]
    names = _spaced_names(span)
    if names is not None:
        return names
    seats = []
    for piece in _split(span):
        body = compact(piece.text)
        if _office(body):
            seats.append(_Seat(None, piece))
        elif person_name(body) and (len(piece.text) == len(body) or re.fullmatch(_NAME, piece.text)):
            seats.append(_Seat(piece, None))
        else:
            return None
    return seats or None


def _sub(span: Span, a: int, b: int) -> Span:
    return Span(span.start + a, span.start + b, span.text[a:b])


def _split(span: Span) -> list[Span]:
    """Items separated by 、,; outside parentheses, stripped."""
    out, depth, start = [], 0, 0
    text = span.text
    for k, ch in enumerate(text + "、"):
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            depth = max(0, depth - 1)
        elif depth == 0 and (k == len(text) or _ITEM_SEP.match(ch)):
            piece = text[start:k].rstrip().rstrip("。等")
            lead = len(piece) - len(piece.lstrip())
            piece = piece.strip()
            if piece:
                out.append(Span(span.start + start + lead, span.start + start + lead + len(piece), piece))
            start = k + 1
    return out


def _name_unit(span: Span) -> _Seat | None:
    """``汤飞帆 市政府`` / ``方 法 市商务局`` / ``汤飞帆，市长``: a name, a space or a comma, a unit or post."""
    text = span.text
    m = re.fullmatch(rf"\s*(?P<name>{_NAME})(?:\s+|\s*[,，]\s*)(?P<unit>[^\s,，、].*?)\s*[。;；]?\s*", text)
    if not m or not person_name(compact(m["name"])) or _PUNCT.search(m["unit"]):
        return None
    unit = re.sub(r"[(（][^()（）]*[)）]$", "", compact(m["unit"]))
    if not (_ORG_END.search(unit) or _POST_END.search(unit)):  # 市政府 / 市长: a unit or a post
        return None
    return _Seat(_sub(span, m.start("name"), m.end("name")), _sub(span, m.start("unit"), m.end("unit")))


def _name_unit_pairs(span: Span) -> list[_Seat] | None:
    """``张三 市政府副市长、李四 市政府副秘书长``: two or more name-unit seats on one line, split on 、,;.

    A piece that is not ``name unit`` carries on the post before it (``汤飞帆 市委副书记、市长`` is one seat).
    """
    seats: list[_Seat] = []
    for piece in _split(span):
        seat = _name_unit(piece)
        if seat is not None:
            seats.append(seat)
        elif seats and _post_part(compact(piece.text)):
            person, unit = seats[-1].person, seats[-1].affiliation
            if unit is not None:
                seats[-1] = _Seat(person, _sub(span, unit.start - span.start, piece.end - span.start))
        else:
            return None
    return seats if len(seats) >= 2 else None


def _post_part(text: str) -> bool:
    """The second post of one person (``市长`` in ``市委副书记、市长``): ends like a post or a unit, is no name."""
    return not _PUNCT.search(text) and bool(_POST_END.search(text) or _ORG_END.search(text)) and len(text) >= 2


def _spaced_names(span: Span) -> list[_Seat] | None:
    """``张海波　李国强　孙　丽``: names parted by spaces (a two-character name may be padded with one space).

    Every token must look like a personal name (a common surname first): two words in running text do not.
    """
    tokens = list(re.finditer(r"\S+", span.text))
    seats: list[_Seat] = []
    k = 0
    while k < len(tokens):
        a, b = tokens[k].start(), tokens[k].end()
        if len(tokens[k][0]) == 1 and k + 1 < len(tokens) and len(tokens[k + 1][0]) == 1:
            k += 1
            b = tokens[k].end()
            if not re.fullmatch(_NAME, span.text[a:b]):
                return None
        k += 1
        piece = _sub(span, a, b)
        body = compact(piece.text)
        if not (person_name(body) and plausible_name(body)) or LABEL.match(body + "："):
            return None
        seats.append(_Seat(piece, None))
    return seats if len(seats) >= 2 else None


def _members(name: Span, block: list[tuple[int, str, Span, list[_Seat]]], units: list[_Unit]) -> list[GroupMember]:
    group = compact(name.text)
    out = []
    known: dict[str, Span] = {}  # person -> affiliation of an earlier seat: ``办公室主任：王五（兼）`` takes it
    for k, role, role_span, seats in block:
        unit = units[k]
        for seat in seats:
            if seat.person is not None and seat.affiliation is not None:
                known.setdefault(compact(seat.person.text), seat.affiliation)
            elif seat.person is not None:
                seat = _Seat(seat.person, known.get(compact(seat.person.text)))
            out.append(
                GroupMember(
                    group=group,
                    role=role,
                    person=compact(seat.person.text) if seat.person else None,
                    affiliation=compact(seat.affiliation.text) if seat.affiliation else None,
                    office_host=None,
                    group_span=name,
                    role_span=role_span,
                    person_span=seat.person,
                    affiliation_span=seat.affiliation,
                    evidence=unit.span,
                    source="list",
                    layout="table" if unit.table else "prose",
                )
            )
    return out


def _group_name(raw: str, lines: list[Line], anchor: int, document: Document) -> Span | None:
    """The list heading above the block, else the sentence setting the group up, else the title."""
    n = anchor - 1
    seen = 0
    while n >= 0 and seen < 3:
        line = lines[n]
        n -= 1
        if line.blank:
            continue
        seen += 1
        span = line.span()
        if line.is_table_row or re.match(r"^附\s*[件表]\s*\d*\s*[:：]?\s*$", span.text):
            continue
        heading = _heading_name(span)
        if heading is not None:
            return heading
        setups = list(_SETUP.finditer(span.text))
        if setups:
            m = setups[-1]
            return Span.of(raw, span.start + m.start("name"), span.start + m.end("name"))
    setup = _SETUP.search(document.title_span.text)
    if setup:
        start = document.title_span.start
        return Span.of(raw, start + setup.start("name"), start + setup.end("name"))
    return None


def _heading_name(span: Span) -> Span | None:
    text = span.text
    if _PUNCT.search(text.replace(":", "").replace("：", "")) or len(compact(text)) > 60:
        return None
    head = re.match(r"^\s*(?:附\s*[件表]\s*\d*\s*[:：]?\s*)?", text)
    start = head.end() if head else 0
    marker = _MARKER.match(text, start)
    if marker:
        start = marker.end()
    verb = re.compile(r"\s*(?:关于)?(?:成立|建立|组建|设立|调整)").match(text, start)
    if verb:
        start = verb.end()
    body = text[start:]
    tail = _HEADING_TAIL.search(body)
    end = start + (tail.start() if tail else len(body))
    while end > start and text[end - 1].isspace():
        end -= 1
    if _PUNCT.search(text[start:end]) or not re.search(rf"{GROUP_WORD}$", text[start:end]):
        return None
    return _sub(span, start, end)


def _office_sentence(raw: str, units: list[_Unit], k: int, name: Span, found: list[GroupMember]) -> list[GroupMember]:
    """``办公室设在X,Y(同志)兼任办公室主任,Z任办公室副主任`` right after the list (up to three units)."""
    stream = Stream(raw)
    table = False
    for unit in units[k : k + 3]:
        stream.add(unit.span.start, unit.span.end, unit.table)
        table = table or unit.table
        if unit.span.text.rstrip().endswith("。"):
            break
    text = stream.text
    if "办公室" not in text:
        return []
    host = _OFFICE_HOST.search(text)
    affiliations: dict[str, Span] = {}
    for member in found:
        if member.person and member.affiliation_span is not None:
            affiliations.setdefault(member.person, member.affiliation_span)
    out = []
    pos = 0
    for clause in re.split(r"[,，;；。]", text):
        offset = pos
        pos += len(clause) + 1
        m = _DIRECTOR.match(clause) or _DIRECTOR_BY.match(clause)
        if not m:
            continue
        who_at = offset + m.start("who")
        for piece in m["who"].split("、"):
            piece_span = stream.span(who_at, who_at + len(piece))
            who_at += len(piece) + 1
            person = piece if person_name(piece) else None
            if person is None and not _office(piece):
                continue
            aff_span = affiliations.get(piece) if person else piece_span
            out.append(
                GroupMember(
                    group=compact(name.text),
                    role=m["role"],
                    person=person,
                    affiliation=compact(aff_span.text) if aff_span else None,
                    office_host=host["host"] if host else None,
                    group_span=name,
                    role_span=stream.span(offset + m.start("role"), offset + m.end("role")),
                    person_span=piece_span if person else None,
                    affiliation_span=aff_span,
                    evidence=stream.span(0, len(text)),
                    source="office",
                    layout="table" if table else "prose",
                )
            )
    return out


_DESCRIBED = (
    re.compile(rf"(?P<name>{GROUP_WORD})[(（]由?(?P<comp>[^()（）]*(?:任|担任|为)[^()（）]*)[)）]"),
    re.compile(rf"(?P<name>{GROUP_WORD})[,，]?由(?P<comp>[^。;；]*?(?:任|担任)[^。;；]*)"),
    re.compile(rf"由(?P<comp>[^。;；]*?(?:任|担任)[^。;；]*?)的(?P<name>{GROUP_WORD})"),
)


def _descriptions(raw: str, lines: list[Line], listed: list[str]) -> list[GroupMember]:
    """Groups described in a sentence (by office and member units), when the document lists no members."""
    out: list[GroupMember] = []
    seen: set[tuple[int, int]] = set()
    for line in lines:
        if line.blank or line.is_table_row or "任" not in line.text:
            continue
        stream = Stream(raw)
        stream.add(line.start, line.end, False)
        text = stream.text
        for k, pattern in enumerate(_DESCRIBED):
            for m in pattern.finditer(text):
                start = _name_start(text, m.start("name"), after_de=k == 2)
                if start is None or (start, m.end("name")) in seen:
                    continue
                seen.add((start, m.end("name")))
                name = text[start : m.end("name")]
                if any(g.endswith(name) or name.endswith(g) for g in listed):
                    continue
                out += _composition(stream, start, m.end("name"), m.start("comp"), m.end("comp"))
    return out


def _name_start(text: str, keyword: int, after_de: bool) -> int | None:
    """Walk back from the group word to the clause boundary; drop a heading marker and a setup verb."""
    depth, k = 0, keyword
    while k > 0:
        ch = text[k - 1]
        if ch in ")）":
            depth += 1
        elif ch in "(（":
            if depth == 0:
                break
            depth -= 1
        elif depth == 0 and (ch in ",，。;；:：、" or (after_de and ch == "的")):
            break
        k -= 1
    marker = _MARKER.match(text, k)
    if marker and marker.end() <= keyword:
        k = marker.end()
    verbs = list(_SETUP_VERB.finditer(text, k, keyword))
    if verbs:
        k = verbs[-1].end()
    return k if keyword - k >= 2 else None


def _composition(stream: Stream, name_a: int, name_b: int, comp_a: int, comp_b: int) -> list[GroupMember]:
    text = stream.text
    name_span = stream.span(name_a, name_b)
    out = []
    pos = comp_a
    for clause in re.split(r"[,，;；]", text[comp_a:comp_b]):
        offset = pos
        pos += len(clause) + 1
        m = _COMP_UNITS.match(clause) or _COMP_ROLE.match(clause)
        if not m:
            continue
        who_at = offset + m.start("who")
        for piece in m["who"].split("、"):
            span = stream.span(who_at, who_at + len(piece))
            who_at += len(piece) + 1
            if not piece:
                continue
            person = piece if person_name(piece) and m["role"] != "成员单位" else None
            out.append(
                GroupMember(
                    group=compact(name_span.text),
                    role=m["role"],
                    person=person,
                    affiliation=None if person else piece,
                    office_host=None,
                    group_span=name_span,
                    role_span=stream.span(offset + m.start("role"), offset + m.end("role")),
                    person_span=span if person else None,
                    affiliation_span=None if person else span,
                    evidence=stream.span(name_a, comp_b),
                    source="description",
                    layout="prose",
                )
            )
    return out
