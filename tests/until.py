"""One way for a test to wait for the window: poll a predicate on the running (qasync) loop."""

from __future__ import annotations

import asyncio
from collections.abc import Callable


async def until(predicate: Callable[[], object], every: float = 0.02) -> None:
    """Return once ``predicate()`` is true; the caller's ``UiLoop.run`` bounds the wait."""
    while not predicate():  # noqa: ASYNC110 - polls Qt widgets and models, which have no event
        await asyncio.sleep(every)
