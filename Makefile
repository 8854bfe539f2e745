# storytrace: two commands on a fresh machine.
#   make demo   set up .venv and build the bundled example (ledger, tables, report)
#   make test   set up .venv and run the tests
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test bench eval clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

demo: $(BIN)/.installed
	$(BIN)/storytrace demo storytrace-demo

test: $(BIN)/.installed
	$(BIN)/pytest

bench: $(BIN)/.installed
	$(BIN)/python bench/ingest_throughput.py
	$(BIN)/python bench/extract_throughput.py

eval: $(BIN)/.installed
	$(BIN)/python eval/ingest_accounting.py
	$(BIN)/python eval/numbers_recognizers.py | tail -1
	$(BIN)/python eval/wad_victims.py
	$(BIN)/python eval/dates_publication.py
	$(BIN)/python eval/dates_recognizers.py | tail -1

clean:
	rm -rf $(VENV) storytrace-demo .pytest_cache
