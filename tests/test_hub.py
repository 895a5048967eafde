"""A cohort on one server, end to end: JupyterHub, nbgrader's exchange, PostgreSQL, `ngoaivu watch`.

On loopback, as root: the deploy scripts (deploy/hubctl.py) create one instructor and three trainees as
OS users, a PostgreSQL gradebook, the exchange and the course; JupyterHub starts with the watch service.
Each trainee's own JupyterLab (spawned through the hub, running as that OS user) fetches bt3, saves a
different plan and submits it through the same REST calls as the Assignments tab; the watch service
grades the submissions and returns feedback; the grades in PostgreSQL equal a grading of the same
submissions on SQLite; each trainee fetches their feedback. Then every isolation promise is tried as a
trainee's OS user: no other trainee's submission or home, no instructor source, criteria, roster or
gradebook, no database login, no formgrader.

Issue 22's attacks are tried on the real server too: a trainee's OS user puts links in the exchange (to the
instructor's source notebook, under another trainee's name, dated 2099): refused, the trainee told in
Vietnamese in their feedback area, the others graded; a trainee logs in with another's password (the
NativeAuthenticator accounts of the roster: refused; sign-up closed); a trainee's memory bomb is stopped by
their cgroup and their CPU is throttled, nobody else's server touched; an idle server is culled; the
instructor's own commands (login shell, their PATH) run beside the root watch service.

Skipped, with the reason in the summary, when not root or when JupyterHub, the proxy or PostgreSQL is
missing (`.ci/run` installs them). The measured figures go to artifacts/hub_sizing.json.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import nbformat
import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "deploy"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import hubctl  # noqa: E402
from nbgrader_helpers import cell_by_id, solution_source  # noqa: E402

pytestmark = [pytest.mark.hub, pytest.mark.slow]

ASSIGNMENT = "bt3_thua_thien_hue"
ANSWER_CELL = "ke_hoach"
PREFIX = "ngvt"  # OS user and group names made (and removed) by this test
INSTRUCTOR = f"{PREFIX}-gv"
TRAINEES = [f"{PREFIX}-hv1", f"{PREFIX}-hv2", f"{PREFIX}-hv3"]
ARTIFACTS = REPO / "artifacts"
MEM_LIMIT_MB = 700  # per trainee (an idle server is about 140 MB, with a lesson's kernel about 240 MB)
CPU_LIMIT = 0.5
IDLE_TIMEOUT = 40


def why_skip() -> str | None:
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return "not root: the hub test creates OS users and runs servers as them (run `bash .ci/run` or as root)"
    for tool in ("useradd", "userdel", "runuser"):
        if shutil.which(tool) is None:
            return f"{tool} is missing"
    if not (Path(sys.executable).parent / "jupyterhub").exists():
        return "jupyterhub is not installed in this environment (pip install -e '.[hub]')"
    try:
        hubctl.find_proxy()
        hubctl.pg_bin("initdb")
        hubctl.pg_bin("pg_ctl")
    except hubctl.DeployError as exc:
        return str(exc)
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is missing (pip install -e '.[hub]')"
    help_text = subprocess.run([str(Path(sys.executable).parent / "ngoaivu"), "watch", "--help"],
                               capture_output=True, text=True, check=False)
    if help_text.returncode != 0:
        return "`ngoaivu watch` is not available"
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# --- talking to the hub and to a user's server, as the Assignments tab does ---------------------------


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """Report a redirect instead of following it (a login's 302; a stopped server's redirect to the hub)."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


