"""Warm grading kernels: a pre-started process that forks one fresh, confined kernel per grading.

``ngoaivu autograde`` and ``ngoaivu watch`` start one :class:`WarmPool` per run: a root process (the
*zygote*, ``python -m grader.grading.warm``) that imports, once, what every grading kernel imports anyway
(ipykernel and IPython, the grader package with everything ``grader.assignments`` pulls in, and every
module the course's released notebooks import, found by reading their code cells), judges each public
criterion once on public samples (the released answer templates, the package's worked examples) so that
lazily loaded readers and language models are in memory, and then does nothing but fork. It never runs
a trainee's code, never loads the hidden criteria or the course's sources, and its environment is the
kernels' allow-list (:func:`grader.grading.sandbox.kernel_env`), so a child of it holds nothing another
grading could have left or that a trainee may not see.

For each grading the kernel provisioner (:class:`grader.grading.provisioner.SandboxProvisioner`) connects
to the zygote's socket (a root-only folder) and sends the kernel's confinement and connection file, with
its standard output and error as file descriptors. The zygote forks; the child is process A of
:func:`grader.grading.sandbox.run_confined` (namespaces, read-only view, private ``/tmp``, PID 1 that
takes every leftover process with it, a uid of its own), so a warm kernel is confined exactly as a cold
one; only Python's start-up and the imports are saved. A answers ``pid <n>`` on the connection, and
``exit <code>`` once the kernel and every process of its uid are gone; the provisioner closing the
connection (the grading process died) kills the kernel. Kernels do not depend on the zygote once forked:
if it dies mid-batch the kernels running finish, and later gradings start cold (said once).

Why one module: the zygote (the server side of the socket) and :class:`WarmPool` (its client, started by the
grading run) speak one small protocol (``pid <n>``, ``exit <code>``) and one set of readiness and clean-up rules
(the pool's folder, its zygote's pid); kept together, each side of the protocol is read beside the other.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import copy
import gc
import importlib
import io
import json
import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterable
from pathlib import Path

from grader.grading.sandbox import Confinement, kernel_env, run_confined
from grader.messages import t

# What every grading kernel imports, whatever the course: the kernel itself and the grader.
BASE_PRELOAD = ("ipykernel.kernelapp", "ipykernel.ipkernel", "ipykernel.zmqshell", "ipykernel.debugger", "IPython",
                "matplotlib_inline.backend_inline", "grader", "grader.assignments", "grader.nbtest",
                "grader.selfcheck")
INLINE_BACKEND = "module://matplotlib_inline.backend_inline"
READY_TIMEOUT = 120.0
# The zygote's first line on its standard output: ``ready <json>``, or ``threads <n>`` when it cannot fork safely.
READY, THREADS = "ready ", "threads "


class WarmUnavailable(RuntimeError):
    """Warm kernels cannot be had here: ``key`` (``warm.unavailable.*``) and ``params`` say why; ``str()`` is the
    reason in the current locale."""

    def __init__(self, key: str, **params: object):
        super().__init__(key)
        self.key, self.params = key, params

    def __str__(self) -> str:
        return t(self.key, **self.params)


def unavailable() -> str | None:
    """None if this machine can fork warm kernels; otherwise why not (a ``warm.unavailable.*`` key)."""
    if sys.platform != "linux" or not hasattr(os, "fork") or not hasattr(os, "pidfd_open"):
        return "warm.unavailable.linux"
    if not hasattr(socket, "send_fds"):
        return "warm.unavailable.send_fds"
    return None


def imported_modules(sources: Iterable[str]) -> list[str]:
    """Top-level and dotted modules imported by these code cells (IPython magics and shell lines ignored)."""
    found: list[str] = []
    for source in sources:
        text = "\n".join("" if ln.lstrip().startswith(("%", "!")) else ln for ln in source.splitlines())
        try:
            tree = ast.parse(text)
        except (SyntaxError, ValueError):
            continue
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names = [node.module]
            found += [n for n in names if n not in found]
    return found


def _code_cells(path: Path) -> list[tuple[dict, str]]:
    cells = []
    with contextlib.suppress(OSError, ValueError):
        for cell in json.loads(path.read_text(encoding="utf-8")).get("cells", []):
            if cell.get("cell_type") == "code":
                src = cell.get("source", "")
                cells.append((cell, "".join(src) if isinstance(src, list) else str(src)))
    return cells


def _released(release_dir: Path | None) -> list[Path]:
    return sorted(release_dir.glob("*/*.ipynb")) if release_dir and release_dir.is_dir() else []


def course_preload(release_dir: Path | None) -> list[str]:
    """The modules a warm kernel pre-imports: :data:`BASE_PRELOAD` and what the released notebooks import."""
    sources = [src for path in _released(release_dir) for _, src in _code_cells(path)]
    modules = list(BASE_PRELOAD)
    return modules + [m for m in imported_modules(sources) if m not in modules]


def _literal_assignments(source: str) -> list[object]:
    """Values of the plain-literal assignments of a cell (the answer template of a released answer cell)."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return []
    found = []
    for node in tree.body:
        if isinstance(node, ast.Assign):
            with contextlib.suppress(ValueError, TypeError, SyntaxError, RecursionError, MemoryError):
                found.append(ast.literal_eval(node.value))
    return found


