"""bench/compare_queries.py: the check every query rewrite goes through must see a moved row."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

from kg import queries

ROOT = Path(__file__).resolve().parents[1]


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("compare_queries", ROOT / "bench" / "compare_queries.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_parameter_sets_cover_the_example_no_parameters_and_the_extras() -> None:
    tool = _tool()
    sets = tool.parameter_sets(queries.load("lead-agencies"))
    assert sets == [{}, {"agency": "市发改委"}]  # the example has no --param: {} once, not twice
    assert tool.parameter_sets(queries.load("document"))[0] == {"number": "衢政发〔2018〕14号"}
    assert {} not in tool.parameter_sets(queries.load("document"))  # `number` is required


def test_a_dump_compares_equal_to_itself_and_a_moved_row_is_an_order_difference(
    built_store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tool = _tool()
    before, after = tmp_path / "before.json", tmp_path / "after.json"
    assert tool.main(["dump", str(built_store), str(before), "issuers", "findings"]) == 0
    assert tool.main(["compare", str(before), str(before)]) == 0

    sets = json.loads(before.read_text(encoding="utf-8"))
    key = next(k for k, v in sets.items() if len(v["rows"]) > 1)
    sets[key]["rows"].reverse()
    after.write_text(json.dumps(sets, ensure_ascii=False), encoding="utf-8")
    capsys.readouterr()
    assert tool.main(["compare", str(before), str(after)]) == 1
    assert f"ORDER    {key}" in capsys.readouterr().out
    assert tool.main(["compare", str(before), str(after), "--unordered"]) == 0

    sets[key]["rows"].pop()
    after.write_text(json.dumps(sets, ensure_ascii=False), encoding="utf-8")
    assert tool.main(["compare", str(before), str(after), "--unordered"]) == 1
    assert "ROWS" in capsys.readouterr().out


def test_an_unknown_query_name_is_refused(built_store: Path, tmp_path: Path) -> None:
    assert _tool().main(["dump", str(built_store), str(tmp_path / "x.json"), "no-such-query"]) == 2
