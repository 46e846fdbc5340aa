"""Leading groups and committees on real excerpts (002:140–195, 002:1428–1445, 003:380–415, 003:1700–1735,
003:1960, 003:2179) and on the forms of other years."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.groups import extract_groups
from extractors.records import DocNumber, Document, Span
from extractors.segment import segment_issue


def _members(raw: str):
    out, findings = [], []
    for document in segment_issue(raw).documents:
        members, found = extract_groups(raw, document)
        for m in members:
            for span in (m.group_span, m.role_span, m.person_span, m.affiliation_span, m.evidence):
                assert span is None or raw[span.start : span.end] == span.text
        out += members
        findings += found
    return out, findings


def _rows(raw: str) -> list[tuple]:
    return [(m.group, m.role, m.person, m.affiliation) for m in _members(raw)[0]]


# 002:92–192, shortened: an office with no person, padded names and labels, indented lines, a page break,
# the office sentence; the body's description of the same group gives nothing more.
CENSUS = """衢州市人民政府关于 开展第四次经济普查的通知

衢政发〔2018〕15号

各县(市、区)人民政府,市政府各部门、直属各单位:

为加强对普查工作的组织和领导,市政府成立衢州市第四次经济普查领导小组,负责普查组织和实施中重大问题的研究和决策。普查领导小组由常务副市长担任组长,成员单位包括市委宣传部、市编办、市统计局。

附件:衢州市第四次经济普查领导小组成员名单

衢州市人民政府
2018年5月4日

附件

衢州市第四次经济普查领导小组成员名单

组 长:常务副市长

副组长:占 璠(市政府)

潘 佶(市统计局)

成 员:毕 茗(市委宣传部)

蓝水高(市教育局)
 毛水丰(市科技局)

徐长友(市质监局)
 王苏仙(市统计局)

领导小组办公室设在市统计局,王苏仙兼任办公室主任。
"""

CENSUS_GROUP = "衢州市第四次经济普查领导小组"


def test_list_with_office_only_leader_padded_names_and_office_director() -> None:
    g = CENSUS_GROUP
    assert _rows(CENSUS) == [
        (g, "组长", None, "常务副市长"),
        (g, "副组长", "占璠", "市政府"),
        (g, "副组长", "潘佶", "市统计局"),
        (g, "成员", "毕茗", "市委宣传部"),
        (g, "成员", "蓝水高", "市教育局"),
        (g, "成员", "毛水丰", "市科技局"),
        (g, "成员", "徐长友", "市质监局"),
        (g, "成员", "王苏仙", "市统计局"),
        (g, "办公室主任", "王苏仙", "市统计局"),
    ]
    members = _members(CENSUS)[0]
    assert members[1].person_span is not None and members[1].person_span.text == "占 璠"
    assert members[-1].source == "office" and members[-1].office_host == "市统计局"


# 002:1428–1444: a two-column page flattened into a markdown table; cells are ``name unit``.
PLATFORM = """衢州市人民政府办公室关于促进衢州市 创新创业平台发展的若干政策意见(试行)

衢政办发〔2018〕42号

各县(市、区)人民政府,市政府各部门、直属各单位:

(一)市政府成立衢州市创新创业平台领导小组,由市政府主要领导任组长,市政府常务副市长、分管副市长任副组长,成员单位为市委人才办、市智慧办等单位负责人(详见附件)。

附件:衢州市创新创业平台领导小组名单

衢州市人民政府办公室
2018年5月29日

(此件公开发布)

附件

衢州市创新创业平台领导小组名单

