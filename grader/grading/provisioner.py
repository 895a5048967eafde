"""The kernel provisioner of grading kernels: a uid of its own per grading, confined, warm when it can be.

Registered as ``ngoaivu-sandbox`` in jupyter_client's ``jupyter_client.kernel_provisioners`` entry points
and chosen by :class:`grader.grading.execute.SandboxKernelManager` for every grading kernel, so nbgrader's
``Execute`` and nbclient drive it as any kernel. For each kernel it

1. leases a uid and an empty scratch folder from :class:`grader.grading.uids.UidPool` (when the grader
   runs as root), puts the connection file there (owned by that uid, mode 0400) and has the kernel talk
   over Unix sockets in that folder (the kernel has no network at all);
2. starts the kernel *warm* through the course's :class:`grader.grading.warm.WarmPool` when
   ``SandboxKernelManager.warm_pool`` names one, or *cold* with ``python -m grader.grading.sandbox``;
   both confine it the same way (:mod:`grader.grading.sandbox`);
3. when the kernel is stopped, kills every process of its uid, removes the scratch folder and gives the
   uid back (:meth:`grader.grading.uids.Lease.release`).

If the warm pool cannot be reached the kernel starts cold and the reason goes to the run's log; when the
pool is gone (no socket, or nothing listening on it) every later kernel of the process starts cold too,
said once.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import pwd
import select
import shutil
import signal
import socket
import sys
import tempfile
from pathlib import Path
from typing import Any

from jupyter_client.connect import KernelConnectionInfo
from jupyter_client.provisioning import LocalProvisioner

from grader.grading.sandbox import Confinement, kernel_env, python_unreadable_by_others
from grader.grading.uids import Lease, UidPool, parse_range
from grader.messages import t

_live: set[SandboxProvisioner] = set()
_warm_broken: dict[str, str] = {}  # pool socket -> why it was given up in this process


def kill_all() -> None:
    """Kill every kernel this process started and release its uid (a worker past its time limit)."""
    for prov in list(_live):
        prov.kill_now()


def warm_given_up(socket_path: str) -> str | None:
    """Why this process gave up the warm pool at ``socket_path`` (None: it did not)."""
    return _warm_broken.get(socket_path)


def _standard_kernel(cmd: list[str]) -> bool:
    """The course's kernel is this Python's ipykernel (the only kernel a warm pool can fork)."""
    if len(cmd) < 3 or cmd[1:3] != ["-m", "ipykernel_launcher"]:
        return False
    with contextlib.suppress(OSError):
        return os.path.samefile(cmd[0], sys.executable) or cmd[0] in ("python", "python3")
    return False


class SandboxProvisioner(LocalProvisioner):  # type: ignore[misc]
    """See the module docstring."""

    lease: Lease | None = None
    confinement: Confinement | None = None
    _sock: socket.socket | None = None
    _warm_exit: int | None = None
    _buffer = b""
    _own_scratch: str | None = None
    _pool = ""
    connection_file = ""
    warm = False

    # --- jupyter_client's provisioner interface --------------------------------------------------------

    async def pre_launch(self, **kwargs: Any) -> dict[str, Any]:
        km = self.parent
        root = os.geteuid() == 0
        no_namespaces = km.isolation_unavailable() if root else "not root"
        uid: int | None = None
        if root and km.uid_range and (no_namespaces is None or python_unreadable_by_others() is None):
            first, count = parse_range(km.uid_range)
            self.lease = UidPool(first, count, km.scratch_root).claim()
            scratch, uid = str(self.lease.scratch), self.lease.uid
        else:
            scratch = self._own_scratch = tempfile.mkdtemp(prefix="ngoaivu-kernel-")
            if root and km.user and km.user_unavailable() is None:  # one named user for every kernel
                uid = pwd.getpwnam(km.user).pw_uid
                os.chown(scratch, uid, pwd.getpwnam(km.user).pw_gid)
        isolate = self.lease is not None and no_namespaces is None
        km.connection_file = str(Path(scratch) / "kernel.json")
        if isolate:
            km.transport, km.cache_ports, km.ip = "ipc", False, str(Path(scratch) / "k")
        try:
            kwargs = await super().pre_launch(**kwargs)
            if uid is not None:
                gid = self.lease.gid if self.lease else pwd.getpwuid(uid).pw_gid
                os.chown(km.connection_file, uid, gid)
                os.chmod(km.connection_file, 0o400)
            else:
                gid = None
        except BaseException:
            self._release()
            raise
        self.confinement = Confinement(
            scratch, uid, gid, isolate, list(km.hidden_paths) if root and no_namespaces is None else [],
            km.memory_mb, km.cpu_seconds, km.file_mb, km.nproc if self.lease is not None else 0,
        )
        self.connection_file = km.connection_file
        cmd = kwargs["cmd"]
        self._pool = km.warm_pool
        self.warm = bool(self._pool) and self._pool not in _warm_broken and _standard_kernel(cmd)
        kwargs["env"] = kernel_env(scratch, kwargs.get("env") or dict(os.environ))
        kwargs["cwd"] = scratch
        kwargs["cmd"] = [sys.executable, "-m", "grader.grading.sandbox", *self.confinement.args(), "--", *cmd]
        _live.add(self)
        return kwargs

    async def launch_kernel(self, cmd: list[str], **kwargs: Any) -> KernelConnectionInfo:
        if self.warm:
            try:
                return self._launch_warm(kwargs["env"])
            except OSError as exc:
                reason = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
                gone = isinstance(exc, FileNotFoundError | ConnectionRefusedError)
                self._warm_failed(reason, gone)
        self.warm = False
        return await super().launch_kernel(cmd, **kwargs)

    @property
    def has_process(self) -> bool:
        if self.warm:
            return self.pid is not None and self._warm_exit is None
        return super().has_process

    async def poll(self) -> int | None:
        if not self.warm:
            return await super().poll()
        return self._poll_warm()

    async def wait(self) -> int | None:
        if not self.warm:
            return await super().wait()
        while (code := self._poll_warm()) is None:
            await asyncio.sleep(0.02)
        return code

    async def send_signal(self, signum: int) -> None:
        if not self.warm:
            return await super().send_signal(signum)
        if self.pgid and self._poll_warm() is None:
            os.killpg(self.pgid, signum)

    async def kill(self, restart: bool = False) -> None:
        if not self.warm:
            return await super().kill(restart)
        with contextlib.suppress(OSError):
            await self.send_signal(signal.SIGKILL)

    async def terminate(self, restart: bool = False) -> None:
        if not self.warm:
            return await super().terminate(restart)
        with contextlib.suppress(OSError):
            await self.send_signal(signal.SIGTERM)

    async def cleanup(self, restart: bool = False) -> None:
        await super().cleanup(restart)
        if not restart:
            self._release()

    async def get_provisioner_info(self) -> dict:
        info = await super().get_provisioner_info()
        info.update({"warm": self.warm, "uid": self.lease.uid if self.lease else None})
        return info

    # --- warm kernels ---------------------------------------------------------------------------------

    def _launch_warm(self, env: dict[str, str]) -> KernelConnectionInfo:
        assert self.confinement is not None
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            sock.settimeout(30)
            sock.connect(self._pool)
            request = {"confinement": self.confinement.to_dict(), "connection_file": self.connection_file,
                       "env": env}
            socket.send_fds(sock, [json.dumps(request).encode("utf-8") + b"\n"], [1, 2])
            line = self._read_line(sock)
            if not line.startswith("pid "):
                raise ConnectionError("the warm kernel process closed the connection")
        except BaseException:
            sock.close()
            raise
        sock.setblocking(False)
        self._sock = sock
        self.pid = self.pgid = int(line[4:])
        self.cwd = self.confinement.scratch
        return self.connection_info

    def _read_line(self, sock: socket.socket) -> str:
        while b"\n" not in self._buffer:
            chunk = sock.recv(4096)
            if not chunk:
                break
            self._buffer += chunk
        line, _, self._buffer = self._buffer.partition(b"\n")
        return line.decode("ascii", "replace")

    def _poll_warm(self) -> int | None:
        if self._warm_exit is not None or self._sock is None:
            return self._warm_exit if self._warm_exit is not None else 0
        while True:
            try:
                ready, _, _ = select.select([self._sock], [], [], 0)
                if not ready:
                    return None
                chunk = self._sock.recv(4096)
            except BlockingIOError:
                return None
            except OSError:
                chunk = b""
            if not chunk:  # A is gone without a word (killed with its kernel)
                self._warm_exit = -signal.SIGKILL
                return self._warm_exit
            self._buffer += chunk
            if b"\n" in self._buffer:
                line = self._buffer.split(b"\n", 1)[0].decode("ascii", "replace")
                self._warm_exit = int(line[5:]) if line.startswith("exit ") and line[5:].lstrip("-").isdigit() \
                    else -signal.SIGKILL
                return self._warm_exit

    def _warm_failed(self, reason: str, gone: bool) -> None:
        """This kernel starts cold; so do all later ones of this process if the pool is gone (said once)."""
        if gone and self._pool not in _warm_broken:
            _warm_broken[self._pool] = reason
            text = t("warm.fallback", reason=reason)
        elif gone:
            return
        else:
            text = t("warm.cold_one", reason=reason)
        self.log.warning("%s", text)
        with contextlib.suppress(OSError):
            os.write(2, (text + "\n").encode("utf-8", "replace"))  # the grading run's log

    # --- the end of a grading -------------------------------------------------------------------------

    def kill_now(self) -> None:
        """Synchronously kill the kernel and release its uid (no event loop needed)."""
        with contextlib.suppress(OSError):
            if self.warm and self.pgid and self._poll_warm() is None:
                os.killpg(self.pgid, signal.SIGKILL)
            elif not self.warm and self.process is not None:
                os.killpg(self.pgid or self.process.pid, signal.SIGKILL)
        self._release()

    def _release(self) -> None:
        _live.discard(self)
        if self._sock is not None:
            with contextlib.suppress(OSError):
                self._sock.close()  # A, if still there, kills the kernel on seeing this
            self._sock = None
        if self.lease is not None:
            self.lease.release()
            self.lease = None
        if self._own_scratch:
            shutil.rmtree(self._own_scratch, ignore_errors=True)
            self._own_scratch = None
