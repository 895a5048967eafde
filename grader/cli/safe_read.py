"""Reading a trainee's submission folder from the exchange without trusting anything in it.

The grading service runs as root; the exchange's inbound folder is written by trainees. A
submission folder is therefore read

* **as its owner**: a forked child drops to the folder owner's uid and gid (no supplementary
  groups) before opening anything, so root never opens a trainee's file, and the trainee's own
  permissions are all the reader has (when the collector is not root, it reads with its own
  rights, e.g. the instructor through the staff group);
* **without following any link**: every folder and file is opened relative to its parent's
  descriptor with ``O_NOFOLLOW``; a symbolic link, a FIFO, a socket or a device anywhere in the tree
  refuses the whole submission (the check is made on the opened descriptor, so swapping a file for a
  link between the check and the read changes nothing); FIFOs are opened with ``O_NONBLOCK``;
* **owned by the trainee**: every entry's owner must be the folder's owner (a hard link to another
  user's file, where the kernel allows one, has that user as owner);
* **bounded**: at most ``max_files`` entries, ``max_file_bytes`` per file, ``max_submission_bytes`` in
  all, ``max_depth`` nested folders; bytes past a cap are never read.

The child sends what it read to the parent through a pipe as length-prefixed JSON headers and raw
bytes; the parent checks every header, path and size again, so a confused child cannot make the
parent write outside the destination or beyond the caps. The parent writes the copy itself.
"""

from __future__ import annotations

import contextlib
import errno
import fnmatch
import json
import os
import signal
import stat
import struct
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from grader.messages import t

_HEADER_MAX = 64 * 1024
_SECRET_MAX = 4096
_OPEN_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0)


@dataclass(frozen=True)
class Limits:
    """Caps on one submission (``c.NgoaivuCollect.*`` in the course's nbgrader_config.py)."""

    max_file_bytes: int = 5 * 1024 * 1024
    max_submission_bytes: int = 20 * 1024 * 1024
    max_files: int = 200
    max_depth: int = 8


@dataclass(frozen=True)
class Refusal:
    """Why a submission is refused: a message key (``collect.refused.*``) and its parameters."""

    key: str
    params: dict[str, str] = field(default_factory=dict)


@dataclass
class Tree:
    """What was read from a submission folder."""

    files: dict[str, bytes] = field(default_factory=dict)  # relative POSIX path -> bytes
    folders: list[str] = field(default_factory=list)
    refusal: Refusal | None = None
    secret: str = ""  # submission_secret.txt, when it is a small regular file of the owner
    notebooks: list[str] = field(default_factory=list)  # names of the top-level *.ipynb entries, whatever they are


class _Refused(Exception):
    def __init__(self, key: str, **params: str):
        super().__init__(key)
        self.refusal = Refusal(key, {k: str(v) for k, v in params.items()})


def _send(out: int, header: dict[str, object], data: bytes = b"") -> None:
    raw = json.dumps(header).encode()
    _write_all(out, struct.pack(">I", len(raw)) + raw)
    if data:
        _write_all(out, data)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _read_capped(fd: int, cap: int) -> bytes:
    """At most ``cap + 1`` bytes of ``fd`` (one more than allowed tells the caller it is too large)."""
    chunks, left = [], cap + 1
    while left > 0:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _ignored(name: str, ignore: tuple[str, ...]) -> bool:
    return any(fnmatch.fnmatch(name, pattern) for pattern in ignore)


def _walk(folder_fd: int, owner: int, limits: Limits, ignore: tuple[str, ...], out: int) -> None:
    """The child's work: send every folder and file under ``folder_fd`` (already opened and checked)."""
    count = total = 0
    stack: list[tuple[str, int, int]] = [("", folder_fd, 0)]
    while stack:
        rel, dfd, depth = stack.pop()
        try:
            names = sorted(os.listdir(dfd))
        except OSError as exc:
            raise _Refused("collect.refused.unreadable", path=rel or ".", error=exc.strerror or str(exc)) from exc
        for name in names:
            if _ignored(name, ignore):
                continue
            path = f"{rel}/{name}" if rel else name
            count += 1
            if count > limits.max_files:
                raise _Refused("collect.refused.too_many_files", limit=str(limits.max_files))
            st = os.stat(name, dir_fd=dfd, follow_symlinks=False)
            if stat.S_ISLNK(st.st_mode):
                raise _Refused("collect.refused.link", path=path)
            if not (stat.S_ISDIR(st.st_mode) or stat.S_ISREG(st.st_mode)):
                raise _Refused("collect.refused.special", path=path)
            if st.st_uid != owner:
                raise _Refused("collect.refused.not_owner", path=path)
            try:
                fd = os.open(name, _OPEN_FLAGS | (os.O_DIRECTORY if stat.S_ISDIR(st.st_mode) else 0), dir_fd=dfd)
            except OSError as exc:
                raise _Refused("collect.refused.unreadable", path=path, error=exc.strerror or str(exc)) from exc
            opened = os.fstat(fd)
            if (opened.st_dev, opened.st_ino) != (st.st_dev, st.st_ino) or opened.st_uid != owner \
                    or stat.S_IFMT(opened.st_mode) != stat.S_IFMT(st.st_mode):
                os.close(fd)
                raise _Refused("collect.refused.changed", path=path)
            if stat.S_ISDIR(opened.st_mode):
                if depth + 1 > limits.max_depth:
                    os.close(fd)
                    raise _Refused("collect.refused.too_deep", limit=str(limits.max_depth))
                _send(out, {"t": "dir", "p": path})
                stack.append((path, fd, depth + 1))
                continue
            try:
                if opened.st_size > limits.max_file_bytes:
                    raise _Refused("collect.refused.file_too_large", path=path, limit=_mb(limits.max_file_bytes))
                data = _read_capped(fd, limits.max_file_bytes)
            finally:
                os.close(fd)
            if len(data) > limits.max_file_bytes:
                raise _Refused("collect.refused.file_too_large", path=path, limit=_mb(limits.max_file_bytes))
            total += len(data)
            if total > limits.max_submission_bytes:
                raise _Refused("collect.refused.too_large", limit=_mb(limits.max_submission_bytes))
            _send(out, {"t": "file", "p": path, "n": len(data)}, data)
        if dfd != folder_fd:
            os.close(dfd)


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):g}"


