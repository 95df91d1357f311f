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
	$(BIN)/python -m pip install -q -e '.[dev,native]'
	touch $@

fonts:
	@bash scripts/install-system-deps.sh

# The press profiles (FOGRA39 built by ArgyllCMS from Debian's characterisation data, half a
# minute once) into the venv, so that no build or test waits for them.
.PHONY: profiles
profiles: $(STAMP) fonts
	@$(BIN)/python -m layout.color.profiles >/dev/null

# The kernels compiled by Cython (layout/native.py: the inner loops of the line breaker and the
# font subsetter, same bytes as their Python sources, which run when they are not built; on
# Linux also layout/deathsignal.pyx, which a forked child calls instead of ctypes), and
# byte-compiled modules and dataclass methods (layout/dataclass_code.py), which start faster
# (the environment may forbid Python writing them itself).
compile: $(STAMP)
	@$(BIN)/python -m layout.native
	@$(BIN)/python -m compileall -q layout >/dev/null
	@$(BIN)/python -c 'import layout.dataclass_code as d; d.main()' >/dev/null

issue: $(STAMP) fonts compile profiles
	$(BIN)/layout build $(ISSUE)

# The print PDF, then the print shop's checks on it (exit status 2 when preflight finds errors;
# the HTML report lands beside the PDF).
.PHONY: print
print: issue
	$(BIN)/layout preflight output/$(notdir $(ISSUE))/issue.pdf

test: $(STAMP) fonts profiles compile
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check layout tests

bench: $(STAMP) fonts compile
	$(BIN)/python -m layout.bench $(ISSUE)

clean:
	rm -rf output

# The next proof round of the reference issue (output/<issue>/proof-N.pdf, changes against the
# last round marked; `layout proof --help` for --round, --final (核红) and --article).
.PHONY: proof
proof: $(STAMP) fonts compile
	$(BIN)/layout proof $(ISSUE)
