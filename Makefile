# Two commands do all the set-up on a fresh machine:
#   make demo   - create .venv, install, build the bundled gazettes, print a summary, run two named queries
#   make test   - install the dev extras and run the whole test suite
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STORE  ?= .kg-store
PIP     = $(BIN)/python -m pip

.PHONY: demo test lint bench clean install install-dev

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

install: $(BIN)/python
	$(PIP) install --quiet -e .

install-dev: $(BIN)/python
	$(PIP) install --quiet -e '.[dev]'

demo: install
	$(BIN)/kg build data/gazettes --store $(STORE)
	$(BIN)/kg stats --store $(STORE)
	$(BIN)/kg query issuers --store $(STORE)
	$(BIN)/kg query documents --param section=机构与人事 --store $(STORE)

test: install-dev
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python bench/bench_build.py

clean:
	rm -rf $(VENV) $(STORE) build dist *.egg-info .pytest_cache .ruff_cache
