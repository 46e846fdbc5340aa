"""The grammar of agency lists in task assignments (责任单位 / 牵头单位 / 配合单位 … lists).

A list is read from a *view* of the raw text: whitespace dropped (or kept as a possible separator in
table cells), cell markup (``<p>``) turned into a hard item boundary, every character mapped back to
its raw offset. The grammar (docs §4.4):

- items are separated by ``、 , ， ; ；``; brackets are never split (``各县(市、区)政府``,
  ``各县〔市、区〕政府``); a bracket after an organ is an alias (``市发改委(铁办)``);
- ``等`` ends the list; what follows (``等按职责、领域分工负责``, ``等积极配合,…``) is a tail that only
  tells the role (``配合`` → support); generic tails (``及领导小组相关成员单位``) are dropped, generic
  units that name a level (``市级有关部门``, ``各县(市、区)政府``) are kept;
- ``A、B牵头(负责)`` marks leads; the agencies after it are responsible (or support with 配合);
- in a table cell a space either separates two lists or is a wrap inside one name (``市住建 局``);
- two organs printed without a separator (``市环保局市经信委``) are split, and so are two organs joined by
  和 or by the conversion artefact `` and `` (docs §6.4: ``市发改委 and 市财政局``) — never a name that holds
  和 itself (``市住房和城乡建设局``);
- a bracketed role after an item (``市发改委(牵头)``, ``市财政局(配合)``) is a marker, not an alias; it speaks
  for that item only (``A(牵头)、B、C(配合)``: B responsible, C support), a tail (``…等配合``) for the whole list;
- a page break inside a list joins its halves (``市`` ⏎ ``级有关部门``).

Agencies keep the printed form (whitespace removed, half-width brackets); ``expanded`` applies a
distributive ``市`` (``市国资委、交通运输局`` → 市交通运输局) or suffix (``柯城区、衢江区政府`` →
柯城区政府) for linking, never for the printed value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from extractors.records import Span

OPEN = "(（〔[［【"
CLOSE = ")）〕]］】"
SEPARATORS = "、,，;；"
BOUNDARY = "\x1f"  # a hard item boundary: cell markup such as ``</p> <p>``
_TAG = re.compile(r"</?(?:p|br|div|span)\b[^>]*>", re.I)
_WS = re.compile(r"\s")
_NON_SPACE = re.compile(r"\S+")
_ORGAN_END = (
    r"(?:人民政府|政府|管委会|委员会|局|委|办|厅|署|关|中心|集团|公司|社|台|院|校|部|处|科|室|站|所|队|行|会|联|团"
    r"|专班|小组|单位|部门|机构|银行|报社)"
)
_PLACE_END = r"(?:区|县|市|街道|镇|乡|片区|集聚区|开发区|园区|新城)"
_AGENCY_END = re.compile(rf"(?:{_ORGAN_END}|{_PLACE_END})$")
_ORGAN_TAIL = re.compile(rf"{_ORGAN_END}$")
_GOVERNMENT_ORGAN = re.compile(r"(?:局|委|办|中心|室|支队|大队|专班)$")  # what a distributive 市 reaches
_SENTENCE = re.compile(r"[。:：“”《》!！?？\d%]")
_MUNICIPAL_SHORT = re.compile(r"市[\u4e00-\u9fa5]{2,5}")  # 市经信, 市旅游: organ word left out
_SHORT_OK = re.compile(r"(?:行|办|委|局)$")  # two-character forms: 人行, 农办, 旅委
_ROLE_WORDS = re.compile(r"(?:牵头)?(?:负责)?(?:分工)?(?:负责|配合|参与|协助|协办|落实|牵头)$")
_GENERIC_TAIL = re.compile(r"^(?:及|和)?(?:其他|其它|领导小组|成员|相关|有关|各成员)(?!.*[县区市乡镇])")
_AND_GENERIC = re.compile(r"(?:及|和)(?=领导小组|其他|其它|相关|有关|成员|各成员)")
LEAD_MARK = re.compile(r"牵头(?:负责)?(?=$|[,，;；、:：\s\x1f])")
_SUPPORT_WORDS = re.compile(r"配合|协助|协办|参与|协同")
_LEAD_ROLE = r"牵头(?:负责|单位|部门)?|主办|主责"
_SUPPORT_ROLE = r"(?:配合|协办|协助|参与|协同)(?:单位|部门)?"
ROLE_MARK = re.compile(rf"[(（〔\[［【](?:(?P<lead>{_LEAD_ROLE})|(?P<support>{_SUPPORT_ROLE}))[)）〕\]］】]$")
_CONJUNCTION = re.compile(r"和|(?<=[\u4e00-\u9fa5])and(?=[\u4e00-\u9fa5])")
_SPACED_AND = re.compile(r"(?:(?<= )|^)and(?= |$)|(?<=[\u4e00-\u9fa5]) and(?= |$)")
_DEADLINE = re.compile(r"\d{4}\s*年|\d{1,2}\s*月|底前|前完成|年底|月底|季度")
_BARE_SKIP = re.compile(r"^(?:市场|市政|市民|市区|市域|市级|市本级)")  # words that merely start with 市
_CITY_FIRST = re.compile(r"^市(?:政府|民政|政协|民宗)")  # …but 市政府办公室, 市民政局, 市政协: already municipal
_PLACED = re.compile(r"^(?:各|省|国家|国网)|[市县区州省]")  # names that carry their own level or place
_ALIAS = re.compile(r"^(?P<base>.+?)[(（〔\[［【](?P<alias>[^()（）〔〕\[\]［］【】]{1,20})[)）〕\]］】]$")
_PAREN_MAP = str.maketrans({"（": "(", "）": ")", "〔": "(", "〕": ")", "［": "(", "］": ")", "【": "(", "】": ")"})
_SUFFIX_ONLY = re.compile(rf"^{_ORGAN_END}$")


@dataclass(frozen=True, slots=True)
class View:
    """Characters of part of the raw text, each with its raw offset (whitespace and markup dropped)."""

    raw: str
    text: str
    offsets: tuple[int, ...]

    def span(self, i: int, j: int) -> Span:
        """The raw span covering view characters ``[i, j)`` (separators at either end excluded)."""
        i, j = max(0, min(i, len(self.text))), max(0, min(j, len(self.text)))
        while i < j and self.text[i] in " \n" + BOUNDARY:
            i += 1
        while j > i and self.text[j - 1] in " \n" + BOUNDARY:
            j -= 1
        if i >= j:
            at = self.offsets[i] if i < len(self.offsets) else (self.offsets[-1] + 1 if self.offsets else 0)
            return Span(at, at, "")
        return Span.of(self.raw, self.offsets[i], self.offsets[j - 1] + 1)


def view_of(raw: str, start: int, end: int, keep_space: bool = False) -> View:
    """A view of ``raw[start:end]``: markup → ``BOUNDARY``; whitespace dropped, or one ``' '`` per run."""
    if "<" not in raw[start:end]:
        return _plain_view(raw, start, end, keep_space)
    chars: list[str] = []
    offsets: list[int] = []
    tags = {m.start(): m.end() for m in _TAG.finditer(raw, start, end)}
    i = start
    while i < end:
        if i in tags:
            _separator(chars, offsets, BOUNDARY, i)
            i = tags[i]
            continue
        ch = raw[i]
        if not _WS.match(ch):
            chars.append(ch)
            offsets.append(i)
        elif keep_space:
            _separator(chars, offsets, " ", i)
        i += 1
    while chars and chars[-1] in " " + BOUNDARY:
        chars.pop()
        offsets.pop()
    return View(raw, "".join(chars), tuple(offsets))


def _plain_view(raw: str, start: int, end: int, keep_space: bool) -> View:
    """``view_of`` for text without markup, run by run rather than character by character (its hot path)."""
    chars: list[str] = []
    offsets: list[int] = []
    previous = start
    for run in _NON_SPACE.finditer(raw, start, end):
        if keep_space and chars and run.start() > previous:
            chars.append(" ")
            offsets.append(previous)  # the first whitespace character of the run, as the character loop gives
        chars.extend(run.group())
        offsets.extend(range(run.start(), run.end()))
        previous = run.end()
    return View(raw, "".join(chars), tuple(offsets))


def _separator(chars: list[str], offsets: list[int], ch: str, at: int) -> None:
    """Append a separator, collapsing runs (a boundary wins over a space)."""
    if not chars:
        return
    if chars[-1] in " " + BOUNDARY:
        if ch == BOUNDARY:
            chars[-1] = ch
        return
    chars.append(ch)
    offsets.append(at)


def normalise(name: str) -> str:
    """An agency as the schema writes it: whitespace removed, half-width brackets."""
    return _WS.sub("", name).translate(_PAREN_MAP)


def agency_like(name: str) -> bool:
    """Does the string look like one organisation (short form, full name or generic unit)?"""
    text = normalise(name)
    m = _ALIAS.match(text)
    base = text
    if m and _AGENCY_END.search(m["base"]):
        base = m["base"]
    elif text.endswith(")"):
        base = re.sub(r"\([^()]*\)$", "", text)  # 各县(市、区)
    if not 2 <= len(base) <= 30 or _SENTENCE.search(base):
        return False
    if len(base) == 2 and not _SHORT_OK.search(base):
        return False
    if _MUNICIPAL_SHORT.fullmatch(base) and not _BARE_SKIP.match(base):
        return True
    return bool(_AGENCY_END.search(base) or _AGENCY_END.search(text))


@dataclass(frozen=True, slots=True)
class AgencyMention:
    """One agency of a list, as printed."""

    name: str  # whitespace removed, half-width brackets, alias bracket kept (市发改委(铁办))
    span: Span
    alias: str | None = None  # the bracketed alias (铁办)
    expanded: str | None = None  # distributive prefix/suffix applied (市交通运输局); None when unchanged
    # the role printed after the item (``市统计局(配合)`` → "support"): one list may mix marked and unmarked members
    mark: Literal["lead", "support"] | None = None


@dataclass(frozen=True, slots=True)
class Assignment:
    """One parsed assignment: explicit leads (``X牵头``) and the other agencies of the list.

    A ``plain`` list carries no 牵头 marker: who leads then depends on its label or column. ``member_role``
    is the role of the members as a list; a member's own ``(配合)`` mark (``AgencyMention.mark``) overrides it.
    """

    leads: tuple[AgencyMention, ...]
    members: tuple[AgencyMention, ...]
    member_role: Literal["responsible", "support"]
    plain: bool
    span: Span
    deadline: str | None = None
    junk: int = 0  # items that do not look like agencies

    @property
    def mentions(self) -> tuple[AgencyMention, ...]:
        return self.leads + self.members

    @property
    def complete(self) -> bool:
        """Leads and members both named: a whole assignment in one string."""
        return bool(self.leads) and bool(self.members)


@dataclass(slots=True)
class _Items:
    mentions: list[AgencyMention] = field(default_factory=list)
    tail: str = ""
    deadline: str | None = None
    junk: int = 0


def parse_assignment(view: View, i: int = 0, j: int | None = None, spaces: bool = True) -> Assignment | None:
    """One assignment string: ``A、B牵头,C、D等配合`` or a plain list ``A、B、C等``."""
    j = len(view.text) if j is None else j
    lead_items: _Items | None = None
    rest = i
    for m in LEAD_MARK.finditer(view.text, i, j):
        head = _split(view, i, m.start(), spaces)
        if head.mentions and not head.junk:
            lead_items = head
            rest = m.end()
            while rest < j and view.text[rest] in SEPARATORS + " :：" + BOUNDARY:
                rest += 1
            break
    items = _split(view, rest, j, spaces) if rest < j else _Items()
    if lead_items is None and not items.mentions:
        return None
    if lead_items is None and any(m.mark == "lead" for m in items.mentions):
        return _marked(view, i, j, items)
    leads = tuple(lead_items.mentions) if lead_items else ()
    # ``…等配合`` speaks for the whole list; a bracketed ``(配合)`` after the last item only for that item
    marked_last = bool(items.mentions) and items.mentions[-1].mark is not None and not items.tail
    support = _SUPPORT_WORDS.search(items.tail) or (not marked_last and _SUPPORT_WORDS.search(view.text[rest:j][-6:]))
    return Assignment(
        leads=_expand(leads),
        members=_expand(tuple(items.mentions), leads[0].name if leads else None),
        member_role="support" if support else "responsible",
        plain=lead_items is None,
        span=view.span(i, j),
        deadline=items.deadline or (lead_items.deadline if lead_items else None),
        junk=items.junk + (lead_items.junk if lead_items else 0),
    )


def _marked(view: View, i: int, j: int, items: _Items) -> Assignment:
    """``A(牵头)、B、C``: the marked items lead, the others are responsible (support when all are marked so)."""
    leads = tuple(m for m in items.mentions if m.mark == "lead")
    others = tuple(m for m in items.mentions if m.mark != "lead")
    marked_support = bool(others) and all(m.mark == "support" for m in others)
    support = marked_support or bool(_SUPPORT_WORDS.search(items.tail))
    return Assignment(
        leads=_expand(leads),
        members=_expand(others, leads[0].name),
        member_role="support" if support else "responsible",
        plain=False,
        span=view.span(i, j),
        deadline=items.deadline,
        junk=items.junk,
    )


def segments(view: View) -> list[tuple[int, int]]:
    """Split a table cell into the assignment strings it holds.

    A cell prints several lists for several sub-items, separated by markup (``</p> <p>``) or by a
    space between two lists (``市发改委、市统计局等负责 市质监局、市商务局等负责``). A lead marker
    followed by a space keeps its members (``市质监局牵头 市经信委、市环保局``).
    """
    text = view.text
    cuts: list[tuple[int, int]] = []
    depth = 0
    start = 0
    for k, ch in enumerate(text):
        if ch in OPEN:
            depth += 1
        elif ch in CLOSE:
            depth = max(0, depth - 1)
        elif ch == BOUNDARY or (ch == " " and depth == 0 and not _space_joins_cell(text, start, k)):
            cuts.append((start, k))
            start = k + 1
    cuts.append((start, len(text)))
    merged: list[tuple[int, int]] = []
    for a, b in cuts:
        if not text[a:b].strip(" " + BOUNDARY):
            continue
        if merged and _lead_only(text, *merged[-1]):
            merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    return merged


def _space_joins_cell(text: str, start: int, k: int) -> bool:
    return _space_joins(text, _item_start(text, start, k), k) or _spaced_and(text, k)


def _spaced_and(text: str, k: int) -> bool:
    """Is the space at ``k`` next to a conversion-artefact `` and `` (docs §6.4), which joins two names?"""
    return bool(_SPACED_AND.match(text, k + 1) or _SPACED_AND.match(text, max(0, k - 4), k + 1))


def _item_start(text: str, start: int, k: int) -> int:
    q = max((text.rfind(s, start, k) for s in SEPARATORS), default=-1)
    return q + 1 if q >= start else start


def _lead_only(text: str, a: int, b: int) -> bool:
    """``X、Y牵头`` with nothing after the marker."""
    marks = list(LEAD_MARK.finditer(text, a, b))
    return bool(marks) and not text[marks[-1].end() : b].strip(" " + SEPARATORS + BOUNDARY)


def _split(view: View, i: int, j: int, spaces: bool) -> _Items:
    """The agencies of ``view.text[i:j]`` up to the list tail."""
    out = _Items()
    pieces = _pieces(view.text, i, j, spaces)
    for k, (a, b) in enumerate(pieces):
        text = view.text[a:b]
        stop = _tail_start(text)
        if stop is not None:
            out.tail = view.text[a + stop : j]
            _add(out, view, a, a + stop)
            break
        if _GENERIC_TAIL.match(text) and out.mentions:
            out.tail = view.text[a:j]
            break
        m = _ROLE_WORDS.search(text)
        if m and m.start() > 0 and k == len(pieces) - 1:
            out.tail = text[m.start() :]
            b = a + m.start()
        _add(out, view, a, b)
    return out


def _tail_start(text: str) -> int | None:
    """Where a list tail starts inside one item: ``…等…``, ``…及领导小组…``."""
    for m in re.finditer("等", text):
        if m.start() > 0 and (agency_like(text[: m.start()]) or m.end() == len(text)):
            return m.start()
    m = _AND_GENERIC.search(text)
    return m.start() if m and m.start() > 0 else None


def _add(out: _Items, view: View, a: int, b: int) -> None:
    text = view.text
    while a < b and text[a] in " \n由" + BOUNDARY:
        a += 1
    while b > a and text[b - 1] in " \n。.)）" + BOUNDARY and not _closes_inner(text[a:b]):
        b -= 1
    if a >= b:
        return
    if text[a] == "和" and agency_like(text[a + 1 : b]):
        a += 1  # ``A B 和C``: the conjunction opens the last item
    item = text[a:b]
    if _DEADLINE.search(item) and not agency_like(item):
        out.deadline = normalise(item)
        return
    mark: Literal["lead", "support"] | None = None
    if (m := ROLE_MARK.search(normalise(item))) and m.start() > 0:
        mark = "lead" if m["lead"] else "support"
        item = item[: m.start()]
    pieces = _split_runon(item)
    for n, (x, y) in enumerate(pieces):
        name = normalise(item[x:y])
        if not name:
            continue
        out.junk += not agency_like(name)
        m = _ALIAS.match(name)
        alias = m["alias"] if m and _ORGAN_TAIL.search(m["base"]) else None
        last = n == len(pieces) - 1
        out.mentions.append(AgencyMention(name, view.span(a + x, a + y), alias, mark=mark if last else None))


def _closes_inner(text: str) -> bool:
    """A closing bracket that closes a bracket inside the item (各县(市、区)) stays."""
    depth = sum(map(text.count, OPEN)) - sum(map(text.count, CLOSE))
    return depth == 0 and text[-1:] in CLOSE


def _split_runon(text: str) -> list[tuple[int, int]]:
    """``市环保局市经信委``, ``市发改委和市财政局`` → two organs; one name (``市住房和城乡建设局``) stays whole."""
    pieces: list[tuple[int, int]] = []
    start = 0
    for m in re.finditer(rf"{_ORGAN_END}(?=市[\u4e00-\u9fa5]{{2,}})|{_CONJUNCTION.pattern}", text):
        joined = m.group() in ("和", "and")
        left, right = text[start : m.start() if joined else m.end()], text[m.end() :]
        if not (agency_like(left) and agency_like(right) and not _BARE_SKIP.match(right)):
            continue
        if joined and not _AGENCY_END.search(left):
            continue  # 市发展和改革委员会: 和 inside one name
        pieces.append((start, m.start() if joined else m.end()))
        start = m.end()
    pieces.append((start, len(text)))
    return pieces


def _pieces(text: str, i: int, j: int, spaces: bool) -> list[tuple[int, int]]:
    """Raw items between separators at bracket depth 0; a line break inside a list is a page break."""
    out: list[tuple[int, int]] = []
    depth = 0
    start = i
    for k in range(i, j):
        ch = text[k]
        if ch in OPEN:
            depth += 1
        elif ch in CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0 and (
            ch in SEPARATORS or ch == BOUNDARY or (ch == " " and not (spaces and _space_joins(text, start, k, j)))
        ):
            out.append((start, k))
            start = k + 1
    out.append((start, j))
    return [(a, b) for a, b in out if text[a:b].strip(" \n" + BOUNDARY) not in ("", "and")]


def _space_joins(text: str, start: int, k: int, j: int | None = None) -> bool:
    """Is the space at ``k`` a wrap inside one name rather than a separator between names?"""
    j = len(text) if j is None else j
    left = text[start:k]
    m = re.search(rf"[{re.escape(SEPARATORS)} \x1f]", text[k + 1 : j])
    right = text[k + 1 : k + 1 + m.start()] if m else text[k + 1 : j]
    if not left or not right or "and" in (left, right):
        return False
    if _SUFFIX_ONLY.match(right) or _GENERIC_TAIL.match(right) or right.startswith(("等", "及", "负责", "配合")):
        return True
    if left.endswith(("等", "牵头", "负责", "配合")):
        return False
    return agency_like(left + right) and not (agency_like(left) and agency_like(right))


def _expand(mentions: tuple[AgencyMention, ...], first: str | None = None) -> tuple[AgencyMention, ...]:
    """Distributive 市 (after a 市X item) and distributive suffixes (``柯城区、衢江区政府``)."""
    out: list[AgencyMention] = []
    municipal = first is not None and first.startswith("市") and not _BARE_SKIP.match(first)
    for k, mention in enumerate(mentions):
        name = mention.name
        core = re.sub(r"\([^()]*\)$", "", name) or name  # 科技局(市科协): judge the name, not its alias
        expanded: str | None = None
        bare = (_BARE_SKIP.match(core) and not _CITY_FIRST.match(core)) or not _PLACED.search(core[:-1])
        if municipal and bare and _GOVERNMENT_ORGAN.search(core) and not (k == 0 and first is None):
            expanded = "市" + name
        municipal = municipal or (name.startswith("市") and not _BARE_SKIP.match(name))
        if expanded is None and k + 1 < len(mentions) and re.fullmatch(rf"[\u4e00-\u9fa5]{{1,4}}{_PLACE_END}", name):
            m = re.fullmatch(rf"[\u4e00-\u9fa5]{{1,4}}?{_PLACE_END}(?P<suffix>{_ORGAN_END})", mentions[k + 1].name)
            if m:
                expanded = name + m["suffix"]
        out.append(AgencyMention(name, mention.span, mention.alias, expanded, mention.mark))
    return tuple(out)


def distributed(names: list[str]) -> list[str | None]:
    """One printed list's names with a distributive 市 or suffix applied (None where a name is unchanged).

    Only government organs without a place of their own take the 市 (``市科协、衢州学院`` leaves 衢州学院).
    """
    empty = Span(0, 0, "")
    return [m.expanded for m in _expand(tuple(AgencyMention(normalise(n), empty) for n in names))]
