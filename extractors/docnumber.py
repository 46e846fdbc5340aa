"""Document numbers (文号): parse, normalise and find them in running text.

The gazettes print the same number as ``衢政发[2018]11号``, ``衢政发〔2018〕11 号``,
``浙政发【2012】73号`` or ``衢政发(2018)11号``, sometimes in full-width digits (``衢政发〔２０１８〕１１号``);
the canonical form uses 〔〕, ASCII digits and no whitespace. Orders of the government carry no year:
``衢州市人民政府令第51号`` (also printed ``第五十一号``).

A converted page may wrap a whole line in markup (``**衢政发〔2018〕15号**``, ``- 衢政发〔2018〕15号``,
``# 标题``): ``unwrap`` finds the text inside it, so that spans point at the value, never at the markup.
"""

from __future__ import annotations

import re

from extractors.records import DocNumber

OPEN_BRACKETS = "〔[［【(（"
CLOSE_BRACKETS = "〕]］】)）"
_WS = r"[ \t\u3000]*"
# Digits may be printed full width (２０１８); the one definition, shared with dates and citations.
DIGIT = "[0-9０-９]"
YEAR = rf"(?:19|20|１９|２０){DIGIT}{{2}}"
_SEQ = rf"{DIGIT}{{1,4}}"
_CN_NUMERAL = "〇零一二两三四五六七八九十百千"
ORDER_SEQ = rf"{_SEQ}|[{_CN_NUMERAL}]{{1,8}}"  # an order's sequence: 51, ５１ or 五十一
_OPEN = r"[〔\[［【(（]"
_CLOSE = r"[〕\]］】)）]"
_SQUARE_OPEN = r"[〔\[［【]"
_SQUARE_CLOSE = r"[〕\]］】]"

# Markup a conversion puts around a whole line: a list marker or heading (``- ``, ``* ``, ``# ``, ``> ``, ``●``)
# and emphasis (``**…**``, ``__…__``, ``*…*``).
MARKUP_LEAD = rf"(?:(?:#{{1,6}}|>|[-+•●]){_WS}|\*[ \t\u3000]+)?(?:\*{{1,3}}|_{{2,3}})?{_WS}"
MARKUP_TRAIL = rf"{_WS}(?:\*{{1,3}}|_{{2,3}})?"
_UNWRAP = re.compile(rf"^[ \t\u3000]*{MARKUP_LEAD}(?P<body>.*?){MARKUP_TRAIL}[ \t\u3000]*$")
_EMPHASIS = re.compile(r"\*{2,3}|_{2,3}")
_MARKUP_CHARS = "#>-+•●*_"

# A whole line that is nothing but a document number (the line under a document's title); round brackets
# are safe here, the whole line being the number.
NUMBER_LINE = re.compile(
    rf"^{_WS}{MARKUP_LEAD}(?P<value>(?P<prefix>[\u4e00-\u9fa5]{{1,12}}){_WS}{_OPEN}{_WS}(?P<year>{YEAR}){_WS}"
    rf"{_CLOSE}{_WS}(?P<seq>{_SEQ}){_WS}号){MARKUP_TRAIL}{_WS}$"
)

# A number anywhere (prefix possibly glued to preceding words; trimmed by ``trim_prefix``). Round brackets
# hold many other things in running text (各县(市、区), (2017—2020年)): with them the prefix must end like a
# series (…发, …函, …字, …办, …干, …通) for the match to count.
NUMBER_IN_TEXT = re.compile(
    rf"(?P<prefix>[\u4e00-\u9fa5]{{1,16}})(?:(?P<square>{_WS}{_SQUARE_OPEN})|(?<=[发函字办干通]){_WS}[(（])"
    rf"{_WS}(?P<year>{YEAR}){_WS}(?(square){_SQUARE_CLOSE}|[)）]){_WS}(?P<seq>{_SEQ}){_WS}号"
)

# Any bracket: a string already known to be a number (``parse``).
_NUMBER = re.compile(
    rf"(?P<prefix>[\u4e00-\u9fa5]{{1,16}}){_WS}{_OPEN}{_WS}(?P<year>{YEAR}){_WS}{_CLOSE}{_WS}(?P<seq>{_SEQ}){_WS}号"
)

# 衢州市人民政府令第51号 (one line or split as heading + 第51号; 第五十一号 in Chinese numerals).
ORDER_NUMBER = re.compile(rf"(?P<prefix>[\u4e00-\u9fa5]{{2,20}}令){_WS}第{_WS}(?P<seq>{ORDER_SEQ}){_WS}号")

