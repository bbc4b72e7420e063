"""Awaiting gateway work from the UI loop (qasync) without blocking it.

The gateway runs coroutines on its own selector loop thread and hands back a
``concurrent.futures.Future``; ``wrap_future`` turns that into something the qasync loop awaits.
Cancelling the awaiting task cancels the database task too.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
from collections.abc import Coroutine
from typing import Any, TypeVar

from schemadesk.db.gateway import Gateway

T = TypeVar("T")


async def on_gateway(gateway: Gateway, coro: Coroutine[Any, Any, T]) -> T:
    """Run ``coro`` on the database loop and await its result on the UI loop."""
    return await awaited(gateway.submit(coro))


async def awaited(future: concurrent.futures.Future[T]) -> T:
    """Await a future that resolves on another thread."""
    return await asyncio.wrap_future(future)