def _small_regular(folder_fd: int, name: str, owner: int, cap: int) -> bytes | None:
    """A small regular file of ``owner`` directly in the folder, or None (never follows a link)."""
    try:
        fd = os.open(name, _OPEN_FLAGS, dir_fd=folder_fd)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_uid != owner or st.st_size > cap:
            return None
        data = _read_capped(fd, cap)
        return data if len(data) <= cap else None
    finally:
        os.close(fd)


def _child(path: Path, owner: int, group: int, limits: Limits, ignore: tuple[str, ...], out: int,
           walk: bool) -> None:
    if os.geteuid() == 0 and owner != 0:
        os.setgroups([])
        os.setresgid(group, group, group)
        os.setresuid(owner, owner, owner)
    try:
        fd = os.open(path, _OPEN_FLAGS | os.O_DIRECTORY)
    except OSError as exc:
        key = "collect.refused.link" if exc.errno in (errno.ELOOP, errno.ENOTDIR) else "collect.refused.unreadable"
        raise _Refused(key, path=".", error=exc.strerror or str(exc)) from exc
    st = os.fstat(fd)
    if st.st_uid != owner:
        raise _Refused("collect.refused.not_owner", path=".")
    names = sorted(n for n in os.listdir(fd) if n.endswith(".ipynb"))
    secret = _small_regular(fd, "submission_secret.txt", owner, _SECRET_MAX)
    _send(out, {"t": "meta", "notebooks": names,
                "secret": secret.decode("utf-8", "replace").strip() if secret else ""})
    if walk:
        _walk(fd, owner, limits, ignore, out)
    _send(out, {"t": "end"})


def _read_exact(fd: int, size: int) -> bytes:
    chunks, left = [], size
    while left > 0:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            raise EOFError(t("cli.read.stopped"))
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _clean_path(raw: object) -> str:
    if not isinstance(raw, str) or not raw or "\0" in raw:
        raise ValueError(t("cli.read.bad_path"))
    parts = PurePosixPath(raw).parts
    if raw.startswith("/") or any(p in ("", ".", "..") for p in parts):
        raise ValueError(t("cli.read.bad_path"))
    return "/".join(parts)


def read_submission(path: Path, owner: int, group: int, limits: Limits, ignore: tuple[str, ...] = (),
                    walk: bool = True) -> Tree:
    """Read ``path`` (a submission folder owned by ``owner``) as that user; see the module's docstring.

    ``walk=False`` reads only the submission secret and the notebook names (to send a refused
    submission's notice to its owner).
    """
    rfd, wfd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        code = 0
        try:
            os.close(rfd)
            try:
                _child(path, owner, group, limits, ignore, wfd, walk)
            except _Refused as exc:
                _send(wfd, {"t": "refuse", "key": exc.refusal.key, "params": exc.refusal.params})
            except OSError as exc:
                _send(wfd, {"t": "refuse", "key": "collect.refused.unreadable",
                            "params": {"path": ".", "error": exc.strerror or str(exc)}})
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    os.close(wfd)
    tree = Tree()
    total = 0
    finished = False
    try:
        while True:
            size = struct.unpack(">I", _read_exact(rfd, 4))[0]
            if size > _HEADER_MAX:
                raise ValueError(t("cli.read.oversized"))
            header = json.loads(_read_exact(rfd, size))
            kind = header.get("t")
            if kind == "end":
                finished = True
                break
            if kind == "meta":
                tree.notebooks = [str(n) for n in header.get("notebooks", [])][: limits.max_files]
                tree.secret = str(header.get("secret", ""))[:_SECRET_MAX]
            elif kind == "refuse":
                params = header.get("params", {})
                key = str(header.get("key"))
                if not key.startswith("collect.refused.") or not isinstance(params, dict):
                    raise ValueError(t("cli.read.bad_refusal"))
                tree.refusal = Refusal(key, {str(k): str(v)[:500] for k, v in params.items()})
                finished = True
                break
            elif kind == "dir":
                tree.folders.append(_clean_path(header.get("p")))
            elif kind == "file":
                rel, length = _clean_path(header.get("p")), header.get("n")
                if not isinstance(length, int) or length < 0 or length > limits.max_file_bytes \
                        or total + length > limits.max_submission_bytes or len(tree.files) >= limits.max_files:
                    raise ValueError(t("cli.read.over_caps"))
                total += length
                tree.files[rel] = _read_exact(rfd, length)
            else:
                raise ValueError(t("cli.read.unknown_header", kind=repr(kind)[:60]))
    except (EOFError, ValueError, struct.error, json.JSONDecodeError) as exc:
        tree.files.clear()
        tree.refusal = tree.refusal or Refusal("collect.refused.unreadable", {"path": ".", "error": str(exc)})
    finally:
        if not finished:  # the child may be blocked writing what the parent no longer reads
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)
        os.close(rfd)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)
    if tree.refusal is not None:
        tree.files.clear()
        tree.folders.clear()
    return tree
