# storytrace: two commands on a fresh machine.
#   make demo   set up .venv and build the bundled example (ledger, tables, report)
#   make test   set up .venv and run the tests
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test lint bench eval clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

demo: $(BIN)/.installed
	$(BIN)/storytrace demo storytrace-demo

test: lint
	$(BIN)/pytest

# The quality gate (as trafilatura's CI does): pyflakes-level errors and undefined names
# (ruff), types (mypy on the package); both must be clean.
lint: $(BIN)/.installed
	$(BIN)/ruff check src tests eval bench
	$(BIN)/mypy

# Every benchmark quoted in README/BENCHMARKS (the long ones at their quoted sizes:
# reuse_scale 1k-100k takes about 10 minutes, report_scale builds 10,000 documents).
bench: $(BIN)/.installed
	$(BIN)/python bench/ingest_throughput.py
	$(BIN)/python bench/extract_throughput.py
	$(BIN)/python bench/cli_latency.py
	$(BIN)/python bench/reuse_scale.py --sizes 1000,10000,100000
	$(BIN)/python bench/report_scale.py --docs 10000
	$(BIN)/python bench/spark_scale.py --docs 10000
	$(BIN)/python bench/stage_memory.py --docs 2000
	$(BIN)/python bench/rebuild_known.py

eval: $(BIN)/.installed
	$(BIN)/python eval/ingest_accounting.py
	$(BIN)/python eval/numbers_recognizers.py | tail -1
	$(BIN)/python eval/wad_victims.py
	$(BIN)/python eval/dates_publication.py
	$(BIN)/python eval/dates_recognizers.py | tail -1
	$(BIN)/python eval/reuse_copies.py
	$(BIN)/python eval/events_stories.py
	$(BIN)/python eval/figures_seeds.py --list
	$(BIN)/python eval/figure_rows.py
	$(BIN)/python eval/quotes_polnear.py
	$(BIN)/python eval/framing_seeds.py

clean:
	rm -rf $(VENV) storytrace-demo .pytest_cache
