"""Confine a grading kernel: ``python -m grader.grading.sandbox [options] -- <kernel command>``.

One grading kernel runs in a *confinement* (:class:`Confinement`), the same whether it is started cold
(this module's command line execs the kernel command) or forked warm (:mod:`grader.grading.warm` runs the
kernel in-process in the forked child). When the grader runs as root, three processes make it:

* **A** (the launcher, in the grader's PID namespace) leaves for new mount, PID, network and IPC
  namespaces: no network at all (not even the host's loopback), a read-only view of every file system
  except the kernel's scratch folder, a private ``/tmp``, ``/var/tmp`` and ``/dev/shm`` (tmpfs, gone with
  the grading), and empty read-only file systems over the folders to hide (the course: sources with
  solutions, releases, other trainees' submissions, the gradebook);
* **B** is PID 1 of the new PID namespace: it mounts a ``/proc`` showing only the grading's processes,
  starts the kernel and ends with it, and when PID 1 ends the Linux kernel kills every other process of
  the namespace, so a detached daemon (double fork, ``setsid``) started by an answer cell dies with the
  grading;
* **C**, the kernel, drops to the grading's own unprivileged uid (a fresh one per grading, leased from
  :class:`grader.grading.uids.UidPool`), sets resource limits (address space, CPU seconds, file size,
  processes of that uid, no core files, no new privileges) and gets an environment built from a short
  allow-list (no service token, no database URL) whose ``HOME`` and ``TMPDIR`` are the scratch folder.

When A's B ends, A kills whatever process of the uid is still alive (:func:`kill_uid`) before it exits.

Without root none of the namespaces nor the user switch is available: the kernel runs as the grader's
user in its scratch folder with the resource limits only (the grading status then carries a note).

What this machine cannot provide is said as a :data:`Why`: a code and its parameters (``("no_user",
{"user": "nobody"})``), never a sentence, for the caller to render in the instructor's language (the
catalogue's ``grading.sandbox.why.<code>``, :mod:`grader.grading.execute`). ``--probe`` only checks whether
the namespaces can be made on this machine (exit 0) or not (the :data:`Why` on stderr, as JSON).

Why one module: it is both the code a warm kernel is forked through and the program a cold kernel is
launched with (``python -m grader.grading.sandbox``), and the confinement is one sequence spread over three
processes (A, B, C above) whose order is what makes it safe; read in one place, top to bottom, that order is
checkable. It imports nothing of the grader, so a cold launch costs no more than Python's start.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import json
import os
import pwd
import resource
import select
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

CLONE_NEWNS, CLONE_NEWIPC, CLONE_NEWPID, CLONE_NEWNET = 0x00020000, 0x08000000, 0x20000000, 0x40000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_REMOUNT = 1, 2, 4, 8, 32
MS_NOATIME, MS_NODIRATIME, MS_BIND, MS_REC, MS_PRIVATE, MS_RELATIME = 1024, 2048, 4096, 0x4000, 0x40000, 1 << 21
PR_SET_PDEATHSIG, PR_SET_NO_NEW_PRIVS = 1, 38
PRIVATE_TMP = ("/tmp", "/var/tmp", "/dev/shm")  # each a fresh tmpfs per grading
PRIVATE_TMP_SIZE = "size=256m,mode=1777"
# The kernel's environment: only these variables of the grader's are passed on (no token, password or URL).
KEPT_ENV = ("PATH", "LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE", "LC_MESSAGES", "TZ", "TERM", "VIRTUAL_ENV",
            "PYTHONPATH", "PYTHONHASHSEED", "PYTHONIOENCODING", "PYTHONUTF8", "MPLBACKEND")
EXIT_CONFINEMENT_FAILED = 3
# Why something of the sandbox cannot be had: a code and its parameters (rendered by the caller, see above).
Why = tuple[str, dict[str, str]]


@dataclass
class Confinement:
    """Where and how one grading kernel runs (see the module docstring)."""

    scratch: str
    uid: int | None = None  # None: stay the grader's user
    gid: int | None = None
    isolate: bool = False  # new mount, PID, network and IPC namespaces (root only)
    hide: list[str] = field(default_factory=list)
    memory_mb: int = 0
    cpu_seconds: int = 0
    file_mb: int = 0
    nproc: int = 0  # processes (and threads) of the kernel's uid; only with a uid of its own

    def args(self) -> list[str]:
        """Command-line options of this module for this confinement."""
        out = [f"--scratch={self.scratch}", f"--memory-mb={self.memory_mb}", f"--cpu-seconds={self.cpu_seconds}",
               f"--file-mb={self.file_mb}", f"--nproc={self.nproc}"]
        if self.uid is not None:
            out += [f"--uid={self.uid}", f"--gid={self.gid if self.gid is not None else self.uid}"]
        if self.isolate:
            out.append("--isolate")
        return out + [f"--hide={p}" for p in self.hide]

    def to_dict(self) -> dict[str, object]:
        return dict(self.__dict__)

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> Confinement:
        return cls(**data)  # type: ignore[arg-type]


def _libc() -> ctypes.CDLL:
    return ctypes.CDLL(None, use_errno=True)


def _limit(kind: int, value: int) -> None:
    if value > 0:
        soft, hard = resource.getrlimit(kind)
        cap = value if hard == resource.RLIM_INFINITY else min(value, hard)
        resource.setrlimit(kind, (cap, cap))


def _log(text: str) -> None:
    """A line for the maintainers in the grading run's log (fd 2), never shown to the instructor as such."""
    with contextlib.suppress(OSError):
        os.write(2, (text + "\n").encode("utf-8", "replace"))


