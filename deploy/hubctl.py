"""Set up and run the course for a cohort on one server: JupyterHub, nbgrader's exchange, PostgreSQL.

Run as root from the repository (``.venv/bin/python deploy/hubctl.py COMMAND``):

* ``setup``  OS users and groups, the exchange with private permissions, the instructor's course folder
  (a copy of ``exercises/`` with the hub's settings), the trainees' lessons, per-role Jupyter settings,
  and the repository's permissions (trainees may run the environment but not read ``exercises/``);
* ``postgres start|stop``  a PostgreSQL cluster for the gradebook, on 127.0.0.1 with password login;
* ``release ASSIGNMENT``  ``ngoaivu release`` as the instructor (to the exchange's outbound folder);
* ``hub``  JupyterHub in the foreground (``jupyterhub -f deploy/jupyterhub_config.py``);
* ``demo``  all of the above on loopback with one instructor and three trainees (``make demo``).

Every setting lives in one file, ``<srv>/hub/site.json`` (root only), written by ``setup`` and read
by ``deploy/jupyterhub_config.py``. See docs/deploy.md.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import glob
import grp
import json
import os
import pwd
import re
import secrets
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SRV = Path("/srv/ngoaivu")
COURSE_ID = "ngoaivu"
SITE_ENV = "NGOAIVU_HUB_SITE"  # path of site.json for jupyterhub_config.py
# Top-level entries of the repository that trainees' servers need (the environment, the package, its
# data, the shipped Jupyter settings, the lessons, this folder). Everything else (exercises/ with the
# solutions and hidden criteria, tests/, .git, ...) is closed to other users by `setup`.
PUBLIC_REPO_ENTRIES = (".venv", "grader", "jupyter", "course", "deploy", "source_data")
# Folders of exercises/ that are generated or private state: never copied into a new course folder.
GENERATED = {"release", "submitted", "autograded", "feedback", "exchange", ".ngoaivu", "gradebook.db",
             "roster.csv", ".nbgrader.log", "__pycache__"}
TRAINEE_DISABLED_LAB_PLUGINS = ("@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment",
                                "@jupyter/nbgrader:course-list")
TRAINEE_DISABLED_SERVER_EXTENSIONS = ("nbgrader.server_extensions.formgrader",
                                      "nbgrader.server_extensions.course_list")


class DeployError(Exception):
    """A setup step cannot be done (message for the administrator)."""


@dataclasses.dataclass
class Site:
    """One cohort server. Saved as ``<srv>/hub/site.json``."""

    srv: str = str(DEFAULT_SRV)
    repo: str = str(REPO)
    instructor: str = "gv-ngoaivu"
    trainees: list[str] = dataclasses.field(default_factory=lambda: ["hv001", "hv002", "hv003"])
    # Full names and provinces for the roster, by trainee id (a trainee missing here gets placeholders).
    names: dict[str, list[str]] = dataclasses.field(default_factory=dict)
    staff_group: str = "ngoaivu-gv"
    trainee_group: str = "ngoaivu-hv"
    homes: str = "/home"
    hub_ip: str = "127.0.0.1"
    hub_port: int = 8000
    hub_api_port: int = 8081
    proxy_api_port: int = 8001
    # Who may log in: "native" (NativeAuthenticator: one account per roster entry, created by `setup` with an
    # initial password in <srv>/hub/initial_passwords.csv, changed by the trainee at /hub/change-password; no
    # sign-up), or "shared-password" (one password for the cohort: the loopback demo only).
    authenticator: str = "native"
    password: str = ""  # shared password of the demo authenticator (SharedPasswordAuthenticator)
    # Per-trainee limits, enforced with cgroups (deploy/ngoaivu_spawner.py); 0 = no limit.
    mem_limit_mb: int = 1024
    cpu_limit: float = 1.0  # cores
    pids_limit: int = 512
    # Idle culler (jupyterhub-idle-culler): a server with no activity for idle_timeout s is stopped.
    idle_timeout: int = 3600
    cull_every: int = 300
    activity_interval: int = 300  # how often the hub and the servers record activity (s)
    # Folders whose mode `setup --open-python-path` changed: path -> the mode before (restored by the demo).
    opened: dict[str, int] = dataclasses.field(default_factory=dict)
    api_token: str = ""  # token of the `ngoaivu-ops` service (scripts, tests); empty: no such service
    pg_port: int = 5433
    pg_password: str = ""
    db_url: str = ""  # gradebook URL written into the instructor's course config
    watch: bool = True  # run `ngoaivu watch` as a hub-managed service
    watch_interval: int = 15
    proxy_command: str = ""

    # --- derived paths ---
    @property
    def srv_path(self) -> Path:
        return Path(self.srv)

    @property
    def repo_path(self) -> Path:
        return Path(self.repo)

    @property
    def venv_bin(self) -> Path:
        return self.repo_path / ".venv" / "bin"

    @property
    def exchange(self) -> Path:
        return self.srv_path / "exchange"

    @property
    def hub_dir(self) -> Path:
        return self.srv_path / "hub"

    @property
    def share(self) -> Path:
        return self.srv_path / "share"

    @property
    def pg_dir(self) -> Path:
        return self.srv_path / "postgres"

    def home(self, user: str) -> Path:
        return Path(self.homes) / user

    @property
    def course_dir(self) -> Path:
        return self.home(self.instructor) / COURSE_ID

    def role_dir(self, role: str) -> Path:
        return self.share / f"jupyter-{role}"

    @property
    def site_file(self) -> Path:
        return self.hub_dir / "site.json"

    @property
    def users(self) -> list[str]:
        return [self.instructor, *self.trainees]

    def save(self) -> None:
        self.hub_dir.mkdir(parents=True, exist_ok=True)
        os.chmod(self.hub_dir, 0o700)
        self.site_file.write_text(json.dumps(dataclasses.asdict(self), indent=2, ensure_ascii=False), encoding="utf-8")
        os.chmod(self.site_file, 0o600)

    @classmethod
    def load(cls, path: Path | str) -> Site:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        known = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


# --- small helpers -------------------------------------------------------------------------------------


def run(cmd: list[str], *, user: str | None = None, check: bool = True, timeout: float = 300,
        env: dict[str, str] | None = None, cwd: Path | str | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``cmd`` (as ``user`` through runuser when given); raise DeployError with its output on failure."""
    full = ["runuser", "-u", user, "--", *cmd] if user else cmd
    proc = subprocess.run(full, capture_output=True, text=True, timeout=timeout, env=env, cwd=cwd)
    if check and proc.returncode != 0:
        raise DeployError(f"command failed ({proc.returncode}): {' '.join(full)}\n{proc.stdout}\n{proc.stderr}")
    return proc


