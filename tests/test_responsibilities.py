"""Task responsibilities: real excerpts of the 2018 issues (001/002/003, line numbers in comments) →
expected (agency or leader, role, position) records; plus a property test on spans."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors.agency_lists import agency_like, parse_assignment, view_of
from extractors.records import Span
from extractors.responsibilities import Responsibility, extract_responsibilities
from extractors.segment import segment_issue

HEAD = (
    "衢州市人民政府办公室关于印发测试方案的通知\n\n衢政办发〔2018〕45号\n\n"
    "各县(市、区)人民政府,市政府各部门、直属各单位:\n\n"
)


def _extract(body: str) -> list[Responsibility]:
    raw = HEAD + body + "\n"
    issue = segment_issue(raw)
    assert len(issue.documents) == 1
    records, _ = extract_responsibilities(raw, issue.documents[0])
    for r in records:
        _check_spans(raw, r)
    return records


def _check_spans(raw: str, r: Responsibility) -> None:
    for span in (r.evidence, r.span, r.task_span):
        if span is not None:
            assert 0 <= span.start <= span.end <= len(raw)
            assert raw[span.start : span.end] == span.text


def _keys(records: list[Responsibility]) -> list[tuple[str | None, str, int]]:
    return [(r.agency or r.leader, r.role, r.position) for r in records]


def _tsv(*rows: list[str]) -> str:
    return "\n".join("\t".join(row) for row in rows)


def _md(*rows: list[str]) -> str:
    """Markdown rows as the conversion prints them (``| a | b |``; ``---`` cells make a rule row)."""
    return "\n".join("| " + " | ".join(row) + " |" for row in rows)


# --- the agency-list grammar --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "leads", "members", "role"),
    [
        # 002:1198 (41号) lead marker, tail 分工负责
        ("市质监局牵头,市交通运输局、市人行等分工负责", ["市质监局"], ["市交通运输局", "市人行"], "responsible"),
        # 002:935 (40号) two leads, tail with 配合 → support
        (
            "市委宣传部、市创强办牵头,市质监局、市住建局等积极配合,做好各自领域工作",
            ["市委宣传部", "市创强办"],
            ["市质监局", "市住建局"],
            "support",
        ),
        # 003:1119 (45号) comma groups and 〔〕 brackets that are not aliases
        (
            "市政府办公室,市档案局、市级有关部门,各县〔市、区〕政府",
            [],
            ["市政府办公室", "市档案局", "市级有关部门", "各县(市、区)政府"],
            "responsible",
        ),
        # 002:1227 (41号) a generic tail after 等及 is dropped; a wrapped name (市住建 局) is joined
        (
            "市行政服务中心、市编委办、市住建 局、市公安局等及领导小组成员单位",
            [],
            ["市行政服务中心", "市编委办", "市住建局", "市公安局"],
            "responsible",
        ),
        # 003:1048 (43号) two organs without a separator
        ("市环保局市经信委", [], ["市环保局", "市经信委"], "responsible"),
        # 001:632 alias bracket kept with the organ
        ("市发改委(铁办),各有关县(市、区)政府", [], ["市发改委(铁办)", "各有关县(市、区)政府"], "responsible"),
    ],
)
def test_assignment_grammar(text: str, leads: list[str], members: list[str], role: str) -> None:
    a = parse_assignment(view_of(text, 0, len(text), keep_space=True))
    assert a is not None
    assert [m.name for m in a.leads] == leads
    assert [m.name for m in a.members] == members
    assert a.member_role == role


def test_alias_and_distributive_expansion() -> None:
    text = "市国资委、交通运输局、住建局、财政局"  # 001:568
    a = parse_assignment(view_of(text, 0, len(text)))
    assert a is not None
    assert [m.name for m in a.members] == ["市国资委", "交通运输局", "住建局", "财政局"]
    assert [m.expanded for m in a.members] == [None, "市交通运输局", "市住建局", "市财政局"]
    text = "市财政局、国资委、发改委、住建局,柯城区、衢江区政府、市西区管委会"  # 002:609
    a = parse_assignment(view_of(text, 0, len(text)))
    assert a is not None
    assert a.members[1].expanded == "市国资委"
    assert a.members[4].name == "柯城区" and a.members[4].expanded == "柯城区政府"
    text = "市发改委(铁办)"
    a = parse_assignment(view_of(text, 0, len(text)))
    assert a is not None and a.members[0].alias == "铁办"


@pytest.mark.parametrize(
    ("text", "expanded"),
    [
        ("市交通运输局、市卫生计生委、市民政局", [None, None, None]),  # 市民政局 is 市 + 民政局, not 市民 + 政局
        ("市旅委、市政府办公室、研究室", [None, None, "市研究室"]),  # 001:1203 shape: 市政府… is already municipal
        ("市发改委、市场监管局", [None, "市市场监管局"]),  # 市场… is a word: the list's 市 distributes
    ],
)
def test_distributive_prefix_never_doubles_the_city(text: str, expanded: list[str | None]) -> None:
    a = parse_assignment(view_of(text, 0, len(text)))
    assert a is not None
    assert [m.expanded for m in a.members] == expanded


@pytest.mark.parametrize(
    "name", ["市金融办", "人行", "各县(市、区)政府", "市级有关部门", "衢州绿色产业集聚区", "市经信", "市治水办(河长办)"]
)
def test_agency_like(name: str) -> None:
    assert agency_like(name)


@pytest.mark.parametrize(
    "name", ["城市", "市本级", "建立质量工作部门联席会议制度或类似工作机制", "申报城市基本情况", "5月10日前"]
)
def test_not_agency_like(name: str) -> None:
    assert not agency_like(name)


# --- prose lists --------------------------------------------------------------------------------


def test_tagged_lines_after_numbered_tasks() -> None:
    # 001:516-526
    body = (
        "1. 深入推进“最多跑一次”改革,突出机制创新,推动“一窗受理”向“无差别受理”提升。\n\n"
        "牵头领导:汤飞帆\n\n牵头部门:市行政服务中心\n\n"
        "2. 深度推进政务数据整合,实施国家级政务信息系统整合共享应用示范工程。\n\n"
        "牵头领导:市政府常务副市长\n\n牵头部门:市行政服务中心、电子政务中心\n"
    )
    records = _extract(body)
    assert _keys(records) == [
        ("汤飞帆", "lead_leader", 1),
        ("市行政服务中心", "lead", 1),
        ("市政府常务副市长", "lead_leader", 1),
        ("市行政服务中心", "lead", 1),
        ("电子政务中心", "lead", 2),
    ]
    assert records[0].task == "深入推进“最多跑一次”改革"
    assert records[3].task == "深度推进政务数据整合"
    assert records[4].expanded == "市电子政务中心"
    assert records[0].agency is None and records[0].list_kind == "牵头领导"
    assert records[0].span is not None and records[0].span.text == "汤飞帆"


def test_mixed_lead_list() -> None:
    # 001:1125-1129
    body = (
        "111. 深化推进职业教育产教融合、校企合作,启动浙江大学工程师学院衢州分院建设。\n\n"
        "牵头领导:王良春\n\n牵头部门:市教育局、科技局,衢职院,各县(市、区)政府\n"
    )
    assert _keys(_extract(body)) == [
        ("王良春", "lead_leader", 1),
        ("市教育局", "lead", 1),
        ("科技局", "lead", 2),
        ("衢职院", "lead", 3),
        ("各县(市、区)政府", "lead", 4),
    ]


def test_inline_lead_and_responsible_lists() -> None:
    # 001:1394 (shortened)
    body = (
        "为全市智慧应用提供移动在线服务能力,包括统一用户中心、统一支付中心等服务。"
        "(牵头单位:市政府办公室;责任单位:市交通运输局、市卫生计生委、衢州日报社,阿里巴巴集团等)\n"
    )
    records = _extract(body)
    assert _keys(records) == [
        ("市政府办公室", "lead", 1),
        ("市交通运输局", "responsible", 1),
        ("市卫生计生委", "responsible", 2),
        ("衢州日报社", "responsible", 3),
        ("阿里巴巴集团", "responsible", 4),
    ]
    assert {r.task for r in records} == {"为全市智慧应用提供移动在线服务能力"}


def test_standalone_list_with_deadline_line() -> None:
    # 001:1609-1613
    body = (
        "(一)对于取消审批的4项改革事项,要逐项明确取消行政审批后的后续工作。\n\n"
        "责任单位:市公安局、市市场监管局、市文广新局。\n\n"
        "时间节点:责任单位在2018年4月20日前与省级对口单位对接,明确取消行政审批后的相关管理措施。\n"
    )
    records = _extract(body)
    assert _keys(records) == [
        ("市公安局", "lead", 1),
        ("市市场监管局", "responsible", 2),
        ("市文广新局", "responsible", 3),
    ]
    assert {r.deadline for r in records} == {"2018年4月20日前"}
    assert records[0].task == "对于取消审批的4项改革事项"


def test_research_topic_block() -> None:
    # 002:579-595: 联系领导 leads the topic; 分管副秘书长 is not a responsibility; with a 牵头 list the
    # 责任单位 are all responsible, positions from 1; lists split on 、 and ","
    body = (
        "2018年市政府重点调研课题(第一批)\n\n一、乡村产业创新模式和路径研究\n\n"
        "重点内容:把产业兴旺作为乡村振兴的首要任务,深化农业供给侧结构性改革。\n\n"
        "联系领导:汤飞帆\n\n分管副秘书长:王良海\n\n牵头部门:市政府办公室\n\n责任单位:市农办、农业局。\n\n"
        "三、构建市公交集团良性运行机制\n\n"
        "重点内容:围绕“节支、降本、挖潜力”,建立完善公交成本核算机制。\n\n"
        "联系领导:常务副市长\n\n分管副秘书长:占珺\n\n牵头部门:市交通运输局\n\n"
        "责任单位:市财政局、国资委、发改委、住建局,柯城区、衢江区政府、市西区管委会、衢州绿色产业集聚区。\n"
    )
    records = _extract(body)
    assert _keys(records) == [
        ("汤飞帆", "lead_leader", 1),
        ("市政府办公室", "lead", 1),
        ("市农办", "responsible", 1),
        ("农业局", "responsible", 2),
        ("常务副市长", "lead_leader", 1),
        ("市交通运输局", "lead", 1),
        ("市财政局", "responsible", 1),
        ("国资委", "responsible", 2),
        ("发改委", "responsible", 3),
        ("住建局", "responsible", 4),
        ("柯城区", "responsible", 5),
        ("衢江区政府", "responsible", 6),
        ("市西区管委会", "responsible", 7),
        ("衢州绿色产业集聚区", "responsible", 8),
    ]
    assert records[0].task == "乡村产业创新模式和路径研究"
    assert records[-1].task == "构建市公交集团良性运行机制"


def test_first_listed_leads_and_sentence_tasks() -> None:
    # 003:1077-1079 and 1085 (shortened): a list closes its sentence group; the next starts after it
    body = (
        "(一)围绕建设法治政府深化推进政务公开。把政务公开作为政府工作的基本要求。"
        "(责任单位:市政府办公室,市级有关部门,各县〔市、区〕政府)\n\n"
        "建立市场准入负面清单信息公开机制。(责任单位:市发改委、市商务局、市级有关部门)\n\n"
        "及时向社会公布目录清单。(责任单位:市级有关部门,各县〔市、区〕政府)结合实际选取本地本行业社会关注度高的"
        "重大建设项目,突出做好中标结果公示。(责任单位:市发改委、市国土局)\n"
    )
    records = _extract(body)
    assert _keys(records)[:6] == [
        ("市政府办公室", "lead", 1),
        ("市级有关部门", "responsible", 2),
        ("各县(市、区)政府", "responsible", 3),
        ("市发改委", "lead", 1),
        ("市商务局", "responsible", 2),
        ("市级有关部门", "responsible", 3),
    ]
    tasks = [r.task for r in records]
    assert tasks[0] == "围绕建设法治政府深化推进政务公开"
    assert tasks[3] == "建立市场准入负面清单信息公开机制"
    assert tasks[-1] == "结合实际选取本地本行业社会关注度高的重大建设项目"


def test_lists_broken_by_page_breaks() -> None:
    # 003:1119-1121 (bracket types even mismatch), 003:1485-1487, 003:1561-1567
    body = (
        "(十一)规范有序开展政府公报工作。做好政府公报分级权威发布工作。(责任单位:市政府办公室,市档案局、市级有关部门,各县〔市、\n\n"
        "区)政府)\n\n"
        "规范中介服务市场,推进中介服务费用和时间双下降。(责任部门:市发改委,市\n\n级有关部门)\n\n"
        "落实领导干部年度述法制度。(责任单位:市司法局、\n\n市人力社保局)\n\n"
        "推动县乡村三级公共法律服务实体平台全覆盖。(责任部门:市司法局)\n"
    )
    assert _keys(_extract(body)) == [
        ("市政府办公室", "lead", 1),
        ("市档案局", "responsible", 2),
        ("市级有关部门", "responsible", 3),
        ("各县(市、区)政府", "responsible", 4),
        ("市发改委", "lead", 1),
        ("市级有关部门", "responsible", 2),
        ("市司法局", "lead", 1),
        ("市人力社保局", "responsible", 2),
        ("市司法局", "lead", 1),
    ]


def test_narrative_lead() -> None:
    # 003:1859 (shortened)
    body = "(一)强化责任落实。市市场监管局作为注销企业工作的牵头部门,要会同相关部门明确工作分工。\n"
    records = _extract(body)
    assert _keys(records) == [("市市场监管局", "lead", 1)]
    assert records[0].task == "注销企业工作"


def test_convention_clause_governs_later_unlabelled_lists() -> None:
    # shape expected in other years (docs §4.4): no 2018 example
    body = (
        "各项任务所列单位中排在第一位的为牵头单位,其余为责任单位,下同。\n\n"
        "1. 推进数字政府建设。(市大数据局、市发改委、各县(市、区)政府)\n\n"
        "2. 优化营商环境(以下简称营商)。(市营商办)\n"
    )
    records = _extract(body)
    assert _keys(records) == [
        ("市大数据局", "lead", 1),
        ("市发改委", "responsible", 2),
        ("各县(市、区)政府", "responsible", 3),
        ("市营商办", "lead", 1),
    ]
    assert {r.list_kind for r in records} == {"convention"}


def test_values_on_the_line_below_the_label() -> None:
    body = "1. 推进数字政府建设。\n\n牵头单位:\n\n市大数据局、市发改委\n"
    assert _keys(_extract(body)) == [("市大数据局", "lead", 1), ("市发改委", "lead", 2)]


def test_form_field_is_not_a_list() -> None:
    # a fill-in template (docs §6.6) prints labels with blanks
    assert _extract("责任单位:__________\n\n牵头单位: \n") == []


def test_no_convention_no_unlabelled_lists() -> None:
    assert _extract("1. 推进数字政府建设。(市大数据局、市发改委)\n") == []


# --- tables -------------------------------------------------------------------------------------

# 002:367-381 (33号), markdown: merged cells (empty rows inherit) and shifted rows
TABLE_33 = _md(
    ["工作阶段", "主要任务", "工作要求", "完成时限", "责任部门", "配合部门", ""],
    ["------", "---------------", "---", "---", "---------", "-----------------", "-----------------"],
    ["调研启动", "事项梳理", "完成市本级办事证明目录的规范梳理。", "5月10日前", "市编办", "市行政服务中心", ""],
    [
        "",
        "数据需求梳理和数据来源确认",
        "确定本部门可共享的数据信息和证照批文清单。",
        "5月15日前",
        "市级各有关部门",
        "市行政服务中心、市电子政务中心",
        "",
    ],
    ["", "", "提出本部门政务信息系统整合和数据共享的具体需求。", "", "", "", ""],
    [
        "",
        "重点领域推进",
        "建立办事规则和工作机制",
        "建立“一证通办”线上线下办事规则和工作机制。",
        "5月31日前",
        "市级各有关部门",
        "",
    ],
    [
        "",
        "",
        "重点领域推进",
        "以不动产登记、公积金、社保等领域为重点,打通部分高频事项自建系统。",
        "7月31日前",
        "市电子政务中心",
        "市行政服务中心、市级各有关部门",
    ],
)


def test_markdown_table_with_merged_and_shifted_rows() -> None:
    records = _extract(TABLE_33)
    assert _keys(records) == [
        ("市编办", "lead", 1),
        ("市行政服务中心", "support", 1),
        ("市级各有关部门", "lead", 1),
        ("市行政服务中心", "support", 1),
        ("市电子政务中心", "support", 2),
        ("市级各有关部门", "lead", 1),  # inherited from the merged cell above
        ("市行政服务中心", "support", 1),
        ("市电子政务中心", "support", 2),
        ("市级各有关部门", "lead", 1),  # shifted one column right: realigned
        ("市电子政务中心", "lead", 1),
        ("市行政服务中心", "support", 1),
        ("市级各有关部门", "support", 2),
    ]
    assert all(r.layout == "table" for r in records)
    assert records[0].task == "完成市本级办事证明目录的规范梳理" and records[0].deadline == "5月10日前"
    assert records[5].repaired and records[8].repaired


# 002:1193-1198 (41号): sub-header row, X牵头 cells, a plain list in the 牵头 sub-column
TABLE_41 = _md(
    ["创建项目", "创建内容", "创建任务", "", "责任单位", ""],
    ["------", "-----------------------------", "------", "--", "--", "---"],
    ["", "", "创建任务", "创建任务", "责任单位", "责任单位"],
    [
        "",
        "13. 加强认证认可工作,完善认证认可体系",
        "13.1",
        "出台政策措施鼓励企业开展绿色、环保、低碳认证与标识制度",
        "市质监局牵头",
        "市经信委、市环保局等",
    ],
    ["", "", "13.3", "积极在质量、环境、职业健康等领域推行管理体系认证", "市质监局、市环保局、市人社局等", ""],
    ["", "", "13.4", "在骨干企业中大力推进食品农产品认证工作", "市质监局牵头", "市市场监管局、市农业局分工负责"],
    ["", "", "13.4", "在骨干企业中大力推进食品农产品认证工作", "市质监局牵头", "市市场监管局、市农业局分工负责"],
)


def test_lead_marker_cells_and_repeated_row() -> None:
    records = _extract(TABLE_41)
    assert _keys(records) == [
        ("市质监局", "lead", 1),
        ("市经信委", "responsible", 1),
        ("市环保局", "responsible", 2),
        ("市质监局", "lead", 1),
        ("市环保局", "responsible", 2),
        ("市人社局", "responsible", 3),
        ("市质监局", "lead", 1),
        ("市市场监管局", "responsible", 1),
        ("市农业局", "responsible", 2),
    ]
    assert records[0].list_kind == "牵头" and records[1].list_kind == "责任单位"


# 002:1172-1178 (41号): pseudo-rows repeating the merged cell of the row below are dropped
TABLE_41_PSEUDO = _md(
    ["创建项目", "创建内容", "创建任务", "责任单位", ""],
    ["-----------------------------", "-----------------------------------", "---", "---", "---"],
    ["", "", "", "市创强办牵头", "市委宣传部、市政府办公室等领导小组相关单位"],
    ["", "", "9.1", "市创强办牵头", "市委宣传部、市政府办公室等领导小组相关单位"],
    ["", "", "9.2", "市创强办牵头", "市政府办公室、市委宣传部、市质监局"],
)


def test_pseudo_rows_and_numbered_subtasks() -> None:
    records = _extract(TABLE_41_PSEUDO)
    assert _keys(records) == [
        ("市创强办", "lead", 1),
        ("市委宣传部", "responsible", 1),
        ("市政府办公室", "responsible", 2),
        ("市创强办", "lead", 1),
        ("市政府办公室", "responsible", 1),
        ("市委宣传部", "responsible", 2),
        ("市质监局", "responsible", 3),
    ]
    assert records[0].task == "(9.1)" and records[3].task == "(9.2)"


def test_tsv_table_sub_items_take_the_numbered_heading() -> None:
    # 003:594-597 (43号, work requirements shortened): (n) items under "15." take the task heading;
    # two lists in one cell pair with the two (n) items; identical records under one task count once.
    body = _tsv(
        ["行动", "任务", "工作要求", "责任单位"],
        [
            "(四)农业农村治理提升行动",
            "15. 加强养殖污染治理",
            "(18) 切实落实规模养殖场主体责任。",
            "各县(市、区)政府、市农业局",
        ],
        [
            "",
            "16. 加快农村环境综合整治",
            "(19) 深入推进水产养殖绿色发展。 (20) 全面推进农村生活污水处理。",
            "各县(市、区)政府、市水利局 各县(市、区)政府、市住建局",
        ],
    )
    records = _extract(body)
    assert _keys(records) == [
        ("各县(市、区)政府", "lead", 1),
        ("市农业局", "responsible", 2),
        ("各县(市、区)政府", "lead", 1),
        ("市水利局", "responsible", 2),
        ("市住建局", "responsible", 2),
    ]
    assert [r.task for r in records] == ["加强养殖污染治理"] * 2 + ["加快农村环境综合整治"] * 3


def test_tsv_lead_and_responsible_columns() -> None:
    # 003:1022-1025 and 1048 (43号 治土, contents shortened)
    body = _tsv(
        ["工作重点", "工作任务", "工作内容", "牵头单位", "责任单位"],
        [
            "(一)开展土壤环境质量调查行动",
            "1. 完成农用地及污染状况详查。",
            "(1)完成全市农用地详查。",
            "市国土局 市农业局",
            "市财政局、市环保局、市卫生计生委",
        ],
        ["", "19. 强化大宗工业固废监管。", "(21) 拓宽钢渣、钴渣等综合利用渠道。", "市环保局市经信委", ""],
    )
    assert _keys(_extract(body)) == [
        ("市国土局", "lead", 1),
        ("市农业局", "lead", 2),
        ("市财政局", "responsible", 1),
        ("市环保局", "responsible", 2),
        ("市卫生计生委", "responsible", 3),
        ("市环保局", "lead", 1),
        ("市经信委", "lead", 2),
    ]


def test_merged_agency_column_without_task_column_takes_the_title() -> None:
    # 003:833-841 (VOCs enterprises): the 责任单位 cell is merged per county; the task is the caption
    body = "全市71家涉VOCs排放 “散乱污”企业整治任务分工表\n\n" + _tsv(
        ["序号", "乡(镇)", "单位名称", "责任单位"],
        ["1", "衢州市东港园区柯城工业园", "衢州新汇彩印有限公司", "柯城区人民政府"],
        ["2", "衢州市东港园区柯城工业园", "浙江衢州盛元文创印业有限公司", ""],
        ["5", "衢江经济开发区", "衢州市九龙竹业有限公司", "衢江区人民政府"],
        ["6", "衢江经济开发区", "浙江宇铭建材有限公司", ""],
    )
    records = _extract(body)
    assert _keys(records) == [("柯城区人民政府", "lead", 1), ("衢江区人民政府", "lead", 1)]
    assert records[0].task == "全市71家涉VOCs排放“散乱污”企业整治"  # the caption without 任务分工表, as the gold has it


def test_blank_reporting_form_is_not_read() -> None:
    # 002:503-508 (38号 附件2): the progress column is left to be filled in
    body = _md(
        ["序号", "责任主体", "任务数(公里)", "项目名称", "计划长度(公里)", "实施进度情况", "备注"],
        ["----", "------------", "---------", "-----------------------------------", "----------", "--------", "----"],
        ["1", "柯城区", "10.7", "七里乡绿道一期", "0.8", "", ""],
        ["2", "", "", "衢州市江山沿江公路(柯城段)", "5.5", "", ""],
    )
    assert _extract(body) == []


def test_responsibility_subject_column_and_totals_row() -> None:
    # 002:463-468 (38号 附件1)
    body = _md(
        ["序号", "责任主体", "任务数(公里)", "项目名称", "绿道类型", "绿道等级", "计划长度(公里)"],
        [
            "----",
            "-----------------",
            "---------",
            "-----------------------------------",
            "------",
            "------",
            "----------",
        ],
        ["1", "柯城区", "10.7", "七里乡绿道一期", "郊野", "城市", "0.8"],
        ["2", "", "", "衢州市江山沿江公路(柯城段)", "郊野", "区域", "5.5"],
        ["14", "市住建局", "2.5", "书院大桥段绿道", "城镇", "城市", "2.3"],
        ["", "", "", "合计", "", "", "46.7"],
    )
    records = _extract(body)
    assert _keys(records) == [("柯城区", "lead", 1), ("柯城区", "lead", 1), ("市住建局", "lead", 1)]
    assert [r.task for r in records] == ["七里乡绿道一期", "衢州市江山沿江公路(柯城段)", "书院大桥段绿道"]


def test_section_label_above_a_table() -> None:
    # 001:1681-1686: 责任单位:X heads a table of items without agency column
    body = "责任单位:市经信委\n\n" + _tsv(
        ["事项序号", "事项名称", "实施机关", "改革方式", "任务清单"],
        [
            "60",
            "融资性担保公司的设立与变更审批",
            "省经信委",
            "提高透明度和可预期性",
            "2018年4月20日前,提出具体改革举措",
        ],
        ["64", "食盐定点生产企业证书的核发", "省经信委", "提高透明度和可预期性", ""],
    )
    records = _extract(body)
    assert _keys(records) == [("市经信委", "lead", 1), ("市经信委", "lead", 1)]
    assert [r.task for r in records] == ["融资性担保公司的设立与变更审批", "食盐定点生产企业证书的核发"]


def test_leader_column() -> None:
    # shape expected in other years (docs §7: indicator tables with leader columns)
    body = _md(
        ["序号", "工作任务", "责任领导", "牵头单位", "完成时限"],
        ["---", "---", "---", "---", "---"],
        ["1", "推进数字政府建设", "张三、李四", "市大数据局", "2020年底前"],
    )
    records = _extract(body)
    assert _keys(records) == [("张三", "lead_leader", 1), ("李四", "lead_leader", 2), ("市大数据局", "lead", 1)]
    assert records[0].task == "推进数字政府建设" and records[2].deadline == "2020年底前"


# --- property: never crash, spans always true to the raw text ----------------------------------

EXCERPTS = [
    "牵头领导:汤飞帆\n\n牵头部门:市国资委、交通运输局、住建局、财政局\n",
    "(责任单位:市政府办公室,市档案局、市级有关部门,各县〔市、\n\n区)政府)",
    "(牵头单位:市政府办公室;责任单位:市交通运输局、衢州日报社,阿里巴巴集团等)",
    TABLE_41,
    TABLE_33,
    _tsv(
        ["行动", "任务", "任务及要求", "牵头单位", "责任单位"],
        ["", "13.深化机动车污染治理", "(33)加强新车环保达标监管", "市公安局", ""],
    ),
    "市市场监管局作为注销企业工作的牵头部门,要会同相关部门",
    "排在第一位的为牵头单位,下同。(市发改委、市财政局)",
]
NOISE = st.text(
    alphabet=st.sampled_from(list("市局委办县区政府等牵头负责配合单位部门:：,，、;；()（）〔〕|\t\n -<p>/。1.")),
    max_size=80,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(before=NOISE, after=NOISE, excerpt=st.sampled_from(EXCERPTS))
def test_property_spans_inside_raw(before: str, after: str, excerpt: str) -> None:
    base = segment_issue(HEAD + "正文。\n").documents[0]
    raw = HEAD + before + excerpt + after
    document = dataclasses.replace(base, span=Span.of(raw, 0, len(raw)))
    records, findings = extract_responsibilities(raw, document)
    for r in records:
        _check_spans(raw, r)
        assert r.role in ("lead", "responsible", "support", "lead_leader")
        assert (r.agency is None) == (r.role == "lead_leader")
        assert r.position >= 1
    for f in findings:
        if f.span is not None:
            assert raw[f.span.start : f.span.end] == f.span.text


def _view_by_character(raw: str, start: int, end: int, keep_space: bool) -> tuple[str, tuple[int, ...]]:
    """The character-by-character reading ``view_of`` replaced on text without markup (the reference)."""
    chars: list[str] = []
    offsets: list[int] = []
    for i in range(start, end):
        if not raw[i].isspace():
            chars.append(raw[i])
            offsets.append(i)
        elif keep_space and chars and chars[-1] != " ":
            chars.append(" ")
            offsets.append(i)
    while chars and chars[-1] == " ":
        chars.pop()
        offsets.pop()
    return "".join(chars), tuple(offsets)


@given(
    st.text(alphabet="市财政局、 \n\t\u3000|,，牵头单位:", max_size=60),
    st.integers(min_value=0, max_value=60),
    st.integers(min_value=0, max_value=60),
    st.booleans(),
)
def test_a_view_without_markup_reads_as_character_by_character(raw: str, a: int, b: int, keep_space: bool) -> None:
    start, end = min(a, b, len(raw)), min(max(a, b), len(raw))
    view = view_of(raw, start, end, keep_space=keep_space)
    assert (view.text, view.offsets) == _view_by_character(raw, start, end, keep_space)


# --- conjunctions, role markers, label and header variants (audit gaps 11, 17) ---------------------


@pytest.mark.parametrize(
    ("text", "leads", "members", "role"),
    [
        # docs §6.4: `` and `` is a conversion artefact for 和
        ("市发改委 and 市财政局", [], ["市发改委", "市财政局"], "responsible"),
        ("市发改委和市财政局、市商务局", [], ["市发改委", "市财政局", "市商务局"], "responsible"),
        # a bracketed role after an item marks it, it is no alias
        ("市发改委（牵头）、市财政局、市商务局", ["市发改委"], ["市财政局", "市商务局"], "responsible"),
        ("市财政局、市发改委(牵头负责)", ["市发改委"], ["市财政局"], "responsible"),
        ("市发改委〔牵头〕、市财政局（配合）、市商务局（配合）", ["市发改委"], ["市财政局", "市商务局"], "support"),
    ],
)
def test_conjunctions_and_role_markers(text: str, leads: list[str], members: list[str], role: str) -> None:
    a = parse_assignment(view_of(text, 0, len(text), keep_space=True))
    assert a is not None and not a.junk
    assert [m.name for m in a.leads] == leads
    assert [m.name for m in a.members] == members
    assert a.member_role == role
    assert all(text[m.span.start : m.span.end] == m.span.text for m in a.mentions)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # 和 inside one name is no conjunction
        ("市住房和城乡建设局、市发展和改革委员会", ["市住房和城乡建设局", "市发展和改革委员会"]),
        ("市人力资源和社会保障局", ["市人力资源和社会保障局"]),
        # an alias bracket that is not a role stays with its organ
        ("市发改委(铁办)、市财政局", ["市发改委(铁办)", "市财政局"]),
        # 牵头 inside a name's bracket is not a role marker unless it is the whole bracket
        ("市治水办(牵头办公室)", ["市治水办(牵头办公室)"]),
    ],
)
def test_names_holding_conjunctions_or_brackets_stay_whole(text: str, names: list[str]) -> None:
    a = parse_assignment(view_of(text, 0, len(text)))
    assert a is not None and a.plain
    assert [m.name for m in a.members] == names


def test_lead_marker_in_a_responsible_list() -> None:
    records = _extract("(十一)推进改革。加强监管（责任单位：市发改委（牵头）、市财政局、市商务局）。")
    assert _keys(records) == [("市发改委", "lead", 1), ("市财政局", "responsible", 1), ("市商务局", "responsible", 2)]
    assert records[0].alias is None and records[0].span is not None and records[0].span.text == "市发改委"


def test_lead_and_support_markers_in_one_list() -> None:
    # SCHEMA.md: the marked lead leads, unmarked members are responsible, a (配合) member supports;
    # positions restart at 1 for each role, as for separate 牵头/责任/配合 lists
    records = _extract("(十一)推进改革。加强监管（责任单位：市发改委（牵头）、市财政局、市统计局（配合））。")
    assert _keys(records) == [("市发改委", "lead", 1), ("市财政局", "responsible", 1), ("市统计局", "support", 1)]
    records = _extract("13. 推进改革。\n责任单位：市发改委牵头，市财政局、市统计局（配合）、市商务局（配合）")
    assert _keys(records) == [
        ("市发改委", "lead", 1),
        ("市财政局", "responsible", 1),
        ("市统计局", "support", 1),
        ("市商务局", "support", 2),
    ]


def test_lead_and_support_markers_in_a_table_cell() -> None:
    table = _tsv(
        ["序号", "重点任务", "责任单位", "完成时间"],
        ["1", "完成燃煤锅炉淘汰", "市环保局（牵头）、市经信委、市统计局（配合）", "2018年6月"],
    )
    assert _keys(_extract(table)) == [
        ("市环保局", "lead", 1),
        ("市经信委", "responsible", 1),
        ("市统计局", "support", 1),
    ]


def test_a_support_tail_still_speaks_for_the_whole_list() -> None:
    # ``…配合`` / ``…等配合`` after the last item is no bracketed marker: every member supports
    for text in ("市发改委牵头，市财政局、市统计局配合", "市发改委牵头，市财政局、市统计局等配合"):
        records = _extract(f"13. 推进改革。\n责任单位：{text}")
        assert _keys(records) == [("市发改委", "lead", 1), ("市财政局", "support", 1), ("市统计局", "support", 2)]
    # a bracket that merely holds 配合 inside a longer name is an alias, no role marker
    records = _extract("13. 推进改革。\n责任单位：市发改委（牵头）、市财政局、市统计局（协调配合组）")
    assert [r.role for r in records] == ["lead", "responsible", "responsible"]


def test_and_artefact_in_a_bracketed_list() -> None:
    records = _extract("(十六)推进改革。加强监管(责任单位:市发改委 and 市财政局)。")
    assert _keys(records) == [("市发改委", "lead", 1), ("市财政局", "responsible", 2)]


@pytest.mark.parametrize("label", ["协同单位", "参与部门", "协同部门"])
def test_support_label_variants(label: str) -> None:
    records = _extract(f"13. 推进改革。\n牵头单位：市发改委\n{label}：市财政局、市商务局")
    assert _keys(records) == [("市发改委", "lead", 1), ("市财政局", "support", 1), ("市商务局", "support", 2)]


def test_unknown_label_gives_no_support() -> None:
    # 参与 as a verb in a sentence is not a label
    records = _extract("13. 推进改革。\n牵头单位：市发改委\n参与人员：张三、李四")
    assert _keys(records) == [("市发改委", "lead", 1)]


def test_research_topic_heading_is_the_task() -> None:
    body = (
        "现将课题印发给你们。\n\n衢州市人民政府办公室\n2018年4月7日\n\n"
        "课题一:乡村振兴研究\n联系领导:汤飞帆\n牵头部门:市政府办公室"
    )
    records = _extract(body)
    assert {r.task for r in records} == {"乡村振兴研究"}
    assert records[0].task_span is not None and records[0].task_span.text == "乡村振兴研究"


def test_tagged_lines_below_a_signature_date_take_no_task_from_it() -> None:
    body = "现将任务印发给你们。\n\n衢州市人民政府办公室\n2018年4月7日\n\n牵头部门:市政府办公室"
    records = _extract(body)
    assert [(r.task, r.agency) for r in records] == [(None, "市政府办公室")]


@pytest.mark.parametrize("header", ["主要责任单位", "具体责任单位", "主要牵头部门"])
def test_table_header_variants(header: str) -> None:
    table = _tsv(["序号", "重点任务", header, "完成时间"], ["1", "完成燃煤锅炉淘汰", "市环保局、市经信委", "2018年6月"])
    second = ("lead", 2) if "牵头" in header else ("responsible", 2)
    assert _keys(_extract(table)) == [("市环保局", "lead", 1), ("市经信委", *second)]


def test_table_header_that_is_not_an_agency_column() -> None:
    table = _tsv(
        ["序号", "重点任务", "主要责任", "完成时间"], ["1", "完成燃煤锅炉淘汰", "市环保局、市经信委", "2018年6月"]
    )
    assert _extract(table) == []


def test_paragraphs_of_one_cell_are_one_list() -> None:
    table = _md(
        ["序号", "任务", "责任单位"], ["---", "---", "---"], ["1", "完成燃煤锅炉淘汰", "<p>市环保局</p><p>市经信委</p>"]
    )
    assert _keys(_extract(table)) == [("市环保局", "lead", 1), ("市经信委", "responsible", 2)]


def test_paragraphs_of_one_cell_still_pair_with_sub_items() -> None:
    table = _md(
        ["序号", "任务", "责任单位"],
        ["---", "---", "---"],
        ["1", "<p>(1)完成燃煤锅炉淘汰</p><p>(2)推进VOCs治理</p>", "<p>市环保局</p><p>市经信委</p>"],
    )
    assert [(r.task, r.agency, r.role, r.position) for r in _extract(table)] == [
        ("完成燃煤锅炉淘汰", "市环保局", "lead", 1),
        ("推进VOCs治理", "市经信委", "lead", 1),
    ]


@pytest.mark.parametrize("number", ["(８)", "（８）", "８.", "８、"])
def test_full_width_item_numbers_are_not_part_of_the_task(number: str) -> None:
    table = _tsv(["序号", "重点任务", "责任单位"], ["１", f"{number}城市人均道路面积", "市交通运输局"])
    assert [(r.task, r.agency) for r in _extract(table)] == [("城市人均道路面积", "市交通运输局")]


@pytest.mark.parametrize(
    ("caption", "task"),
    [
        ("全市71家涉VOCs排放“散乱污”企业整治任务分工表", "全市71家涉VOCs排放“散乱污”企业整治"),
        ("2018年民生实事项目责任分解表", "2018年民生实事项目"),
        ("重点工作一览表", "重点工作"),
        ("数据共享需求清单", "数据共享需求清单"),  # a list that is itself the work: kept
        ("任务分工表", "任务分工表"),  # nothing but the word for the table: kept
    ],
)
def test_a_caption_task_leaves_out_the_word_for_the_table(caption: str, task: str) -> None:
    table = caption + "\n\n" + _tsv(["序号", "企业名称", "责任单位"], ["1", "浙江某某化工有限公司", "柯城区人民政府"])
    records = _extract(table)
    assert [(r.task, r.agency) for r in records] == [(task, "柯城区人民政府")]
    assert all(r.task_span is None or r.task_span.text.replace(" ", "") == task for r in records)
