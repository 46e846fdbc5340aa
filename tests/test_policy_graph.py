"""Policies in the graph: citations, stubs and their merge, policy dates, repeals, status at a date, lineage.

Two kinds of stores, both through the real pipeline (segmenter, extractors, mapping, store, pruning,
derivation): the corpus store of the conftest, and small gazettes written below in the corpus style —
a notice resting on a policy that no gazette has printed yet (a stub), the gazette that prints it
later, and a decision that repeals it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg import ids
from kg.build import build
from kg.cli import main
from kg.store import open_for_reading
from kg.validate import validate_store

NOTICE = """衢州市人民政府办公室关于贯彻落实测试政策的通知

衢政办发〔2019〕3号

各县(市、区)人民政府,市政府各部门、直属各单位:
根据《衢州市人民政府关于测试政策的意见》(衢政发〔2018〕99号)精神,结合我市实际,现就有关事项通知如下。
一、各地要认真组织实施。
二、本通知自2019年1月1日起施行。

衢州市人民政府办公室
2018年12月20日
"""
POLICY = """衢州市人民政府关于测试政策的意见

衢政发〔2018〕99号

各县(市、区)人民政府,市政府各部门、直属各单位:
为做好测试工作,根据《国务院关于测试工作的通知》(国发〔2017〕1号)和《中华人民共和国测试法》,提出如下意见。
一、加强组织领导。
二、本意见自2018年7月1日起施行,有效期3年。

衢州市人民政府
2018年6月1日
"""
REPEAL = """衢州市人民政府关于新测试政策的决定

衢政发〔2020〕5号

各县(市、区)人民政府,市政府各部门、直属各单位:
为进一步做好测试工作,市政府决定如下。
一、全面推进新测试政策。
二、本决定自2020年3月1日起施行,《衢州市人民政府关于测试政策的意见》(衢政发〔2018〕99号)和《衢州市人民政府办公室关于旧测试政策的通知》(衢政办发〔2016〕12号)同时废止。

衢州市人民政府
2020年2月10日
"""
X = "衢政发〔2018〕99号"
HOSTILE = ['"} ; DROP ALL', "x' } DROP ALL ; #", '衢政发〔2018〕18号"} ; CLEAR ALL ; SELECT * {', "{{}}"]
PREFIXES = (
    "PREFIX eli: <http://data.europa.eu/eli/ontology#> PREFIX gk: <https://w3id.org/gazette-kg/ontology#> "
    "PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
    "PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX foaf: <http://xmlns.com/foaf/0.1/> "
)


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


def _values(store: Path, sparql: str) -> list[tuple[str, ...]]:
    with open_for_reading(store) as st:
        result = st.query(PREFIXES + sparql, use_default_graph_as_union=True)
        names = [v.value for v in result.variables]
        return sorted(tuple(row[n].value if row[n] is not None else "" for n in names) for row in result)


def _about(store: Path, number: str, predicate: str) -> set[str]:
    doc = ids.document_iri(number)
    return {row[0] for row in _values(store, f"SELECT DISTINCT ?o WHERE {{ <{doc}> {predicate} ?o }}")}


def _dump(path: Path) -> list[str]:
    with open_for_reading(path) as st:
        return sorted(str(q) for q in st)


def _write(folder: Path, **texts: str) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, content in texts.items():
        paths[name] = folder / f"{name}.txt"
        paths[name].write_text(content, encoding="utf-8")
    return paths


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return _write(tmp_path_factory.mktemp("policies"), notice=NOTICE, policy=POLICY, repeal=REPEAL)


@pytest.fixture(scope="module")
def stages(files: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One store per stage, built one gazette after the other: notice; + policy; + repeal."""
    out: dict[str, Path] = {}
    import shutil

    store = tmp_path_factory.mktemp("stages") / "store"
    for stage, name in enumerate(("notice", "policy", "repeal"), 1):
        report = build([files[name]], store)
        assert report.ok, report.skipped
        out[name] = store.with_name(f"stage{stage}")
        shutil.copytree(store, out[name])
    return out


# --- stubs and their merge -------------------------------------------------------------------------


