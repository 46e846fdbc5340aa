"""Personnel changes on real notices (002:1446–1500, 001:3215–3240) and on the forms of other years."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.personnel import extract_personnel, is_personnel_notice
from extractors.posts import split_post
from extractors.segment import segment_issue


def _changes(raw: str):
    seg = segment_issue(raw)
    out = []
    for document in seg.documents:
        changes, findings = extract_personnel(raw, document)
        out.append((document, changes, findings))
    return out


def _rows(raw: str) -> list[tuple]:
    return [
        (c.action, c.person, c.post, c.organization, c.title, c.post_type, c.qualifier, c.concurrent)
        for _, changes, _ in _changes(raw)
        for c in changes
    ]


REMOVAL_LIST = """衢州市人民政府关于 应建忠等同志免职的通知

衢政干〔2018〕4号

市政府研究决定,免去:
应建忠同志的衢州市安全生产监督管理局调研员职务;
王小平同志的衢州市公安局副调研员职务;
麻超同志的衢州市人民政府副秘书长职务(挂职期满)。

衢州市人民政府
2018年4月24日
"""


def test_removal_list_introduced_once() -> None:
    assert _rows(REMOVAL_LIST) == [
        (
            "remove",
            "应建忠",
            "衢州市安全生产监督管理局调研员",
            "衢州市安全生产监督管理局",
            "调研员",
            "position",
            None,
            False,
        ),
        ("remove", "王小平", "衢州市公安局副调研员", "衢州市公安局", "副调研员", "position", None, False),
        ("remove", "麻超", "衢州市人民政府副秘书长", "衢州市人民政府", "副秘书长", "position", "挂职期满", False),
    ]
    ((_, changes, _),) = _changes(REMOVAL_LIST)
    assert {c.decided_by for c in changes} == {"市政府"}
    assert all(c.layout == "prose" for c in changes)


def test_spans_point_at_the_raw_text() -> None:
    for _, changes, _ in _changes(REMOVAL_LIST):
        for c in changes:
            assert REMOVAL_LIST[c.person_span.start : c.person_span.end] == c.person
            assert c.post in REMOVAL_LIST[c.evidence.start : c.evidence.end].replace("\n", "")


CONCURRENT = """衢州市人民政府关于 季根寿同志职务任免的通知

衢政干〔2018〕8 号

市政府研究决定：

季根寿同志兼任衢州市食品安全委员会办公室副主任，免去其衢州市人民政府副秘书长职务。

衢州市人民政府
2018 年 5 月 24 日
"""


def test_concurrent_appointment_and_pronoun_removal() -> None:
    assert _rows(CONCURRENT) == [
        (
            "appoint",
            "季根寿",
            "衢州市食品安全委员会办公室副主任",
            "衢州市食品安全委员会办公室",
            "副主任",
            "position",
            None,
            True,
        ),
        ("remove", "季根寿", "衢州市人民政府副秘书长", "衢州市人民政府", "副秘书长", "position", None, False),
    ]


SCRAMBLED_TABLE = """衢州市人民政府关于 朱云福等同志职务任免的通知

衢政干〔2018〕7号

| | |
|-------------------------|---------------------|
| 市政府研究决定: | 舒富良同志的衢州市司法局调研员职务; |
| 朱云福同志任衢州市教育局副调研员。 | 周海土同志的衢州市财政局副调研员职务。 |
| 免去: | |
| 毛胜田同志兼任的衢州行政学院副院长职务; | 衢州市人民政府 |
| 朱云福同志的衢州市教育局副局长职务; | 2018年5月24日 |
| 陈根成同志兼任的衢州市食品安全委员会办公室副主 | |
| 任职务; | (此件公开发布) |
"""


def test_two_column_table_read_column_by_column() -> None:
    rows = _rows(SCRAMBLED_TABLE)
    assert [(r[0], r[1], r[2], r[7]) for r in rows] == [
        ("appoint", "朱云福", "衢州市教育局副调研员", False),
        ("remove", "毛胜田", "衢州行政学院副院长", True),
        ("remove", "朱云福", "衢州市教育局副局长", False),
        ("remove", "陈根成", "衢州市食品安全委员会办公室副主任", True),
        ("remove", "舒富良", "衢州市司法局调研员", False),
        ("remove", "周海土", "衢州市财政局副调研员", False),
    ]
    ((_, changes, _),) = _changes(SCRAMBLED_TABLE)
    assert all(c.layout == "table" for c in changes)


ELECTION = """衢州市人民政府 关于徐中华等同志任职的通知

