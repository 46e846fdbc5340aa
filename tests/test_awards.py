"""Commendations on real excerpts (001:250–372, 001:467–495) and on the forms of other years."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.awards import extract_awards, is_commendation
from extractors.records import DocNumber, Document, Span
from extractors.segment import segment_issue


def _awards(raw: str):
    out, findings = [], []
    for document in segment_issue(raw).documents:
        awards, found = extract_awards(raw, document)
        for a in awards:
            for span in (a.recipient_span, a.affiliation_span, a.honor_span, a.evidence):
                assert span is None or raw[span.start : span.end] == span.text
        out += awards
        findings += found
    return out, findings


def _rows(raw: str) -> list[tuple]:
    return [(a.recipient, a.recipient_type, a.affiliation, a.honor) for a in _awards(raw)[0]]


# 001:250–372, shortened: ranked lists with a page break, sub-headings that are honours, company + person rows,
# revenue-threshold sub-headings that are not honours.
SPECIAL_PRIZE = """衢州市人民政府关于2017年度 衢州市市长特别奖获奖企业的通报

衢政发〔2018〕13号

各县(市、区)人民政府,市政府各部门、直属各单位:

2017年,我市广大企业紧紧围绕加快新旧动能转换促进经济转型升级的战略目标,抢抓发展机遇,强化创新驱动,为推动全市经济社会持续健康发展作出了突出贡献。根据《衢州市市长特别奖评选办法》(衢政办发〔2015〕79号)精神,经研究,决定对2017年度衢州市市长特别奖获奖企业予以通报:

一、社会贡献奖

- 第一名:巨化集团公司
- 第二名:衢州元立金属制品有限公司

- 第三名:国网浙江省电力公司衢州供电公司

二、亩产效益奖

- 第一名:浙江衢州巨新氟化工有限公司
- 第二名:索尔维蓝天(衢州)化学品有限公司

第三名:浙江置电非晶电气股份有限公司

三、新兴产业成长奖(排名不分先后)

(一)现代农业成长奖:

浙江不老神食品有限公司

浙江明辉蔬果配送股份有限公司

(二)休闲旅游成长奖:

浙江衢州东方集团股份有限公司(衢州东方大酒店有限公司)

四、企业招商引资信息奖(排名不分先后)

浙江隆基乐叶光伏科技有限公司 叶志卿

仙鹤股份有限公司 王敏良

五、工业企业上台阶奖

(一)主营业务收入首次达到150亿元,上缴地方财政收入达到2.5亿元企业。

衢州元立金属制品有限公司

(二)主营业务收入首次达到10亿元,上缴地方财政收入达到2000万元企业。

浙江中天氟硅材料有限公司

浙江五星纸业有限公司

希望获奖企业发扬成绩,再接再厉,发挥好模范表率作用。

衢州市人民政府

2018年4月11日
"""


def test_enterprise_awards_take_the_most_specific_honour() -> None:
    c = "collective"
    assert _rows(SPECIAL_PRIZE) == [
        ("巨化集团公司", c, None, "社会贡献奖"),
        ("衢州元立金属制品有限公司", c, None, "社会贡献奖"),
        ("国网浙江省电力公司衢州供电公司", c, None, "社会贡献奖"),
        ("浙江衢州巨新氟化工有限公司", c, None, "亩产效益奖"),
        ("索尔维蓝天(衢州)化学品有限公司", c, None, "亩产效益奖"),
        ("浙江置电非晶电气股份有限公司", c, None, "亩产效益奖"),
        ("浙江不老神食品有限公司", c, None, "现代农业成长奖"),
        ("浙江明辉蔬果配送股份有限公司", c, None, "现代农业成长奖"),
        ("浙江衢州东方集团股份有限公司(衢州东方大酒店有限公司)", c, None, "休闲旅游成长奖"),
        ("浙江隆基乐叶光伏科技有限公司", c, None, "企业招商引资信息奖"),
        ("仙鹤股份有限公司", c, None, "企业招商引资信息奖"),
        ("衢州元立金属制品有限公司", c, None, "工业企业上台阶奖"),
        ("浙江中天氟硅材料有限公司", c, None, "工业企业上台阶奖"),
        ("浙江五星纸业有限公司", c, None, "工业企业上台阶奖"),
    ]


def test_ranks_and_contacts_are_kept_beside_the_recipient() -> None:
    awards, findings = _awards(SPECIAL_PRIZE)
    assert [a.rank for a in awards[:3]] == ["第一名", "第二名", "第三名"]
    assert {a.recipient: a.contact for a in awards if a.contact} == {
        "浙江隆基乐叶光伏科技有限公司": "叶志卿",
        "仙鹤股份有限公司": "王敏良",
    }
    assert findings == []


# 001:467–490, shortened: declared counts, parentheses in headings, 、/; lists, a name cut from its unit by a page.
TOWNS = """衢州市人民政府办公室