def require_root() -> None:
    if os.geteuid() != 0:
        raise DeployError("run this as root (it creates OS users and sets folder permissions)")


def chown(path: Path, user: str, group: str | None = None) -> None:
    shutil.chown(path, user=user, group=group)


def user_env(site: Site, extra: dict[str, str] | None = None) -> dict[str, str]:
    """A clean environment for commands run as an OS user (the course's tools first on PATH)."""
    env = {"PATH": f"{site.venv_bin}:/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
    env.update(extra or {})
    return env


def as_user(site: Site, user: str, cmd: list[str], **kw: Any) -> subprocess.CompletedProcess[str]:
    home = str(site.home(user))
    env = user_env(site, {"HOME": home, "USER": user, "LOGNAME": user})
    return run(["env", "-i", *(f"{k}={v}" for k, v in env.items()), *cmd], user=user, cwd=kw.pop("cwd", home), **kw)


# --- OS users, folders, permissions ----------------------------------------------------------------------


def ensure_group(name: str) -> None:
    try:
        grp.getgrnam(name)
    except KeyError:
        run(["groupadd", name])


def ensure_user(site: Site, name: str, group: str) -> None:
    home = site.home(name)
    try:
        pwd.getpwnam(name)
    except KeyError:
        home.parent.mkdir(parents=True, exist_ok=True)
        run(["useradd", "--create-home", "--home-dir", str(home), "--shell", "/bin/bash",
             "--user-group", "--groups", group, name])
    else:
        run(["usermod", "--append", "--groups", group, name])
    home.mkdir(parents=True, exist_ok=True)
    chown(home, name, name)
    os.chmod(home, 0o700)  # no trainee reads another's home (notebooks, nbgrader's submission cache)


def check_traversable(path: Path) -> None:
    """Every folder above ``path`` must let other users through (x), or trainees cannot run the environment."""
    for parent in path.resolve().parents:
        if not parent.stat().st_mode & stat.S_IXOTH:
            raise DeployError(f"{parent} is not traversable by other users (chmod o+x {parent}), so trainees "
                              f"cannot run {path}")


def python_blockers(site: Site) -> list[Path]:
    """Folders above the environment's Python interpreter (and the repository) that other users cannot enter.

    A virtual environment links to the interpreter it was made from; when that lives under a private
    folder (e.g. pyenv in /root, mode 0700), trainees cannot start Python at all.
    """
    targets = [(site.venv_bin / "python").resolve(), site.repo_path.resolve()]
    blockers: list[Path] = []
    for target in targets:
        for parent in reversed(target.parents):
            if not parent.stat().st_mode & stat.S_IXOTH and parent not in blockers:
                blockers.append(parent)
    return blockers


def open_python_path(site: Site, allow: bool) -> list[Path]:
    """Let other users enter (o+x, never list) each blocking folder, if ``allow``; else explain what to do.

    The modes before are kept in ``site.opened`` so that :func:`restore_opened` can put them back.
    """
    blockers = python_blockers(site)
    if blockers and not allow:
        raise DeployError("other users cannot reach the course's Python: " + ", ".join(map(str, blockers))
                          + " (chmod o+x them, or rerun with --open-python-path, or build the environment from a "
                          "system-wide Python such as /usr/bin/python3)")
    for path in blockers:
        mode = path.stat().st_mode
        site.opened.setdefault(str(path), stat.S_IMODE(mode))
        os.chmod(path, mode | stat.S_IXOTH)
    return blockers


def restore_opened(site: Site) -> list[Path]:
    """Put back the modes :func:`open_python_path` changed (the demo leaves no folder opened behind)."""
    restored = []
    for name, mode in sorted(site.opened.items()):
        path = Path(name)
        try:
            os.chmod(path, mode)
        except FileNotFoundError:
            pass
        else:
            restored.append(path)
    site.opened = {}
    if site.hub_dir.is_dir():
        site.save()
    return restored


def protect_repo(repo: Path) -> list[str]:
    """Let other users run the environment and read the package, lessons and settings; close the rest.

    The repository root becomes 0711 (enter, not list); the public entries keep their modes; every other
    top-level entry (exercises/ with solutions, hidden criteria and the single-machine gradebook, tests/,
    .git, ...) loses all permissions for others. Returns the entries closed.
    """
    check_traversable(repo)
    os.chmod(repo, (repo.stat().st_mode & 0o7770) | stat.S_IXOTH)
    closed = []
    for entry in sorted(repo.iterdir()):
        if entry.name in PUBLIC_REPO_ENTRIES:
            if not entry.stat().st_mode & stat.S_IROTH:
                raise DeployError(f"{entry} must be readable by other users (chmod -R o+rX {entry})")
            continue
        if entry.is_symlink():
            continue
        os.chmod(entry, entry.stat().st_mode & ~0o007)
        closed.append(entry.name)
    return closed


def make_dir(path: Path, mode: int, user: str = "root", group: str = "root") -> None:
    path.mkdir(parents=True, exist_ok=True)
    chown(path, user, group)
    os.chmod(path, mode)


def setup_exchange(site: Site) -> None:
    """The exchange root (sticky, world-writable as nbgrader requires) and the course's private folders.

    * ``<exchange>``            1777 root: nbgrader checks every user may write here; nobody may
                                rename or delete another's entry (sticky); the course folder is made
                                here by the administrator so no trainee can claim its name first;
    * ``<exchange>/ngoaivu``    0755 instructor;
    * ``outbound``              0755 instructor: released assignments, readable by all;
    * ``inbound``               3733 instructor:staff: trainees may add submissions but not list the
                                folder; entries get the staff group; with PrivateExchangeSubmit each
                                submission is readable by its owner and the staff only;
    * ``feedback``              0711 instructor:staff: trainees fetch their file by its secret name only.
    """
    make_dir(site.exchange, 0o1777)
    course = site.exchange / COURSE_ID
    make_dir(course, 0o755, site.instructor, site.staff_group)
    make_dir(course / "outbound", 0o755, site.instructor, site.staff_group)
    make_dir(course / "inbound", 0o3733, site.instructor, site.staff_group)
    make_dir(course / "feedback", 0o711, site.instructor, site.staff_group)


def hub_overrides(site: Site) -> str:
    """Lines appended to the instructor's copy of ``nbgrader_config.py``."""
    lines = [
        "",
        "# --- JupyterHub cohort server (written by deploy/hubctl.py setup; see docs/deploy.md) ---",
        f"c.Exchange.root = {str(site.exchange)!r}",
        "c.Exchange.path_includes_course = True",
        # Files made by the grading service (root) stay writable by the instructor's group.
        "c.CourseDirectory.groupshared = True",
        f"c.NbGrader.logfile = {str(site.course_dir / '.nbgrader.log')!r}",
    ]
    if site.db_url:
        lines.append(f"c.CourseDirectory.db_url = {site.db_url!r}")
    return "\n".join(lines) + "\n"


def setup_course(site: Site) -> None:
    """The instructor's course folder: a copy of the repository's ``exercises/`` with the hub's settings.

    Owned by the instructor, group staff, mode 2770 (files 0660): no trainee can read the solutions,
    the hidden criteria, the roster, the submissions or the gradebook password.
    """
    src = site.repo_path / "exercises"
    dest = site.course_dir
    dest.mkdir(parents=True, exist_ok=True)
    # Files already in the course folder are the instructor's (maybe edited): only missing ones are copied.
    for entry in src.iterdir():
        if entry.name in GENERATED or entry.name.endswith(".db"):
            continue
        files = [entry] if entry.is_file() else [p for p in entry.rglob("*") if p.is_file()
                                                  and not {"__pycache__", ".ipynb_checkpoints"} & set(p.parts)]
        for path in files:
            target = dest / path.relative_to(src)
            if not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, target)
    config = dest / "nbgrader_config.py"
    text = config.read_text(encoding="utf-8")
    marker = "# --- JupyterHub cohort server"
    if marker in text:
        text = text[: text.index(marker)].rstrip("\n") + "\n"
    config.write_text(text + hub_overrides(site), encoding="utf-8")
    state = dest / ".ngoaivu"
    state.mkdir(exist_ok=True)
    # The gradebook lock is opened read-write by the instructor's commands and by the grading service:
    # create it now so it belongs to the instructor and the staff group whoever runs first.
    (state / "gradebook.lock").touch()
    for path in [dest, *dest.rglob("*")]:
        if path.is_symlink():
            continue
        chown(path, site.instructor, site.staff_group)
        os.chmod(path, 0o2770 if path.is_dir() else 0o660)


