"""A clean-up notice puts the declared validity on the documents it lists, and repeals reach the status queries."""

from __future__ import annotations

from pathlib import Path

from kg.build import build
from kg.cli import main
from kg.store import open_for_reading
from tests.test_validity_lists import NOTICE


def test_declared_status_in_the_graph(tmp_path: Path, capsys) -> None:
    source = tmp_path / "cleanup.txt"
    source.write_text(NOTICE, encoding="utf-8")
    store = tmp_path / "store"
    report = build([source], store)
    assert report.ok
    query = """
        PREFIX gk: <https://w3id.org/gazette-kg/ontology#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?number ?label WHERE {
          ?doc <http://data.europa.eu/eli/ontology#id_local> ?number ; gk:validityStatus/skos:prefLabel ?label .
          FILTER(LANG(?label) = "zh")
        }"""
    with open_for_reading(store) as oxi:
        rows = {(r["number"].value, r["label"].value) for r in oxi.query(query, use_default_graph_as_union=True)}
    assert ("衢政办发〔2014〕31号", "废止") in rows
    assert ("衢政发〔2017〕46号", "有效") in rows
    assert ("衢政发〔2012〕5号", "失效") in rows
    assert main(["validate", "--store", str(store)]) == 0
    capsys.readouterr()
    assert main(["doc", "衢政办发[2014]31 号", "--store", str(store)]) == 0
    assert "衢政办发〔2021〕12号" in capsys.readouterr().out