关于2017年度全市小城镇环境 综合整治工作先进集体和先进个人的通报

衢政办发〔2018〕17号

各县(市、区)人民政府,市政府各部门、直属各单位:

为表彰先进、鼓舞干劲,市政府决定对2017年度全市小城镇环境综合整治工作先进集体和先进个人予以通报,具体名单如下:

一、先进集体(5家)

(一)市本级(2家):市规划局、市公安局交警支队衢江大队。

(二)县(市、区)(3家):柯城区石梁镇人民政府、柯城区九华乡人民政府;市规划局衢江分局。

二、先进个人(4名)

(一)市本级(3名):范渊(市规划局)、包丽雯(市住建局)、周俊

(市委宣传部)。

(二)县(市、区)(1名):戴利强(浙江省通信产业服务有限公司衢州市分公司江山事业部)。

希望先进集体和先进个人再接再厉,再创佳绩。

衢州市人民政府办公室

2018年3月22日
"""


def test_collectives_and_persons_under_counted_headings() -> None:
    assert _rows(TOWNS) == [
        ("市规划局", "collective", None, "先进集体"),
        ("市公安局交警支队衢江大队", "collective", None, "先进集体"),
        ("柯城区石梁镇人民政府", "collective", None, "先进集体"),
        ("柯城区九华乡人民政府", "collective", None, "先进集体"),
        ("市规划局衢江分局", "collective", None, "先进集体"),
        ("范渊", "person", "市规划局", "先进个人"),
        ("包丽雯", "person", "市住建局", "先进个人"),
        ("周俊", "person", "市委宣传部", "先进个人"),
        ("戴利强", "person", "浙江省通信产业服务有限公司衢州市分公司江山事业部", "先进个人"),
    ]
    assert _awards(TOWNS)[1] == []  # every declared count agrees


def test_a_declared_count_that_disagrees_is_reported() -> None:
    raw = TOWNS.replace("二、先进个人(4名)", "二、先进个人(5名)")
    findings = _awards(raw)[1]
    assert [f.code for f in findings] == ["award-count-mismatch"]
    assert findings[0].span is not None and "先进个人(5名)" in findings[0].span.text


MERIT = """衢州市人民政府关于对2019年度全市重点工作先进集体和个人给予记功嘉奖的决定

衢政发〔2020〕5号

各县(市、区)人民政府,市政府各部门、直属各单位:

经研究,市政府决定对以下集体和个人予以记功嘉奖:

一、“最多跑一次”改革工作

(一)集体三等功(2个)

市行政服务中心、市公安局

(二)个人三等功(2名)

秦财华(市委统战部)、张 强(市公安局)

(三)集体嘉奖(1个):市数据管理局。

二、治水工作

(一)个人嘉奖(1名)

1.钱七(市水利局)

希望受到记功嘉奖的集体和个人珍惜荣誉,再创佳绩。

衢州市人民政府

2020年3月2日
"""


def test_merit_decision_grouped_by_grade_under_project_headings() -> None:
    assert _rows(MERIT) == [
        ("市行政服务中心", "collective", None, "集体三等功"),
        ("市公安局", "collective", None, "集体三等功"),
        ("秦财华", "person", "市委统战部", "个人三等功"),
        ("张强", "person", "市公安局", "个人三等功"),
        ("市数据管理局", "collective", None, "集体嘉奖"),
        ("钱七", "person", "市水利局", "个人嘉奖"),
    ]


ROSTER = """衢州市人民政府办公室关于表彰2019年度全市信访工作先进集体和先进个人的通报

