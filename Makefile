# The SDG Partnership Portal: `make run` serves it, `make test` tests it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/sdgportal
SCALE ?= 1
DURATION ?= 15
BENCH_ARGS ?=

.PHONY: install translations run setup test test-postgres bench lint format superuser clean

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { \
	  echo "Python 3.11 or newer is needed, but '$(PYTHON)' was not found."; \
	  echo "Install Python 3.11+, or point at one: make PYTHON=/path/to/python3.11 run"; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { \
	  echo "Python 3.11 or newer is needed; '$(PYTHON)' is $$($(PYTHON) -V 2>&1)."; \
	  echo "Point at a newer one: make PYTHON=/path/to/python3.11 run"; exit 1; }
	@$(PYTHON) -c 'import venv, ensurepip' 2>/dev/null || { \
	  echo "Python's venv module is missing (on Debian or Ubuntu: apt install python3-venv)."; \
	  exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

## install: a virtualenv in .venv with the portal and its development tools
install: $(VENV)/.installed

## translations: compile the Russian and Kazakh interface (.po files → .mo)
translations: install
	$(BIN)/python manage.py compile_translations

## setup: install, migrate, load the SDG framework and national data, import the seed documents
# import_indicators exits with 1 when it skipped bad files (it names them); the rest is imported.
setup: install translations
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_sdg_framework
	$(BIN)/python manage.py import_indicators || [ $$? -eq 1 ]
	$(BIN)/python manage.py import_seeds

## run: set up and serve the portal on http://127.0.0.1:8000
run: setup
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

## test: the whole test suite on SQLite
test: install translations
	$(BIN)/python -m pytest

## test-postgres: the whole test suite on PostgreSQL (POSTGRES_URL)
test-postgres: install translations
	DATABASE_URL=$(POSTGRES_URL) $(BIN)/python -m pytest

## bench: serve a database of demo data at SCALE with gunicorn and load it with wrk (DURATION s
## per page); BENCH_ARGS adds options, e.g. BENCH_ARGS=--reuse (python -m bench.load --help)
bench: install translations
	$(BIN)/python -m bench.load --scale $(SCALE) --duration $(DURATION) $(BENCH_ARGS)

## bench-mixed: 3 gunicorn replicas behind nginx (deploy/nginx.conf) over the bench database, a
## mix of pages and API calls from wrk (64 connections, 60 s); BENCH_ARGS as for bench
.PHONY: bench-mixed
bench-mixed: install translations
	$(BIN)/python -m bench.mixed --scale $(SCALE) $(BENCH_ARGS)

## lint: ruff's checks and formatting
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

## format: apply ruff's fixes and formatting
format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## superuser: create an administrator account for the admin
superuser: setup
	$(BIN)/python manage.py createsuperuser

## backup: back up the whole database to backups/sdgportal-<UTC time>.dump (or .sqlite3)
.PHONY: backup restore export
backup: install
	$(BIN)/python manage.py backup

## restore: replace the database's content with a backup, FILE=backups/<name> (asks first)
restore: install
	@test -n "$(FILE)" || { echo "Name the backup to restore: make restore FILE=backups/<name>"; exit 1; }
	$(BIN)/python manage.py restore "$(FILE)"

## export: write the open data to exports/: every public table as CSV and JSON, zipped
export: install
	$(BIN)/python manage.py export_open_data

## clean: remove the virtualenv, the SQLite database and collected static files
clean:
	rm -rf $(VENV) db.sqlite3 staticfiles sdgportal/locale/*/LC_MESSAGES/*.mo
