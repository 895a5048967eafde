"""Start JupyterLab on the course: the trainee's workspace (``make start``) or the instructor's
(``make instructor``).

The two workspaces share one machine but not one root:

* **Trainee** (default): the server's root is the trainee's own folder (``hoc_vien/`` at the top of the
  repository, or ``NGOAIVU_WORKSPACE``): a copy of the lessons (``course/``, refreshed from the repository
  for every lesson the trainee has not changed) and the exercises fetched in the Assignments tab
  (``bai_tap/``). ``exercises/`` (solutions, hidden criteria, gradebook, other trainees' submissions) is
  outside that root, so the file browser and the contents API cannot reach it; terminals are off, and the
  instructor's nbgrader tools (formgrader, create assignment, course list) are turned off by
  ``jupyter/trainee/`` (server extensions and lab plugins, as on the hub). The exercises are released to
  the local exchange on the first start, so self-study needs no instructor step. The trainee's name and
  id are asked once (or taken from the roster, or from the hub login) and kept in
  ``hoc_vien/.hoc_vien.json``; every submission carries them (``jupyter/trainee/nbgrader_config.py``).
* **Instructor** (``--instructor``): the server's root is the repository and the working directory is
  ``exercises/``, so nbgrader's formgrader finds ``exercises/nbgrader_config.py`` and its gradebook.

A kernel still runs as the machine's user: on one machine a trainee who writes Python can open any file
that user can. Trainees who must not read the solutions work on the hub (``docs/deploy.md``), each as
their own account.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from grader import period
from grader.course import ensure_tools_on_path
from grader.messages import t
from grader.roster import STUDENT_ID

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
# Added to JUPYTER_CONFIG_PATH in the trainee's workspace only: the instructor's nbgrader tools off, and
# the submission that carries the trainee's name and id.
TRAINEE_CONFIG = REPO / "jupyter" / "trainee"
WORKSPACE = REPO / "hoc_vien"
IDENTITY_FILE = ".hoc_vien.json"  # hidden from the file browser (ContentsManager.allow_hidden is off)
COPIES_FILE = ".ban_sao_bai_hoc.json"  # the digest of each lesson as last copied from the repository


@dataclass(frozen=True)
class Trainee:
    id: str
    name: str


def workspace_dir(base: dict[str, str] | None = None) -> Path:
    """The trainee's workspace folder: ``NGOAIVU_WORKSPACE`` or ``hoc_vien/`` in the repository."""
    env = os.environ if base is None else base
    return Path(env["NGOAIVU_WORKSPACE"]).resolve() if env.get("NGOAIVU_WORKSPACE") else WORKSPACE


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _for_this_kernel(data: bytes, chosen: period.Period | None = None) -> bytes:
    """The lesson as the trainee's copy holds it: with the kernel's own Python version in ``language_info``, as
    JupyterLab would write it on opening (the repository stores the course's reference version), so opening it
    leaves nothing to save; and, for a lesson that writes plans (lesson 05), its worked plans moved to the
    course's plan period ``chosen`` (:func:`grader.period.move_lesson_text`; default: the setting in force)."""
    try:
        nb = json.loads(data)
        info = nb["metadata"]["language_info"]
        cells = nb.get("cells", [])
    except (ValueError, KeyError, TypeError, AttributeError):
        return data
    changed = False
    if isinstance(info, dict) and info.get("name") == "python" and info.get("version") != platform.python_version():
        info["version"] = platform.python_version()
        changed = True
    sources = [c for c in cells if isinstance(c, dict) and isinstance(c.get("source"), (str, list))]
    texts = ["".join(c["source"]) if isinstance(c["source"], list) else c["source"] for c in sources]
    if any(period.writes_plans(text) for text in texts):
        chosen = chosen or period.current()
        for cell, text in zip(sources, texts, strict=True):
            moved = period.move_lesson_text(text, chosen)
            if moved != text:
                cell["source"] = moved.splitlines(keepends=True) if isinstance(cell["source"], list) else moved
                changed = True
    if not changed:
        return data
    return (json.dumps(nb, indent=1, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")


def lesson_for_trainee(source: Path, chosen: period.Period | None = None) -> bytes:
    """The trainee's copy of the lesson ``source`` (as :func:`prepare_workspace` writes it; used by the cohort
    server's ``deploy/hubctl.py`` too): the kernel's ``language_info``, and worked plans in the period ``chosen``
    (default: the setting in force)."""
    return _for_this_kernel(source.read_bytes(), chosen)


def prepare_workspace(workspace: Path, course: Path = COURSE) -> list[str]:
    """Create the trainee's workspace (``course/`` with the lessons, ``bai_tap/``); return the lessons copied.

    A lesson is copied when the workspace has none, or when its copy is still the one last copied (the
    trainee has not changed it) and the repository's lesson, or the course's plan period that lesson 05's
    worked plans follow, has changed since; a lesson the trainee has changed is never overwritten.
    """
    lessons = workspace / "course"
    lessons.mkdir(parents=True, exist_ok=True)
    (workspace / "bai_tap").mkdir(exist_ok=True)
    record_path = workspace / COPIES_FILE
    try:
        record = json.loads(record_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        record = {}
    record = record if isinstance(record, dict) else {}
    copied = []
    chosen = period.current()  # the plan period a lesson's worked plans follow
    for source in sorted(course.glob("*.ipynb")):
        target = lessons / source.name
        data = source.read_bytes()
        last = record.get(source.name)
        if isinstance(last, str):  # a workspace prepared before the copy could differ from its source
            last = {"source": last, "copy": last}
        last = last if isinstance(last, dict) else {}
        written = _for_this_kernel(data, chosen)
        changed_by_trainee = target.exists() and last.get("copy") != _digest(target.read_bytes())
        # the copy follows the repository's lesson and the period: either changed, an unchanged copy is renewed
        if changed_by_trainee or (target.exists() and last.get("copy") == _digest(written)):
            continue
        target.write_bytes(written)
        record[source.name] = {"source": _digest(data), "copy": _digest(written)}
        copied.append(source.name)
    record_path.write_text(json.dumps(record, indent=1, sort_keys=True), encoding="utf-8")
    return copied


def read_trainee(workspace: Path) -> Trainee | None:
    """The trainee recorded in the workspace, if any (and valid)."""
    try:
        data = json.loads((workspace / IDENTITY_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    sid, name = data.get("id"), data.get("ho_ten")
    if isinstance(sid, str) and STUDENT_ID.match(sid) and isinstance(name, str) and name.strip():
        return Trainee(sid, " ".join(name.split()))
    return None


def _roster_names() -> dict[str, str]:
    from grader.roster import RosterError, read_roster

    try:
        return {sid: s.full_name for sid, s in read_roster(EXERCISES / "roster.csv").items()}
    except (RosterError, OSError):
        return {}


def identify_trainee(workspace: Path, *, ask: Callable[[str], str] = input, say: Callable[[str], None] = print,
                     env: dict[str, str] | None = None, roster: dict[str, str] | None = None) -> Trainee:
    """The trainee of this workspace: recorded, or from the hub login, or asked once (id, then the name unless
    the roster has it), then recorded in ``<workspace>/.hoc_vien.json``."""
    known = read_trainee(workspace)
    if known is not None:
        return known
    env = dict(os.environ) if env is None else env
    names = _roster_names() if roster is None else roster
    hub_user = env.get("JUPYTERHUB_USER", "")
    if hub_user and STUDENT_ID.match(hub_user):
        sid = hub_user
    else:
        say(t("launch.welcome"))
        while True:
            sid = ask(t("launch.ask_id")).strip()
            if STUDENT_ID.match(sid):
                break
            say(t("launch.bad_id", value=sid))
    name = names.get(sid, "")
    if name:
        say(t("launch.from_roster", id=sid, name=name))
    while not name.strip():
        name = ask(t("launch.ask_name")).strip()
        if not name:
            say(t("launch.no_name"))
    trainee = Trainee(sid, " ".join(name.split()))
    workspace.mkdir(parents=True, exist_ok=True)
    (workspace / IDENTITY_FILE).write_text(json.dumps({"id": trainee.id, "ho_ten": trainee.name}, ensure_ascii=False),
                                           encoding="utf-8")
    return trainee


def lab_environment(base: dict[str, str] | None = None, *, workspace: Path | None = None,
                    trainee: Trainee | None = None) -> dict[str, str]:
    """The environment for the course's JupyterLab: ``base`` (default: this process's) plus the course's
    Jupyter config folder (``JUPYTER_CONFIG_DIR``) and data folder first on ``JUPYTER_PATH``.

    With ``workspace`` (the trainee's workspace): ``jupyter/trainee/`` first on ``JUPYTER_CONFIG_PATH`` and
    fetched assignments in ``<workspace>/bai_tap`` (unless ``NGOAIVU_ASSIGNMENT_DIR`` says otherwise); with
    ``trainee``, the id and name that nbgrader's submit uses (``NGOAIVU_STUDENT_ID``, ``NGOAIVU_STUDENT_NAME``).
    A JupyterHub spawner sets the same variables for each trainee's server (see docs/deploy.md).
    """
    env = dict(os.environ if base is None else base)
    env["JUPYTER_CONFIG_DIR"] = str(JUPYTER_CONFIG)
    rest = [p for p in env.get("JUPYTER_PATH", "").split(os.pathsep) if p and p != str(JUPYTER_DATA)]
    env["JUPYTER_PATH"] = os.pathsep.join([str(JUPYTER_DATA), *rest])
    # The trainee's own settings and workspaces stay in their home, not in the course's config folder.
    home = Path(env.get("HOME") or Path.home())
    env.setdefault("JUPYTERLAB_SETTINGS_DIR", str(home / ".jupyter" / "lab" / "user-settings"))
    env.setdefault("JUPYTERLAB_WORKSPACES_DIR", str(home / ".jupyter" / "lab" / "workspaces"))
    if workspace is not None:
        others = [p for p in env.get("JUPYTER_CONFIG_PATH", "").split(os.pathsep) if p and p != str(TRAINEE_CONFIG)]
        env["JUPYTER_CONFIG_PATH"] = os.pathsep.join([str(TRAINEE_CONFIG), *others])
        if not env.get("NGOAIVU_ASSIGNMENT_DIR"):
            env["NGOAIVU_ASSIGNMENT_DIR"] = str(workspace / "bai_tap")
    if trainee is not None:
        env["NGOAIVU_STUDENT_ID"], env["NGOAIVU_STUDENT_NAME"] = trainee.id, trainee.name
    return env


def lab_command(port: int, *, open_browser: bool = True, token: str | None = None, root: Path = REPO,
                trainee: bool = False) -> list[str]:
    """The JupyterLab command line that serves the course found in ``root`` (run it from ``root/exercises``,
    with the environment of :func:`lab_environment`); with ``trainee``, ``root`` is the trainee's workspace
    (run it from there, with the environment of ``lab_environment(workspace=root)``) and terminals are off."""
    cmd = [
        sys.executable, "-m", "jupyter", "lab",
        f"--ServerApp.root_dir={root}",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--LabApp.default_url=/lab/tree/{FIRST_LESSON}",
        f"--LabServerApp.app_settings_dir={LAB_SETTINGS}",
        "--LabApp.custom_css=True",
    ]
    if trainee:
        cmd.append("--ServerApp.terminals_enabled=False")
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # containers and CI run as root
        cmd.append("--allow-root")
    if not open_browser:
        cmd.append("--no-browser")
    if token is not None:
        cmd.append(f"--IdentityProvider.token={token}")
    return cmd


def unreleased(exercises: Path = EXERCISES) -> list[str]:
    """Assignments of ``exercises/source/`` not yet in the local exchange's outbound folder."""
    sources = sorted(p.name for p in (exercises / "source").iterdir() if (p / f"{p.name}.ipynb").is_file())
    root = Path(os.environ.get("NGOAIVU_EXCHANGE") or exercises / "exchange")
    return [a for a in sources if not (root / "ngoaivu" / "outbound" / a).is_dir()]


def ensure_released(say: Callable[[str], None] = print) -> bool:
    """Release every exercise to the local exchange if one is missing (``ngoaivu release``); True when done."""
    if not unreleased():
        return True
    say(t("launch.releasing"))
    from grader.cli import main as ngoaivu

    status = ngoaivu(["release", "--course", str(EXERCISES)])
    if status != 0 or unreleased():
        say(t("launch.release_failed"))
        return False
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Start JupyterLab on the local foreign-affairs course: the "
                                                 "trainee's workspace, or the instructor's with --instructor.")
    parser.add_argument("--port", type=int, default=8888)
    parser.add_argument("--no-browser", action="store_true", help="do not open a web browser")
    parser.add_argument("--instructor", action="store_true",
                        help="the instructor's workspace: the whole repository, the formgrader and the gradebook")
    parser.add_argument("--workspace", type=Path, default=None,
                        help="the trainee's folder (default: NGOAIVU_WORKSPACE or hoc_vien/ in the repository)")
    args = parser.parse_args(argv)
    ensure_tools_on_path()  # the formgrader and the release create the gradebook with the `alembic` program
    from grader.cli.exchange import prepare_local_exchange

    if args.instructor:
        cmd = lab_command(args.port, open_browser=not args.no_browser)
        prepare_local_exchange(REPO)  # the Assignments tab's exchange (exercises/exchange/) and bai_tap/
        os.chdir(EXERCISES)
        os.execve(cmd[0], cmd, lab_environment())
        return 0  # pragma: no cover
    workspace = args.workspace.resolve() if args.workspace else workspace_dir()
    prepare_workspace(workspace)
    trainee = identify_trainee(workspace)
    env = lab_environment(workspace=workspace, trainee=trainee)
    os.environ["NGOAIVU_ASSIGNMENT_DIR"] = env["NGOAIVU_ASSIGNMENT_DIR"]  # read by prepare_local_exchange
    prepare_local_exchange(REPO)
    ensure_released()
    print(t("launch.hello", name=trainee.name, id=trainee.id, file=str(workspace / IDENTITY_FILE)))
    cmd = lab_command(args.port, open_browser=not args.no_browser, root=workspace, trainee=True)
    os.chdir(workspace)
    os.execve(cmd[0], cmd, env)
    return 0  # pragma: no cover


if __name__ == "__main__":
    sys.exit(main())
