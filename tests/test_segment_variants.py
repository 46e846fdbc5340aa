"""Segmentation of forms the 2018 issues do not print but other years and conversions do.

Round year brackets and full-width digits on the number line, conversion markup (``**…**``, ``- ``,
``# ``) around the number, title and signature, orders on one line or in Chinese numerals, a title
broken by a page, other TOC section headers, and an issuer beside its date in one table row.
"""

from __future__ import annotations

import pytest

from extractors.lines import split_lines
from extractors.records import Document, SegmentedIssue
from extractors.segment import segment_issue
from extractors.toc import parse_toc, section_name

SIGNATURE = "衢州市人民政府\n2018年5月4日\n"
TITLE = "衢州市人民政府关于开展第四次经济普查的通知"
NUMBER = "衢政发〔2018〕15号"


def _doc(title: str, number: str, body: str = "现将有关事项通知如下。", sig: str = SIGNATURE) -> str:
    return f"{title}\n\n{number}\n\n各县(市、区)人民政府,市政府各部门、直属各单位:\n\n{body}\n\n{sig}"


def _spans_true(raw: str, seg: SegmentedIssue) -> None:
    for doc in seg.documents:
        spans = [doc.span, doc.title_span, doc.number_span, *doc.issuer_spans]
        if doc.date_span is not None:
            spans.append(doc.date_span)
        for span in spans:
            assert raw[span.start : span.end] == span.text


def _one(raw: str) -> Document:
    seg = segment_issue(raw)
    _spans_true(raw, seg)
    assert len(seg.documents) == 1, [d.number.canonical for d in seg.documents]
    return seg.documents[0]


@pytest.mark.parametrize(
    "number",
    [
        "衢政发(2018)15号",
        "衢政发（2018）15号",
        "衢政发〔２０１８〕１５号",
        "衢政发（２０１８）１５ 号",
        "**衢政发〔2018〕15号**",
        "- 衢政发〔2018〕15号",
        "**衢政发(2018)15号**",
    ],
)
def test_number_line_variants_keep_the_document(number: str) -> None:
    raw = _doc(TITLE, number)
    doc = _one(raw)
    assert doc.number.canonical == "衢政发〔2018〕15号"
    assert doc.title == "衢州市人民政府关于开展第四次经济普查的通知"
    assert doc.date is not None and doc.date.iso == "2018-05-04"
    assert not doc.number_span.text.startswith(("*", "-")) and not doc.number_span.text.endswith("*")
    assert doc.number_span.text == doc.number.printed


@pytest.mark.parametrize(
    "title",
    [
        "**衢州市人民政府关于开展第四次经济普查的通知**",
        "# 衢州市人民政府关于开展第四次经济普查的通知",
        "**衢州市人民政府关于开展第四次**\n**经济普查的通知**",
        "**衢州市人民政府**\n\n**关于开展第四次经济普查的通知**",
    ],
)
def test_title_markup_is_not_part_of_the_title(title: str) -> None:
    raw = _doc(title, NUMBER)
    doc = _one(raw)
    assert doc.title == "衢州市人民政府关于开展第四次经济普查的通知"
    assert not doc.title_span.text.startswith(("*", "#")) and not doc.title_span.text.endswith("*")
    assert doc.issuers == ("衢州市人民政府",)


def test_bold_signature() -> None:
    raw = _doc(TITLE, NUMBER, sig="**衢州市人民政府**\n**2018年5月4日**\n")
    doc = _one(raw)
    assert doc.issuers == ("衢州市人民政府",)
    assert doc.date is not None and doc.date.iso == "2018-05-04"
    assert doc.date_span is not None and doc.date_span.text == "2018年5月4日"
    assert doc.issuer_spans[0].text == "衢州市人民政府"


def test_full_width_signature_date() -> None:
    raw = _doc(TITLE, NUMBER, sig="衢州市人民政府\n２０１８年５月４日\n")
    doc = _one(raw)
    assert doc.date is not None and doc.date.iso == "2018-05-04"
    assert doc.date_span is not None and doc.date_span.text == "２０１８年５月４日"