| | |
|--------------|---------------------------|
| 组 长:汤飞帆 市政府 | 吴招明 市人力社保局 |
| 副组长:市政府常务副市长 | 夏汝红 市环保局 |
| 王良春 市政府 | 方 法 市商务局 |
| 成 员:王良海 市政府 | 郑河江 衢州绿色产业集聚区 |
| 张 钢 市智慧办 | 俞根君 市协作办(招商局) |
| 吴自力 市国资委 | 领导小组下设办公室,办公室设在市协作办(招商局), |
| | 俞根君同志兼任办公室主任,徐东同志任办公室副主任。 |
"""


def test_two_column_table_read_left_then_right() -> None:
    g = "衢州市创新创业平台领导小组"
    assert _rows(PLATFORM) == [
        (g, "组长", "汤飞帆", "市政府"),
        (g, "副组长", None, "市政府常务副市长"),
        (g, "副组长", "王良春", "市政府"),
        (g, "成员", "王良海", "市政府"),
        (g, "成员", "张钢", "市智慧办"),
        (g, "成员", "吴自力", "市国资委"),
        (g, "成员", "吴招明", "市人力社保局"),
        (g, "成员", "夏汝红", "市环保局"),
        (g, "成员", "方法", "市商务局"),
        (g, "成员", "郑河江", "衢州绿色产业集聚区"),
        (g, "成员", "俞根君", "市协作办(招商局)"),
        (g, "办公室主任", "俞根君", "市协作办(招商局)"),
        (g, "办公室副主任", "徐东", None),
    ]
    assert {m.layout for m in _members(PLATFORM)[0]} == {"table"}


# 003:364, 003:376–414, shortened: a description in the body is not counted when the attachment lists the group.
ACRE = """衢州市人民政府关于深化“亩均论英雄”改革的实施意见

衢政发〔2018〕18号

各县(市、区)人民政府,市政府各部门、直属各单位:

(一)加强组织领导。建立由市政府主要领导任组长,市政府分管领导任副组长,市级有关单位主要负责人为成员的市深化“亩均论英雄”改革工作领导小组,重点研究协调深化“亩均论英雄”改革工作的重大事宜。

衢州市人民政府

2018年6月21日

附件

衢州市深化“亩均论英雄” 改革工作领导小组成员名单

组 长:汤飞帆(市政府)
副组长:王良春(市政府)
成 员:王良海(市政府)
市政府分管副秘书长
毛卓战(市经信委)
方 法(市商务局)

周 丽(市人行)

领导小组办公室设在市经信委,毛卓战兼任办公室主任,郑立纲任办公室副主任。
"""


def test_office_in_the_member_list_and_directors_without_a_member_line() -> None:
    g = "衢州市深化“亩均论英雄”改革工作领导小组"
    assert _rows(ACRE) == [
        (g, "组长", "汤飞帆", "市政府"),
        (g, "副组长", "王良春", "市政府"),
        (g, "成员", "王良海", "市政府"),
        (g, "成员", None, "市政府分管副秘书长"),
        (g, "成员", "毛卓战", "市经信委"),
        (g, "成员", "方法", "市商务局"),
        (g, "成员", "周丽", "市人行"),
        (g, "办公室主任", "毛卓战", "市经信委"),
        (g, "办公室副主任", "郑立纲", None),
    ]


# 003:1703–1731: the group is named by the sentence that sets it up; several office deputies.
PLANNING = """衢州市人民政府办公室 关于成立衢州市规划委员会的通知

衢政办发〔2018〕44号

各县(市、区)人民政府,市政府各部门、直属各单位:

为进一步深化规划的战略引领和刚性控制作用,市政府决定成立衢州市规划委员会。现将组成人员名单通知如下:

主任:汤飞帆(市政府)

副主任:毛建民(市政府)

成 员:谢剑锋(市发改委)

徐常青(市国土局)

徐 骋(市规划局)

市规划委员会办公室设在市规划局,徐骋同志兼任办公室主任,谢剑锋、徐常青同志兼任办公室副主任。

市规划委员会参会对象采取“固定+弹性”的“1+n+x”模式确定。

衢州市人民政府办公室
"""


def test_committee_named_by_its_setup_sentence() -> None:
    g = "衢州市规划委员会"
    assert _rows(PLANNING) == [
        (g, "主任", "汤飞帆", "市政府"),
        (g, "副主任", "毛建民", "市政府"),
        (g, "成员", "谢剑锋", "市发改委"),
        (g, "成员", "徐常青", "市国土局"),
        (g, "成员", "徐骋", "市规划局"),
        (g, "办公室主任", "徐骋", "市规划局"),
        (g, "办公室副主任", "谢剑锋", "市发改委"),
        (g, "办公室副主任", "徐常青", "市国土局"),
    ]


# 003:1933–1960 and 003:2179: groups described by office and member units, with no member list.
DESCRIBED = """关于印发《衢州市重点企业研究院 认定管理实施办法》的通知

衢市科发高[2018]45号

各县(市、区)科技局,市级各单位:

二、认定程序

(一)市重点企业研究院建设领导小组(市政府分管领导任组长,市科技局、市财政局、市经信委为成员单位)负责市重点企业研究院认定工作,下设办公室在市科技局,负责日常工作。

