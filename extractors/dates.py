"""Chinese calendar dates with their precision.

Signature dates are printed ``2018年5月4日`` (often with spaces from the PDF conversion:
``2018 年 4 月 7 日``), in full-width digits (``２０１８年５月４日``) and, in other years, in Chinese
numerals (``二〇一八年五月四日``). Values use ASCII digits. A date keeps its precision: ``2018年5月`` is a
month, never the first of the month.
"""

from __future__ import annotations

import re
from datetime import date

from extractors.docnumber import DIGIT, MARKUP_LEAD, MARKUP_TRAIL, YEAR, chinese_int
from extractors.records import DateValue

_W = r"[ \t\u3000]*"
_CN_DIGITS = "〇零一二三四五六七八九"
_CN_YEAR = rf"[{_CN_DIGITS}○Ｏ]{{4}}"
_CN_SMALL = r"[一二三四五六七八九十]{1,3}"


DATE_PATTERN = re.compile(
    rf"(?P<y>{YEAR}|{_CN_YEAR}){_W}年{_W}(?P<m>{DIGIT}{{1,2}}|{_CN_SMALL}){_W}月"
    rf"(?:{_W}(?P<d>{DIGIT}{{1,2}}|{_CN_SMALL}){_W}日)?"
)
# A line that is only a date: the signature date line (conversion markup such as ``**…**`` around it allowed).
DATE_LINE = re.compile(rf"^{_W}{MARKUP_LEAD}(?P<date>{DATE_PATTERN.pattern}){MARKUP_TRAIL}{_W}$")


def _cn_number(text: str) -> int:
    """Value of a year, month or day in digits or Chinese numerals (三十一, 二〇一八); ValueError if none."""
    value = chinese_int(text)
    if value is None:
        raise ValueError(text)
    return value


def parse_date(printed: str) -> DateValue | None:
    """Parse one printed date; ``None`` when it is not a valid calendar date."""
    m = DATE_PATTERN.search(printed)
    if not m:
        return None
    return _value(m)


def _value(m: re.Match[str]) -> DateValue | None:
    try:
        year = _cn_number(m["y"])
        month = _cn_number(m["m"])
        day = _cn_number(m["d"]) if m["d"] else None
    except (KeyError, ValueError):
        return None
    if not 1 <= month <= 12:
        return None
    printed = m["date"] if "date" in m.re.groupindex else m.group(0)
    if day is None:
        return DateValue(iso=f"{year:04d}-{month:02d}", precision="month", printed=printed)
    try:
        value = date(year, month, day)
    except ValueError:
        return None
    return DateValue(iso=value.isoformat(), precision="day", printed=printed)


def parse_date_line(line: str) -> DateValue | None:
    """Parse a line holding only a full date (day precision), as signature dates are printed."""
    found = match_date_line(line)
    return found[0] if found else None


def match_date_line(line: str) -> tuple[DateValue, int, int] | None:
    """A line holding only a full date: the date and its offsets in the line (markup left out)."""
    m = DATE_LINE.match(line)
    if not m or not m["d"]:
        return None
    value = _value(m)
    return (value, m.start("date"), m.end("date")) if value else None
