# Two commands do all the set-up on a fresh machine with python3 and make:
#   make run    create .venv, install wirefix, show the findings and the diff for the seed
#   make test   install the dev tools, tmux, Neovim and the LanguageTool jars, run the whole suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SEED   := seeds/000_671eb16220e30160.txt
PYTEST_ARGS ?=
# Test files run in parallel on this many processes (a file stays in one process, so its
# module fixtures are built once). 0 runs everything in this one process.
PYTEST_WORKERS ?= 2

.PHONY: run test lint install install-dev tmux neovim languagetool bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@# byte-compile now, as a wheel install does: `wirefix check` then starts from cached
	@# bytecode even where PYTHONDONTWRITEBYTECODE is set (the pre-commit hook's cost)
	$(BIN)/python -m compileall -q wirefix cleaner rules tui
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

# Exit status 1 means "findings left", which is the point of the demo; 2 (an error) fails.
run: install
	@echo "== wirefix check $(SEED)"
	@$(BIN)/wirefix check $(SEED) || [ $$? -eq 1 ]
	@echo
	@echo "== wirefix check --diff --unsafe-fixes $(SEED)   (nothing is written)"
	@$(BIN)/wirefix check --diff --unsafe-fixes $(SEED) || [ $$? -eq 1 ]

# tmux drives the end-to-end test of the review app in a real terminal.
tmux:
	@command -v tmux >/dev/null 2>&1 || { \
	  echo "installing tmux"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq tmux >/dev/null; }

# Neovim (Debian's package) drives the end-to-end test of the language server in a real editor.
neovim:
	@command -v nvim >/dev/null 2>&1 || { \
	  echo "installing neovim"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq neovim >/dev/null; }

# The LanguageTool jars (English only) from Maven, cached under .cache/languagetool.
languagetool:
	scripts/languagetool-server fetch

# ruff (pyflakes, bugbear and pylint's error classes) over the whole tree, then mypy over
# the engine (scripts/typecheck lays out the wirefix.cleaner mapping for it).
lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/python scripts/typecheck

test: install-dev tmux neovim languagetool lint
	scripts/languagetool-server run -- $(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

bench: install-dev
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .hypothesis
