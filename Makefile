# The two commands of the README:
#   make run   installs everything, loads reference and demo data and serves http://127.0.0.1:$(PORT)
#   make test  installs everything, runs the whole suite on SQLite, then the database-dependent tier on PostgreSQL
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# The portal's public address: printed URLs, QR codes and the Wagtail Site record (make run: the address it serves).
PORTAL_BASE_URL ?= http://127.0.0.1:$(PORT)
PYTEST_ARGS ?=

.PHONY: install run test test-sqlite test-postgres lint check lock messages search-node search-node-stop bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: $(BIN)/python requirements.lock
	$(BIN)/pip install -q -r requirements.lock
	touch $@

node_modules/.installed: package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed node_modules/.installed
	bash scripts/system-deps.sh

run: export PORTAL_BASE_URL := $(PORTAL_BASE_URL)
run: install
	$(BIN)/python manage.py migrate --noinput -v0
	$(BIN)/python manage.py sync_site
	$(BIN)/python manage.py seed_demo --size small
	if [ -n "$$SEARCH_URL" ]; then $(BIN)/python manage.py update_index -v0 && $(BIN)/python manage.py rebuild_search; fi
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install
	bash scripts/test.sh $(PYTEST_ARGS)

test-sqlite: install
	$(BIN)/pytest $(PYTEST_ARGS)

test-postgres: install
	DATABASE_URL=$$(bash scripts/postgres.sh) $(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

check: install
	DJANGO_SETTINGS_MODULE=portal.settings.test $(BIN)/python manage.py check
	DJANGO_SETTINGS_MODULE=portal.settings.test $(BIN)/python manage.py makemigrations --check --dry-run

# The admin's Chinese (locale/zh_Hans, see docs/architecture.md): compile the .po files into the
# committed .mo files after editing them (needs GNU gettext, installed by scripts/system-deps.sh).
messages:
	for po in locale/*/LC_MESSAGES/*.po; do msgfmt --check -o "$${po%.po}.mo" "$$po"; done

lock: $(BIN)/python
	$(BIN)/pip install -q pip-tools
	$(BIN)/pip-compile -q --strip-extras --no-header --allow-unsafe -o requirements.lock requirements.in

# A single-node OpenSearch 2.19 on 127.0.0.1:9200 (SEARCH_NODE_PORT), from Maven Central artifacts.
search-node:
	@bash scripts/search-node.sh start

search-node-stop:
	@bash scripts/search-node.sh stop

clean:
	rm -rf $(VENV) node_modules var

# Load benchmarks (bench/run.py: seeds the large demo into PostgreSQL portal_bench, prints the table and
# writes var/bench/last.md), then the fault-load run (bench/fault_load.py: 200 clients, OpenSearch node
# stopped halfway). BENCH_ARGS=--skip-seed reuses the seeded database; BENCH_FAULTS=0 skips the fault run.
BENCH_ARGS ?=
BENCH_FAULT_ARGS ?=
BENCH_FAULTS ?= 1
bench: install
	$(BIN)/python bench/run.py $(BENCH_ARGS)
	if [ "$(BENCH_FAULTS)" != 0 ]; then $(BIN)/python bench/fault_load.py $(BENCH_FAULT_ARGS); fi