衢政办发〔2020〕12号

各县(市、区)人民政府,市政府各部门、直属各单位:

现将名单通报如下:

一、先进集体(1个)

柯城区:石梁镇人民政府

二、先进个人(3名)

张三 市公安局 科员
李 四 市财政局
王五 柯城区人民政府 副主任

三、优秀公务员(2名)

| 序号 | 姓名 | 工作单位 |
|---|---|---|
| 1 | 赵六 | 市公安局 |
| 2 | 钱七 | 市财政局 |

衢州市人民政府办公室

2020年4月2日
"""


def test_space_separated_roster_grouped_list_and_table() -> None:
    assert _rows(ROSTER) == [
        ("石梁镇人民政府", "collective", None, "先进集体"),
        ("张三", "person", "市公安局", "先进个人"),
        ("李四", "person", "市财政局", "先进个人"),
        ("王五", "person", "柯城区人民政府", "先进个人"),
        ("赵六", "person", "市公安局", "优秀公务员"),
        ("钱七", "person", "市财政局", "优秀公务员"),
    ]
    assert [a.layout for a in _awards(ROSTER)[0]][-2:] == ["table", "table"]


SINGLE = """衢州市人民政府关于给予张三同志记功的决定

衢政发〔2020〕9号

市公安局:

张三同志在抗洪抢险中表现突出。经研究,决定给予张三同志记个人三等功一次,授予市公安局交警支队“全市人民满意集体”荣誉称号。

衢州市人民政府

2020年7月2日
"""


def test_single_sentence_decision() -> None:
    assert _rows(SINGLE) == [
        ("张三", "person", None, "个人三等功"),
        ("市公安局交警支队", "collective", None, "全市人民满意集体"),
    ]


# 002:383–396: a 通报 of assessment grades is not a commendation list.
ASSESSMENT = """衢州市人民政府办公室关于2017年度 县(市、区)政府质量工作考核结果的通报

衢政办发〔2018〕35号

各县(市、区)人民政府,市政府各部门、直属各单位:

经市政府同意,现将考核结果通报如下:

根据日常考核、集中考核、资料评审综合得分,衢江区、龙游县、柯城区、江山市考核总分均为90分以上,考核结果为A级;开化县和常山县考核总分达到80分以上、90分以下,考核结果为B级。

希望各县(市、区)和市级各有关部门要紧紧围绕高质量发展的要求。

衢州市人民政府办公室
2018年5月8日
"""


def test_assessment_results_give_no_awards() -> None:
    assert _rows(ASSESSMENT) == []


def test_criticism_is_not_a_commendation() -> None:
    (document,) = segment_issue(SPECIAL_PRIZE.replace("获奖企业的通报", "企业的通报批评")).documents
    assert not is_commendation(document)


def _document(raw: str, title: str) -> Document:
    whole = Span(0, len(raw), raw)
    empty = Span(0, 0, "")
    return Document(
        number=DocNumber("衢政发〔2020〕1号", "衢政发〔2020〕1号", "衢政发", 2020, 1),
        number_span=empty,
        title=title,
        title_span=empty,
        issuers=(),
        issuer_spans=(),
        issuers_from="none",
        date=None,
        date_span=None,
        section=None,
        section_from="prefix",
        addressees=None,
        addressee_span=None,
        public_note=None,
        signer=None,
        doc_type=None,
        attachments=(),
        span=whole,
    )


_EXCERPTS = [TOWNS.split("\n\n", 4)[4], SPECIAL_PRIZE.split("\n\n", 4)[4], MERIT, ROSTER]
_NOISE = st.text(
    alphabet=st.sampled_from(list("一、(二)名家人:;,。 \n\t|-第奖集体个先进ABC张三市局0123456789")), max_size=80
)


@settings(max_examples=150, deadline=None)
@given(before=_NOISE, after=_NOISE, pick=st.integers(0, len(_EXCERPTS) - 1), cut=st.integers(0, 400))
def test_random_text_around_real_excerpts(before: str, after: str, pick: int, cut: int) -> None:
    excerpt = _EXCERPTS[pick]
    raw = before + excerpt[cut:] + after
    awards, findings = extract_awards(raw, _document(raw, "关于表彰先进集体和先进个人的通报"))
    for a in awards:
        for span in (a.recipient_span, a.affiliation_span, a.honor_span, a.evidence):
            if span is not None:
                assert 0 <= span.start <= span.end <= len(raw)
                assert raw[span.start : span.end] == span.text
        assert a.recipient and a.recipient_type in ("person", "collective")
    for f in findings:
        assert f.span is None or raw[f.span.start : f.span.end] == f.span.text


POLICY = """衢州市人民政府关于印发衢州市专利奖励办法的通知

