# The two set-up commands: `make issue` and `make test`. Both create the virtual environment,
# install the Python packages from pyproject.toml and the OFL fonts from Debian's packages.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
ISSUE  ?= issues/2024-03

.PHONY: issue test fonts lint bench clean compile

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $@

fonts:
	@bash scripts/install-system-deps.sh

# Byte-compiled modules start faster (the environment may forbid Python writing them itself).
compile: $(STAMP)
	@$(BIN)/python -m compileall -q layout >/dev/null

issue: $(STAMP) fonts compile
	$(BIN)/layout build $(ISSUE)

test: $(STAMP) fonts
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check layout tests

bench: $(STAMP) fonts compile
	$(BIN)/python -m layout.bench $(ISSUE)

clean:
	rm -rf output