def write_roster(site: Site) -> Path:
    roster = site.course_dir / ".ngoaivu" / "hub_roster.csv"  # the import file; `ngoaivu setup` keeps roster.csv
    with roster.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["id", "full_name", "province"])
        for i, trainee in enumerate(site.trainees, 1):
            full_name, province = site.names.get(trainee, [f"Học viên {i}", "Thừa Thiên Huế"])
            out.writerow([trainee, full_name, province])
    chown(roster, site.instructor, site.staff_group)
    os.chmod(roster, 0o660)
    return roster


PROFILE_MARK = "# --- ngoaivu (deploy/hubctl.py setup) ---"


def instructor_profile(site: Site) -> None:
    """``ngoaivu`` on the instructor's login PATH, with their course as the default (``~/.profile``, ``~/.bashrc``).

    A marked block, replaced on every setup; the rest of the files is the instructor's.
    """
    block = "\n".join([
        PROFILE_MARK,
        f'export PATH="{site.venv_bin}:$PATH"',
        f'export NGOAIVU_COURSE="{site.course_dir}"',
        "umask 002  # files you make in the course stay editable by the grading service and the staff group",
        "# --- end ngoaivu ---",
    ]) + "\n"
    for name in (".profile", ".bashrc"):
        path = site.home(site.instructor) / name
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        text = re.sub(re.escape(PROFILE_MARK) + r".*?# --- end ngoaivu ---\n?", "", text, flags=re.S)
        path.write_text(text.rstrip("\n") + ("\n\n" if text.strip() else "") + block, encoding="utf-8")
        chown(path, site.instructor, site.instructor)
        os.chmod(path, 0o644)