衢政发〔2020〕21号

各县(市、区)人民政府,市政府各部门、直属各单位:

现将《衢州市专利奖励办法》印发给你们,请认真贯彻执行。

一、发明专利奖:每件奖励1万元。

二、优秀专利奖(10项):每项奖励5000元。

衢州市人民政府

2020年6月2日
"""


def test_a_policy_on_rewards_is_not_a_commendation() -> None:
    (document,) = segment_issue(POLICY).documents
    assert not is_commendation(document)
    raw = POLICY.replace("关于印发衢州市专利奖励办法的通知", "关于2019年度专利奖励的通报")
    assert _rows(raw) == []  # money clauses under 奖 headings are not recipients


ATTACHED = """衢州市人民政府关于表彰2019年度全市招商引资工作先进单位的决定

衢政发〔2020〕8号

各县(市、区)人民政府,市政府各部门、直属各单位:

经研究,决定对柯城区人民政府等2个单位予以表彰。

附件:2019年度全市招商引资工作先进单位名单

衢州市人民政府

2020年3月2日

附件

2019年度全市招商引资工作先进单位名单(2个)

柯城区人民政府

市商务局
"""


def test_list_in_an_attachment_after_the_signature() -> None:
    assert _rows(ATTACHED) == [
        ("柯城区人民政府", "collective", None, "2019年度全市招商引资工作先进单位"),
        ("市商务局", "collective", None, "2019年度全市招商引资工作先进单位"),
    ]


def test_units_named_for_lagging_behind_are_not_honoured() -> None:
    raw = """衢州市人民政府办公室关于2019年度重点工作督查情况的通报

衢政办发〔2020〕15号

各县(市、区)人民政府,市政府各部门、直属各单位:

现将督查情况通报如下:

(一)工作成效明显的单位(2个):市发改委、市经信委。

(二)工作推进滞后的单位(1个):市某某局。

衢州市人民政府办公室

