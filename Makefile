# `make run` and `make test` are all a fresh machine needs: both build .venv first.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run test bench clean

$(STAMP): pyproject.toml requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/streamlit run serve.py

test: $(STAMP)
	$(BIN)/python -m pytest

# Each prints its figures; the corpus benchmarks skip when ../shared/corpora is absent.
bench: $(STAMP)
	$(BIN)/python bench/index_bench.py --runs 3
	$(BIN)/python bench/cluster_bench.py --synthetic 0
	$(BIN)/python bench/export_bench.py
	$(BIN)/python bench/story_bench.py --runs 3
	$(BIN)/python bench/report_bench.py --runs 3
	$(BIN)/python bench/app_bench.py --runs 3
	$(BIN)/python bench/ner_bench.py
	$(BIN)/python bench/ner_product_bench.py
	$(BIN)/python bench/target_sentiment_bench.py
	$(BIN)/python bench/actor_sentiment.py
	$(BIN)/python bench/events_bench.py --no-bbc
	$(BIN)/python bench/copies_bench.py --runs 1
	$(BIN)/python bench/fetch_bench.py
	$(BIN)/python bench/pages_bench.py --runs 3

clean:
	rm -rf $(VENV) .pytest_cache
