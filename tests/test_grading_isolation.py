"""One grading cannot reach another: a uid of its own, namespaces, nothing left behind, warm kernels unshared.

Each submission below is graded in the course's sandbox as ``ngoaivu autograde`` grades it (warm kernels
forked from a :class:`grader.grading.warm.WarmPool`, and cold ones where said), one after the other in one
grading process, so every later submission runs where the earlier ones ran. They check, from inside the
kernel, what an earlier submission could have left: a detached daemon, files, a poisoned ``sys.modules``, a
monkeypatched grader, a thread, the connection file of another grading; and that a kernel reaches no
network (neither a listener of the test on the host's loopback nor an outside address). Root only (the
sandbox's uids and namespaces need it).
"""

from __future__ import annotations

import copy
import os
import re
import select
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell
from nbgrader_helpers import CourseCopy

from grader.grading.execute import SandboxKernelManager, hiding_unavailable
from grader.grading.sandbox import processes_of
from grader.grading.status import read_status
from grader.grading.uids import parse_range
from grader.grading.warm import WarmPool

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(os.geteuid() != 0 or bool(hiding_unavailable()),
                                 reason="the grading sandbox's uids and namespaces need root")]

AID = "bt1_phan_loai"
MARK = f"ngoaivu-daemon-{uuid.uuid4().hex[:12]}"
FIRST, COUNT = parse_range(SandboxKernelManager().uid_range)
ROOT = SandboxKernelManager().scratch_root
TRACES = ("/tmp", "/var/tmp", "/dev/shm")

PROBE = f"""
import builtins, os, sys, threading
print("NGOAIVU-WARM" if "grader.assignments" in sys.modules else "NGOAIVU-COLD", os.getuid())
_g, _n = sys.modules.get("grader"), sys.modules.get("grader.nbtest")
_bad = [getattr(_g, "POISONED", None), getattr(builtins, "POISONED", None),
        _n is not None and not hasattr(_n, "verdict"),
        [t.name for t in threading.enumerate() if t.name == "ngoaivu-leftover"]]
if _g is not None and "grader.assignments" in sys.modules:
    _bad.append(getattr(sys.modules["grader.assignments"].evaluate, "__name__", "") == "<lambda>")
print("NGOAIVU-POISON" if any(_bad) else "NGOAIVU-CLEAN", _bad)
_left = [os.path.join(d, n) for d in {TRACES!r} + (os.path.expanduser("~"),) if os.path.isdir(d)
         for n in os.listdir(d) if n.startswith("ngoaivu-poison")]
print("NGOAIVU-FOUND" if _left else "NGOAIVU-NOTHING", _left)
_read = []
for _uid in range({FIRST}, {FIRST + COUNT}):
    for _name in ("kernel.json", "poison.txt"):
        _p = os.path.join({ROOT!r}, str(_uid), _name)
        if os.path.dirname(_p) == os.getcwd():
            continue
        try:
            open(_p, "rb").read(1)
            _read.append(_p)
        except OSError:
            pass
print("NGOAIVU-READ" if _read else "NGOAIVU-UNREAD", _read)
"""

POISON = f"""
import builtins, os, sys, threading, time, types
import grader, grader.assignments
grader.POISONED = builtins.POISONED = "yes"
grader.assignments.evaluate = lambda *a, **k: None
_fake = types.ModuleType("grader.nbtest")
_fake.cham = lambda *a, **k: 1.0
sys.modules["grader.nbtest"] = _fake
open("poison.txt", "w").write("left in my scratch folder")
def _leftover():
    while True:
        for d in {TRACES!r} + (os.path.expanduser("~"),):
            try:
                open(os.path.join(d, "ngoaivu-poison"), "w").write("x")
            except OSError:
                pass
        time.sleep(0.05)
threading.Thread(target=_leftover, name="ngoaivu-leftover").start()
_wrote = []
for _p in [os.path.join({ROOT!r}, "evil"), os.path.join(os.path.dirname(grader.__file__), "evil.py"),
           sys.modules["grader.assignments"].__file__, "/etc/ngoaivu-evil", "/usr/ngoaivu-evil"]:
    try:
        open(_p, "a").close()
        _wrote.append(_p)
    except OSError:
        pass
print("NGOAIVU-WROTE" if _wrote else "NGOAIVU-REFUSED", _wrote)
"""