# --- accounts of the hub's login (NativeAuthenticator) -------------------------------------------------


def hub_db_url(site: Site) -> str:
    return f"sqlite:///{site.hub_dir / 'jupyterhub.sqlite'}"


def initial_passwords_file(site: Site) -> Path:
    return site.hub_dir / "initial_passwords.csv"


def native_accounts(site: Site) -> dict[str, str]:
    """A NativeAuthenticator account for every user of the site that has none: ``{user: initial password}``.

    Written to the hub's database (created here as JupyterHub creates it) with a random initial
    password each, listed in ``<srv>/hub/initial_passwords.csv`` (root only) for the administrator to
    hand out; the user changes it at ``/hub/change-password``. Sign-up stays off: nobody can claim a
    roster name before its trainee does. Existing accounts (and passwords already changed) are kept.
    """
    import bcrypt
    import nativeauthenticator.orm as native
    from jupyterhub import orm

    site.hub_dir.mkdir(parents=True, exist_ok=True)
    db = orm.new_session_factory(hub_db_url(site))()
    made: dict[str, str] = {}
    try:
        for user in site.users:
            if native.UserInfo.find(db, user) is not None:
                continue
            password = secrets.token_urlsafe(12)
            db.add(native.UserInfo(username=user, password=bcrypt.hashpw(password.encode(), bcrypt.gensalt()),
                                   is_authorized=True))
            made[user] = password
        db.commit()
    finally:
        db.close()
    os.chmod(site.hub_dir / "jupyterhub.sqlite", 0o600)
    if made:
        path = initial_passwords_file(site)
        known = {}
        if path.exists():
            with path.open(encoding="utf-8", newline="") as fh:
                known = {row["user"]: row["initial_password"] for row in csv.DictReader(fh)}
        known.update(made)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            out = csv.writer(fh)
            out.writerow(["user", "initial_password"])
            out.writerows(sorted(known.items()))
        os.chmod(path, 0o600)
    return made


