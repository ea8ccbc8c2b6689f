# Two commands on a fresh machine:
#   make run    set up and start the app with demo data on SQLite (http://127.0.0.1:5000)
#   make test   set up and run the whole test suite (SQLite; again on PostgreSQL if TEST_DATABASE_URL is set)
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
HOST ?= 127.0.0.1
PORT ?= 5000
DEMO_PASSWORD ?= demo-pass-2026
FLASK := FLASK_APP=mediation $(VENV)/bin/flask

.PHONY: run test setup test-setup venv system-deps instance db demo lint i18n clean

run: setup db demo
	@echo ""
	@echo "网格调解与议事记录系统: http://$(HOST):$(PORT)"
	@echo "Demo accounts: admin grid1 grid2 center lawyer notary judge judge2 secretary — password: $(DEMO_PASSWORD)"
	$(FLASK) run --host $(HOST) --port $(PORT)

test: test-setup
	scripts/run-tests.sh $(PYTEST_ARGS)

setup: venv system-deps instance

test-setup: setup
	@scripts/system-deps.sh --test
	@if [ -f package-lock.json ]; then npm ci --silent --no-audit --no-fund; fi

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -e '.[dev]'
	@touch $@

system-deps:
	@scripts/system-deps.sh

instance:
	@mkdir -p instance
	@[ -f instance/config.py ] || cp instance/config.example.py instance/config.py

db:
	$(FLASK) db upgrade

demo:
	$(FLASK) seed-demo --password '$(DEMO_PASSWORD)'

lint:
	$(VENV)/bin/ruff check mediation tests bench

i18n:
	$(VENV)/bin/python -m mediation.i18n_tools missing

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