def test_a_cited_document_outside_the_store_is_a_stub(stages: dict[str, Path]) -> None:
    store = stages["notice"]
    assert _about(store, X, "gk:resolved") == {"false"}
    assert _about(store, X, "eli:id_local") == {X}
    assert _about(store, X, "gk:numberPrefix") == {"衢政发"}
    assert _about(store, X, "gk:numberYear") == {"2018"}
    assert _about(store, X, "gk:numberSequence") == {"99"}
    assert _about(store, X, "gk:citedTitle") == {"衢州市人民政府关于测试政策的意见"}
    assert _about(store, X, "dcterms:title") == set()  # a cited title never poses as the printed one
    assert _about(store, X, "eli:passed_by/skos:prefLabel") == {"衢州市人民政府"}
    assert _about(store, X, "gk:issuersSource") == {"prefix"}
    assert _about(store, "衢政办发〔2019〕3号", "gk:resolved") == {"true"}
    assert _about(store, "衢政办发〔2019〕3号", "eli:based_on/eli:id_local") == {X}
    assert _about(store, "衢政办发〔2019〕3号", "eli:cites/eli:id_local") == {X}


def test_the_stub_merges_with_the_document_a_later_gazette_prints(stages: dict[str, Path]) -> None:
    store = stages["policy"]
    assert _values(store, f'SELECT DISTINCT ?d WHERE {{ ?d eli:id_local "{X}" }}') == [(ids.document_iri(X),)]
    assert _about(store, X, "gk:resolved") == {"true"}
    assert _about(store, X, "gk:issuersSource") == {"signature"}  # the prefix's guess is gone
    assert _about(store, X, "dcterms:title") == {"衢州市人民政府关于测试政策的意见"}
    assert _about(store, "衢政办发〔2019〕3号", "eli:based_on/gk:resolved") == {"true"}
    # what the policy rests on: a numbered stub with the prefix's issuer, and a law cited by name
    assert _about(store, "国发〔2017〕1号", "eli:passed_by/skos:prefLabel") == {"国务院"}
    law = ids.document_iri("title:中华人民共和国测试法")
    assert _values(store, f"SELECT ?t ?r WHERE {{ <{law}> dcterms:title ?t ; gk:resolved ?r }}") == [
        ("中华人民共和国测试法", "false")
    ]


def test_stores_conform_to_the_shapes_before_and_after_the_merge(stages: dict[str, Path]) -> None:
    for store in stages.values():
        with open_for_reading(store) as st:
            result = validate_store(st)
        assert result.conforms, result.violations[:5]


def test_build_order_does_not_matter(files: dict[str, Path], stages: dict[str, Path], tmp_path: Path) -> None:
    together = tmp_path / "together"
    assert build(list(files.values()), together).ok
    assert _dump(together) == _dump(stages["repeal"])


def test_citation_nodes_carry_relation_and_evidence(stages: dict[str, Path]) -> None:
    rows = _values(
        stages["repeal"],
        "SELECT DISTINCT ?number ?relation ?field WHERE { ?c a gk:Citation ; gk:citingDocument/eli:id_local ?number ;"
        " gk:relation ?relation ; prov:wasDerivedFrom/gk:field ?field }",
    )
    fields = {(n, r.rsplit("#", 1)[1]): set() for n, r, _ in rows}
    for number, relation, field in rows:
        fields[(number, relation.rsplit("#", 1)[1])].add(field)
    assert fields == {
        ("衢政办发〔2019〕3号", "based_on"): {"title", "number", "sentence"},
        (X, "based_on"): {"title", "number", "sentence"},
        ("衢政发〔2020〕5号", "repeals"): {"title", "number", "sentence"},
    }


# --- dates, repeals and status ------------------------------------------------------------------------


def test_policy_dates_keep_evidence_and_periods_end_the_day_before(stages: dict[str, Path]) -> None:
    store = stages["repeal"]
    assert _about(store, X, "eli:first_date_entry_in_force") == {"2018-07-01"}
    assert _about(store, X, "eli:date_no_longer_in_force") == {"2021-06-30"}  # 有效期3年: stated, kept
    assert {"effective", "expires"} <= _about(store, X, "prov:wasDerivedFrom/gk:field")
    # a repealed document that states no end: the day before the repeal takes effect (a leap year)
    assert _about(store, "衢政办发〔2016〕12号", "eli:date_no_longer_in_force") == {"2020-02-29"}


