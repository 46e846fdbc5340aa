"""Division of work among leaders (领导分工), on notices written from gazettes.md §4.5 (none in the corpus)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.leader_duties import extract_leader_duties, is_division_notice
from extractors.records import DocNumber, Document, Span
from extractors.segment import segment_issue


def _duties(raw: str):
    out = []
    for document in segment_issue(raw).documents:
        for d in extract_leader_duties(raw, document):
            for span in (d.person_span, d.positions_span, d.duties_span, d.evidence, *d.object_spans):
                assert span is None or raw[span.start : span.end] == span.text
            out.append(d)
    return out


GOVERNMENT = """衢州市人民政府关于市政府领导工作分工的通知

衢政发〔2020〕3号

各县(市、区)人民政府,市政府各部门、直属各单位:

根据工作需要,现将市政府领导工作分工通知如下:

汤飞帆 市长

主持市政府全面工作。负责审计方面工作;分管市审计局。

毛建民 常务副市长

负责发展改革、财政、统计方面工作;协助市长处理市政府常务工作。

分管市发改委、财政局、统计局、市政府办公室;协助分管市审计局;联系市人大常委会办公室、市政协办公室、人行衢州市中心支行。

王良春 副市长

负责工业、科技方面工作,分管市经信委、科技局(市科协),联系市总工会、团市委。

衢州市人民政府

2020年2月2日
"""


def test_government_leaders_with_supervision_assistance_and_liaison() -> None:
    rows = [(d.person, d.positions, d.duties, d.supervises, d.assists, d.liaises) for d in _duties(GOVERNMENT)]
    assert rows == [
        ("汤飞帆", "市长", "主持市政府全面工作;负责审计方面工作", ("市审计局",), (), ()),
        (
            "毛建民",
            "常务副市长",
            "负责发展改革、财政、统计方面工作;协助市长处理市政府常务工作",
            ("市发改委", "财政局", "统计局", "市政府办公室"),  # as written (SCHEMA); ``expanded`` has the 市
            ("市审计局",),
            ("市人大常委会办公室", "市政协办公室", "人行衢州市中心支行"),
        ),
        (
            "王良春",
            "副市长",
            "负责工业、科技方面工作",
            ("市经信委", "科技局(市科协)"),
            (),
            ("市总工会", "团市委"),
        ),
    ]


def test_objects_keep_their_printed_spans() -> None:
    second = _duties(GOVERNMENT)[1]
    assert [s.text for s in second.object_spans][:3] == ["市发改委", "财政局", "统计局"]


OFFICE = """衢州市人民政府办公室关于秘书长、副秘书长工作分工的通知

衢政办发〔2020〕19号

市政府办公室各处室、直属各单位:

经研究,现将秘书长、副秘书长工作分工通知如下:

王良海 市政府秘书长、办公室党组书记
协助市长处理市政府日常工作;负责市政府办公室全面工作。分管秘书一处、秘书二处。

方 法 市政府副秘书长、办公室党组成员
负责政务督查工作;办理市政府领导交办的工作。分管督查室。

衢州市人民政府办公室
2020年3月5日
"""


def test_office_notice_with_padded_name() -> None:
    rows = [(d.person, d.positions, d.duties, d.supervises) for d in _duties(OFFICE)]
    assert rows == [
        (
            "王良海",
            "市政府秘书长、办公室党组书记",
            "协助市长处理市政府日常工作;负责市政府办公室全面工作",
            ("秘书一处", "秘书二处"),
        ),
        ("方法", "市政府副秘书长、办公室党组成员", "负责政务督查工作;办理市政府领导交办的工作", ("督查室",)),
    ]
    assert _duties(OFFICE)[1].person_span.text == "方 法"


# 001:497–520: a task-division notice has 分工 in its title but no leader blocks.
TASKS = """衢州市人民政府办公室关于印发 2018 年政府工作报告重点任务分工的通知

衢政办发〔2018〕18 号

各县(市、区)人民政府,市政府各部门、直属各单位:

经市政府同意,现将《2018 年政府工作报告重点任务分工》印发给你们,请认真贯彻执行。

衢州市人民政府办公室
2018 年 4 月 7 日

