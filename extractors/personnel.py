"""Personnel changes (任免): who was appointed to or removed from which post, in a notice.

The notice is read as a stream (lines joined, flattened two-column tables read column by column,
see ``extractors.stream``) and cut into clauses at ``;；。`` and list colons. Forms handled:

- ``X同志任…`` / ``X同志兼任…`` / ``任命X同志为…`` (several names joined by 、 give one record each);
- ``免去X同志(兼任)的…职务|职级`` / ``免去其…职务`` / ``X同志不再担任…职务``;
- a removal list introduced once (``免去:`` then one ``X同志的…职务;`` per line);
- several posts in one clause (``任A局副局长、一级主任科员``): a bare title or grade inherits the
  organisation of the post beside it;
- qualifiers in parentheses before or after 职务 (``正科长级``, ``试用期一年``, ``挂职期满``);
- the deciding formula (``市政府研究决定``, ``…党组研究决定``, ``经研究,市政府同意…选举结果``).

A post truncated where a two-column page was cut (``…同志任衢州市残疾人联``) is completed from an
organisation named in a complete clause of the same notice plus the title of the displaced
fragment that ends with one (``…会第七届主席团执行理事会副理事长``) — only when both agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.posts import PostSplit, split_post, strip_qualifiers, title_suffix
from extractors.records import Document, Finding, PersonnelChange
from extractors.stream import Stream, document_body_stream

VERSION = "personnel-1"

_DOT = "·•・‧"  # the separator in minority names (买买提·艾力), as converters print it
_NAME = rf"(?:[\u4e00-\u9fa5]{{1,6}}[{_DOT}][\u4e00-\u9fa5]{{1,8}}|[\u4e00-\u9fa5]{{2,4}})"
NAMES = rf"{_NAME}(?:、{_NAME})*"
_Q = r"(?:[(（](?P<q>[^()（）]{1,20})[)）])?"
# 职务/职级 closing an appointment is not part of the post (``任…副局长职务``); a qualifier may follow it.
_APPOINT_POSTS = rf"(?P<posts>.+?)(?:(?:职务|职级){_Q})?$"
_APPOINT_VERB = r"(?:(?P<con>兼)(?:任|担任)?|挂职(?:任|担任)|(?:职级)?晋升为|任|为|担任)"
APPOINT = re.compile(rf"^(?!提名|推荐)(?:任命|聘任|聘用|同意)?(?P<names>{NAMES})同志{_APPOINT_VERB}{_APPOINT_POSTS}")
REMOVE = re.compile(rf"^(?:免去|免|解聘)(?P<names>{NAMES})同志(?P<con>兼任)?的?(?P<posts>.+?)(?P<kind>职务|职级){_Q}$")
# Without 同志 a name is accepted only after an explicit verb (or a 任命:/免去: header) and is checked by
# ``plausible_name``; the post must then end in a known title.
APPOINT_BARE = re.compile(rf"^(?:任命|聘任|聘用)(?P<names>{NAMES})为{_APPOINT_POSTS}")
APPOINT_LISTED_BARE = re.compile(rf"^(?P<names>{NAMES})为{_APPOINT_POSTS}")
REMOVE_BARE = re.compile(rf"^(?:免去|解聘)(?P<names>{NAMES})(?P<con>兼任)?的(?P<posts>.+?)(?P<kind>职务|职级){_Q}$")
REMOVE_LISTED_BARE = re.compile(rf"^(?P<names>{NAMES})(?P<con>兼任)?的(?P<posts>.+?)(?P<kind>职务|职级){_Q}$")
REMOVE_PRONOUN = re.compile(rf"^(?:同时)?免去其(?P<con>兼任的?)?(?P<posts>.+?)(?P<kind>职务|职级){_Q}$")
REMOVE_LISTED = re.compile(rf"^(?P<names>{NAMES})同志(?P<con>兼任)?的(?P<posts>.+?)(?P<kind>职务|职级){_Q}$")
NO_LONGER = re.compile(rf"^(?P<names>{NAMES})同志不再担任(?P<posts>.+?)(?P<kind>职务|职级)?{_Q}$")
DECISION = re.compile(r"(?:经研究[,，]?)?(?P<who>[\u4e00-\u9fa5]{2,16}?)(?:研究决定|常务会议决定|会议决定|决定|同意)")
_REMOVAL_HEAD = re.compile(r"(?:免去|解聘)$")
_APPOINT_HEAD = re.compile(r"(?:^|[,，]|决定)(?:任命|聘任|聘用|任)$")
# Common surnames (single and the first character of compound ones): a name without 同志 must start with one.
_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚"
    "卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常"
    "温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴"
    "霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚"
    "岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑"
    "迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练"
    "廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那"
    "宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由占"
    "璩钮荀郦宇竺上东皇令澹夏西端轩百濮"
)
_NOT_NAME = re.compile(r"(?:局|委|办|院|校|所|队|站|社|处|科|馆|厂|行|中心|政府|部|厅|会|室|组|村|镇|乡|区|县|市|省)$")
_CLAUSE_END = re.compile(r"[;；。:：\x00]")
_SUBCLAUSE = re.compile(r"[,，]")
_PERSONNEL_TITLE = re.compile(r"任免|任职|免职|职务|职级|任命|聘任|聘用|免去")
_COLUMN_BREAK = "\x00"
_CN_NUMBER = r"[一二三四五六七八九十]{1,3}"
_ENUMERATOR = re.compile(rf"^\s*(?:{_CN_NUMBER}、|\d{{1,2}}[.．、]|[(（](?:{_CN_NUMBER}|\d{{1,2}})[)）])\s*")


@dataclass(frozen=True, slots=True)
class _Clause:
    start: int  # stream offsets
    end: int
    text: str
    terminator: str


def is_personnel_notice(document: Document) -> bool:
    """Cadre-series numbers (prefix ending in 干) or a title about appointments and removals."""
    return document.number.prefix.endswith("干") or bool(_PERSONNEL_TITLE.search(document.title))


def _clauses(text: str) -> list[_Clause]:
    out, start = [], 0
    for m in _CLAUSE_END.finditer(text):
        out.append(_Clause(start, m.start(), text[start : m.start()], m.group()))
        start = m.end()
    if start < len(text):
        out.append(_Clause(start, len(text), text[start:], ""))
    return [c for c in out if c.text]


def extract_personnel(raw: str, document: Document) -> tuple[list[PersonnelChange], list[Finding]]:
    """Every (person, post) change printed in ``document`` (a span of ``raw``), with spans into ``raw``."""
    if not is_personnel_notice(document):
        return [], []
    stream = document_body_stream(raw, document, _COLUMN_BREAK)
    text = stream.text
    reader = _Reader(stream, document)
    clauses = _clauses(text)
    reader.decision(text)
    for k, clause in enumerate(clauses):
        reader.clause(clause, clauses[k + 1] if k + 1 < len(clauses) else None)
    reader.complete_truncated(clauses)
    return reader.changes, reader.findings


class _Reader:
    """State while reading one notice: the decision, removal-list mode, the last persons named."""

    def __init__(self, stream: Stream, document: Document) -> None:
        self.stream = stream
        self.document = document
        self.changes: list[PersonnelChange] = []
        self.findings: list[Finding] = []
        self.decided_by: str | None = None
        self.formula: str | None = None
        self.removing = False
        self.appointing = False
        self.last_names: list[tuple[str, int, int]] = []
        self.truncated: list[tuple[_Clause, re.Match[str], int, str]] = []
        self.joined: set[int] = set()

    def decision(self, text: str) -> None:
        head = text[:120]
        m = DECISION.search(head)
        if m and "同志" not in head[: m.start()]:
            self.decided_by = m["who"]
            stop = _CLAUSE_END.search(text, m.end())
            formula = text[m.start() : stop.start() if stop else m.end()]
            self.formula = formula if len(formula) <= 60 else text[m.start() : m.end()]

    def clause(self, clause: _Clause, following: _Clause | None) -> None:
        if clause.start in self.joined:
            return
        text = clause.text
        if clause.terminator in ":：" and _REMOVAL_HEAD.search(text):
            self.removing, self.appointing = True, False
            return
        if clause.terminator in ":：" and _APPOINT_HEAD.search(text):
            self.removing, self.appointing = False, True
            return
        offset = clause.start
        for part in _split_subclauses(text):
            sub, at = part
            self._subclause(sub, offset + at, clause, following)

    def _subclause(self, text: str, offset: int, clause: _Clause, following: _Clause | None) -> None:
        text, offset = _strip_formula(text, offset)
        text, offset = _strip_enumerator(text, offset)
        m = REMOVE.match(text) or REMOVE_PRONOUN.match(text) or NO_LONGER.match(text)
        if m is None and self.removing:
            m = REMOVE_LISTED.match(text)
        if m is None:
            m = _bare(REMOVE_BARE.match(text) or (REMOVE_LISTED_BARE.match(text) if self.removing else None))
        if m is not None:
            self._emit(m, offset, "remove", clause)
            return
        m = APPOINT.match(text)
        if m is None:
            m = _bare(APPOINT_BARE.match(text) or (APPOINT_LISTED_BARE.match(text) if self.appointing else None))
        if m is None or _nomination(m["posts"]):
            return
        posts = m["posts"]
        if (
            title_suffix(_drop_qualifier(posts)) is None
            and following is not None
            and clause.terminator == _COLUMN_BREAK
        ):
            joined = posts + following.text
            if title_suffix(_drop_qualifier(joined)) is not None:
                self.joined.add(following.start)
                full = text + following.text
                m2 = APPOINT.match(full)
                if m2:
                    self._emit(m2, offset, "appoint", clause, extra_end=following.end)
                    return
        self._emit(m, offset, "appoint", clause)

    def _names(self, m: re.Match[str], offset: int) -> list[tuple[str, int, int]]:
        if "names" not in m.re.groupindex:
            return self.last_names
        names, pos = [], offset + m.start("names")
        for name in m["names"].split("、"):
            names.append((name, pos, pos + len(name)))
            pos += len(name) + 1
        self.last_names = names
        return names

    def _emit(self, m: re.Match[str], offset: int, action: str, clause: _Clause, extra_end: int | None = None) -> None:
        names = self._names(m, offset)
        posts_start = offset + m.start("posts")
        outer_q = m.groupdict().get("q")
        concurrent = bool(m.groupdict().get("con"))
        splits = _split_posts(m["posts"])
        end = extra_end if extra_end is not None else clause.end
        evidence = self.stream.span(clause.start, end)
        table = self.stream.any_table(clause.start, end)
        for split, (p_start, p_end) in splits:
            if not split.known:
                if action == "appoint" and split is splits[-1][0] and clause.terminator == _COLUMN_BREAK:
                    self.truncated.append((clause, m, offset, split.post))
                    continue
                self.findings.append(
                    Finding(
                        "unknown-post-title",
                        f"{self.document.number.canonical}: no known title ends "
                        f"{split.post!r}; add it to extractors/data/post_titles.tsv if it is one",
                        evidence,
                    )
                )
            for name, n_start, n_end in names:
                self.changes.append(
                    PersonnelChange(
                        action=action,  # type: ignore[arg-type]
                        person=name,
                        person_span=self.stream.span(n_start, n_end),
                        post=split.post,
                        organization=split.organization,
                        title=split.title,
                        post_type=split.post_type,
                        qualifier=split.qualifier or outer_q,
                        concurrent=concurrent,
                        decided_by=self.decided_by,
                        decision=self.formula,
                        post_span=self.stream.span(posts_start + p_start, posts_start + p_end),
                        evidence=evidence,
                        layout="table" if table else "prose",
                        title_known=split.known,
                    )
                )

    def complete_truncated(self, clauses: list[_Clause]) -> None:
        """Finish posts cut by a column break from an organisation and a displaced fragment."""
        organizations = {c.organization for c in self.changes if c.organization}
        orphans = [c for c in clauses if "同志" not in c.text and title_suffix(c.text)]
        for clause, m, offset, prefix in self.truncated:
            completion = _completion(prefix, organizations, orphans)
            if completion is None:
                self.findings.append(
                    Finding(
                        "truncated-post",
                        f"{self.document.number.canonical}: post {prefix!r} is cut off and could not be completed",
                        self.stream.span(clause.start, clause.end),
                    )
                )
                continue
            organization, title = completion
            names = [(n, offset + m.start("names") + i, 0) for n, i in _name_offsets(m["names"])]
            evidence = self.stream.span(clause.start, clause.end)
            for name, n_start, _ in names:
                self.changes.append(
                    PersonnelChange(
                        action="appoint",
                        person=name,
                        person_span=self.stream.span(n_start, n_start + len(name)),
                        post=organization + title,
                        organization=organization,
                        title=title,
                        post_type=split_post(title).post_type,
                        qualifier=None,
                        concurrent=bool(m["con"]),
                        decided_by=self.decided_by,
                        decision=self.formula,
                        post_span=self.stream.span(offset + m.start("posts"), clause.end),
                        evidence=evidence,
                        layout="table",
                        title_known=True,
                    )
                )


def plausible_name(name: str) -> bool:
    """A personal name printed without 同志: a ``·`` name, or 2–4 characters from a surname, not a unit."""
    if any(dot in name for dot in _DOT):
        return True
    return 2 <= len(name) <= 4 and name[0] in _SURNAMES and not _NOT_NAME.search(name) and "同志" not in name


def _bare(m: re.Match[str] | None) -> re.Match[str] | None:
    """A match without 同志, kept only for plausible names and a post that ends in a known title."""
    if m is None or not all(plausible_name(n) for n in m["names"].split("、")):
        return None
    posts = m["posts"]
    return m if all(s.known for s, _ in _split_posts(posts)) and not _nomination(posts) else None


def _nomination(posts: str) -> bool:
    """``提名X同志为…人选``: a candidate, not an appointment."""
    return _drop_qualifier(posts).endswith(("人选", "候选人"))


def _name_offsets(names: str) -> list[tuple[str, int]]:
    out, pos = [], 0
    for name in names.split("、"):
        out.append((name, pos))
        pos += len(name) + 1
    return out


def _completion(prefix: str, organizations: set[str], orphans: list[_Clause]) -> tuple[str, str] | None:
    """An organisation that starts with ``prefix`` and shares its ending with a fragment's body."""
    candidates = sorted(o for o in organizations if o.startswith(prefix) and len(o) > len(prefix))
    for orphan in orphans:
        title = title_suffix(orphan.text)
        if title is None:
            continue
        body = orphan.text[: -len(title)]
        for organization in candidates:
            if _common_suffix(body, organization) >= 3:
                return organization, title
    return None