衢政干〔2018〕6号

经研究,市政府同意衢州市残疾人联合会第七次 代会第七届主席团执行理事会副理事长。
代表大会选举结果:

| | |
|-----------------------|------------|
| 徐中华同志任衢州市残疾人联合会第七届主席 | 衢州市人民政府 |
| 团执行理事会理事长; | 2018年5月23日 |
| 王文彪、姜小明、吴耀伟同志任衢州市残疾人联 | (此件公开发布) |
"""


def test_election_with_a_post_cut_by_the_column_break() -> None:
    rows = _rows(ELECTION)
    organization = "衢州市残疾人联合会第七届主席团执行理事会"
    assert [(r[1], r[2], r[3], r[4]) for r in rows] == [
        ("徐中华", organization + "理事长", organization, "理事长"),
        ("王文彪", organization + "副理事长", organization, "副理事长"),
        ("姜小明", organization + "副理事长", organization, "副理事长"),
        ("吴耀伟", organization + "副理事长", organization, "副理事长"),
    ]
    ((_, changes, findings),) = _changes(ELECTION)
    assert changes[0].decided_by == "市政府"
    assert not findings


GRADES = """衢州市人民政府办公室关于王明等同志职务职级任免的通知

衢政办干〔2022〕3号

市政府办公室党组研究决定:
王明同志任衢州市人民政府驻杭州办事处副主任(正科长级、试用期一年)、一级主任科员;
李华、张小红同志任衢州市大数据发展管理局四级调研员;
免去赵强同志的衢州市财政局三级主任科员职级;
刘平同志不再担任衢州市统计局副局长职务。

