"""Shared fixtures: the development corpus and a store built from it once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.build import build

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
BUNDLED = ROOT / "data" / "gazettes"


def corpus_dir() -> Path:
    """../shared/corpus when present (development), else the bundled copy."""
    shared = SHARED / "corpus"
    return shared if shared.is_dir() else BUNDLED


@pytest.fixture(scope="session")
def corpus_files() -> list[Path]:
    return sorted(corpus_dir().glob("*.txt"))


@pytest.fixture(scope="session")
def built_store(tmp_path_factory: pytest.TempPathFactory, corpus_files: list[Path]) -> Path:
    """A store holding the whole corpus (read-only for the tests that use it)."""
    path = tmp_path_factory.mktemp("corpus") / "store"
    report = build(corpus_files, path)
    assert report.ok, report.skipped
    return path
