"""The deploy scripts' own promises, without starting a hub (issue 22, deliverable 5; the hub test runs them for real):

* ``make demo`` leaves no system change behind: the folders ``--open-python-path`` opened (e.g. /root) get their
  modes back, and the database cluster it started is stopped, when the demo ends and when any step fails;
* the province's login: one NativeAuthenticator account per roster entry, bcrypt-hashed, with initial passwords
  in a root-only file, never replaced once made;
* per-trainee limits written as cgroup files (v1 and v2 layouts).
"""

from __future__ import annotations

import argparse
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "deploy"))

import hubctl  # noqa: E402
import ngoaivu_spawner  # noqa: E402

needs_root = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root (chown)")


def _demo_args() -> argparse.Namespace:
    return argparse.Namespace(open_python_path=True, instructor=None, trainees=None, port=None, ip=None)


@needs_root
@pytest.mark.parametrize("fails", [True, False], ids=["a step fails", "the hub is stopped"])
def test_the_demo_puts_back_what_it_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fails: bool) -> None:
    private = tmp_path / "root-like"
    private.mkdir(mode=0o700)
    os.chmod(private, 0o700)
    site = hubctl.Site(srv=str(tmp_path / "srv"))
    calls: list[str] = []
    monkeypatch.setattr(hubctl, "python_blockers", lambda s: [private])
    monkeypatch.setattr(hubctl, "pg_running", lambda s: False)
    monkeypatch.setattr(hubctl, "pg_start", lambda s: calls.append("pg_start"))
    monkeypatch.setattr(hubctl, "pg_stop", lambda s: calls.append("pg_stop"))
    monkeypatch.setattr(hubctl, "release", lambda s, a: "released")

    def setup(s: hubctl.Site, allow_open_python_path: bool = False) -> None:
        hubctl.open_python_path(s, allow_open_python_path)
        assert stat.S_IMODE(private.stat().st_mode) == 0o701  # opened while the demo runs
        s.save()
        if fails:
            raise hubctl.DeployError("a step failed")

    monkeypatch.setattr(hubctl, "setup", setup)
    if fails:
        with pytest.raises(hubctl.DeployError):
            hubctl.demo(site, _demo_args(), hub=lambda s, demo_mode: 0)
    else:
        assert hubctl.demo(site, _demo_args(), hub=lambda s, demo_mode: 0) == 0
    assert stat.S_IMODE(private.stat().st_mode) == 0o700
    assert calls == ["pg_start", "pg_stop"]
    assert hubctl.Site.load(site.site_file).opened == {}
    assert site.authenticator == "shared-password"  # the shared password only in the demo


@needs_root
def test_native_accounts_for_the_roster(tmp_path: Path) -> None:
    import bcrypt
    import nativeauthenticator.orm as native
    from jupyterhub import orm

    site = hubctl.Site(srv=str(tmp_path / "srv"), instructor="gv", trainees=["hv001", "hv002"])
    made = hubctl.native_accounts(site)
    assert set(made) == {"gv", "hv001", "hv002"} and len(set(made.values())) == 3
    assert stat.S_IMODE(hubctl.initial_passwords_file(site).stat().st_mode) == 0o600
    assert hubctl.initial_passwords(site) == made
    db = orm.new_session_factory(hubctl.hub_db_url(site))()
    try:
        info = native.UserInfo.find(db, "hv001")
        assert info.is_authorized and bcrypt.checkpw(made["hv001"].encode(), info.password)
        assert made["hv001"].encode() not in info.password
    finally:
        db.close()
    site.trainees.append("hv003")
    assert set(hubctl.native_accounts(site)) == {"hv003"}  # existing accounts (changed passwords) are kept
    assert hubctl.initial_passwords(site)["hv001"] == made["hv001"]


def test_the_jupyterhub_config_uses_the_real_login_limits_and_culler() -> None:
    text = (Path(hubctl.__file__).parent / "jupyterhub_config.py").read_text(encoding="utf-8")
    assert "ngoaivu_auth.RosterAuthenticator" in text and "enable_signup = False" in text
    assert "ngoaivu_spawner.LimitedSpawner" in text and "jupyterhub_idle_culler" in text
    assert hubctl.Site().authenticator == "native"


def test_the_login_page_is_jupyterhubs_own() -> None:
    """NativeAuthenticator 1.3's login handler fails on JupyterHub 6 (no ``statsd``): JupyterHub's is used."""
    import ngoaivu_auth
    from jupyterhub.handlers.login import LoginHandler
    from nativeauthenticator.handlers import ChangePasswordHandler

    handlers = dict(ngoaivu_auth.RosterAuthenticator(add_new_table=False).get_handlers(None))
    assert handlers["/login"] is LoginHandler and handlers["/change-password"] is ChangePasswordHandler


