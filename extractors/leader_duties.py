"""Division of work among leaders (领导分工): who holds which posts, supervises, assists and liaises with what.

Only inside a document whose title mentions 分工. Each leader has a block (gazettes.md §4.5):

    汤飞帆 市长                                   <- NAME<space>POST[、POST…]  (a padded ``方 法`` is one name)
    主持市政府全面工作。负责…;分管市审计局。      <- duties: ``;``-separated clauses, possibly over several lines

Other head lines: ``市长 汤飞帆``, ``汤飞帆(市长):…``, ``市长汤飞帆:…`` (glued, so only with a colon) and
``方法:市政府副秘书长、办公室党组成员。负责…`` (name, colon, posts closed by 。).

The verbs fix the relation: ``分管`` → supervises, ``协助(…)分管`` → assists (a different relation), ``联系`` →
liaises; other clauses (``负责…``, ``主持…``, ``协助市长处理…``) are the duties text. Objects are split on 、
(and on a comma followed by more agencies: ``分管市教育局，市科技局``) and kept as written (SCHEMA), their
tail dropped (``…市科协等部门工作``); ``expanded`` applies the distributive 市 of §4.4 (``市发改委、统计局``
→ 市统计局) for linking, never to a place-named or non-organ unit (``衢州学院``). A block counts only
when its head line ends in a leader's post and its paragraph carries a duty verb, so task-division
notices (``重点任务分工``) give nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.agency_lists import agency_like, distributed
from extractors.dates import parse_date_line
from extractors.lines import Line, compact, lines_between
from extractors.records import Document, Span
from extractors.stream import Stream

VERSION = "leader-duties-1"


@dataclass(frozen=True, slots=True)
class LeaderDuty:
    """One leader's share of the work."""

    person: str
    positions: str  # the posts as written on the head line (whitespace removed)
    duties: str  # the clauses that are not 分管/协助分管/联系 relations, joined by ;
    supervises: tuple[str, ...]  # 分管
    assists: tuple[str, ...]  # 协助分管
    liaises: tuple[str, ...]  # 联系
    person_span: Span
    positions_span: Span
    duties_span: Span | None
    object_spans: tuple[Span, ...]  # the printed pieces behind supervises + assists + liaises, in that order
    evidence: Span  # head line and duties paragraph
    expanded: tuple[str | None, ...] = ()  # per object span: the distributive 市 applied (市统计局), or None


_DIVISION_TITLE = re.compile(r"分工")
_TASK_DIVISION = re.compile(r"任务分工|责任分工|分工方案|任务分解")
_POST_END = r"(?:长|书记|党组成员|成员|主任|巡视员|调研员|助理|委员|主席|专员|秘书)"
_NUMBERING = r"^\s*(?:[一二三四五六七八九十]+、|\d{1,2}[.、．])?\s*"
_NAME = r"[\u4e00-\u9fa5]{2,3}"
_DUTIES = r"\s*(?:[:：]\s*(?P<duties>\S.*))?$"
HEAD = re.compile(
    _NUMBERING + rf"(?P<name>{_NAME}|[\u4e00-\u9fa5][ \t\u3000]{{1,3}}[\u4e00-\u9fa5])[ \t\u3000]+"
    rf"(?P<posts>[^\s;；。,，:：]{{1,60}}?{_POST_END}(?:[(（][^()（）]{{1,12}}[)）])?)" + _DUTIES
)
_POSTS = rf"[^\s;；。,，:：()（）]{{0,40}}{_POST_END}"
HEAD_VARIANTS = (
    re.compile(_NUMBERING + rf"(?P<posts>{_POSTS})[ \t\u3000]+(?P<name>{_NAME})" + _DUTIES),  # 市长 汤飞帆
    re.compile(_NUMBERING + rf"(?P<name>{_NAME})[(（](?P<posts>{_POSTS})[)）]" + _DUTIES),  # 汤飞帆(市长):
    re.compile(_NUMBERING + rf"(?P<posts>{_POSTS})(?P<name>{_NAME})[:：]\s*(?P<duties>\S.*)$"),  # 市长汤飞帆:…
    # 方法:市政府副秘书长、办公室党组成员。负责…  (the posts end at 。 or ;, the duties may follow on the line)
    re.compile(
        _NUMBERING + rf"(?P<name>{_NAME})[:：]\s*(?P<posts>[^\s;；。,，:：]{{1,60}}?{_POST_END}"
        rf"(?:[(（][^()（）]{{1,12}}[)）])?)(?:[。;；]\s*(?P<duties>\S.*)?|[。;；]?\s*)$"
    ),
)
_NOT_POST = re.compile(r"负责|分管|联系|协助|主持|主管|牵头|处理|工作")  # a duty clause wrapped at a space
_NOT_NAME = re.compile(r"[市县区省局委办厅处室]$")  # 衢州市 人民政府办公室主任 is not a leader line
_DUTY_VERB = re.compile(r"负责|分管|联系|协助|主持|主管|牵头")
_CLAUSE = re.compile(r"[^;；。]+")
_SUBCLAUSE = re.compile(r"[^,，]+")
_LEAD = r"^(?:同时|并|另|还)?"
ASSISTS = re.compile(rf"{_LEAD}协助(?:[\u4e00-\u9fa5]{{0,8}}?)分管(?P<objs>.+)$")
SUPERVISES = re.compile(rf"{_LEAD}分管(?P<objs>.+)$")
LIAISES = re.compile(rf"{_LEAD}联系(?P<objs>.+)$")
_OBJECT_TAIL = re.compile(r"(?:等(?:有关|相关|其他)?(?:部门|单位|方面)?|方面|部门|单位)?(?:的)?(?:工作|事务)?$")


