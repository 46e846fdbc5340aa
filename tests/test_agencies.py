"""Agency registry and resolver: real mentions from the 2018 corpus and gold → registry ids.

Mentions are copied from the dev corpus (``001:5209`` = file 001, line 5209) and the gold files
(responsibility.agency, group_member.affiliation, award.affiliation, document.issuers, personnel.organization).
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors import agencies
from extractors.agencies import ResolveContext, expand_list, learn_aliases, resolve

Y2018 = ResolveContext(year=2018)

# (mention as printed, expected registry id)
REAL_MENTIONS = [
    # municipal government and its office
    ("衢州市人民政府", "qz.gov"),  # signatures
    ("市政府", "qz.gov"),  # 组 长:汤飞帆(市政府) 003:386
    ("市府办", "qz.gov.office"),  # 牵头部门:市府办、市行政服务中心 001:991
    ("市政府办公室", "qz.gov.office"),
    ("衢州市人民政府办公室", "qz.gov.office"),
    ("市政府研究室", "qz.gov.research"),
    # departments: full, 市-short and bare forms
    ("衢州市发展和改革委员会", "qz.drc"),  # 001:5396
    ("市发改委", "qz.drc"),
    ("发改委", "qz.drc"),  # gold responsibility (distributive list)
    ("衢州市人力资源和社会保障局", "qz.hrss"),  # signature 003:1872
    ("市人力社保局", "qz.hrss"),
    ("市人社局", "qz.hrss"),  # 001:1165
    ("市人社保局", "qz.hrss"),  # 003:395
    ("市人社社保局", "qz.hrss"),  # 002:118
    ("衢州市市场监督管理局", "qz.market"),  # signature 003:1869
    ("市市场监管局", "qz.market"),
    ("市场监管局", "qz.market"),  # 001:2347
    ("市市场监督管理局", "qz.market"),
    ("衢州市科学技术局", "qz.science"),
    ("市科技局", "qz.science"),
    ("科技局", "qz.science"),
    ("衢州市住房和城乡建设局", "qz.housing"),
    ("市住建局", "qz.housing"),
    ("住建局", "qz.housing"),
    ("衢州市规划局", "qz.planning"),
    ("市规划局", "qz.planning"),
    ("市国土局", "qz.land"),
    ("市环保局", "qz.env"),
    ("市质监局", "qz.quality"),
    ("衢州市质量技术监督局", "qz.quality"),  # personnel post 001:3224
    ("市安监局", "qz.work-safety"),
    ("衢州市安全生产监督管理局", "qz.work-safety"),  # personnel post 001:3221
    ("衢州市道路运输管理局", "qz.transport.road"),  # personnel post 001:3223
    ("交通运输局", "qz.transport"),
    ("市卫生计生委", "qz.health"),
    ("市卫计委", "qz.health"),
    ("市旅委", "qz.tourism"),
    ("市旅游局", "qz.tourism"),
    ("市文广新局", "qz.culture"),
    ("市农业局", "qz.agriculture"),
    ("市农办", "qz.cpc.rural"),
    ("农办", "qz.cpc.rural"),
    ("市法制办", "qz.gov.legal"),
    ("市国税局", "qz.tax-state"),
    ("衢州市地方税务局", "qz.tax-local"),
    ("市编办", "qz.editorial"),
    ("市编委办", "qz.editorial"),
    ("市委人才办", "qz.cpc.talent"),
    ("市委宣传部", "qz.cpc.propaganda"),
    ("市委办公室", "qz.cpc.office"),
    ("团市委", "qz.youth-league"),
    ("市协作办(招商局)", "qz.gov.cooperation"),  # 001:582
    ("市公安局", "qz.police"),
    ("市公安交警支队", "qz.police.traffic"),
    ("市公安局交警支队衢江大队", "qz.police.traffic.qujiang"),  # award affiliation 001:485
    ("市规划局柯城分局", "qz.planning.kecheng"),
    ("市电子政务中心", "qz.egov"),
    ("市行政服务中心", "qz.admin-service"),
    ("衢州市行政服务中心管理办公室", "qz.admin-service"),
    ("衢州市住房公积金管理中心", "qz.housing-fund"),
    ("市公积金中心", "qz.housing-fund"),  # 001:4037
    ("市住房公积金中心", "qz.housing-fund"),  # 001:4043
    ("衢州市营商环境建设办公室", "qz.business-env"),
    ("市营商办", "qz.business-env"),
    # leading-group offices
    ("市治水办", "qz.water-office"),
    ("市治水办(河长办)", "qz.water-office"),  # 003:561
    ("市信用办", "qz.credit"),
    ("衢州市信用衢州建设领导小组办公室", "qz.credit"),
    ("市创强办", "qz.quality-city-office"),  # 002:794
    ("市食安办", "qz.food-safety"),
    ("衢州市食品安全委员会办公室", "qz.food-safety"),  # personnel post 002:1479
    ("市整治办", "qz.zhengzhi-office"),
    # vertical branches, SOEs, institutions, media
    ("中国人民银行衢州市中心支行", "qz.pboc"),
    ("人行", "qz.pboc"),  # 001:544
    ("市人行", "qz.pboc"),
    ("国网衢州供电公司", "qz.power"),
    ("衢州供电公司", "qz.power"),  # 001:5209
    ("市电力局", "qz.power"),  # table 001:3207
    ("国网浙江省电力公司衢州供电公司", "qz.power"),
    ("巨化集团公司", "qz.juhua"),
    ("浙江省衢州市烟草专卖局", "qz.tobacco"),
    ("衢州检验检疫局", "qz.ciq"),
    ("市检验检疫局", "qz.ciq"),
    ("衢州调查队", "qz.nbs-team"),
    ("中国电信衢州分公司", "qz.telecom"),
    ("衢州日报社", "qz.daily"),
    ("日报社", "qz.daily"),
    ("市广电总台", "qz.broadcast"),
    ("衢州学院", "qz.university"),
    ("衢职院", "qz.polytechnic"),  # 001:1129
    ("衢州职业技术学院", "qz.polytechnic"),  # 001:1434
    ("衢州行政学院", "qz.cpc.school"),  # personnel post 002:1468
    # zones
    ("集聚区", "qz.jjq"),
    ("衢州绿色产业集聚区", "qz.jjq"),
    ("衢州市绿色产业集聚区", "qz.jjq"),
    ("衢州绿色产业集聚区管委会", "qz.jjq"),
    ("市西区管委会", "qz.xiqu"),
    ("西区管委会", "qz.xiqu"),
    ("衢州国家高新技术产业开发区管委会", "qz.hnz"),
    ("衢州经济技术开发区管委会", "qz.etdz"),
    # counties, county bodies, townships
    ("柯城区政府", "kecheng.gov"),
    ("柯城区", "kecheng.gov"),
    ("衢江区人民政府", "qujiang.gov"),
    ("龙游县人民政府", "longyou.gov"),
    ("江山市政府", "jiangshan.gov"),
    ("开化县", "kaihua.gov"),
    ("江山市规划局", "jiangshan.planning"),
    ("开化县规划局", "kaihua.planning"),
    ("衢江区住建局", "qujiang.housing"),
    ("常山县卫计局", "changshan.health"),
    ("江山市卫生计生局", "jiangshan.health"),
    ("江山市市场监督管理局", "jiangshan.market"),
    ("常山县交警大队", "changshan.police.traffic"),
    ("开化县公路管理局", "kaihua.transport.highway"),
    ("衢江区爱卫办", "qujiang.patriotic-health-office"),
    ("江山市整治办", "jiangshan.zhengzhi-office"),
    ("开化县经济信息化和科学技术局", "kaihua.eitst"),
    ("常山县城乡规划中心", "changshan.planning-centre"),
    ("柯城区石梁镇人民政府", "kecheng.town.shiliang"),
    ("衢江区浮石街道办事处", "qujiang.town.fushi"),
    # provincial and national bodies cited
    ("浙江省人民政府办公厅", "zj.gov.office"),
    ("省食品药品监督管理局", "zj.fda"),
    ("省经信委", "zj.eitc"),
    ("省公安厅", "zj.police"),
    ("浙江出入境检验检疫局", "zj.ciq"),
    ("国家市场监督管理总局", "cn.samr"),
    ("国务院", "cn.state-council"),
]


@pytest.mark.parametrize(("mention", "expected"), REAL_MENTIONS)
def test_real_mentions_resolve(mention: str, expected: str) -> None:
    r = resolve(mention, Y2018)
    assert r.id == expected, (mention, r)
    assert r.mention == mention
    assert r.evidence not in ("unresolved", "ambiguous", "generic")


def test_at_least_sixty_real_mentions() -> None:
    assert len({m for m, _ in REAL_MENTIONS}) >= 60


@pytest.mark.parametrize(
    ("mention", "evidence"),
    [
        ("衢州市发展和改革委员会", "exact full name"),
        ("市府办", "alias"),
        ("市发改委", "市-prefixed short form"),
        ("省公安厅", "省-prefixed short form"),
        ("龙游县卫计局", "county prefix + bare department"),  # award affiliation 001:489
        ("住建局", "bare short form"),
        ("市旅游", "truncated short form"),  # 市质监局牵头 市发改委、市旅游、市商务局等 (002:1284)
        ("市电子政务中", "truncated short form"),  # 003:1169
        ("龙游县湖镇镇人民政府", "township"),
        ("市政府常务副市长", "post of a body"),
        ("衢州市残疾人联合会第七届主席团执行理事会", "organ of a body"),  # personnel 002:1457
        ("市级有关部门", "generic"),
        ("各县(市、区)政府", "generic"),
        ("各县〔市、区〕政府", "generic"),  # 003:1103
        ("市政府直属各单位", "generic"),
        ("市传管局", "unresolved"),  # award affiliation 001:487: no evidence for the body
    ],
)
def test_evidence(mention: str, evidence: str) -> None:
    assert resolve(mention, Y2018).evidence == evidence


def test_posts_name_the_body_and_keep_the_office() -> None:
    r = resolve("常务副市长", Y2018)  # group member with no person (002:149)
    assert (r.id, r.post) == ("qz.gov", "常务副市长")
    assert resolve("市政府分管副秘书长").post == "分管副秘书长"


# ---------------------------------------------------------------- never merge two real bodies

DISTINCT = [
    ("市政府", "市政府办公室"),
    ("市委", "市委办公室"),
    ("市委办公室", "市政府办公室"),
    ("市规划局", "市国土局"),
    ("市国税局", "市地税局"),
    ("市财政局", "市地税局"),
    ("市质监局", "市市场监管局"),
    ("市公安局", "市公安交警支队"),
    ("市治水办", "市治气办"),
    ("市编办", "市委办"),
    ("衢州绿色产业集聚区", "衢州经济技术开发区"),
    ("衢州经济技术开发区管委会", "衢州国家高新技术产业开发区管委会"),
    ("浙江省衢州市烟草专卖局", "浙江省烟草公司衢州市公司"),
    ("柯城区住建局", "衢江区住建局"),
    ("柯城区政府", "衢江区政府"),
    ("市住建局", "柯城区住建局"),
    ("市发改委", "省发改委"),
    ("省公安厅", "市公安局"),
    ("市公安交警支队", "市治堵办"),
    ("三改一拆办", "市综合执法局"),
    ("市人社局", "市社保局"),
]


@pytest.mark.parametrize(("a", "b"), DISTINCT)
def test_two_bodies_never_share_an_id(a: str, b: str) -> None:
    ra, rb = resolve(a, Y2018), resolve(b, Y2018)
    assert ra.id is not None
    assert ra.id != rb.id


@pytest.mark.parametrize(
    "mention",
    ["办公室", "领导小组办公室", "政府", "委员会", "市场", "市民", "管委会", "衢州市某某局", "市传管局", "分管领导"],
)
def test_unknown_or_bare_names_stay_unresolved(mention: str) -> None:
    r = resolve(mention, Y2018)
    assert r.id is None
    assert r.key.startswith("unresolved:") or r.evidence == "generic"


def test_truncated_form_fitting_two_bodies_is_ambiguous_without_a_year() -> None:
    assert resolve("市经信").evidence == "ambiguous"  # 经信委 (2018) or 经信局 (after the reform)
    assert resolve("市经信", Y2018).id == "qz.eitc"


# ---------------------------------------------------------------- variants of the printed form


@pytest.mark.parametrize(
    ("mention", "expected"),
    [
        ("市西区 管委会", "qz.xiqu"),  # wrapped cell 002:514
        ("衢州市人民政府\n办公室", "qz.gov.office"),
        ("衢州市发展 and 改革委员会", "qz.drc"),  # the and→和 artefact (§6.4)
        ("市发改委。", "qz.drc"),
        ("“市创强办”", "qz.quality-city-office"),
        ("市财政(地税)局", "qz.finance"),
        ("市财政局（地税局）", "qz.finance"),
        ("衢州市人力资源和社会保障局 ", "qz.hrss"),
    ],
)
def test_width_space_and_punctuation_variants(mention: str, expected: str) -> None:
    assert resolve(mention, Y2018).id == expected


# ---------------------------------------------------------------- renames across years


def test_reform_lineage() -> None:
    assert set(agencies.predecessors("qz.nrp")) >= {"qz.land", "qz.planning"}
    assert agencies.successors("qz.env") == ("qz.eco-env",)
    assert set(agencies.successors("qz.agriculture")) == {"qz.agri-rural"}
    assert set(agencies.predecessors("qz.culture-tourism")) == {"qz.culture", "qz.tourism"}
    assert "qz.emergency" in agencies.successors("qz.work-safety")
    assert "qz.market" in agencies.successors("qz.quality")
    assert "qz.tax" in agencies.successors("qz.tax-state") and "qz.tax" in agencies.successors("qz.tax-local")
    assert "qz.justice" in agencies.successors("qz.gov.legal")
    assert agencies.registry()["qz.eco-env"].status == "expected"
    assert agencies.registry()["qz.env"].status == "seen"


def test_name_validity_depends_on_the_citing_year() -> None:
    assert resolve("市林业局", Y2018).id == "qz.forestry"
    assert resolve("市林业局", ResolveContext(year=2021)).id == "qz.nrp"  # forestry kept as a second name
    assert resolve("市金融办", ResolveContext(year=2022)).id == "qz.local-finance"  # 2022 schema example
    old = resolve("市环保局", ResolveContext(year=2021))  # a clean-up list citing the old bureau
    assert old.id == "qz.env" and old.successors == ("qz.eco-env",) and "historic" in (old.note or "")


@pytest.mark.parametrize(
    ("mention", "expected"),
    [
        ("市生态环境局", "qz.eco-env"),
        ("市资源规划局", "qz.nrp"),
        ("市农业农村局", "qz.agri-rural"),
        ("市文广旅游局", "qz.culture-tourism"),
        ("市卫健委", "qz.health-commission"),
        ("市应急管理局", "qz.emergency"),
        ("市医保局", "qz.medical-security"),
        ("市税务局", "qz.tax"),
        ("柯城区卫健局", "kecheng.health-commission"),
        ("市委统战部", "qz.cpc.united-front"),  # 2022 schema example
        ("衢州市人民政府驻杭州办事处", "qz.gov.hangzhou"),  # 2022 schema example
    ],
)
def test_post_reform_names(mention: str, expected: str) -> None:
    assert resolve(mention, ResolveContext(year=2021)).id == expected


def test_county_context_makes_bare_forms_county_bodies() -> None:
    assert resolve("住建局", ResolveContext(year=2018, county="kaihua")).id == "kaihua.housing"
    assert resolve("住建局", Y2018).id == "qz.housing"


# ---------------------------------------------------------------- registry and labels


def test_registry_integrity() -> None:
    bodies = agencies.registry()
    assert len([b for b in bodies.values() if b.status != "derived"]) >= 250
    for body in bodies.values():
        assert re.fullmatch(r"[a-z]+(?:\.[a-z0-9-]+)+", body.id), body.id
        assert body.level in {"national", "province", "city", "county", "town"}
        assert body.parent is None or body.parent in bodies, body.id
        assert all(p in bodies for p in body.predecessors), body.id
        assert body.status in {"seen", "expected", "known", "derived"}
    names = [agencies.normalise(b.name) for b in bodies.values()]
    assert len(names) == len(set(names))


@pytest.mark.parametrize(
    ("mention", "english"),
    [
        ("市发改委", "Quzhou Municipal Development and Reform Commission"),
        ("市府办", "General Office of Quzhou Municipal People's Government"),
        ("江山市规划局", "Jiangshan Municipal Urban Planning Bureau"),
        ("柯城区政府", "Kecheng District People's Government"),
        ("市公安局", "Quzhou Municipal Public Security Bureau"),
        ("柯城区石梁镇人民政府", "Shiliang Town People's Government, Kecheng District"),
    ],
)
def test_english_labels(mention: str, english: str) -> None:
    assert resolve(mention, Y2018).label_en == english


def test_english_composed_from_the_glossary() -> None:
    assert agencies.compose_english("衢州市人力资源和社会保障局") == (
        "Quzhou Municipal Human Resources and Social Security Bureau"
    )
    assert agencies.compose_english("衢州市某某局") is None


# ---------------------------------------------------------------- agency lists (§4.4, real lines)


def _expanded(text: str) -> list[tuple[str, str, str]]:
    return [(m.text, m.expanded, m.rule) for m in expand_list(text, Y2018)]


def _ids(text: str) -> list[str | None]:
    return [resolve(m, Y2018).id for m in expand_list(text, Y2018)]


def test_distributive_shi() -> None:
    line = "牵头部门:市国资委、交通运输局、住建局、财政局"  # 001:568
    assert _expanded(line) == [
        ("市国资委", "市国资委", "as written"),
        ("交通运输局", "市交通运输局", "distributive 市"),
        ("住建局", "市住建局", "distributive 市"),
        ("财政局", "市财政局", "distributive 市"),
    ]
    mentions = expand_list(line, Y2018)
    assert resolve(mentions[1], Y2018).evidence == "distributive expansion"
    assert _ids("牵头部门:市政府办公室、研究室") == ["qz.gov.office", "qz.gov.research"]  # 001:1203
    assert _ids("牵头部门:市行政服务中心、电子政务中心") == ["qz.admin-service", "qz.egov"]  # 001:526
    assert _ids("牵头部门:市综治办、编办") == ["qz.comprehensive-office", "qz.editorial"]  # 001:562


def test_distributive_prefix_and_suffix_in_one_list() -> None:
    line = "责任单位:市财政局、国资委、发改委、住建局,柯城区、衢江区政府、市西区管委会、衢州绿色产业集聚区。"  # 002:609
    assert _ids(line) == [
        "qz.finance", "qz.gov.sasac", "qz.drc", "qz.housing", "kecheng.gov", "qujiang.gov", "qz.xiqu", "qz.jjq",
    ]  # fmt: skip
    assert expand_list(line)[4].expanded == "柯城区政府"


def test_distributive_suffix() -> None:
    line = "牵头部门:龙游县、江山市、常山县、开化县政府,市发改委"  # 001:825
    assert [m.expanded for m in expand_list(line)] == [
        "龙游县政府",
        "江山市政府",
        "常山县政府",
        "开化县政府",
        "市发改委",
    ]
    assert _ids(line) == ["longyou.gov", "jiangshan.gov", "changshan.gov", "kaihua.gov", "qz.drc"]
    assert _expanded("柯城、衢江住建局") == [  # 001:1750
        ("柯城", "柯城住建局", "distributive suffix"),
        ("衢江住建局", "衢江住建局", "as written"),
    ]
    assert _ids("柯城、衢江住建局") == ["kecheng.housing", "qujiang.housing"]


def test_alias_brackets() -> None:
    mentions = expand_list("市发改委(铁办)", Y2018)  # 001:632
    assert [(m.text, m.expanded, m.rule) for m in mentions] == [
        ("市发改委(铁办)", "市发改委", "as written"),
        ("铁办", "市铁办", "bracket alias"),
    ]
    assert [resolve(m, Y2018).id for m in mentions] == ["qz.drc", "qz.drc"]
    assert resolve(mentions[1], Y2018).evidence == "bracket alias"
    assert _ids("市治水办(河长办)") == ["qz.water-office", "qz.water-office"]  # 003:561
    assert _ids("市发改委（铁办）") == ["qz.drc", "qz.drc"]  # full width
    # a bracket naming another real body is not merged into the first one
    assert _ids("市公安交警支队〔市治堵办〕") == ["qz.police.traffic", "qz.traffic-jam-office"]  # 001:1473
    assert _ids("市财政局(地税局)") == ["qz.finance", "qz.tax-local"]  # 002:118


def test_parentheses_that_are_not_aliases() -> None:
    mentions = expand_list("牵头部门:市教育局、科技局,衢职院,各县(市、区)政府", Y2018)  # 001:1129
    assert [m.expanded for m in mentions] == ["市教育局", "市科技局", "衢职院", "各县(市、区)政府"]
    assert [m.generic for m in mentions] == [False, False, False, True]
    mentions = expand_list("各县〔市、\n\n区)政府)", Y2018)  # 003:1119–1121, mismatched brackets and a page break
    assert [(m.expanded, m.generic) for m in mentions] == [("各县(市、区)政府", True)]


def test_short_forms_without_shi_and_labels() -> None:
    assert _ids("牵头部门:市金融办、人行") == ["qz.gov.finance-office", "qz.pboc"]  # 001:544
    assert _ids("责任单位:市场监管局") == ["qz.market"]  # 001:2347
    line = "(牵头单位:市政府办公室;责任单位:市交通运输局、市卫生计生委、市教育局、市旅委、衢州日报社,阿里巴巴集团、…等)"
    assert _ids(line) == [  # 001:1394
        "qz.gov.office", "qz.transport", "qz.health", "qz.education", "qz.tourism", "qz.daily", "cn.alibaba",
    ]  # fmt: skip


def test_page_breaks_and_cells() -> None:
    mentions = expand_list("(责任部门:市发改委,市\n\n级有关部门)", Y2018)  # 003:1485–1487
    assert [(m.expanded, m.generic) for m in mentions] == [("市发改委", False), ("市级有关部门", True)]
    assert [m.expanded for m in expand_list("| 10 | 市西区 管委会 | 6 |")][1] == "市西区管委会"  # 002:514
    assert _ids("市农办 市国土局 市住建局") == ["qz.cpc.rural", "qz.land", "qz.housing"]  # 001:3191
    mentions = expand_list("市质监局牵头 市发改委、市旅游、市商务局等", Y2018)  # 002:1284
    assert [(m.expanded, m.marker) for m in mentions] == [
        ("市质监局", "牵头"), ("市发改委", None), ("市旅游", None), ("市商务局", None),
    ]  # fmt: skip


def test_mentions_keep_raw_offsets() -> None:
    text = "责任单位:市法制办、市编办、市审改办、市文广新局、市市场监管局。"  # 001:1625
    for m in expand_list(text):
        assert text[m.start : m.end] == m.text


# ---------------------------------------------------------------- alias learning


def test_learn_definition_001_5209() -> None:
    text = (
        "第三条 本办法所称电力用户,是指与国网浙江省电力有限公司衢州供电公司(以下简称衢州供电公司)及所属县级供电企业"
        "签订《供用电合同》或《机组并网与供用电协议》等建立了事实供用电关系的用户。"
    )
    learned = learn_aliases(text)
    assert [(a.short, a.full, a.source) for a in learned] == [
        ("衢州供电公司", "国网浙江省电力有限公司衢州供电公司", "definition")
    ]
    assert learned[0].status == "known"
    assert "以下简称衢州供电公司" in learned[0].evidence.text
    assert text[learned[0].evidence.start : learned[0].evidence.end] == learned[0].evidence.text


def test_learn_definition_001_5215() -> None:
    text = (
        "第五条 衢州市信用衢州建设领导小组办公室(以下简称市信用办)、衢州供电公司负责本行政区域内电力用户信用等级评定、"
        "监督管理等工作;"
    )
    assert [(a.short, a.full) for a in learn_aliases(text)] == [("市信用办", "衢州市信用衢州建设领导小组办公室")]


def test_learn_definition_002_794() -> None:
    text = (
        "1. 6月13日前,市级各有关单位完成开展自查自评、数据统计和工作总结,"
        "并报市争创工作领导小组办公室(以下简称“市创强办”)。"
    )
    learned = learn_aliases(text)
    assert [(a.short, a.full) for a in learned] == [("市创强办", "市争创工作领导小组办公室")]
    assert learned[0].status == "known"


def test_learn_two_definitions_in_one_sentence_001_2749() -> None:
    text = (
        "各地可根据需求适当增加普查附表,报衢州市第二次污染源普查领导小组(以下简称市污染源普查领导小组)办公室汇总梳理后,"
        "经省污染源普查领导小组办公室审核同意,报国务院第二次全国污染源普查领导小组(以下简称全国污染源普查领导小组)"
        "办公室批准后实施。"
    )
    assert [(a.short, a.full) for a in learn_aliases(text)] == [
        ("市污染源普查领导小组", "衢州市第二次污染源普查领导小组"),
        ("全国污染源普查领导小组", "国务院第二次全国污染源普查领导小组"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "(一)《保安服务管理条例》(以下简称《条例》，国务院令 第 564 号)",  # 001:4668: a short title
        "第三条 市、县(市、区)人民政府住房和城乡建设行政主管部门(以下简称燃气主管部门),负责本行政区域的燃气管理工作。",
        "2018年全市实行初中毕业生学业考试(以下简称“学业考试”)制度。",  # 001:3249
        "可在浙江省科技创新云服务平台(以下简称省云平台)经认证通过后",  # 003:2038
    ],
)
def test_definitions_of_terms_are_not_aliases(text: str) -> None:
    assert learn_aliases(text) == []


def test_learn_from_signatures_003() -> None:
    text = (
        "(责任单位：市市场监管局、市国税局、市地税局、市社保局、市人行)\n"  # 003:1621
        "衢州市市场监督管理局\n衢州市国家税务局\n衢州市地方税务局\n衢州市人力资源和社会保障局\n"  # 003:1869–1872
        "中国人民银行衢州市中心支行\n衢州市营商环境建设办公室\n(衢州市行政服务中心管理办公室代章)\n"
    )
    learned = {a.short: a for a in learn_aliases(text)}
    assert learned["市社保局"].full == "衢州市人力资源和社会保障局"
    assert learned["市社保局"].source == "signature" and learned["市社保局"].status == "new"
    assert learned["市国税局"].status == "known"
    ctx = ResolveContext(year=2018, learned={a.short: a.full for a in learned.values() if a.status == "new"})
    r = resolve("市社保局", ctx)
    assert (r.id, r.evidence) == ("qz.hrss", "learned alias")


# ---------------------------------------------------------------- properties

_ALPHABET = (
    "市县区局委办厅政府人民发改住建公安衢州柯城江山龙游()（）〔〕、,，;；:： \n"
    "等牵头责任单位和and各级有关部门集聚区管委会(以下简称)“”"
)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=60))
def test_expand_list_never_crashes_and_offsets_are_inside(text: str) -> None:
    for m in expand_list(text):
        assert 0 <= m.start <= m.end <= len(text)
        assert text[m.start : m.end] == m.text
        resolve(m)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_resolve_and_learning_never_crash_on_any_text(text: str) -> None:
    r = resolve(text)
    assert r.mention == text
    assert (r.id is None) == (r.evidence in ("unresolved", "ambiguous", "generic"))
    for alias in learn_aliases(text):
        assert text[alias.evidence.start : alias.evidence.end] == alias.evidence.text