DAEMON = f"""
import os
_pid = os.fork()
if _pid == 0:
    os.setsid()
    if os.fork() == 0:
        os.execv("/bin/sh", ["/bin/sh", "-c", "while :; do sleep 1; done", "{MARK}"])
    os._exit(0)
os.waitpid(_pid, 0)
import time
time.sleep(0.3)
print("NGOAIVU-DAEMON-STARTED", os.getuid())
"""


def _network_probe(port: int) -> str:
    """A cell that tries TCP connections to the test's loopback listener and to an outside address."""
    return f"""
import socket
for _label, _address in (("loopback", ("127.0.0.1", {port})), ("outside", ("1.1.1.1", 53))):
    try:
        socket.create_connection(_address, timeout=2).close()
        print("NGOAIVU-NET", _label, "CONNECTED")
    except OSError as _e:
        print("NGOAIVU-NET", _label, "failed", type(_e).__name__, _e.errno)
print("NGOAIVU-NET interfaces", [_n for _, _n in socket.if_nameindex()])
"""


def _with_cells(nb: nbformat.NotebookNode, first: str, later: str = "") -> nbformat.NotebookNode:
    """``first`` as the notebook's first cell (before any import of the notebook), ``later`` after the answer."""
    nb = copy.deepcopy(nb)
    nb.cells.insert(0, new_code_cell(first))
    if later:
        answer = next(i for i, c in enumerate(nb.cells) if c.cell_type == "code" and c.metadata.get("nbgrader"))
        nb.cells.insert(answer + 1, new_code_cell(later))
    return nb


def _printed(course: CourseCopy, student: str) -> str:
    path = course.course.folder("autograded") / student / AID / f"{AID}.ipynb"
    nb = nbformat.read(str(path), as_version=4)
    return "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))


def _with_marker() -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if MARK.encode() in (entry / "cmdline").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


@pytest.fixture(scope="module")
def listener():
    """A TCP listener on the host's loopback, in the test process: no grading kernel may reach it."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(8)
        yield sock


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory, listener: socket.socket):
    course = CourseCopy.of(tmp_path_factory.mktemp("isolation"), assignments=[AID])
    course.release(AID)
    release = course.release_notebook(AID)
    network = _network_probe(listener.getsockname()[1])
    order = {"warm_blank": _with_cells(release, PROBE, network), "warm_poison": _with_cells(release, PROBE, POISON),
             "warm_after_poison": _with_cells(release, PROBE), "warm_daemon": _with_cells(release, PROBE, DAEMON),
             "warm_after_daemon": _with_cells(release, PROBE)}
    cold = {"cold_daemon": _with_cells(release, PROBE, DAEMON),
            "cold_after_daemon": _with_cells(release, PROBE, network)}
    for name, nb in {**order, **cold}.items():
        course.submit(name, AID, nb)
    with WarmPool.start(course.course.folder("release")) as pool:
        course.course.config.SandboxKernelManager.warm_pool = pool.socket_path
        course.course.config.NotebookClient.shutdown_kernel = "immediate"
        course.autograde(AID, list(order))
        assert pool.alive()
    course.course.config.SandboxKernelManager.warm_pool = ""
    course.autograde(AID, list(cold))
    return course


def test_warm_kernels_are_forked_with_the_grader_already_imported(graded):
    for name in ("warm_blank", "warm_after_poison", "warm_after_daemon"):
        assert "NGOAIVU-WARM" in _printed(graded, name), name
    assert "NGOAIVU-COLD" in _printed(graded, "cold_after_daemon")


def test_a_poisoned_kernel_changes_nothing_for_the_next_submission(graded):
    printed = _printed(graded, "warm_poison")
    assert "NGOAIVU-REFUSED" in printed, printed[-2000:]  # not one file outside its scratch folder written
    after = _printed(graded, "warm_after_poison")
    assert "NGOAIVU-CLEAN" in after and "NGOAIVU-NOTHING" in after, after[-2000:]
    scores = graded.auto_scores(AID)
    assert scores["warm_poison"] == scores["warm_after_poison"] == scores["warm_blank"]
    assert sum(scores["warm_blank"].values()) == 0


def test_no_submission_reads_the_files_or_connection_file_of_another(graded):
    for name in ("warm_after_poison", "warm_after_daemon", "cold_after_daemon"):
        printed = _printed(graded, name)
        assert "NGOAIVU-UNREAD" in printed, (name, printed[-2000:])


def test_a_detached_daemon_does_not_survive_its_grading(graded):
    for name in ("warm_daemon", "cold_daemon"):
        assert "NGOAIVU-DAEMON-STARTED" in _printed(graded, name), name
        status = read_status(graded.course.folder("autograded") / name / AID / f"{AID}.ipynb")
        assert status is not None and status.graded, (name, status)
    assert _with_marker() == []
    uids = {int(m.group(1)) for name in ("warm_daemon", "cold_daemon")
            for m in [re.search(r"NGOAIVU-DAEMON-STARTED (\d+)", _printed(graded, name))] if m}
    assert len(uids) == 2 and all(FIRST <= u < FIRST + COUNT for u in uids)
    for uid in uids:
        assert processes_of(uid) == []
        assert not (Path(ROOT) / str(uid)).exists() or not any((Path(ROOT) / str(uid)).iterdir())


def test_a_grading_kernel_reaches_no_network(graded, listener: socket.socket):
    """Warm and cold: a TCP connect to the test's loopback listener and to 1.1.1.1:53 both fail, none arrives."""
    for name in ("warm_blank", "cold_after_daemon"):
        printed = _printed(graded, name)
        assert "NGOAIVU-NET interfaces" in printed, (name, printed[-2000:])  # the probe ran to its end
        assert "CONNECTED" not in printed, (name, printed[-2000:])
        for label in ("loopback", "outside"):
            assert f"NGOAIVU-NET {label} failed" in printed, (name, label, printed[-2000:])
    ready, _, _ = select.select([listener], [], [], 0)
    assert ready == [], "a grading kernel connected to the test's loopback listener"