def test_seal_mark_after_the_issuer_is_not_part_of_it() -> None:
    raw = _doc(TITLE, NUMBER, sig="衢州市人民政府（印）\n2018年5月4日\n")
    assert _one(raw).issuers == ("衢州市人民政府",)


ORDER_BODY = (
    "\n\n《衢州市燃气管理办法》已经市政府常务会议审议通过,现予公布,自2018年5月1日起施行。\n\n"
    "市长 汤飞帆\n2018年2月21日\n\n衢州市燃气管理办法\n\n第一条 为了加强燃气管理,制定本办法。\n"
)


@pytest.mark.parametrize(
    "head",
    [
        "衢州市人民政府令第51号",
        "衢州市人民政府令 第51号",
        "衢州市人民政府令 第 51 号",
        "**衢州市人民政府令第51号**",
        "衢州市人民政府令第五十一号",
        "衢州市人民政府令\n\n第五十一号",
        "衢州市人民政府令\n\n第５１号",
        "**衢州市人民政府令**\n\n**第51号**",
    ],
)
def test_order_forms(head: str) -> None:
    raw = head + ORDER_BODY
    doc = _one(raw)
    assert doc.number.canonical == "衢州市人民政府令第51号"
    assert doc.issuers == ("衢州市人民政府",)
    assert doc.title == "衢州市燃气管理办法"
    assert doc.signer == "市长 汤飞帆"
    assert not doc.number_span.text.startswith("*") and not doc.number_span.text.endswith("*")


def test_a_bare_ministry_order_line_starts_no_document() -> None:
    raw = _doc(TITLE, NUMBER, body="依据:\n\n公安部令第112号\n\n执行。")
    assert _one(raw).number.canonical == "衢政发〔2018〕15号"


@pytest.mark.parametrize(
    "title",
    [
        "衢州市人民政府关于进一步加强\n\n安全生产工作的通知",
        "关于印发《衢州市屋顶绿化、垂直绿化和地下设施顶面绿化面积折算为\n\n建设工程项目附属绿地面积的规定》的通知",
        "衢州市人民政府关于下达2018年衢州市国民经济和社会发展计划\n\n的通知",
        "衢州市人民政府办公室\n\n关于进一步加强\n\n安全生产工作的通知",
        "衢州市人民政府关于2017年度\n\n市长特别奖获奖企业的通报",
        "衢州市人民政府关于印发衢州市规划(2018—2020\n\n年)的通知",
        "衢州市人民政府关于加快产业平台发展的若干政策意见\n\n(试行)",
        "衢州市人民政府关于加快产业平台发展的若干政策意见\n（试行）",
    ],
)
def test_title_broken_by_a_page(title: str) -> None:
    raw = _doc(title, NUMBER)
    assert _one(raw).title == title.replace("\n", "")


def test_page_break_join_takes_nothing_from_the_document_above() -> None:
    first = _doc(TITLE, NUMBER, sig=SIGNATURE + "\n附件:关于加强")
    second = _doc("安全生产工作的通知", "衢政发〔2018〕16号")
    raw = first + "\n\n" + second
    seg = segment_issue(raw)
    _spans_true(raw, seg)
    assert [d.title for d in seg.documents] == ["衢州市人民政府关于开展第四次经济普查的通知", "安全生产工作的通知"]


@pytest.mark.parametrize(
    "upper",
    [
        "衢州市人民政府关于开展第四次经济普查的通知",  # a complete title: the one above is another document's
        "二、关于资金管理",  # a heading of the text above
        "现就有关事项通知如下",  # running text, no 关于
        "关于开展第四次经济普查的通知(衢政发[2018]15号)..... 1",  # a TOC entry
        "关于开展第四次经济普查的通知…… 1",  # a TOC entry without a number
        "附件:关于加强",  # no title starts so
    ],
)
def test_no_page_break_join(upper: str) -> None:
    raw = _doc(f"{upper}\n\n安全生产工作的通知", "衢政发〔2018〕16号")
    assert segment_issue(raw).documents[0].title == "安全生产工作的通知"


