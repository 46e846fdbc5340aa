"""The agency side of the graph, through the real pipeline: commendations, leading groups, tasks with
their agencies' roles, leaders' duties, the named queries over them and ``kg agency``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg import queries
from kg.build import build
from kg.cli import main
from kg.facts import leader_duty_records
from kg.store import open_for_reading
from kg.validate import validate_store
from tests.test_leader_duties import GOVERNMENT

PREFIXES = """
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX gk: <https://w3id.org/gazette-kg/ontology#>
"""
NDRC = "衢州市发展和改革委员会"


def _select(store_path: Path, body: str) -> list[dict[str, str]]:
    with open_for_reading(store_path) as store:
        names, rows = queries.run_select(store, PREFIXES + body)
    return [{n: t.value for n, t in zip(names, row, strict=True) if t is not None} for row in rows]


def _named(store_path: Path, name: str, **params: str) -> list[dict[str, str]]:
    named = queries.load(name)
    with open_for_reading(store_path) as store:
        names, rows = queries.run_select(store, named.text, named.bindings(params))
    return [{n: t.value for n, t in zip(names, row, strict=True) if t is not None} for row in rows]


def test_commendation_links_person_affiliation_honour_and_evidence(built_store: Path) -> None:
    rows = _select(
        built_store,
        """SELECT DISTINCT ?type ?affiliation ?agency ?honour ?concept ?number ?evidence WHERE {
          ?c a gk:Commendation ; gk:recipient ?p ; gk:asWritten "范渊"@zh ; gk:recipientType ?type ;
             gk:recipientAffiliation ?affiliation ; gk:affiliationOrganization/skos:prefLabel ?agency ;
             gk:honourText ?honour ; gk:honour ?concept ; dcterms:source/eli:id_local ?number ;
             prov:wasDerivedFrom/gk:field ?evidence .
          ?p a foaf:Person ; foaf:name "范渊"@zh .
        }""",
    )
    assert {r["evidence"] for r in rows} >= {"recipient", "affiliation", "line"}
    row = rows[0]
    assert row["type"].endswith("#recipient-person")
    assert (row["affiliation"], row["honour"], row["number"]) == ("市规划局", "先进个人", "衢政办发〔2018〕17号")
    assert row["agency"] != "市规划局"  # resolved to the registry's full name
    assert "/honours/" in row["concept"] or row["concept"].startswith("https://w3id.org/gazette-kg/ontology#")
    collectives = _select(
        built_store,
        """SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE {
          ?c a gk:Commendation ; gk:recipientType gk:recipient-collective ; gk:recipient ?o .
          ?o a org:Organization }""",
    )
    assert int(collectives[0]["n"]) > 0


def test_group_membership_by_office_has_no_person(built_store: Path) -> None:
    rows = _select(
        built_store,
        """SELECT DISTINCT ?m ?member ?post ?affiliation WHERE {
          ?m a org:Membership ; gk:roleText "组长"@zh ; org:organization ?g ; gk:affiliation ?affiliation .
          ?g a gk:LeadingGroup , org:OrganizationalCollaboration ; dcterms:title "衢州市第四次经济普查领导小组"@zh .
          OPTIONAL { ?m org:member ?member }
          OPTIONAL { ?m gk:memberByPost/skos:prefLabel ?post }
        }""",
    )
    assert len(rows) == 1
    assert "member" not in rows[0]
    assert rows[0]["post"] == rows[0]["affiliation"] == "常务副市长"
    members = _named(built_store, "group-members", group="衢州市第四次经济普查领导小组")
    assert any(r.get("person") == "潘佶" and r["affiliation"] == "市统计局" for r in members)
    assert all(r["groupName"] == "衢州市第四次经济普查领导小组" for r in members)


def test_task_with_lead_and_responsible_agencies(built_store: Path) -> None:
    rows = _select(
        built_store,
        """SELECT DISTINCT ?task ?lead ?responsible WHERE {
          ?task a gk:Task ; dcterms:title ?title ; dcterms:isPartOf ?doc ;
                prov:qualifiedAssociation ?a , ?b ; gk:leadAgency ?leadOrg ; gk:responsibleAgency ?respOrg .
          ?a prov:hadRole gk:LeadRole ; prov:agent ?leadOrg ; gk:position 1 ; gk:asWritten ?lead .
          ?b prov:hadRole gk:ResponsibleRole ; prov:agent ?respOrg ; gk:asWritten ?responsible .
          ?doc eli:id_local ?number .
        } LIMIT 5""",
    )
    assert rows
    bracket = _select(
        built_store,
        """SELECT DISTINCT ?name WHERE {
          ?a a prov:Association ; gk:asWritten "市发改委(铁办)"@zh ; prov:agent/skos:prefLabel ?name }""",
    )
    assert [r["name"] for r in bracket] == [NDRC]


def test_lead_agencies_and_co_responsibility(built_store: Path) -> None:
    leads = _named(built_store, "lead-agencies")
    counts = [int(r["tasks"]) for r in leads]
    assert counts == sorted(counts, reverse=True) and counts[0] > 10
    ndrc = _named(built_store, "lead-agencies", agency="市发改委")
    assert [r["agencyName"] for r in ndrc] == [NDRC]
    assert int(ndrc[0]["tasks"]) > 0 and "衢政办发〔2018〕18号" in ndrc[0]["documents"] and ndrc[0]["partners"]
    pairs = _named(built_store, "co-responsibility", min="5")
    assert pairs and all(int(r["tasks"]) >= 5 and r["agencyA"] < r["agencyB"] for r in pairs)
    with_ndrc = _named(built_store, "co-responsibility", agency=NDRC)
    assert with_ndrc and all(NDRC in (r["agencyA"], r["agencyB"]) for r in with_ndrc)


def test_kg_agency_profile(built_store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["agency", "市发改委", "--store", str(built_store)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(NDRC) and "市发改委(铁办)" in out
    for title in ("tasks led", "tasks shared", "groups it sits in", "people known to work there", "documents issued"):
        assert title in out
    assert main(["agency", NDRC, "--store", str(built_store), "--format", "json"]) == 0
    page = json.loads(capsys.readouterr().out)
    assert page["agency"] == NDRC and "市发改委" in page["aliases"]
    assert page["task-lead"] and page["issued"] and page["group"]
    people = {row["person"]["value"] for row in page["person"]}
    assert "谢剑锋" in people


def test_lead_and_shared_lists_are_sorted_and_agree_with_a_plain_count(built_store: Path) -> None:
    """The list queries count per document and sort on computed keys; a plain query must agree."""
    ndrc = _named(built_store, "lead-agencies", agency="市发改委")[0]
    led = _select(
        built_store,
        f"""SELECT DISTINCT ?task ?number WHERE {{
          ?task gk:leadAgency ?org ; dcterms:isPartOf/eli:id_local ?number . ?org skos:prefLabel "{NDRC}"@zh }}""",
    )
    assert int(ndrc["tasks"]) == len({r["task"] for r in led})
    assert ndrc["documents"] == "、".join(sorted({r["number"] for r in led}))
    partners = _select(
        built_store,
        f"""SELECT DISTINCT ?name WHERE {{
          ?org skos:prefLabel "{NDRC}"@zh . ?task gk:leadAgency ?org ;
               gk:leadAgency|gk:responsibleAgency|gk:supportAgency ?partner .
          ?partner skos:prefLabel ?name FILTER(?partner != ?org) }}""",
    )
    assert ndrc["partners"] == "、".join(sorted(r["name"] for r in partners))
    top = _named(built_store, "co-responsibility", agency=NDRC)[0]
    shared = _select(
        built_store,
        f"""SELECT DISTINCT ?task ?number WHERE {{
          ?a skos:prefLabel "{top["agencyA"]}"@zh . ?b skos:prefLabel "{top["agencyB"]}"@zh .
          ?task gk:leadAgency|gk:responsibleAgency|gk:supportAgency ?a , ?b ;
                dcterms:isPartOf/eli:id_local ?number }}""",
    )
    assert int(top["tasks"]) == len({r["task"] for r in shared})
    assert top["documents"] == "、".join(sorted({r["number"] for r in shared}))


@pytest.mark.parametrize("hostile", ['"} ; DROP ALL ; {', "市发改委' || true || '", "?agency"])
def test_hostile_values_are_only_strings(built_store: Path, capsys: pytest.CaptureFixture[str], hostile: str) -> None:
    for name in ("lead-agencies", "co-responsibility", "leader-duties"):
        param = "person" if name == "leader-duties" else "agency"
        assert _named(built_store, name, **{param: hostile}) == []
    assert _named(built_store, "group-members", group=hostile) == []
    assert main(["agency", hostile, "--store", str(built_store)]) == 2
    assert "no agency named" in capsys.readouterr().err
    assert _named(built_store, "lead-agencies", agency="市发改委")  # the store is intact


def test_unknown_agency_exits_2_with_suggestions(built_store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["agency", "衢州市发展委员会", "--store", str(built_store)]) == 2
    err = capsys.readouterr().err
    assert "no agency named" in err and "similar names" in err


def test_leader_duties_of_a_division_notice(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "in" / "division.txt"
    source.parent.mkdir()
    source.write_text(GOVERNMENT, encoding="utf-8")
    store = tmp_path / "store"
    assert build([source], store).ok
    rows = _select(
        store,
        """SELECT DISTINCT ?positions ?kind ?agency WHERE {
          ?a a gk:PortfolioAssignment ; gk:leader/foaf:name "毛建民"@zh ; gk:positions ?positions ;
             ?kind ?org . ?org skos:prefLabel ?agency .
          VALUES ?kind { gk:supervises gk:assists gk:liaisesWith }
        }""",
    )
    by_kind: dict[str, set[str]] = {}
    for r in rows:
        by_kind.setdefault(r["kind"].rsplit("#", 1)[1], set()).add(r["agency"])
    assert rows[0]["positions"] == "常务副市长"
    assert NDRC in by_kind["supervises"]
    # printed 财政局、统计局 after 市发改委: linked to the city bodies (the distributive 市), kept as written below
    assert {"衢州市财政局", "衢州市统计局"} <= by_kind["supervises"]
    assert by_kind["assists"] and by_kind["liaisesWith"]
    assert not by_kind["assists"] & by_kind["supervises"]
    with open_for_reading(store) as opened:
        records = list(leader_duty_records(opened))
        assert validate_store(opened).conforms
    mao = next(r for r in records if r["person"] == "毛建民")
    assert mao["positions"] == "常务副市长" and mao["doc_number"] == "衢政发〔2020〕3号"
    assert mao["supervises"][:4] == ["市发改委", "财政局", "统计局", "市政府办公室"]  # as written (SCHEMA.md)
    assert mao["duties"].startswith("负责发展改革")
    duties = _named(store, "leader-duties", person="毛建民")
    assert len(duties) == 1 and NDRC in duties[0]["supervises"] and duties[0]["liaises"]
    assert main(["facts", "--store", str(store), "--kind", "leader_duty"]) == 0
    assert len([line for line in capsys.readouterr().out.splitlines() if line.strip()]) == 3
