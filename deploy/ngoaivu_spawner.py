"""JupyterHub's LocalProcessSpawner with enforced per-user memory, CPU and process limits (Linux cgroups).

``LocalProcessSpawner`` accepts ``mem_limit`` and ``cpu_limit`` but enforces neither. This spawner puts
each limited user's server (and so every kernel and terminal it starts) in a cgroup of its own,
``ngoaivu/<user>``, before the server's program runs: the ``preexec_fn`` that drops to the user's
uid first writes the child's pid into the cgroup, so there is no moment when the server runs
unlimited. The limits:

* memory: ``memory.max`` (cgroup v2) or ``memory.limit_in_bytes`` (v1); no swap beyond it on v2.
  A kernel that allocates more is killed by the kernel's OOM killer inside that cgroup only;
* CPU: ``cpu.max`` (v2) or ``cpu.cfs_quota_us`` / ``cpu.cfs_period_us`` (v1), in cores;
* processes: ``pids.max`` (a fork bomb stops at the limit, for that user only).

If a limit is configured and the machine gives no writable cgroup controller for it, the spawn
fails with the reason (limits are never silently dropped); set the limit to 0 to run without it.
On a host managed by systemd, ``systemdspawner`` is the alternative (docs/deploy.md).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from jupyterhub.spawner import LocalProcessSpawner
from traitlets import Integer, Set, Unicode

CGROUP_ROOT = Path("/sys/fs/cgroup")
PERIOD_US = 100_000


class CgroupError(RuntimeError):
    """The machine cannot enforce a configured limit."""


def cgroup_version(root: Path = CGROUP_ROOT) -> int:
    """2 for the unified hierarchy, 1 for per-controller hierarchies, 0 when neither is mounted."""
    if (root / "cgroup.controllers").exists():
        return 2
    if (root / "memory").is_dir() or (root / "cpu").is_dir() or (root / "pids").is_dir():
        return 1
    return 0


def _write(path: Path, value: str) -> None:
    try:
        path.write_text(value, encoding="ascii")
    except OSError as exc:
        raise CgroupError(f"cannot write {value!r} to {path}: {exc.strerror or exc}") from exc


def prepare(name: str, mem_bytes: int, cpu_cores: float, pids: int, base: str = "ngoaivu",
            root: Path = CGROUP_ROOT) -> list[Path]:
    """Create (or update) the cgroup ``<base>/<name>`` with the limits; the ``cgroup.procs`` files to join."""
    version = cgroup_version(root)
    wanted = {"memory": mem_bytes > 0, "cpu": cpu_cores > 0, "pids": pids > 0}
    if not any(wanted.values()):
        return []
    if version == 0:
        raise CgroupError(f"no cgroup file system under {root}: memory, CPU and process limits cannot be enforced")
    procs: list[Path] = []
    if version == 2:
        top = root / base
        top.mkdir(exist_ok=True)
        controllers = " ".join(f"+{c}" for c, on in wanted.items() if on)
        _write(root / "cgroup.subtree_control", controllers)
        _write(top / "cgroup.subtree_control", controllers)
        group = top / name
        group.mkdir(exist_ok=True)
        if wanted["memory"]:
            _write(group / "memory.max", str(mem_bytes))
            if (group / "memory.swap.max").exists():
                _write(group / "memory.swap.max", "0")
        if wanted["cpu"]:
            _write(group / "cpu.max", f"{int(cpu_cores * PERIOD_US)} {PERIOD_US}")
        if wanted["pids"]:
            _write(group / "pids.max", str(pids))
        return [group / "cgroup.procs"]
    for controller, on in wanted.items():
        if not on:
            continue
        hierarchy = root / controller
        if not hierarchy.is_dir():
            raise CgroupError(f"the cgroup controller {controller!r} is not mounted under {root}")
        group = hierarchy / base / name
        group.mkdir(parents=True, exist_ok=True)
        if controller == "memory":
            _write(group / "memory.limit_in_bytes", str(mem_bytes))
            if (group / "memory.memsw.limit_in_bytes").exists():  # no swap beyond the limit either
                _write(group / "memory.memsw.limit_in_bytes", str(mem_bytes))
        elif controller == "cpu":
            _write(group / "cpu.cfs_period_us", str(PERIOD_US))
            _write(group / "cpu.cfs_quota_us", str(int(cpu_cores * PERIOD_US)))
        else:
            _write(group / "pids.max", str(pids))
        procs.append(group / "cgroup.procs")
    return procs


def remove(name: str, base: str = "ngoaivu", root: Path = CGROUP_ROOT) -> None:
    """Remove the user's cgroup(s) once empty (the kernel refuses while a process is still in one)."""
    candidates = [root / base / name] if cgroup_version(root) == 2 else \
        [root / controller / base / name for controller in ("memory", "cpu", "pids")]
    for group in candidates:
        try:
            group.rmdir()
        except OSError:
            pass


def cgroup_dirs(pid: int) -> dict[str, str]:
    """controller (or "" for v2) -> cgroup path of process ``pid`` (from /proc/<pid>/cgroup)."""
    found: dict[str, str] = {}
    for line in Path(f"/proc/{pid}/cgroup").read_text(encoding="ascii").splitlines():
        _, controllers, path = line.split(":", 2)
        for controller in controllers.split(",") if controllers else [""]:
            found[controller] = path
    return found


class LimitedSpawner(LocalProcessSpawner):
    """A LocalProcessSpawner whose users named in ``limited_users`` (all when empty) run inside a cgroup."""

    limited_users = Set(Unicode(), help="users whose servers get the limits (empty: every user)").tag(config=True)
    pids_limit = Integer(512, help="processes and threads of one user's server (0: no limit)").tag(config=True)
    cgroup_base = Unicode("ngoaivu", help="parent cgroup of the users' cgroups").tag(config=True)

    def _limited(self) -> bool:
        return not self.limited_users or self.user.name in self.limited_users

    def make_preexec_fn(self, name: str) -> Any:
        drop = super().make_preexec_fn(name)
        if not self._limited():
            return drop
        procs = prepare(name, int(self.mem_limit or 0), float(self.cpu_limit or 0), int(self.pids_limit),
                        self.cgroup_base)

        def join_then_drop() -> None:
            pid = str(os.getpid())
            for path in procs:  # still root here: join the user's cgroup, then become the user
                with open(path, "w", encoding="ascii") as fh:
                    fh.write(pid)
            drop()

        return join_then_drop

    async def stop(self, now: bool = False) -> None:
        await super().stop(now=now)
        if self._limited():
            remove(self.user.name, self.cgroup_base)
