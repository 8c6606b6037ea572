# Trainingnet: `make run` sets everything up and serves the site; `make test` sets up and runs the tests.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# Links in mails: the address the server runs on, unless SITE_URL says otherwise (production sets it).
SITE_URL ?= http://$(HOST):$(PORT)
export SITE_URL
# Compiled catalogues: built from the .po files by setup and test, never committed (*.mo is in .gitignore).
MO := locale/en/LC_MESSAGES/django.mo locale/nl/LC_MESSAGES/django.mo
# The options `make messages` and the catalogue test (tests/trainingnet/test_translations.py) use alike.
MAKEMESSAGES_OPTIONS := --add-location=file --no-obsolete --ignore=.venv --ignore=var --ignore=tests --ignore=bench

.PHONY: setup run worker test test-postgres lint check bench mutate messages clean

$(PY):
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(PY)
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

# GNU gettext's msgfmt when it is installed; otherwise polib (installed with the project) writes the same file.
locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po | $(STAMP)
	@if command -v msgfmt >/dev/null 2>&1; then $(PY) manage.py compilemessages --locale=$* --ignore=.venv --ignore=var; \
	else $(PY) -c "import polib, sys; polib.pofile(sys.argv[1]).save_as_mofile(sys.argv[2])" $< $@; fi

## setup: virtualenv, pinned packages, database, CBS municipalities, demo content (idempotent, no server)
setup: $(STAMP) $(MO)
	mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_municipalities
	$(PY) manage.py load_demo_data

## run: setup, then the task worker in the background and the development server at http://$(HOST):$(PORT)/
run: setup
	@echo "Trainingnet draait op http://$(HOST):$(PORT)/  (beheer: http://$(HOST):$(PORT)/admin/)"
	@$(PY) manage.py db_worker --queue-name '*' > var/worker.log 2>&1 & echo $$! > var/worker.pid; \
	trap 'kill `cat var/worker.pid` 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

## worker: run the background task worker in the foreground (mail, reminders, escalation)
worker: setup
	$(PY) manage.py db_worker --queue-name '*'

## test: setup the virtualenv and run the whole suite on SQLite
test: $(STAMP) $(MO)
	$(BIN)/pytest -q

## test-postgres: the same suite on PostgreSQL (DATABASE_URL defaults to the local test server)
test-postgres: $(STAMP) $(MO)
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} $(BIN)/pytest -q

## bench: seed a realistic scale into PostgreSQL, serve with gunicorn, measure each page with wrk (bench/RESULTS.md)
bench: $(STAMP)
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(PY) bench/run.py

## mutate: mutation testing of the rule modules, one at a time with each module's own tests (bench/MUTATION.md);
## `make mutate MODULE=support_requests/assignment.py` for one module, MAX_MUTANTS=100 for an even sample of each,
## SURVIVORS=1 to test only the stored survivors again (after writing tests).
## Slow (minutes per module), not part of CI.
mutate: $(STAMP) $(MO)
	nice -n 10 $(PY) bench/mutate.py $(if $(MAX_MUTANTS),--max-mutants $(MAX_MUTANTS)) $(if $(SURVIVORS),--survivors) $(MODULE)

lint: $(STAMP)
	$(BIN)/ruff check .

check: $(STAMP)
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

## messages: collect the marked Dutch strings into locale/en/LC_MESSAGES/django.po (translate the new ones there)
messages: $(STAMP)
	$(PY) manage.py makemessages -l en $(MAKEMESSAGES_OPTIONS)
	$(PY) manage.py compilemessages --ignore=.venv --ignore=var

clean:
	rm -rf $(VENV) var