1. 深入推进“最多跑一次”改革,全面推行“一窗受理、集成服务”改革。
牵头领导:汤飞帆
牵头部门:市行政服务中心
"""


def test_task_division_notice_gives_nothing() -> None:
    (document,) = segment_issue(TASKS).documents
    assert not is_division_notice(document)
    assert _duties(TASKS) == []


def test_leader_lines_outside_a_division_notice_give_nothing() -> None:
    raw = GOVERNMENT.replace("关于市政府领导工作分工的通知", "关于加强安全生产工作的通知")
    assert _duties(raw) == []


def _document(raw: str) -> Document:
    empty = Span(0, 0, "")
    return Document(
        number=DocNumber("衢政发〔2020〕3号", "衢政发〔2020〕3号", "衢政发", 2020, 3),
        number_span=empty,
        title="关于市政府领导工作分工的通知",
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
        span=Span(0, len(raw), raw),
    )


_NOISE = st.text(alphabet=st.sampled_from(list("分管协助联系负责市局、;。,: \n\t|张三长副")), max_size=80)


@settings(max_examples=150, deadline=None)
@given(before=_NOISE, after=_NOISE, pick=st.booleans(), cut=st.integers(0, 300))
def test_random_text_around_leader_blocks(before: str, after: str, pick: bool, cut: int) -> None:
    raw = before + (GOVERNMENT if pick else OFFICE)[cut:] + after
    for d in extract_leader_duties(raw, _document(raw)):
        for span in (d.person_span, d.positions_span, d.duties_span, d.evidence, *d.object_spans):
            if span is not None:
                assert 0 <= span.start <= span.end <= len(raw)
                assert raw[span.start : span.end] == span.text
        assert d.person and d.positions


def test_numbered_heads_and_duties_on_the_head_line() -> None:
    raw = OFFICE.replace("王良海 市政府秘书长、办公室党组书记\n", "一、王良海 市政府秘书长、办公室党组书记:").replace(
        "方 法 市政府副秘书长", "二、方 法 市政府副秘书长"
    )
    rows = [(d.person, d.supervises) for d in _duties(raw)]
    assert rows == [("王良海", ("秘书一处", "秘书二处")), ("方法", ("督查室",))]


def test_distributive_city_goes_to_expanded_only() -> None:
    second = _duties(GOVERNMENT)[1]
    assert second.expanded[:4] == (None, "市财政局", "市统计局", None)
    assert len(second.expanded) == len(second.object_spans)
    third = _duties(GOVERNMENT)[2]
    assert third.expanded[:2] == (None, "市科技局(市科协)")


def _notice(body: str) -> str:
    return GOVERNMENT.split("汤飞帆 市长")[0] + body + "\n\n衢州市人民政府\n\n2020年2月2日\n"


def test_place_named_and_non_organ_units_take_no_city() -> None:
    (d,) = _duties(_notice("李四 副市长\n负责教育、科技工作。联系市科协、衢州学院、工商银行衢州分行、团市委。"))
    assert d.liaises == ("市科协", "衢州学院", "工商银行衢州分行", "团市委")
    assert d.expanded == (None, None, None, None)


@pytest.mark.parametrize(
    ("tail", "objects"),
    [
        ("分管市教育局、科技局、市科协等部门工作。", ("市教育局", "科技局", "市科协")),
        ("分管市教育局、市科协等单位。", ("市教育局", "市科协")),
        ("分管市审计局方面工作。", ("市审计局",)),
    ],
)
def test_object_tails_are_dropped(tail: str, objects: tuple[str, ...]) -> None:
    (d,) = _duties(_notice("李四 副市长\n负责教育工作。" + tail))
    assert d.supervises == objects


def test_list_goes_on_after_a_comma_when_agencies_follow() -> None:
    (d,) = _duties(_notice("李四 副市长\n负责教育工作。分管市教育局，市科技局、市体育局。"))
    assert d.supervises == ("市教育局", "市科技局", "市体育局")
    assert d.duties == "负责教育工作"


def test_duty_clause_after_a_comma_stays_a_duty() -> None:
    (d,) = _duties(_notice("李四 副市长\n分管市教育局，负责教育改革工作。"))
    assert d.supervises == ("市教育局",)
    assert d.duties == "负责教育改革工作"


@pytest.mark.parametrize(
    "head",
    [
        "市长 汤飞帆\n主持市政府全面工作。分管市审计局。",
        "市长汤飞帆：主持市政府全面工作。分管市审计局。",
        "汤飞帆（市长）：主持市政府全面工作。分管市审计局。",
        "汤飞帆(市长)\n主持市政府全面工作。分管市审计局。",
        "一、市长　汤飞帆\n主持市政府全面工作。分管市审计局。",
    ],
)
def test_head_line_variants(head: str) -> None:
    rows = [(d.person, d.positions, d.supervises, d.duties) for d in _duties(_notice(head))]
    assert rows == [("汤飞帆", "市长", ("市审计局",), "主持市政府全面工作")]


@pytest.mark.parametrize(
    "line",
    [
        "协助市长 处理市政府日常工作。分管市审计局。",  # a duty clause wrapped at a space is no head
        "市长汤飞帆主持市政府全面工作。分管市审计局。",  # glued without a colon: too ambiguous
        "衢州市 人民政府办公室主任",  # a unit, not a name
    ],
)
def test_lines_that_are_not_heads(line: str) -> None:
    assert _duties(_notice(line)) == []


@pytest.mark.parametrize(
    "head",
    [
        "汤飞帆：市长。主持市政府全面工作。分管市审计局。",  # name, colon, posts closed by 。, duties on the line
        "汤飞帆：市长。\n主持市政府全面工作。分管市审计局。",
    ],
)
def test_name_colon_posts_head(head: str) -> None:
    rows = [(d.person, d.positions, d.supervises, d.duties) for d in _duties(_notice(head))]
    assert rows == [("汤飞帆", "市长", ("市审计局",), "主持市政府全面工作")]


def test_office_leader_with_colon_and_two_posts() -> None:
    body = "方法：市政府副秘书长、办公室党组成员。负责政务督查工作；办理市政府领导交办的工作。分管督查室。"
    ((person, positions, supervises, duties),) = [
        (d.person, d.positions, d.supervises, d.duties) for d in _duties(_notice(body))
    ]
    assert (person, positions, supervises) == ("方法", "市政府副秘书长、办公室党组成员", ("督查室",))
    assert duties == "负责政务督查工作;办理市政府领导交办的工作"


def test_padded_name_with_wide_spaces() -> None:
    (d,) = _duties(_notice("方  法  市政府副秘书长\n负责政务督查工作。分管督查室。"))
    assert (d.person, d.positions, d.supervises) == ("方法", "市政府副秘书长", ("督查室",))


@pytest.mark.parametrize(
    "line",
    [
        "分管：市审计局主任。负责审计工作。",  # a verb before the colon is no name
        "联系：市政府办公室副主任。",
        "工作要求：各分管领导要加强协调。",  # the part after the colon ends in no post
    ],
)
def test_colon_lines_that_are_not_heads(line: str) -> None:
    assert _duties(_notice(line)) == []
