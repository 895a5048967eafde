"""Launch a grading kernel inside limits: ``python -m grader.grading.sandbox [options] -- <kernel command>``.

* moves the kernel to a scratch folder of its own, then, with ``--hide PATH``, gives it a private
  mount namespace in which an empty read-only file system covers PATH (the course folder: sources
  with solutions, releases, other trainees' submissions, the gradebook), so the kernel can neither
  read nor write the instructor's files, even by relative paths;
* sets resource limits (address space, CPU seconds, file size);
* with ``--user``, when started as root, drops to that unprivileged user.

``--probe`` only checks whether hiding works on this machine (exit 0) or not (the reason on stderr).
"""

from __future__ import annotations

import argparse
import ctypes
import os
import pwd
import resource
import shutil
import sys
import tempfile
from pathlib import Path


def _limit(kind: int, value: int) -> None:
    if value > 0:
        soft, hard = resource.getrlimit(kind)
        cap = value if hard == resource.RLIM_INFINITY else min(value, hard)
        resource.setrlimit(kind, (cap, cap))


def can_drop_to(user: str) -> str | None:
    """None if this process can run a kernel as ``user``; otherwise why not (English)."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return "the grader is not running as root, so kernels run as the grading user itself"
    try:
        pwd.getpwnam(user)
    except KeyError:
        return f"there is no user {user!r} on this machine"
    for path in (Path(sys.executable).resolve(), Path(__file__).resolve()):
        for parent in [path, *path.parents]:
            mode = parent.stat().st_mode
            if parent.is_dir() and not mode & 0o001:
                return f"{parent} is not traversable by other users, so {user!r} cannot run Python"
    return None


CLONE_NEWNS = 0x00020000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_REC, MS_PRIVATE = 1, 2, 4, 8, 0x4000, 0x40000


def hide(paths: list[str]) -> str | None:
    """Cover ``paths`` with empty read-only file systems in a new mount namespace; None or why not."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.unshare(CLONE_NEWNS) != 0:
        return f"cannot create a mount namespace ({os.strerror(ctypes.get_errno())}; needs root)"
    if libc.mount(b"none", b"/", None, MS_REC | MS_PRIVATE, None) != 0:
        return f"cannot make mounts private ({os.strerror(ctypes.get_errno())})"
    flags = MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC
    for path in paths:
        if libc.mount(b"tmpfs", os.fsencode(path), b"tmpfs", flags, b"size=16k,mode=0555") != 0:
            return f"cannot cover {path} ({os.strerror(ctypes.get_errno())})"
    return None


def probe() -> int:
    """Exit status 0 if this machine lets the sandbox hide folders from kernels."""
    why = hide([tempfile.mkdtemp(prefix="ngoaivu-probe-")])
    if why:
        print(why, file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv == ["--probe"]:
        sys.exit(probe())
    split = argv.index("--")
    parser = argparse.ArgumentParser(prog="grader.grading.sandbox")
    parser.add_argument("--memory-mb", type=int, default=0)
    parser.add_argument("--cpu-seconds", type=int, default=0)
    parser.add_argument("--file-mb", type=int, default=0)
    parser.add_argument("--user", default="")
    parser.add_argument("--hide", action="append", default=[])
    args = parser.parse_args(argv[:split])
    cmd = argv[split + 1:]
    env = dict(os.environ)
    scratch = Path(tempfile.mkdtemp(prefix="ngoaivu-kernel-"))
    for i, part in enumerate(cmd):  # the connection file, readable from the scratch folder
        if part.endswith(".json") and Path(part).is_file():
            copy = scratch / Path(part).name
            shutil.copy(part, copy)
            cmd[i] = str(copy)
    for var in ("HOME", "IPYTHONDIR", "MPLCONFIGDIR", "JUPYTER_RUNTIME_DIR", "JUPYTER_DATA_DIR", "TMPDIR"):
        env[var] = str(scratch)
    os.chdir(scratch)  # before hiding: a working folder inside the course would stay reachable
    if args.hide:
        why = hide(args.hide)
        if why:
            print(f"grader.grading.sandbox: {why}", file=sys.stderr)
            sys.exit(3)
    if args.user:
        pw = pwd.getpwnam(args.user)
        for path in [scratch, *scratch.iterdir()]:
            os.chown(path, pw.pw_uid, pw.pw_gid)
        os.setgroups([])
        os.setgid(pw.pw_gid)
        os.setuid(pw.pw_uid)
    _limit(resource.RLIMIT_AS, args.memory_mb * 1024 * 1024)
    _limit(resource.RLIMIT_CPU, args.cpu_seconds)
    _limit(resource.RLIMIT_FSIZE, args.file_mb * 1024 * 1024)
    os.execvpe(cmd[0], cmd, env)


if __name__ == "__main__":
    main()
