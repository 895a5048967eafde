# Two commands do all the set-up on a fresh machine (only python3 needed):
#   make start   create the environment (first time) and open the trainee's workspace (lessons, exercises)
#   make instructor   the instructor's workspace: the whole course folder, the formgrader, the gradebook
#   make test    create the environment (first time) and run the whole test suite
#   make demo    (root) JupyterHub on loopback with 1 instructor and 3 trainees (docs/deploy.md)
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(abspath $(VENV))/bin
STAMP  := $(VENV)/.installed
PORT   ?= 8888

.PHONY: start instructor test lint env clean demo

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,hub]'
	touch $(STAMP)

env: $(STAMP)

start: $(STAMP)
	$(BIN)/python -m grader.launch --port $(PORT)

instructor: $(STAMP)
	$(BIN)/python -m grader.launch --instructor --port $(PORT)

test: $(STAMP)
	$(BIN)/python -m pytest

# A cohort on this machine (as root): JupyterHub + PostgreSQL, 1 instructor, 3 trainees, loopback only.
# See docs/deploy.md.
demo: $(STAMP)
	$(BIN)/python deploy/hubctl.py demo --open-python-path

lint: $(STAMP)
	$(BIN)/ruff check grader tests benchmarks
	$(BIN)/lint-imports --no-cache

clean:
	rm -rf $(VENV) .pytest_cache artifacts
