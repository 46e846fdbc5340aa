"""Named queries and the CLI against the real store built from the corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg import queries
from kg.cli import main

HOSTILE = ['"} ; DROP ALL', "x' } DROP ALL ; #", '衢州市人民政府"@zh } ; CLEAR ALL ; SELECT * {', "{{}}"]


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _json_rows(out: str) -> list[dict]:
    return json.loads(out)["results"]["bindings"]


def test_every_query_has_a_header_and_is_documented() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    named = queries.available()
    assert {"documents", "document", "issuers"} <= set(named)
    for name, query in named.items():
        assert query.title and query.question
        assert f"`{name}`" in readme, f"query {name} is not listed in README.md"


def test_documents_filtered_by_section_and_year(built_store: Path, capsys) -> None:
    code, out, _ = _run(
        capsys,
        "query",
        "documents",
        "--store",
        str(built_store),
        "--param",
        "section=机构与人事",
        "--param",
        "year=2018",
        "--format",
        "json",
    )
    assert code == 0
    numbers = sorted(r["number"]["value"] for r in _json_rows(out))
    assert numbers == sorted(
        [
            "衢政干〔2018〕4号",
            "衢政干〔2018〕5号",
            "衢政干〔2018〕6号",
            "衢政干〔2018〕7号",
            "衢政干〔2018〕8号",
            "衢政办发〔2018〕44号",
        ]
    )
    assert "section" not in json.loads(out)["head"]["vars"]  # parameters are inputs, hidden


def test_documents_filtered_by_issuer_keeps_joint_issuers_in_order(built_store: Path, capsys) -> None:
    code, out, _ = _run(
        capsys,
        "query",
        "documents",
        "--store",
        str(built_store),
        "--param",
        "issuer=国网衢州供电公司",
        "--format",
        "json",
    )
    assert code == 0
    rows = _json_rows(out)
    assert [r["number"]["value"] for r in rows] == ["衢发改发〔2018〕23号"]
    assert rows[0]["issuers"]["value"].startswith("衢州市发展和改革委员会、中国人民银行衢州市中心支行")


def test_document_query_accepts_printed_numbers_and_shows_evidence(built_store: Path, capsys) -> None:
    code, out, _ = _run(
        capsys,
        "query",
        "document",
        "--store",
        str(built_store),
        "--param",
        "number=衢政发[2018]14 号",
        "--format",
        "json",
    )
    assert code == 0
    rows = _json_rows(out)
    values = {r["value"]["value"] for r in rows}
    assert "衢州市人民政府关于下达2018年衢州市国民经济和社会发展的通知" in values
    quotes = [r for r in rows if r.get("field", {}).get("value") == "title"]
    assert quotes and "quote" in quotes[0] and int(quotes[0]["end"]["value"]) > int(quotes[0]["start"]["value"])


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_parameter_values_are_harmless(built_store: Path, capsys, value: str) -> None:
    code, out, _ = _run(
        capsys, "query", "documents", "--store", str(built_store), "--param", f"issuer={value}", "--format", "json"
    )
    assert code == 0
    assert _json_rows(out) == []
    code, out, _ = _run(capsys, "query", "issuers", "--store", str(built_store), "--format", "json")
    assert len(_json_rows(out)) > 5  # the store is intact


def test_update_is_refused_without_the_flag(built_store: Path, capsys) -> None:
    code, _, err = _run(capsys, "query", "--store", str(built_store), "--sparql", "DROP ALL")
    assert code == 2
    assert "--allow-update" in err
    code, out, _ = _run(capsys, "query", "issuers", "--store", str(built_store), "--format", "csv")
    assert out.count("\n") > 5


def test_update_with_the_flag_changes_a_copy(built_store: Path, tmp_path: Path, capsys) -> None:
    import shutil

    store = tmp_path / "copy"
    shutil.copytree(built_store, store)
    update = "INSERT DATA { GRAPH <urn:x:g> { <urn:x:s> <urn:x:p> 'note' } }"
    assert _run(capsys, "query", "--store", str(store), "--sparql", update, "--allow-update")[0] == 0
    _code, out, _ = _run(
        capsys,
        "query",
        "--store",
        str(store),
        "--sparql",
        "SELECT ?o WHERE { <urn:x:s> <urn:x:p> ?o }",
        "--format",
        "csv",
    )
    assert out.splitlines() == ["o", "note"]


def test_query_errors_are_clear(built_store: Path, capsys) -> None:
    code, _, err = _run(capsys, "query", "no-such-query", "--store", str(built_store))
    assert code == 2 and "available" in err
    code, _, err = _run(capsys, "query", "document", "--store", str(built_store))
    assert code == 2 and "--param number" in err
    code, _, err = _run(capsys, "query", "issuers", "--store", str(built_store), "--param", "year=twenty")
    assert code == 2 and "not an integer" in err
    code, _, err = _run(capsys, "query", "--store", str(built_store), "--sparql", "SELECT WHERE {")
    assert code == 2 and "syntax" in err.lower()


def test_query_from_file_and_table_output(built_store: Path, tmp_path: Path, capsys) -> None:
    rq = tmp_path / "count.rq"
    rq.write_text(
        "SELECT (COUNT(?d) AS ?n) WHERE { ?d a <http://data.europa.eu/eli/ontology#LegalResource> }",
        encoding="utf-8",
    )
    code, out, _ = _run(capsys, "query", "--store", str(built_store), "--file", str(rq))
    assert code == 0
    assert "(1 row)" in out


def test_stats_counts(built_store: Path, capsys) -> None:
    code, out, _ = _run(capsys, "stats", "--store", str(built_store))
    assert code == 0
    assert "61 documents" in out
    assert "3 issues" in out


def test_listing_named_queries(capsys) -> None:
    code, out, _ = _run(capsys, "query")
    assert code == 0
    assert "documents" in out and "--param issuer" in out


def test_stats_leave_the_vocabulary_graph_out() -> None:
    from kg import ids

    assert f"<{ids.ONTOLOGY_GRAPH}>" in queries.load("stats-classes").text
