"""Dates (with precision) and the masthead, on real lines and on the forms other years use."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractors.dates import match_date_line, parse_date, parse_date_line
from extractors.lines import split_lines
from extractors.masthead import parse_masthead


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("2018年5月4日", "2018-05-04"),
        ("2018 年 5 月 24 日", "2018-05-24"),
        ("  2018年3月22日  ", "2018-03-22"),
        ("二〇一八年五月四日", "2018-05-04"),
        ("二○二二年九月二十五日", "2022-09-25"),
        ("２０１８年５月４日", "2018-05-04"),
        ("２０１８ 年 １２ 月 ３１ 日", "2018-12-31"),
        ("**2018年5月4日**", "2018-05-04"),
        ("- 2018年5月4日", "2018-05-04"),
    ],
)
def test_signature_date_lines(line: str, iso: str) -> None:
    value = parse_date_line(line)
    assert value is not None
    assert value.iso == iso
    assert value.precision == "day"


@pytest.mark.parametrize(
    "line",
    [
        "2018年5月",
        "2018年2月30日",
        "时间节点:责任单位在2018年4月20日前",
        "[] 年 第 号",
        "年 月 日",
        "**2018年5月4日**前",
    ],
)
def test_not_signature_dates(line: str) -> None:
    assert parse_date_line(line) is None


@pytest.mark.parametrize("line", ["**2018年5月4日**", "  ２０１８年５月４日　", "- 2018 年 5 月 4 日"])
def test_date_line_value_leaves_the_markup_out(line: str) -> None:
    found = match_date_line(line)
    assert found is not None
    value, start, end = found
    assert line[start:end] == value.printed
    assert value.iso == "2018-05-04"
    assert not value.printed.startswith(("*", "-", " ")) and not value.printed.endswith(("*", " ", "\u3000"))


def test_full_width_dates_in_running_text() -> None:
    value = parse_date("自２０１９年１月１日起施行")
    assert value is not None and value.iso == "2019-01-01"


def test_month_precision_is_kept() -> None:
    value = parse_date("2018年5月")
    assert value is not None
    assert (value.iso, value.precision) == ("2018-05", "month")


@given(st.text(max_size=30))
def test_date_parsers_never_crash(text: str) -> None:
    parse_date(text)
    parse_date_line(text)


MASTHEAD_2018 = "\n\n\n\nQUZHOU\n\n衢州政報\n\n2018年5月\n第3、4期\n(总第105期)\n浙内部资料准印证\n第H004号\n\n目 录\n"


def test_masthead_2018_double_issue() -> None:
    meta = parse_masthead(MASTHEAD_2018, split_lines(MASTHEAD_2018))
    assert meta.title == "衢州政报"
    assert (meta.year, meta.months, meta.numbers, meta.totals) == (2018, (5,), ("3", "4"), (105,))
    assert meta.span is not None
    assert MASTHEAD_2018[meta.span.start : meta.span.end] == meta.span.text


def test_masthead_other_years_forms() -> None:
    raw = "衢州政报\n印数:1000册\n2022年9、10月\n第五期\n（总第131、132期）\n目录\n"
    meta = parse_masthead(raw, split_lines(raw))
    assert (meta.year, meta.months, meta.numbers, meta.totals) == (2022, (9, 10), ("五",), (131, 132))


def test_masthead_absent() -> None:
    raw = "衢州市人民政府关于 开展第四次经济普查的通知\n\n衢政发〔2018〕15号\n"
    meta = parse_masthead(raw, split_lines(raw))
    assert meta.title is None and meta.totals == ()
