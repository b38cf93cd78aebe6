# Newsroom — `make run` to try it, `make test` to check it.
.DEFAULT_GOAL := help
SHELL := /bin/bash

VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
STAMP := $(VENV)/.installed

# A Python >= 3.12 that really runs: pyenv shims answer `command -v` even where the
# version behind them is not selected, so every candidate is run, not just looked up.
PYTHON_CANDIDATES := $(PYTHON) python3.13 python3.12 python3 python \
	$(wildcard $(HOME)/.pyenv/versions/3.13*/bin/python3) \
	$(wildcard $(HOME)/.pyenv/versions/3.12*/bin/python3) \
	/usr/local/bin/python3.13 /usr/local/bin/python3.12 /usr/bin/python3.13 /usr/bin/python3.12

find_python = for c in $(PYTHON_CANDIDATES); do \
	  if "$$c" -c 'import sys, venv; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then \
	    echo "$$c"; exit 0; fi; \
	done; exit 1

.PHONY: help install run test test-postgres test-redis format clean

help:
	@echo "make run      set up (.venv, packages, database, demo content) and serve on http://127.0.0.1:$(PORT)"
	@echo "make test     run the checks and the test suite"
	@echo "make install  set up only: .venv, packages and the database"

$(STAMP): pyproject.toml
	@py=$$($(find_python)) || { \
	  echo "Newsroom needs Python 3.12 or newer with the venv module, and none was found."; \
	  echo "Tried: $(PYTHON_CANDIDATES)"; \
	  echo "Install one (e.g. 'pyenv install 3.13') or name it: make PYTHON=/path/to/python3.13 run"; \
	  exit 1; }; \
	if [ -x $(PY) ] && ! $(PY) -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then \
	  echo "Replacing $(VENV): it was made with an older Python."; rm -rf $(VENV); fi; \
	if [ ! -x $(PY) ]; then echo "Creating $(VENV) with $$py ($$($$py --version))"; "$$py" -m venv $(VENV); fi
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

# The development commands run with DEBUG on unless told otherwise (DEBUG=0 make run).
DEV := DEBUG=$${DEBUG:-1}

install: $(STAMP)
	$(DEV) $(PY) manage.py migrate --noinput

run: install
	$(DEV) $(PY) manage.py load_demo
	$(DEV) $(PY) manage.py runserver 127.0.0.1:$(PORT)

test: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	DJANGO_SETTINGS_MODULE=tests.settings $(PY) manage.py check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=tests.settings $(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest $(PYTEST_ARGS)

# The production path, as .ci/run runs it where the services answer.
test-postgres: $(STAMP)
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} $(PY) -m pytest -q

test-redis: $(STAMP)
	REDIS_URL=$${REDIS_URL:-redis://127.0.0.1:6379/15} $(PY) -m pytest -q -m cache

format: $(STAMP)
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache staticfiles
