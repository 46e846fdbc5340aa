"""Citations on real, messy lines of the 2018 issues (gazettes.md §4.6, §4.7)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.citations import extract_citations
from extractors.segment import segment_issue

HEAD = "衢州市人民政府办公室关于印发衢州市治水长效战行动方案的通知\n\n衢政办发〔2018〕43号\n\n各县(市、区)人民政府:\n\n"
TAIL = "\n\n衢州市人民政府办公室\n2018年6月28日\n"


def _cite(body: str, head: str = HEAD) -> list[tuple]:
    raw = head + body + TAIL
    document = segment_issue(raw).documents[0]
    out = []
    for c in extract_citations(raw, document):
        if c.title_span:
            assert raw[c.title_span.start : c.title_span.end] == c.title_span.text
        if c.number_span:
            assert raw[c.number_span.start : c.number_span.end] == c.number_span.text
        out.append((c.title, c.number, c.relation))
    return out


def test_title_and_number_with_brackets_and_spaces() -> None:
    body = (
        "根据《国务院关于开展第四次全国经济普查的通知》(国发〔2017〕53号)和"
        "《衢州市人民政府关于推进创新驱动加强绿色发展的若干政策意见(试行)》(衢政发[2017]46 号)精神,制定本方案。"
    )
    assert _cite(body) == [
        ("国务院关于开展第四次全国经济普查的通知", "国发〔2017〕53号", "based_on"),
        ("衢州市人民政府关于推进创新驱动加强绿色发展的若干政策意见(试行)", "衢政发〔2017〕46号", "based_on"),
    ]


def test_laws_by_name_several_in_a_row_and_issuer_outside() -> None:
    body = (
        "依照《中华人民共和国统计法》《中华人民共和国统计法实施条例》等规定。"
        "国务院《质量发展纲要(2011-2020)》(国发〔2012〕9号)提出。"
    )
    assert [(t, n) for t, n, _ in _cite(body)] == [
        ("中华人民共和国统计法", None),
        ("中华人民共和国统计法实施条例", None),
        ("质量发展纲要(2011-2020)", "国发〔2012〕9号"),
    ]


def test_title_broken_across_lines_and_number_split_by_a_page_break() -> None:
    body = "按照《衢州市电力用户信用管理办法 (试行)》执行;具体见龙头企业培育政策(衢经信\n\n综合[2018]50号)。"
    assert _cite(body) == [
        ("衢州市电力用户信用管理办法(试行)", None, "based_on"),
        (None, "衢经信综合〔2018〕50号", "cites"),
    ]


def test_bare_numbers_glued_to_verbs() -> None:
    body = "按照国发〔2016〕59号、浙政办发〔2017〕10号、衢政发〔2017〕35号文件要求,(详见衢政办发〔2017〕19号文件)。"
    assert [n for _, n, _ in _cite(body)] == [
        "国发〔2016〕59号",
        "浙政办发〔2017〕10号",
        "衢政发〔2017〕35号",
        "衢政办发〔2017〕19号",
    ]


def test_repeal_and_amendment_relations() -> None:
    body = (
        "原《关于印发衢州市公积金个人住房贷款楼盘管理暂行办法的通知》(衢公积金〔2015〕18号)同时废止。"
        "将《衢州市人民政府关于推进创新驱动加快绿色发展的若干政策意见(试行)》(衢政发〔2017〕46号)中“市长质量奖”修改为“市长特别奖”。"
    )
    assert [(n, r) for _, n, r in _cite(body)] == [
        ("衢公积金〔2015〕18号", "repeals"),
        ("衢政发〔2017〕46号", "amends"),
    ]


def test_not_citations() -> None:
    body = (
        "现将《衢州市治水长效战行动方案》印发给你们。填写《企业年度研发投入补助申请表》(附件1),刊登于《衢州日报》,"
        "持《浙江省居住证》办理。《中华人民共和国预算法》(以下简称《预算法》)规定,《预算法》第一条。本通知(衢政办发〔2018〕43号)自发布之日起施行。"
    )
    assert _cite(body) == [("中华人民共和国预算法", None, "cites")]


def test_same_document_twice_is_one_record_and_keeps_its_number() -> None:
    body = (
        "见《质量发展纲要(2011—2020年)》。依据《质量发展纲要(2011—2020年)》(国发〔2012〕9号)。又见(国发〔2012〕9号)。"
    )
    assert _cite(body) == [("质量发展纲要(2011—2020年)", "国发〔2012〕9号", "based_on")]


def test_order_number_inside_alias_parentheses_and_standards() -> None:
    body = (
        "《保安服务管理条例》(以下简称《条例》，国务院令 第 564 号)及《城镇污水处理厂污染物排放标准》(GB18918—2002)。"
    )
    assert [(t, n) for t, n, _ in _cite(body)] == [
        ("保安服务管理条例", "国务院令第564号"),
        ("城镇污水处理厂污染物排放标准", "GB18918—2002"),
    ]


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="《》〈〉()（）[]〔〕衢政发号2018年关于通知印发附件\n。;、", max_size=80))
def test_never_crashes_and_spans_stay_inside(body: str) -> None:
    _cite(body)


def test_a_later_repeal_outranks_an_earlier_mention_of_the_same_document() -> None:
    body = (
        "特对《关于印发衢州市公积金个人住房贷款楼盘管理暂行办法的通知》(衢公积金〔2015〕18号)进行修改,制订本办法。"
        "原《关于印发衢州市公积金个人住房贷款楼盘管理暂行办法的通知》(衢公积金〔2015〕18号)同时废止。"
    )
    assert [(n, r) for _, n, r in _cite(body)] == [("衢公积金〔2015〕18号", "repeals")]


def test_issuer_names_glued_in_front_of_a_number_are_cut() -> None:
    body = (
        "根据市政府办公室衢政办发〔2017〕19号文件,按照市委市政府衢委发〔2018〕6号要求,"
        "落实省委办公厅省政府办公厅浙委办发〔2017〕10号文件和国务院国发〔2017〕53号精神。"
    )
    assert [n for _, n, _ in _cite(body)] == [
        "衢政办发〔2017〕19号",
        "衢委发〔2018〕6号",
        "浙委办发〔2017〕10号",
        "国发〔2017〕53号",
    ]


def test_prefixes_without_an_issuer_in_front_stay_whole() -> None:
    body = "按照国办发〔2017〕5号、浙委办发〔2017〕10号、衢市科〔2018〕28号文件执行。"
    assert [n for _, n, _ in _cite(body)] == ["国办发〔2017〕5号", "浙委办发〔2017〕10号", "衢市科〔2018〕28号"]


def test_round_year_brackets_inside_parentheses_and_a_sequence_with_di() -> None:
    body = "根据《浙江省人民政府关于某事的通知》(浙政发(2017)10号)和《某某规定》（浙政办发〔2017〕第11号）精神。"
    assert [(t, n) for t, n, _ in _cite(body)] == [
        ("浙江省人民政府关于某事的通知", "浙政发〔2017〕10号"),
        ("某某规定", "浙政办发〔2017〕11号"),
    ]


def test_number_printed_without_parentheses_after_or_before_the_title() -> None:
    assert [(t, n) for t, n, _ in _cite("根据《国务院关于开展第四次全国经济普查的通知》国发〔2017〕53号精神。")] == [
        ("国务院关于开展第四次全国经济普查的通知", "国发〔2017〕53号")
    ]
    assert [(t, n) for t, n, _ in _cite("根据国务院国发〔2017〕53号《关于开展第四次全国经济普查的通知》精神。")] == [
        ("关于开展第四次全国经济普查的通知", "国发〔2017〕53号")
    ]


def test_a_number_after_and_or_taken_by_the_previous_title_is_not_glued() -> None:
    assert [(t, n) for t, n, _ in _cite("根据《A办法》和国发〔2017〕53号文件精神。")] == [
        ("A办法", None),
        (None, "国发〔2017〕53号"),
    ]
    assert [(t, n) for t, n, _ in _cite("根据《A办法》国发〔2017〕53号《B办法》精神。")] == [
        ("A办法", "国发〔2017〕53号"),
        ("B办法", None),
    ]


def test_full_width_digits_give_an_ascii_number() -> None:
    body = "根据《浙江省人民政府关于某事的通知》（浙政发〔２０１７〕１０号）和浙政办发〔２０１８〕３号文件精神。"
    assert [(t, n) for t, n, _ in _cite(body)] == [
        ("浙江省人民政府关于某事的通知", "浙政发〔2017〕10号"),
        (None, "浙政办发〔2018〕3号"),
    ]


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(["市政府", "市政府办公室", "省委办公厅", "国务院", "中共衢州市委", "省人民政府"]), max_size=3
    ),
    st.sampled_from(["衢政办发", "国发", "浙委办发", "衢委发", "国办发", "衢市科", "浙政发"]),
    st.text(alphabet="0123456789０１２３４５６７８９", min_size=1, max_size=3),
)
def test_any_issuer_chain_before_a_prefix_leaves_the_prefix(issuers: list[str], prefix: str, seq: str) -> None:
    body = "根据" + "".join(issuers) + prefix + "〔2017〕" + seq + "号文件精神。"
    expected = prefix + "〔2017〕" + seq.translate(str.maketrans("０１２３４５６７８９", "0123456789")) + "号"
    assert [n for _, n, _ in _cite(body)] == [expected]