_FUNCTION_WORDS = re.compile(r"^.*(?:按照|根据|详见|依据|参照|执行|印发|转发|按|及|和|与|见|或|的|是|以)")
_SPACES = re.compile(r"\s+")
_BRACKETED_YEAR = re.compile(r"[〔\[［【(（](\d{4})[〕\]］】)）]")
_ASCII_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_CN_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "两": 2, "○": 0, "Ｏ": 0}
_CN_UNIT = {"十": 10, "百": 100, "千": 1000}


def ascii_digits(text: str) -> str:
    """Full-width digits (２０１８) as ASCII digits; every other character unchanged."""
    return text.translate(_ASCII_DIGITS)


def unwrap(text: str) -> tuple[int, int]:
    """Offsets ``(start, end)`` of a line's text inside its conversion markup and surrounding whitespace."""
    body = text.strip()
    if not body or (body[0] not in _MARKUP_CHARS and body[-1] not in "*_"):
        lead = len(text) - len(text.lstrip())
        return lead, lead + len(body)
    m = _UNWRAP.match(text)
    if m is None or not m["body"]:
        lead = len(text) - len(text.lstrip())
        return lead, lead + len(body)
    return m.start("body"), m.end("body")


def strip_emphasis(text: str) -> str:
    """Text without ``**`` / ``__`` emphasis marks (a title bolded line by line)."""
    return _EMPHASIS.sub("", text)


def chinese_int(text: str) -> int | None:
    """Value of a number printed in ASCII, full-width or Chinese numerals (五十一, 一百零二, 一〇二)."""
    text = ascii_digits(text)
    if text.isdigit():
        return int(text)
    if not text or any(c not in _CN_DIGIT and c not in _CN_UNIT for c in text):
        return None
    if not any(c in _CN_UNIT for c in text):
        return int("".join(str(_CN_DIGIT[c]) for c in text))
    total, digit = 0, None
    for c in text:
        if c in _CN_DIGIT:
            digit = _CN_DIGIT[c]
        else:
            total += (1 if digit is None else digit) * _CN_UNIT[c]
            digit = None
    return total + (digit or 0)


def canonical(printed: str) -> str:
    """Canonical form of a printed number: no whitespace, ASCII digits, 〔〕 around the year.

    Idempotent: ``canonical(canonical(x)) == canonical(x)``.
    """
    text = ascii_digits(_SPACES.sub("", printed))
    return _BRACKETED_YEAR.sub(r"〔\1〕", text)


def trim_prefix(raw_prefix: str) -> str:
    """Cut words glued in front of a number's prefix (``按照国发`` → ``国发``)."""
    trimmed = _FUNCTION_WORDS.sub("", raw_prefix)
    return trimmed or raw_prefix


def parse(printed: str) -> DocNumber | None:
    """Parse a printed number (with or without year); ``None`` when it is not one."""
    compact = _SPACES.sub("", printed)
    m = _NUMBER.fullmatch(compact)
    if m:
        prefix = m["prefix"]
        year, seq = int(ascii_digits(m["year"])), int(ascii_digits(m["seq"]))
        return DocNumber(printed=printed, canonical=f"{prefix}〔{year}〕{seq}号", prefix=prefix, year=year, seq=seq)
    m = ORDER_NUMBER.fullmatch(compact)
    if m:
        seq = chinese_int(m["seq"])
        if seq is None:
            return None
        return DocNumber(printed=printed, canonical=f"{m['prefix']}第{seq}号", prefix=m["prefix"], year=None, seq=seq)
    return None


def match_line(line: str) -> tuple[DocNumber, int, int] | None:
    """A line that holds only a document number: the number and its offsets in the line (markup left out)."""
    m = NUMBER_LINE.match(line)
    if not m:
        return None
    number = parse(m["value"])
    return (number, m.start("value"), m.end("value")) if number else None


def parse_line(line: str) -> DocNumber | None:
    """Parse a line that holds only a document number (the line under a title)."""
    found = match_line(line)
    return found[0] if found else None


def same_series(a: str, b: str) -> bool:
    """Whether two canonical numbers name the same document.

    The TOC sometimes prints ``衢公通字`` where the body prints ``衢公通``: treat a trailing ``字`` on
    the prefix as optional.
    """
    return _strip_zi(a) == _strip_zi(b)


def _strip_zi(number: str) -> str:
    return re.sub(r"字(〔\d{4}〕)", r"\1", number)
