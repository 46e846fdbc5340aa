"""Segmentation on real, messy excerpts of the 2018 issues (line references: gazettes.md)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.lines import split_lines
from extractors.segment import segment_issue
from extractors.toc import parse_toc, toc_bounds

ISSUE = """



QUZHOU

衢州政報

2018年6月
第5期
(总第106期)

目 录

- 市政府令
衢州市燃气管理办法(衢州市人民政府令第51号)..... 1
●市府办文件

关于2017年度全市小城镇环境综合整治工作先进集体和先进个人的
通报(衢政办发[2018]17号)..... 9
关于公布 2018 年市级重大安全隐患及整治计划的通知
 (衢政办发[2018]28 号) 71

ZHENGBAO

●机构与人事

关于朱云福等同志职务任免的通知(衢政干[2018]7号) 47

●部门规范性文件

关于印发《衢州市电力用户信用管理办法(试行)》的通知(衢发改发[2018]23 号) 139
关于在衢州市区四个学考、选考考点周边实行限制交通和禁燃烟花爆竹的
 通告(衢公通字[2018]15 号) 99

编辑委员会

名誉主任:汤飞帆
 主任:金 明

衢州市人民政府令

第51号

《衢州市燃气管理办法》已经2018年1月15日市七届政府第13次常务会议审议通过,现予公布,自2018年5月1日起施行。

代市长 汤飞帆

2018年2月21日

衢州市燃气管理办法

第一条 为了加强燃气管理,制定本办法。

衢州市人民政府办公室

关于2017年度全市小城镇环境 综合整治工作先进集体和先进个人的通报

衢政办发〔2018〕17号

各县(市、区)人民政府,市政府各部门、直属各单位:

一、先进集体(35家)

衢州市人民政府办公室

2018年3月22日

衢州市人民政府办公室关于公布 2018 年市级重大安全隐患及整治计划的通知

衢政办发〔2018〕28 号

各县(市、区)人民政府,市政府各部门、直属各单位:

现将2018年市级重大安全隐患及整治计划予以公布。

- 附件:1. 衢州市2018年市级重大安全隐患整改计划表

衢州市人民政府办公室
2018 年 5 月 2 日

(此件公开发布)

附件1

衢州市2018年市级重大安全隐患整改计划表

衢州市人民政府办公室关于印发衢州市治土持久战行动方案的通知

衢政办发〔2018〕40号

各县(市、区)人民政府,市政府各部门、直属各单位:

现印发给你们。

衢州市人民政府办公室
2018年5月23日

衢州市人民政府关于 朱云福等同志职务任免的通知

衢政干〔2018〕7号

| | |
|-------------------------|---------------------|
| 市政府研究决定: | 舒富良同志的衢州市司法局调研员职务; |
| 朱云福同志任衢州市教育局副调研员。 | 周海土同志的衢州市财政局副调研员职务。 |
| 免去: | |
| 毛胜田同志兼任的衢州行政学院副院长职务; | 衢州市人民政府 |
| 朱云福同志的衢州市教育局副局长职务; | 2018年5月24日 |
| 任职务; | (此件公开发布) |

关于印发《衢州市电力用户信用管理办法 (试行)》的通知

衢发改发〔2018〕23号

各县(市、区)发改局:

现印发给你们,请遵照执行。

衢州市发展和改革委员会 中国人民银行衢州市中心支行
国网衢州供电公司 衢州市信用衢州建设领导小组办公室

2018年4月27日

关于在衢州市区四个学考、选考考点周边实行限制交通和禁燃烟花爆竹的通告

衢公通[2018]15号

为确保考试顺利进行,现通告如下:特此通告!

衢州市公安局

