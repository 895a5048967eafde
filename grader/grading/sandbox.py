"""Launch a grading kernel inside limits: ``python -m grader.grading.sandbox [options] -- <kernel command>``.

Sets resource limits (address space, CPU seconds, file size), and, when started as root with
``--user``, drops to that unprivileged user before starting the kernel: the kernel then cannot
read the instructor's course folder (:func:`protect_course` makes it private to its owner) nor
write anywhere but its own scratch folder. The connection file is copied to that scratch folder
so the kernel can read it after the drop.
"""

from __future__ import annotations

import argparse
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
        pw = pwd.getpwnam(user)
    except KeyError:
        return f"there is no user {user!r} on this machine"
    for path in (Path(sys.executable).resolve(), Path(__file__).resolve()):
        for parent in [path, *path.parents]:
            mode = parent.stat().st_mode
            if parent.is_dir() and not mode & 0o001:
                return f"{parent} is not traversable by other users, so {user!r} cannot run Python"
    del pw
    return None


def protect_course(course_root: Path) -> None:
    """Make the course folder private to its owner (rwx------ for others: nothing)."""
    mode = course_root.stat().st_mode & 0o777
    if mode & 0o007:
        course_root.chmod(mode & ~0o007)


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    split = argv.index("--")
    parser = argparse.ArgumentParser(prog="grader.grading.sandbox")
    parser.add_argument("--memory-mb", type=int, default=0)
    parser.add_argument("--cpu-seconds", type=int, default=0)
    parser.add_argument("--file-mb", type=int, default=0)
    parser.add_argument("--user", default="")
    args = parser.parse_args(argv[:split])
    cmd = argv[split + 1:]
    env = dict(os.environ)
    if args.user:
        pw = pwd.getpwnam(args.user)
        scratch = Path(tempfile.mkdtemp(prefix="ngoaivu-kernel-"))
        for i, part in enumerate(cmd):
            if part.endswith(".json") and Path(part).is_file():
                copy = scratch / Path(part).name
                shutil.copy(part, copy)
                os.chown(copy, pw.pw_uid, pw.pw_gid)
                cmd[i] = str(copy)
        os.chown(scratch, pw.pw_uid, pw.pw_gid)
        for var in ("HOME", "IPYTHONDIR", "MPLCONFIGDIR", "JUPYTER_RUNTIME_DIR", "JUPYTER_DATA_DIR", "TMPDIR"):
            env[var] = str(scratch)
        os.chdir(scratch)
        os.setgroups([])
        os.setgid(pw.pw_gid)
        os.setuid(pw.pw_uid)
    _limit(resource.RLIMIT_AS, args.memory_mb * 1024 * 1024)
    _limit(resource.RLIMIT_CPU, args.cpu_seconds)
    _limit(resource.RLIMIT_FSIZE, args.file_mb * 1024 * 1024)
    os.execvpe(cmd[0], cmd, env)


if __name__ == "__main__":
    main()
