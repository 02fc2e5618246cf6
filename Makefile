# The two commands of the README: `make site` and `make test`. Both set up .venv themselves.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
# axe-core for the browser tests' accessibility scan (tests/browser/package-lock.json)
NODE_STAMP := tests/browser/node_modules/.installed-stamp
# The editor's local proxy for `handover serve --edit` (generator/editor/proxy/package-lock.json)
EDITOR_STAMP := generator/editor/proxy/node_modules/.installed-stamp
# the Nu HTML checker (tests/nu/package-lock.json; it runs on Java)
NU_STAMP := tests/nu/node_modules/.installed-stamp

.PHONY: site serve edit editor-proxy test lint types unit clean lock

# Every dependency, direct or not, at the version of the lock file (requirements/).
$(STAMP): pyproject.toml requirements/dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check \
	  --constraint requirements/dev.txt -e '.[dev]'
	@touch $@

# npm is optional on a developer's machine (the browser tests then skip the scan);
# in CI (CI=true) it is required, and .ci/run installs it.
$(NODE_STAMP): tests/browser/package.json tests/browser/package-lock.json
	@if command -v npm >/dev/null; then \
	  npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error && touch $@; \
	elif [ "$$CI" = true ]; then \
	  echo "npm is required in CI for the browser tests" >&2; exit 1; \
	else \
	  echo "npm not found: the browser tests will skip the accessibility scan"; \
	fi

$(EDITOR_STAMP): generator/editor/proxy/package.json generator/editor/proxy/package-lock.json
	@if command -v npm >/dev/null; then \
	  npm ci --prefix generator/editor/proxy --omit=dev --no-audit --no-fund --loglevel=error && touch $@; \
	elif [ "$$CI" = true ]; then \
	  echo "npm is required in CI for the editor's browser tests" >&2; exit 1; \
	else \
	  echo "npm not found: the editor's browser tests will skip"; \
	fi

editor-proxy: $(EDITOR_STAMP)

$(NU_STAMP): tests/nu/package.json tests/nu/package-lock.json
	@if command -v npm >/dev/null; then \
	  npm ci --prefix tests/nu --ignore-scripts --no-audit --no-fund --loglevel=error && touch $@; \
	elif [ "$$CI" = true ]; then \
	  echo "npm is required in CI for the HTML check" >&2; exit 1; \
	else \
	  echo "npm not found: the HTML check will skip"; \
	fi

## Build the example site into site/
site: $(STAMP)
	$(BIN)/handover build

## Preview the example site with live reload on http://127.0.0.1:8000
serve: $(STAMP)
	$(BIN)/handover serve

## Preview with the browser editor at http://127.0.0.1:8000/admin/ (needs Node.js and npm)
edit: $(STAMP) $(EDITOR_STAMP)
	$(BIN)/handover serve --edit

## Lint, type-check and run every test
test: lint types unit

lint: $(STAMP)
	$(BIN)/ruff check generator tests benchmarks
	$(BIN)/ruff format --check generator tests benchmarks

types: $(STAMP)
	$(BIN)/mypy generator

unit: $(STAMP) $(NODE_STAMP) $(EDITOR_STAMP) $(NU_STAMP)
	$(BIN)/pytest -q --durations=15

## Pin every dependency of pyproject.toml again, with what they need, in requirements/
lock:
	$(BIN)/python -m pip install --quiet --disable-pip-version-check pip-tools==7.6.2
	cd requirements && for extra in site dev; do \
	  ../$(BIN)/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links \
	    $$([ $$extra = dev ] && echo --extra dev) -o $$extra.txt ../pyproject.toml; done

clean:
	rm -rf $(VENV) site build *.egg-info .pytest_cache .mypy_cache .ruff_cache
	rm -rf tests/browser/node_modules generator/editor/proxy/node_modules tests/nu/node_modules
	rm -rf test-artifacts .venv-engines
