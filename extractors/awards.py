"""Commendations (通报表彰, 记功嘉奖, 获奖通报): who or what was honoured, under which heading.

A commendation lists its recipients under headings: ``一、先进集体(35家)`` → ``(一)市本级(8家):A、B。``,
``一、社会贡献奖`` → ``- 第一名:巨化集团公司``, ``(一)个人三等功(3名)`` → ``张三(市公安局)、…``. The honor is
the most specific heading that names an honour (``…奖``, ``…集体``, ``…个人``, ``…等功``, ``嘉奖``, ``先进…``);
headings that only group recipients (``市本级``, ``县(市、区)``, a revenue threshold) are not honours.

Recipient shapes:

- ``姓名(单位)`` in a 、/;-separated list (a page break may separate the name from its unit);
- one collective per line (``索尔维蓝天(衢州)化学品有限公司`` keeps its inner parentheses);
- ranked lines ``第一名:X`` (the rank is kept on the record, not in the recipient);
- space-separated rows: ``单位 姓名`` → the unit is the (collective) recipient and the person is kept as
  ``contact``; ``姓名 单位 …`` → a person with that affiliation;
- roster tables with a 姓名 / 单位 header;
- single-sentence decisions (``给予张三同志记个人三等功一次``, ``授予X“Y”称号``) when there is no list.

Declared counts ``(N人|名|家|个)`` are checked against the recipients found under their heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from extractors.dates import parse_date_line
from extractors.lines import Line, compact, lines_between, table_cells
from extractors.records import Document, Finding, Span
from extractors.stream import Stream

VERSION = "awards-1"

RecipientType = Literal["person", "collective"]


@dataclass(frozen=True, slots=True)
class Award:
    """One person or collective honoured in a commendation."""

    recipient: str  # as printed, whitespace removed
    recipient_type: RecipientType
    affiliation: str | None  # the unit in parentheses (or the unit column) after a person; None for collectives
    honor: str  # the most specific honour heading, without marker, count or ordering note
    rank: str | None  # 第一名 … when the list is ranked
    contact: str | None  # a person printed beside a collective recipient (``公司 姓名`` rows)
    recipient_span: Span
    affiliation_span: Span | None
    honor_span: Span | None
    evidence: Span  # the list line or sentence
    layout: Literal["prose", "table"]


_COMMENDATION_TITLE = re.compile(r"通报|表彰|表扬|嘉奖|记功|[一二三]等功|奖励|获奖|命名|授予|先进")
# 印发 of a policy on rewards (奖励办法, 实施细则) is not a commendation unless it names its honorees.
_POLICY_TITLE = re.compile(r"印发|办法|规定|细则|实施意见|方案|政策")
_ROSTER_TITLE = re.compile(r"名单|表彰|通报|嘉奖|记功|获奖")
# Collectives carry no money, percentages or long numbers (a policy clause under an 奖 heading).
_NOT_RECIPIENT = re.compile(r"\d\s*(?:[万亿]?元|[%％])|\d{3,}|[:：]")
_NOT_COMMENDATION = re.compile(r"批评|处分|问责|警告|违纪|整改")
_CN = "一二三四五六七八九十百"
MARKERS = (
    (1, re.compile(rf"^[{_CN}]+[、．.]")),
    (2, re.compile(rf"^[(（][{_CN}]+[)）]")),
    (3, re.compile(r"^\d{1,2}[、.．](?!\d)")),
    (4, re.compile(r"^[(（]\d{1,2}[)）]")),
)
_UNMARKED_LEVEL = 5
_GROUP_LEVEL = 6  # ``柯城区:A、B``: groups recipients, names no honour
COUNT = re.compile(r"[(（](?:共)?(?P<n>\d{1,4})(?P<unit>[人名家个位项])[)）]")
_ORDER_NOTE = re.compile(r"[(（][^()（）]*(?:排名|排序|笔画|先后|为序)[^()（）]*[)）]")
HONOR_LIKE = re.compile(
    r"(?:奖|奖项|集体|个人|等功|记功|嘉奖|表扬|表彰|标兵|模范|能手|称号|工作者|先锋|楷模|之星)$"
    r"|^(?:\d{4}年度?)?[“\"]?(?:先进|优秀|十佳|最美|模范|示范)|获奖|受表彰"
)
# A heading printed alone on its line with neither marker, count nor colon (``个人三等功`` ⏎ names): only the
# closed vocabulary of merit grades and 先进/优秀 集体/个人, so a recipient line is never read as a heading.
BARE_GRADE_HEAD = re.compile(
    r"^(?:记|给予)?(?:个人|集体)?(?:[一二三]等功|嘉奖)(?:人员|单位|集体|名单)?$|^(?:先进|优秀)(?:集体|个人)(?:名单)?$"
)
RANK = re.compile(rf"^(?:-\s*)?(?P<rank>第[{_CN}\d]+名)\s*[:：]\s*")
_BULLET = re.compile(r"^(?:[-●·•]\s*)+")
_NAME = r"[\u4e00-\u9fa5]{2,4}|[\u4e00-\u9fa5]{1,6}·[\u4e00-\u9fa5]{1,8}"
PERSON = re.compile(rf"^(?:{_NAME})$")
_ORG_END = re.compile(
    r"(?:公司|集团|局|委|办|院|校|所|队|站|社|处|科|馆|厂|行|中心|政府|部|厅|会|室|组|村|镇|乡|街道|市|县|区|省|团|台|园|店)$"
)
_NOT_SURNAME = ("市", "省")  # 市侨联, 省妇联: short units, never personal names
_PERSON_WITH_UNIT = re.compile(rf"^(?P<name>{_NAME})[(（](?P<aff>[^()（）]{{2,30}})[)）]$")
_ITEM_SEP = set("、;；,，")
_TERMINATOR = tuple("。；;：:！!？?”》")
_PERSON_HONOR = re.compile(r"个人|等功|记功|工作者|标兵|能手|模范|楷模|之星|先锋")
_COLLECTIVE_HONOR = re.compile(r"集体|单位|企业|组织|科室|班组")
_NEGATIVE = re.compile(r"滞后|落后|较差|不力|不到位|未完成|未达|批评|问题|扣分|末位|倒数|警示|约谈")
_SENTENCE = re.compile(r"[^。;；:：]+")
# ``给予[单位]张三同志记个人三等功``, ``给予市公安局治安支队记集体三等功``: who, then the grade.
_GIVE = re.compile(
    r"(?:给予|对)(?P<who>[\u4e00-\u9fa5()（）、·]{2,40}?)(?:等)?(?P<comrade>同志)?(?:记|予以|给予)?"
    r"(?P<honor>(?:个人|集体)?[一二三]等功|记功|嘉奖|通报表扬|通报嘉奖)"
)
_CONFER = re.compile(r"授予(?P<who>[^,，。;；“”]{2,40}?)(?:同志)?[“\"](?P<honor>[^”\"]{2,30})[”\"](?:荣誉)?称号")
# A heading ``授予…等2个单位“衢州市先进集体”称号``: the honour is the quoted 称号.
_QUOTED_TITLE = re.compile(r"授予.*[“\"](?P<honor>[^”\"]{2,30})[”\"](?:荣誉)?称号$")
_TABLE_PERSON = re.compile(r"姓\s*名")
_TABLE_UNIT = re.compile(r"单位|工作单位|所在单位|部门")
_TABLE_COLLECTIVE = re.compile(r"(?:单位|集体|企业)名称|^名\s*称$")


def is_commendation(document: Document) -> bool:
    """A title that commends (通报/表彰/嘉奖/记功/获奖 …) and does not criticise or punish."""
    title = document.title
    if not _COMMENDATION_TITLE.search(title) or _NOT_COMMENDATION.search(title):
        return False
    return not _POLICY_TITLE.search(title) or bool(_ROSTER_TITLE.search(title.split("关于")[-1]))


def person_name(text: str) -> bool:
    """2–4 Chinese characters (or a ``·`` name) that do not end like a unit."""
    return bool(PERSON.match(text)) and not _ORG_END.search(text) and not text.startswith(_NOT_SURNAME)


@dataclass(slots=True)
class _Heading:
    level: int
    honor: str
    honor_like: bool
    span: Span
    declared: int | None
    unit: str | None
    found: int = 0


@dataclass(slots=True)
class _State:
    raw: str
    document: Document
    stack: list[_Heading] = field(default_factory=list)
    open: bool = False
    awards: list[Award] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def push(self, heading: _Heading) -> None:
        while self.stack and self.stack[-1].level >= heading.level:
            self.check(self.stack.pop())
        self.stack.append(heading)
        self.open = True

    def close(self) -> None:
        while self.stack:
            self.check(self.stack.pop())
        self.open = False

    def check(self, heading: _Heading) -> None:
        if heading.declared is not None and heading.declared != heading.found:
            self.findings.append(
                Finding(
                    "award-count-mismatch",
                    f"{self.document.number.canonical}: heading {heading.span.text!r} declares {heading.declared}"
                    f" recipients, {heading.found} found; check the list for split or merged items",
                    heading.span,
                )
            )

    def honor(self) -> _Heading | None:
        if any(_NEGATIVE.search(h.honor) for h in self.stack):
            return None  # 工作滞后的单位(3个): named in a 通报, but not honoured
        liked = [h for h in self.stack if h.honor_like]
        if liked:
            return liked[-1]
        counted = [h for h in self.stack if h.declared is not None]
        return counted[-1] if counted else None

    def default_type(self) -> RecipientType | None:
        for h in reversed(self.stack):
            if h.unit in ("人", "名", "位"):
                return "person"
            if h.unit in ("家", "个"):
                return "collective"
            if h.honor.lstrip("记").startswith("集体"):
                return "collective"  # 集体三等功: 等功 would otherwise read as a personal grade
            if _PERSON_HONOR.search(h.honor):
                return "person"
            if _COLLECTIVE_HONOR.search(h.honor):
                return "collective"
        return None

    def emit(self, item: _Item, evidence: Span, layout: Literal["prose", "table"]) -> None:
        heading = self.honor()
        if heading is None or not self.open or not item.recipient.text:
            return
        self.awards.append(
            Award(
                recipient=compact(item.recipient.text),
                recipient_type=item.kind,
                affiliation=compact(item.affiliation.text) if item.affiliation else None,
                honor=heading.honor,
                rank=item.rank,
                contact=compact(item.contact.text) if item.contact else None,
                recipient_span=item.recipient,
                affiliation_span=item.affiliation,
                honor_span=heading.span,
                evidence=evidence,
                layout=layout,
            )
        )
        for h in self.stack:
            h.found += 1


@dataclass(frozen=True, slots=True)
class _Item:
    recipient: Span
    kind: RecipientType
    affiliation: Span | None = None
    contact: Span | None = None
    rank: str | None = None


def extract_awards(raw: str, document: Document) -> tuple[list[Award], list[Finding]]:
    """Every recipient honoured in ``document`` (a span of ``raw``), with spans into ``raw``."""
    if not is_commendation(document):
        return [], []
    lines = _body_lines(raw, document)
    skip = _signature_lines(lines, document)
    state = _State(raw, document)
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.blank or line.index in skip or parse_date_line(line.text):
            if line.index in skip:
                state.close()
            i += 1
            continue
        if line.is_table_row:
            j = i
            while j < len(lines) and lines[j].is_table_row:
                j += 1
            _table(state, lines[i:j])
            i = j
            continue
        group, i = _logical_line(lines, i, skip)
        _line(state, group)
    state.close()
    if not state.awards:
        _sentences(state, lines)
    return state.awards, state.findings


def _body_lines(raw: str, document: Document) -> list[Line]:
    start, end = document.number_span.end, document.span.end
    return lines_between(raw, start, end)


def _signature_lines(lines: list[Line], document: Document) -> set[int]:
    spans = [*document.issuer_spans, *([document.date_span] if document.date_span else [])]
    return {ln.index for ln in lines for s in spans if ln.start <= s.start < ln.end + 1 and not ln.is_table_row}


def _marker(text: str) -> tuple[int, int] | None:
    for level, pattern in MARKERS:
        m = pattern.match(text)
        if m:
            return level, m.end()
    return None


def _joins(current: str, following: Line) -> bool:
    """A list broken by a page: the line runs on (、 at the end, or a unit in parentheses follows)."""
    nxt = following.stripped
    if not nxt or following.is_table_row or _marker(nxt) or RANK.match(nxt) or parse_date_line(nxt):
        return False
    if _marker(current) and _head_end(current) is None and current.count("、") <= 1:
        return False  # a heading stands alone (its 、 is the marker's)
    if current.endswith(("、", ",", "，", "(", "（")):
        return True
    if current.count("(") + current.count("（") > current.count(")") + current.count("）"):
        return True
    if nxt[0] in "(（" and not current.endswith(_TERMINATOR):
        return True  # 周俊 ⏎⏎ (市委宣传部): a unit cut from its name
    colon = _head_end(current)
    listing = "、" in current or (colon is not None and colon + 1 < len(current))  # a list has begun
    if not listing or current.endswith(_TERMINATOR) or _prose(nxt):
        return False
    return "、" in nxt or nxt.endswith(("。", ";", "；")) or len(nxt) <= 8


def _logical_line(lines: list[Line], i: int, skip: set[int]) -> tuple[list[Line], int]:
    group = [lines[i]]
    text = lines[i].stripped
    j = i + 1
    while True:
        k = j
        while k < len(lines) and lines[k].blank:
            k += 1
        if k >= len(lines) or k in skip or not _joins(text, lines[k]):
            return group, j
        group.append(lines[k])
        text += lines[k].stripped
        j = k + 1


def _stream(raw: str, group: list[Line], table: bool = False) -> Stream:
    stream = Stream(raw)
    for line in group:
        stream.add(line.start, line.end, table)
    return stream


def _line(state: _State, group: list[Line]) -> None:
    stream = _stream(state.raw, group)
    text = stream.text
    evidence = stream.span(0, len(text))
    marker = _marker(text)
    if marker and marker[0] >= 3 and state.open and state.honor() is not None and _numbered_item(text[marker[1] :]):
        _items(state, stream, group, marker[1], evidence)  # ``1.张三(市公安局)``: a numbered recipient
        return
    head_end = _head_end(text)
    unmarked_head = head_end is None and "、" not in text and len(text) <= 40
    unmarked_head = unmarked_head and (COUNT.search(text) is not None or bool(BARE_GRADE_HEAD.match(text.rstrip("："))))
    if marker or (head_end is not None and HONOR_LIKE.search(_clean_honor(text[:head_end]))) or unmarked_head:
        level = marker[0] if marker else _UNMARKED_LEVEL
        start = marker[1] if marker else 0
        stop = head_end if head_end is not None else len(text)
        head = text[start:stop]
        if len(head) > 60 or "。" in head.rstrip("。"):
            state.close()  # a numbered paragraph of prose
            return
        _push(state, stream, level, head, 0, stop)
        if head_end is not None:
            _list(state, stream, head_end + 1, len(text), evidence, rank=None)
        return
    if re.match(r"^-?附[件表]", text):
        state.close()
        return
    if not state.open:
        return
    rank = RANK.match(text)
    if rank:
        _list(state, stream, rank.end(), len(text), evidence, rank=rank["rank"])
        return
    _items(state, stream, group, 0, evidence)


def _push(state: _State, stream: Stream, level: int, head: str, first: int, stop: int) -> None:
    count = COUNT.search(head)
    honor = _clean_honor(head)
    span = stream.span(first, stop)
    quoted = _QUOTED_TITLE.search(honor)
    if quoted:  # 授予…“X”称号: the honour is X
        honor = quoted["honor"]
        at = stop - len(head) + head.rfind(honor)
        span = stream.span(at, at + len(honor))
    state.push(
        _Heading(
            level=level,
            honor=honor,
            honor_like=bool(quoted) or bool(HONOR_LIKE.search(honor)),
            span=span,
            declared=int(count["n"]) if count else None,
            unit=count["unit"] if count else None,
        )
    )


def _numbered_item(rest: str) -> bool:
    head = rest.split(":")[0].split("：")[0]
    if COUNT.search(rest) or HONOR_LIKE.search(_clean_honor(head)) or "。" in rest.rstrip("。"):
        return False
    body = rest.rstrip("。;；、,，")
    return bool(re.match(rf"^(?:{_NAME})[(（]", body) or _ORG_END.search(body) or person_name(body))


def _items(state: _State, stream: Stream, group: list[Line], start: int, evidence: Span) -> None:
    """A line of recipients: a grouped list (``柯城区:A、B``), a space-separated row, or items."""
    text = stream.text
    bullet = _BULLET.match(text, start)
    start = bullet.end() if bullet else start
    if _prose(text[start:]):
        state.close()
        return
    head_end = _head_end(text[start:])
    if head_end is not None and head_end <= 20:
        _push(state, stream, _GROUP_LEVEL, text[start : start + head_end], start, start + head_end)
        _list(state, stream, start + head_end + 1, len(text), evidence, rank=None)
        return
    if len(group) == 1 and re.search(r"\S\s+\S", group[0].stripped) and not any(c in text for c in "、;；"):
        first = stream.offsets[start] if start < len(text) else group[0].end
        line = Line(group[0].index, first, group[0].end, state.raw[first : group[0].end])
        items = _row(line, state.default_type())
        for item in items:
            state.emit(item, evidence, "prose")
        if items:
            return
    _list(state, stream, start, len(text), evidence, rank=None)


def _head_end(text: str) -> int | None:
    """Offset of the colon that ends a heading (outside parentheses), if any."""
    depth = 0
    for k, ch in enumerate(text):
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            depth = max(0, depth - 1)
        elif ch in ":：" and depth == 0:
            return k if k <= 40 else None
    return None


def _clean_honor(head: str) -> str:
    """The honour as written, without its count, ordering note or a trailing 名单."""
    head = head.rstrip(":：。")
    previous = None
    while previous != head:
        previous = head
        head = re.sub(r"(?<=.)名单$", "", COUNT.sub("", _ORDER_NOTE.sub("", head)).rstrip(":：。 "))
    return head


def _prose(text: str) -> bool:
    """A sentence, not a list item: long, with clause punctuation, or a closing wish."""
    body = text.rstrip("。")
    if re.match(r"^(?:希望|各地|各部门|各单位|要|望|特此|请)", body):
        return True
    return ("。" in body) or (len(body) > 40 and bool(re.search(r"[,，]", body)) and "、" not in body)


def _list(state: _State, stream: Stream, start: int, end: int, evidence: Span, rank: str | None) -> None:
    """Items separated by 、;, outside parentheses; the list ends at 。."""
    text = stream.text
    depth, item_start = 0, start
    bounds: list[tuple[int, int]] = []
    for k in range(start, end):
        ch = text[k]
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            depth = max(0, depth - 1)
        elif depth == 0 and (ch in _ITEM_SEP or ch == "。"):
            bounds.append((item_start, k))
            item_start = k + 1
            if ch == "。":
                break
    else:
        bounds.append((item_start, end))
    for a, b in bounds:
        item = _item(stream, a, b, state.default_type(), rank)
        if item is not None:
            state.emit(item, evidence, "prose")


def _item(stream: Stream, a: int, b: int, default: RecipientType | None, rank: str | None) -> _Item | None:
    text = stream.text
    while a < b and text[a] in "-●·•":
        a += 1
    while b > a and text[b - 1] in "。等":
        b -= 1
    if b - a < 2:
        return None
    body = text[a:b]
    m = re.match(r"^(?P<name>[^()（）]+)[(（](?P<aff>.+)[)）]$", body)
    if m and person_name(m["name"]) and _balanced(m["aff"]):
        name = stream.span(a, a + m.end("name"))
        aff = stream.span(a + m.start("aff"), a + m.end("aff"))
        return _Item(name, "person", aff, rank=rank)
    if len(body) > 60 or _NOT_RECIPIENT.search(body):
        return None
    kind: RecipientType = "person" if default == "person" and person_name(body) else "collective"
    return _Item(stream.span(a, b), kind, rank=rank)


def _balanced(text: str) -> bool:
    depth = 0
    for ch in text:
        depth += ch in "(（"
        depth -= ch in ")）"
        if depth < 0:
            return False
    return depth == 0


def _tokens(line: Line) -> list[Span]:
    """Whitespace-separated tokens, with a padded two-character name (``占 璠``) as one token."""
    spans = [Span(line.start + m.start(), line.start + m.end(), m.group()) for m in re.finditer(r"\S+", line.text)]
    out: list[Span] = []
    k = 0
    while k < len(spans):
        s = spans[k]
        if len(s.text) == 1 and k + 1 < len(spans) and len(spans[k + 1].text) == 1 and s.end + 1 == spans[k + 1].start:
            out.append(Span(s.start, spans[k + 1].end, line.text[s.start - line.start : spans[k + 1].end - line.start]))
            k += 2
            continue
        out.append(s)
        k += 1
    return out


def _row(line: Line, default: RecipientType | None) -> list[_Item]:
    """A space-separated row: ``单位 姓名``, ``姓名 单位 …``, or a roster of names."""
    tokens = _tokens(line)
    if len(tokens) < 2:
        return []
    with_units = [_PERSON_WITH_UNIT.match(t.text) for t in tokens]
    if all(m is not None and person_name(m["name"]) for m in with_units):  # 张三(市公安局) 李四(市财政局)
        return [_person_item(t, m) for t, m in zip(tokens, with_units, strict=True) if m is not None]
    if default == "collective" and all(_unit_token(compact(t.text)) for t in tokens):
        return [_Item(t, "collective") for t in tokens]  # 市委统战部 市民宗局: one unit per token
    first, second = compact(tokens[0].text), compact(tokens[1].text)
    if not person_name(first) and person_name(second) and len(first) > 4:
        if default == "person":
            return [_Item(tokens[1], "person", affiliation=tokens[0])]
        return [_Item(tokens[0], "collective", contact=tokens[1])]  # 获奖企业: the unit is honoured
    if person_name(first) and not person_name(second):
        return [_Item(tokens[0], "person", affiliation=tokens[1])]
    if default == "person" and all(person_name(compact(t.text)) for t in tokens):
        return [_Item(t, "person") for t in tokens]
    return []


def _person_item(token: Span, m: re.Match[str]) -> _Item:
    name = Span(token.start + m.start("name"), token.start + m.end("name"), m["name"])
    return _Item(name, "person", Span(token.start + m.start("aff"), token.start + m.end("aff"), m["aff"]))


def _unit_token(text: str) -> bool:
    """A whole unit name in a space-separated row: ends like a unit, not a name, no digits or colons."""
    return len(text) >= 3 and bool(_ORG_END.search(text)) and not _NOT_RECIPIENT.search(text)


def _table(state: _State, rows: list[Line]) -> None:
    """A roster table: a header with 姓名 (persons) or a unit-name column (collectives)."""
    columns: dict[str, int] = {}
    for row in rows:
        cells = table_cells(row)
        if not cells:
            continue
        texts = [compact(c.text) for c in cells]
        if not columns:
            for c, t in zip(cells, texts, strict=True):
                if _TABLE_PERSON.search(t):
                    columns["person"] = c.column
                elif _TABLE_COLLECTIVE.search(t):
                    columns["collective"] = c.column
                elif _TABLE_UNIT.search(t):
                    columns.setdefault("unit", c.column)
            continue
        by_column = {c.column: c for c in cells if c.text}
        evidence = row.span()
        if "person" in columns and columns["person"] in by_column:
            unit = by_column.get(columns.get("unit", -1))
            name = by_column[columns["person"]]
            if person_name(compact(name.text)):
                state.emit(_Item(name.span, "person", unit.span if unit else None), evidence, "table")
        elif "collective" in columns and columns["collective"] in by_column:
            state.emit(_Item(by_column[columns["collective"]].span, "collective"), evidence, "table")


def _sentences(state: _State, lines: list[Line]) -> None:
    """Decisions with no list: ``给予张三同志记个人三等功一次``; ``授予X“Y”称号``."""
    stream = _stream(state.raw, [ln for ln in lines if not ln.blank and not ln.is_table_row])
    for sentence in _SENTENCE.finditer(stream.text):
        at, text = sentence.start(), sentence.group()
        evidence = stream.span(at, sentence.end())
        for m in _GIVE.finditer(text):
            honor = stream.span(at + m.start("honor"), at + m.end("honor"))
            for recipient, kind, affiliation in _given(m, at, stream):
                state.awards.append(_sentence_award(recipient, kind, honor, evidence, affiliation))
        for m in _CONFER.finditer(text):
            who = re.sub(r"^(?:给|向)", "", m["who"])
            recipient = stream.span(at + m.end("who") - len(who), at + m.end("who"))
            kind: RecipientType = "person" if person_name(who) else "collective"
            honor = stream.span(at + m.start("honor"), at + m.end("honor"))
            state.awards.append(_sentence_award(recipient, kind, honor, evidence))


def _given(m: re.Match[str], at: int, stream: Stream) -> list[tuple[Span, RecipientType, Span | None]]:
    """Recipients of a 给予 sentence: names (``张三``), unit + name (``市公安局治安支队张三``), or units.

    A 集体 grade takes units only; 个人 or 同志 takes persons only; otherwise either. One item that
    fits neither drops the whole sentence (it is prose, not a list of recipients).
    """
    honor = m["honor"]
    collective = honor.startswith("集体")
    personal = honor.startswith("个人") or bool(m["comrade"])
    out: list[tuple[Span, RecipientType, Span | None]] = []
    pos = at + m.start("who")
    for item in m["who"].split("、"):
        name = item.removesuffix("同志")
        found = None if collective else _person_with_unit(name)
        if found is not None:
            aff_len, name_len = found
            affiliation = stream.span(pos, pos + aff_len) if aff_len else None
            out.append((stream.span(pos + aff_len, pos + aff_len + name_len), "person", affiliation))
        elif not personal and len(name) <= 30 and _ORG_END.search(name) and not re.search(r"[的在和及对]", name):
            out.append((stream.span(pos, pos + len(name)), "collective", None))
        else:
            return []
        pos += len(item) + 1
    return out


def _person_with_unit(text: str) -> tuple[int, int] | None:
    """Split ``市公安局治安支队张三`` into (unit length, name length); a bare name has unit length 0.

    A unit is tried first: ``市局王华`` is four characters, like a name, but ends a unit before the name.
    """
    for size in (2, 3, 4):
        unit, name = text[:-size], text[-size:]
        if len(unit) >= 2 and person_name(name) and _ORG_END.search(unit) and _balanced(unit):
            return len(unit), size
    return (0, len(text)) if person_name(text) else None


def _sentence_award(
    recipient: Span, kind: RecipientType, honor: Span, evidence: Span, affiliation: Span | None = None
) -> Award:
    return Award(
        recipient=compact(recipient.text),
        recipient_type=kind,
        affiliation=compact(affiliation.text) if affiliation else None,
        honor=compact(honor.text),
        rank=None,
        contact=None,
        recipient_span=recipient,
        affiliation_span=affiliation,
        honor_span=honor,
        evidence=evidence,
        layout="prose",
    )
