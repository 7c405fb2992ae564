# The two commands a new user runs: `make demo` and `make test`. Both create the environment first.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export HF_HUB_OFFLINE := 1

.PHONY: demo test test-fast lint eval bench bench-corpus clean-env

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "need $(PYTHON) on PATH"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[all,dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/storydiff compare demo/corpus/flood --aliases demo/aliases.toml --store demo-output/storydiff.db \
	  --format html -o demo-output/flood.html
	$(BIN)/storydiff compare demo/corpus/gas-deal --aliases demo/aliases.toml --store demo-output/storydiff.db \
	  --format markdown -o demo-output/gas-deal.md
	$(BIN)/storydiff compare demo/corpus/monitors --aliases demo/aliases.toml --store demo-output/storydiff.db \
	  --format json -o demo-output/monitors.json
	$(BIN)/storydiff compare demo/corpus/monitors --aliases demo/aliases.toml --store demo-output/storydiff.db
	@echo
	@echo "A batch: a folder, a feed and a web archive of the demo corpus, grouped into stories."
	$(BIN)/python demo/make_sources.py demo-output
	rm -f demo-output/corpus.db
	$(BIN)/storydiff batch demo/corpus/flood demo-output/gas-deal.rss demo-output/monitors.warc.gz \
	  --store demo-output/corpus.db
	$(BIN)/storydiff stories --store demo-output/corpus.db
	$(BIN)/storydiff stories --store demo-output/corpus.db --format json -o demo-output/stories.json
	@echo
	@echo "Reports written to demo-output/ (open demo-output/flood.html in a browser)."

# The PostgreSQL store's tests start a throwaway server: install PostgreSQL when we can, else say they skip.
test: $(STAMP)
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing PostgreSQL for the store tests"; \
	    { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql; } >/dev/null 2>&1 || \
	      echo "could not install PostgreSQL: its store tests will be skipped"; \
	  else echo "PostgreSQL is not installed: its store tests will be skipped (run make test as root to install it)"; fi
	$(BIN)/ruff check src tests scripts benchmarks
	$(BIN)/mypy src/storydiff
	$(BIN)/pytest -q

# The unit tests alone (no slow end-to-end floors or benchmarks): for the edit-test loop.
test-fast: $(STAMP)
	$(BIN)/pytest -q -m "not slow"

lint: $(STAMP)
	$(BIN)/ruff check src tests scripts benchmarks
	$(BIN)/mypy src/storydiff

eval: $(STAMP)
	$(BIN)/storydiff eval

bench: $(STAMP)
	$(BIN)/python -m storydiff.bench

# The corpus table on real articles (needs ../shared/devdata): pages, analysis, curve, grouping, Dask.
bench-corpus: $(STAMP)
	$(BIN)/python benchmarks/corpus.py --devdata ../shared/devdata

clean-env:
	rm -rf $(VENV)
