"""Effective dates, application dates and expiry of a policy (自…起施行, 有效期至…, 有效期N年)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from datetime import date, timedelta

from extractors.dates import DATE_PATTERN, parse_date
from extractors.docnumber import chinese_int
from extractors.records import DateValue, Document, PolicyDate
from extractors.stream import document_body_stream

VERSION = "policy-dates-1"

# The stream has no whitespace; the year may be printed in full-width digits (２０１９年). Groups are unnamed
# so that one pattern can hold two dates (自…至…); ``parse_date`` reads the matched text again.
_DATE = re.sub(r"\(\?P<\w+>", "(?:", DATE_PATTERN.pattern.replace("[ \\t\\u3000]*", ""))
_EVENT = r"(?:发文|发布|公布|印发|下发|颁布)之日"
_CLAUSE_END = r"(?=[,，。;；\x00]|$)"
# 执行 takes an object too (起执行新的收费标准): then it only says from when something applies.
_TAKES_EFFECT = rf"(?:施行|实施|生效|试行|执行{_CLAUSE_END})"
EFFECTIVE = re.compile(rf"自(?P<when>{_DATE}|{_EVENT})起(?:正式)?(?P<verb>{_TAKES_EFFECT})")
# 自印发之日起30日后施行: a delay counted from the document's own date.
DELAYED = re.compile(
    rf"自{_EVENT}起(?:满)?(?P<n>\d{{1,3}}|[一二三四五六七八九十]{{1,3}})(?:日|天)后(?:正式)?{_TAKES_EFFECT}"
)
# A second, bare date in the same clause: 自发布之日起施行，2019年1月1日起执行.
BARE = re.compile(rf"(?<![自从至到])(?P<when>{_DATE})起(?:正式)?{_TAKES_EFFECT}{_CLAUSE_END}")
# 自2019年1月1日起至2021年12月31日止试行: a period with its end.
PERIOD = re.compile(
    rf"自(?P<when>{_DATE})(?:起)?(?:至|到)(?P<until>{_DATE})(?:止)?(?P<verb>{_TAKES_EFFECT}{_CLAUSE_END})?"
)
APPLIES = re.compile(rf"(?:自|从)(?P<when>{_DATE})(?:起|开始)(?:执行|适用)?")
UNTIL = re.compile(rf"有效期(?:至|到|截至)(?P<when>{_DATE})")
YEARS = re.compile(r"有效期(?:为)?(?P<n>\d{1,2}|[一二三四五六七八九十])年")
# Expiry clauses count only when they speak of the document itself (本办法…有效期…), not of a record
# or a licence it regulates (信用信息有效期为1年).
_SELF = re.compile(r"本(?:办法|意见|通知|规定|细则|方案|决定|政策|条例|措施|实施意见|实施办法|实施细则|规划|计划|文件)")


def extract_policy_dates(raw: str, document: Document) -> list[PolicyDate]:
    """Dates that govern the document's validity, in reading order, each once."""
    stream = document_body_stream(raw, document)
    text = stream.text
    out: list[PolicyDate] = []
    taken: list[tuple[int, int]] = []

    def free(m: re.Match[str]) -> bool:
        return not any(a <= m.start() < b for a, b in taken)

    for m in PERIOD.finditer(text):
        sentence = _sentence(text, m.start())
        if not (m["verb"] or ("有效期" in sentence and _SELF.search(sentence))):
            continue  # 自…至… 开展专项行动: a campaign's period, not the policy's
        start, until = _date(m["when"]), _date(m["until"])
        if start is None or until is None:
            continue
        span = stream.span(m.start(), m.end())
        out += [PolicyDate("effective", start, None, None, span), PolicyDate("expires", until, None, None, span)]
        taken.append((m.start(), m.end()))
    for m in DELAYED.finditer(text):
        when = _delayed(document.date, m["n"])
        if when is not None:
            out.append(PolicyDate("effective", when, None, None, stream.span(m.start(), m.end())))
        taken.append((m.start(), m.end()))
    effective_at: list[int] = []
    for m in EFFECTIVE.finditer(text):
        if not free(m):
            continue
        when = m["when"]
        value = _date(when) if not when.endswith("之日") else None
        relative = "publication" if value is None else None
        out.append(PolicyDate("effective", value, relative, None, stream.span(m.start(), m.end())))  # type: ignore[arg-type]
        taken.append((m.start(), m.end()))
        effective_at.append(m.start())
    for m in BARE.finditer(text):
        if not free(m):
            continue
        left = _sentence_start(text, m.start())
        after_effective = any(left <= at < m.start() for at in effective_at)
        if not (after_effective or _SELF.search(text[left : m.start()])):
            continue
        value = _date(m["when"])
        if value is not None:
            kind = "applies_from" if after_effective else "effective"
            out.append(PolicyDate(kind, value, None, None, stream.span(m.start(), m.end())))  # type: ignore[arg-type]
            taken.append((m.start(), m.end()))
    for m in APPLIES.finditer(text):
        if not free(m):
            continue
        value = _date(m["when"])
        if value is not None:
            out.append(PolicyDate("applies_from", value, None, None, stream.span(m.start(), m.end())))
    for m in UNTIL.finditer(text):
        if not _SELF.search(_sentence(text, m.start())):
            continue
        value = _date(m["when"])
        if value is not None:
            out.append(PolicyDate("expires", value, None, None, stream.span(m.start(), m.end())))
    for m in YEARS.finditer(text):
        if not _SELF.search(_sentence(text, m.start())):
            continue
        out.append(PolicyDate("expires", None, None, chinese_int(m["n"]), stream.span(m.start(), m.end())))
    seen: set[tuple] = set()
    unique = []
    for item in sorted(out, key=lambda d: d.span.start):
        key = (item.kind, item.date, item.relative_to, item.years)
        if key not in seen:
            seen.add(key)
            unique.append(item)
    return unique


def _date(printed: str) -> DateValue | None:
    """A printed date, full-width digits read as ASCII; ``printed`` stays as written."""
    value = parse_date(unicodedata.normalize("NFKC", printed))
    return replace(value, printed=printed) if value else None


def _delayed(signed: DateValue | None, n: str) -> DateValue | None:
    """The document's date plus ``n`` days; None without a day-precise document date (no guess)."""
    days = chinese_int(n)
    if signed is None or signed.precision != "day" or days is None:
        return None
    try:
        value = date.fromisoformat(signed.iso) + timedelta(days=days)
    except (OverflowError, ValueError):
        return None
    return DateValue(iso=value.isoformat(), precision="day", printed=signed.printed)


def _sentence_start(text: str, at: int) -> int:
    return max(text.rfind(mark, 0, at) for mark in "。;；\x00") + 1


def _sentence(text: str, at: int) -> str:
    left = _sentence_start(text, at)
    right = min((i for i in (text.find(mark, at) for mark in "。;；\x00") if i >= 0), default=len(text))
    return text[left:right]
