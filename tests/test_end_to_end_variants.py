"""End to end, metamorphic: the dev corpus printed the way other gazettes print it gives the same facts.

Other cities and years bracket the year of a number in [] or (), print digits full width, put spaces
inside numbers; the PDF converter leaves bold markup around whole lines, half-width punctuation,
ideographic spaces, CRLF line endings or GB18030 (docs §2, §6). Each variant below rewrites every
issue of ../shared/corpus that way, builds it, and exports the facts: they must be the facts of the
corpus as printed, compared in the scorer's form (NFKC, so full-width digits equal ASCII ones).
Before the gazettes.md audit of 2026-12-07, round brackets or full-width digits in the numbers lost
51 of the 61 documents, and bold lines or full-width digits everywhere lost whole issues.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest

from kg.build import build
from kg.cli import main

_NUMBER = re.compile(r"(?P<prefix>[\u4e00-\u9fa5]{1,12})〔(?P<year>\d{4})〕(?P<seq>\d{1,4})(?P<space>\s*)号")
_NUMBER_LINE = re.compile(
    r"^(?P<lead>[ \t]*)(?P<number>[\u4e00-\u9fa5]{1,12}〔(?:19|20)\d{2}〕\s*\d{1,4}\s*号)[ \t]*$", re.MULTILINE
)
_DATE_LINE = re.compile(
    r"^(?P<lead>[ \t]*)(?P<date>(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)[ \t]*$", re.MULTILINE
)
_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def _brackets(open_: str, close: str) -> Callable[[str], str]:
    return lambda text: _NUMBER.sub(lambda m: f"{m['prefix']}{open_}{m['year']}{close}{m['seq']}{m['space']}号", text)


def _full_width_numbers(text: str) -> str:
    return _NUMBER.sub(lambda m: m.group().translate(_FULL_WIDTH), text)


def _spaced_numbers(text: str) -> str:
    return _NUMBER.sub(lambda m: f"{m['prefix']} 〔 {m['year']} 〕 {m['seq']} 号", text)


def _bold_lines(text: str) -> str:
    text = _NUMBER_LINE.sub(lambda m: f"{m['lead']}**{m['number']}**", text)
    return _DATE_LINE.sub(lambda m: f"{m['lead']}**{m['date']}**", text)


VARIANTS: dict[str, tuple[Callable[[str], str], str]] = {
    "square brackets": (_brackets("[", "]"), "utf-8"),
    "round brackets": (_brackets("(", ")"), "utf-8"),
    "full-width round brackets": (_brackets("（", "）"), "utf-8"),
    "full-width digits in numbers": (_full_width_numbers, "utf-8"),
    "full-width digits everywhere": (lambda text: text.translate(_FULL_WIDTH), "utf-8"),
    "spaces inside numbers": (_spaced_numbers, "utf-8"),
    "bold number and date lines": (_bold_lines, "utf-8"),
    "NFKC (half-width punctuation and brackets)": (lambda text: unicodedata.normalize("NFKC", text), "utf-8"),
    "ideographic spaces": (lambda text: text.replace(" ", "\u3000"), "utf-8"),
    "CRLF and GB18030": (lambda text: text.replace("\n", "\r\n"), "gb18030"),
}


def _facts(store: Path, capsys: pytest.CaptureFixture[str]) -> set[str]:
    """The facts export in the scorer's compare form: NFKC, one JSON text per record."""
    capsys.readouterr()
    assert main(["facts", "--store", str(store)]) == 0
    out = unicodedata.normalize("NFKC", capsys.readouterr().out)
    return {json.dumps(json.loads(line), ensure_ascii=False, sort_keys=True) for line in out.splitlines() if line}


def test_the_variants_change_the_text(corpus_files: list[Path]) -> None:
    """Every variant rewrites something in every issue (else its test below would prove nothing)."""
    for path in corpus_files:
        text = path.read_text(encoding="utf-8")
        for name, (rewrite, _) in VARIANTS.items():
            if name != "CRLF and GB18030":
                assert rewrite(text) != text, (name, path.name)
        assert len(_NUMBER_LINE.findall(text)) >= 5 and _DATE_LINE.search(text), path.name


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_a_variant_gives_the_facts_of_the_corpus_as_printed(
    variant: str,
    corpus_files: list[Path],
    built_store: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    rewrite, encoding = VARIANTS[variant]
    source = tmp_path / "in"
    source.mkdir()
    for path in corpus_files:
        (source / path.name).write_bytes(rewrite(path.read_text(encoding="utf-8")).encode(encoding))
    report = build([source], tmp_path / "store", jobs=1)
    assert report.ok and not report.skipped, report.skipped
    expected, got = _facts(built_store, capsys), _facts(tmp_path / "store", capsys)
    assert len(expected) > 2000
    assert got == expected, (sorted(expected - got)[:5], sorted(got - expected)[:5])