class Hub:
    def __init__(self, site: hubctl.Site):
        self.site = site
        self.base = f"http://{site.hub_ip}:{site.hub_port}"

    def request(self, method: str, path: str, data: bytes | None = None, headers: dict[str, str] | None = None,
                token: str | None = None, timeout: float = 60) -> tuple[int, bytes]:
        hdrs = {"Authorization": f"token {token or self.site.api_token}", **(headers or {})}
        req = urllib.request.Request(self.base + path, data=data, method=method, headers=hdrs)
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                return resp.status, resp.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read()

    def json(self, method: str, path: str, body: Any = None) -> Any:
        status, raw = self.request(method, path, json.dumps(body).encode() if body is not None else None,
                                   {"Content-Type": "application/json"})
        assert status < 300, f"{method} {path}: {status} {raw[:500]!r}"
        return json.loads(raw) if raw else None

    def login(self, user: str, password: str) -> Any:
        """Log in with the hub's form (XSRF token and all), as a browser does: the logged-in session, or None."""
        import http.cookiejar

        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
        status, _ = self.form(opener, "/hub/login", {"username": user, "password": password})
        return opener if status in (301, 302, 303) and any(c.name == "jupyterhub-hub-login" for c in jar) else None

    def form(self, opener: Any, path: str, fields: dict[str, str]) -> tuple[int, str]:
        """GET ``path`` for its XSRF token, then POST ``fields`` to it: (status, page)."""
        import re

        page = opener.open(self.base + path, timeout=30).read().decode()
        found = re.search(r'name="_xsrf" value="([^"]+)"', page)
        body = urllib.parse.urlencode({**fields, **({"_xsrf": found.group(1)} if found else {})}).encode()
        try:
            with opener.open(self.base + path, body, timeout=30) as resp:
                return resp.status, resp.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode(errors="replace")

    def spawn(self, user: str, timeout: float = 120) -> float:
        """Start ``user``'s server through the hub; seconds until it answers."""
        start = time.monotonic()
        status, raw = self.request("POST", f"/hub/api/users/{user}/server")
        assert status in (201, 202), f"spawn {user}: {status} {raw[:300]!r}"
        while time.monotonic() - start < timeout:
            server = self.json("GET", f"/hub/api/users/{user}")["servers"].get("")
            if server and server.get("ready"):
                return time.monotonic() - start
            time.sleep(0.25)
        raise AssertionError(f"{user}'s server did not start within {timeout} s")

    def action(self, user: str, action: str, **fields: str) -> dict[str, Any]:
        """POST /assignments/<action> of the user's server (what the Assignments tab's buttons send)."""
        status, raw = self.request("POST", f"/user/{user}/assignments/{action}",
                                   urllib.parse.urlencode(fields).encode(),
                                   {"Content-Type": "application/x-www-form-urlencoded"})
        assert status == 200, f"{user} {action}: {status} {raw[:500]!r}"
        result = json.loads(raw)
        assert result.get("success"), f"{user} {action}: {result}"
        return result

    def get_notebook(self, user: str, path: str) -> nbformat.NotebookNode:
        return nbformat.from_dict(self.json("GET", f"/user/{user}/api/contents/{path}?content=1")["content"])

    def put_notebook(self, user: str, path: str, nb: nbformat.NotebookNode) -> None:
        self.json("PUT", f"/user/{user}/api/contents/{path}", {"type": "notebook", "format": "json", "content": nb})


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]



def _lab(english: str) -> str:
    """What the Assignments tab shows for nbgrader's English text (the course's lab plugin ngoaivu-translation)."""
    from grader.messages import catalogue

    return catalogue()[f"lab.dom.{english}"]["vi"]


class BrowserTrainee:
    """A trainee in headless Chromium: logs in with the hub's form and uses the Assignments tab."""

    def __init__(self, site: hubctl.Site, user: str, password: str):
        from playwright.sync_api import sync_playwright

        self.user = user
        self._pw = sync_playwright().start()
        try:
            self._browser = self._pw.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                                     args=CHROMIUM_FLAGS)
            self.page = self._browser.new_page(viewport={"width": 1400, "height": 1000}, locale="vi-VN")
            self.page.set_default_timeout(120_000)
            self.page.goto(f"http://{site.hub_ip}:{site.hub_port}/hub/login")
            self.page.fill("#username_input", user)
            self.page.fill("#password_input", password)
            self.page.click("#login_submit")
            self.page.wait_for_selector("#jp-main-dock-panel")
            # Lesson 00 opens first (the hub's default URL); then the Assignments tab, brought to the front.
            self.page.locator(".jp-NotebookPanel").first.wait_for()
            self.page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").click()
            self.page.locator("#jp-mainmenu-nbgrader").get_by_text(_lab("Assignment List"), exact=True).click()
            self.page.locator(".lm-TabBar-tab", has_text=_lab("Assignments")).first.click()
            self.tab = self.page.locator("#nbgrader-assignment-list")
            self.tab.get_by_text(ASSIGNMENT).first.wait_for()
        except Exception:
            self.close()
            raise

    def fetch(self) -> None:
        self.tab.get_by_role("button", name=_lab("Fetch"), exact=True).click()
        self.tab.get_by_role("button", name=_lab("Submit"), exact=True).wait_for()

    def submit(self) -> None:
        self.tab.get_by_role("button", name=_lab("Submit"), exact=True).click()
        self.tab.get_by_role("button", name=_lab("Fetch Feedback"), exact=True).wait_for()

    def fetch_feedback(self) -> None:
        self.tab.get_by_role("button", name=_lab("Fetch Feedback"), exact=True).click()
        self.tab.get_by_text(_lab("(view feedback)")).first.wait_for()

    def close(self) -> None:
        try:
            if getattr(self, "page", None) is not None:
                ARTIFACTS.mkdir(exist_ok=True)
                self.page.screenshot(path=str(ARTIFACTS / "hub_assignments_tab.png"))
        except Exception:  # a screenshot is only a help for reading a failure
            pass
        try:
            if getattr(self, "_browser", None) is not None:
                self._browser.close()
        finally:
            self._pw.stop()


