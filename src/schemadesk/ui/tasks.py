"""Named, cancellable background tasks with one error sink.

Starting a task under a name that is already running cancels the older one first ("refresh"
replaces "refresh"). Strong references are kept until a task ends, and every failure that is not
a cancellation is reported once through ``task_failed``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

from schemadesk.core.errors import SchemadeskError

T = TypeVar("T")


class TaskRunner(QObject):
    """Runs coroutines on the UI loop by name."""

    task_started = Signal(str)
    task_finished = Signal(str)
    task_failed = Signal(str, str)  # name, one-line message

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks: dict[str, asyncio.Task[Any]] = {}
        # CPU-bound work (convention checks, privilege reasons) runs here, off the UI thread.
        # It is ours, not the loop's, so that shutdown() can wait for it: a worker finishing
        # after the loop closed would call back into deleted Qt objects.
        self._threads = ThreadPoolExecutor(max_workers=1, thread_name_prefix="schemadesk-cpu")

    async def in_thread(self, fn: Callable[..., T], *args: Any) -> T:
        """Run ``fn(*args)`` on the worker thread and await its result on the UI loop."""
        return await asyncio.wrap_future(self._threads.submit(fn, *args))

    def shutdown(self) -> None:
        """Cancel every task and wait for the worker thread (window closing)."""
        self.cancel_all()
        self._threads.shutdown(wait=True, cancel_futures=True)

    def start(self, name: str, coro: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        """Run ``coro`` as the task ``name``, cancelling a running task of the same name."""
        self.cancel(name)
        task = asyncio.ensure_future(coro)
        self._tasks[name] = task
        task.add_done_callback(lambda t: self._finished(name, t))
        self.task_started.emit(name)
        return task

    def cancel(self, name: str) -> bool:
        """Cancel the task ``name``; False when none was running."""
        task = self._tasks.pop(name, None)
        if task is None or task.done():
            return False
        task.cancel()
        return True

    def cancel_all(self) -> None:
        for name in list(self._tasks):
            self.cancel(name)

    def is_running(self, name: str) -> bool:
        task = self._tasks.get(name)
        return task is not None and not task.done()

    def _finished(self, name: str, task: asyncio.Task[Any]) -> None:
        if self._tasks.get(name) is task:
            del self._tasks[name]
        if task.cancelled():
            return
        exc = task.exception()
        if exc is None:
            self.task_finished.emit(name)
        elif isinstance(exc, SchemadeskError):
            self.task_failed.emit(name, str(exc))
        else:
            # Unexpected: still one line for the person, the type says where to look.
            first = (str(exc).strip().splitlines() or [""])[0]
            self.task_failed.emit(name, f"{type(exc).__name__}: {first}")
