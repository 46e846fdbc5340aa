"""Document numbers: real printed forms from the 2018 issues, and properties of the normaliser."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractors import docnumber


@pytest.mark.parametrize(
    ("printed", "canonical"),
    [
        ("衢政发[2018]11号", "衢政发〔2018〕11号"),
        ("衢政发〔2018〕11 号", "衢政发〔2018〕11号"),
        ("衢政办发〔2018〕18 号", "衢政办发〔2018〕18号"),
        ("衢政办发[2018]28 号", "衢政办发〔2018〕28号"),
        ("浙政发【2012】73号", "浙政发〔2012〕73号"),
        ("衢市科发高[2018]41号", "衢市科发高〔2018〕41号"),
        ("衢政干〔2018〕8 号", "衢政干〔2018〕8号"),
        ("国务院令 第 564 号", "国务院令第564号"),
        ("衢州市人民政府令第51号", "衢州市人民政府令第51号"),
        ("衢政发(2018)15号", "衢政发〔2018〕15号"),
        ("衢政发（2018）15号", "衢政发〔2018〕15号"),
        ("衢政发〔２０１８〕１５号", "衢政发〔2018〕15号"),
        ("衢州市人民政府令第五十一号", "衢州市人民政府令第51号"),
        ("衢州市人民政府令 第５１号", "衢州市人民政府令第51号"),
        ("国务院令第一百零二号", "国务院令第102号"),
    ],
)
def test_parse_printed_forms(printed: str, canonical: str) -> None:
    number = docnumber.parse(printed)
    assert number is not None
    assert number.canonical == canonical
    assert number.printed == printed


def test_parse_parts() -> None:
    number = docnumber.parse("衢政办发[2018]28 号")
    assert number is not None
    assert (number.prefix, number.year, number.seq) == ("衢政办发", 2018, 28)


@pytest.mark.parametrize(
    "line",
    [
        "衢政发〔2018〕15号",
        "衢政干〔2018〕8 号",
        "衢公通[2018]15号",
        "  衢市监综〔2018〕48号  ",
        "衢政发(2018)15号",
        "衢政发（2018）15号",
        "衢烟专(2018)3号",
        "衢政发〔２０１８〕１５号",
        "**衢政发〔2018〕15号**",
        "- 衢政发〔2018〕15号",
        "__衢政发[2018]15号__",
    ],
)
def test_number_lines(line: str) -> None:
    number = docnumber.parse_line(line)
    assert number is not None
    assert number.year == 2018 and number.printed == line.strip(" *_-")


@pytest.mark.parametrize(
    "line", ["**衢政发〔2018〕15号**", "- 衢政发（2018）15号", "  # 衢政发〔２０１８〕１５号 ", "衢政发〔2018〕15号"]
)
def test_number_line_value_leaves_the_markup_out(line: str) -> None:
    found = docnumber.match_line(line)
    assert found is not None
    number, start, end = found
    assert line[start:end] == number.printed
    assert "*" not in number.printed and "-" not in number.printed and "#" not in number.printed
    assert number.canonical == "衢政发〔2018〕15号"


@pytest.mark.parametrize(
    "line",
    [
        "[] 年 第 号",  # form template (001:1971)
        "[]年第 []号",  # form template (001:4235)
        "地址:柯城区小西门106号",
        "(衢政办发[2018]28 号) 71",  # a TOC entry, not a number line
        "按照国发〔2016〕59号、浙政办发〔2017〕10号文件要求",
        "各县〔市、区〕政府",
        "各县(市、区)政府",
        "(2018)浙08民终123号",  # a court case number: the year comes first
        "**衢政发〔2018〕15号** 71",
    ],
)
def test_not_number_lines(line: str) -> None:
    assert docnumber.parse_line(line) is None


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("根据衢政发(2018)15号文件精神", ["根据衢政发(2018)15号"]),
        ("按照国发〔2016〕59号、浙政办发（2017）10号文件要求", ["按照国发〔2016〕59号", "浙政办发（2017）10号"]),
        ("详见衢政办函(２０１８)３号", ["详见衢政办函(２０１８)３号"]),
        ("公通字（2010）43号", ["公通字（2010）43号"]),
    ],
)
def test_numbers_in_running_text(text: str, found: list[str]) -> None:
    assert [m.group() for m in docnumber.NUMBER_IN_TEXT.finditer(text)] == found


@pytest.mark.parametrize(
    "text",
    [
        "各县(市、区)人民政府",
        "实施方案(2018)15号楼",  # round brackets after a word that ends no series
        "住宅小区(2018)3号地块",
        "编制规划(2018—2020年)第3号",
        "(2018)浙0802民初1234号",
        "衢政发〔2018)15号",  # mismatched brackets
        "衢政发(18)15号",
    ],
)
def test_round_brackets_in_running_text_need_a_series_prefix(text: str) -> None:
    assert docnumber.NUMBER_IN_TEXT.search(text) is None


def test_canonical_uses_ascii_digits() -> None:
    assert docnumber.canonical("衢政发（２０１８）１５ 号") == "衢政发〔2018〕15号"


@pytest.mark.parametrize(
    ("text", "value"), [("五十一", 51), ("十", 10), ("一百零二", 102), ("一〇二", 102), ("５１", 51)]
)
def test_chinese_int(text: str, value: int) -> None:
    assert docnumber.chinese_int(text) == value


def test_toc_and_body_prefix_variants_match() -> None:
    assert docnumber.same_series("衢公通字〔2018〕15号", "衢公通〔2018〕15号")
    assert not docnumber.same_series("衢公通〔2018〕15号", "衢公通〔2018〕16号")


def test_trim_prefix_glued_words() -> None:
    assert docnumber.trim_prefix("按照国发") == "国发"
    assert docnumber.trim_prefix("详见衢政办发") == "衢政办发"
    assert docnumber.trim_prefix("衢政发") == "衢政发"


_prefix = st.text(alphabet="衢州政办发浙国市科教基干通字", min_size=1, max_size=6)
_open = st.sampled_from(["〔", "[", "［", "【", "(", "（"])
_close = st.sampled_from(["〕", "]", "］", "】", ")", "）"])
_space = st.sampled_from(["", " ", "  ", "\u3000"])


@given(_prefix, _open, _close, st.integers(1900, 2099), st.integers(1, 9999), _space, _space)
def test_canonical_form_properties(prefix: str, left: str, right: str, year: int, seq: int, s1: str, s2: str) -> None:
    printed = f"{prefix}{s1}{left}{year}{right}{s2}{seq}{s1}号"
    number = docnumber.parse(printed)
    assert number is not None
    assert number.canonical == f"{prefix}〔{year}〕{seq}号"
    assert docnumber.canonical(number.canonical) == number.canonical  # idempotent
    assert docnumber.canonical(printed) == number.canonical


@given(st.text(max_size=40))
def test_canonical_never_crashes_and_is_idempotent(text: str) -> None:
    once = docnumber.canonical(text)
    assert docnumber.canonical(once) == once
    docnumber.parse(text)
    docnumber.parse_line(text)