def _common_suffix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _strip_formula(text: str, offset: int) -> tuple[str, int]:
    """Drop a leading decision formula glued to the first clause (``市政府研究决定,任…`` was cut earlier)."""
    m = re.match(r"^(?:经研究[,，]?)?[\u4e00-\u9fa5]{0,16}?(?:研究决定|决定)[,，:：]?", text)
    if m and "同志" not in m.group():
        return text[m.end() :], offset + m.end()
    return text, offset


def _split_subclauses(text: str) -> list[tuple[str, int]]:
    """Cut a clause at commas outside parentheses, keeping offsets (``X同志兼任…，免去其…职务``).

    A comma inside a qualifier (``副主任(正科长级，试用期一年)``) does not end the subclause.
    """
    out, start = [], 0
    for m in _SUBCLAUSE.finditer(text):
        if _inside_parentheses(text, start, m.start()):
            continue
        out.append((text[start : m.start()], start))
        start = m.end()
    out.append((text[start:], start))
    return [(t, s) for t, s in out if t]


def _inside_parentheses(text: str, start: int, at: int) -> bool:
    """More ( than ) opened between ``start`` and ``at``."""
    piece = text[start:at]
    return piece.count("(") + piece.count("（") > piece.count(")") + piece.count("）")


def _strip_enumerator(text: str, offset: int) -> tuple[str, int]:
    """Drop an item number before a change (``一、X同志任…``, ``2.X同志…``, ``(三)免去…``)."""
    m = _ENUMERATOR.match(text)
    return (text[m.end() :], offset + m.end()) if m else (text, offset)


def _drop_qualifier(text: str) -> str:
    return strip_qualifiers(text)[0]


def _split_posts(posts: str) -> list[tuple[PostSplit, tuple[int, int]]]:
    """Posts joined by 、; a bare title or grade takes the organisation of its neighbour."""
    items, pos = [], 0
    for piece in posts.split("、"):
        items.append((piece, pos, pos + len(piece)))
        pos += len(piece) + 1
    merged: list[tuple[str, int, int]] = []
    for piece, start, end in items:
        # An organisation list (市委宣传部、市政府新闻办主任) has pieces without a title: keep them together.
        if merged and title_suffix(_drop_qualifier(merged[-1][0])) is None:
            prev, p_start, _ = merged.pop()
            merged.append((prev + "、" + piece, p_start, end))
        else:
            merged.append((piece, start, end))
    splits = [(split_post(piece), (start, end)) for piece, start, end in merged]
    organization = next((s.organization for s, _ in splits if s.known and s.organization), None)
    out = []
    for split, bounds in splits:
        if split.known and split.organization is None and organization is not None:
            split = PostSplit(
                organization + split.title, organization, split.title, split.post_type, split.qualifier, True
            )
        out.append((split, bounds))
    return out
