"""Effective dates, application dates and expiry of a policy (自…起施行, 有效期至…, 有效期N年)."""

from __future__ import annotations

import re

from extractors.dates import DATE_PATTERN, parse_date
from extractors.records import Document, PolicyDate
from extractors.stream import document_body_stream

VERSION = "policy-dates-1"

_DATE = DATE_PATTERN.pattern.replace("[ \\t\\u3000]*", "")
_EVENT = r"(?:发文|发布|公布|印发|下发|颁布)之日"
EFFECTIVE = re.compile(rf"自(?P<when>{_DATE}|{_EVENT})起(?:正式)?(?P<verb>施行|实施|生效|试行)")
APPLIES = re.compile(rf"(?:自|从)(?P<when>{_DATE})(?:起|开始)(?:执行|适用)?")
UNTIL = re.compile(rf"有效期(?:至|到|截至)(?P<when>{_DATE})")
YEARS = re.compile(r"有效期(?:为)?(?P<n>\d{1,2}|[一二三四五六七八九十])年")
# Expiry clauses count only when they speak of the document itself (本办法…有效期…), not of a record
# or a licence it regulates (信用信息有效期为1年).
_SELF = re.compile(r"本(?:办法|意见|通知|规定|细则|方案|决定|政策|条例|措施|实施意见|实施办法|实施细则|规划|计划|文件)")
_CN = {c: i for i, c in enumerate("零一二三四五六七八九十")}


def extract_policy_dates(raw: str, document: Document) -> list[PolicyDate]:
    """Dates that govern the document's validity, in reading order, each once."""
    stream = document_body_stream(raw, document)
    text = stream.text
    out: list[PolicyDate] = []
    taken: list[tuple[int, int]] = []
    for m in EFFECTIVE.finditer(text):
        when = m["when"]
        value = parse_date(when) if when[0].isdigit() or "年" in when else None
        relative = "publication" if value is None else None
        out.append(PolicyDate("effective", value, relative, None, stream.span(m.start(), m.end())))  # type: ignore[arg-type]
        taken.append((m.start(), m.end()))
    for m in APPLIES.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        value = parse_date(m["when"])
        if value is not None:
            out.append(PolicyDate("applies_from", value, None, None, stream.span(m.start(), m.end())))
    for m in UNTIL.finditer(text):
        if not _SELF.search(_sentence(text, m.start())):
            continue
        value = parse_date(m["when"])
        if value is not None:
            out.append(PolicyDate("expires", value, None, None, stream.span(m.start(), m.end())))
    for m in YEARS.finditer(text):
        if not _SELF.search(_sentence(text, m.start())):
            continue
        n = m["n"]
        years = int(n) if n.isdigit() else _CN[n]
        out.append(PolicyDate("expires", None, None, years, stream.span(m.start(), m.end())))
    seen: set[tuple] = set()
    unique = []
    for item in sorted(out, key=lambda d: d.span.start):
        key = (item.kind, item.date, item.relative_to, item.years)
        if key not in seen:
            seen.add(key)
            unique.append(item)
    return unique


def _sentence(text: str, at: int) -> str:
    left = max(text.rfind(mark, 0, at) for mark in "。;；\x00") + 1
    right = min((i for i in (text.find(mark, at) for mark in "。;；\x00") if i >= 0), default=len(text))
    return text[left:right]
