# The two commands of the README: `make site` and `make test`. Both set up .venv themselves.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: site serve test lint types unit clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $@

## Build the example site into site/
site: $(STAMP)
	$(BIN)/handover build

## Preview the example site with live reload on http://127.0.0.1:8000
serve: $(STAMP)
	$(BIN)/handover serve

## Lint, type-check and run every test
test: lint types unit

lint: $(STAMP)
	$(BIN)/ruff check generator tests benchmarks
	$(BIN)/ruff format --check generator tests benchmarks

types: $(STAMP)
	$(BIN)/mypy generator

unit: $(STAMP)
	$(BIN)/pytest -q

clean:
	rm -rf $(VENV) site build *.egg-info .pytest_cache .mypy_cache .ruff_cache
