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
# JupyterLab defaults shipped with the course: Vietnamese UI (language pack vi_VN) and fonts that
# cover Vietnamese letters in the UI, in code and in outputs (DejaVu Sans Mono, JupyterLab's usual
# fallback, lacks precomposed letters such as ế, ố, ầ).
LAB_SETTINGS = REPO / "jupyter" / "lab-settings"


def lab_command(port: int, *, open_browser: bool = True, token: str | None = None, root: Path = REPO) -> list[str]:
    """The JupyterLab command line that serves the course found in ``root`` (run it from ``root/exercises``)."""
    cmd = [
        sys.executable, "-m", "jupyter", "lab",
        f"--ServerApp.root_dir={root}",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--LabApp.default_url=/lab/tree/{FIRST_LESSON}",
        f"--LabServerApp.app_settings_dir={LAB_SETTINGS}",
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
    os.chdir(EXERCISES)
    os.execv(cmd[0], cmd)
    return 0  # pragma: no cover


if __name__ == "__main__":
    sys.exit(main())
