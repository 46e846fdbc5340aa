"""The notebooks in notebooks/ run top to bottom, show a picture and a table, and are committed clean.

Each notebook is executed in a fresh ``python3`` kernel (ipykernel from the current environment) with
the notebooks folder as its working directory, the way ``jupyter lab notebooks/`` runs it. The store
that ``Explorer.build()`` writes goes to a temporary directory (``TMPDIR``) removed afterwards.

Marked ``e2e``: every notebook builds the bundled corpus (``pytest -m "not e2e"`` skips them).
"""

from __future__ import annotations

import os
import re
import tempfile
import time
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat", reason="the dev extras are missing: pip install -e '.[dev]'")
nbclient = pytest.importorskip("nbclient", reason="the dev extras are missing: pip install -e '.[dev]'")
pytest.importorskip("ipykernel", reason="the dev extras are missing: pip install -e '.[dev]'")

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
EXPECTED = ["01-who-leads-what.ipynb", "02-personnel-changes.ipynb", "03-following-a-policy.ipynb"]
NAMES = sorted(p.name for p in NOTEBOOKS.glob("*.ipynb"))  # a new notebook is checked like the others
TIME_LIMIT = 60.0  # seconds per notebook, kernel start included
DEFINITION = re.compile(r"^\s*(?:async\s+def|def|class)\s", re.MULTILINE)

pytestmark = pytest.mark.e2e


def load(name: str):
    return nbformat.read(NOTEBOOKS / name, as_version=4)


def code_cells(notebook) -> list:
    return [cell for cell in notebook.cells if cell.cell_type == "code"]


def html_outputs(notebook) -> list[str]:
    return [
        output["data"]["text/html"]
        for cell in code_cells(notebook)
        for output in cell.get("outputs", [])
        if output.get("output_type") in ("execute_result", "display_data") and "text/html" in output.get("data", {})
    ]


def test_the_three_stories_are_there() -> None:
    assert set(EXPECTED) <= set(NAMES), f"missing: {sorted(set(EXPECTED) - set(NAMES))}"


@pytest.mark.parametrize("name", NAMES)
def test_committed_without_outputs(name: str) -> None:
    notebook = load(name)
    nbformat.validate(notebook)
    dirty = [
        n
        for n, cell in enumerate(notebook.cells)
        if cell.cell_type == "code" and (cell.outputs or cell.execution_count is not None)
    ]
    assert not dirty, f"{name}: cells {dirty} keep outputs or execution counts; clear them before committing"


@pytest.mark.parametrize("name", NAMES)
def test_logic_comes_from_kg(name: str) -> None:
    """No function or class is defined in a notebook: every step is a call into the kg package."""
    notebook = load(name)
    defined = [
        n for n, cell in enumerate(notebook.cells) if cell.cell_type == "code" and DEFINITION.search(cell.source)
    ]
    assert not defined, f"{name}: cells {defined} define a function or class; move it into kg/"
    sources = "\n".join(cell.source for cell in code_cells(notebook))
    assert "from kg" in sources or "import kg" in sources
    first = code_cells(notebook)[0].source
    assert "Explorer.build()" in first, "the first code cell builds the bundled corpus"
    assert notebook.cells[0].cell_type == "markdown", "a notebook opens with its question, data and how to run it"


@pytest.fixture(scope="module", params=NAMES)
def executed(request: pytest.FixtureRequest):
    """(name, executed notebook, seconds): one run per notebook, shared by the checks below."""
    name = request.param
    notebook = load(name)
    client = nbclient.NotebookClient(
        notebook,
        kernel_name="python3",
        timeout=TIME_LIMIT * 2,  # per cell; the total is asserted below
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    )
    with tempfile.TemporaryDirectory(prefix="kg-notebook-") as scratch:
        started = time.perf_counter()
        try:
            client.execute(env={**os.environ, "TMPDIR": scratch})
        except nbclient.exceptions.CellExecutionError as error:
            pytest.fail(f"{name} failed:\n{error}", pytrace=False)
        seconds = time.perf_counter() - started
    return name, notebook, seconds


def test_runs_top_to_bottom_in_under_a_minute(executed) -> None:
    name, notebook, seconds = executed
    errors = [output for cell in code_cells(notebook) for output in cell.outputs if output.output_type == "error"]
    assert not errors, f"{name}: {errors[0].ename}: {errors[0].evalue}"
    assert all(cell.execution_count is not None for cell in code_cells(notebook)), f"{name}: a cell did not run"
    assert seconds < TIME_LIMIT, f"{name} took {seconds:.1f} s (limit {TIME_LIMIT:.0f} s)"


def test_shows_a_picture(executed) -> None:
    name, notebook, _ = executed
    pictures = [h for h in html_outputs(notebook) if "<iframe" in h and "vis-network" in h]
    assert pictures, f"{name}: no cell shows a pyvis picture (an iframe holding a vis-network page)"


def test_shows_a_table(executed) -> None:
    name, notebook, _ = executed
    tables = [h for h in html_outputs(notebook) if h.lstrip().startswith("<table") and "<td>" in h]
    assert tables, f"{name}: no cell shows a non-empty table"