def why_text(why: Why) -> str:
    """A :data:`Why` as one line of the maintainers' log (``code key=value ...``)."""
    return " ".join([why[0], *(f"{k}={v}" for k, v in why[1].items())])


def can_drop_to(user: str) -> Why | None:
    """None if this process can run a kernel as ``user``; otherwise why not."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return ("not_root", {})
    try:
        pwd.getpwnam(user)
    except KeyError:
        return ("no_user", {"user": user})
    return python_unreadable_by_others()


def python_unreadable_by_others() -> Why | None:
    """None if another user can run this Python and import the grader; otherwise why not."""
    for path in (Path(sys.executable).resolve(), Path(__file__).resolve()):
        for parent in [path, *path.parents]:
            mode = parent.stat().st_mode
            if parent.is_dir() and not mode & 0o001:
                return ("python_closed", {"path": str(parent)})
    return None


def kernel_env(scratch: str, base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of a grading kernel: the allow-listed variables of ``base``, home and caches in scratch."""
    source = os.environ if base is None else base
    env = {k: v for k, v in source.items() if k in KEPT_ENV or (k.startswith("LC_") and k.isupper())}
    env.setdefault("PATH", os.defpath)
    for var in ("HOME", "TMPDIR", "IPYTHONDIR", "MPLCONFIGDIR", "JUPYTER_RUNTIME_DIR", "JUPYTER_DATA_DIR",
                "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
        env[var] = scratch
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):  # one core per grading kernel, and
        env[var] = "1"  # no thread pool in a warm kernel process, which must have a single thread to fork
    env["JPY_PARENT_PID"] = "1"  # the kernel's parent is PID 1 of its namespace: no parent poller, no banner
    return env


# --- processes of a uid -----------------------------------------------------------------------------------


def processes_of(uid: int) -> list[int]:
    """Live (not zombie) processes whose real, effective, saved or file-system uid is ``uid`` (Linux /proc)."""
    found = []
    with contextlib.suppress(OSError):
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit():
                continue
            try:
                with open(f"/proc/{entry.name}/status", "rb") as f:
                    text = f.read(2048)
            except OSError:
                continue
            state = uids = b""
            for line in text.splitlines():
                if line.startswith(b"State:"):
                    state = line
                elif line.startswith(b"Uid:"):
                    uids = line
                    break
            if b"Z (zombie)" in state or b"X (dead)" in state:
                continue
            if str(uid).encode() in uids.split()[1:]:
                found.append(int(entry.name))
    return found