def initial_passwords(site: Site) -> dict[str, str]:
    """The initial passwords ``native_accounts`` handed out (root only)."""
    path = initial_passwords_file(site)
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as fh:
        return {row["user"]: row["initial_password"] for row in csv.DictReader(fh)}


def copy_lessons(site: Site, user: str) -> None:
    """Put the lessons in ``~user/course/`` (existing files are kept: they may hold the trainee's work), as the
    trainee's workspace holds them (:func:`grader.launch.lesson_for_trainee`): lesson 05's worked plans in the
    plan period of the hub's course (its ``course_settings.yaml``; before the course folder exists, the
    repository's)."""
    from grader import period
    from grader.launch import lesson_for_trainee

    settings = site.course_dir if (site.course_dir / "course_settings.yaml").is_file() else site.repo_path / "exercises"
    chosen = period.course_period(settings)
    dest = site.home(user) / "course"
    if dest.is_symlink() or (dest.exists() and not dest.is_dir()):
        # the home is the trainee's: root never follows a link they made there (setup may run again later)
        raise DeployError(f"{dest} is not a folder (a link, or a file): move it away, then run setup again")
    dest.mkdir(exist_ok=True)
    chown(dest, user, user)
    for lesson in sorted((site.repo_path / "course").glob("*.ipynb")):
        target = dest / lesson.name
        if target.exists() or target.is_symlink():
            continue  # the trainee's copy (maybe with their answers), or something of theirs: left as it is
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
        with os.fdopen(fd, "wb") as out:
            out.write(lesson_for_trainee(lesson, chosen))
            os.fchown(out.fileno(), pwd.getpwnam(user).pw_uid, grp.getgrnam(user).gr_gid)
            os.fchmod(out.fileno(), 0o644)


def write_role_settings(site: Site) -> None:
    """Per-role Jupyter configuration folders (given to each server as JUPYTER_CONFIG_PATH).

    Trainees: the formgrader, course list and create-assignment tools are off (server extensions and
    lab plugins); nbgrader knows the course, the exchange and the private submit. Instructor: the
    course folder is the formgrader's root. Neither holds a secret; both are world-readable.
    """
    common = [
        "c = get_config()  # noqa: F821",
        f"c.CourseDirectory.course_id = {COURSE_ID!r}",
        f"c.Exchange.root = {str(site.exchange)!r}",
        "c.Exchange.path_includes_course = True",
    ]
    trainee = site.role_dir("trainee")
    make_dir(trainee / "labconfig", 0o755)
    (trainee / "nbgrader_config.py").write_text("\n".join([
        '"""nbgrader settings of every trainee on the hub (deploy/hubctl.py)."""', *common,
        'c.ExchangeFactory.submit = "ngoaivu_exchange.PrivateExchangeSubmit"', ""]), encoding="utf-8")
    (trainee / "jupyter_server_config.json").write_text(json.dumps(
        {"ServerApp": {"jpserver_extensions": {name: False for name in TRAINEE_DISABLED_SERVER_EXTENSIONS}}},
        indent=2), encoding="utf-8")
    (trainee / "labconfig" / "page_config.json").write_text(json.dumps(
        {"disabledExtensions": {name: True for name in TRAINEE_DISABLED_LAB_PLUGINS}}, indent=2), encoding="utf-8")
    instructor = site.role_dir("instructor")
    make_dir(instructor, 0o755)
    (instructor / "nbgrader_config.py").write_text("\n".join([
        '"""nbgrader settings of the instructor on the hub (deploy/hubctl.py)."""', *common,
        f"c.CourseDirectory.root = {str(site.course_dir)!r}",
        # The formgrader reads only the Jupyter config path, not the course folder's own file: load it
        # (gradebook URL, grading path). Only the instructor and the staff group can read that file.
        f"load_subconfig({str(site.course_dir / 'nbgrader_config.py')!r})  # noqa: F821", ""]), encoding="utf-8")
    for path in [site.share, *site.share.rglob("*")]:
        os.chmod(path, 0o755 if path.is_dir() else 0o644)