(二)市级产业技术创新公共服务平台(产业创新服务综合体)建设领导小组(由市政府分管领导任组长,市科技局、市农业局为成员单位)负责认定工作。
"""


def test_groups_described_in_a_sentence() -> None:
    g1 = "市重点企业研究院建设领导小组"
    g2 = "市级产业技术创新公共服务平台(产业创新服务综合体)建设领导小组"
    assert _rows(DESCRIBED) == [
        (g1, "组长", None, "市政府分管领导"),
        (g1, "成员单位", None, "市科技局"),
        (g1, "成员单位", None, "市财政局"),
        (g1, "成员单位", None, "市经信委"),
        (g2, "组长", None, "市政府分管领导"),
        (g2, "成员单位", None, "市科技局"),
        (g2, "成员单位", None, "市农业局"),
    ]
    assert {m.source for m in _members(DESCRIBED)[0]} == {"description"}


# Other years: several groups in one notice, 委员/召集人/成员单位 labels, an office held by an office.
SEVERAL = """衢州市人民政府办公室关于调整市政府议事协调机构的通知

衢政办发〔2020〕30号

各县(市、区)人民政府,市政府各部门、直属各单位:

经市政府同意,现将调整后的议事协调机构组成人员名单通知如下:

一、衢州市安全生产委员会

主 任:张 三(市政府)
副主任:市政府分管副秘书长
委 员:李四(市应急管理局)、王五(市公安局)

委员会办公室设在市应急管理局,办公室主任由市应急管理局局长兼任。

二、衢州市河长制工作联席会议

召集人:钱七(市政府)
成员单位:市水利局、市生态环境局。

三、衢州市数字化改革工作专班

组 长:周九
成 员:吴十、郑一

衢州市人民政府办公室

2020年5月2日
"""


def test_several_groups_in_one_notice() -> None:
    a, b, c = "衢州市安全生产委员会", "衢州市河长制工作联席会议", "衢州市数字化改革工作专班"
    assert _rows(SEVERAL) == [
        (a, "主任", "张三", "市政府"),
        (a, "副主任", None, "市政府分管副秘书长"),
        (a, "委员", "李四", "市应急管理局"),
        (a, "委员", "王五", "市公安局"),
        (a, "办公室主任", None, "市应急管理局局长"),
        (b, "召集人", "钱七", "市政府"),
        (b, "成员单位", None, "市水利局"),
        (b, "成员单位", None, "市生态环境局"),
        (c, "组长", "周九", None),
        (c, "成员", "吴十", None),
        (c, "成员", "郑一", None),
    ]


def test_unnamed_joint_meeting_and_task_labels_give_nothing() -> None:
    raw = """衢州市人民政府办公室关于印发衢州市2018年度绿道网建设工作实施方案的通知

衢政办发〔2018〕38号

各县(市、区)人民政府,市政府各部门、直属各单位:

(一)健全工作机制。市级层面建立由建设部门牵头,规划、交通、水利等部门为成员单位的联席会议制度,定期召开工作会议。

1. 深入推进“最多跑一次”改革
牵头领导:汤飞帆
牵头部门:市行政服务中心
"""
    assert _members(raw) == ([], [])


def _document(raw: str, title: str) -> Document:
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
        span=Span(0, len(raw), raw),
    )


_EXCERPTS = [CENSUS, PLATFORM, ACRE, PLANNING, DESCRIBED, SEVERAL]
_NOISE = st.text(
    alphabet=st.sampled_from(list("组长成员主任:(),、。 \n\t|-领导小组委员会张三市局办公室设在兼任")), max_size=80
)


@settings(max_examples=150, deadline=None)
@given(before=_NOISE, after=_NOISE, pick=st.integers(0, len(_EXCERPTS) - 1), cut=st.integers(0, 400))
def test_random_text_around_real_excerpts(before: str, after: str, pick: int, cut: int) -> None:
    raw = before + _EXCERPTS[pick][cut:] + after
    members, findings = extract_groups(raw, _document(raw, "关于成立领导小组的通知"))
    for m in members:
        for span in (m.group_span, m.role_span, m.person_span, m.affiliation_span, m.evidence):
            if span is not None:
                assert 0 <= span.start <= span.end <= len(raw)
                assert raw[span.start : span.end] == span.text
        assert m.role and (m.person or m.affiliation)
    for f in findings:
        assert f.span is None or raw[f.span.start : f.span.end] == f.span.text


def test_posts_beside_names_and_an_ordering_note() -> None:
    raw = """衢州市人民政府办公室关于成立衢州市亚运会筹备工作领导小组的通知