def test_a_lone_note_line_is_no_title() -> None:
    raw = "现将有关事项通知如下。\n\n(试行)\n\n衢政发〔2018〕15号\n\n各县(市、区)人民政府:\n"
    assert segment_issue(raw).documents == ()


def test_toc_without_imprint_is_not_taken_for_a_broken_title() -> None:
    raw = (
        "目录\n\n市政府令\n市政府文件\n关于开展第四次经济普查的通知（衢政发〔2022〕15号）……1\n\n"
        "衢州市人民政府关于开展第四次经济普查的通知\n\n衢政发〔2022〕15号\n\n各县(市、区)人民政府:\n\n"
        "衢州市人民政府\n2022年9月1日\n"
    )
    seg = segment_issue(raw)
    assert [e.number.canonical for e in seg.toc if e.number] == ["衢政发〔2022〕15号"]
    assert seg.documents[0].title == "衢州市人民政府关于开展第四次经济普查的通知"


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("【市政府文件】", "市政府文件"),
        ("【 机构与人事 】", "机构与人事"),
        ("一、机构与人事", "机构与人事"),
        ("（二）市府办文件", "市府办文件"),
        ("三、 部门规范性文件", "部门规范性文件"),
        ("〔市政府令〕", "市政府令"),
        ("- 市政府令", "市政府令"),
        ("●机构与人事", "机构与人事"),
    ],
)
def test_toc_section_headers(line: str, name: str) -> None:
    assert section_name(line) == name


@pytest.mark.parametrize("line", ["一、关于某某事项的通告", "关于禁燃烟花爆竹的通告", "【关于某事的通告】"])
def test_toc_entries_are_not_section_headers(line: str) -> None:
    assert section_name(line) is None


TOC_BODY = """衢州市人民政府办公室关于张三等同志职务任免的通知

衢政办发〔2019〕3号

市政府研究决定：
张三同志任衢州市人民政府办公室副主任。

衢州市人民政府办公室
2019年1月6日
"""


@pytest.mark.parametrize(
    "headers",
    [
        ("【市政府文件】", "【机构与人事】"),
        ("一、市政府文件", "二、机构与人事"),
        ("（一）市政府文件", "（二）机构与人事"),
    ],
)
def test_numbered_or_bracketed_toc_sections_give_the_section(headers: tuple[str, str]) -> None:
    toc = (
        f"{headers[0]}\n关于开展某项工作的通知（衢政发（2019）1号）……1\n"
        f"{headers[1]}\n关于张三等同志职务任免的通知（衢政办发〔２０１９〕３号）……5\n"
    )
    raw = f"衢州政报\n\n2019年1月\n第一期\n\n目  录\n\n{toc}\n主办单位：衢州市人民政府办公室\n\n{TOC_BODY}"
    seg = segment_issue(raw)
    assert [(e.section, e.number.canonical if e.number else None) for e in seg.toc] == [
        ("市政府文件", "衢政发〔2019〕1号"),
        ("机构与人事", "衢政办发〔2019〕3号"),
    ]
    assert [(d.number.canonical, d.section, d.section_from) for d in seg.documents] == [
        ("衢政办发〔2019〕3号", "机构与人事", "toc")
    ]


def test_toc_entry_with_an_order_in_chinese_numerals() -> None:
    raw = "市政府令\n衢州市燃气管理办法（衢州市人民政府令第五十一号）……1\n"
    lines = split_lines(raw)
    entries, leftovers = parse_toc(raw, lines, 0, len(lines))
    assert [(e.section, e.number.canonical) for e in entries if e.number] == [("市政府令", "衢州市人民政府令第51号")]
    assert leftovers == []