def course_warm_up(release_dir: Path | None) -> dict[str, list[object]]:
    """What the zygote runs once so that lazily loaded readers and models are in memory before it forks.

    For each released assignment: its answer templates (the literal values of the released answer cells,
    what a blank submission holds). The zygote adds the package's public worked examples
    (:func:`_public_samples`). Everything here is what trainees are handed; nothing comes from the sources.
    """
    out: dict[str, list[object]] = {}
    for path in _released(release_dir):
        for cell, src in _code_cells(path):
            if cell.get("metadata", {}).get("nbgrader", {}).get("solution"):
                out.setdefault(path.parent.name, []).extend(
                    v for v in _literal_assignments(src) if isinstance(v, str | dict | list))
    return out


def _public_samples() -> list[object]:
    """The package's worked examples (the public, parameterless functions of ``grader.examples``), if any."""
    try:
        examples = importlib.import_module("grader.examples")
    except Exception:  # noqa: BLE001 - no examples module: nothing to warm up with
        return []
    found = []
    for name, fn in sorted(vars(examples).items()):
        if name.startswith("_") or not callable(fn) or getattr(fn, "__module__", "") != examples.__name__:
            continue
        with contextlib.suppress(Exception):
            value = fn()
            if isinstance(value, str | dict):
                found.append(value)
    return found


def _warm_up(plan: dict[str, list[object]]) -> int:
    """Judge every public criterion of each assignment once on public samples (output discarded).

    Returns how many judgements ran. Caches filled here hold only public texts; a kernel's own answer is
    judged in the kernel (and re-judged by the grader) as in a cold kernel.
    """
    try:
        from grader import assignments
        from grader.nbtest import cham
    except Exception:  # noqa: BLE001 - an older grader: imports only
        return 0
    samples = _public_samples()
    count = 0
    sink = io.StringIO()
    for aid, templates in plan.items():
        try:
            criteria = [c.key for c in assignments.get(aid).public_criteria]
        except Exception:  # noqa: BLE001 - not an assignment of the package
            continue
        for value in [*templates, *samples]:
            for key in criteria:
                with contextlib.suppress(BaseException), contextlib.redirect_stdout(sink), \
                        contextlib.redirect_stderr(sink):
                    count += 1
                    cham(aid, key, copy.deepcopy(value))
                sink.seek(0)
                sink.truncate()
    return count


def warm_up_grader(release_dir: Path | None) -> int:
    """Warm this (the grader's) process the way the zygote warms itself, before it forks grading workers.

    The trusted re-check runs the same readers and models in the grader's process; loaded once here, every
    forked worker has them instead of loading them for its first submission of each exercise.
    """
    return _warm_up(course_warm_up(release_dir))


