# kantcheck: `make run` scans data/articles, `make test` runs the tests; both install what is missing.
VENV   ?= .venv
PYTHON ?= python3
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.kantcheck-installed
ARTICLES ?= data/articles

.PHONY: run test test-all bench bench-timex lint fuzz clean

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[model,dev]'
	touch $(STAMP)

install: $(STAMP)

## Scan the articles (exit 1 from findings is a result, not a failure of make).
run: $(STAMP)
	$(VENV)/bin/kantcheck scan $(ARTICLES) || [ $$? -eq 1 ]

## The test suite (slow tests and benchmarks excluded; see test-all and bench).
test: $(STAMP)
	$(PY) -m pytest -q

test-all: $(STAMP)
	$(PY) -m pytest -q -m ''

bench: $(STAMP)
	$(PY) benchmarks/bench_compare.py
	$(PY) benchmarks/bench_scan.py

bench-timex: $(STAMP)
	$(PY) benchmarks/bench_timex.py

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/ruff format --check src tests benchmarks
	$(VENV)/bin/mypy

## Property tests with a large budget (FUZZ_SECONDS, default 600).
fuzz: $(STAMP)
	KANTCHECK_FUZZ=1 FUZZ_SECONDS=$${FUZZ_SECONDS:-600} $(PY) -m pytest -q -m fuzz -p no:cacheprovider tests

clean:
	rm -rf $(VENV) .kantcheck .pytest_cache .mypy_cache .ruff_cache
