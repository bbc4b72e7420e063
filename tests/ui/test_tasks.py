"""Background work in slices on the UI loop: the window keeps answering between slices, and a
cancelled task (a refresh replacing a load) stops between two steps and cleans up."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Coroutine, Iterator
from typing import Any

import pytest

from schemadesk.ui.tasks import TaskRunner, finish_pending
from tests.fix_ui import UiLoop

pytestmark = pytest.mark.ui


def _busy_steps(count: int, log: list[str]) -> Iterator[int]:
    try:
        for i in range(count):
            time.sleep(0.001)  # a millisecond of work per step
            yield i
    finally:
        log.append("closed")


def test_other_events_run_between_slices_and_every_step_is_returned(ui_loop: UiLoop) -> None:
    log: list[str] = []
    answered: list[int] = []

    async def work() -> list[int]:
        loop = asyncio.get_running_loop()
        # Queued as the work starts: it must run long before the 60 ms of work ends.
        loop.call_soon(lambda: answered.append(len(log)))
        steps = await TaskRunner.in_slices(_busy_steps(60, log), budget_s=0.005)
        log.append("done")
        return steps

    assert ui_loop.run(work()) == list(range(60))
    assert answered == [0]  # ran while the work was still going (nothing logged yet)
    assert log == ["closed", "done"]


def test_a_cancelled_task_stops_between_steps_and_closes_its_generator(
    ui_loop: UiLoop,
) -> None:
    log: list[str] = []
    runner = TaskRunner()
    task = runner.start("checks", runner.in_slices(_busy_steps(100_000, log), budget_s=0.005))
    ui_loop.settle(0.05)
    assert runner.is_running("checks")
    runner.cancel("checks")
    ui_loop.settle(0.05)
    assert task.cancelled()
    assert log == ["closed"]  # its ``finally`` ran at once, not whenever it is collected


def test_steps_sized_by_their_work_each_get_a_loop_turn(ui_loop: UiLoop) -> None:
    """``budget_s=None``: the loop runs other events after every step, however quick the steps
    are (the check's slices are sized by work counted, not by the clock)."""
    turns: list[int] = []
    done: list[int] = []

    def steps() -> Iterator[int]:
        for i in range(5):
            done.append(i)
            yield i

    async def work() -> list[int]:
        loop = asyncio.get_running_loop()

        def tick() -> None:  # one entry per loop turn while the steps run
            turns.append(len(done))
            if len(done) < 5:
                loop.call_soon(tick)

        loop.call_soon(tick)
        return await TaskRunner.in_slices(steps(), budget_s=None)

    assert ui_loop.run(work()) == [0, 1, 2, 3, 4]
    assert turns[:5] == [1, 2, 3, 4, 5]  # one step between two turns, none run back to back


def test_a_window_closed_last_has_its_tasks_ended_before_the_loop_closes(
    ui_loop: UiLoop,
) -> None:
    """A window closed as the application quits cancels its tasks, but the loop turns that
    would end them never come: ``finish_pending`` runs them out, so each task's cleanup (the
    gateway reads a load cancels in its ``finally``) runs on the loop, as a cancellation."""
    ended: list[type[BaseException]] = []
    started = asyncio.Event()

    async def loading() -> None:
        try:
            started.set()
            await asyncio.sleep(3600)
        except BaseException as exc:
            ended.append(type(exc))
            await asyncio.sleep(0)  # cleanup that itself needs the loop
            raise

    runner = TaskRunner()
    ui_loop.run(_start_and_wait(runner, loading(), started))
    runner.shutdown()  # the window's close: cancelled, not yet ended
    assert ended == []
    finish_pending(ui_loop.loop)
    assert ended == [asyncio.CancelledError]
    assert not runner.is_running("load")
    assert [t for t in asyncio.all_tasks(ui_loop.loop) if not t.done()] == []


async def _start_and_wait(
    runner: TaskRunner, coro: Coroutine[Any, Any, None], started: asyncio.Event
) -> None:
    runner.start("load", coro)
    await started.wait()
