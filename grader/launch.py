"""Start JupyterLab on the course (``make start``).

The server's root is the repository, so trainees see ``course/`` and
``exercises/``; the working directory is ``exercises/`` so nbgrader's
formgrader finds ``exercises/nbgrader_config.py`` and its gradebook
(``exercises/gradebook.db``, SQLite).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from grader.course import ensure_tools_on_path

REPO = Path(__file__).resolve().parent.parent
COURSE = REPO / "course"
EXERCISES = REPO / "exercises"
FIRST_LESSON = "course/00_huong_dan.ipynb"
# JupyterLab defaults shipped with the course: Vietnamese UI (language pack vi_VN), code font, line
# numbers and wrapping in code cells, destructive single-key shortcuts turned off.
LAB_SETTINGS = REPO / "jupyter" / "lab-settings"
# The course's Jupyter config folder: custom/custom.css declares the shipped monospace font (Noto Sans
# Mono, SIL OFL, custom/fonts/) served by the course's own server, so code and outputs show Vietnamese
# letters on a machine with no such font installed (DejaVu Sans Mono lacks ế, ố, ầ...).
JUPYTER_CONFIG = REPO / "jupyter" / "config"
# The course's Jupyter data folder: kernels/python3 is the kernel spec that loads grader.kernel_vi
# (Python errors explained in Vietnamese) in every kernel; it shadows the default "python3" spec.
JUPYTER_DATA = REPO / "jupyter" / "data"


def lab_environment(base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for the course's JupyterLab: ``base`` (default: this process's) plus the course's
    Jupyter config folder (``JUPYTER_CONFIG_DIR``) and data folder first on ``JUPYTER_PATH``.

    A JupyterHub spawner sets the same two variables for each trainee's server (see docs/deploy.md).
    """
    env = dict(os.environ if base is None else base)
    env["JUPYTER_CONFIG_DIR"] = str(JUPYTER_CONFIG)
    rest = [p for p in env.get("JUPYTER_PATH", "").split(os.pathsep) if p and p != str(JUPYTER_DATA)]
    env["JUPYTER_PATH"] = os.pathsep.join([str(JUPYTER_DATA), *rest])
    # The trainee's own settings and workspaces stay in their home, not in the course's config folder.
    home = Path(env.get("HOME") or Path.home())
    env.setdefault("JUPYTERLAB_SETTINGS_DIR", str(home / ".jupyter" / "lab" / "user-settings"))
    env.setdefault("JUPYTERLAB_WORKSPACES_DIR", str(home / ".jupyter" / "lab" / "workspaces"))
    return env


def lab_command(port: int, *, open_browser: bool = True, token: str | None = None, root: Path = REPO) -> list[str]:
    """The JupyterLab command line that serves the course found in ``root`` (run it from ``root/exercises``,
    with the environment of :func:`lab_environment`)."""
    cmd = [
        sys.executable, "-m", "jupyter", "lab",
        f"--ServerApp.root_dir={root}",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--LabApp.default_url=/lab/tree/{FIRST_LESSON}",
        f"--LabServerApp.app_settings_dir={LAB_SETTINGS}",
        "--LabApp.custom_css=True",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # containers and CI run as root
        cmd.append("--allow-root")
    if not open_browser:
        cmd.append("--no-browser")
    if token is not None:
        cmd.append(f"--IdentityProvider.token={token}")
    return cmd


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Start JupyterLab on the local foreign-affairs course.")
    parser.add_argument("--port", type=int, default=8888)
    parser.add_argument("--no-browser", action="store_true", help="do not open a web browser")
    args = parser.parse_args(argv)
    cmd = lab_command(args.port, open_browser=not args.no_browser)
    ensure_tools_on_path()  # the formgrader creates the gradebook with the `alembic` program
    from grader.cli.exchange import prepare_local_exchange

    prepare_local_exchange(REPO)  # the Assignments tab's exchange (exercises/exchange/) and bai_tap/
    os.chdir(EXERCISES)
    os.execve(cmd[0], cmd, lab_environment())
    return 0  # pragma: no cover


if __name__ == "__main__":
    sys.exit(main())
