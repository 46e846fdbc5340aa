"""Personnel changes in the graph: mapping, derived tenures/successions/rename candidates, queries, CLI.

The changes are hand-built records (real names and posts from 衢政干〔2018〕7号 and 8号, and later
notices written in the same style), fed through the real pipeline — segmenter, mapping, store,
pruning and derivation — by replacing only the extractor, so these tests hold whatever state the
personnel extractor is in.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest

import kg.personnel
from extractors.records import Document, PersonnelChange, Span
from kg import ids
from kg.build import build
from kg.cli import main
from kg.derive import derive
from kg.facts import personnel_records
from kg.store import open_for_reading, staged_writer
from kg.validate import validate_store
from ontology.terms import GK

ISSUE_2018 = """衢州市人民政府关于 朱云福等同志职务任免的通知

衢政干〔2018〕7号

市政府研究决定:
朱云福同志任衢州市教育局副调研员。
免去:
朱云福同志的衢州市教育局副局长职务;
陈根成同志兼任的衢州市食品安全委员会办公室副主任职务。

衢州市人民政府
2018年5月24日

衢州市人民政府关于 季根寿同志职务任免的通知

衢政干〔2018〕8 号

市政府研究决定：

季根寿同志兼任衢州市食品安全委员会办公室副主任，免去其衢州市人民政府副秘书长职务。

衢州市人民政府
2018 年 5 月 24 日
"""

ISSUE_2019 = """衢州市人民政府关于 季根寿等同志职务任免的通知

衢政干〔2019〕3号

市政府研究决定:
朱云福同志兼任衢州市食品安全委员会办公室副主任，任衢州市教育局一级调研员;
免去季根寿同志兼任的衢州市食品安全委员会办公室副主任职务。

衢州市人民政府
2019年3月1日

衢州市人民政府关于 应建忠等同志职务任免的通知

衢政干〔2019〕5号

市政府研究决定:
应建忠同志任衢州市应急管理局调研员;
王小平同志任衢州市应急管理局副调研员;
免去应建忠同志的衢州市安全生产监督管理局调研员职务;
免去王小平同志的衢州市安全生产监督管理局副调研员职务;
免去胡品祥同志的衢州市安全生产监督管理局副调研员职务。

衢州市人民政府
2019年3月10日
"""

HOSTILE_PERSON = '王"}<b>小平'
HOSTILE_ORG = '衢州市"}<教育局>} ; DROP ALL'
ISSUE_HOSTILE = f"""衢州市人民政府关于 测试等同志职务任免的通知

衢政干〔2019〕9号

市政府研究决定:
{HOSTILE_PERSON}同志任{HOSTILE_ORG}副局长;
张三同志任衢州市公安局一级高级警长;
李四同志任衢州市数据管理中心首席数据官。

