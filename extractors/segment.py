"""Split an issue into its documents and read each document's metadata.

A document starts at its title (the lines right above its number line, or the ``…令`` heading of
an order) and ends where the next document starts: attachments, tables and even the signature
of an 印发 notice come before the next title, so the signature never ends a document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors import docnumber
from extractors.dates import parse_date_line
from extractors.lines import Line, compact, compact_slice, split_lines, table_cells
from extractors.masthead import parse_masthead
from extractors.records import Attachment, DocNumber, Document, Finding, SegmentedIssue, Span, TocEntry
from extractors.sections import assign_sections, cross_check
from extractors.signature import Signature, find_signature, joint_issuers
from extractors.toc import parse_toc, toc_bounds

VERSION = "segmenter-1"

_W = r"[ \t\u3000]*"
_LEAD = rf"^{_W}{docnumber.MARKUP_LEAD}"
_TRAIL = rf"{docnumber.MARKUP_TRAIL}{_W}$"
ORDER_HEAD = re.compile(rf"{_LEAD}(?P<value>(?P<issuer>[\u4e00-\u9fa5]{{2,20}}){_W}令){_TRAIL}")
ORDER_SEQ = re.compile(rf"{_LEAD}(?P<value>第{_W}(?P<seq>{docnumber.ORDER_SEQ}){_W}号){_TRAIL}")
# The whole order number on one line: 衢州市人民政府令第51号 (only a government's: a bare line such as
# 公安部令第112号 is more likely a citation in a list).
ORDER_LINE = re.compile(
    rf"{_LEAD}(?P<value>(?P<issuer>[\u4e00-\u9fa5]{{0,18}}政府){_W}令{_W}第{_W}(?P<seq>{docnumber.ORDER_SEQ}){_W}号){_TRAIL}"
)
ADDRESSEE = re.compile(r"^.{2,120}[:：]\s*$")
# An opening sentence that ends in a colon is not a list of addressees (通告 have none).
_PREAMBLE = re.compile(r"^(?:为|根据|按照|依据|依照|经|现|关于|结合)|如下|通告")
DECISION = re.compile(r"(?:研究决定|决定|同意|选举结果|免去|任命|聘任)")
PUBLIC_NOTE = re.compile(r"^[(（]\s*此件[^()（）]{1,12}[)）]$")
ATTACHMENT_LABEL = re.compile(rf"^{_W}-?{_W}附{_W}[件表]{_W}(?P<n>[0-9０-９一二三四五六七八九十\-—]*){_W}[:：]?{_W}$")
DOC_TYPE = re.compile(
    r"(通知|意见|决定|批复|通报|通告|公告|办法|规定|细则|方案|规划|计划|请示|报告|函|令|命令|纲要|要点|条例|规则)$"
)
_TITLE_MAX_LINES = 4
_TITLE_MAX_CHARS = 120
_ISSUER_HEADING = re.compile(
    r"^[\u4e00-\u9fa5()（）]{2,40}(?:政府|办公室|办公厅|委员会|局|厅|委|办|中心|支行|公司|集团|院|部)$"
)
_TRAILING_NOTE = re.compile(r"[(（][^()（）]*[)）]$")  # (试行), (暂行): not part of the type
_COVER_WORD = re.compile(r"^[A-Z ]+$")  # QUZHOU / ZHENGBAO: split English cover words
# A title's trailing note wrapped onto a line of its own: …若干政策意见 ⏎ (试行).
_NOTE_LINE = re.compile(r"^[(（][ \t\u3000]*(?:试行|暂行|修订|修正|草案|征求意见稿|送审稿)[ \t\u3000]*[)）]$")
_TOC_PAGE = re.compile(r"(?:[.…·。]{2,}|…)[ \t\u3000]*[0-9０-９]+$")
_TITLE_BREAK = re.compile(r"[。;；!！?？]|^\s*第[一二三四五六七八九十百]+[条章]")


@dataclass(frozen=True, slots=True)
class _Start:
    """Where one document begins: its number, title lines and the line index the body follows."""

    first: int  # index of the first line of the document (title or order heading)
    number: DocNumber
    number_span: Span
    title_lines: tuple[Line, ...]
    body_from: int  # index of the first line after the number (or order sequence) line
    is_order: bool


def segment_issue(raw: str) -> SegmentedIssue:
    """Split the raw text of one issue (newlines already normalised) into documents."""
    lines = split_lines(raw)
    meta = parse_masthead(raw, lines)
    findings: list[Finding] = []
    toc: list[TocEntry] = []
    first_number = next(
        (ln.index for ln in lines if docnumber.parse_line(ln.text) or _order_start(raw, lines, ln)), len(lines)
    )
    bounds = toc_bounds(lines, first_number)
    if bounds is None:
        starts = _find_starts(raw, lines, 0)
    else:
        first, end = bounds
        starts = _find_starts(raw, lines, end if end is not None else first)
        if end is None:  # no imprint: the TOC runs up to the first document
            end = starts[0].first if starts else first
        toc, leftovers = parse_toc(raw, lines, first, end)
        findings += [Finding("toc-unparsed", f"TOC lines not understood: {s.text[:60]}", s) for s in leftovers]
    documents: list[Document] = []
    for i, start in enumerate(starts):
        end = starts[i + 1].first if i + 1 < len(starts) else len(lines)
        doc, problems = _document(raw, lines, start, end)
        documents.append(doc)
        findings += problems
    documents = assign_sections(documents, toc)
    findings += cross_check(documents, toc)
    return SegmentedIssue(meta, tuple(toc), tuple(documents), tuple(findings))


def _find_starts(raw: str, lines: list[Line], floor: int) -> list[_Start]:
    starts: list[_Start] = []
    for line in lines[floor:]:
        if line.index < (starts[-1].body_from if starts else floor):
            continue
        start = _order_start(raw, lines, line) or _numbered_start(raw, lines, line, floor, starts)
        if start is not None:
            starts.append(start)
    return starts


def _order_start(raw: str, lines: list[Line], line: Line) -> _Start | None:
    """``衢州市人民政府令`` ⏎ ``第51号`` (or both on one line): a government order."""
    m = ORDER_LINE.match(line.text)
    if m:
        number = docnumber.parse(m["value"])
        if number is None:
            return None
        span = Span.of(raw, line.start + m.start("value"), line.start + m.end("value"))
        return _Start(line.index, number, span, (), line.index + 1, True)
    m = ORDER_HEAD.match(line.text)
    if not m:
        return None
    nxt = _next_nonblank(lines, line.index + 1)
    if nxt is None or not (s := ORDER_SEQ.match(nxt.text)):
        return None
    number = docnumber.parse(compact(m["value"]) + s["value"])
    if number is None:
        return None
    span = Span.of(raw, line.start + m.start("value"), nxt.start + s.end("value"))
    return _Start(line.index, number, span, (), nxt.index + 1, True)


def _numbered_start(raw: str, lines: list[Line], line: Line, floor: int, starts: list[_Start]) -> _Start | None:
    found = docnumber.match_line(line.text)
    if found is None:
        return None
    number, a, b = found
    number_span = Span.of(raw, line.start + a, line.start + b)
    ceiling = starts[-1].body_from if starts else floor
    title = _title_above(lines, line.index, ceiling)
    if not title:
        title = _title_below(lines, line.index)
        if not title:
            return None
        return _Start(line.index, number, number_span, title, title[-1].index + 1, False)
    return _Start(title[0].index, number, number_span, title, line.index + 1, False)


def _inner(line: Line) -> str:
    """A line's text inside its conversion markup (``**标题**``, ``# 标题``)."""
    a, b = docnumber.unwrap(line.text)
    return line.text[a:b]


