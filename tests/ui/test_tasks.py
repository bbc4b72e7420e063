"""Background work in slices on the UI loop: the window keeps answering between slices, and a
cancelled task (a refresh replacing a load) stops between two steps and cleans up."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator

import pytest

from schemadesk.ui.tasks import TaskRunner
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