def test_concurrent_gradings_cannot_read_each_others_connection_file(tmp_path: Path):
    """Two gradings at once (``ngoaivu autograde --jobs 2``): each tries for 4 s to read the other's files."""
    course = CourseCopy.of(tmp_path, assignments=[AID])
    course.release(AID)
    release = course.release_notebook(AID)
    spy = "import time\n_t = time.monotonic()\n_rounds = 0\nwhile True:\n" + \
        "\n".join("    " + ln for ln in PROBE.splitlines()) + \
        "\n    _rounds += 1\n    if _read or time.monotonic() - _t > 4:\n        break\nprint('rounds', _rounds)\n"
    for student in ("spy_a", "spy_b"):
        course.submit(student, AID, _with_cells(release, spy))
    done = subprocess.run([str(Path(sys.executable).parent / "ngoaivu"), "autograde", "--course", str(course.root),
                           "--jobs", "2", AID], capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    for student in ("spy_a", "spy_b"):
        printed = _printed(course, student)
        assert "NGOAIVU-UNREAD" in printed and "NGOAIVU-READ " not in printed, printed[-2000:]
        assert "NGOAIVU-WARM" in printed


def test_the_kernel_environment_holds_no_service_token(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from grader.grading.sandbox import kernel_env

    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", "secret-token")
    monkeypatch.setenv("NGOAIVU_DB_URL", "postgresql://grader:hunter2@db/ngoaivu")
    env = kernel_env(str(tmp_path))
    assert "secret-token" not in str(env) and "hunter2" not in str(env)
    assert env["HOME"] == env["TMPDIR"] == str(tmp_path)


def test_a_killed_grading_leaves_its_uid_to_be_swept_before_reuse(tmp_path: Path):
    """A lease whose holder died (no release) is cleaned by the next claim of that uid: processes and files."""
    from grader.grading.uids import UidPool

    pool = UidPool(FIRST, 1, ROOT)  # one uid: the next claim must reuse it
    lease = pool.claim()
    (lease.scratch / "left.txt").write_text("x")
    os.chown(lease.scratch / "left.txt", lease.uid, lease.uid)
    sleeper = subprocess.Popen(["sleep", "60"], user=lease.uid, group=lease.uid, extra_groups=[])
    try:
        os.close(lease._fd)  # the holder dies: the flock goes, nothing else happens
        time.sleep(0.1)
        again = pool.claim()
        try:
            assert again.uid == lease.uid and processes_of(again.uid) == []
            assert list(again.scratch.iterdir()) == []
            assert sleeper.wait(timeout=5) == -9
        finally:
            again.release()
    finally:
        if sleeper.poll() is None:
            sleeper.kill()
