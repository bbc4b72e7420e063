"""``fork_spread``: parts done by forked children come back in order, and a child that fails,
is killed or hands back nothing readable costs only time (the parent does its part again);
a stopped parent leaves no child behind. No database: the work here is plain functions."""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator

import pytest

from schemadesk.cli import fork_spread
from schemadesk.cli.fork_spread import spread
from tests.cli.forks import forks_counted

PARTS = [[1, 2], [3], [4, 5, 6], [7]]
REAL_CAN_FORK = fork_spread.can_fork


@pytest.fixture(autouse=True)
def _forking(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fork even if another test left a thread running (the rule is tested on its own below)."""
    monkeypatch.setattr(fork_spread, "can_fork", lambda: True)


SERIAL = [(3, "ab\udcff"), (3, "ab\udcff"), (15, "ab\udcff"), (7, "ab\udcff")]


def _sum(part: list[int]) -> tuple[int, str]:
    # A lone surrogate: names read as SQL_ASCII come back this way, and must survive the trip.
    return sum(part), "ab\udcff"


def test_children_do_every_part_but_the_first_and_the_order_holds(
    caplog: pytest.LogCaptureFixture,
) -> None:
    parent = os.getpid()
    where = list(spread(PARTS, lambda part: (sum(part), os.getpid())))
    assert [total for total, _ in where] == [3, 3, 15, 7]
    assert where[0][1] == parent
    pids = [pid for _, pid in where[1:]]
    assert parent not in pids
    assert len(set(pids)) == 3  # one child per part, all at once
    assert list(spread(PARTS, _sum)) == SERIAL
    assert caplog.records == []  # no worker failed


def _failing_in_children(how: str) -> object:
    parent = os.getpid()

    def work(part: list[int]) -> object:
        if os.getpid() != parent and part == [3]:
            if how == "raises":
                raise RuntimeError("a child's part fails")
            if how == "killed":
                os.kill(os.getpid(), signal.SIGKILL)
            if how == "unpicklable":
                return lambda: None  # pickle refuses it: the child exits 1
            if how == "exits":
                os._exit(0)  # ends well but hands back nothing
        return _sum(part)

    return work


@pytest.mark.parametrize(
    ("how", "logged"),
    [
        ("raises", "RuntimeError: a child's part fails"),
        ("killed", f"killed by signal {int(signal.SIGKILL)}"),
        ("unpicklable", "pickle"),
        ("exits", "no result"),
    ],
)
def test_a_child_that_fails_is_redone_in_the_parent(
    how: str, logged: str, caplog: pytest.LogCaptureFixture
) -> None:
    assert list(spread(PARTS, _failing_in_children(how))) == SERIAL  # type: ignore[arg-type]
    (record,) = caplog.records  # the log says which worker failed, and why
    assert record.levelname == "WARNING"
    assert "worker 2 of 4" in record.getMessage()
    assert logged in record.getMessage()


def test_a_failure_of_the_parents_own_part_is_raised() -> None:
    def work(part: list[int]) -> int:
        if part == [1, 2]:
            raise ValueError("bad schema")
        return sum(part)

    with pytest.raises(ValueError, match="bad schema"):
        list(spread(PARTS, work))


def test_a_parent_stopped_midway_kills_and_reaps_every_child(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    started = forks_counted(monkeypatch)
    read_end, write_end = os.pipe()
    parent = os.getpid()

    def work(part: list[int]) -> int:
        if os.getpid() != parent:
            os.read(read_end, 1)  # never written: the child waits until it is killed
        return sum(part)

    results: Iterator[int] = spread(PARTS, work)
    assert next(results) == 3
    results.close()  # as when Ctrl-C or an error stops the caller after the first part
    os.close(read_end)
    os.close(write_end)
    assert len(started) == 3
    for pid in started:  # killed and reaped: no zombie, no orphan left running
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)


def test_another_thread_running_keeps_every_part_in_this_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(fork_spread, "can_fork", REAL_CAN_FORK)
    release = threading.Event()
    thread = threading.Thread(target=release.wait)
    thread.start()
    try:
        pids = {pid for _, pid in spread(PARTS, lambda part: (part, os.getpid()))}
    finally:
        release.set()
        thread.join()
    assert pids == {os.getpid()}  # a forked child could inherit a lock that thread holds


def test_not_forked_when_asked_or_for_one_part(monkeypatch: pytest.MonkeyPatch) -> None:
    started = forks_counted(monkeypatch)
    assert list(spread(PARTS, _sum, forked=False)) == SERIAL
    assert list(spread(PARTS[:1], _sum)) == SERIAL[:1]
    assert list(spread([], _sum)) == []
    assert started == []


def test_buffered_output_is_written_once(capfd: pytest.CaptureFixture[str]) -> None:
    """What the parent printed before forking is not printed again by a child."""
    print("before", end="")  # buffered, no newline
    list(spread(PARTS, _sum))
    print()
    assert capfd.readouterr().out == "before\n"
