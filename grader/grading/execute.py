"""``SafeExecute``: nbgrader's Execute in a sandboxed kernel, followed by the trusted re-check.

The re-check runs in this (the grader's) process with the course's hidden criteria, loaded from
``<course root>/criteria`` (:func:`grader.assignments.load_hidden`); the kernel never sees them.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import time
from functools import lru_cache
from pathlib import Path
from typing import Any

from jupyter_client.manager import AsyncKernelManager
from nbclient.exceptions import DeadKernelError
from nbformat import NotebookNode
from nbformat.v4 import new_code_cell
from nbgrader.preprocessors import Execute
from traitlets import Bool, Integer, List, Unicode

from grader.assignments import load_hidden
from grader.grading.recheck import (
    answer_problem,
    answer_variable,
    cham_calls,
    export_source,
    is_test_cell,
    read_export,
    recheck,
)
from grader.grading.sandbox import Why, can_drop_to, python_unreadable_by_others
from grader.grading.status import OK, UNGRADABLE, GradingStatus, message_text, write_status
from grader.grading.uids import DEFAULT_COUNT, DEFAULT_FIRST_UID, DEFAULT_ROOT
from grader.messages import has, t
from grader.results import Finding

PROVISIONER = "ngoaivu-sandbox"  # entry point of grader.grading.provisioner.SandboxProvisioner


class SandboxKernelManager(AsyncKernelManager):
    """Starts each grading kernel through the ``ngoaivu-sandbox`` provisioner (:mod:`grader.grading.provisioner`).

    As root: a uid of its own per grading (``uid_range``), no network, a read-only view without the course
    folder, a private ``/tmp``, every process of the uid killed and the scratch folder removed afterwards;
    always: the memory, CPU and file limits. Warm (forked from ``warm_pool``) when a pool is given.
    """

    memory_mb = Integer(3072, help="Address-space limit of a grading kernel, in MB (0: none).").tag(config=True)
    cpu_seconds = Integer(120, help="CPU-time limit of a grading kernel, in seconds (0: none).").tag(config=True)
    file_mb = Integer(50, help="Largest file a grading kernel may write, in MB (0: none).").tag(config=True)
    nproc = Integer(256, help="Most processes and threads of one grading's uid (0: no limit).").tag(config=True)
    uid_range = Unicode(f"{DEFAULT_FIRST_UID}-{DEFAULT_FIRST_UID + DEFAULT_COUNT - 1}",
                        help="uids leased one per grading kernel when grading as root (unused by anyone "
                             "else on the machine); '' to run every kernel as `user`.").tag(config=True)
    scratch_root = Unicode(DEFAULT_ROOT, help="Root-owned folder holding each grading's scratch folder and the "
                                              "uid leases (shared by every grading process).").tag(config=True)
    user = Unicode("nobody", help="Unprivileged user to run every grading kernel as when grading as root and "
                                  "uid_range is ''.").tag(config=True)
    warm_pool = Unicode("", help="Socket of a warm kernel pool (grader.grading.warm), set by ngoaivu autograde "
                                 "and watch; '' starts every kernel cold.").tag(config=True)

    hidden_paths = List(Unicode(), help="Folders the kernel must not see (set by SafeExecute: the course).")

    @property
    def kernel_spec(self) -> Any:
        spec = super().kernel_spec
        if spec is not None and "kernel_provisioner" not in spec.metadata:
            spec.metadata["kernel_provisioner"] = {"provisioner_name": PROVISIONER, "config": {}}
        return spec

    def isolation_unavailable(self) -> Why | None:
        return hiding_unavailable()

    def user_unavailable(self) -> Why | None:
        return can_drop_to(self.user)

    def sandbox_notes(self) -> list[Finding]:
        """What this machine cannot provide of the sandbox, for the instructor (catalogue keys, rendered by
        whoever shows them)."""
        if os.geteuid() != 0:
            return [Finding("grading.sandbox.not_root")]
        notes = []
        if why := hiding_unavailable():
            notes.append(Finding("grading.sandbox.no_private_view", {"why": why_finding(why)}))
        if not self.uid_range:
            if why := self.user_unavailable():
                notes.append(Finding("grading.sandbox.own_user", {"why": why_finding(why)}))
            else:
                notes.append(Finding("grading.sandbox.shared_user", {"user": self.user}))
        elif hiding_unavailable() and (why := python_unreadable_by_others()):
            notes.append(Finding("grading.sandbox.own_user", {"why": why_finding(why)}))
        return notes


def why_finding(why: Why) -> Finding:
    """A :data:`grader.grading.sandbox.Why` (a code and its parameters) in the catalogue's words."""
    code, params = why
    return Finding(f"grading.sandbox.why.{code}", dict(params))