def find_proxy() -> str:
    found = shutil.which("configurable-http-proxy")
    local = REPO / "deploy" / "node_modules" / ".bin" / "configurable-http-proxy"
    if found:
        return found
    if local.exists():
        return str(local)
    raise DeployError("configurable-http-proxy not found: `npm install -g configurable-http-proxy` "
                      "(or `npm install --prefix deploy configurable-http-proxy`)")


def setup(site: Site, *, allow_open_python_path: bool = False) -> None:
    """Everything but the database and the hub process (idempotent: run it again after adding trainees)."""
    require_root()
    open_python_path(site, allow_open_python_path)
    site.proxy_command = site.proxy_command or find_proxy()
    if site.authenticator == "shared-password":
        site.password = site.password or secrets.token_urlsafe(9)
    elif site.authenticator != "native":
        raise DeployError(f"unknown authenticator {site.authenticator!r}: use 'native' (a province's server) or "
                          "'shared-password' (the loopback demo only)")
    site.api_token = site.api_token or secrets.token_hex(24)
    make_dir(site.srv_path, 0o755)
    check_traversable(site.srv_path / "x")
    site.save()
    protect_repo(site.repo_path)
    ensure_group(site.staff_group)
    ensure_group(site.trainee_group)
    ensure_user(site, site.instructor, site.staff_group)
    for trainee in site.trainees:
        ensure_user(site, trainee, site.trainee_group)
        copy_lessons(site, trainee)
    copy_lessons(site, site.instructor)
    instructor_profile(site)
    setup_exchange(site)
    write_role_settings(site)
    setup_course(site)
    roster = write_roster(site)
    ngoaivu(site, "setup", "--roster", str(roster))
    if site.authenticator == "native":
        native_accounts(site)


def release(site: Site, assignment: str) -> str:
    """Release ``assignment`` as the instructor: the trainees' version, then the exchange's outbound folder."""
    out = ngoaivu(site, "release", assignment).stdout
    if not (site.exchange / COURSE_ID / "outbound" / assignment).is_dir():
        # an `ngoaivu release` that only writes release/: publish it with nbgrader's own command
        out += as_user(site, site.instructor, [str(site.venv_bin / "nbgrader"), "release_assignment", assignment,
                                               "--force"], cwd=site.course_dir).stderr
    return out


def ngoaivu(site: Site, *args: str, check: bool = True, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """``ngoaivu ARGS --course <course>`` as the instructor."""
    return as_user(site, site.instructor, [str(site.venv_bin / "ngoaivu"), *args, "--course", str(site.course_dir)],
                   check=check, timeout=timeout, cwd=site.course_dir)


# --- PostgreSQL ----------------------------------------------------------------------------------------


def pg_bin(name: str) -> str:
    for candidate in sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True):
        return candidate
    found = shutil.which(name)
    if found:
        return found
    raise DeployError(f"PostgreSQL's {name} not found (apt-get install postgresql)")


