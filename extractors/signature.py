"""The signature block of a document: issuing bodies and the signing date.

The date is found first, then the issuers are read upwards from it (or from the cells above it,
when a two-column page was flattened into a table). A person signing (``代市长 汤飞帆``) is a
signer, not an issuer. Seal notes (``(…代章)``) are not issuers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.dates import match_date_line, parse_date_line
from extractors.docnumber import YEAR, unwrap
from extractors.lines import Line, compact, table_cells
from extractors.records import DateValue, Span

_SENTENCE_MARK = re.compile(r"[。:;,!：；，！?？、]")
_LIST_ITEM = re.compile(r"^\s*(?:-\s*)?(?:附\s*[件表]|\d+\s*[.、．]|[一二三四五六七八九十]+、|[(（])")
_ORG_END = re.compile(
    r"(?:政府|办公室|办公厅|委员会|局|厅|委|办|中心|支行|分行|公司|集团|院|校|会|部|所|队|站|社|处|署|行|小组|组)$"
)
_SEAL_NOTE = re.compile(r"[(（][^()（）]*[)）]")
# A seal mark printed after the issuer's name: 衢州市人民政府（印）, …(盖章).
_SEAL_MARK = re.compile(r"[(（][^()（）]{0,12}[印章][)）]$")
SIGNER = re.compile(
    r"^\s*(?P<post>代?(?:[省市县区州盟旗镇乡]长|主席|主任|书记))[ \t\u3000]+(?P<name>[\u4e00-\u9fa5]{2,4})\s*$"
)
_MAX_ISSUER_LINES = 8
_MAX_ISSUER_CHARS = 60


@dataclass(frozen=True, slots=True)
class Signature:
    date: DateValue | None
    date_span: Span | None
    issuers: tuple[str, ...]
    issuer_spans: tuple[Span, ...]
    signer: str | None


def _issuer_parts(line: Line) -> list[Span]:
    """Issuers on one signature line: one body, or several separated by spaces (seal marks left out)."""
    span = _inner(line).span()
    pieces = [(m.start(), m.group()) for m in re.finditer(r"\S+", span.text) if not _SEAL_NOTE.fullmatch(m.group())]
    pieces = [(off, _SEAL_MARK.sub("", p) or p) for off, p in pieces]
    if len(pieces) > 1 and all(len(p) >= 4 and _ORG_END.search(p) for _, p in pieces):
        return [Span(span.start + off, span.start + off + len(p), p) for off, p in pieces]
    if not pieces:
        return []
    first, (last_off, last) = pieces[0][0], pieces[-1]
    end = last_off + len(last)
    return [Span(span.start + first, span.start + end, span.text[first:end])]


# A body's full name starts with its place or level (衢州市…, 浙江省…, 中国人民银行…, 国网…), not with a bare word.
_PLACE_FIRST = re.compile(r"^(?:中国|中共|国家|国网|[\u4e00-\u9fa5]{1,6}?[省市县区州旗])")


def joint_issuers(span: Span) -> list[Span] | None:
    """``衢州市住房和城乡建设局 衢州市规划局`` (a title's part before 关于): the bodies of a joint document.

    Only when every space-separated piece is a full name ending like an issuing body; a PDF wrap inside
    one name (``衢州市人民政府 办公室``, ``衢州市人民政府 国有资产监督管理委员会``) leaves the head whole.
    """
    pieces = list(re.finditer(r"\S+", span.text))
    if len(pieces) < 2:
        return None
    for m in pieces:
        name = m.group()
        if len(name) < 4 or not _ORG_END.search(name) or not _PLACE_FIRST.match(name) or _SENTENCE_MARK.search(name):
            return None
    return [Span(span.start + m.start(), span.start + m.end(), m.group()) for m in pieces]


def _inner(line: Line) -> Line:
    """The line without conversion markup around it (``**衢州市人民政府**``), offsets kept true."""
    a, b = unwrap(line.text)
    if (a, b) == (0, len(line.text)):
        return line
    return Line(line.index, line.start + a, line.start + b, line.text[a:b])


def _unwrapped(span: Span) -> Span:
    """A cell's span without conversion markup around its text."""
    a, b = unwrap(span.text)
    return Span(span.start + a, span.start + b, span.text[a:b])


def _is_issuer_text(text: str) -> bool:
    body = text.strip()
    return (
        2 <= len(compact(body)) <= _MAX_ISSUER_CHARS
        and not _SENTENCE_MARK.search(body)
        and not _LIST_ITEM.match(body)
        and not body.startswith(("(", "（", "|"))
        and bool(_ORG_END.search(compact(_SEAL_NOTE.sub("", body))))
        and parse_date_line(body) is None
    )


def issuers_above(lines: list[Line], date_index: int, floor: int) -> tuple[list[Span], str | None]:
    """Issuer spans on the short lines above a date line (blank lines may intervene)."""
    found: list[Span] = []
    signer = None
    taken = 0
    for line in reversed(lines[floor:date_index]):
        if line.blank:
            if found and taken >= 1 and _gap_too_wide(lines, line.index, floor):
                break
            continue
        text = _inner(line).stripped
        m = SIGNER.match(text)
        if m and not found:
            signer = compact(m["post"]) + " " + m["name"]
            break
        if text.startswith(("(", "（")) and text.endswith((")", "）")) and not found:
            continue  # seal note such as (…代章) directly above the date
        if not _is_issuer_text(text) or line.is_table_row:
            break
        found[:0] = _issuer_parts(line)
        taken += 1
        if taken >= _MAX_ISSUER_LINES:
            break
    return found, signer


def _gap_too_wide(lines: list[Line], blank_index: int, floor: int) -> bool:
    """Two blank lines in a row end a signature block."""
    return blank_index - 1 >= floor and lines[blank_index - 1].blank


def issuers_in_table(lines: list[Line], row_index: int, column: int, floor: int) -> list[Span]:
    """Issuer cells above a date cell in the same column of a flattened two-column table."""
    found: list[Span] = []
    for line in reversed(lines[floor:row_index]):
        if line.blank:
            break
        cells = table_cells(line)
        if not cells:
            if line.is_table_row:
                continue  # separator row
            break
        cell = next((c for c in cells if c.column == column), None)
        if cell is None or not cell.text:
            if found:
                break
            continue
        inner = _unwrapped(cell.span)
        if not _is_issuer_text(inner.text):
            break
        found.insert(0, inner)
    return found


_DATE_TEXT = rf"{YEAR}[ \t\u3000]*年.{{1,12}}日|[〇零一二三四五六七八九○]{{4}}年.{{2,8}}日"
_TRAILING_DATE = re.compile(rf"^(?P<issuer>\S.*?)[ \t\u3000]{{2,}}(?P<date>{_DATE_TEXT})[ \t\u3000]*$")


def _side_by_side(line: Line) -> tuple[DateValue, Span, Span] | None:
    """``衢州市人民政府        2022年9月25日``: issuer and date on one line, apart."""
    m = _TRAILING_DATE.match(line.text)
    if not m or line.is_table_row or not _is_issuer_text(m["issuer"]):
        return None
    value = parse_date_line(m["date"])
    if value is None:
        return None
    date_span = Span(line.start + m.start("date"), line.start + m.end("date"), m["date"])
    issuer = m["issuer"].rstrip()
    return value, date_span, Span(line.start + m.start("issuer"), line.start + m.start("issuer") + len(issuer), issuer)


def _date_in(span: Span) -> tuple[DateValue, Span] | None:
    """The date of a line or cell that holds only a date, with the span of the date itself (no markup)."""
    found = match_date_line(span.text)
    if found is None:
        return None
    value, a, b = found
    return value, Span(span.start + a, span.start + b, span.text[a:b])


def issuers_left(line: Line, column: int) -> list[Span]:
    """``| 衢州市人民政府 | 2018年5月4日 |``: issuer cells left of the date cell in the same row.

    Only when every other filled cell of the row is an issuer on the left (a task table's row with a
    responsible unit and a deadline has more in it).
    """
    others = [(c.column, _unwrapped(c.span)) for c in table_cells(line) if c.column != column and c.text]
    if not others or any(col > column or not _is_issuer_text(s.text) for col, s in others):
        return []
    return [s for _, s in others]


def find_signature(lines: list[Line], first: int, end: int) -> Signature:
    """The first date line in ``lines[first:end]`` that has issuers or a signer above it."""
    for line in lines[first:end]:
        dated = _date_in(line.span())
        if dated is not None:
            value, date_span = dated
            spans, signer = issuers_above(lines, line.index, first)
            if spans or signer:
                issuers = tuple(compact(s.text) for s in spans)
                return Signature(value, date_span, issuers, tuple(spans), signer)
            continue
        side = _side_by_side(line)
        if side is not None:
            value, date_span, issuer_span = side
            spans, _ = issuers_above(lines, line.index, first)
            spans += _issuer_parts(Line(line.index, issuer_span.start, issuer_span.end, issuer_span.text))
            return Signature(value, date_span, tuple(compact(s.text) for s in spans), tuple(spans), None)
        for cell in table_cells(line):
            dated = _date_in(cell.span)
            if dated is None:
                continue
            value, date_span = dated
            spans = issuers_in_table(lines, line.index, cell.column, first) or issuers_left(line, cell.column)
            if spans:
                issuers = tuple(compact(s.text) for s in spans)
                return Signature(value, date_span, issuers, tuple(spans), None)
    return Signature(None, None, (), (), None)
