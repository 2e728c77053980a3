# The two commands a newcomer runs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
PORT ?= 8000

.PHONY: run test lint lock pytest messages makemessages migrations-check screenshots serve-prod worker clean

# requirements.txt is the lock: every package, runtime and test, pinned with its hashes
# (`make lock` compiles it from requirements.in). uv installs it; pip only bootstraps uv.
$(BIN)/activate: requirements.txt requirements-uv.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements-uv.txt
	$(BIN)/uv pip sync --quiet --python $(BIN)/python --require-hashes requirements.txt
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps --no-build-isolation -e .
	touch $@

venv: $(BIN)/activate

# Compiled with Babel, so that GNU gettext is not a prerequisite.
messages: venv
	$(BIN)/pybabel compile --domain django --directory locale --statistics

makemessages: venv
	$(MANAGE) makemessages --locale fr --locale ar --locale en --ignore '.venv/*' --ignore 'var/*' --no-obsolete --ignore 'tests/*' --ignore 'bench/*'

# migrate's output (wagtail-modeltranslation prints the SQL that adds the translated columns)
# goes to var/migrate.log: the console ends with what a newcomer needs, the demo's URL and logins.
# The links in the emails (registrations, reminders) point to the port served, unless the
# environment says otherwise.
run: export WAGTAILADMIN_BASE_URL ?= http://127.0.0.1:$(PORT)
run: venv messages
	@mkdir -p var
	$(MANAGE) migrate --noinput > var/migrate.log
	$(MANAGE) load_demo
	$(MANAGE) runserver 127.0.0.1:$(PORT)

lock:
	$(BIN)/uv pip compile --quiet --generate-hashes --python-version 3.11 \
		--python-platform x86_64-unknown-linux-gnu requirements.in -o requirements.txt

lint: venv
	$(BIN)/lint-imports
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

migrations-check: venv
	DJANGO_SETTINGS_MODULE=amem.settings.test $(MANAGE) makemigrations --check --dry-run

# The suite in one process per core (at most 4: each has its own Redis database, see
# site/settings/test.py), a test file's tests in the same process so that they share what
# their module loads once (the demo, Chromium).
PYTEST_ARGS ?= --numprocesses auto --maxprocesses 4 --dist loadfile
pytest: venv messages
	$(BIN)/pytest $(PYTEST_ARGS) $(PYTEST_EXTRA)

test: lint migrations-check pytest

# Production processes (docs/deploy.md): the environment must hold the production settings.
WORKERS ?= $(shell echo $$(( $$(nproc) * 2 + 1 )))
serve-prod: venv messages
	$(MANAGE) migrate --noinput
	$(MANAGE) collectstatic --noinput
	$(BIN)/gunicorn amem.wsgi:application --bind 127.0.0.1:$(PORT) --workers $(WORKERS) \
		--threads 2 --max-requests 20000 --max-requests-jitter 10000 --timeout 60 \
		--graceful-timeout 30

worker: venv
	$(MANAGE) db_worker --queue-name '*' --no-reload

screenshots: venv messages
	$(BIN)/python bench/screenshots.py

clean:
	rm -rf $(VENV) var db.sqlite3