衢政办发〔2021〕7号

各县(市、区)人民政府,市政府各部门、直属各单位:

组 长:汤飞帆 市长
成 员:(按姓氏笔画排序)
王良海 市政府秘书长
吴自力(市国资委)
"""
    g = "衢州市亚运会筹备工作领导小组"
    assert _rows(raw) == [
        (g, "组长", "汤飞帆", "市长"),
        (g, "成员", "王良海", "市政府秘书长"),
        (g, "成员", "吴自力", "市国资委"),
    ]


def test_inline_member_list_broken_by_a_page() -> None:
    raw = """衢州市人民政府办公室关于调整衢州市食品安全委员会组成人员的通知

衢政办发〔2021〕9号

各县(市、区)人民政府,市政府各部门、直属各单位:

主 任:汤飞帆(市政府)
委 员:吴自力(市国资委)、王 平(市市场

监管局)、周俊

(市委宣传部)、李明(市公安局)
"""
    g = "衢州市食品安全委员会"
    assert _rows(raw) == [
        (g, "主任", "汤飞帆", "市政府"),
        (g, "委员", "吴自力", "市国资委"),
        (g, "委员", "王平", "市市场监管局"),
        (g, "委员", "周俊", "市委宣传部"),
        (g, "委员", "李明", "市公安局"),
    ]


def _list(lines: str) -> str:
    return (
        "衢州市人民政府关于开展第四次经济普查的通知\n\n衢政发〔2018〕15号\n\n各县(市、区)人民政府:\n\n正文。\n\n"
        "衢州市人民政府\n2018年5月4日\n\n附件\n\n衢州市安全生产委员会成员名单\n\n" + lines + "\n"
    )


def test_labels_padded_with_a_run_of_spaces() -> None:
    rows = _rows(_list("组  长：汤飞帆（市政府）\n副　组　长：占　璠（市政府）\n成　　员：毛建民（市委宣传部）"))
    assert [(r, p, a) for _, r, p, a in rows] == [
        ("组长", "汤飞帆", "市政府"),
        ("副组长", "占璠", "市政府"),
        ("成员", "毛建民", "市委宣传部"),
    ]


def test_secretary_general_and_ranked_deputies_keep_the_block_whole() -> None:
    rows = _rows(
        _list(
            "主　任：汤飞帆（市长）\n常务副主任：毛建民（常务副市长）\n执行副主任：王五（副市长）\n"
            "第一副主任：赵六（副市长）\n秘书长：张三（市应急管理局局长）\n副秘书长：钱七（市政府副秘书长）\n"
            "委　员：李四（市财政局局长）"
        )
    )
    assert [(r, p) for _, r, p, _ in rows] == [
        ("主任", "汤飞帆"),
        ("常务副主任", "毛建民"),
        ("执行副主任", "王五"),
        ("第一副主任", "赵六"),
        ("秘书长", "张三"),
        ("副秘书长", "钱七"),
        ("委员", "李四"),
    ]


def test_secretary_general_in_running_text_is_not_a_label() -> None:
    raw = _list("秘书长说明如下。\n委员会下设办公室。")
    assert _rows(raw) == []


def test_name_comma_post_is_one_seat() -> None:
    rows = _rows(_list("组长：汤飞帆，市长\n成员：张三，市财政局局长；\n李四，市统计局"))
    assert [(r, p, a) for _, r, p, a in rows] == [
        ("组长", "汤飞帆", "市长"),
        ("成员", "张三", "市财政局局长"),
        ("成员", "李四", "市统计局"),
    ]


def test_two_names_with_a_comma_stay_two_people() -> None:
    rows = _rows(_list("组长：汤飞帆\n成员：张三，李四"))
    assert [(r, p, a) for _, r, p, a in rows] == [
        ("组长", "汤飞帆", None),
        ("成员", "张三", None),
        ("成员", "李四", None),
    ]


def _notice(title: str, body: str) -> str:
    return (
        f"{title}\n\n衢政办发〔2021〕12号\n\n各县（市、区）人民政府，市政府各部门、直属各单位：\n\n{body}\n"
        "衢州市人民政府办公室\n\n2021年3月5日\n"
    )


def test_name_post_rows_with_unlabelled_continuation_lines_and_page_broken_post() -> None:
    raw = _notice(
        "衢州市人民政府办公室关于成立衢州市亚运会城市行动工作领导小组的通知",
        "市政府决定成立衢州市亚运会城市行动工作领导小组。现将组成人员名单通知如下：\n\n"
        "组　长：汤飞帆　市长\n副组长：张海波　市政府副市长\n　　　　李国强　市政府副秘书长\n"
        "成　员：王建军（市发改委主任）\n　　　　赵文斌（市体育局\n\n局长）\n　　　　钱志红（市财政局局长）\n\n"
        "领导小组办公室设在市体育局，赵文斌同志兼任办公室主任。\n",
    )
    g = "衢州市亚运会城市行动工作领导小组"
    assert _rows(raw) == [
        (g, "组长", "汤飞帆", "市长"),
        (g, "副组长", "张海波", "市政府副市长"),
        (g, "副组长", "李国强", "市政府副秘书长"),
        (g, "成员", "王建军", "市发改委主任"),
        (g, "成员", "赵文斌", "市体育局局长"),
        (g, "成员", "钱志红", "市财政局局长"),
        (g, "办公室主任", "赵文斌", "市体育局局长"),
    ]


def test_an_open_parenthesis_closed_on_the_next_page_does_not_swallow_the_following_lines() -> None:
    raw = _list(
        "成　员：赵文斌（市体育局\n\n局长）\n钱志红（市财政局局长）\n领导小组办公室设在市体育局。\n附件说明：另行通知"
    )
    assert [p for _, _, p, _ in _rows(raw)] == ["赵文斌", "钱志红"]


def test_names_parted_by_spaces_and_the_adjusted_group_of_the_sentence() -> None:
    raw = _notice(
        "衢州市人民政府办公室关于调整衢州市扫黑除恶专项斗争领导小组成员的通知",
        "根据工作需要，现将调整后的衢州市扫黑除恶专项斗争领导小组成员名单通知如下：\n\n"
        "组　长：汤飞帆\n副组长：张海波　李国强\n成　员：王建军　赵文斌　钱志红　孙　丽\n",
    )
    g = "衢州市扫黑除恶专项斗争领导小组"
    assert _rows(raw) == [
        (g, "组长", "汤飞帆", None),
        (g, "副组长", "张海波", None),
        (g, "副组长", "李国强", None),
        (g, "成员", "王建军", None),
        (g, "成员", "赵文斌", None),
        (g, "成员", "钱志红", None),
        (g, "成员", "孙丽", None),
    ]


def test_words_parted_by_spaces_are_not_names() -> None:
    rows = _rows(_list("组　长：汤飞帆\n成　员：统筹　协调　推进\n王建军　赵文斌"))
    assert [(r, p) for _, r, p, _ in rows] == [("组长", "汤飞帆")]


def test_two_name_post_seats_on_one_line_and_a_post_with_a_comma() -> None:
    rows = _rows(_list("组　长：汤飞帆　市委副书记、市长\n副组长：张海波　市政府副市长、李国强　市政府副秘书长\n"))
    assert [(r, p, a) for _, r, p, a in rows] == [
        ("组长", "汤飞帆", "市委副书记、市长"),
        ("副组长", "张海波", "市政府副市长"),
        ("副组长", "李国强", "市政府副秘书长"),
    ]


def test_one_name_with_two_units_stays_one_seat() -> None:
    rows = _rows(_list("成　员：张海波　市财政局、市统计局"))
    assert [(r, p, a) for _, r, p, a in rows] == [("成员", "张海波", "市财政局、市统计局")]


def test_concurrent_note_is_no_affiliation() -> None:
    rows = _rows(
        _list(
            "组　长：汤飞帆　市长\n成　员：王建军　市发改委主任\n办公室主任：王建军（兼）\n办公室副主任：赵文斌（兼）"
        )
    )
    assert [(r, p, a) for _, r, p, a in rows] == [
        ("组长", "汤飞帆", "市长"),
        ("成员", "王建军", "市发改委主任"),
        ("办公室主任", "王建军", "市发改委主任"),
        ("办公室副主任", "赵文斌", None),
    ]
