"""A pool of dedicated uids, one leased to each grading kernel, shared by every grading process of the machine.

A uid of the pool belongs to nobody on the machine (no ``/etc/passwd`` entry, outside the ranges of
``/etc/subuid``): it exists only while a grading kernel runs as it. Leasing one takes an exclusive
``flock`` on ``<root>/locks/<uid>``, which the Linux kernel releases when the holder dies, so a grader
killed at any moment never keeps a uid. Before a uid is handed out, and again when its lease ends, every
process of that uid is killed (:func:`grader.grading.sandbox.kill_uid`) and its scratch folder
``<root>/<uid>`` is removed; the new scratch folder is created empty, owned by the uid, mode 0700, in a
root-owned folder that other users can traverse but not list. So a grading starts with a uid that owns no
process and no file, and whatever it started or wrote is gone before the uid is used again.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pwd
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

from grader.grading.sandbox import kill_uid
from grader.messages import t

DEFAULT_ROOT = "/run/ngoaivu-grading"
DEFAULT_FIRST_UID = 1_990_000_000
DEFAULT_COUNT = 256


class NoUidFree(RuntimeError):
    """Every uid of the pool is leased (more kernels at once than the pool holds)."""


def _subuid_ranges() -> list[tuple[int, int]]:
    ranges = []
    for name in ("/etc/subuid", "/etc/subgid"):
        with contextlib.suppress(OSError):
            for line in Path(name).read_text(encoding="utf-8").splitlines():
                parts = line.strip().split(":")
                if len(parts) == 3 and parts[1].isdigit() and parts[2].isdigit():
                    ranges.append((int(parts[1]), int(parts[1]) + int(parts[2])))
    return ranges


def parse_range(text: str) -> tuple[int, int]:
    """``"1990000000-1990000255"`` -> (first uid, count)."""
    first, _, last = text.partition("-")
    lo, hi = int(first), int(last or first)
    if lo <= 0 or hi < lo:
        raise ValueError(t("grading.uid_range_invalid", text=text))
    return lo, hi - lo + 1


@dataclass
class Lease:
    """One uid and its scratch folder, held until :meth:`release`."""

    uid: int
    scratch: Path
    _fd: int

    @property
    def gid(self) -> int:
        return self.uid

    def release(self) -> None:
        """Kill every process of the uid, remove its scratch folder, give the uid back. Idempotent."""
        if self._fd < 0:
            return
        try:
            kill_uid(self.uid)
            shutil.rmtree(self.scratch, ignore_errors=True)
        finally:
            os.close(self._fd)
            self._fd = -1


class UidPool:
    """The uids ``first`` .. ``first + count - 1``, leased through lock files under ``root``."""

    def __init__(self, first: int = DEFAULT_FIRST_UID, count: int = DEFAULT_COUNT, root: str = DEFAULT_ROOT):
        self.first, self.count, self.root = first, count, Path(root)

    def _prepare(self) -> Path:
        locks = self.root / "locks"
        if not locks.is_dir():
            self.root.mkdir(mode=0o711, parents=True, exist_ok=True)
            locks.mkdir(mode=0o700, exist_ok=True)
        os.chmod(self.root, 0o711)
        return locks

    def _usable(self, uid: int, taken: list[tuple[int, int]]) -> bool:
        if any(lo <= uid < hi for lo, hi in taken):
            return False
        try:
            pwd.getpwuid(uid)
        except KeyError:
            return True
        return False

    def claim(self) -> Lease:
        """Lease a free uid with an empty scratch folder of its own (root only)."""
        locks = self._prepare()
        taken = _subuid_ranges()
        offset = random.randrange(self.count)
        for i in range(self.count):
            uid = self.first + (offset + i) % self.count
            if not self._usable(uid, taken):
                continue
            fd = os.open(locks / str(uid), os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                os.close(fd)
                continue
            scratch = self.root / str(uid)
            try:
                if not kill_uid(uid):
                    raise OSError(f"processes of uid {uid} would not die")
                if scratch.exists() or scratch.is_symlink():  # left by a grader killed mid-grading
                    shutil.rmtree(scratch) if scratch.is_dir() and not scratch.is_symlink() else scratch.unlink()
                scratch.mkdir(mode=0o700)
                os.chown(scratch, uid, uid)
            except OSError:
                os.close(fd)
                continue
            return Lease(uid, scratch, fd)
        raise NoUidFree(f"all {self.count} grading uids from {self.first} are in use")