def test_status_at_a_date(capsys, stages: dict[str, Path]) -> None:
    store = stages["repeal"]

    def status(number: str, day: str) -> str:
        (row,) = _query(capsys, store, "document-status", doc=number, date=day)
        return row["status"]

    assert status(X, "2018-06-15") == "not yet in force"
    assert status(X, "2019-06-01") == "in force"
    assert status(X, "2020-02-29") == "in force"
    assert status(X, "2020-03-01") == "repealed"  # before its own end (2021-06-30)
    assert status("衢政发〔2020〕5号", "2020-02-20") == "not yet in force"
    assert status("国发〔2017〕1号", "2020-07-01") == "unknown"
    (row,) = _query(capsys, store, "document-status", doc=X, date="2020-07-01")
    assert (row["repealedBy"], row["repealedOn"], row["resolved"]) == ("衢政发〔2020〕5号", "2020-03-01", "true")


def test_in_force_on_a_date(capsys, stages: dict[str, Path]) -> None:
    store = stages["repeal"]
    on = {
        day: {r["number"] for r in _query(capsys, store, "in-force", date=day)} for day in ("2019-06-01", "2020-07-01")
    }
    assert on["2019-06-01"] == {X, "衢政办发〔2019〕3号"}
    assert on["2020-07-01"] == {"衢政办发〔2019〕3号", "衢政发〔2020〕5号"}


def test_in_force_on_the_corpus(capsys, built_store: Path) -> None:
    rows = {r["number"]: r for r in _query(capsys, built_store, "in-force", date="2020-07-01")}
    assert rows["衢政发〔2018〕18号"]["from"] == "2018-07-26" and rows["衢政发〔2018〕18号"]["basis"] == "effective"
    assert "衢政办发〔2018〕24号" not in rows  # 有效期至 2018年12月21日
    assert "衢政干〔2018〕7号" not in rows  # appointments are acts, not policies
    assert "衢政发〔2017〕46号" not in rows  # a stub: the corpus gives no date
    early = {r["number"] for r in _query(capsys, built_store, "in-force", date="2018-06-01")}
    assert "衢政办发〔2018〕24号" in early and "衢政发〔2018〕18号" not in early  # in force from 2018-07-26


# --- the corpus: links, stubs, lineage, most cited -----------------------------------------------------------


def test_a_cited_corpus_document_is_its_node(built_store: Path) -> None:
    assert _about(built_store, "衢政办发〔2018〕47号", "eli:based_on/eli:id_local") >= {"衢政发〔2018〕18号"}
    assert _about(built_store, "衢政发〔2018〕18号", "gk:resolved") == {"true"}
    assert _about(built_store, "衢政发〔2018〕18号", "gk:issuersSource") == {"signature"}
    one = _values(built_store, 'SELECT DISTINCT ?d WHERE { ?d eli:id_local "衢政发〔2018〕18号" }')
    assert one == [(ids.document_iri("衢政发〔2018〕18号"),)]
    stub = "衢政办发〔2015〕37号"  # repealed by 衢政办发〔2018〕47号, in force from 2018-07-26
    assert _about(built_store, stub, "gk:resolved") == {"false"}
    assert _about(built_store, stub, "gk:numberYear") == {"2015"}
    assert _about(built_store, stub, "eli:passed_by/skos:prefLabel") == {"衢州市人民政府办公室"}
    assert _about(built_store, stub, "eli:date_no_longer_in_force") == {"2018-07-25"}


def test_corpus_store_conforms(built_store: Path) -> None:
    with open_for_reading(built_store) as st:
        result = validate_store(st)
    assert result.conforms, result.violations[:5]


def test_policy_lineage(capsys, built_store: Path, stages: dict[str, Path]) -> None:
    rows = _query(capsys, built_store, "policy-lineage", doc="衢政办发[2018]47 号")
    chain = {(r["depth"], r["citing"], r["relation"], r.get("number")) for r in rows}
    assert ("1", "衢政办发〔2018〕47号", "based_on", "衢政发〔2018〕18号") in chain
    assert ("1", "衢政办发〔2018〕47号", "repeals", "衢政办发〔2015〕37号") in chain
    assert ("2", "衢政发〔2018〕18号", "based_on", "浙政发〔2018〕5号") in chain
    assert {r["depth"] for r in rows} == {"1", "2"}
    rows = _query(capsys, stages["repeal"], "policy-lineage", doc="衢政办发〔2019〕3号")
    assert [(r["depth"], r["citing"], r.get("number"), r["title"], r["resolved"]) for r in rows] == [
        ("1", "衢政办发〔2019〕3号", X, "衢州市人民政府关于测试政策的意见", "true"),
        ("2", X, None, "中华人民共和国测试法", "false"),  # a law cited by name: no number
        ("2", X, "国发〔2017〕1号", "国务院关于测试工作的通知", "false"),
    ]