def _threads() -> int:
    """Threads of this process, native ones included (Linux /proc)."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return threading.active_count()


# --- the zygote ----------------------------------------------------------------------------------------------


def _run_kernel(connection_file: str, env: dict[str, str], scratch: str) -> None:
    """In C: become the kernel ``python -m ipykernel_launcher -f <connection_file>`` would have started."""
    os.environ.clear()
    os.environ.update(env)
    tempfile.tempdir = None
    sys.argv = [sys.executable, "-f", connection_file]
    sys.path.insert(0, scratch)
    from ipykernel.kernelapp import IPKernelApp

    IPKernelApp.launch_instance(argv=["-f", connection_file])


def _serve_one(listener: socket.socket, conn: socket.socket, request: dict, fds: list[int]) -> None:
    """In A (the zygote's child): set up the descriptors, then run the confined kernel. Never returns."""
    try:
        listener.close()
        os.setpgid(0, 0)
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.close(null)
        for target, fd in zip((1, 2), fds, strict=False):
            os.dup2(fd, target)
        for fd in fds:
            if fd > 2:
                os.close(fd)
        conn.sendall(f"pid {os.getpid()}\n".encode())
        conf = Confinement.from_dict(request["confinement"])

        def start() -> None:
            _run_kernel(request["connection_file"], request["env"], conf.scratch)

        def report(code: int) -> None:
            conn.sendall(f"exit {code}\n".encode())

    except BaseException:  # noqa: BLE001 - the child must never return into the zygote's loop
        os._exit(3)
    run_confined(conf, start, watch=conn, report=report)


def serve(socket_path: str, preload: list[str], warm_up: dict[str, list[object]] | None = None) -> int:
    """The zygote: import ``preload``, warm up, listen on ``socket_path``, fork a confined kernel per connection."""
    if sys.path and sys.path[0] in ("", os.getcwd()):
        del sys.path[0]
    with contextlib.suppress(OSError, AttributeError):
        import ctypes

        ctypes.CDLL(None).prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG: ends with the grading run
    failed = []
    for name in preload:
        try:
            importlib.import_module(name)
        except Exception as exc:  # noqa: BLE001 - a module the course imports may be missing here; cold would fail too
            failed.append(f"{name}: {type(exc).__name__}")
    judged = _warm_up(warm_up or {})
    if _threads() != 1:  # forking is unsafe
        print(f"{THREADS}{_threads() - 1}", flush=True)
        return 1
    gc.collect()
    gc.freeze()  # shared pages stay shared in the children
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(socket_path)
    os.chmod(socket_path, 0o600)
    listener.listen(128)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the children (A) are reaped by the Linux kernel
    info = {"failed": failed, "modules": len(sys.modules), "warm_up": judged}
    print(READY + json.dumps(info), flush=True)
    while True:
        conn, _ = listener.accept()
        fds: list[int] = []
        try:
            conn.settimeout(10)
            data, fds, _, _ = socket.recv_fds(conn, 1 << 20, 2)
            while data and not data.endswith(b"\n") and len(data) < 1 << 22:  # one JSON line, maybe in pieces
                more = conn.recv(1 << 20)
                if not more:
                    break
                data += more
            request = json.loads(data.decode("utf-8"))
            conn.settimeout(None)
        except (OSError, ValueError):
            conn.close()
            for fd in fds:
                os.close(fd)
            continue
        if os.fork() == 0:
            _serve_one(listener, conn, request, fds)
        conn.close()
        for fd in fds:
            os.close(fd)


# --- the client side -----------------------------------------------------------------------------------------


def _sweep_stale_folders(max_age: float = 3600.0) -> None:
    """Remove the folders of warm pools whose zygote is gone (their grading run was killed): ours only."""
    for folder in Path(tempfile.gettempdir()).glob("ngoaivu-warm-*"):
        with contextlib.suppress(OSError, ValueError):
            if folder.is_symlink() or not folder.is_dir() or folder.stat().st_uid != os.geteuid():
                continue
            pid_file = folder / "zygote.pid"
            if pid_file.is_file():
                pid = int(pid_file.read_text(encoding="ascii"))
                alive = Path(f"/proc/{pid}/cmdline").is_file() and \
                    b"grader.grading.warm" in Path(f"/proc/{pid}/cmdline").read_bytes()
                if alive:
                    continue
            elif time.time() - folder.stat().st_mtime < max_age:
                continue  # being set up right now
            shutil.rmtree(folder, ignore_errors=True)


class WarmPool:
    """A running zygote (see the module docstring); ``socket_path`` is what the provisioner connects to."""

    def __init__(self, process: subprocess.Popen[str], folder: Path, info: dict):
        self.process, self.folder, self.info = process, folder, info
        self.socket_path = str(folder / "pool.sock")

    @classmethod
    def start(cls, release_dir: Path | None = None, timeout: float = READY_TIMEOUT) -> WarmPool:
        """Start the zygote and wait until it has imported everything; :class:`WarmUnavailable` otherwise."""
        pool = cls.begin(release_dir)
        pool.wait_ready(timeout)
        return pool

    @classmethod
    def begin(cls, release_dir: Path | None = None) -> WarmPool:
        """Start the zygote without waiting for it (see :meth:`wait_ready`)."""
        if why := unavailable():
            raise WarmUnavailable(why)
        _sweep_stale_folders()
        folder = Path(tempfile.mkdtemp(prefix="ngoaivu-warm-"))
        os.chmod(folder, 0o700)
        (folder / "cache").mkdir()
        env = kernel_env(str(folder / "cache"))
        env["MPLBACKEND"] = os.environ.get("MPLBACKEND", INLINE_BACKEND)
        preload = course_preload(release_dir)
        (folder / "warm-up.json").write_text(json.dumps(course_warm_up(release_dir), ensure_ascii=False),
                                             encoding="utf-8")
        process = subprocess.Popen(
            [sys.executable, "-m", "grader.grading.warm", "--socket", str(folder / "pool.sock"),
             "--preload", ",".join(preload), "--warm-up", str(folder / "warm-up.json")],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env,
            cwd="/", close_fds=True,
        )
        (folder / "zygote.pid").write_text(str(process.pid), encoding="ascii")
        return cls(process, folder, {})

    def wait_ready(self, timeout: float = READY_TIMEOUT) -> None:
        """Wait until the zygote listens; :class:`WarmUnavailable` (and the zygote stopped) if it does not."""
        if self.info:
            return
        process = self.process
        assert process.stdout is not None
        deadline = time.monotonic() + timeout
        line = ""
        while time.monotonic() < deadline and process.poll() is None:
            ready, _, _ = select.select([process.stdout], [], [], max(0.0, deadline - time.monotonic()))
            if ready:
                line = process.stdout.readline()
                break
        if not line.startswith(READY):
            with contextlib.suppress(OSError):
                process.kill()
            process.wait()
            self.close()
            if line.startswith(THREADS) and line[len(THREADS):].strip().isdigit():
                raise WarmUnavailable("warm.unavailable.threads", count=int(line[len(THREADS):]))
            if line.strip():
                raise WarmUnavailable("warm.unavailable.said", detail=line.strip()[:200])
            if process.returncode is not None:
                raise WarmUnavailable("warm.unavailable.exit", code=process.returncode)
            raise WarmUnavailable("warm.unavailable.timeout", seconds=f"{timeout:g}")
        self.info = json.loads(line[len(READY):])

    @property
    def pid(self) -> int:
        return self.process.pid

    def alive(self) -> bool:
        return self.process.poll() is None

    def close(self) -> None:
        if self.alive():
            with contextlib.suppress(OSError):
                self.process.kill()
        with contextlib.suppress(Exception):
            self.process.wait(timeout=10)
        if self.process.stdout is not None:
            self.process.stdout.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> WarmPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="grader.grading.warm")
    parser.add_argument("--socket", required=True)
    parser.add_argument("--preload", default="")
    parser.add_argument("--warm-up", type=Path, default=None)
    args = parser.parse_args(argv)
    plan = json.loads(args.warm_up.read_text(encoding="utf-8")) if args.warm_up else {}
    return serve(args.socket, [m for m in args.preload.split(",") if m], plan)


if __name__ == "__main__":
    sys.exit(main())