def kill_uid(uid: int, attempts: int = 100) -> bool:
    """SIGKILL every process of ``uid`` until none is left; True when none is (root only).

    Besides each process found, ``kill -KILL -1`` run *as the uid* reaches every process the uid owns in
    one pass of the Linux kernel, including one forked between two looks at /proc.
    """
    for _ in range(attempts):
        pids = processes_of(uid)
        if not pids:
            return True
        for pid in pids:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            subprocess.run(["kill", "-KILL", "--", "-1"], user=uid, group=uid, extra_groups=[],
                           stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           timeout=5, check=False)
        time.sleep(0.005)
    return not processes_of(uid)


# --- the private view ---------------------------------------------------------------------------------------


def _mount(source: str | None, target: str, fstype: str | None, flags: int, data: str | None = None) -> str | None:
    libc = _libc()
    rc = libc.mount(os.fsencode(source) if source else None, os.fsencode(target),
                    os.fsencode(fstype) if fstype else None, ctypes.c_ulong(flags),
                    data.encode() if data else None)
    return None if rc == 0 else os.strerror(ctypes.get_errno())


def _mount_points() -> list[str]:
    points = []
    with open("/proc/self/mountinfo", encoding="utf-8", errors="surrogateescape") as f:
        for line in f:
            raw = line.split(" ")[4]
            points.append(raw.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n")
                          .replace("\\134", "\\"))
    return points


def _statvfs_flags(path: str) -> int:
    try:
        f = os.statvfs(path).f_flag
    except OSError:
        return 0
    flags = 0
    for st, ms in ((os.ST_NOSUID, MS_NOSUID), (os.ST_NODEV, MS_NODEV), (os.ST_NOEXEC, MS_NOEXEC),
                   (os.ST_NOATIME, MS_NOATIME), (os.ST_NODIRATIME, MS_NODIRATIME), (os.ST_RELATIME, MS_RELATIME)):
        if f & st:
            flags |= ms
    return flags


def _under(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip("/") + "/")


def needed_paths(scratch: str = "") -> list[str]:
    """Folders a kernel must be able to read: the interpreter, its libraries, the grader package."""
    found = [sys.prefix, sys.base_prefix, sys.exec_prefix, os.path.dirname(os.path.realpath(sys.executable)),
             str(Path(__file__).resolve().parents[2])]
    found += [p for p in sys.path if p and os.path.isdir(p)]
    out: list[str] = []
    for path in sorted({os.path.realpath(p) for p in found}):
        if scratch and _under(path, os.path.realpath(scratch)):
            continue
        if not any(_under(path, kept) for kept in out):
            out.append(path)
    return out


def _closed_ancestor(path: str) -> str | None:
    """The highest folder above ``path`` (or ``path`` itself) that other users cannot traverse."""
    current = "/"
    for part in Path(path).parts[1:]:
        current = os.path.join(current, part)
        with contextlib.suppress(OSError):
            if not os.stat(current).st_mode & 0o001:
                return current
    return None


def expose(paths: list[str]) -> Why | None:
    """In this mount namespace, make ``paths`` reachable by other users without opening what is around them.

    A closed folder above one of them (e.g. ``/root`` holding the interpreter of pyenv) is covered by an
    empty tmpfs into which only the needed folder is bind-mounted: the kernel can run Python, and sees
    nothing else of that folder. Returns None or why not.
    """
    plan: dict[str, list[str]] = {}
    for path in paths:
        closed = _closed_ancestor(path)
        if closed is not None:
            plan.setdefault(closed, []).append(path)
    for closed, inside in plan.items():
        handles = [(p, os.open(p, os.O_PATH | os.O_DIRECTORY | os.O_CLOEXEC)) for p in inside if p != closed]
        try:
            if any(p == closed for p in inside):
                return ("closed_needed", {"path": closed})
            if why := _mount("tmpfs", closed, "tmpfs", MS_NOSUID | MS_NODEV, "size=64k,mode=0755"):
                return ("cover", {"path": closed, "error": why})
            for path, fd in handles:
                os.makedirs(path, mode=0o755, exist_ok=True)
                if why := _mount(f"/proc/self/fd/{fd}", path, None, MS_BIND | MS_REC):
                    return ("show", {"path": path, "error": why})
        finally:
            for _, fd in handles:
                os.close(fd)
    return None