async def run_in_kernel(hub: Hub, user: str, code: str, timeout: float = 60, kernel_id: str = "") -> str:
    """Run ``code`` over the websocket in a new kernel of ``user``'s server (or in ``kernel_id``); leave the kernel
    running; return its id."""
    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    kernel_id = kernel_id or hub.json("POST", f"/user/{user}/api/kernels", {"name": "python3"})["id"]
    url = f"ws://{hub.site.hub_ip}:{hub.site.hub_port}/user/{user}/api/kernels/{kernel_id}/channels"
    conn = await websocket_connect(HTTPRequest(url, headers={"Authorization": f"token {hub.site.api_token}"}))
    msg_id = uuid.uuid4().hex
    await conn.write_message(json.dumps({
        "header": {"msg_id": msg_id, "msg_type": "execute_request", "username": user, "session": uuid.uuid4().hex,
                   "version": "5.3", "date": ""},
        "parent_header": {}, "metadata": {}, "channel": "shell",
        "content": {"code": code, "silent": False, "store_history": False, "user_expressions": {},
                    "allow_stdin": False, "stop_on_error": True},
    }))
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        raw = await asyncio.wait_for(conn.read_message(), timeout)
        assert raw is not None, "kernel websocket closed"
        msg = json.loads(raw)
        if msg.get("parent_header", {}).get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "error":
            raise AssertionError(f"kernel error: {msg['content']['ename']}: {msg['content']['evalue']}")
        if msg["msg_type"] == "execute_reply":
            assert msg["content"]["status"] == "ok", msg["content"]
            conn.close()
            return kernel_id
    raise AssertionError("kernel did not answer in time")