def pg_start(site: Site) -> str:
    """Start (creating on first use) the gradebook's cluster; return the gradebook URL.

    The cluster belongs to the ``postgres`` OS user, listens on 127.0.0.1 only, and takes passwords
    (scram-sha-256) for every network login: trainees, who do not have the password, cannot connect.
    Its Unix socket is in a folder only ``postgres`` can enter.
    """
    require_root()
    data, sock, logs = site.pg_dir / "data", site.pg_dir / "run", site.pg_dir / "log"
    make_dir(site.pg_dir, 0o755)
    for path in (data, sock, logs):
        make_dir(path, 0o700, "postgres", "postgres")
    site.pg_password = site.pg_password or secrets.token_hex(16)
    fresh = not (data / "PG_VERSION").exists()
    if fresh:
        run([pg_bin("initdb"), "-D", str(data), "-U", "postgres", "-E", "UTF8", "--no-locale",
             "--auth-local=peer", "--auth-host=scram-sha-256"], user="postgres")
    status = run([pg_bin("pg_ctl"), "-D", str(data), "status"], user="postgres", check=False)
    if status.returncode != 0:
        options = f"-p {site.pg_port} -k {sock} -c listen_addresses=127.0.0.1"
        run([pg_bin("pg_ctl"), "-D", str(data), "-l", str(logs / "postgres.log"), "-o", options, "-w",
             "-t", "60", "start"], user="postgres", timeout=90)
    psql = [pg_bin("psql"), "-h", str(sock), "-p", str(site.pg_port), "-U", "postgres", "-v", "ON_ERROR_STOP=1",
            "-d", "postgres", "-tAc"]
    exists = run([*psql, f"SELECT 1 FROM pg_roles WHERE rolname = '{COURSE_ID}'"], user="postgres").stdout.strip()
    verb = "ALTER" if exists else "CREATE"
    run([*psql, f"{verb} ROLE {COURSE_ID} LOGIN PASSWORD '{site.pg_password}'"], user="postgres")
    if not run([*psql, f"SELECT 1 FROM pg_database WHERE datname = '{COURSE_ID}'"], user="postgres").stdout.strip():
        run([*psql, f"CREATE DATABASE {COURSE_ID} OWNER {COURSE_ID} ENCODING 'UTF8'"], user="postgres")
    site.db_url = f"postgresql+psycopg://{COURSE_ID}:{site.pg_password}@127.0.0.1:{site.pg_port}/{COURSE_ID}"
    site.save()
    return site.db_url


def pg_running(site: Site) -> bool:
    data = site.pg_dir / "data"
    if not (data / "PG_VERSION").exists():
        return False
    return run([pg_bin("pg_ctl"), "-D", str(data), "status"], user="postgres", check=False).returncode == 0