2020年4月2日
"""
    assert _rows(raw) == [
        ("市发改委", "collective", None, "工作成效明显的单位"),
        ("市经信委", "collective", None, "工作成效明显的单位"),
    ]


def _decision(title: str, body: str) -> str:
    return (
        f"衢州市人民政府关于{title}的决定\n\n衢政发〔2022〕15号\n\n各县（市、区）人民政府：\n\n"
        f"{body}\n\n衢州市人民政府\n2022年5月4日\n"
    )


def test_merit_decision_for_one_person_or_one_unit() -> None:
    assert _rows(_decision("给予张三同志记个人三等功", "市政府决定，给予张三同志记个人三等功一次。")) == [
        ("张三", "person", None, "个人三等功")
    ]
    assert _rows(
        _decision("给予市公安局张三同志记功", "市政府决定,给予市公安局治安\n\n支队张三同志记个人二等功一次。")
    ) == [("张三", "person", "市公安局治安支队", "个人二等功")]
    assert _rows(_decision("给予市公安局治安支队记集体三等功", "决定给予市公安局治安支队记集体三等功一次。")) == [
        ("市公安局治安支队", "collective", None, "集体三等功")
    ]


def test_merit_sentence_that_names_no_fitting_recipient_gives_nothing() -> None:
    for body in (
        "给予市公安局治安支队记个人二等功一次。",  # a personal grade for a unit
        "给予张三同志记集体三等功一次。",  # a collective grade for a person
        "对在抗洪抢险中表现突出的单位和个人给予通报表扬。",  # no one named
        "给予工作成绩突出的市公安局治安支队记集体三等功一次。",
    ):
        assert _rows(_decision("给予有功人员记功", body)) == [], body


def test_quoted_title_in_a_heading_is_the_honour() -> None:
    raw = _decision(
        "表彰先进集体和先进工作者",
        "一、授予衢州市公安局等2个单位“衢州市先进集体”称号\n衢州市公安局、衢州市财政局\n"
        "二、授予张三等2名同志“衢州市先进工作者”荣誉称号：\n张三（市公安局）、李四（市财政局）",
    )
    assert _rows(raw) == [
        ("衢州市公安局", "collective", None, "衢州市先进集体"),
        ("衢州市财政局", "collective", None, "衢州市先进集体"),
        ("张三", "person", "市公安局", "衢州市先进工作者"),
        ("李四", "person", "市财政局", "衢州市先进工作者"),
    ]
    awards, _ = _awards(raw)
    assert {a.honor_span.text for a in awards} == {"衢州市先进集体", "衢州市先进工作者"}


@settings(max_examples=60, deadline=None)
@given(
    unit=st.builds(
        lambda a, b: a + b,
        st.text(alphabet="市公安财政商务治安交警", min_size=1, max_size=6),
        st.sampled_from(["局", "支队", "大队", "中心"]),
    ),
    name=st.builds(
        lambda a, b: a + b, st.sampled_from(list("王李张刘陈")), st.text(alphabet="明华建国平", min_size=1, max_size=2)
    ),
)
def test_unit_before_a_named_person_is_the_affiliation(unit: str, name: str) -> None:
    raw = _decision("给予有功人员记功", f"决定给予{unit}{name}同志记个人二等功一次。")
    assert _rows(raw) == [(name, "person", unit, "个人二等功")]


MERIT_DECISION = """衢州市人民政府关于给予统战工作成绩突出集体和个人记功奖励的决定

衢政发〔2022〕14号

各县(市、区)人民政府,市政府各部门、直属各单位:

经研究,决定给予市委统战部等2个集体记集体三等功,给予秦财华等2名同志记个人三等功。

衢州市人民政府
2022年4月2日

附件

统战工作成绩突出集体和个人名单

{lists}
"""


def _merit(lists: str) -> list[tuple]:
    return _rows(MERIT_DECISION.format(lists=lists))


_MERIT_ROWS = [
    ("市委统战部", "collective", None, "集体三等功"),
    ("市民宗局", "collective", None, "集体三等功"),
    ("秦财华", "person", "市委统战部", "个人三等功"),
    ("吴敏", "person", "市侨联", "个人三等功"),
]


def test_grade_headings_printed_alone_without_counts() -> None:
    lists = "集体三等功\n\n市委统战部\n市民宗局\n\n个人三等功\n\n秦财华(市委统战部)\n吴敏(市侨联)\n"
    assert _merit(lists) == _MERIT_ROWS


def test_space_separated_units_and_persons_with_units() -> None:
    lists = "一、集体三等功(2个)\n\n市委统战部 市民宗局\n\n二、个人三等功(2人)\n\n秦财华(市委统战部) 吴敏(市侨联)\n"
    assert _merit(lists) == _MERIT_ROWS


def test_name_and_short_unit_row() -> None:
    """``吴敏 市侨联``: a unit starting with 市 is never a personal name."""
    lists = "一、集体三等功(2个)\n\n市委统战部、市民宗局\n\n二、个人三等功(2人)\n\n秦财华 市委统战部\n吴敏 市侨联\n"
    assert _merit(lists) == _MERIT_ROWS


@pytest.mark.parametrize(
    "lists",
    [
        "工作要求\n\n市委统战部 市民宗局\n",  # a line that is not a grade is no heading
        "三等功奖励办法\n\n市委统战部\n",
    ],
)
def test_lines_that_are_not_grade_headings(lists: str) -> None:
    assert _merit(lists) == []


def test_units_under_a_personal_grade_are_not_split_as_a_row_of_units() -> None:
    recipients = [r[0] for r in _merit("一、个人三等功(2人)\n\n市委统战部 市民宗局\n")]
    assert "市委统战部" not in recipients and "市民宗局" not in recipients
