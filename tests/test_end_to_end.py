"""End to end: build the corpus, export facts with `kg facts`, score them against the dev gold."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kg.cli import main
from tests.conftest import SHARED

GOLD = sorted((SHARED / "gold" / "dev").glob("*.jsonl"))
SCORER = SHARED / "gold" / "score.py"


def _facts(store: Path, capsys: pytest.CaptureFixture[str]) -> list[dict]:
    assert main(["facts", "--store", str(store)]) == 0
    out = capsys.readouterr().out
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_facts_are_documents_in_the_schema(built_store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    records = [r for r in _facts(built_store, capsys) if r["kind"] == "document"]
    assert len(records) >= 61
    for record in records:
        assert set(record) == {"kind", "doc_number", "title", "issuers", "date", "section"}
        assert "[" not in record["doc_number"] and " " not in record["title"]


def _score(records: list[dict], tmp_path: Path) -> dict:
    pred = tmp_path / "facts.jsonl"
    pred.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(SCORER), *map(str, GOLD), "--pred", str(pred), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


@pytest.mark.skipif(not SCORER.exists(), reason="../shared/gold is not beside the project")
def test_dev_gold_personnel_scores(built_store: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Extractor, mapping, store and the facts query together: kind personnel against the dev gold."""
    assert main(["facts", "--store", str(built_store), "--kind", "personnel"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.strip()]
    assert all(r["kind"] == "personnel" for r in records)
    result = _score(records, tmp_path)["personnel"]
    assert result["f1"] >= 0.97, result["errors"][:10]
    for field in ("organization", "title", "post_type", "qualifier", "concurrent", "date"):
        assert result["fields"][field] >= 0.95, (field, result["fields"])


@pytest.mark.skipif(not SCORER.exists(), reason="../shared/gold is not beside the project")
def test_dev_gold_document_scores(built_store: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    records = _facts(built_store, capsys)
    result = _score(records, tmp_path)["document"]
    assert result["f1"] >= 0.97, result["errors"][:10]
    for field in ("title", "issuers", "date", "section"):
        assert result["fields"][field] >= 0.95, (field, result["fields"])


def _gold_files_for(kind: str) -> list[Path]:
    """Only the gold files whose header lists ``kind`` annotate it (001 does not annotate citations)."""
    out = []
    for path in GOLD:
        header = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
        if kind in header.get("kinds", []):
            out.append(path)
    return out


@pytest.mark.skipif(not SCORER.exists(), reason="../shared/gold is not beside the project")
def test_dev_gold_citation_scores(built_store: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Citations as the graph holds them (gk:Citation nodes, exported by SPARQL) against the dev gold."""
    gold = _gold_files_for("citation")
    assert [p.name for p in gold] == ["002.jsonl", "003.jsonl"]
    assert main(["facts", "--store", str(built_store), "--kind", "citation"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.strip()]
    assert records and all(set(r) == {"kind", "doc_number", "cited_title", "cited_number"} for r in records)
    pred = tmp_path / "citations.jsonl"
    pred.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(SCORER), *map(str, gold), "--pred", str(pred), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(done.stdout)["citation"]
    assert result["f1"] >= 0.92, result["errors"][:10]
    for field in ("cited_title", "cited_number"):
        assert result["fields"][field] >= 0.95, (field, result["fields"])


def _scored(kind: str, built_store: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> tuple[list, dict]:
    """Export one kind with `kg facts --kind`, score it against the gold files that annotate it."""
    assert main(["facts", "--store", str(built_store), "--kind", kind]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.strip()]
    assert all(r["kind"] == kind for r in records)
    pred = tmp_path / f"{kind}.jsonl"
    pred.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(SCORER), *map(str, _gold_files_for(kind)), "--pred", str(pred), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return records, json.loads(done.stdout)[kind]


@pytest.mark.skipif(not SCORER.exists(), reason="../shared/gold is not beside the project")
def test_dev_gold_award_scores(built_store: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Commendations as gk:Commendation nodes, exported by SPARQL: recipients and affiliations as printed."""
    records, result = _scored("award", built_store, capsys, tmp_path)
    fields = {"kind", "recipient", "recipient_type", "affiliation", "honor", "doc_number"}
    assert records and all(set(r) == fields for r in records)
    assert result["f1"] >= 0.95, result["errors"][:10]
    for field in ("recipient_type", "affiliation", "honor"):
        assert result["fields"][field] >= 0.95, (field, result["fields"])


@pytest.mark.skipif(not SCORER.exists(), reason="../shared/gold is not beside the project")
def test_dev_gold_group_member_scores(built_store: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    records, result = _scored("group_member", built_store, capsys, tmp_path)
    fields = {"kind", "group", "person", "role", "affiliation", "doc_number"}
    assert records and all(set(r) - {"layout"} == fields for r in records)
    assert any(r["person"] is None for r in records) and any(r.get("layout") == "table" for r in records)
    assert result["f1"] >= 0.90, result["errors"][:10]
    for field in ("group", "affiliation"):
        assert result["fields"][field] >= 0.90, (field, result["fields"])


@pytest.mark.skipif(not SCORER.exists(), reason="../shared/gold is not beside the project")
def test_dev_gold_responsibility_scores(built_store: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Agencies as printed (市发改委(铁办)), roles from prov:hadRole, lead leaders without a position."""
    records, result = _scored("responsibility", built_store, capsys, tmp_path)
    leaders = [r for r in records if r["role"] == "lead_leader"]
    assert leaders and all(r["agency"] is None and r["leader"] and "position" not in r for r in leaders)
    assert all(isinstance(r["position"], int) and r["agency"] for r in records if r["role"] != "lead_leader")
    assert result["f1"] >= 0.90, result["errors"][:10]
    assert result["fields"]["position"] >= 0.95, result["fields"]


def test_no_leader_duty_is_predicted_on_the_corpus(built_store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The dev issues print no division of work (领导分工): the gold has no leader_duty record."""
    assert main(["facts", "--store", str(built_store), "--kind", "leader_duty"]) == 0
    assert capsys.readouterr().out.strip() == ""
