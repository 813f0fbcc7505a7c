# `make run` serves the site at http://127.0.0.1:8000/ (another port: make run PORT=8123).
# `make test` runs the checks and the whole test suite.
.DEFAULT_GOAL := help
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
# Development defaults; the real environment (or a .env file) wins.
export DEBUG ?= 1
export SECRET_KEY ?= dev-only-insecure-key

# The first Python 3.12+ that actually runs: on machines with pyenv, `python3.12`
# may be a shim that fails, so each candidate is tried rather than trusted.
PYENV_PYTHONS := $(wildcard $(or $(PYENV_ROOT),$(HOME)/.pyenv)/versions/3.1[2-9]*/bin/python3)
PYTHON_CANDIDATES := python3.14 python3.13 python3.12 python3 $(PYENV_PYTHONS)
PYTHON ?= $(shell for p in $(PYTHON_CANDIDATES); do \
	$$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1 && { echo $$p; break; }; done)

.PHONY: help install run superuser test lint check-python messages static clean

help:
	@echo "make run   - install, migrate, load the initial content and serve http://127.0.0.1:$(PORT)/"
	@echo "make superuser - create an account for the admin"
	@echo "make test  - install and run the checks and the whole test suite"

check-python:
	@test -n "$(PYTHON)" || { echo "Python 3.12 or newer is needed and none was found: install it, or run make PYTHON=/path/to/python3.12."; exit 1; }

$(BIN)/uv: | check-python
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==0.13.9

# Installs exactly what uv.lock pins, again whenever the lock file changes.
$(VENV)/.installed: uv.lock pyproject.toml | $(BIN)/uv
	UV_PROJECT_ENVIRONMENT=$(VENV) $(BIN)/uv sync --locked --python $(BIN)/python --quiet
	@touch $@

install: $(VENV)/.installed

run: install
	$(MANAGE) migrate --no-input
	$(MANAGE) load_initial_data
	@# The background worker (resized pictures, e-mail) runs beside the server and stops with it.
	$(MANAGE) db_worker --interval 1 & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver 127.0.0.1:$(PORT)

# An account for the admin, on the same database `make run` uses.
superuser: install
	$(MANAGE) migrate --no-input
	$(MANAGE) create_admin_account

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MANAGE) lint_imports
	$(MANAGE) check --fail-level WARNING
	$(MANAGE) makemigrations --check --dry-run

# Tests run as production does (DEBUG off, hashed static files), in two processes
# (pytest-xdist): the browser tests wait on Chromium and the server much of the time.
# One process: make test PYTEST_ARGS="-n 0".
PYTEST_ARGS ?= -n 2
test: export DEBUG = 0
# Long enough for the check that refuses short keys without DEBUG (citymined/settings.py).
test: export SECRET_KEY = tests-only-key-never-used-in-production-0123456789abcdef
test: export SERVE_MEDIA = 1
test: lint
	$(MANAGE) collectstatic --no-input --verbosity 0
	$(BIN)/pytest $(PYTEST_ARGS)

# After changing UI strings: collect them into every catalogue in locale/, translate,
# then compile (needs GNU gettext: apt-get install gettext). A new language's catalogue
# is started once with `manage.py makemessages -l CODE`.
messages: install
	$(MANAGE) makemessages --all --ignore=.venv --ignore=tests --no-obsolete
	$(MANAGE) compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) staticfiles