衢州市人民政府办公室
2022年9月25日
"""


def test_grades_post_and_grade_in_one_clause_and_party_group_decision() -> None:
    assert _rows(GRADES) == [
        (
            "appoint",
            "王明",
            "衢州市人民政府驻杭州办事处副主任",
            "衢州市人民政府驻杭州办事处",
            "副主任",
            "position",
            "正科长级、试用期一年",
            False,
        ),
        (
            "appoint",
            "王明",
            "衢州市人民政府驻杭州办事处一级主任科员",
            "衢州市人民政府驻杭州办事处",
            "一级主任科员",
            "grade",
            None,
            False,
        ),
        (
            "appoint",
            "李华",
            "衢州市大数据发展管理局四级调研员",
            "衢州市大数据发展管理局",
            "四级调研员",
            "grade",
            None,
            False,
        ),
        (
            "appoint",
            "张小红",
            "衢州市大数据发展管理局四级调研员",
            "衢州市大数据发展管理局",
            "四级调研员",
            "grade",
            None,
            False,
        ),
        ("remove", "赵强", "衢州市财政局三级主任科员", "衢州市财政局", "三级主任科员", "grade", None, False),
        ("remove", "刘平", "衢州市统计局副局长", "衢州市统计局", "副局长", "position", None, False),
    ]
    ((_, changes, _),) = _changes(GRADES)
    assert {c.decided_by for c in changes} == {"市政府办公室党组"}


def test_unknown_title_is_reported_not_guessed() -> None:
    raw = (
        "衢州市人民政府关于王明同志任职的通知\n\n衢政干〔2022〕9号\n\n市政府研究决定:\n"
        "王明同志任衢州市某某中心首席数据官。\n\n衢州市人民政府\n2022年9月25日\n"
    )
    ((_, changes, findings),) = _changes(raw)
    assert [(c.post, c.title_known) for c in changes] == [("衢州市某某中心首席数据官", False)]
    assert [f.code for f in findings] == ["unknown-post-title"]


def test_group_office_appointments_are_not_personnel_notices() -> None:
    raw = (
        "衢州市人民政府关于开展第四次经济普查的通知\n\n衢政发〔2018〕15号\n\n各县(市、区)人民政府:\n\n"
        "领导小组办公室设在市统计局,王苏仙同志兼任办公室主任。\n\n衢州市人民政府\n2018年5月4日\n"
    )
    ((document, changes, _),) = _changes(raw)
    assert not is_personnel_notice(document)
    assert changes == []


def test_split_post() -> None:
    split = split_post("衢州市残疾人联合会第七届主席团执行理事会理事长")
    assert (split.organization, split.title, split.post_type) == (
        "衢州市残疾人联合会第七届主席团执行理事会",
        "理事长",
        "position",
    )
    assert split_post("衢州市财政局四级调研员").post_type == "grade"
    assert split_post("衢州市财政局副调研员(试用期一年)").qualifier == "试用期一年"


_noise = st.text(alphabet="同志任免去的职务级、,;。:()（）兼其市局副主任调研员一二三四王李张\n| ", max_size=40)


@settings(max_examples=150, deadline=None)
@given(_noise, _noise, st.sampled_from([REMOVAL_LIST, CONCURRENT, SCRAMBLED_TABLE, ELECTION, GRADES]))
def test_random_text_around_real_notices(before: str, after: str, notice: str) -> None:
    head, _, tail = notice.partition("\n\n")
    number, _, body = tail.partition("\n\n")
    raw = f"{head}\n\n{number}\n\n{before}\n{body}{after}"
    for _, changes, findings in _changes(raw):
        for c in changes:
            for span in (c.person_span, c.post_span, c.evidence):
                assert 0 <= span.start <= span.end <= len(raw)
                assert raw[span.start : span.end] == span.text
        for finding in findings:
            if finding.span:
                assert raw[finding.span.start : finding.span.end] == finding.span.text


def _notice(body: str, formula: str = "市政府研究决定:") -> str:
    head = "衢州市人民政府关于张三等同志职务任免的通知\n\n衢政干〔2019〕3号"
    return f"{head}\n\n{formula}\n{body}\n\n衢州市人民政府\n2019年5月4日\n"


def test_appointment_closed_by_职务_keeps_it_out_of_the_post() -> None:
    assert _rows(
        _notice("张三同志任衢州市财政局副局长职务（试用期一年）；\n李四同志任衢州市财政局党组书记、局长职务。")
    ) == [
        ("appoint", "张三", "衢州市财政局副局长", "衢州市财政局", "副局长", "position", "试用期一年", False),
        ("appoint", "李四", "衢州市财政局党组书记", "衢州市财政局", "党组书记", "position", None, False),
        ("appoint", "李四", "衢州市财政局局长", "衢州市财政局", "局长", "position", None, False),
    ]


def test_verbs_other_than_任_and_names_with_a_dot() -> None:
    body = (
        "张钢同志兼衢州市财政局副局长；\n王五同志挂职任衢州市人民政府副秘书长(挂职时间一年)；\n"
        "阿依·买买提同志任衢州市商务局副局长；\n赵六同志晋升为衢州市财政局一级主任科员；\n"
        "解聘李四同志的衢州学院副院长职务。"
    )
    assert _rows(_notice(body)) == [
        ("appoint", "张钢", "衢州市财政局副局长", "衢州市财政局", "副局长", "position", None, True),
        ("appoint", "王五", "衢州市人民政府副秘书长", "衢州市人民政府", "副秘书长", "position", "挂职时间一年", False),
        ("appoint", "阿依·买买提", "衢州市商务局副局长", "衢州市商务局", "副局长", "position", None, False),
        ("appoint", "赵六", "衢州市财政局一级主任科员", "衢州市财政局", "一级主任科员", "grade", None, False),
        ("remove", "李四", "衢州学院副院长", "衢州学院", "副院长", "position", None, False),
    ]


def test_names_without_同志_after_an_explicit_verb_or_header() -> None:
    anchored = _notice(
        "任命张\n\n三为衢州市财政局副局长；\n免去李四的衢州市财政局副局长职务；\n解聘王小明的衢州学院副院长职务。"
    )
    assert _rows(anchored) == [
        ("appoint", "张三", "衢州市财政局副局长", "衢州市财政局", "副局长", "position", None, False),
        ("remove", "李四", "衢州市财政局副局长", "衢州市财政局", "副局长", "position", None, False),
        ("remove", "王小明", "衢州学院副院长", "衢州学院", "副院长", "position", None, False),
    ]
    headed = _notice("张三为衢州市财政局副局长；\n买买提·艾力为衢州市商务局局长；", formula="市政府研究决定，任命：")
    assert [(r[0], r[1], r[2]) for r in _rows(headed)] == [
        ("appoint", "张三", "衢州市财政局副局长"),
        ("appoint", "买买提·艾力", "衢州市商务局局长"),
    ]
    removed = _notice(
        "张三的衢州市财政局副局长职务；\n李小明兼任的衢州学院副院长职务。", formula="市政府研究决定，免去："
    )
    assert [(r[0], r[1], r[2], r[7]) for r in _rows(removed)] == [
        ("remove", "张三", "衢州市财政局副局长", False),
        ("remove", "李小明", "衢州学院副院长", True),
    ]


def test_without_同志_no_person_is_guessed() -> None:
    for body in (
        "严格执行干部任命程序为各单位选好副局长。",  # 任命 in another sense
        "免去张三的罚款处罚。",  # a penalty waived, not a post
        "任命市财政局为牵头单位。",  # an agency, no title
        "任命财政局为衢州市财政局局长。",  # an agency named like a person
        "免去市财政局的衢州市财政局副局长职务。",
        "张三任衢州市财政局副局长；",  # no verb anchors a name without 同志
        "经研究任衢州市财政局副局长；",
        "提名张三同志为衢州学院院长人选。",  # a nomination is not an appointment
        "提名张三为衢州学院院长候选人。",
        "任命张三为衢州市某某专班。",  # no known title ends the post
    ):
        assert _rows(_notice(body)) == [], body
    assert _rows(_notice("考察对象为衢州市财政局副局长；", formula="市政府研究决定，任命：")) == []


_SURNAMED = st.builds(
    lambda surname, given: surname + given,
    st.sampled_from(list("王李张刘陈杨黄周吴徐")),
    st.text(alphabet="明华建国平小军红伟芳", min_size=1, max_size=2),
)
_AGENCY = st.builds(
    lambda head, tail: head + tail,
    st.text(alphabet="市区县财政商务公安发改", min_size=1, max_size=3),
    st.sampled_from(["局", "委", "办", "中心", "政府"]),
)


@settings(max_examples=80, deadline=None)
@given(_SURNAMED, _AGENCY)
def test_bare_names_are_read_and_agencies_are_not(name: str, agency: str) -> None:
    raw = _notice(f"任命{name}为衢州市财政局副局长；\n任命{agency}为衢州市商务局局长。")
    ((_, changes, _),) = _changes(raw)
    assert [c.person for c in changes] == [name]
    span = changes[0].person_span
    assert raw[span.start : span.end] == name


def _office_notice(body: str) -> str:
    return (
        "衢州市人民政府办公室关于朱婷等同志职务职级任免的通知\n\n衢政办干〔2022〕3号\n\n"
        f"经研究,决定:\n{body}\n\n衢州市人民政府办公室\n2022年9月25日\n"
    )


_HANGZHOU = ("衢州市人民政府驻杭州办事处副主任", "衢州市人民政府驻杭州办事处", "副主任", "position")
_OFFICE_GRADE = ("衢州市人民政府办公室", "一级主任科员", "grade")


def test_numbered_items_are_read_without_their_numbers() -> None:
    body = (
        "一、朱婷同志任衢州市人民政府驻杭州办事处副主任(正科长级);\n"
        "二、王建华同志晋升为衢州市人民政府办公室一级主任科员;\n"
        "3.免去李明同志的衢州市人民政府驻杭州办事处副主任职务。"
    )
    assert _rows(_office_notice(body)) == [
        ("appoint", "朱婷", *_HANGZHOU, "正科长级", False),
        ("appoint", "王建华", "衢州市人民政府办公室一级主任科员", *_OFFICE_GRADE, None, False),
        ("remove", "李明", *_HANGZHOU, None, False),
    ]


def test_comma_inside_a_qualifier_does_not_cut_the_clause() -> None:
    body = "朱婷同志任衢州市人民政府驻杭州办事处副主任(正科长级,试用期一年)。"
    assert _rows(_office_notice(body)) == [("appoint", "朱婷", *_HANGZHOU, "正科长级,试用期一年", False)]


def test_two_qualifiers_in_a_row_leave_the_post_clean() -> None:
    body = "朱婷同志任衢州市人民政府驻杭州办事处副主任（正科长级）（试用期一年）。"
    assert _rows(_office_notice(body)) == [("appoint", "朱婷", *_HANGZHOU, "正科长级，试用期一年", False)]
    assert split_post("衢州市教育局副局长(试用期一年)").qualifier == "试用期一年"


def test_grade_promotion_printed_with_zhiji() -> None:
    body = "王建华同志职级晋升为一级主任科员。"
    expected = ("appoint", "王建华", "一级主任科员", None, "一级主任科员", "grade", None, False)
    assert _rows(_office_notice(body)) == [expected]


def test_numbers_and_commas_that_are_no_changes() -> None:
    body = (
        "一、各单位要抓好落实,确保工作衔接;\n"  # a numbered duty, not a change
        "2.请朱婷同志于十月前到岗。"
    )
    assert _rows(_office_notice(body)) == []