def test_most_cited(capsys, built_store: Path, stages: dict[str, Path]) -> None:
    top = _query(capsys, built_store, "most-cited")[0]
    assert (top["number"], top["citedBy"], top["resolved"], top["issuers"]) == (
        "衢政发〔2017〕46号",
        "8",
        "false",
        "衢州市人民政府",
    )
    assert top["title"].startswith("衢州市人民政府关于推进创新驱动")  # the fullest title it is cited under
    rows = {r.get("number"): r for r in _query(capsys, stages["repeal"], "most-cited")}
    assert (rows[X]["citedBy"], rows[X]["basedOnBy"], rows[X]["resolved"]) == ("2", "1", "true")


def test_document_citations_both_ways(capsys, built_store: Path) -> None:
    rows = _query(capsys, built_store, "document-citations", doc="衢政发〔2018〕18号")
    by = {(r["direction"], r.get("number"), r["relation"]) for r in rows}
    assert ("cited by", "衢政办发〔2018〕47号", "based_on") in by
    assert ("cites", "浙政发〔2018〕5号", "based_on") in by
    cited_by = next(r for r in rows if r["direction"] == "cited by")
    assert "衢政发〔2018〕18号" in cited_by["sentence"] and int(cited_by["end"]) > int(cited_by["start"])


# --- kg doc ----------------------------------------------------------------------------------------------------


def test_kg_doc_shows_the_document_and_its_links(capsys, built_store: Path) -> None:
    code, out, _ = _run(capsys, "doc", "衢政发[2018]18 号", "--store", str(built_store), "--date", "2020-07-01")
    assert code == 0
    assert out.startswith("衢政发〔2018〕18号  衢州市人民政府关于深化“亩均论英雄”改革的实施意见")
    assert "status on 2020-07-01: in force" in out and "in force from 2018-07-26" in out
    assert "cited by:" in out and "衢政办发〔2018〕47号" in out and "浙政发〔2018〕5号" in out
    code, out, _ = _run(capsys, "doc", "衢政发〔2017〕46号", "--store", str(built_store), "--format", "json")
    page = json.loads(out)
    assert code == 0 and page["document"]["resolved"] == "false" and page["document"]["status"] == "unknown"
    assert [r["number"]["value"] for r in page["amended or repealed by"]] == ["衢政办发〔2018〕50号"]
    assert len(page["cited by"]) == 8
    code, out, _ = _run(capsys, "doc", "衢政办发〔2015〕37号", "--store", str(built_store), "--format", "csv")
    assert code == 0 and ",repealed," in out and "衢政办发〔2018〕47号" in out


def test_kg_doc_repealed_and_amended(capsys, stages: dict[str, Path]) -> None:
    code, out, _ = _run(capsys, "doc", X, "--store", str(stages["repeal"]), "--date", "2020-07-01")
    assert code == 0
    assert "repealed by 衢政发〔2020〕5号 from 2020-03-01" in out and "status on 2020-07-01: repealed" in out
    assert "amended or repealed by:" in out and "amends or repeals: none" in out


def test_kg_doc_unknown_number(capsys, built_store: Path) -> None:
    code, _, err = _run(capsys, "doc", "衢政发〔2019〕18号", "--store", str(built_store))
    assert code == 2 and "no document numbered '衢政发〔2019〕18号'" in err
    assert "same series: 衢政发〔2018〕18号, 衢政发〔2018〕17号" in err  # the nearest first
    code, _, err = _run(capsys, "doc", "衢政府〔2018〕18号", "--store", str(built_store))
    assert code == 2 and "衢政发〔2018〕18号" in err  # same year and number, another prefix
    code, _, err = _run(capsys, "doc", "衢政发〔2018〕18号", "--store", str(built_store), "--date", "2020-7-1")
    assert code == 2 and "not a date" in err


# --- hostile parameters ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_parameter_values_are_harmless(capsys, stages: dict[str, Path], value: str) -> None:
    store = stages["repeal"]
    size = len(_dump(store))
    for name in ("document-citations", "policy-lineage", "document-status"):
        assert _query(capsys, store, name, doc=value) == []
    code, _, err = _run(capsys, "query", "in-force", "--store", str(store), "--param", f"date={value}")
    assert code == 2 and "not a date" in err
    code, _, _ = _run(capsys, "doc", value, "--store", str(store))
    assert code == 2
    assert len(_dump(store)) == size
