"""Start the course's JupyterLab for a test, as `make start` / `make instructor` start it (grader.launch).

One place for what the browser and launch tests share: a free port, an environment whose Jupyter state lives
in a test folder (nothing leaks into the home folder or the repository), a server process that is waited for
until it answers and always stopped, and the trainee's workspace with an identified trainee.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from grader import launch

# Per-user Jupyter state each test server gets in its own folder (JUPYTER_DATA_DIR holds nbgrader's cache of
# submissions, which the Assignments tab lists: shared, one test's submission showed in the next one's lab).
STATE_VARIABLES = ("JUPYTER_RUNTIME_DIR", "JUPYTER_DATA_DIR", "IPYTHONDIR", "MPLCONFIGDIR", "JUPYTERLAB_SETTINGS_DIR",
                   "JUPYTERLAB_WORKSPACES_DIR")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def isolate(env: dict[str, str], state: Path, also: Iterable[str] = ()) -> dict[str, str]:
    """``env`` with this venv's tools first on PATH (nbgrader runs `alembic`) and the Jupyter state under ``state``."""
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    for name in (*STATE_VARIABLES, *also):
        env[name] = str(state / name.lower())
    return env


@contextlib.contextmanager
def running_lab(command: list[str], port: int, *, cwd: Path, env: Mapping[str, str], log_path: Path, token: str,
                timeout: float = 90) -> Iterator[str]:
    """Start ``command`` (a JupyterLab from :func:`grader.launch.lab_command` on ``port``), yield its URL once it
    answers ``/api/status``; stop it afterwards. If it ends or does not answer in ``timeout`` s, fail with its log."""
    url = f"http://127.0.0.1:{port}"
    with log_path.open("w") as log:
        proc = subprocess.Popen(command, cwd=cwd, env=dict(env), stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2)
                    break
                except OSError:
                    if proc.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError(f"JupyterLab did not start: {log_path.read_text()[-2000:]}") from None
                    time.sleep(0.3)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()


@contextlib.contextmanager
def trainee_lab(workspace: Path, state: Path, exchange: Path, *, token: str,
                answers: tuple[str, str] = ("hv021", "Trần Thị Mai")) -> Iterator[str]:
    """The trainee's JupyterLab of `make start` on ``workspace``, the trainee identified by ``answers`` (id, name)
    as the first start asks them, fetching from ``exchange``; yields its URL."""
    launch.prepare_workspace(workspace)
    asked = iter(answers)
    trainee = launch.identify_trainee(workspace, ask=lambda _: next(asked), say=lambda _: None, env={}, roster={})
    env = isolate(launch.lab_environment(dict(os.environ), workspace=workspace, trainee=trainee), state)
    env["NGOAIVU_EXCHANGE"] = str(exchange)
    port = free_port()
    command = launch.lab_command(port, open_browser=False, token=token, root=workspace, trainee=True)
    with running_lab(command, port, cwd=workspace, env=env, log_path=state / "lab.log", token=token) as url:
        yield url
