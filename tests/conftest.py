"""Shared test set-up: keep Jupyter, IPython and matplotlib state out of the home folder."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

_STATE = Path(tempfile.mkdtemp(prefix="ngoaivu-tests-"))
for _var, _sub in {
    "JUPYTER_RUNTIME_DIR": "jupyter-runtime",
    "JUPYTER_DATA_DIR": "jupyter-data",
    "IPYTHONDIR": "ipython",
    "MPLCONFIGDIR": "matplotlib",
    "JUPYTERLAB_SETTINGS_DIR": "lab-settings",
    "JUPYTERLAB_WORKSPACES_DIR": "lab-workspaces",
}.items():
    os.environ[_var] = str(_STATE / _sub)
    (_STATE / _sub).mkdir(parents=True, exist_ok=True)
os.environ.setdefault("MPLBACKEND", "Agg")
os.environ["NGOAIVU_LOCALE"] = "vi"


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="module", autouse=True)
def _grader_state_per_module():
    """Each test module starts as a trainee's kernel does: no hidden criteria loaded (so no copy rule in force)
    and the course's own plan period. A module that loads the criteria in this process (the in-process gradings)
    must not leave them for the next one: lesson 05's self-check would then discount its own worked plan."""
    yield
    from grader import period
    from grader.assignments import unload_hidden

    unload_hidden()
    period.activate(None)