@pytest.mark.parametrize("version", [1, 2])
def test_limits_are_written_as_cgroup_files(tmp_path: Path, version: int) -> None:
    if version == 2:
        (tmp_path / "cgroup.controllers").write_text("cpu memory pids\n")
        (tmp_path / "cgroup.subtree_control").write_text("")
        (tmp_path / "ngoaivu").mkdir()
        (tmp_path / "ngoaivu" / "cgroup.subtree_control").write_text("")
    else:
        for controller in ("memory", "cpu", "pids"):
            (tmp_path / controller).mkdir()
    procs = ngoaivu_spawner.prepare("hv001", 700 << 20, 0.5, 256, root=tmp_path)
    if version == 2:
        group = tmp_path / "ngoaivu" / "hv001"
        assert procs == [group / "cgroup.procs"]
        assert (group / "memory.max").read_text() == str(700 << 20)
        assert (group / "cpu.max").read_text() == "50000 100000"
        assert (group / "pids.max").read_text() == "256"
    else:
        assert (tmp_path / "memory" / "ngoaivu" / "hv001" / "memory.limit_in_bytes").read_text() == str(700 << 20)
        assert (tmp_path / "cpu" / "ngoaivu" / "hv001" / "cpu.cfs_quota_us").read_text() == "50000"
        assert (tmp_path / "pids" / "ngoaivu" / "hv001" / "pids.max").read_text() == "256"
        assert len(procs) == 3


def test_a_limit_the_machine_cannot_enforce_stops_the_spawn(tmp_path: Path) -> None:
    with pytest.raises(ngoaivu_spawner.CgroupError):
        ngoaivu_spawner.prepare("hv001", 700 << 20, 0, 0, root=tmp_path)  # no cgroup file system here
    assert ngoaivu_spawner.prepare("hv001", 0, 0, 0, root=tmp_path) == []  # no limit asked: nothing to do


@pytest.fixture
def limited_user() -> Iterator[str]:
    import shutil
    import subprocess

    if not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("useradd") is None:
        pytest.skip("needs root and useradd")
    if ngoaivu_spawner.cgroup_version() == 0:
        pytest.skip("no cgroup file system")
    name = "ngxd-limit"
    subprocess.run(["userdel", name], capture_output=True, check=False)
    subprocess.run(["useradd", "--no-create-home", "--shell", "/usr/sbin/nologin", "--user-group", name],
                   check=True, capture_output=True)
    try:
        yield name
    finally:
        subprocess.run(["pkill", "-KILL", "-u", name], capture_output=True, check=False)
        subprocess.run(["userdel", name], capture_output=True, check=False)
        ngoaivu_spawner.remove(name, "ngoaivu-test")


def _run_limited(user: str, code: str, **limits: Any) -> tuple[int, dict[str, Path]]:
    """Run ``code`` with the system Python as ``user`` through LimitedSpawner's preexec: (exit code, cgroup dirs)."""
    import subprocess
    from types import SimpleNamespace

    spawner = ngoaivu_spawner.LimitedSpawner(user=SimpleNamespace(name=user), cgroup_base="ngoaivu-test", **limits)
    proc = subprocess.Popen(["/usr/bin/python3", "-c", code], preexec_fn=spawner.make_preexec_fn(user),
                            cwd="/", env={"PATH": "/usr/bin:/bin"})
    code_ = proc.wait(60)
    root = ngoaivu_spawner.CGROUP_ROOT
    if ngoaivu_spawner.cgroup_version() == 2:
        dirs = dict.fromkeys(("memory", "cpu", "pids"), root / "ngoaivu-test" / user)
    else:
        dirs = {c: root / c / "ngoaivu-test" / user for c in ("memory", "cpu", "pids")}
    return code_, dirs


def test_a_trainees_memory_bomb_is_killed_inside_their_cgroup(limited_user: str) -> None:
    code, dirs = _run_limited(limited_user, "import os\nprint(os.getuid())\nhog = b'x' * (600 << 20)\n",
                              mem_limit=200 << 20, cpu_limit=None, pids_limit=0)
    assert code == -9, code  # killed by the OOM killer of the cgroup, not by a MemoryError of its own
    if ngoaivu_spawner.cgroup_version() == 2:
        events = dict(line.split() for line in (dirs["memory"] / "memory.events").read_text().splitlines())
        assert int(events["oom_kill"]) > 0, events
    else:
        # v1: memory.oom_control counts the kills (memory.failcnt stays 0 on recent kernels)
        control = dict(line.split() for line in (dirs["memory"] / "memory.oom_control").read_text().splitlines())
        assert int(control["oom_kill"]) > 0, control


def test_a_trainees_busy_loop_is_throttled_and_a_thread_bomb_stopped(limited_user: str) -> None:
    busy = "import time\nt = time.time()\nwhile time.time() - t < 2: pass\n"
    code, dirs = _run_limited(limited_user, busy, mem_limit=None, cpu_limit=0.2, pids_limit=0)
    assert code == 0
    stat_ = dict(line.split() for line in (dirs["cpu"] / "cpu.stat").read_text().splitlines())
    assert int(stat_["nr_throttled"]) > 0, stat_
    threads = ("import threading, time\nn = 0\ntry:\n    for _ in range(200):\n"
               "        threading.Thread(target=time.sleep, args=(3,), daemon=True).start(); n += 1\n"
               "except RuntimeError:\n    raise SystemExit(7)\n")
    code, _ = _run_limited(limited_user, threads, mem_limit=None, cpu_limit=None, pids_limit=32)
    assert code == 7, code  # could not start thread 33: the process limit holds
