# The two commands: `make run` serves the platform with demo shops; `make test` runs every test.
# Both set everything up first (virtualenv, npm packages, front-end build, PostgreSQL, Redis).
PYTHON ?= python3

.PHONY: run test setup services test-python test-e2e bench bench-http bench-sockets lint

run:
	$(PYTHON) infra/dev.py run

test:
	$(PYTHON) infra/dev.py test

setup:
	$(PYTHON) infra/dev.py setup

services:
	$(PYTHON) infra/dev.py services

test-python:
	$(PYTHON) infra/dev.py test --suites python

test-e2e:
	$(PYTHON) infra/dev.py test --suites e2e

lint:
	$(PYTHON) infra/dev.py test --suites lint

bench:
	$(PYTHON) infra/dev.py bench

bench-http:
	$(PYTHON) infra/dev.py bench-http

bench-sockets:
	$(PYTHON) infra/dev.py bench-sockets