def _title_like(line: Line) -> bool:
    text = _inner(line)
    return (
        bool(text)
        and not _COVER_WORD.match(text)
        and (not (text[0] in "(（" and text[-1] in ")）") or bool(_NOTE_LINE.match(text)))
        and parse_date_line(text) is None
        and len(compact(text)) <= _TITLE_MAX_CHARS
        and not line.is_table_row
        and not _TITLE_BREAK.search(text)
        and not text.endswith((":", "：", ",", "，", "、"))
        and docnumber.parse_line(text) is None
    )


def _title_above(lines: list[Line], index: int, ceiling: int) -> tuple[Line, ...]:
    """The title: the block of title-like lines above the number line (blank lines skipped)."""
    i = index - 1
    while i >= ceiling and lines[i].blank:
        i -= 1
    block, i = _title_block(lines, i, ceiling, _TITLE_MAX_LINES)
    if not block or (i >= ceiling and not lines[i].blank):
        return ()  # the block runs into running text: this is not a title
    upper, j = _title_block(lines, i - 1, ceiling, _TITLE_MAX_LINES - len(block))
    if upper and (j < ceiling or lines[j].blank) and _continues(upper, block):
        block, i = upper + block, j  # a page break (one blank line) inside the title
    if all(_NOTE_LINE.match(_inner(ln)) for ln in block):
        return ()  # a lone (试行) is no title
    if compact(_inner(block[0])).startswith("关于"):
        above = _prev_nonblank(lines, i, ceiling)
        if above is not None and _ISSUER_HEADING.match(compact(_inner(above))) and _title_like(above):
            block.insert(0, above)
    return tuple(block)