def private_view(scratch: str, hide: list[str]) -> Why | None:
    """In a new mount namespace: everything read-only but ``scratch``, private temporary folders, ``hide`` covered.

    Returns None, or why the view could not be made.
    """
    libc = _libc()
    if libc.unshare(CLONE_NEWNS) != 0:
        return ("mount_namespace", {"error": os.strerror(ctypes.get_errno())})
    if why := _mount("none", "/", None, MS_REC | MS_PRIVATE):
        return ("mounts_private", {"error": why})
    if why := expose(needed_paths(scratch)):
        return why
    if why := _mount(scratch, scratch, None, MS_BIND):
        return ("bind_scratch", {"error": why})
    for point in _mount_points():
        if point == scratch or any(_under(point, p) for p in ("/proc", "/sys", "/dev")):
            continue
        why = _mount(None, point, None, MS_REMOUNT | MS_BIND | MS_RDONLY | _statvfs_flags(point))
        if why and point == "/":
            return ("read_only_root", {"error": why})
    cover = MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC
    needed = [*needed_paths(scratch), scratch]
    private = [d for d in PRIVATE_TMP if os.path.isdir(d) and not any(_under(n, d) for n in needed)]
    for path in hide:
        if any(_under(path, d) for d in private) or not os.path.isdir(path):
            continue  # inside a private temporary folder: already out of sight
        if why := _mount("tmpfs", path, "tmpfs", cover, "size=16k,mode=0555"):
            return ("cover", {"path": path, "error": why})
    for folder in private:
        if why := _mount("tmpfs", folder, "tmpfs", MS_NOSUID | MS_NODEV, PRIVATE_TMP_SIZE):
            return ("private_tmp", {"path": folder, "error": why})
    return None


def hide(paths: list[str]) -> Why | None:
    """Cover ``paths`` with empty read-only file systems in a new mount namespace; None or why not."""
    libc = _libc()
    if libc.unshare(CLONE_NEWNS) != 0:
        return ("mount_namespace", {"error": os.strerror(ctypes.get_errno())})
    if why := _mount("none", "/", None, MS_REC | MS_PRIVATE):
        return ("mounts_private", {"error": why})
    for path in paths:
        if why := _mount("tmpfs", path, "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, "size=16k,mode=0555"):
            return ("cover", {"path": path, "error": why})
    return None


def probe() -> int:
    """Exit status 0 if this machine gives kernels namespaces of their own (mount, PID, network, IPC)."""
    why = hide([tempfile.mkdtemp(prefix="ngoaivu-probe-")])
    if why is None and _libc().unshare(CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWIPC) != 0:
        why = ("pid_namespaces", {"error": os.strerror(ctypes.get_errno())})
    if why:
        sys.stderr.write(json.dumps(why) + "\n")
        return 1
    return 0


# --- the three processes -------------------------------------------------------------------------------------


def _die_with_parent() -> None:
    _libc().prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


def _drop(conf: Confinement) -> None:
    """In C: limits, then the grading's uid, for good (no way back, no new privileges)."""
    _limit(resource.RLIMIT_AS, conf.memory_mb * 1024 * 1024)
    _limit(resource.RLIMIT_CPU, conf.cpu_seconds)
    _limit(resource.RLIMIT_FSIZE, conf.file_mb * 1024 * 1024)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if conf.uid is not None:
        gid = conf.gid if conf.gid is not None else conf.uid
        _limit(resource.RLIMIT_NPROC, conf.nproc)
        os.setgroups([])
        os.setresgid(gid, gid, gid)
        os.setresuid(conf.uid, conf.uid, conf.uid)
    _libc().prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)


def _exit_code(status: int) -> int:
    code = os.waitstatus_to_exitcode(status)
    return code if code >= 0 else 128 - code


