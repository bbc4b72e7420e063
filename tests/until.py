"""One way for a test to wait for the window: poll a predicate on the running (qasync) loop."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable


async def until(predicate: Callable[[], object], every: float = 0.02) -> None:
    """Return once ``predicate()`` is true; the caller's ``UiLoop.run`` bounds the wait."""
    while not predicate():  # noqa: ASYNC110 - polls Qt widgets and models, which have no event
        await asyncio.sleep(every)


def wait_until(predicate: Callable[[], object], what: str, timeout: float = 60) -> None:
    """The same for a test without a loop (a child process's progress): poll, then give up
    after ``timeout`` seconds, saying what it waited for."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.05)