def children_cpu_s() -> float:
    """CPU seconds (user + system) of this process's finished children and their descendants."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def user_cpu_s(user: str) -> float:
    """CPU seconds used so far by the running processes of OS user ``user``."""
    import pwd

    uid, ticks = pwd.getpwnam(user).pw_uid, 0
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and proc.stat().st_uid == uid:
                fields = (proc / "stat").read_text().rsplit(")", 1)[1].split()
                ticks += int(fields[11]) + int(fields[12])  # utime, stime
        except (FileNotFoundError, ProcessLookupError, PermissionError, IndexError, ValueError):
            continue
    return ticks / os.sysconf("SC_CLK_TCK")


def user_memory_mb(user: str) -> tuple[float, float]:
    """(RSS, PSS) in MB summed over every process of OS user ``user``."""
    import pwd

    uid = pwd.getpwnam(user).pw_uid
    return _memory_mb(lambda proc: proc.stat().st_uid == uid)


def group_memory_mb(pgid: int) -> tuple[float, float]:
    """(RSS, PSS) in MB summed over the processes of process group ``pgid`` (the hub and its proxy)."""
    return _memory_mb(lambda proc: os.getpgid(int(proc.name)) == pgid)


def _memory_mb(select) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    rss = pss = 0
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            if not select(proc):
                continue
            for line in (proc / "smaps_rollup").read_text().splitlines():
                if line.startswith("Rss:"):
                    rss += int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss += int(line.split()[1])
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return rss / 1024, pss / 1024


# --- the plans the three trainees submit -------------------------------------------------------------------


def plans() -> list[str]:
    """Three different answers: the instructor's model plan, a thin draft, and the model cut to one activity."""
    source = nbformat.read(REPO / "exercises" / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    strong = solution_source(source, ANSWER_CELL)
    cut = strong.find("Hoạt động 2")
    one_activity = strong[:cut].rstrip() + '\n"""\n' if cut > 0 else strong
    from grader import examples

    thin = f"ke_hoach = {examples.ke_hoach_chua_dat()!r}\n"
    return [strong, thin, one_activity]


# --- isolation probe run as a trainee ------------------------------------------------------------------------

PROBE = r"""
import json, os, sys
results = {}
for label, kind, path in json.loads(sys.argv[1]):
    try:
        if kind == "list":
            os.listdir(path)
        else:
            with open(path, "rb") as fh:
                fh.read(1)
        results[label] = "OK"
    except OSError as exc:
        results[label] = type(exc).__name__
for label, dsn in json.loads(sys.argv[2]):
    try:
        import psycopg
        psycopg.connect(dsn, connect_timeout=5).close()
        results[label] = "OK"
    except Exception as exc:
        results[label] = type(exc).__name__
print(json.dumps(results))
"""


def probe_as(site: hubctl.Site, user: str, targets: list[tuple[str, str, str]],
             logins: list[tuple[str, str]] | None = None) -> dict[str, str]:
    """Try each file operation and database login as OS user ``user``: "OK" or the exception's name."""
    out = hubctl.as_user(site, user, [str(site.venv_bin / "python"), "-c", PROBE, json.dumps(targets),
                                      json.dumps(logins or [])])
    return json.loads(out.stdout)


# --- the cohort ---------------------------------------------------------------------------------------------


def remove_test_users() -> None:
    for name in [INSTRUCTOR, *TRAINEES]:
        subprocess.run(["pkill", "-KILL", "-u", name], capture_output=True, check=False)
        subprocess.run(["userdel", "--remove", name], capture_output=True, check=False)
    for group in (f"{PREFIX}-staff", f"{PREFIX}-trainees"):
        subprocess.run(["groupdel", group], capture_output=True, check=False)


@pytest.fixture(scope="module")
def cohort() -> Iterator[dict[str, Any]]:
    reason = why_skip()
    if reason:
        print(f"\n*** HUB TEST SKIPPED: {reason} ***", file=sys.stderr)
        pytest.skip(f"hub test: {reason}")
    srv = Path(tempfile.mkdtemp(prefix="ngoaivu-hub-", dir="/tmp"))
    os.chmod(srv, 0o755)
    site = hubctl.Site(srv=str(srv), repo=str(REPO), instructor=INSTRUCTOR, trainees=list(TRAINEES),
                       staff_group=f"{PREFIX}-staff", trainee_group=f"{PREFIX}-trainees", homes=str(srv / "home"),
                       hub_port=free_port(), hub_api_port=free_port(), proxy_api_port=free_port(),
                       pg_port=free_port(), watch=True, watch_interval=3,
                       # the province's login, the limits and the culler, with short times for the test
                       authenticator="native", mem_limit_mb=MEM_LIMIT_MB, cpu_limit=CPU_LIMIT,
                       idle_timeout=IDLE_TIMEOUT, cull_every=5, activity_interval=5)
    # Modes this test changes outside its own folder, restored afterwards.
    saved = {p: p.stat().st_mode for p in [REPO, *REPO.iterdir(), *hubctl.python_blockers(site)]}
    remove_test_users()
    proc = None
    figures: dict[str, Any] = {}
    try:
        started = time.monotonic()
        hubctl.pg_start(site)
        hubctl.setup(site, allow_open_python_path=True)
        hubctl.release(site, ASSIGNMENT)
        figures["setup_and_release_s"] = round(time.monotonic() - started, 1)
        started = time.monotonic()
        proc = hubctl.start_hub(site, srv / "hub.log")
        hubctl.wait_for_hub(site, proc, timeout=90)
        figures["hub_start_s"] = round(time.monotonic() - started, 1)
        keep = KeepAlive(Hub(site), site.users)
        yield {"site": site, "hub": Hub(site), "proc": proc, "figures": figures, "srv": srv, "keep": keep}
    finally:
        if "keep" in locals():
            keep.stop()
        if proc is not None:
            hubctl.stop_hub(proc)
        hubctl.pg_stop(site)
        logs = {"hub_test.log": srv / "hub.log", "hub_watch.log": site.course_dir / ".ngoaivu" / "watch.log"}
        for name, log in logs.items():
            if log.exists():
                ARTIFACTS.mkdir(exist_ok=True)
                shutil.copy(log, ARTIFACTS / name)
        remove_test_users()
        from ngoaivu_spawner import remove

        for user in TRAINEES:
            remove(user)
        for path, mode in saved.items():
            try:
                os.chmod(path, stat.S_IMODE(mode))
            except FileNotFoundError:
                pass
        shutil.rmtree(srv, ignore_errors=True)


class KeepAlive:
    """Use every server through the proxy every few seconds (as an open browser tab does), so the idle culler's
    short test timeout stops only the server the test leaves alone (:meth:`release`)."""

    def __init__(self, hub: Hub, users: list[str]):
        import threading

        self.hub, self.users, self._stop = hub, set(users), threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        opener = urllib.request.build_opener(NoRedirect)  # a stopped server redirects to the hub, which would spawn it
        while not self._stop.wait(3):
            for user in sorted(self.users):
                req = urllib.request.Request(f"{self.hub.base}/user/{user}/api/status",
                                             headers={"Authorization": f"token {self.hub.site.api_token}"})
                try:
                    opener.open(req, timeout=10).close()
                except OSError:
                    pass

    def release(self, user: str) -> None:
        self.users = self.users - {user}  # a new set: the thread may be iterating the old one

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(15)


def as_trainee_shell(site: hubctl.Site, user: str, script: str) -> subprocess.CompletedProcess[str]:
    """``sh -c script`` as the OS user ``user`` (what a trainee can do in their JupyterLab terminal)."""
    return hubctl.as_user(site, user, ["sh", "-c", script], check=False)


def plant_attacks(site: hubctl.Site) -> dict[str, Path]:
    """What issue 22's attacker did from their own account: links in the exchange, another's name, 2099."""
    inbound = site.exchange / hubctl.COURSE_ID / "inbound"
    source = site.course_dir / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    now = time.strftime("%Y-%m-%d %H:%M:%S.000000 UTC", time.gmtime())
    attacks = {
        "link to the instructor's source": inbound / f"{TRAINEES[0]}+{ASSIGNMENT}+{now}+evil1",
        "another trainee's name, 2099": inbound / f"{TRAINEES[1]}+{ASSIGNMENT}+2099-01-01 00:00:00.000000 UTC+evil2",
    }
    lines = []
    for n, folder in enumerate(attacks.values()):
        lines += [f"mkdir '{folder}'", f"ln -s '{source}' '{folder}/{ASSIGNMENT}.ipynb'",
                  f"echo {'a' * 20}{n} > '{folder}/submission_secret.txt'"]
    linked = inbound / f"{TRAINEES[0]}+{ASSIGNMENT}+{now}+evil3"
    lines.append(f"ln -s '{site.course_dir / 'source' / ASSIGNMENT}' '{linked}'")  # the entry itself a link
    attacks["the submission folder a link"] = linked
    done = as_trainee_shell(site, TRAINEES[0], " && ".join(lines))
    assert done.returncode == 0, done.stderr
    return attacks


def scores(db_url: str, students: list[str]) -> dict[str, tuple[float, float]]:
    """(score, max score) of each student's bt3 submission in a gradebook."""
    from nbgrader.api import Gradebook

    with Gradebook(db_url, hubctl.COURSE_ID) as gb:
        result = {}
        for student in students:
            sub = gb.find_submission(ASSIGNMENT, student)
            result[student] = (round(float(sub.code_score), 4), float(sub.max_code_score))
        return result


def wait_for(predicate, timeout: float, what: str, proc: subprocess.Popen[bytes] | None = None) -> float:  # type: ignore[no-untyped-def]
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if predicate():
            return time.monotonic() - start
        if proc is not None and proc.poll() is not None:
            raise AssertionError(f"JupyterHub exited while waiting for {what}")
        time.sleep(0.5)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


def test_cohort_submits_is_graded_on_arrival_and_stays_isolated(cohort: dict[str, Any]) -> None:
    site: hubctl.Site = cohort["site"]
    hub: Hub = cohort["hub"]
    figures: dict[str, Any] = cohort["figures"]
    feedback_dir = site.exchange / hubctl.COURSE_ID / "feedback"
    inbound = site.exchange / hubctl.COURSE_ID / "inbound"
    nb_path = f"{hubctl.COURSE_ID}/{ASSIGNMENT}/{ASSIGNMENT}.ipynb"  # where fetch puts it (path_includes_course)

    # Every user's own JupyterLab, started through the hub, as their own OS user.
    with ThreadPoolExecutor(4) as pool:
        spawn_times = dict(zip(site.users, pool.map(hub.spawn, site.users), strict=True))
    figures["spawn_wall_s"] = {u: round(t, 1) for u, t in spawn_times.items()}
    figures["spawn_cpu_s"] = {u: round(user_cpu_s(u), 1) for u in site.users}
    figures["load_average_1min"] = os.getloadavg()[0]
    for user in site.users:
        owners = {p.stat().st_uid for p in Path("/proc").iterdir() if p.name.isdigit() and _is_server_of(p, user)}
        assert owners and owners == {_uid(user)}, f"{user}'s server does not run as {user}"

    # Trainees see no instructor tools; the instructor has the formgrader.
    status, _ = hub.request("GET", f"/user/{TRAINEES[0]}/formgrader")
    assert status == 404
    status, page = hub.request("GET", f"/user/{TRAINEES[0]}/lab")
    assert status == 200 and b"@jupyter/nbgrader:formgrader" in page and b'"disabledExtensions"' in page
    status, _ = hub.request("GET", f"/user/{INSTRUCTOR}/formgrader")
    assert status == 200
    assert hub.json("GET", f"/user/{TRAINEES[0]}/api/contents/course")["content"], "the lessons are in ~/course"

    # The province's login: each roster entry's own account; another's password, a wrong one, sign-up: refused.
    passwords = hubctl.initial_passwords(site)
    assert set(passwords) == set(site.users)
    session = hub.login(TRAINEES[0], passwords[TRAINEES[0]])
    assert session is not None, "a trainee cannot log in with their own initial password"
    assert hub.login(TRAINEES[0], passwords[TRAINEES[1]]) is None, "logged in with another trainee's password"
    assert hub.login(TRAINEES[1], "ngoaivu-demo") is None
    assert hub.login("hv-not-on-roster", passwords[TRAINEES[0]]) is None
    assert hub.request("GET", "/hub/signup")[0] == 404, "sign-up must be closed: accounts come from the roster"
    # The trainee sets their own password; the initial one stops working.
    new_password = "Huế-" + uuid.uuid4().hex[:12]
    status, page = hub.form(session, "/hub/change-password", {"old_password": passwords[TRAINEES[0]],
                                                               "new_password": new_password,
                                                               "new_password_confirmation": new_password})
    assert status == 200 and "changed successfully" in page, page[:300]
    assert hub.login(TRAINEES[0], new_password) is not None
    assert hub.login(TRAINEES[0], passwords[TRAINEES[0]]) is None

    # Issue 22's attacker, from their own OS account, before anyone submits: the watch refuses each at once.
    attacks = plant_attacks(site)
    watch_log = site.course_dir / ".ngoaivu" / "watch.log"
    from grader.messages import t

    refused = [t("cli.watch.refused", source=f.name, assignment=ASSIGNMENT, reason="") for f in attacks.values()]
    wait_for(lambda: all(line in watch_log.read_text(encoding="utf-8") for line in refused),
             90, "the watch service refusing the attacks", cohort["proc"])

    # Each trainee fetches bt3, writes a different plan and submits, through their own server: the first two
    # with the Assignments tab's REST calls, the third by clicking in the Assignments tab in Chromium (after
    # logging in with the hub's login form) when Chromium is installed.
    browser = BrowserTrainee(site, TRAINEES[2], passwords[TRAINEES[2]]) if CHROMIUM.exists() else None
    figures["browser_trainee"] = TRAINEES[2] if browser else "none (no /usr/bin/chromium)"
    try:
        submitted_at = time.monotonic()
        for trainee, plan in zip(TRAINEES, plans(), strict=True):
            if browser and trainee == browser.user:
                browser.fetch()
            else:
                hub.action(trainee, "fetch", course_id=hubctl.COURSE_ID, assignment_id=ASSIGNMENT)
            nb = hub.get_notebook(trainee, nb_path)
            cell_by_id(nb, ANSWER_CELL).source = plan
            hub.put_notebook(trainee, nb_path, nb)
            if browser and trainee == browser.user:
                browser.submit()
            else:
                hub.action(trainee, "submit", course_id=hubctl.COURSE_ID, assignment_id=ASSIGNMENT)
        wait_for(lambda: len(list(inbound.iterdir())) >= 3 + len(attacks), 60, "the browser's submission")
        # The instructor's watch service (a hub-managed service) collects, grades and returns feedback; the
        # attacker gets two notices (the submission folder that is itself a link gets none: nothing is read).
        wait_for(lambda: len(list(feedback_dir.glob("*.html"))) >= 5, 240, "feedback of 3 submissions",
                 cohort["proc"])
        figures["submit_to_feedback_s"] = round(time.monotonic() - submitted_at, 1)
        if browser:
            browser.fetch_feedback()
    finally:
        if browser:
            browser.close()
    # Issue 23: the watch graded on warm kernels (its pool ready, never a fallback to cold ones; the service's
    # stderr, where a grading worker says it, goes to the hub's log) and the feedback was out within 60 s.
    said = watch_log.read_text(encoding="utf-8")
    assert t("cli.watch.warm_ready", pid="\0").split("\0")[0] in said, said[-3000:]
    fallback = t("warm.fallback", reason="\0").split("\0")[0]
    for log in (watch_log, cohort["srv"] / "hub.log"):
        assert fallback not in log.read_text(encoding="utf-8", errors="replace"), f"{log}: warm kernels fell back"
    assert figures["submit_to_feedback_s"] <= 60, figures
    entries = sorted(p for p in inbound.iterdir() if p not in attacks.values())
    assert len(entries) == 3
    for entry in entries:
        assert entry.stat().st_gid == _gid(site.staff_group)
        assert not entry.stat().st_mode & 0o007, f"{entry.name} is open to other users"

    # The attacks were refused, nothing of the source reached the course or the attacker, the others graded.
    model = solution_source(nbformat.read(REPO / "exercises" / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb",
                                          as_version=4), ANSWER_CELL)
    marker = next(line for line in model.splitlines() if line.startswith("Hoạt động 1"))
    for n, folder in enumerate(list(attacks.values())[:2]):
        from grader.cli.exchange import feedback_name

        notice = feedback_dir / feedback_name(f"{'a' * 20}{n}", ASSIGNMENT)
        text = notice.read_text(encoding="utf-8")
        assert "Bài nộp bị từ chối" in text and marker not in text, folder.name
    for path in (site.course_dir / "submitted").rglob("*"):
        assert not path.is_symlink()
    in_place = {json.loads(p.read_text(encoding="utf-8"))["inbound"]
                for p in (site.course_dir / ".ngoaivu" / "collected" / ASSIGNMENT).glob("*.json")}
    assert in_place == {e.name for e in entries}, in_place

    pg_scores = scores(site.db_url, TRAINEES)
    assert all(maximum > 0 for _, maximum in pg_scores.values())
    assert len({score for score, _ in pg_scores.values()}) >= 2, f"three different plans, one score: {pg_scores}"

    # The instructor's formgrader reads the same PostgreSQL gradebook.
    listed = {a["name"]: a for a in hub.json("GET", f"/user/{INSTRUCTOR}/formgrader/api/assignments")}
    assert listed[ASSIGNMENT]["num_submissions"] == 3, listed[ASSIGNMENT]

    # The same grading on SQLite gives the same grades.
    sqlite_course = cohort["srv"] / "sqlite-course"
    sqlite_course.mkdir()
    for name in ("source", "criteria", "submitted"):
        if (site.course_dir / name).exists():
            shutil.copytree(site.course_dir / name, sqlite_course / name)
    config = (site.course_dir / "nbgrader_config.py").read_text(encoding="utf-8")
    (sqlite_course / "nbgrader_config.py").write_text(config[: config.index("# --- JupyterHub cohort server")],
                                                       encoding="utf-8")
    roster = site.course_dir / ".ngoaivu" / "hub_roster.csv"
    sqlite_url = f"sqlite:///{sqlite_course / 'gradebook.db'}"
    ngoaivu = str(site.venv_bin / "ngoaivu")
    for args in (["setup", "--roster", str(roster)], ["release", ASSIGNMENT], ["autograde", ASSIGNMENT]):
        started, cpu = time.monotonic(), children_cpu_s()
        run = subprocess.run([ngoaivu, *args, "--course", str(sqlite_course), "--db", sqlite_url],
                             capture_output=True, text=True, timeout=300, check=False)
        assert run.returncode == 0, run.stdout + run.stderr
    figures["autograde_3_submissions"] = {"wall_s": round(time.monotonic() - started, 1),
                                          "cpu_s": round(children_cpu_s() - cpu, 1)}
    assert scores(sqlite_url, TRAINEES) == pg_scores

    # Feedback reaches each trainee (the Assignments tab's "Fetch feedback").
    texts = {}
    for trainee in TRAINEES:
        if not (browser and trainee == browser.user):
            hub.action(trainee, "fetch_feedback", course_id=hubctl.COURSE_ID, assignment_id=ASSIGNMENT)
        found = list((site.home(trainee) / hubctl.COURSE_ID / ASSIGNMENT / "feedback").glob(f"*/{ASSIGNMENT}.html"))
        assert len(found) == 1, f"{trainee} has no feedback"
        assert found[0].stat().st_uid == _uid(trainee)
        texts[trainee] = found[0].read_text(encoding="utf-8")
    assert len(set(texts.values())) == 3

    # Isolation, tried as the first trainee's OS user.
    other = TRAINEES[1]
    # The other's own submission (the attacker filed one under the other's name too, owned by the attacker)
    other_submission = next(p for p in inbound.iterdir()
                            if p.name.startswith(other + "+") and p.lstat().st_uid == _uid(other))
    feedback_file = next(feedback_dir.glob("*.html"))
    targets = [
        ("list the exchange inbound", "list", str(inbound)),
        ("read another trainee's submission", "read", str(other_submission / f"{ASSIGNMENT}.ipynb")),
        ("list another trainee's submission", "list", str(other_submission)),
        ("read another trainee's notebook at home", "read", str(site.home(other) / nb_path)),
        ("list another trainee's home", "list", str(site.home(other))),
        ("list the exchange feedback", "list", str(feedback_dir)),
        ("read the instructor's source notebook", "read",
         str(site.course_dir / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb")),
        ("read the course config (gradebook password)", "read", str(site.course_dir / "nbgrader_config.py")),
        ("read the roster", "read", str(site.course_dir / "roster.csv")),
        ("list the hidden criteria", "list", str(site.course_dir / "criteria")),
        ("read a collected submission", "read", str(site.course_dir / "submitted" / other / ASSIGNMENT
                                                    / f"{ASSIGNMENT}.ipynb")),
        ("read the repository's source notebook", "read",
         str(REPO / "exercises" / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb")),
        ("list the repository's hidden criteria", "list", str(REPO / "exercises" / "criteria")),
        ("read the repository's single-machine gradebook", "read", str(REPO / "exercises" / "gradebook.db")),
        ("read the hub's settings", "read", str(site.site_file)),
    ]
    pg = f"127.0.0.1:{site.pg_port}/{hubctl.COURSE_ID}"
    logins = [("gradebook database, no password", f"postgresql://{hubctl.COURSE_ID}@{pg}"),
              ("gradebook database, a guessed password", f"postgresql://{hubctl.COURSE_ID}:ngoaivu@{pg}"),
              ("database superuser, no password", f"postgresql://postgres@{pg.replace(hubctl.COURSE_ID, 'postgres')}")]
    denied = probe_as(site, TRAINEES[0], targets, logins)
    print("isolation checks as", TRAINEES[0], json.dumps(denied, indent=2, ensure_ascii=False))
    files = {label: result for label, result in denied.items() if "database" not in label}
    assert files == {label: "PermissionError" for label, _, _ in targets}, denied
    assert {denied[label] for label, _ in logins} == {"OperationalError"}, denied
    # Controls: the same probe reaches what a trainee must reach, and the instructor reads submissions.
    allowed = probe_as(site, TRAINEES[0], [
        ("own notebook", "read", str(site.home(TRAINEES[0]) / nb_path)),
        ("released assignment", "read", str(site.exchange / hubctl.COURSE_ID / "outbound" / ASSIGNMENT
                                            / f"{ASSIGNMENT}.ipynb")),
        ("the course package", "read", str(REPO / "grader" / "__init__.py")),
        ("own feedback by its name", "read", str(feedback_dir / _feedback_name(site, TRAINEES[0], texts))),
    ], [("gradebook database, with the password", site.db_url.replace("+psycopg", ""))])
    assert set(allowed.values()) == {"OK"}, allowed
    staff = probe_as(site, INSTRUCTOR, [("a submission in the inbound", "read",
                                         str(other_submission / f"{ASSIGNMENT}.ipynb"))])
    assert staff["a submission in the inbound"] == "OK"
    assert feedback_file.exists()

    # Sizing: memory of a trainee's server with a kernel that ran a lesson's imports and a chart.
    # (the second trainee: the browser's trainee already has lesson 00's kernel running)
    before = user_memory_mb(TRAINEES[1])
    lesson_code = ("import grader.widgets, grader.charts, grader.selfcheck\nimport io, matplotlib.pyplot as plt\n"
                   "plt.plot([1, 2, 3]); plt.savefig(io.BytesIO(), format='png')")
    asyncio.run(run_in_kernel(hub, TRAINEES[1], lesson_code))
    after = user_memory_mb(TRAINEES[1])
    figures["trainee_server_mb"] = {"rss": round(before[0]), "pss": round(before[1])}
    figures["trainee_server_with_kernel_mb"] = {"rss": round(after[0]), "pss": round(after[1])}
    figures["hub_and_proxy_mb"] = dict(zip(("rss", "pss"), (round(v) for v in group_memory_mb(cohort["proc"].pid)),
                                             strict=True))

    # The instructor's own commands, in their login shell (ngoaivu on their PATH, their course the default),
    # as their OS user, while the root watch service keeps running: the lock and state files it made are theirs too.
    own = hubctl.run(["runuser", "-l", INSTRUCTOR, "-c",
                      f"command -v ngoaivu && ngoaivu autograde {ASSIGNMENT} && "
                      f"{{ ngoaivu collect {ASSIGNMENT} || [ $? -eq 1 ]; }} && ngoaivu export -o -"],
                     check=False, timeout=600)
    assert own.returncode == 0, own.stdout + own.stderr
    assert "Traceback" not in own.stderr and "PermissionError" not in own.stdout + own.stderr, own.stderr
    assert str(site.venv_bin / "ngoaivu") in own.stdout and TRAINEES[1] in own.stdout
    for lock in ("grading.lock", "gradebook.lock"):
        assert (site.course_dir / ".ngoaivu" / lock).stat().st_mode & 0o060 == 0o060, lock

    # Limits: each trainee's server and kernels in a cgroup of their own; a memory bomb stops there.
    from ngoaivu_spawner import cgroup_dirs, cgroup_version

    version = cgroup_version()
    server = next(int(p.name) for p in Path("/proc").iterdir() if p.name.isdigit() and _is_server_of(p, TRAINEES[1]))
    groups = cgroup_dirs(server)
    memory_dir = Path("/sys/fs/cgroup") / (groups[""].lstrip("/") if version == 2 else
                                           "memory/" + groups["memory"].lstrip("/"))
    assert memory_dir.name == TRAINEES[1], groups
    limit_file = "memory.max" if version == 2 else "memory.limit_in_bytes"
    assert int((memory_dir / limit_file).read_text()) == MEM_LIMIT_MB * 1024 * 1024
    kernel = asyncio.run(run_in_kernel(hub, TRAINEES[1], "1 + 1", timeout=180))  # started (CPU-limited) first
    with pytest.raises(Exception):  # noqa: B017 (the kernel dies: any error of the websocket or the reply)
        asyncio.run(run_in_kernel(hub, TRAINEES[1], f"hog = b'x' * ({MEM_LIMIT_MB + 300} << 20)", timeout=60,
                                  kernel_id=kernel))
    # v2: memory.events; v1: memory.oom_control (memory.failcnt stays 0 on recent kernels)
    events = (memory_dir / ("memory.events" if version == 2 else "memory.oom_control")).read_text()
    assert any(line.split()[0] in ("oom_kill", "oom") and int(line.split()[1]) > 0 for line in events.splitlines()), \
        events
    assert hub.request("GET", f"/user/{TRAINEES[1]}/api/status")[0] == 200, "the trainee's server itself survives"
    assert hub.request("GET", f"/user/{TRAINEES[0]}/api/status")[0] == 200
    figures["limits"] = {"memory_mb": MEM_LIMIT_MB, "cpu_cores": CPU_LIMIT, "cgroup_version": version}
    cpu_dir = Path("/sys/fs/cgroup") / (groups[""].lstrip("/") if version == 2 else "cpu/" + groups["cpu"].lstrip("/"))
    asyncio.run(run_in_kernel(hub, TRAINEES[1], "import time\nt = time.time()\nwhile time.time() - t < 3: pass",
                              timeout=180))
    throttled = dict(line.split() for line in (cpu_dir / "cpu.stat").read_text().splitlines())
    assert int(throttled.get("nr_throttled", 0)) > 0, throttled

    # The idle culler stops a server left alone for longer than the site's idle_timeout.
    left_alone = time.monotonic()
    cohort["keep"].release(TRAINEES[0])
    wait_for(lambda: not hub.json("GET", f"/hub/api/users/{TRAINEES[0]}")["servers"], IDLE_TIMEOUT + 90,
             "the idle culler", cohort["proc"])
    figures["culled_after_s"] = round(time.monotonic() - left_alone, 1)
    assert hub.json("GET", f"/hub/api/users/{TRAINEES[1]}")["servers"], "a server in use was culled"

    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "hub_sizing.json").write_text(json.dumps(figures, indent=2), encoding="utf-8")
    print(json.dumps(figures, indent=2))


def _feedback_name(site: hubctl.Site, trainee: str, texts: dict[str, str]) -> str:
    """The exchange file (secret name) that holds ``trainee``'s feedback: the one with the same text."""
    for path in (site.exchange / hubctl.COURSE_ID / "feedback").glob("*.html"):
        if path.read_text(encoding="utf-8") == texts[trainee]:
            return path.name
    raise AssertionError(f"no feedback file in the exchange matches {trainee}'s")


def _uid(user: str) -> int:
    import pwd

    return pwd.getpwnam(user).pw_uid


def _gid(group: str) -> int:
    import grp

    return grp.getgrnam(group).gr_gid


def _is_server_of(proc: Path, user: str) -> bool:
    """Is ``proc`` the single-user server the hub started for ``user``?"""
    try:
        cmd = (proc / "cmdline").read_bytes()
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return False
    return b"jupyterhub-singleuser" in cmd and _environ_user(proc) == user


def _environ_user(proc: Path) -> str | None:
    try:
        for item in (proc / "environ").read_bytes().split(b"\0"):
            if item.startswith(b"JUPYTERHUB_USER="):
                return item.split(b"=", 1)[1].decode()
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return None
    return None

