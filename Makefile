# The README's two commands: `make serve` and `make test`. Both create the virtual
# environment from the pinned requirements the first time.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test clean

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

serve: $(VENV)/.installed  ## build and serve the site on http://127.0.0.1:8000
	$(BIN)/python -m mkdocs serve --strict --dev-addr 127.0.0.1:8000

build: $(VENV)/.installed  ## build the site into site/, refusing any warning
	$(BIN)/python -m mkdocs build --strict

test: $(VENV)/.installed  ## run every test
	$(BIN)/python -m pytest

clean:
	rm -rf site $(VENV)
