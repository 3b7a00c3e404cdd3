# The README's two commands: `make run` and `make test`. Both set everything up themselves.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
SAMPLE := sample_db/sample.sqlite
SOURCES := $(wildcard sample_db/sources/*.toml) $(wildcard resources/kinds/*.toml) sample_db/build.py

.PHONY: run test sample bench clean package package-test package-windows package-windows-test windows-checks

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

## make test: lint (ruff) and types (mypy, the core layers) first, then the whole suite, offscreen
test: $(STAMP)
	$(BIN)/ruff check --quiet .
	$(BIN)/mypy
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(PYTEST_ARGS)

## make sample: rebuild the sample database from its sources
sample: $(STAMP)
	$(BIN)/python sample_db/build.py --force

## make package: the Linux one-folder bundle (window + command line) in dist/linux/TuDanhGia and a
## tarball beside it, built by PyInstaller with the pinned versions of build/spec/requirements-lock.txt
BUILD_VENV := build/work/venv
BUILD_STAMP := $(BUILD_VENV)/.installed-stamp
VERSION = $(shell sed -n 's/^__version__ = "\(.*\)"/\1/p' desktop/tudanhgia/__init__.py)

$(BUILD_STAMP): build/spec/requirements-lock.txt
	@test -x $(BUILD_VENV)/bin/python || $(PY) -m venv $(BUILD_VENV)
	$(BUILD_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(BUILD_VENV)/bin/python -m pip install --quiet -r build/spec/requirements-lock.txt
	@touch $(BUILD_STAMP)

package: $(BUILD_STAMP) $(SAMPLE)
	PYTHONPATH=desktop $(BUILD_VENV)/bin/python -m PyInstaller --noconfirm --clean --log-level WARN \
	    --distpath dist/linux --workpath build/work/pyinstaller build/spec/tudanhgia.spec
	tar -C dist/linux -czf dist/TuDanhGia-$(VERSION)-linux-x86_64.tar.gz TuDanhGia
	@du -sh dist/linux/TuDanhGia dist/TuDanhGia-$(VERSION)-linux-x86_64.tar.gz

## make package-test: build, then smoke-test a copy of the bundle in a clean environment
package-test: package $(STAMP)
	bash build/spec/smoke.sh dist/linux/TuDanhGia

## make package-windows: the Windows installer, built here under Wine (build/spec/windows.sh)
package-windows: $(SAMPLE)
	bash build/spec/windows.sh build

package-windows-test: $(SAMPLE)
	bash build/spec/windows.sh test

## make windows-checks: only the Windows-only code paths (lock, liveness, hidden temp folder, session
## end, import thread) under Wine with the build's Windows Python, on the source tree (about a minute)
windows-checks:
	bash build/spec/windows.sh checks

## make mutate: mutation testing of the domain, render/layout.py and services/chain.py (tests/mutate.py,
## standard library only; docs/mutation.md); not part of make test. MUTATE_ARGS e.g. --target chain
.PHONY: mutate
mutate: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python tests/mutate.py $(MUTATE_ARGS)

## make crash-test: 100 SIGKILLs of the real application while it types, and ten during each of export,
## import, Excel import, migration and the backup at open (tests/crash/run.py; docs/reliability.md).
## Prints "N kills, C corrupt, max loss M ms". CRASH_ARGS e.g. --kills 20 --seed 7
## Then 20 typing kills in one section made ~1 MB (--big-section; written off the window's thread). CRASH_BIG_ARGS
.PHONY: crash-test
crash-test: $(STAMP) $(SAMPLE)
	QT_QPA_PLATFORM=offscreen $(BIN)/python tests/crash/run.py $(CRASH_ARGS)
	QT_QPA_PLATFORM=offscreen $(BIN)/python tests/crash/run.py --big-section --kills 20 --export 0 --import 0 \
		--xlsx 0 --migration 0 --backup 0 $(CRASH_BIG_ARGS)

bench: $(STAMP)
	@for f in bench/*.py; do [ -f "$$f" ] && QT_QPA_PLATFORM=offscreen $(BIN)/python "$$f"; done; true

clean:
	rm -rf $(VENV) $(SAMPLE) .pytest_cache .hypothesis build/work dist
