# OpenPIE — `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# Test processes (pytest-xdist): one per CPU by default; TEST_WORKERS=0 runs the suite in this process.
TEST_WORKERS ?= auto
PYTEST := DJANGO_ALLOW_ASYNC_UNSAFE=true $(VENV)/bin/pytest -n $(TEST_WORKERS)

# `make serve`: where gunicorn listens (behind a TLS proxy in production).
SERVE_ADDRESS ?= 127.0.0.1:8000

.PHONY: help run serve setup test test-sqlite test-postgres test-setup lint format vendor worker clean bench load load-run openapi messages

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(VENV)/.installed-run: requirements.txt
	@scripts/ensure_python.sh $(PYTHON)
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/.installed-run
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

setup: $(VENV)/.installed-run ## Install, migrate, load the PIEs 2.0 framework and the demo (if the database is empty)
	@mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(PY) manage.py load_framework openpie/frameworks/data/pies-2.0.yaml
	$(PY) manage.py seed_demo --if-empty

run: setup ## Set everything up and serve OpenPIE at http://127.0.0.1:8000 with a task worker (SQLite by default)
	@echo "OpenPIE is starting at http://$(HOST):$(PORT)/ (Ctrl+C stops the server and its worker)"
	@scripts/run.sh $(PY) $(HOST):$(PORT)

serve: $(VENV)/.installed-run ## Production server: gunicorn and a task worker (needs DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS; .env.example)
	@mkdir -p var
	@scripts/serve.sh $(PY) $(SERVE_ADDRESS)

worker: $(VENV)/.installed-run ## Run a background task worker (exports and reports)
	$(PY) manage.py task_worker

test-setup: $(VENV)/.installed-dev ## Install what the tests need: Chromium, PostgreSQL, PDF libraries
	@scripts/test_setup.sh

lint: $(VENV)/.installed-dev ## ruff, mypy, migrations check and the production deploy check
	@mkdir -p var
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports --no-cache
	$(PY) manage.py makemigrations --check --dry-run
	OPENPIE_ENV=production DJANGO_SECRET_KEY=deploy-check-$$(head -c 32 /dev/urandom | base64 | tr -dc a-zA-Z0-9) \
	  DJANGO_ALLOWED_HOSTS=openpie.example $(PY) manage.py check --deploy --fail-level WARNING

test-sqlite: $(VENV)/.installed-dev ## The whole suite on SQLite
	$(PYTEST)

test-postgres: $(VENV)/.installed-dev ## The whole suite on PostgreSQL (started by test-setup)
	DATABASE_URL=$$(scripts/test_setup.sh --database-url) $(PYTEST)

test: test-setup lint test-sqlite test-postgres ## Set up, lint, and run the whole suite on SQLite and PostgreSQL

$(VENV)/.installed-bench: requirements-bench.txt $(VENV)/.installed-dev
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-bench.txt
	@touch $@

BENCH_DB ?= openpie_bench
BENCH_DATABASE_URL = $$($(PY) -m bench.database "$$(scripts/test_setup.sh --database-url)" $(BENCH_DB))

bench: $(VENV)/.installed-bench ## Benchmarks at national scale on PostgreSQL (BENCH_ARGS="--units 50" for less): bench/results.json
	@scripts/test_setup.sh
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) -m bench.run $(BENCH_ARGS)

load: $(VENV)/.installed-bench ## Load test: 100 simulated people for 60 s (locust, LOAD_ARGS="--users 20") against gunicorn
	@scripts/test_setup.sh
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) -m bench.load $(LOAD_ARGS)

load-run: $(VENV)/.installed-bench ## Load test: 30 people for 60 s against make run's default server on SQLite (var/bench.sqlite3)
	@mkdir -p var
	OPENPIE_SQLITE_PATH=$(CURDIR)/var/bench.sqlite3 $(PY) -m bench.load --server make-run --users 30 --output bench/load-results-make-run.json $(LOAD_ARGS)

messages: $(VENV)/.installed-dev ## Collect the marked strings into the Welsh catalogue and compile it (needs gettext)
	$(PY) manage.py translations
	@msgfmt --statistics -o /dev/null locale/cy/LC_MESSAGES/django.po

openapi: $(VENV)/.installed-run ## Write the published OpenAPI (docs/openapi.json) from the API
	DJANGO_SETTINGS_MODULE=config.settings $(PY) -m openpie.api.openapi

format: $(VENV)/.installed-dev ## Format and fix what ruff can
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

vendor: ## Rebuild static/vendor from the npm registry (needs node and npm; output is committed)
	scripts/build_frontend.sh

clean: ## Remove the virtual environment and local data (asks nothing: careful)
	rm -rf $(VENV) var staticfiles