2018年4月3日
"""


def _segmented():
    return segment_issue(ISSUE)


def test_masthead_and_toc() -> None:
    seg = _segmented()
    assert seg.meta.totals == (106,)
    assert [e.number.canonical for e in seg.toc if e.number] == [
        "衢州市人民政府令第51号",
        "衢政办发〔2018〕17号",
        "衢政办发〔2018〕28号",
        "衢政干〔2018〕7号",
        "衢发改发〔2018〕23号",
        "衢公通字〔2018〕15号",
    ]
    assert seg.toc[2].page == 71
    assert seg.toc[2].title == "关于公布2018年市级重大安全隐患及整治计划的通知"
    assert [e.section for e in seg.toc] == [
        "市政府令",
        "市府办文件",
        "市府办文件",
        "机构与人事",
        "部门规范性文件",
        "部门规范性文件",
    ]


def test_every_span_points_into_the_raw_text() -> None:
    seg = _segmented()
    for doc in seg.documents:
        for span in (doc.span, doc.title_span, doc.number_span, *doc.issuer_spans):
            assert ISSUE[span.start : span.end] == span.text
    for entry in seg.toc:
        assert ISSUE[entry.span.start : entry.span.end] == entry.span.text


def test_documents_in_body_order() -> None:
    seg = _segmented()
    assert [d.number.canonical for d in seg.documents] == [
        "衢州市人民政府令第51号",
        "衢政办发〔2018〕17号",
        "衢政办发〔2018〕28号",
        "衢政办发〔2018〕40号",
        "衢政干〔2018〕7号",
        "衢发改发〔2018〕23号",
        "衢公通〔2018〕15号",
    ]


def _doc(number: str):
    return next(d for d in _segmented().documents if d.number.canonical == number)


def test_order_takes_the_regulation_title_and_a_person_signer() -> None:
    doc = _doc("衢州市人民政府令第51号")
    assert doc.title == "衢州市燃气管理办法"
    assert doc.issuers == ("衢州市人民政府",)
    assert doc.signer == "代市长 汤飞帆"
    assert doc.date is not None and doc.date.iso == "2018-02-21"
    assert doc.section == "市政府令"


def test_two_line_title_with_issuer_above() -> None:
    doc = _doc("衢政办发〔2018〕17号")
    assert doc.title == "衢州市人民政府办公室关于2017年度全市小城镇环境综合整治工作先进集体和先进个人的通报"
    assert doc.addressees == "各县(市、区)人民政府,市政府各部门、直属各单位"
    assert doc.date is not None and doc.date.iso == "2018-03-22"


def test_signature_before_the_attachment_does_not_end_the_document() -> None:
    doc = _doc("衢政办发〔2018〕28号")
    assert doc.issuers == ("衢州市人民政府办公室",)
    assert doc.date is not None and doc.date.iso == "2018-05-02"
    assert doc.public_note == "此件公开发布"
    assert [a.label for a in doc.attachments] == ["附件1"]
    assert doc.attachments[0].title == "衢州市2018年市级重大安全隐患整改计划表"
    assert "整改计划表" in doc.span.text


def test_document_missing_from_toc_takes_its_block_section_and_is_reported() -> None:
    seg = _segmented()
    doc = next(d for d in seg.documents if d.number.canonical == "衢政办发〔2018〕40号")
    assert doc.section == "市府办文件"
    assert doc.section_from == "prefix"
    assert any(f.code == "body-missing-in-toc" and "40号" in f.message for f in seg.findings)


def test_signature_inside_a_flattened_two_column_table() -> None:
    doc = _doc("衢政干〔2018〕7号")
    assert doc.issuers == ("衢州市人民政府",)
    assert doc.date is not None and doc.date.iso == "2018-05-24"
    assert doc.addressees is None
    assert doc.public_note == "此件公开发布"


def test_joint_issuers_two_per_line() -> None:
    doc = _doc("衢发改发〔2018〕23号")
    assert doc.issuers == (
        "衢州市发展和改革委员会",
        "中国人民银行衢州市中心支行",
        "国网衢州供电公司",
        "衢州市信用衢州建设领导小组办公室",
    )
    assert doc.title == "关于印发《衢州市电力用户信用管理办法(试行)》的通知"


def test_public_notice_without_addressee_and_toc_prefix_variant() -> None:
    seg = _segmented()
    doc = next(d for d in seg.documents if d.number.canonical == "衢公通〔2018〕15号")
    assert doc.addressees is None
    assert doc.issuers == ("衢州市公安局",)
    assert doc.section == "部门规范性文件" and doc.section_from == "toc"
    assert not any(f.code == "toc-missing-in-body" for f in seg.findings)


def test_seal_note_is_not_an_issuer() -> None:
    raw = (
        "关于印发衢州市营商环境建设实施办法的通知\n\n衢市监综〔2018〕48号\n\n各有关单位:\n\n现印发。\n\n"
        "衢州市市场监督管理局\n衢州市营商环境建设办公室\n(衢州市行政服务中心管理办公室代章)\n2018年5月30日\n"
    )
    doc = segment_issue(raw).documents[0]
    assert doc.issuers == ("衢州市市场监督管理局", "衢州市营商环境建设办公室")


def test_no_signature_takes_the_issuer_from_the_title() -> None:
    raw = (
        "浙江省衢州市烟草专卖局关于零售许可证后续监管中适用取消从事烟草专卖业务资格行政处罚的指导意见\n\n"
        "衢烟专〔2018〕3号\n\n各县(市)局、市局各处室(部门):\n\n五、本指导意见自2018年4月16日起执行。\n"
    )
    seg = segment_issue(raw)
    doc = seg.documents[0]
    assert doc.issuers == ("浙江省衢州市烟草专卖局",)
    assert doc.issuers_from == "title"
    assert doc.date is None
    assert any(f.code == "no-signature-date" for f in seg.findings)


def test_toc_bounds_stop_at_a_publisher_block() -> None:
    raw = "目录\n市政府文件\n关于开展第四次经济普查的通知（衢政发〔2022〕15号）……1\n主办单位\n衢州市人民政府办公室\n"
    lines = split_lines(raw)
    bounds = toc_bounds(lines)
    assert bounds == (1, 3)
    entries, leftovers = parse_toc(raw, lines, *bounds)
    assert [(e.section, e.number.canonical, e.page) for e in entries] == [("市政府文件", "衢政发〔2022〕15号", 1)]
    assert leftovers == []


_line = st.one_of(
    st.sampled_from(ISSUE.splitlines()),
    st.text(alphabet="衢政发办〔〕[]2018号关于通知市人民政府年月日:|　 \t()（）1234567890附件", max_size=30),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_line, max_size=60))
def test_segmenter_never_crashes_and_spans_stay_inside(lines: list[str]) -> None:
    raw = "\n".join(lines)
    seg = segment_issue(raw)
    for doc in seg.documents:
        for span in (doc.span, doc.title_span, doc.number_span, *doc.issuer_spans):
            assert 0 <= span.start <= span.end <= len(raw)
            assert raw[span.start : span.end] == span.text
    for finding in seg.findings:
        if finding.span:
            assert raw[finding.span.start : finding.span.end] == finding.span.text


def test_issuer_and_date_side_by_side() -> None:
    raw = (
        "衢州市人民政府办公室关于印发衢州市数字化改革工作要点的通知\n\n衢政办发〔2022〕25号\n\n各县(市、区)人民政府:\n\n"
        "现印发给你们。\n\n衢州市人民政府办公室        二〇二二年九月二十五日\n"
    )
    doc = segment_issue(raw).documents[0]
    assert doc.issuers == ("衢州市人民政府办公室",)
    assert doc.date is not None and doc.date.iso == "2022-09-25"
    assert raw[doc.date_span.start : doc.date_span.end] == "二〇二二年九月二十五日"


def test_number_printed_above_the_title() -> None:
    raw = "2022年9月1日\n\n衢政发〔2022〕14号\n\n衢州市人民政府关于2022年度记功嘉奖的通报\n\n各县(市、区)人民政府:\n"
    seg = segment_issue(raw)
    assert [d.title for d in seg.documents] == ["衢州市人民政府关于2022年度记功嘉奖的通报"]


def test_toc_without_imprint_ends_at_the_first_document() -> None:
    raw = (
        "衢州政报\n2022年9月\n第九期\n（总第140期）\n\n目录\n\n市政府令\n市政府文件\n"
        "关于开展第四次经济普查的通知（衢政发〔2022〕15号）……1\n\n"
        "衢州市人民政府关于开展第四次经济普查的通知\n\n衢政发〔2022〕15号\n\n各县(市、区)人民政府:\n\n"
        "主办单位:市统计局\n\n衢州市人民政府\n2022年9月1日\n"
    )
    seg = segment_issue(raw)
    assert [e.number.canonical for e in seg.toc] == ["衢政发〔2022〕15号"]
    assert [(d.number.canonical, d.section, d.date.iso) for d in seg.documents] == [
        ("衢政发〔2022〕15号", "市政府文件", "2022-09-01")
    ]
    assert seg.meta.numbers == ("九",) and seg.meta.totals == (140,)