衢州市人民政府
2019年4月1日
"""


@dataclass(frozen=True)
class Spec:
    action: str
    person: str
    organization: str | None
    title: str
    post_type: str = "position"
    qualifier: str | None = None
    concurrent: bool = False
    layout: str = "prose"
    title_known: bool = True

    @property
    def post(self) -> str:
        return (self.organization or "") + self.title


FOOD = "衢州市食品安全委员会办公室"
SPECS = {
    "衢政干〔2018〕7号": [
        Spec("appoint", "朱云福", "衢州市教育局", "副调研员", layout="table"),
        Spec("remove", "朱云福", "衢州市教育局", "副局长", layout="table"),
        Spec("remove", "陈根成", FOOD, "副主任", concurrent=True, layout="table"),
    ],
    "衢政干〔2018〕8号": [
        Spec("appoint", "季根寿", FOOD, "副主任", concurrent=True),
        Spec("remove", "季根寿", "衢州市人民政府", "副秘书长"),
    ],
    "衢政干〔2019〕3号": [
        Spec("appoint", "朱云福", FOOD, "副主任", concurrent=True),
        Spec("appoint", "朱云福", "衢州市教育局", "一级调研员", post_type="grade"),
        Spec("remove", "季根寿", FOOD, "副主任", concurrent=True),
    ],
    "衢政干〔2019〕5号": [
        Spec("appoint", "应建忠", "衢州市应急管理局", "调研员"),
        Spec("appoint", "王小平", "衢州市应急管理局", "副调研员"),
        Spec("remove", "应建忠", "衢州市安全生产监督管理局", "调研员"),
        Spec("remove", "王小平", "衢州市安全生产监督管理局", "副调研员"),
        Spec("remove", "胡品祥", "衢州市安全生产监督管理局", "副调研员"),
    ],
    "衢政干〔2019〕9号": [
        Spec("appoint", HOSTILE_PERSON, HOSTILE_ORG, "副局长"),
        Spec("appoint", "张三", "衢州市公安局", "一级高级警长", post_type="grade"),
        Spec("appoint", "李四", None, "衢州市数据管理中心首席数据官", title_known=False),
    ],
}


def _find(raw: str, document: Document, needle: str) -> Span:
    start = raw.find(needle, document.span.start, document.span.end)
    if start < 0:
        return document.title_span
    return Span.of(raw, start, start + len(needle))


def fake_extract(raw: str, document: Document) -> tuple[list[PersonnelChange], list]:
    """Hand-built records for the notices above, with true spans into the raw text."""
    out = []
    for spec in SPECS.get(document.number.canonical, []):
        person = _find(raw, document, spec.person)
        line_start = raw.rfind("\n", 0, person.start) + 1
        line_end = raw.find("\n", person.end)
        out.append(
            PersonnelChange(
                action=spec.action,  # type: ignore[arg-type]
                person=spec.person,
                person_span=person,
                post=spec.post,
                organization=spec.organization,
                title=spec.title,
                post_type=spec.post_type,  # type: ignore[arg-type]
                qualifier=spec.qualifier,
                concurrent=spec.concurrent,
                decided_by="市政府",
                decision="市政府研究决定",
                post_span=_find(raw, document, spec.title),
                evidence=Span.of(raw, line_start, line_end),
                layout=spec.layout,  # type: ignore[arg-type]
                title_known=spec.title_known,
            )
        )
    return out, []


def _build(folder: Path, store: Path) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(kg.personnel, "extract_personnel", fake_extract)
        report = build([folder], store, jobs=1)  # the fake extractor is patched into this process only
    assert report.ok, report.skipped


@pytest.fixture(scope="module")
def gazettes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("gazettes")
    for name, text in (("a.txt", ISSUE_2018), ("b.txt", ISSUE_2019), ("c.txt", ISSUE_HOSTILE)):
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def store(gazettes: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("personnel") / "store"
    _build(gazettes, path)
    return path


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _query(capsys: pytest.CaptureFixture[str], store: Path, name: str, **params: str) -> list[dict[str, str]]:
    argv = ["query", name, "--store", str(store), "--format", "json"]
    for key, value in params.items():
        argv += ["--param", f"{key}={value}"]
    code, out, err = _run(capsys, *argv)
    assert code == 0, err
    return [{k: v["value"] for k, v in row.items()} for row in json.loads(out)["results"]["bindings"]]


def _dump(path: Path, graph: str | None = None) -> list[str]:
    with open_for_reading(path) as st:
        quads = st.quads_for_pattern(None, None, None, ox.NamedNode(graph)) if graph else st
        return sorted(str(q) for q in quads)


# --- mapping ---------------------------------------------------------------------------------------


def test_changes_stand_in_their_document_graph_and_entities_once(store: Path) -> None:
    person = ox.NamedNode(ids.person_iri("季根寿"))
    with open_for_reading(store) as st:
        graphs = {q.graph_name.value for q in st.quads_for_pattern(person, None, None, None)}
        change_graphs = {
            q.graph_name.value for q in st.quads_for_pattern(None, ox.NamedNode(str(GK.person)), person, None)
        }
        fields = {
            row["f"].value
            for row in st.query(
                "PREFIX gk: <https://w3id.org/gazette-kg/ontology#> PREFIX prov: <http://www.w3.org/ns/prov#> "
                "SELECT DISTINCT ?f WHERE { GRAPH ?g { ?c a gk:PersonnelChange ; prov:wasDerivedFrom/gk:field ?f } }"
            )
        }
    assert graphs <= {ids.ENTITIES_GRAPH, ids.DERIVED_GRAPH}  # described once; derived: org:holds
    assert len(change_graphs) == 2 and not change_graphs & {ids.ENTITIES_GRAPH, ids.DERIVED_GRAPH}
    assert fields == {"person", "post", "clause"}


def test_deciding_body_resolves_to_the_issuer(capsys, store: Path) -> None:
    rows = _query(capsys, store, "personnel-changes", person="季根寿")
    assert {r["decidedBy"] for r in rows} == {"衢州市人民政府"}


def test_unknown_title_is_a_finding(capsys, store: Path) -> None:
    rows = _query(capsys, store, "findings", code="personnel-unknown-title")
    assert len(rows) == 1 and "李四" in rows[0]["message"]


def test_store_conforms_to_the_shapes(store: Path) -> None:
    with open_for_reading(store) as st:
        result = validate_store(st)
    assert result.conforms, result.violations[:5]


# --- tenures -------------------------------------------------------------------------------------------


def test_tenures_open_closed_and_start_unknown(capsys, store: Path) -> None:
    rows = _query(capsys, store, "person-timeline", person="季根寿")
    by_post = {r["post"]: r for r in rows}
    assert set(by_post) == {"衢州市人民政府副秘书长", FOOD + "副主任"}
    secretary = by_post["衢州市人民政府副秘书长"]
    assert secretary["status"] == "start unknown" and "from" not in secretary
    assert secretary["to"] == "2018-05-24" and secretary["endedBy"] == "衢政干〔2018〕8号"
    food = by_post[FOOD + "副主任"]  # opened in one issue, closed in the next
    assert food["status"] == "closed" and food["concurrent"] == "true"
    assert (food["from"], food["startedBy"]) == ("2018-05-24", "衢政干〔2018〕8号")
    assert (food["to"], food["endedBy"]) == ("2019-03-01", "衢政干〔2019〕3号")


def test_open_tenures_have_no_end_and_grades_are_tenures(capsys, store: Path) -> None:
    rows = _query(capsys, store, "person-timeline", person="朱云福")
    kinds = {(r["post"], r["kind"], r["status"]) for r in rows}
    assert kinds == {
        ("衢州市教育局副调研员", "position", "open"),
        ("衢州市教育局副局长", "position", "start unknown"),
        (FOOD + "副主任", "position", "open"),
        ("衢州市教育局一级调研员", "grade", "open"),
    }
    assert all("to" not in r for r in rows if r["status"] == "open")
    with open_for_reading(store) as st:
        ends = list(
            st.query("SELECT ?i WHERE { ?i <http://www.w3.org/2006/time#hasEnd> ?e }", use_default_graph_as_union=True)
        )
    assert len(ends) == 7  # only removals end tenures (6 without a known start, 1 closed): never a fake date


def test_post_holders_over_time(capsys, store: Path) -> None:
    rows = _query(capsys, store, "post-holders", post=FOOD + "副主任")
    assert [(r["holder"], r["status"]) for r in rows] == [
        ("陈根成", "start unknown"),
        ("季根寿", "closed"),
        ("朱云福", "open"),
    ]
    by_agency = _query(capsys, store, "post-holders", organization="衢州市教育局")
    assert {r["postName"] for r in by_agency} == {
        "衢州市教育局副调研员",
        "衢州市教育局副局长",
        "衢州市教育局一级调研员",
    }
    both = _query(capsys, store, "post-holders", post=FOOD + "副主任", organization="衢州市教育局")
    assert both == []


# --- successions and rename candidates ------------------------------------------------------------


def test_successions_across_notices_and_within_one(capsys, store: Path) -> None:
    rows = _query(capsys, store, "successions")
    seen = [(r["predecessor"], r["successor"], r["removedBy"], r["appointedBy"], r["sameNotice"]) for r in rows]
    assert seen == [
        ("陈根成", "季根寿", "衢政干〔2018〕7号", "衢政干〔2018〕8号", "false"),
        ("季根寿", "朱云福", "衢政干〔2019〕3号", "衢政干〔2019〕3号", "true"),
    ]
    assert _query(capsys, store, "successions", organization="衢州市教育局") == []
    with open_for_reading(store) as st:
        replaced = list(
            st.query(
                "PREFIX gk: <https://w3id.org/gazette-kg/ontology#> PREFIX org: <http://www.w3.org/ns/org#> "
                "SELECT ?new ?old WHERE { ?t gk:replaces ?u . ?t org:member/<http://xmlns.com/foaf/0.1/name> ?new . "
                "?u org:member/<http://xmlns.com/foaf/0.1/name> ?old }",
                use_default_graph_as_union=True,
            )
        )
    assert sorted((r["old"].value, r["new"].value) for r in replaced) == [("季根寿", "朱云福"), ("陈根成", "季根寿")]


def test_rename_candidate_is_recorded_with_confidence(store: Path) -> None:
    with open_for_reading(store) as st:
        rows = list(
            st.query(
                "PREFIX gk: <https://w3id.org/gazette-kg/ontology#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>"
                " PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX eli: <http://data.europa.eu/eli/ontology#>"
                " SELECT ?old ?new ?confidence ?reason ?number WHERE { ?c a gk:RenameCandidate ;"
                " gk:oldOrganization/skos:prefLabel ?old ; gk:newOrganization/skos:prefLabel ?new ;"
                " gk:confidence ?confidence ; gk:reason ?reason ; dcterms:source/eli:id_local ?number }",
                use_default_graph_as_union=True,
            )
        )
    assert len(rows) == 1
    row = rows[0]
    assert (row["old"].value, row["new"].value) == ("衢州市安全生产监督管理局", "衢州市应急管理局")
    assert float(row["confidence"].value) == pytest.approx(2 / 3 * 2 / 3, abs=1e-3)  # 2 of 3 moved, n/(n+1)
    assert row["number"].value == "衢政干〔2019〕5号" and "应建忠" in row["reason"].value


# --- changes, facts, determinism -------------------------------------------------------------------


def test_personnel_changes_in_a_period(capsys, store: Path) -> None:
    rows = _query(capsys, store, "personnel-changes", **{"from": "2019-01-01", "to": "2019-03-31"})
    assert {r["number"] for r in rows} == {"衢政干〔2019〕3号", "衢政干〔2019〕5号"}
    rows = _query(capsys, store, "personnel-changes", organization="衢州市教育局")
    assert {(r["name"], r["action"], r["kind"]) for r in rows} == {
        ("朱云福", "appoint", "position"),
        ("朱云福", "remove", "position"),
        ("朱云福", "appoint", "grade"),
    }
    assert len(_query(capsys, store, "personnel-changes")) == 16


def test_facts_export_personnel_in_the_gold_schema(store: Path) -> None:
    with open_for_reading(store) as st:
        records = list(personnel_records(st))
    assert len(records) == 16
    keys = {"kind", "action", "person", "post", "organization", "title", "post_type", "qualifier", "concurrent"}
    for record in records:
        assert keys | {"doc_number", "date"} <= set(record) <= keys | {"doc_number", "date", "layout"}
    food = next(r for r in records if r["person"] == "陈根成")
    assert food == {
        "kind": "personnel",
        "action": "remove",
        "person": "陈根成",
        "post": FOOD + "副主任",
        "organization": FOOD,
        "title": "副主任",
        "post_type": "position",
        "qualifier": None,
        "concurrent": True,
        "doc_number": "衢政干〔2018〕7号",
        "date": "2018-05-24",
        "layout": "table",
    }
    grade = next(r for r in records if r["title"] == "一级调研员")
    assert (grade["post_type"], grade["post"], grade["organization"]) == (
        "grade",
        "衢州市教育局一级调研员",
        "衢州市教育局",
    )
    assert "layout" not in grade


def test_derive_twice_gives_the_same_graph(store: Path, tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(store, copy)
    before = _dump(copy, ids.DERIVED_GRAPH)
    assert before
    with staged_writer(copy) as st:
        first = derive(st)
        second = derive(st)
    personnel = {"tenures": 15, "successions": 2, "rename candidates": 1}
    assert first == second == personnel | {"printed documents": 5, "stubs": 0, "repeal end dates": 0}
    assert _dump(copy, ids.DERIVED_GRAPH) == before


def test_rebuilding_gives_the_same_store(gazettes: Path, store: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    _build(gazettes, again)
    _build(gazettes, again)
    assert _dump(again) == _dump(store)


def test_dropping_a_notice_updates_the_derived_graph_and_prunes(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(ISSUE_2018, encoding="utf-8")
    (folder / "b.txt").write_text(ISSUE_2019, encoding="utf-8")
    path = tmp_path / "store"
    _build(folder, path)
    assert "衢州市应急管理局" in "\n".join(_dump(path))
    # The rename notice is now read as another number, for which the extractor finds nothing.
    (folder / "b.txt").write_text(ISSUE_2019.replace("衢政干〔2019〕5号", "衢政干〔2019〕6号"), encoding="utf-8")
    _build(folder, path)
    shared = "\n".join(_dump(path, ids.ENTITIES_GRAPH) + _dump(path, ids.DERIVED_GRAPH))
    assert "衢州市应急管理局" not in shared  # agency, posts, tenures and rename candidate are gone
    with open_for_reading(path) as st:
        derived = {q.predicate.value for q in st.quads_for_pattern(None, None, None, ox.NamedNode(ids.DERIVED_GRAPH))}
        person = list(st.quads_for_pattern(ox.NamedNode(ids.person_iri("胡品祥")), None, None, None))
    assert str(GK.oldOrganization) not in derived and str(GK.replaces) in derived
    assert person == []  # named by no document any more: pruned from the entities graph


# --- hostile names ---------------------------------------------------------------------------------


def test_hostile_names_are_only_strings(capsys, store: Path) -> None:
    size = len(_dump(store))
    rows = _query(capsys, store, "person-timeline", person=HOSTILE_PERSON)
    assert [(r["post"], r["agency"]) for r in rows] == [(HOSTILE_ORG + "副局长", HOSTILE_ORG)]
    assert _query(capsys, store, "post-holders", organization=HOSTILE_ORG)[0]["holder"] == HOSTILE_PERSON
    for value in ('"} ; DROP ALL', "} ; DROP ALL", "<b>", '王"}'):
        assert _query(capsys, store, "person-timeline", person=value) == []
        assert _query(capsys, store, "personnel-changes", organization=value) == []
    code, out, _ = _run(capsys, "person", HOSTILE_PERSON, "--store", str(store))
    assert code == 0 and HOSTILE_PERSON in out and HOSTILE_ORG + "副局长" in out
    code, out, _ = _run(capsys, "person", HOSTILE_PERSON, "--store", str(store), "--format", "json")
    assert json.loads(out)["person"] == HOSTILE_PERSON
    assert len(_dump(store)) == size  # the store is intact


def test_minted_grade_concept_for_an_unknown_grade(capsys, store: Path) -> None:
    rows = _query(capsys, store, "person-timeline", person="张三")
    assert [(r["kind"], r["title"], r["agency"]) for r in rows] == [("grade", "一级高级警长", "衢州市公安局")]


# --- kg person -------------------------------------------------------------------------------------


def test_kg_person_shows_timeline_and_changes(capsys, store: Path) -> None:
    code, out, _ = _run(capsys, "person", "季 根寿", "--store", str(store))
    assert code == 0
    assert "衢政干〔2018〕8号" in out and "衢政干〔2019〕3号" in out and "start unknown" in out
    assert out.count("(2 rows)") == 1 and "(3 rows)" in out  # 2 tenures, 3 changes
    code, out, _ = _run(capsys, "person", "季根寿", "--store", str(store), "--format", "csv")
    assert code == 0 and out.splitlines()[0].startswith("post,agency,title")


def test_kg_person_unknown_name_suggests_similar(capsys, store: Path) -> None:
    code, _, err = _run(capsys, "person", "季根", "--store", str(store))
    assert code == 2 and "季根寿" in err
    code, _, err = _run(capsys, "person", "欧阳修", "--store", str(store))
    assert code == 2 and "no person named" in err and "similar" not in err
