"""A throwaway PostgreSQL server for tests, from Debian's binaries (``apt-get install postgresql``).

``postgres_server`` (a pytest fixture, one server per test module) runs ``initdb`` and ``pg_ctl``
from ``/usr/lib/postgresql/<version>/bin`` in a temporary folder, as the ``postgres`` account when
the tests run as root (PostgreSQL refuses to run as root), listening on 127.0.0.1 only (a free port)
and on a unix socket inside that folder, with password authentication; it is stopped and its folder
removed after the module. Tests that use it are skipped, with the reason, when the binaries or the
Python driver (psycopg) are missing. Use::

    def test_x(postgres_server: PostgresServer) -> None:
        url = postgres_server.new_database("gradebook_a")   # postgresql+psycopg://...@127.0.0.1:PORT/gradebook_a
"""

from __future__ import annotations

import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

START_TIMEOUT = 60  # seconds


def find_bindir() -> Path | None:
    """The newest ``/usr/lib/postgresql/<version>/bin`` holding ``initdb`` and ``pg_ctl``."""
    found = []
    for bindir in Path("/usr/lib/postgresql").glob("*/bin"):
        if (bindir / "initdb").is_file() and (bindir / "pg_ctl").is_file():
            try:
                found.append((int(bindir.parent.name.split(".")[0]), bindir))
            except ValueError:
                continue
    return max(found)[1] if found else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class PostgresServer:
    bindir: Path
    folder: Path
    port: int
    password: str
    user: str = "postgres"

    @property
    def data(self) -> Path:
        return self.folder / "data"

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{self.user}:{self.password}@127.0.0.1:{self.port}/{database}"

    def new_database(self, name: str) -> str:
        """Create an empty database and return its SQLAlchemy URL."""
        import psycopg

        with psycopg.connect(host="127.0.0.1", port=self.port, user=self.user, password=self.password,
                             dbname="postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    # -- life cycle -----------------------------------------------------------------------------
    def _run(self, *cmd: str) -> subprocess.CompletedProcess[str]:
        """Run a server program, as ``postgres`` when we are root."""
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        return subprocess.run([*prefix, *cmd], capture_output=True, text=True, timeout=START_TIMEOUT, check=False)

    def start(self) -> None:
        pwfile = self.folder / "pw"
        pwfile.write_text(self.password + "\n", encoding="utf-8")
        pwfile.chmod(0o600)
        if os.geteuid() == 0:
            account = pwd.getpwnam("postgres")
            for path in (self.folder, pwfile):
                os.chown(path, account.pw_uid, account.pw_gid)
        init = self._run(str(self.bindir / "initdb"), "-D", str(self.data), "-U", self.user,
                         "--auth=scram-sha-256", f"--pwfile={pwfile}", "--encoding=UTF8", "--locale=C.UTF-8")
        pwfile.unlink()
        if init.returncode != 0:
            raise RuntimeError(f"initdb failed: {init.stderr[-2000:]}")
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        started = self._run(str(self.bindir / "pg_ctl"), "start", "-w", "-t", str(START_TIMEOUT), "-D",
                            str(self.data), "-l", str(self.folder / "server.log"), "-o", options)
        if started.returncode != 0:
            log = (self.folder / "server.log").read_text(errors="replace") if (self.folder / "server.log").exists() \
                else ""
            raise RuntimeError(f"pg_ctl start failed: {started.stderr[-2000:]}\n{log[-2000:]}")

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self._run(str(self.bindir / "pg_ctl"), "stop", "-m", "immediate", "-D", str(self.data))
        shutil.rmtree(self.folder, ignore_errors=True)


def skip_reason() -> str:
    """Why a PostgreSQL server cannot be started here ('' when it can)."""
    if find_bindir() is None:
        return "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb; apt-get install postgresql)"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "no 'postgres' account to run the PostgreSQL server as (apt-get install postgresql makes it)"
        if shutil.which("runuser") is None:
            return "runuser is missing (needed to start PostgreSQL as the postgres account)"
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "the PostgreSQL driver is not installed (pip install -e '.[postgres]')"
    return ""


@pytest.fixture(scope="module")
def postgres_server() -> Iterator[PostgresServer]:
    reason = skip_reason()
    if reason:
        pytest.skip(reason)
    bindir = find_bindir()
    assert bindir is not None
    # Not under pytest's tmp folder: the postgres account must be able to reach it.
    folder = Path(tempfile.mkdtemp(prefix="ngoaivu-pg-"))
    server = PostgresServer(bindir, folder, _free_port(), secrets.token_urlsafe(16))
    try:
        server.start()
        yield server
    finally:
        server.stop()