@pytest.mark.parametrize(
    ("sig", "issuers"),
    [
        ("| 衢州市人民政府 | 2018年5月4日 |\n", ("衢州市人民政府",)),
        ("| 衢州市人民政府 | **2018年5月4日** |\n", ("衢州市人民政府",)),
        ("| 衢州市发展和改革委员会 | 衢州市民政局 | 2018年5月4日 |\n", ("衢州市发展和改革委员会", "衢州市民政局")),
    ],
)
def test_issuer_beside_the_date_in_one_table_row(sig: str, issuers: tuple[str, ...]) -> None:
    raw = _doc(TITLE, NUMBER, sig=sig)
    doc = _one(raw)
    assert doc.date is not None and doc.date.iso == "2018-05-04"
    assert doc.date_span is not None and doc.date_span.text == "2018年5月4日"
    assert doc.issuers == issuers


def test_a_task_table_row_with_a_deadline_is_no_signature() -> None:
    table = "| 序号 | 任务 | 责任单位 | 完成时间 |\n|---|---|---|---|\n| 1 | 完成普查登记 | 市统计局 | 2018年5月4日 |\n"
    raw = _doc(TITLE, NUMBER, body=table, sig="")
    doc = _one(raw)
    assert doc.date is None
    assert doc.issuers == ("衢州市人民政府",) and doc.issuers_from == "title"


JOINT_NUMBER = "衢住建〔2021〕39号"


@pytest.mark.parametrize(
    ("title", "issuers"),
    [
        ("衢州市住房和城乡建设局 衢州市规划局关于印发测试办法的通知", ("衢州市住房和城乡建设局", "衢州市规划局")),
        (
            "衢州市住房和城乡建设局　衢州市自然资源和规划局关于印发测试办法的通知",
            ("衢州市住房和城乡建设局", "衢州市自然资源和规划局"),
        ),
        ("衢州市住房和城乡建设局\n衢州市规划局关于印发测试办法的通知", ("衢州市住房和城乡建设局", "衢州市规划局")),
        (
            "衢州市发展和改革委员会 中国人民银行衢州市中心支行 国网衢州供电公司关于印发测试办法的通知",
            ("衢州市发展和改革委员会", "中国人民银行衢州市中心支行", "国网衢州供电公司"),
        ),
    ],
)
def test_joint_issuers_on_one_title_line(title: str, issuers: tuple[str, ...]) -> None:
    # no signature block: the issuers come from the title, one per body; the title stays whole
    doc = _one(_doc(title, JOINT_NUMBER, sig=""))
    assert doc.issuers == issuers and doc.issuers_from == "title"
    assert [s.text for s in doc.issuer_spans] == list(issuers)
    assert doc.title == "".join(title.split())


@pytest.mark.parametrize(
    ("title", "issuer"),
    [
        # a PDF wrap inside one name is no second body
        ("衢州市人民政府 办公室关于印发测试办法的通知", "衢州市人民政府办公室"),
        ("衢州市人民政府 国有资产监督管理委员会关于印发测试办法的通知", "衢州市人民政府国有资产监督管理委员会"),
        ("衢州市住房和城乡 建设局关于印发测试办法的通知", "衢州市住房和城乡建设局"),
        ("衢州市人民政府办公室 关于印发测试办法的通知", "衢州市人民政府办公室"),
    ],
)
def test_a_wrapped_issuer_in_the_title_stays_one(title: str, issuer: str) -> None:
    doc = _one(_doc(title, JOINT_NUMBER, sig=""))
    assert doc.issuers == (issuer,)


def test_a_joint_signature_block_wins_over_the_title() -> None:
    title = "衢州市住房和城乡建设局 衢州市规划局关于印发测试办法的通知"
    doc = _one(_doc(title, JOINT_NUMBER, sig="衢州市住房和城乡建设局\n衢州市规划局\n2021年3月5日\n"))
    assert doc.issuers == ("衢州市住房和城乡建设局", "衢州市规划局") and doc.issuers_from == "signature"