def is_division_notice(document: Document) -> bool:
    return bool(_DIVISION_TITLE.search(document.title)) and not _TASK_DIVISION.search(document.title)


def extract_leader_duties(raw: str, document: Document) -> list[LeaderDuty]:
    """Every leader block of a 领导分工 notice, with spans into ``raw``."""
    if not is_division_notice(document):
        return []
    start, end = document.number_span.end, document.span.end
    lines = lines_between(raw, start, end)
    stop = {s.start for s in document.issuer_spans} | ({document.date_span.start} if document.date_span else set())
    heads = [(n, m) for n, ln in enumerate(lines) if not ln.is_table_row and (m := _head(ln.text))]
    out = []
    for k, (n, m) in enumerate(heads):
        limit = heads[k + 1][0] if k + 1 < len(heads) else len(lines)
        body: list[Line] = []
        for line in lines[n + 1 : limit]:
            if line.is_table_row or parse_date_line(line.text) or any(line.start <= s < line.end + 1 for s in stop):
                break
            if not line.blank:
                body.append(line)
        duty = _block(raw, lines[n], m, body)
        if duty is not None:
            out.append(duty)
    return out


def _head(text: str) -> re.Match[str] | None:
    """A leader's head line: a name and posts ending in a leader's post, in one of the printed orders."""
    for pattern in (HEAD, *HEAD_VARIANTS):
        m = pattern.match(text)
        if m and _leader_name(compact(m["name"])) and not _NOT_POST.search(m["posts"]):
            return m
    return None


def _leader_name(name: str) -> bool:
    """Not a unit (``衢州市``) and not a verb heading a duties line (``分管:…主任``)."""
    return not _NOT_NAME.search(name) and not _DUTY_VERB.search(name)


def _block(raw: str, head: Line, m: re.Match[str], body: list[Line]) -> LeaderDuty | None:
    stream = Stream(raw)
    if m["duties"]:
        stream.add(head.start + m.start("duties"), head.start + m.end("duties"), False)
    for line in body:
        stream.add(line.start, line.end, False)
    text = stream.text
    if not _DUTY_VERB.search(text):
        return None
    relations: dict[str, list[tuple[str, Span, str | None]]] = {"supervises": [], "assists": [], "liaises": []}
    duties: list[str] = []
    for clause in _CLAUSE.finditer(text):
        kept = []
        last: str | None = None  # the relation of the previous sub-clause, continued by a bare agency list
        for sub in _SUBCLAUSE.finditer(clause.group()):
            offset = clause.start() + sub.start()
            for kind, pattern in (("assists", ASSISTS), ("supervises", SUPERVISES), ("liaises", LIAISES)):
                r = pattern.match(sub.group())
                if r:
                    relations[kind] += _objects(stream, offset + r.start("objs"), offset + r.end("objs"))
                    last = kind
                    break
            else:
                if last is not None and _agency_list(sub.group()):
                    relations[last] += _objects(stream, offset, offset + len(sub.group()))
                    continue
                last = None
                kept.append(sub.group())
        if kept:
            duties.append("，".join(kept) if "，" in clause.group() else ",".join(kept))
    name = Span.of(raw, head.start + m.start("name"), head.start + m.end("name"))
    posts = Span.of(raw, head.start + m.start("posts"), head.start + m.end("posts"))
    evidence_end = body[-1].end if body else head.end
    return LeaderDuty(
        person=compact(name.text),
        positions=compact(posts.text),
        duties=";".join(duties),
        supervises=tuple(o for o, _, _ in relations["supervises"]),
        assists=tuple(o for o, _, _ in relations["assists"]),
        liaises=tuple(o for o, _, _ in relations["liaises"]),
        person_span=name,
        positions_span=posts,
        duties_span=stream.span(0, len(text)) if text else None,
        object_spans=tuple(s for kind in ("supervises", "assists", "liaises") for _, s, _ in relations[kind]),
        evidence=Span.of(raw, head.span().start, evidence_end),
        expanded=tuple(e for kind in ("supervises", "assists", "liaises") for _, _, e in relations[kind]),
    )


def _agency_list(text: str) -> bool:
    """A sub-clause that is only agencies (``市科技局``, ``市科协、市体育局``): the list goes on after a comma."""
    names = [n for n in text.split("、") if n]
    return bool(names) and not _DUTY_VERB.search(text) and all(agency_like(n) for n in names)


def _objects(stream: Stream, a: int, b: int) -> list[tuple[str, Span, str | None]]:
    """Units after a verb, split on 、 (outside parentheses), as written, with their distributive-市 form."""
    text = stream.text
    tail = _OBJECT_TAIL.search(text, a, b)
    if tail and tail.start() > a:
        b = tail.start()
    pieces: list[tuple[int, int]] = []
    depth, start = 0, a
    for k in range(a, b + 1):
        ch = text[k] if k < b else "、"
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            depth = max(0, depth - 1)
        elif ch == "、" and depth == 0:
            if k > start:
                pieces.append((start, k))
            start = k + 1
    names = [text[p_start:p_end] for p_start, p_end in pieces]
    expanded = distributed(names)
    return [(name, stream.span(*piece), e) for name, piece, e in zip(names, pieces, expanded, strict=True)]
