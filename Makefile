# The README's two commands. Each does its own set-up on a fresh machine.
#   make run   install what is needed, build the web app, serve it on http://127.0.0.1:8000
#   make test  install what is needed (incl. Chromium and Airflow's venv) and run every test

PYTHON ?= python3
VENV := .venv
AIRFLOW_VENV := .venv-airflow
BIN := $(VENV)/bin
UI_SOURCES := $(shell find ui/src ui/index.html ui/package.json ui/vite.config.ts -type f 2>/dev/null)

# Airflow cannot share the main venv (see ../shared/design.md); the engine uses this one.
export OCTOPUS_AIRFLOW_VENV := $(CURDIR)/$(AIRFLOW_VENV)

.PHONY: run test install ui browser
.DEFAULT_GOAL := run

run: install ui
	$(BIN)/octopus serve

test: install ui browser $(AIRFLOW_VENV)/.installed
	cd ui && npm test
	$(BIN)/python -m pytest

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[app,dev]"
	touch $@

$(AIRFLOW_VENV)/.installed: pyproject.toml
	test -x $(AIRFLOW_VENV)/bin/python || $(PYTHON) -m venv $(AIRFLOW_VENV)
	$(AIRFLOW_VENV)/bin/pip install -q "apache-airflow==3.3.*" -e ".[ml]"
	touch $@

ui: octopus/server/static/index.html

ui/node_modules/.installed: ui/package.json ui/package-lock.json
	cd ui && npm ci --no-audit --no-fund
	touch $@

# The build also regenerates the web app's event types from the Python models.
octopus/server/static/index.html: ui/node_modules/.installed $(VENV)/.installed $(UI_SOURCES)
	cd ui && npm run build

# Debian's Chromium for the browser tests (Playwright cannot download a browser here).
browser:
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium)
