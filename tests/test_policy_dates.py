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


def test_executed_from_a_date_is_the_effective_date_but_executing_a_standard_is_not() -> None:
    assert _dates("五、本指导意见自2018年4月16日起执行。") == [("effective", "2018-04-16", None, None)]
    assert _dates("自2018年4月16日起执行新的收费标准。") == [("applies_from", "2018-04-16", None, None)]


def test_full_width_digits_in_the_date() -> None:
    assert _dates("本办法自２０１９年１月１日起施行。") == [("effective", "2019-01-01", None, None)]


def test_delay_after_publication_counts_from_the_signature_date() -> None:
    assert _dates("本办法自印发之日起30日后施行。") == [("effective", "2018-05-27", None, None)]
    assert _dates("本办法自印发之日起三十日后施行。") == [("effective", "2018-05-27", None, None)]


def test_delay_without_a_document_date_is_not_guessed() -> None:
    raw = HEAD + "本办法自印发之日起30日后施行。\n\n衢州市发展和改革委员会\n"
    document = segment_issue(raw).documents[0]
    assert document.date is None
    assert extract_policy_dates(raw, document) == []


def test_publication_and_a_later_application_date_in_one_clause() -> None:
    assert _dates("本办法自发布之日起施行，2019年1月1日起执行。") == [
        ("effective", None, "publication", None),
        ("applies_from", "2019-01-01", None, None),
    ]
    assert _dates("本办法2019年1月1日起施行。") == [("effective", "2019-01-01", None, None)]
    assert _dates("全市2019年1月1日起执行。") == []


def test_trial_period_with_an_end_date() -> None:
    assert _dates("本办法自2019年1月1日起至2021年12月31日止试行。") == [
        ("effective", "2019-01-01", None, None),
        ("expires", "2021-12-31", None, None),
    ]
    assert _dates("本办法有效期2年，自2019年1月1日至2020年12月31日。") == [
        ("expires", None, None, 2),
        ("effective", "2019-01-01", None, None),
        ("expires", "2020-12-31", None, None),
    ]


def test_a_campaign_period_is_not_the_policy_validity() -> None:
    assert _dates("自2019年1月1日至2019年12月31日，在全市开展专项整治行动。") == []
