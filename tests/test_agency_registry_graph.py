"""Agencies in the graph carry what the registry knows: id, level, English name, reform successors."""

from __future__ import annotations

from pathlib import Path

from kg.store import open_for_reading

PREFIXES = """
PREFIX gk: <https://w3id.org/gazette-kg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""


def _rows(store: Path, query: str) -> list[dict]:
    with open_for_reading(store) as oxi:
        result = oxi.query(PREFIXES + query, use_default_graph_as_union=True)
        names = [v.value for v in result.variables]
        return [{n: (row[n].value if row[n] is not None else None) for n in names} for row in result]


def test_short_forms_resolve_to_the_body_with_its_registry_facts(built_store: Path) -> None:
    rows = _rows(
        built_store,
        """SELECT DISTINCT ?id ?en ?level WHERE {
             ?org skos:prefLabel "衢州市发展和改革委员会"@zh ; skos:altLabel "市发改委"@zh ;
                  skos:notation ?id ; gk:level ?level ; rdfs:label ?en .
             FILTER(LANG(?en) = "en")
           }""",
    )
    assert len(rows) == 1
    assert rows[0]["level"].endswith("level-city")
    assert "Development and Reform" in rows[0]["en"]


def test_reform_successors_from_the_registry(built_store: Path) -> None:
    rows = _rows(
        built_store,
        """SELECT DISTINCT ?old ?new WHERE {
             ?a gk:successorOrganization ?b . ?a skos:prefLabel ?old . ?b skos:prefLabel ?new .
             FILTER(LANG(?old) = "zh" && LANG(?new) = "zh")
           }""",
    )
    assert {"old": "衢州市质量技术监督局", "new": "衢州市市场监督管理局"} in rows


def test_every_issuer_and_task_agency_says_how_it_was_matched(built_store: Path) -> None:
    rows = _rows(
        built_store,
        """SELECT (COUNT(DISTINCT ?org) AS ?n) WHERE {
             { ?doc a <http://xmlns.com/foaf/0.1/Document> ; <http://data.europa.eu/eli/ontology#passed_by> ?org }
             UNION { ?a a <http://www.w3.org/ns/prov#Association> ; <http://www.w3.org/ns/prov#agent> ?org .
                     ?org a <http://www.w3.org/ns/org#Organization> }
             FILTER NOT EXISTS { ?org gk:registryEvidence ?e }
           }""",
    )
    assert rows[0]["n"] == "0"
