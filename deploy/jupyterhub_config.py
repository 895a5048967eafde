"""JupyterHub configuration of the course for a cohort on one server (see docs/deploy.md).

Every value comes from the site file written by ``deploy/hubctl.py setup`` (``$NGOAIVU_HUB_SITE``,
default ``/srv/ngoaivu/hub/site.json``). Run as root: ``jupyterhub -f deploy/jupyterhub_config.py``.

* Authentication: NativeAuthenticator with one account per user of the roster, made by
  ``hubctl setup`` with an initial password each (no sign-up; each user changes it at
  ``/hub/change-password``); the loopback demo uses one shared password instead. docs/deploy.md shows
  PAM, LDAP and LTI 1.3, set in ``<srv>/hub/jupyterhub_config_local.py`` (loaded last, so it overrides
  anything here).
* Limits: each trainee's server, kernels and terminals run in a cgroup of their own with the site's
  memory, CPU and process limits (``ngoaivu_spawner.LimitedSpawner``); idle servers are stopped by
  jupyterhub-idle-culler after ``idle_timeout`` seconds.
* Each user gets their own JupyterLab as their own OS user (LocalProcessSpawner), with the course's
  Vietnamese UI, fonts and kernel settings (the same flags as ``make start``), the lessons in ``~/course``.
* Trainees: the nbgrader Assignments tab (fetch, submit, fetch feedback); no formgrader, course list or
  create-assignment tools. The instructor: the formgrader (open ``/user/<instructor>/formgrader`` in its
  own browser tab: JupyterHub 4.1+ forbids it inside JupyterLab's iframe, nbgrader #1870).
* ``ngoaivu watch`` runs as a hub-managed service: it collects, grades and returns feedback on arrival.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("ngoaivu_hubctl", HERE / "hubctl.py")
assert _spec is not None and _spec.loader is not None
hubctl = importlib.util.module_from_spec(_spec)
sys.modules["ngoaivu_hubctl"] = hubctl
_spec.loader.exec_module(hubctl)

site = hubctl.Site.load(os.environ.get(hubctl.SITE_ENV, str(hubctl.DEFAULT_SRV / "hub" / "site.json")))
REPO = site.repo_path
sys.path.insert(0, str(REPO))  # grader.launch: the course's JupyterLab flags
sys.path.insert(0, str(HERE))  # ngoaivu_auth, ngoaivu_spawner: the hub's authenticator and spawner

c = get_config()  # noqa: F821  (provided by JupyterHub's config loader)

# --- network: everything on the addresses of the site file (loopback for the demo) ---
c.JupyterHub.ip = site.hub_ip
c.JupyterHub.port = site.hub_port
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = site.hub_api_port
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{site.proxy_api_port}"
c.ConfigurableHTTPProxy.command = [site.proxy_command or hubctl.find_proxy()]
c.ConfigurableHTTPProxy.pid_file = str(site.hub_dir / "proxy.pid")
c.JupyterHub.db_url = f"sqlite:///{site.hub_dir / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(site.hub_dir / "jupyterhub_cookie_secret")
c.JupyterHub.cleanup_servers = True

# --- who may log in ---
c.Authenticator.allowed_users = set(site.users)
if site.authenticator == "shared-password":  # the loopback demo only: anyone with the password is anyone
    c.JupyterHub.authenticator_class = "shared-password"
    c.SharedPasswordAuthenticator.user_password = site.password
else:  # one account per roster entry (deploy/hubctl.py native_accounts), passwords hashed with bcrypt
    c.JupyterHub.authenticator_class = "ngoaivu_auth.RosterAuthenticator"  # NativeAuthenticator, JupyterHub 6
    c.NativeAuthenticator.enable_signup = False  # nobody claims a roster name before its trainee
    c.NativeAuthenticator.open_signup = False
    c.NativeAuthenticator.check_common_password = True
    c.NativeAuthenticator.minimum_password_length = 10
    c.NativeAuthenticator.allowed_failed_logins = 5  # then 10 minutes before the next try
    c.NativeAuthenticator.seconds_before_next_try = 600
    c.JupyterHub.template_paths = [str(Path(__import__("nativeauthenticator").__file__).parent / "templates")]

# --- one JupyterLab per user, as that OS user, trainees inside their limits ---
c.JupyterHub.spawner_class = "ngoaivu_spawner.LimitedSpawner"
c.LimitedSpawner.limited_users = set(site.trainees)
c.Spawner.mem_limit = site.mem_limit_mb * 1024 * 1024 if site.mem_limit_mb > 0 else None
c.Spawner.cpu_limit = float(site.cpu_limit) if site.cpu_limit > 0 else None
c.LimitedSpawner.pids_limit = site.pids_limit
c.JupyterHub.last_activity_interval = site.activity_interval
c.Spawner.cmd = [str(site.venv_bin / "jupyterhub-singleuser")]
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 90
c.Spawner.notebook_dir = "~"

# The course's JupyterLab flags, exactly as `make start` passes them (grader.launch), minus the ones that
# belong to one machine (folder, port, token, browser) rather than to the course.
_MACHINE_FLAGS = ("--ServerApp.root_dir", "--ServerApp.port", "--ServerApp.port_retries", "--allow-root",
                  "--no-browser", "--IdentityProvider.token", "--ServerApp.open_browser")


def course_flags() -> list[str]:
    from grader import launch

    flags = []
    for arg in launch.lab_command(0, open_browser=False):
        if not arg.startswith("--"):
            continue
        if any(arg == flag or arg.startswith(flag + "=") for flag in _MACHINE_FLAGS):
            continue
        flags.append(arg)
    return flags


def course_env() -> dict[str, str]:
    """The course's Jupyter environment variables as ``make start`` sets them (grader.launch), if any."""
    from grader import launch

    lab_environment = getattr(launch, "lab_environment", None)
    return {str(k): str(v) for k, v in (lab_environment({}) if callable(lab_environment) else {}).items()}