def _init(conf: Confinement, start: Callable[[], None]) -> NoReturn:
    """B: PID 1 of the grading's PID namespace. Starts C and ends with it (which ends every process left)."""
    try:
        if conf.isolate:
            _mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
        kernel = os.fork()
        if kernel == 0:
            try:
                _die_with_parent()
                signal.signal(signal.SIGINT, signal.SIG_DFL)
                os.chdir(conf.scratch)
                _drop(conf)
                start()
                os._exit(0)
            except SystemExit as exc:
                os._exit(exc.code if isinstance(exc.code, int) else 0)
            except BaseException as exc:  # noqa: BLE001 - report and leave, whatever it was
                _log(f"grader.grading.sandbox: the kernel could not start: {exc!r}")
            os._exit(EXIT_CONFINEMENT_FAILED)
        signal.signal(signal.SIGTERM, lambda *_: os._exit(128 + signal.SIGTERM))
        while True:
            pid, status = os.waitpid(-1, 0)
            if pid == kernel:
                os._exit(_exit_code(status))
    except BaseException:  # noqa: BLE001
        os._exit(EXIT_CONFINEMENT_FAILED)


def run_confined(conf: Confinement, start: Callable[[], None], *, watch: socket.socket | None = None,
                 report: Callable[[int], None] | None = None) -> NoReturn:
    """A: confine, start the kernel with ``start()`` (in C), wait for it, kill what the uid left, exit.

    ``watch``: a connection whose end (its peer closed it: the grader that asked for this kernel is gone)
    kills the kernel. ``report(exit_code)`` is called once the kernel and every process of its uid are gone.
    """
    code = EXIT_CONFINEMENT_FAILED
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # interrupts are for the kernel (C), not its launchers
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        if conf.isolate:
            if why := private_view(conf.scratch, conf.hide):
                raise OSError(why_text(why))
            if _libc().unshare(CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWIPC) != 0:
                raise OSError(why_text(("pid_namespaces", {"error": os.strerror(ctypes.get_errno())})))
        elif conf.hide and (why := hide(conf.hide)):
            raise OSError(why_text(why))
        init = os.fork()
        if init == 0:
            if watch is not None:
                watch.close()
            _die_with_parent()
            _init(conf, start)
        waiting = [os.pidfd_open(init)] + ([watch.fileno()] if watch is not None else [])
        while True:
            ready, _, _ = select.select(waiting, [], [])
            if watch is not None and watch.fileno() in ready:
                with contextlib.suppress(OSError):
                    os.kill(init, signal.SIGKILL)  # PID 1 of the namespace: the whole namespace goes with it
                waiting.remove(watch.fileno())
            if waiting[0] in ready:
                break
        _, status = os.waitpid(init, 0)
        code = _exit_code(status)
    except BaseException as exc:  # noqa: BLE001 - A must always exit with a status
        _log(f"grader.grading.sandbox: {exc}")
    if conf.uid is not None:
        kill_uid(conf.uid)
    if report is not None:
        with contextlib.suppress(Exception):
            report(code)
    os._exit(code)


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv == ["--probe"]:
        sys.exit(probe())
    split = argv.index("--")
    parser = argparse.ArgumentParser(prog="grader.grading.sandbox")
    parser.add_argument("--scratch", default="")
    parser.add_argument("--memory-mb", type=int, default=0)
    parser.add_argument("--cpu-seconds", type=int, default=0)
    parser.add_argument("--file-mb", type=int, default=0)
    parser.add_argument("--nproc", type=int, default=0)
    parser.add_argument("--uid", type=int, default=None)
    parser.add_argument("--gid", type=int, default=None)
    parser.add_argument("--user", default="", help="a named user instead of --uid (no namespaces)")
    parser.add_argument("--isolate", action="store_true")
    parser.add_argument("--hide", action="append", default=[])
    args = parser.parse_args(argv[:split])
    cmd = argv[split + 1:]
    scratch = args.scratch or tempfile.mkdtemp(prefix="ngoaivu-kernel-")
    uid, gid = args.uid, args.gid
    if args.user and uid is None:
        pw = pwd.getpwnam(args.user)
        uid, gid = pw.pw_uid, pw.pw_gid
        os.chown(scratch, uid, gid)
    conf = Confinement(scratch, uid, gid, args.isolate, args.hide, args.memory_mb, args.cpu_seconds,
                       args.file_mb, args.nproc)
    env = kernel_env(scratch)
    _die_with_parent()

    def start() -> None:
        os.execvpe(cmd[0], cmd, env)

    run_confined(conf, start)


if __name__ == "__main__":
    main()
