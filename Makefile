# Two commands do all the set-up on a fresh machine:
#   make demo   - create .venv, install, build the bundled gazettes, print a summary, run two named queries
#   make test   - install the dev extras and run the whole test suite
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STORE  ?= .kg-store
PIP     = $(BIN)/python -m pip

.PHONY: demo test lint bench clean install install-dev browser virtuoso

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

# Headless Chromium (Debian package) for tests/test_viz_browser.py, and a CJK font so the screenshot is legible.
# As root on CI; sudo otherwise. Playwright drives this browser: no browser download.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
browser:
	@pkgs=""; \
	[ -x /usr/bin/chromium ] || pkgs=" chromium"; \
	fc-list :lang=zh 2>/dev/null | grep -q . || pkgs="$$pkgs fonts-wqy-microhei"; \
	if [ -n "$$pkgs" ]; then \
	  command -v apt-get >/dev/null || { echo "install Chromium as /usr/bin/chromium (no apt-get here)"; exit 1; }; \
	  echo "installing$$pkgs for the browser tests"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y --no-install-recommends $$pkgs; \
	fi

# Virtuoso 7 (Debian package) for tests/test_virtuoso.py, which starts a private server of its own on free ports.
virtuoso:
	@command -v virtuoso-t >/dev/null || { \
	  command -v apt-get >/dev/null || { echo "install Virtuoso 7 (virtuoso-t, isql-vt on PATH; no apt-get here)"; exit 1; }; \
	  echo "installing virtuoso-opensource for the Virtuoso tests"; \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends virtuoso-opensource; \
	}

test: install-dev browser virtuoso
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python bench/bench_build.py

clean:
	rm -rf $(VENV) $(STORE) build dist *.egg-info .pytest_cache .ruff_cache