@lru_cache(maxsize=1)
def hiding_unavailable() -> Why | None:
    """None if kernels can be given a private view without the course folder; otherwise why not."""
    probe = subprocess.run([sys.executable, "-m", "grader.grading.sandbox", "--probe"], capture_output=True,
                           text=True, check=False)
    if probe.returncode == 0:
        return None
    try:
        code, params = json.loads(probe.stderr.strip().splitlines()[-1])
        if isinstance(code, str) and isinstance(params, dict) and has(f"grading.sandbox.why.{code}"):
            return code, {str(k): str(v) for k, v in params.items()}
    except (ValueError, TypeError, IndexError):
        pass
    return "probe_failed", {"detail": probe.stderr.strip()[-300:]}


def judged_outside(source: str) -> bool:
    """True if a test cell is only imports and ``cham(...)`` calls the re-check judges (nothing else to run)."""
    calls = cham_calls(source)
    if not calls:
        return False
    tree = ast.parse(source)  # cham_calls parsed it already
    for node in tree.body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            continue
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call) and cham_calls(ast.unparse(node)):
            continue
        return False
    return True


class NotebookTimeout(Exception):
    """The whole notebook ran longer than SafeExecute.notebook_timeout."""


class SafeExecute(Execute):
    """Run the submission in a sandboxed kernel, then judge every test cell from the exported answer."""

    notebook_timeout = Integer(300, help="Time limit for running a whole notebook, in seconds.").tag(config=True)
    skip_judged_tests = Bool(True, help="Do not run in the kernel the test cells that are only `cham` calls: "
                                        "the trusted re-check replaces their outputs anyway, so running them "
                                        "would only judge the answer twice.").tag(config=True)

    def __init__(self, *args: Any, **kwargs: Any):
        kwargs.setdefault("kernel_manager_class", SandboxKernelManager)
        super().__init__(*args, **kwargs)
        self._deadline = 0.0

    def create_kernel_manager(self) -> Any:
        km = super().create_kernel_manager()
        if isinstance(km, SandboxKernelManager):
            km.hidden_paths = [str(self._course_root())]
            self._notes = km.sandbox_notes()
        return km

    def _course_root(self) -> Path:
        configured = self.config.get("CourseDirectory", {}).get("root")
        return Path(configured or os.getcwd()).resolve()

    def preprocess_cell(self, cell: NotebookNode, resources: Any, index: int) -> Any:
        if time.monotonic() > self._deadline:
            raise NotebookTimeout()
        if self.skip_judged_tests and is_test_cell(cell) and judged_outside(cell.source):
            cell.outputs, cell.execution_count = [], None  # the re-check writes its outputs (recheck.judge_cell)
            return cell, resources
        return super().preprocess_cell(cell, resources, index)

    def preprocess(self, nb: NotebookNode, resources: Any = None, km: Any = None) -> tuple[NotebookNode, Any]:
        target = answer_variable(nb)
        export = new_code_cell(export_source(target[1])) if target else None
        if export is not None:
            nb.cells.append(export)
        self._deadline = time.monotonic() + self.notebook_timeout
        self._notes: list[Finding] = []
        why: Finding | None = None  # the notebook could not be run to the end: why, for the instructor
        shown = None  # and what every test cell says, for the trainee
        try:
            super().preprocess(nb, resources, km)
        except DeadKernelError:
            why, shown = Finding("grading.reason.kernel_died"), t("grading.kernel_died")
        except NotebookTimeout:
            why = Finding("grading.reason.timeout", {"seconds": self.notebook_timeout})
            shown = t("grading.notebook_timeout", seconds=self.notebook_timeout)
        except Exception as exc:  # the submission must never stop the batch
            why = Finding("grading.reason.not_run", {"error": type(exc).__name__})
            shown = t("grading.not_run")
        finally:
            if export is not None and nb.cells and nb.cells[-1] is export:
                nb.cells.pop()
        answers: dict[str, Any] = {}
        problem = None
        if target is not None and export is not None and why is None:
            exported = read_export(export.get("outputs", []))
            problem = answer_problem(nb, target[1], exported)
            if problem is None and exported is not None:
                answers[target[1]] = exported.value
        hidden_note = self._load_hidden()
        recheck(nb, answers, shown, problem)
        notes = self._notes
        for note in notes:  # nbgrader's warnings: the autograde summary shows them to the instructor
            self.log.warning("%s", message_text(note))
        if hidden_note is not None:
            self.log.warning("%s", t("grading.log.hidden", note=message_text(hidden_note)))
            notes = [*notes, hidden_note]
        if why is not None:
            status = GradingStatus(UNGRADABLE, why, tuple(notes))
        elif problem is not None:
            status = GradingStatus(problem.status, problem.reason, tuple(notes))
        else:
            status = GradingStatus(OK, "", tuple(notes))
        write_status(nb, status)
        return nb, resources

    def _load_hidden(self) -> Finding | None:
        """Load the course's hidden criteria into this process (the grader's, never the kernel's).

        Returns a note for the instructor when the course has no criteria folder (None otherwise).
        """
        folder = self._course_root() / "criteria"
        load_hidden(folder)
        return None if folder.is_dir() else Finding("grading.reason.no_criteria_folder", {"folder": str(folder)})
