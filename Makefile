# The targets CI and developers call. The two README commands do the same without make.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin

.PHONY: install run test lint bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

install: $(BIN)/python  ## install the package with its test tools
	$(BIN)/pip install -q -e '.[test]'

run: $(BIN)/python  ## start the API on SQLite with the catalogue and demo data
	$(BIN)/pip install -q -e .
	$(BIN)/lienthong serve --demo

test: install  ## every test (PostgreSQL ones need LIENTHONG_TEST_POSTGRES_URL)
	$(BIN)/python -m pytest

lint: install  ## ruff and mypy
	$(BIN)/ruff check .
	$(BIN)/mypy engine api web workbench lienthong

bench: install  ## engine and simulation throughput against raw SpiffWorkflow
	$(BIN)/python bench/engine.py
