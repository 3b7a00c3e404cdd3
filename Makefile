# The README's two commands: `make run` and `make test`. Both set everything up themselves.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
SAMPLE := sample_db/sample.sqlite
SOURCES := $(wildcard sample_db/sources/*.toml) $(wildcard resources/kinds/*.toml) sample_db/build.py

.PHONY: run test sample bench clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	@touch $(STAMP)

$(SAMPLE): $(STAMP) $(SOURCES)
	$(BIN)/python sample_db/build.py --force

## make run: open the application on the sample database (built if missing)
run: $(STAMP) $(SAMPLE)
	$(BIN)/python -m tudanhgia --db $(SAMPLE)

## make test: the whole suite, offscreen
test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(PYTEST_ARGS)

## make sample: rebuild the sample database from its sources
sample: $(STAMP)
	$(BIN)/python sample_db/build.py --force

bench: $(STAMP)
	@for f in bench/*.py; do [ -f "$$f" ] && QT_QPA_PLATFORM=offscreen $(BIN)/python "$$f"; done; true

clean:
	rm -rf $(VENV) $(SAMPLE) .pytest_cache .hypothesis build/work dist
