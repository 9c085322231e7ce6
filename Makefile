# Prongsai: `make run` serves the demo, `make test` runs the whole suite.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export DEBUG ?= 1
# Links in the start-up banner and in emails point at this server.
export SITE_URL ?= http://127.0.0.1:$(PORT)

.PHONY: run test lint requirements venv deps dev-deps migrate demo messages check-deploy clean

$(VENV)/bin/activate:
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip

$(VENV)/.deps: requirements.txt | $(VENV)/bin/activate
	$(VENV)/bin/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-deps: requirements-dev.txt requirements.txt | $(VENV)/bin/activate
	$(VENV)/bin/pip install --quiet -r requirements.txt -r requirements-dev.txt
	touch $(VENV)/.deps $@

# The direct dependencies live in requirements*.in; this pins them and everything they pull in
# ("# via" says who needs a transitive one). Existing pins are kept unless the .in asks otherwise;
# `make requirements UPGRADE=--upgrade` moves everything to the newest allowed versions.
PIP_COMPILE = $(VENV)/bin/pip-compile --quiet --no-emit-index-url --no-emit-find-links --strip-extras $(UPGRADE)
requirements: dev-deps
	$(PIP_COMPILE) requirements.in -o requirements.txt
	$(PIP_COMPILE) requirements-dev.in -o requirements-dev.txt

deps: $(VENV)/.deps
dev-deps: $(VENV)/.dev-deps

migrate: deps
	$(PY) manage.py migrate --no-input -v 0

demo: migrate
	$(PY) manage.py load_framework
	$(PY) manage.py load_demo

# The task worker (evidence checks, documents) runs beside the web server and stops with it.
# The local demo lets demo accounts in without a second factor; production asks for one
# (SECOND_FACTOR_REQUIRED is on unless set to 0, and `check --deploy` warns when it is off).
run: export SECOND_FACTOR_REQUIRED ?= 0
run: demo
	@echo "Serving on http://127.0.0.1:$(PORT)/ (Ctrl-C to stop)"
	@echo "Second factor required: $(if $(filter 0,$(SECOND_FACTOR_REQUIRED)),no (demo; SECOND_FACTOR_REQUIRED=1 make run asks for it),yes)"
	$(PY) manage.py db_worker --no-startup-delay -v 0 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

# Two workers (pytest-xdist), each with its own test database; PYTEST_WORKERS=0 runs in one process.
PYTEST_WORKERS ?= 2
test: dev-deps
	DEBUG=0 $(PY) -m pytest -n $(PYTEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

# ruff and mypy (settings for both in pyproject.toml); CI runs them before the tests.
lint: dev-deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy

# Recompile the committed .mo catalogues after editing locale/*/LC_MESSAGES/django.po.
messages: dev-deps
	$(PY) manage.py makemessages -l th -l en --no-obsolete --ignore=.venv --ignore=staticfiles
	$(PY) manage.py compilemessages --ignore=.venv

check-deploy: deps
	DEBUG=0 PRODUCTION=1 SECRET_KEY=$$(head -c 48 /dev/urandom | base64) ALLOWED_HOSTS=prongsai.example \
		REDIS_URL=$${REDIS_URL:-redis://127.0.0.1:6379/0} TRUSTED_PROXY_COUNT=$${TRUSTED_PROXY_COUNT:-1} \
		$(PY) manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