def _title_block(lines: list[Line], i: int, ceiling: int, room: int) -> tuple[list[Line], int]:
    """Title-like lines ending at line ``i`` going up (no blank line among them), and the index above them."""
    block: list[Line] = []
    while i >= ceiling and not lines[i].blank and _title_like(lines[i]) and len(block) < room:
        block.insert(0, lines[i])
        i -= 1
    return block, i


def _continues(upper: list[Line], lower: list[Line]) -> bool:
    """Whether ``upper`` ⏎ (blank) ⏎ ``lower`` is one title broken by a page.

    The upper part must start a title (``[issuer]关于…``, no number or page in it) and be unable to end one
    (no document type yet, an open 《, a trailing 的); the lower part must end one.
    """
    top = compact("".join(_inner(ln) for ln in upper))
    bottom = compact("".join(_inner(ln) for ln in lower))
    head, sep, _ = top.partition("关于")
    if not sep or (head and not _ISSUER_HEADING.match(head)) or _TOC_PAGE.search(top) or "号" in top:
        return False
    if _NOTE_LINE.match(bottom):
        return bool(DOC_TYPE.search(_TRAILING_NOTE.sub("", top)))
    if bottom.startswith("关于") or not DOC_TYPE.search(_TRAILING_NOTE.sub("", bottom)):
        return False
    opened = top.count("《") > top.count("》") or top.count("(") + top.count("（") > top.count(")") + top.count("）")
    if opened or top.endswith("的") or bottom.startswith(("的", ")", "）", "》")):
        return True
    return not DOC_TYPE.search(_TRAILING_NOTE.sub("", top))


def _title_below(lines: list[Line], index: int) -> tuple[Line, ...]:
    """Layouts that print the number above the title: a 关于… line right below."""
    nxt = _next_nonblank(lines, index + 1)
    if nxt is not None and _title_like(nxt) and "关于" in nxt.text and DOC_TYPE.search(compact(_inner(nxt))):
        return (nxt,)
    return ()


def _next_nonblank(lines: list[Line], i: int) -> Line | None:
    while i < len(lines) and lines[i].blank:
        i += 1
    return lines[i] if i < len(lines) else None


def _prev_nonblank(lines: list[Line], i: int, ceiling: int) -> Line | None:
    while i >= ceiling and lines[i].blank:
        i -= 1
    return lines[i] if i >= ceiling else None


def _document(raw: str, lines: list[Line], start: _Start, end: int) -> tuple[Document, list[Finding]]:
    findings: list[Finding] = []
    signature = find_signature(lines, start.body_from, end)
    if start.is_order:
        title_line = _order_title(lines, signature, start.body_from, end)
        title_span = _title_span(raw, (title_line,)) if title_line else start.number_span
        title = _title_text((title_line,)) if title_line else start.number.canonical
    else:
        title_span = _title_span(raw, start.title_lines)
        title = _title_text(start.title_lines)
    issuers, issuer_spans, source = _issuers(start, title, title_span, signature)
    if signature.date is None:
        findings.append(Finding("no-signature-date", f"{start.number.canonical}: no signing date found", title_span))
    addressee = _addressee(lines, start.body_from, end)
    first_line = lines[start.first]
    last = end - 1
    while last > start.first and lines[last].blank:
        last -= 1
    span = Span.of(raw, first_line.span().start, lines[last].end)
    doc_type = DOC_TYPE.search(_TRAILING_NOTE.sub("", title))
    document = Document(
        number=start.number,
        number_span=start.number_span,
        title=title,
        title_span=title_span,
        issuers=issuers,
        issuer_spans=issuer_spans,
        issuers_from=source,
        date=signature.date,
        date_span=signature.date_span,
        section=None,
        section_from="prefix",
        addressees=compact(addressee.text).rstrip(":：") if addressee else None,
        addressee_span=addressee,
        public_note=_public_note(lines, start.body_from, end),
        signer=signature.signer,
        doc_type="令" if start.is_order else (doc_type.group(1) if doc_type else None),
        attachments=_attachments(raw, lines, start.body_from, end),
        span=span,
    )
    return document, findings


