"""Packaging: the ontology and the named queries ship inside the wheel; every command has help."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from kg.cli import main, parser

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_ships_ontology_and_queries(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    wheel = next(tmp_path.glob("gazette_kg-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in ("ontology/gazette.ttl", "ontology/shapes.ttl", "ontology/terms.py", "kg/cli.py"):
        assert required in names
    shipped = {n for n in names if n.startswith("queries/") and n.endswith(".rq")}
    assert shipped == {f"queries/{p.name}" for p in (ROOT / "queries").glob("*.rq")}
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "kg = kg.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def _subcommands() -> list[str]:
    action = next(a for a in parser()._actions if a.dest == "command")
    return sorted(action.choices)


@pytest.mark.parametrize("command", _subcommands())
def test_every_command_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    assert len(capsys.readouterr().out) > 100


def test_readme_starts_with_the_two_make_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = [line.split()[0:2] for line in readme.splitlines() if line.startswith("make ")]
    assert commands[:2] == [["make", "demo"], ["make", "test"]]
    for command in _subcommands():
        assert f"kg {command}" in readme, f"`kg {command}` is not documented in README.md"
