# The README's two commands: `make serve` and `make test`. Both create the virtual
# environment from the pinned requirements the first time.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve preview build build-zensical test check bench clean

# Said aloud, because the first run is silent for a minute or more otherwise.
$(VENV)/.installed: requirements.txt pyproject.toml
	@echo "Setting up $(VENV) from the pinned requirements.txt (first run, or after it changes; about a minute or two)..." >&2
	@$(PYTHON) -m venv $(VENV)
	@echo "  installing the pinned packages..." >&2
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@echo "  installing the register itself (hooks/register)..." >&2
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@
	@echo "  done." >&2

serve: $(VENV)/.installed  ## build and serve the site on http://127.0.0.1:8000
	$(BIN)/python -m mkdocs serve --strict --dev-addr 127.0.0.1:8000

# Rebuilds after an edit redo only what the edited files reach (see hooks/register/site/incremental.py).
# Not --strict: MkDocs warns on every --dirty build; `make build` is the strict check.
preview: $(VENV)/.installed  ## serve the site on http://127.0.0.1:8000, updating a page seconds after its data file is saved
	$(BIN)/python -m mkdocs serve --dirty --dev-addr 127.0.0.1:8000

build: $(VENV)/.installed  ## build the site into site/, refusing any warning
	$(BIN)/python -m mkdocs build --strict

# The same site with no MkDocs hook, for when Material for MkDocs ends (May 2027; see the README):
# every generated file written as plain files, built by Zensical, then the hook's last steps.
ZENSICAL_DOCS := build/zensical-docs
ZENSICAL_SITE := build/zensical-site
build-zensical: $(VENV)/.installed  ## build the same site with Zensical into build/zensical-site/, with no MkDocs hook
	$(BIN)/register render $(ZENSICAL_DOCS)
	rm -rf $(ZENSICAL_SITE)
	$(BIN)/zensical build --clean --strict -f mkdocs.zensical.yml
	$(BIN)/python -m register.site.generate finish $(ZENSICAL_SITE)

test: $(VENV)/.installed  ## run every test
	$(BIN)/python -m pytest

check: $(VENV)/.installed  ## check every data file (the staff command `register check`)
	$(BIN)/register check

bench: $(VENV)/.installed  ## time builds of a synthetic decade of data (see benchmarks/README.md)
	$(BIN)/python benchmarks/bench.py

clean:
	rm -rf site $(VENV)
