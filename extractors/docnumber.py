"""Document numbers (文号): parse, normalise and find them in running text.

The gazettes print the same number as ``衢政发[2018]11号``, ``衢政发〔2018〕11 号`` or
``浙政发【2012】73号``; the canonical form uses 〔〕 and no whitespace. Orders of the government
carry no year: ``衢州市人民政府令第51号``.
"""

from __future__ import annotations

import re

from extractors.records import DocNumber

OPEN_BRACKETS = "〔[［【(（"
CLOSE_BRACKETS = "〕]］】)）"
_WS = r"[ \t\u3000]*"

# A whole line that is nothing but a document number (the line under a document's title).
NUMBER_LINE = re.compile(
    rf"^{_WS}(?P<prefix>[\u4e00-\u9fa5]{{1,12}}){_WS}[〔\[［【]{_WS}(?P<year>(?:19|20)\d{{2}}){_WS}"
    rf"[〕\]］】]{_WS}(?P<seq>\d{{1,4}}){_WS}号{_WS}$"
)

# A number anywhere (prefix possibly glued to preceding words; trimmed by ``trim_prefix``).
NUMBER_IN_TEXT = re.compile(
    rf"(?P<prefix>[\u4e00-\u9fa5]{{1,16}}){_WS}[〔\[［【]{_WS}(?P<year>(?:19|20)\d{{2}}){_WS}"
    rf"[〕\]］】]{_WS}(?P<seq>\d{{1,4}}){_WS}号"
)

# 衢州市人民政府令第51号 (one line or split as heading + 第51号).
ORDER_NUMBER = re.compile(rf"(?P<prefix>[\u4e00-\u9fa5]{{2,20}}令){_WS}第{_WS}(?P<seq>\d{{1,4}}){_WS}号")

_FUNCTION_WORDS = re.compile(r"^.*(?:按照|根据|详见|依据|参照|执行|印发|转发|按|及|和|与|见|或|的|是|以)")
_SPACES = re.compile(r"\s+")
_BRACKETED_YEAR = re.compile(r"[〔\[［【(（](\d{4})[〕\]］】)）]")


def canonical(printed: str) -> str:
    """Canonical form of a printed number: no whitespace, 〔〕 around the year.

    Idempotent: ``canonical(canonical(x)) == canonical(x)``.
    """
    text = _SPACES.sub("", printed)
    return _BRACKETED_YEAR.sub(r"〔\1〕", text)


def trim_prefix(raw_prefix: str) -> str:
    """Cut words glued in front of a number's prefix (``按照国发`` → ``国发``)."""
    trimmed = _FUNCTION_WORDS.sub("", raw_prefix)
    return trimmed or raw_prefix


def parse(printed: str) -> DocNumber | None:
    """Parse a printed number (with or without year); ``None`` when it is not one."""
    compact = _SPACES.sub("", printed)
    m = NUMBER_IN_TEXT.fullmatch(compact)
    if m:
        prefix = m["prefix"]
        return DocNumber(
            printed=printed,
            canonical=f"{prefix}〔{m['year']}〕{m['seq']}号",
            prefix=prefix,
            year=int(m["year"]),
            seq=int(m["seq"]),
        )
    m = ORDER_NUMBER.fullmatch(compact)
    if m:
        return DocNumber(
            printed=printed,
            canonical=f"{m['prefix']}第{m['seq']}号",
            prefix=m["prefix"],
            year=None,
            seq=int(m["seq"]),
        )
    return None


def parse_line(line: str) -> DocNumber | None:
    """Parse a line that holds only a document number (the line under a title)."""
    m = NUMBER_LINE.match(line)
    return parse(line.strip()) if m else None


def same_series(a: str, b: str) -> bool:
    """Whether two canonical numbers name the same document.

    The TOC sometimes prints ``衢公通字`` where the body prints ``衢公通``: treat a trailing ``字`` on
    the prefix as optional.
    """
    return _strip_zi(a) == _strip_zi(b)


def _strip_zi(number: str) -> str:
    return re.sub(r"字(〔\d{4}〕)", r"\1", number)