def _title_span(raw: str, title_lines: tuple[Line, ...]) -> Span:
    """From the first title line's text to the last one's, markup around them left out."""
    first, last = title_lines[0], title_lines[-1]
    return Span.of(raw, first.start + docnumber.unwrap(first.text)[0], last.start + docnumber.unwrap(last.text)[1])


def _title_text(title_lines: tuple[Line, ...]) -> str:
    """The title: its lines joined without whitespace, without markup (a title bolded line by line)."""
    return docnumber.strip_emphasis(compact("".join(_inner(ln) for ln in title_lines)))


def _order_title(lines: list[Line], signature: Signature, first: int, end: int) -> Line | None:
    """The regulation an order promulgates is titled on the line after the signing date."""
    if signature.date_span is None:
        return None
    after = next((ln for ln in lines[first:end] if ln.start >= signature.date_span.end), None)
    nxt = _next_nonblank(lines, after.index) if after else None
    return nxt if nxt is not None and nxt.index < end and _title_like(nxt) else None


def _issuers(
    start: _Start, title: str, title_span: Span, signature: Signature
) -> tuple[tuple[str, ...], tuple[Span, ...], str]:
    if start.is_order:
        issuer = start.number.prefix.removesuffix("令")
        return (issuer,), (compact_slice(start.number_span, 0, len(issuer)),), "title"
    if signature.issuers:
        return signature.issuers, signature.issuer_spans, "signature"
    head, sep, _ = title.partition("关于")
    if sep and head:
        whole = compact_slice(title_span, 0, len(head))
        joint = joint_issuers(whole) if whole.text != head else None  # spaces apart: several bodies?
        if joint:
            return tuple(s.text for s in joint), tuple(joint), "title"
        return (head,), (whole,), "title"
    return (), (), "none"


def _addressee(lines: list[Line], first: int, end: int) -> Span | None:
    """The 主送 line: the first line after the number, ending in a colon (not a decision formula)."""
    line = _next_nonblank(lines, first)
    if line is None or line.index >= end or line.is_table_row:
        return None
    a, b = docnumber.unwrap(line.text)
    text = line.text[a:b]
    if ADDRESSEE.match(text) and not DECISION.search(text) and not _PREAMBLE.search(text) and "。" not in text:
        return Span(line.start + a, line.start + b, text)
    return None


def _public_note(lines: list[Line], first: int, end: int) -> str | None:
    for line in lines[first:end]:
        if "此件" not in line.text:
            continue
        texts = [c.text for c in table_cells(line)] or [line.stripped]
        for text in texts:
            a, b = docnumber.unwrap(text)
            text = text[a:b]
            if PUBLIC_NOTE.match(text):
                return text.strip("()（） ")
    return None


def _attachments(raw: str, lines: list[Line], first: int, end: int) -> tuple[Attachment, ...]:
    """Attachments after their 附件 label; each runs to the next label or the document end."""
    labels = [ln for ln in lines[first:end] if ATTACHMENT_LABEL.match(ln.text) and not _lists_items(lines, ln)]
    out: list[Attachment] = []
    for k, label in enumerate(labels):
        stop = labels[k + 1].index if k + 1 < len(labels) else end
        title_line = _next_nonblank(lines, label.index + 1)
        title = None
        if title_line is not None and title_line.index < stop and _title_like(title_line):
            title = _title_text((title_line,))
        last = stop - 1
        while last > label.index and lines[last].blank:
            last -= 1
        span = Span.of(raw, label.span().start, lines[last].end)
        out.append(Attachment(compact(label.text).lstrip("-").rstrip(":："), title, span))
    return tuple(out)


_LIST_ITEM = re.compile(r"^\s*-?\s*\d+\s*[.、．]")


def _lists_items(lines: list[Line], label: Line) -> bool:
    """``附件:`` followed by numbered items is the list of attachments, not an attachment."""
    nxt = _next_nonblank(lines, label.index + 1)
    return nxt is not None and bool(_LIST_ITEM.match(nxt.text))