c.Spawner.args = course_flags()
# The first lesson opens on login, as with `make start` (the lessons are copied into ~/course/).
c.Spawner.default_url = "/lab/tree/" + getattr(importlib.import_module("grader.launch"), "FIRST_LESSON",
                                               "course/00_huong_dan.ipynb")


def pre_spawn_hook(spawner) -> None:  # type: ignore[no-untyped-def]
    """Per-role settings, and the lessons copied into a trainee's home on first start."""
    name = spawner.user.name
    role = "instructor" if name == site.instructor else "trainee"
    env = course_env()
    env.update({
        "PATH": f"{site.venv_bin}:/usr/local/bin:/usr/bin:/bin",
        # Per-role Jupyter settings (which nbgrader tools are on, the exchange, the course id).
        "JUPYTER_CONFIG_PATH": os.pathsep.join(filter(None, [str(site.role_dir(role)),
                                                             env.get("JUPYTER_CONFIG_PATH", "")])),
        # deploy/ holds ngoaivu_exchange (the private submit); readable by everyone.
        "PYTHONPATH": str(HERE),
        "LANG": "C.UTF-8",
        # jupyter/config/nbgrader_config.py (the course's trainee-side nbgrader settings, first in the
        # config path) reads these: the hub's exchange, fetched assignments in ~/ngoaivu/<assignment>.
        "NGOAIVU_EXCHANGE": str(site.exchange),
        "NGOAIVU_PATH_INCLUDES_COURSE": "1",
        "NGOAIVU_ASSIGNMENT_DIR": str(site.home(name)),
        # The course's config folder is shared and read-only: each user's own settings and workspaces
        # stay in their home.
        "JUPYTERLAB_SETTINGS_DIR": str(site.home(name) / ".jupyter" / "lab" / "user-settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(site.home(name) / ".jupyter" / "lab" / "workspaces"),
        # How often the server tells the hub it is in use (the idle culler reads it).
        "JUPYTERHUB_ACTIVITY_INTERVAL": str(site.activity_interval),
    })
    spawner.environment.update(env)
    if role == "instructor":
        spawner.notebook_dir = "~"
    hubctl.copy_lessons(site, name)


c.Spawner.pre_spawn_hook = pre_spawn_hook

# --- services: grading on arrival, and an operations token for scripts and tests ---
services = []
roles = []
if site.watch:
    log = site.course_dir / ".ngoaivu" / "watch.log"
    services.append({
        "name": "ngoaivu-watch",
        # As root, so the grading sandbox can run each trainee's notebook as an unprivileged user with the
        # course folder hidden. umask 002 + the course's set-group-id folders + nbgrader's groupshared keep
        # everything it writes editable by the instructor.
        "command": ["/bin/sh", "-c", 'umask 002 && exec "$0" "$@"', str(site.venv_bin / "ngoaivu"), "watch",
                    "--course", str(site.course_dir), "--interval", str(site.watch_interval), "--log-file", str(log)],
        "cwd": str(site.course_dir),
        "environment": {"PATH": f"{site.venv_bin}:/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8"},
    })
if site.idle_timeout > 0:
    services.append({
        "name": "idle-culler",
        "command": [sys.executable, "-m", "jupyterhub_idle_culler", f"--timeout={site.idle_timeout}",
                    f"--cull-every={site.cull_every}"],
    })
    roles.append({
        "name": "idle-culler",
        "description": "stop servers idle for longer than the site's idle_timeout",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    })
if site.api_token:
    services.append({"name": "ngoaivu-ops", "api_token": site.api_token})
    roles.append({
        "name": "ngoaivu-ops",
        "description": "start and stop servers, read users (deploy scripts, tests, sizing)",
        "scopes": ["admin:users", "admin:servers", "access:servers", "list:users", "read:users"],
        "services": ["ngoaivu-ops"],
    })
c.JupyterHub.services = services
c.JupyterHub.load_roles = roles

# --- the administrator's own settings (authenticator, TLS, spawner limits), kept out of the repository ---
LOCAL_CONFIG = site.hub_dir / "jupyterhub_config_local.py"
if LOCAL_CONFIG.exists():
    load_subconfig(str(LOCAL_CONFIG))  # noqa: F821  (provided by the config loader)

if shutil.which("configurable-http-proxy") is None and not site.proxy_command:
    raise SystemExit("configurable-http-proxy is missing: npm install -g configurable-http-proxy")