def pg_stop(site: Site) -> None:
    data = site.pg_dir / "data"
    if (data / "PG_VERSION").exists():
        run([pg_bin("pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"], user="postgres", check=False, timeout=60)


# --- the hub -------------------------------------------------------------------------------------------


def hub_command(site: Site) -> list[str]:
    return [str(site.venv_bin / "jupyterhub"), "-f", str(site.repo_path / "deploy" / "jupyterhub_config.py")]


def hub_env(site: Site) -> dict[str, str]:
    env = dict(os.environ)
    env[SITE_ENV] = str(site.site_file)
    env["PATH"] = f"{site.venv_bin}:{env.get('PATH', '/usr/bin:/bin')}"
    return env


def start_hub(site: Site, log: Path | None = None) -> subprocess.Popen[bytes]:
    """JupyterHub (and its proxy) as a child process in its own process group, logging to ``log``."""
    out = open(log, "ab") if log else subprocess.DEVNULL  # noqa: SIM115 (kept open for the child)
    return subprocess.Popen(hub_command(site), env=hub_env(site), cwd=site.hub_dir, stdout=out,
                            stderr=subprocess.STDOUT, start_new_session=True)


def stop_hub(proc: subprocess.Popen[bytes], timeout: float = 30) -> None:
    """SIGTERM the hub (it stops the servers it spawned and its proxy), then kill what is left of its group."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            pass
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait(5)


def wait_for_hub(site: Site, proc: subprocess.Popen[bytes] | None = None, timeout: float = 60) -> None:
    import urllib.request

    url = f"http://{site.hub_ip}:{site.hub_port}/hub/api/"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise DeployError(f"JupyterHub exited with status {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.3)
    raise DeployError(f"JupyterHub did not answer on {url} within {timeout:.0f} s")


# --- command line --------------------------------------------------------------------------------------

DEMO_NAMES = {
    "hv001": ["Nguyễn Văn An", "Thừa Thiên Huế"],
    "hv002": ["Trần Thị Bình", "Hà Tĩnh"],
    "hv003": ["Lê Minh Châu", "Quảng Nam"],
}


def load_site(srv: Path) -> Site:
    path = srv / "hub" / "site.json"
    return Site.load(path) if path.exists() else Site(srv=str(srv))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="hubctl", description=__doc__.split("\n\n")[0])
    parser.add_argument("--srv", type=Path, default=DEFAULT_SRV, help="server folder (default /srv/ngoaivu)")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("setup", help="users, exchange, course folder, lessons, permissions, hub accounts")
    p.add_argument("--instructor", default=None)
    p.add_argument("--trainees", default=None, help="comma-separated trainee ids (OS user names)")
    p.add_argument("--port", type=int, default=None, help="public port of the hub (default 8000)")
    p.add_argument("--ip", default=None, help="public address of the hub (default 127.0.0.1)")
    p.add_argument("--no-postgres", action="store_true", help="keep the SQLite gradebook in the course folder")
    pg = sub.add_parser("postgres", help="start or stop the gradebook's PostgreSQL cluster")
    pg.add_argument("action", choices=["start", "stop"])
    r = sub.add_parser("release", help="release an assignment to the exchange (as the instructor)")
    r.add_argument("assignment")
    sub.add_parser("hub", help="run JupyterHub in the foreground")
    sub.add_parser("restore-paths", help="put back the folder modes --open-python-path changed")
    d = sub.add_parser("demo", help="set up and run the loopback demo (1 instructor, 3 trainees)")
    for q in (p, d):
        q.add_argument("--open-python-path", action="store_true",
                       help="chmod o+x the folders above the environment's Python that other users cannot enter "
                            "(the demo puts them back when it stops)")
    args = parser.parse_args(argv)
    try:
        require_root()
        site = load_site(args.srv)
        if args.command == "demo":
            return demo(site, args)
        if args.command == "setup":
            configure(site, args)
            if not args.no_postgres:
                make_dir(site.srv_path, 0o755)
                pg_start(site)
            setup(site, allow_open_python_path=args.open_python_path)
            print(f"site settings: {site.site_file}")
            if site.authenticator == "native":
                print(f"initial passwords to hand out (root only): {initial_passwords_file(site)}")
        if args.command == "postgres":
            if args.action == "start":
                pg_start(site)
            else:
                pg_stop(site)
        if args.command == "release":
            print(release(site, args.assignment))
        if args.command == "restore-paths":
            print("\n".join(f"restored {p}" for p in restore_opened(site)) or "nothing to restore")
        if args.command == "hub":
            return run_hub(site)
        return 0
    except DeployError as exc:
        print(f"hubctl: error: {exc}", file=sys.stderr)
        return 2


def configure(site: Site, args: argparse.Namespace) -> None:
    """Apply the command line's --instructor, --trainees, --port and --ip to the site."""
    for key in ("instructor", "port", "ip"):
        value = getattr(args, key, None)
        if value is not None:
            setattr(site, {"port": "hub_port", "ip": "hub_ip"}.get(key, key), value)
    if getattr(args, "trainees", None):
        site.trainees = [t.strip() for t in args.trainees.split(",") if t.strip()]


def run_hub(site: Site, demo_mode: bool = False) -> int:
    """JupyterHub in the foreground until it exits or Ctrl-C (SIGINT) / SIGTERM."""
    base = f"http://{site.hub_ip}:{site.hub_port}"
    login = (f"  shared demo password: {site.password}" if site.authenticator == "shared-password"
             else f"  initial passwords (root only): {initial_passwords_file(site)}")
    print(f"\nJupyterHub: {base}/  (Ctrl-C stops it{' and the demo' if demo_mode else ''})\n"
          f"  instructor: {site.instructor}  trainees: {', '.join(site.trainees)}\n{login}\n"
          f"  formgrader (open in its own tab): {base}/user/{site.instructor}/formgrader\n")
    proc = subprocess.Popen(hub_command(site), env=hub_env(site), cwd=site.hub_dir)
    previous = signal.signal(signal.SIGTERM, lambda *_: proc.send_signal(signal.SIGTERM))
    try:
        return proc.wait()
    except KeyboardInterrupt:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)
        return 0
    finally:
        signal.signal(signal.SIGTERM, previous)


def demo(site: Site, args: argparse.Namespace, hub: Any = run_hub) -> int:
    """``make demo``: set up, release bt3 and run the hub on loopback; on the way out (Ctrl-C, an error at any
    step) stop what it started (the database cluster) and put back the folder modes it opened (e.g. /root)."""
    fresh = not site.site_file.exists()
    if fresh:
        site.authenticator = "shared-password"  # a loopback demo: one password, printed below
    if not site.names:
        site.names = DEMO_NAMES
    configure(site, args)
    started_pg = False
    try:
        if not getattr(args, "no_postgres", False):
            make_dir(site.srv_path, 0o755)
            started_pg = not pg_running(site)
            pg_start(site)
        setup(site, allow_open_python_path=args.open_python_path)
        print(f"site settings: {site.site_file}")
        print(release(site, "bt3_thua_thien_hue"))
        return hub(site, demo_mode=True)
    finally:
        if started_pg:
            pg_stop(site)
        for path in restore_opened(site):
            print(f"hubctl: put back the mode of {path}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
