"""Citations of other documents: ``《title》``, ``《title》(number)`` and bare numbers.

The document is read as a compact stream (line and page breaks removed, so titles and numbers
broken across lines come back whole). Rows of clean-up lists (``extractors.validity_lists``) are
citations too, carrying the status the notice declares. Not citations: the document's own number, the attachment
an 印发 notice issues (``现将《X》印发给你们``, or a title equal to an attachment's), references to
its own attachments (``《…申请表》(附件1)``), aliases it defines (``以下简称《条例》``), and things
that are not documents (newspapers, certificates, forms — a short list of endings kept as data
below). The same cited document is recorded once per citing document.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import replace

from extractors import docnumber
from extractors.records import Citation, Document
from extractors.stream import document_body_stream
from extractors.validity_lists import extract_validity_declarations

VERSION = "citations-1"

_W = r"\s*"
# Digits may be printed full width (〔２０１７〕１０号); a 第 may precede the sequence (〔2017〕第10号).
NUMBER = re.compile(
    rf"(?P<prefix>[\u4e00-\u9fa5]{{1,16}})[〔\[［【(（](?P<year>{docnumber.YEAR})[〕\]］】)）]第?(?P<seq>\d{{1,4}})号"
)
ORDER = re.compile(r"(?P<prefix>[\u4e00-\u9fa5]{2,12}令)第(?P<seq>\d{1,4})号")
STANDARD = re.compile(r"(?:GB|GB/T|DB\d{0,2}(?:/T)?|HJ|CJJ|JGJ)\d{2,6}(?:[.-]\d+)?[—–-]\d{4}")
# Endings of titles that name no document: newspapers, certificates, forms, declarations.
_NOT_DOCUMENT = re.compile(
    r"(?:日报|晚报|政报|报社|证|证书|许可证|执照|表|承诺书|协议书|申请书|合同|公告|卡|牌|手册|目录表)$"
)
_ALIAS = re.compile(r"(?:以下)?简称《(?P<alias>[^》]{1,20})》")
_ISSUE_VERB = re.compile(r"现将《[^》]+》(?:等文件)?印发|印发给你们|印发你们|予以印发|现予印发")
_OWN_ATTACHMENT = re.compile(r"^[(（]?附件\s*\d*")
_SENTENCE_END = re.compile(r"[。;；!！?？\x00]")
_RELATIONS = (
    ("repeals", re.compile(r"废止|作废|停止执行|不再执行|予以撤销")),
    ("amends", re.compile(r"修改为|修订为|调整为|予以修改|作如下修改|修改如下|取消文中|进行修改|进行修订")),
    ("based_on", re.compile(r"根据|依据|按照|贯彻|落实|依照|参照|遵照")),
)
_REPEAL_TAIL = re.compile(
    r"^[)）]?(?:[(（][^()（）]{0,40}[)）])?(?:[、,，和及]《[^》]{1,80}》(?:[(（][^()（）]{0,40}[)）])?)*"
    r"(?:等(?:文件|规定|通知)?)?(?:同时|一并|即行|均|予以|宣布)?(?:废止|作废|停止执行|不再执行|失效|撤销)"
)
_RANK = {"cites": 0, "based_on": 1, "amends": 2, "repeals": 3}
# Issuer names printed in front of a number's prefix: 市政府办公室衢政办发, 国务院国发, 市委市政府衢委发,
# 省委办公厅省政府办公厅浙委办发. Each name ends in an issuer word; what is left must still be a prefix.
_ISSUER_NAME = r"[\u4e00-\u9fa5]{0,8}?(?:办公厅|办公室|人民政府|政府|国务院|党委|市委|省委|县委|区委|委员会|中央)"
_ISSUER_HEAD = re.compile(rf"^(?:{_ISSUER_NAME})+(?=[\u4e00-\u9fa5]{{2,8}}$)")
_COLUMN_BREAK = "\x00"


_TITLE_MARK = re.compile(r"[《》\x00。]")


def _titles(text: str) -> list[tuple[int, int]]:
    """Stream offsets of each outermost 《…》 (nested 《》 or 〈〉 stay inside)."""
    out, depth, start = [], 0, 0
    for m in _TITLE_MARK.finditer(text):  # only the marks, not every character (a tenth of the time)
        i, ch = m.start(), m.group()
        if ch == "《":
            if depth == 0:
                start = i
            depth += 1
        elif ch == "》" and depth:
            depth -= 1
            if depth == 0:
                out.append((start, i + 1))
        elif ch in "\x00。" and depth:
            depth = 0  # unbalanced: never run a title across a sentence or a table cell
    return out


# The parentheses after a title; the number inside may bracket its year in parentheses too: (浙政发(2017)10号).
_PARENS_AFTER = re.compile(r"[(（]((?:[^()（）]|[(（][^()（）]{0,12}[)）]){0,60})[)）]")


def _number_after(text: str, end: int) -> tuple[str, int, int] | None:
    """The number right after a title: ``》(国发〔2017〕53号)``, or printed bare ``》国发〔2017〕53号``."""
    m = _PARENS_AFTER.match(text, end)
    if not m:
        return _bare_number_after(text, end)
    inside, base = m.group(1), end + 1
    for pattern in (NUMBER, ORDER, STANDARD):
        found = pattern.search(inside)
        if found:
            value = found.group()
            if pattern is NUMBER:
                prefix = _issuer_trimmed(docnumber.trim_prefix(found["prefix"]))
                return (
                    _canonical(prefix, found),
                    base + found.end() - len(value) + (len(found["prefix"]) - len(prefix)),
                    base + found.end(),
                )
            number = docnumber.parse(value) if pattern is not STANDARD else None
            canonical = number.canonical if number else value
            return canonical, base + found.start(), base + found.end()
    return None


def _bare_number_after(text: str, end: int) -> tuple[str, int, int] | None:
    """``》国发〔2017〕53号`` with no parentheses: only when the prefix starts right at ``》`` (no 和, 及 …)."""
    found = NUMBER.match(text, end)
    if not found or docnumber.trim_prefix(found["prefix"]) != found["prefix"] or not _plausible_prefix(found["prefix"]):
        return None
    return _canonical(found["prefix"], found), found.start(), found.end()


def _number_before(text: str, start: int) -> tuple[str, int, int] | None:
    """``国务院国发〔2017〕53号《…》``: a number printed right before the title it names."""
    window = max(0, start - 40)
    found = _NUMBER_AT_END.search(text, window, start)
    if not found:
        return None
    prefix = _issuer_trimmed(docnumber.trim_prefix(found["prefix"]))
    if not _plausible_prefix(prefix):
        return None
    return _canonical(prefix, found), found.end() - len(found.group()) + len(found["prefix"]) - len(prefix), start


_NUMBER_AT_END = re.compile(NUMBER.pattern + r"$")


def _unclaimed(number: tuple[str, int, int] | None, claimed: list[tuple[int, int]]) -> tuple[str, int, int] | None:
    """A number before a title, unless the previous title took it (``《A》国发〔2017〕53号《B》``)."""
    if number is None or any(a < number[2] and number[1] < b for a, b in claimed):
        return None
    return number


def _canonical(prefix: str, found: re.Match[str]) -> str:
    """The canonical number: 〔〕 around the year, ASCII digits, no 第."""
    return docnumber.canonical(f"{prefix}〔{found['year']}〕{found['seq']}号")


def _issuer_trimmed(prefix: str) -> str:
    """Drop issuer names glued in front of a prefix (``市政府办公室衢政办发`` → ``衢政办发``)."""
    return _ISSUER_HEAD.sub("", prefix)


class _Sentences:
    """The sentence around a span: bounded by the sentence ends (and cell breaks) found once per document.

    Searching the text from its start for every citation made a long document quadratic.
    """

    def __init__(self, text: str) -> None:
        self._ends = [m.start() for m in _SENTENCE_END.finditer(text)]
        self._length = len(text)

    def around(self, start: int, end: int) -> tuple[int, int]:
        """From just after the last end before ``start`` to the first end at or after ``end``."""
        before = bisect.bisect_left(self._ends, start)
        left = self._ends[before - 1] + 1 if before else 0
        after = bisect.bisect_left(self._ends, end)
        return left, self._ends[after] if after < len(self._ends) else self._length


def _relation(sentence: str, tail: str) -> str:
    """The relation a sentence gives a citation; a repeal must follow the citation itself.

    ``tail`` is the rest of the sentence after the citation: ``…(衢价费〔2007〕146号)、《B》(…)同时废止``
    repeals each listed document, while a repeal of something else later in the sentence does not.
    """
    if _REPEAL_TAIL.match(tail):
        return "repeals"
    for name, pattern in _RELATIONS[1:]:
        if pattern.search(sentence):
            return name
    return "cites"


def _own_titles(document: Document) -> set[str]:
    titles = {a.title for a in document.attachments if a.title} | {document.title}
    m = re.search(r"印发《(?P<t>[^》]+)》", document.title)
    if m:
        titles.add(m["t"])
    m = re.search(r"印发(?P<t>[^《》]+?)的通知$", document.title)
    if m:
        titles.add(m["t"])
    return {t.replace("(", "（").replace(")", "）") for t in titles} | titles


def extract_citations(raw: str, document: Document) -> list[Citation]:
    """Every document cited in ``document`` (body and attachments), once each."""
    stream = document_body_stream(raw, document, _COLUMN_BREAK)
    text = stream.text
    own_number = document.number.canonical
    own_titles = _own_titles(document)
    aliases = {m["alias"] for m in _ALIAS.finditer(text)}
    found: dict[str, Citation] = {}
    claimed: list[tuple[int, int]] = []
    sentences = _Sentences(text)

    def add(citation: Citation) -> None:
        key = citation.number or f"title:{citation.title}"
        if citation.number and citation.number in found:
            earlier = found[key]
            if _RANK[citation.relation] > _RANK[earlier.relation]:  # 同时废止 later outranks a mention
                earlier = found[key] = replace(earlier, relation=citation.relation)
            if citation.status and not earlier.status:
                found[key] = replace(earlier, status=citation.status, title=earlier.title or citation.title)
            return
        title_key = f"title:{citation.title}"
        if citation.number and title_key in found:
            del found[title_key]  # the same title seen earlier without its number
        elif not citation.number and any(_title_key(c.title) == _title_key(citation.title) for c in found.values()):
            return  # the same title again, perhaps with another dash or year range: 《纲要(2011-2020)》
        found[key] = citation

    for start, end in _titles(text):
        title = text[start + 1 : end - 1]
        after = _number_after(text, end) or _unclaimed(_number_before(text, start), claimed)
        if after is None and _OWN_ATTACHMENT.match(text[end : end + 6]):
            continue
        s_start, s_end = sentences.around(start, end)
        sentence = text[s_start:s_end]
        if not title or title in aliases or _NOT_DOCUMENT.search(title):
            continue
        if title in own_titles or (_ISSUE_VERB.search(sentence) and after is None and "印发" in sentence):
            continue
        number = after[0] if after else None
        if number and docnumber.same_series(number, own_number):
            continue
        if after:
            claimed.append((after[1], after[2]))
        tail_from = after[2] if after and after[2] > end else end
        add(
            Citation(
                title=title,
                number=number,
                relation=_relation(sentence, text[tail_from:s_end]),  # type: ignore[arg-type]
                title_span=stream.span(start + 1, end - 1),
                number_span=stream.span(after[1], after[2]) if after else None,
                evidence=stream.span(s_start, s_end),
            )
        )
    for m in NUMBER.finditer(text):
        if any(a <= m.start() < b or a < m.end() <= b for a, b in claimed):
            continue
        if _inside_title(text, m.start()):
            continue
        prefix = _issuer_trimmed(docnumber.trim_prefix(m["prefix"]))
        number = _canonical(prefix, m)
        if docnumber.same_series(number, own_number) or not _plausible_prefix(prefix):
            continue
        s_start, s_end = sentences.around(m.start(), m.end())
        begin = m.end() - len(m.group()) + (len(m["prefix"]) - len(prefix))
        add(
            Citation(
                title=None,
                number=number,
                relation=_relation(text[s_start:s_end], text[m.end() : s_end]),  # type: ignore[arg-type]
                title_span=None,
                number_span=stream.span(begin, m.end()),
                evidence=stream.span(s_start, s_end),
            )
        )
    for row in extract_validity_declarations(raw, document):
        add(
            Citation(
                title=row.title,
                number=row.number,
                relation="repeals" if row.status in ("repealed", "invalid") else "cites",
                title_span=None,
                number_span=None,
                evidence=row.span,
                status=row.status,
            )
        )
    return list(found.values())


def _title_key(title: str | None) -> str:
    """A title compared loosely: widths, dashes and parenthesised year ranges do not matter."""
    text = unicodedata.normalize("NFKC", title or "")
    text = re.sub(r"\([^()]*\d[^()]*\)", "", text)
    return re.sub(r"[—–\-~～]", "-", text)


def _inside_title(text: str, at: int) -> bool:
    opened = text.rfind("《", 0, at)
    return opened >= 0 and text.rfind("》", opened, at) < 0 and "\x00" not in text[opened:at]


def _plausible_prefix(prefix: str) -> bool:
    """A number's prefix names an issuer series: short, and not a leftover of running text."""
    return 2 <= len(prefix) <= 10 and not re.search(r"[的了和在是为]", prefix)
