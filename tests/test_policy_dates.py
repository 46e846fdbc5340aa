"""Policy dates and the number-prefix registry on real clauses (gazettes.md §4.7, §4.8, §3.1)."""

from __future__ import annotations

from extractors.policy_dates import extract_policy_dates
from extractors.prefixes import lookup
from extractors.segment import segment_issue

HEAD = "关于印发《衢州市电力用户信用管理办法(试行)》的通知\n\n衢发改发〔2018〕23号\n\n各县(市、区)发改局:\n\n"
TAIL = "\n\n衢州市发展和改革委员会\n2018年4月27日\n"


def _dates(body: str) -> list[tuple]:
    raw = HEAD + body + TAIL
    document = segment_issue(raw).documents[0]
    out = []
    for d in extract_policy_dates(raw, document):
        assert raw[d.span.start : d.span.end] == d.span.text
        out.append((d.kind, d.date.iso if d.date else None, d.relative_to, d.years))
    return out


def test_effective_on_a_date_with_spaces_and_on_publication_with_expiry() -> None:
    assert _dates("本办法自 2018 年 7 月 1 日起施行。") == [("effective", "2018-07-01", None, None)]
    assert _dates("本办法自发布之日起实施,有效期至 2018 年 12 月 21 日。") == [
        ("effective", None, "publication", None),
        ("expires", "2018-12-21", None, None),
    ]


def test_retroactive_application_and_years_of_validity() -> None:
    assert _dates("市政府决定从2018年7月1日起,全市实行城乡一体化最低生活保障标准。本意见有效期为3年。") == [
        ("applies_from", "2018-07-01", None, None),
        ("expires", None, None, 3),
    ]


def test_validity_of_something_else_is_not_the_policy_expiry() -> None:
    assert _dates("一般失信信息有效期为1年,严重失信信息有效期为3年。") == []


def test_prefix_registry() -> None:
    assert lookup("衢政发").issuer == "衢州市人民政府"
    assert lookup("衢市科发高").issuer == "衢州市科学技术局"
    assert (lookup("国发").issuer, lookup("国发").level) == ("国务院", "national")
    assert lookup("某某发") is None
