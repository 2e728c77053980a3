# The two commands a newcomer runs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
PORT ?= 8000

.PHONY: run test lint pytest messages makemessages migrations-check screenshots serve-prod worker clean

$(BIN)/activate: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

venv: $(BIN)/activate

# Compiled with Babel, so that GNU gettext is not a prerequisite.
messages: venv
	$(BIN)/pybabel compile --domain django --directory locale --statistics

makemessages: venv
	$(MANAGE) makemessages --locale fr --locale ar --locale en --ignore '.venv/*' --ignore 'var/*' --no-obsolete --ignore 'tests/*' --ignore 'bench/*'

run: venv messages
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo
	$(MANAGE) runserver 127.0.0.1:$(PORT)

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

migrations-check: venv
	DJANGO_SETTINGS_MODULE=amem.settings.test $(MANAGE) makemigrations --check --dry-run

pytest: venv messages
	$(BIN)/pytest

test: lint migrations-check pytest

# Production processes (docs/deploy.md): the environment must hold the production settings.
WORKERS ?= $(shell echo $$(( $$(nproc) * 2 + 1 )))
serve-prod: venv messages
	$(MANAGE) migrate --noinput
	$(MANAGE) collectstatic --noinput
	$(BIN)/gunicorn amem.wsgi:application --bind 127.0.0.1:$(PORT) --workers $(WORKERS) \
		--max-requests 20000 --max-requests-jitter 10000 --timeout 60 --graceful-timeout 30

worker: venv
	$(MANAGE) db_worker --queue-name '*' --no-reload

screenshots: venv messages
	$(BIN)/python bench/screenshots.py

clean:
	rm -rf $(VENV) var db.sqlite3
