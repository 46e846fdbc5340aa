"""Give each document its TOC section and cross-check the body against the TOC.

The TOC decides the section. A document the TOC forgot takes the section of the block it is
printed in (its neighbours agree), and failing that a rule on its number's prefix.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from extractors import docnumber
from extractors.lines import compact
from extractors.records import Document, Finding, TocEntry

# Prefix shapes → section, for documents the TOC does not list (gazettes.md §1.2).
_PREFIX_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"令$"), "市政府令"),
    (re.compile(r"干$"), "机构与人事"),
    (re.compile(r"政办(?:发|函|通)?$"), "市府办文件"),
    (re.compile(r"政(?:发|通|函)?$"), "市政府文件"),
)
_DEFAULT_SECTION = "部门规范性文件"
_LEADING_ISSUER = re.compile(r"^.*?(?=关于)")


def section_by_prefix(prefix: str) -> str:
    for pattern, section in _PREFIX_RULES:
        if pattern.search(prefix):
            return section
    return _DEFAULT_SECTION


def toc_entry_for(document: Document, toc: list[TocEntry] | tuple[TocEntry, ...]) -> TocEntry | None:
    number = document.number.canonical
    return next((e for e in toc if e.number and docnumber.same_series(e.number.canonical, number)), None)


def assign_sections(documents: list[Document], toc: list[TocEntry]) -> list[Document]:
    """Documents with ``section`` set, from the TOC, the neighbours, or the prefix."""
    from_toc = [toc_entry_for(d, toc) for d in documents]
    out = []
    for i, document in enumerate(documents):
        entry = from_toc[i]
        if entry is not None and entry.section:
            out.append(replace(document, section=entry.section, section_from="toc"))
            continue
        before = next((e.section for e in reversed(from_toc[:i]) if e and e.section), None)
        after = next((e.section for e in from_toc[i + 1 :] if e and e.section), None)
        guess = section_by_prefix(document.number.prefix)
        section = before if before and before in (after, guess) else guess
        out.append(replace(document, section=section, section_from="prefix"))
    return out


_DASHES = re.compile(r"[—–－~～-]+")


def _bare_title(title: str) -> str:
    """A title without its leading issuer (TOC lines usually omit it), dashes and widths unified."""
    text = _DASHES.sub("-", unicodedata.normalize("NFKC", compact(title)))
    return _LEADING_ISSUER.sub("", text) if "关于" in text else text


def cross_check(documents: list[Document], toc: list[TocEntry]) -> list[Finding]:
    """Report TOC entries missing from the body, body documents missing from the TOC, title drift."""
    findings: list[Finding] = []
    numbers = [d.number.canonical for d in documents]
    for entry in toc:
        if entry.number is None:
            findings.append(Finding("toc-entry-without-number", f"TOC entry has no number: {entry.title}", entry.span))
        elif not any(docnumber.same_series(entry.number.canonical, n) for n in numbers):
            findings.append(
                Finding(
                    "toc-missing-in-body", f"{entry.number.canonical} is in the TOC but not in the body", entry.span
                )
            )
    for document in documents:
        entry = toc_entry_for(document, toc)
        if entry is None:
            findings.append(
                Finding(
                    "body-missing-in-toc",
                    f"{document.number.canonical} is printed in the body but not listed in the TOC",
                    document.number_span,
                )
            )
        elif _bare_title(entry.title) not in _bare_title(document.title) and _bare_title(
            document.title
        ) not in _bare_title(entry.title):
            findings.append(
                Finding(
                    "toc-title-differs",
                    f"{document.number.canonical}: TOC title {entry.title!r} differs from body title "
                    f"{document.title!r}",
                    entry.span,
                )
            )
    return findings
