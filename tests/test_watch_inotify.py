"""``ngoaivu watch`` sleeps on inotify between cycles (:class:`grader.cli.watch.Arrivals`): it wakes when a
submission arrives in the exchange's inbound, at the timeout otherwise, and does not poll the disk meanwhile."""

from __future__ import annotations

import select
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from grader.cli import watch
from grader.cli.watch import Arrivals

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="inotify is Linux's")


class _CountingSelect:
    """Stands in for the ``select`` module in grader.cli.watch: counts the calls (each is one wake-up)."""

    def __init__(self) -> None:
        self.calls = 0

    def select(self, *args: object) -> tuple[list, list, list]:
        self.calls += 1
        return select.select(*args)


@pytest.fixture
def inbound(tmp_path: Path) -> Iterator[tuple[Path, Arrivals]]:
    folder = tmp_path / "inbound"
    folder.mkdir()
    arrivals = Arrivals.of(folder)
    assert arrivals is not None, "inotify is unavailable here"
    try:
        yield folder, arrivals
    finally:
        arrivals.close()


@pytest.fixture
def selects(monkeypatch: pytest.MonkeyPatch) -> _CountingSelect:
    counting = _CountingSelect()
    monkeypatch.setattr(watch, "select", counting)
    return counting


def _later(delay: float, action: Callable[[], object]) -> threading.Thread:
    def run() -> None:
        time.sleep(delay)
        action()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def test_an_arrival_wakes_the_wait_at_once(inbound: tuple[Path, Arrivals], selects: _CountingSelect) -> None:
    folder, arrivals = inbound

    def submit() -> None:  # as nbgrader's submit lands in the inbound: a folder, then its files
        (folder / "hv001+demo+2024").mkdir()
        (folder / "hv001+demo+2024" / "demo.ipynb").write_text("{}", encoding="utf-8")

    writer = _later(0.3, submit)
    started = time.monotonic()
    assert arrivals.wait(30.0) is True
    elapsed = time.monotonic() - started
    writer.join()
    assert 0.25 <= elapsed < 2.0, elapsed  # after the write and its settling, long before the timeout
    assert selects.calls <= 4, selects.calls  # one sleep, then a few settle checks: no polling loop


def test_a_file_in_a_folder_made_since_is_seen(inbound: tuple[Path, Arrivals]) -> None:
    """nbgrader copies a submission folder file by file: writes inside a new folder wake the wait too."""
    folder, arrivals = inbound
    (folder / "hv002+demo+2024").mkdir()
    assert arrivals.wait(5.0) is True
    _later(0.3, lambda: (folder / "hv002+demo+2024" / "demo.ipynb").write_text("{}", encoding="utf-8"))
    started = time.monotonic()
    assert arrivals.wait(30.0) is True
    assert time.monotonic() - started < 2.0


def test_nothing_arriving_returns_at_the_timeout_without_busy_polling(inbound: tuple[Path, Arrivals],
                                                                      selects: _CountingSelect) -> None:
    _, arrivals = inbound
    cpu, started = time.process_time(), time.monotonic()
    assert arrivals.wait(1.0) is False
    elapsed, cpu = time.monotonic() - started, time.process_time() - cpu
    assert 0.95 <= elapsed < 1.5, elapsed
    assert selects.calls == 1, selects.calls  # one blocking sleep for the whole timeout
    assert cpu < 0.1, cpu  # blocked, not spinning


def test_a_copy_that_goes_on_and_on_does_not_hold_the_cycle_back(inbound: tuple[Path, Arrivals]) -> None:
    folder, arrivals = inbound
    stop = threading.Event()

    def keep_writing() -> None:
        n = 0
        while not stop.is_set():
            (folder / f"part{n % 5}").write_text(str(n), encoding="utf-8")
            n += 1
            time.sleep(0.05)

    writer = threading.Thread(target=keep_writing, daemon=True)
    writer.start()
    try:
        started = time.monotonic()
        assert arrivals.wait(30.0, settle=0.3, settle_max=0.8) is True
        assert time.monotonic() - started < 1.5  # at most settle_max after the first event, plus one settle
    finally:
        stop.set()
        writer.join()
