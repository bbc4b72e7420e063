"""Named, cancellable background tasks with one error sink.

Starting a task under a name that is already running cancels the older one first ("refresh"
replaces "refresh"). Strong references are kept until a task ends, and every failure that is not
a cancellation is reported once through ``task_failed``.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Coroutine, Generator, Iterable
from typing import Any, Final, TypeVar

from PySide6.QtCore import QObject, Signal

from schemadesk.core.errors import SchemadeskError
from schemadesk.core.logs import masked_details, one_line

log = logging.getLogger(__name__)
T = TypeVar("T")
SLICE_S: Final = 0.008  # longest the UI loop is kept busy by one slice of background work


class TaskRunner(QObject):
    """Runs coroutines on the UI loop by name."""

    task_started = Signal(str)
    task_finished = Signal(str)
    # name, one-line message, and for a bug its masked traceback ("" for a refusal or an error
    # core or db expected and worded). The message is an ``object``: a said text (a ``str``)
    # then reaches the slot with its message, which a ``str`` argument would copy away.
    task_failed = Signal(str, object, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks: dict[str, asyncio.Task[Any]] = {}

    @staticmethod
    async def in_slices(steps: Iterable[T], budget_s: float | None = SLICE_S) -> list[T]:
        """Run ``steps`` on the UI loop, handing the loop back every ``budget_s`` of work
        (``None``: after every step, for steps already sized by the work they do).

        CPU-bound Python (convention checks, privilege reasons) runs here rather than on a
        worker thread: a thread busy with Python starves the UI thread of the interpreter lock,
        and every call from Qt into Python during a paint waits for it (up to the 5 ms switch
        interval each), so one paint stalls for hundreds of milliseconds. In slices, the window
        paints and answers input between two of them; cancelling the task stops between steps.
        """
        done: list[T] = []
        deadline = time.perf_counter() + (budget_s or 0.0)
        try:
            for step in steps:
                done.append(step)
                if budget_s is None or time.perf_counter() >= deadline:
                    await asyncio.sleep(0)
                    deadline = time.perf_counter() + (budget_s or 0.0)
        finally:
            if isinstance(steps, Generator):
                steps.close()  # a cancelled task ends the generator's ``with`` blocks now
        return done

    def shutdown(self) -> None:
        """Cancel every task (window closing)."""
        self.cancel_all()

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
            self.task_failed.emit(name, str(exc), "")
        else:
            # Unexpected: the traceback goes to the log and behind "Copy details"; the person
            # reads one line, whose type says where to look.
            log.error("task %r failed unexpectedly", name, exc_info=exc)
            self.task_failed.emit(name, one_line(exc), masked_details(exc))


def finish_pending(loop: asyncio.AbstractEventLoop, timeout_s: float = 10.0) -> None:
    """Cancel every task still pending on ``loop`` (which is not running) and run the loop until
    they have ended, as ``asyncio.run`` does before it closes its loop.

    A window closed mid-load cancels its tasks, but a cancellation only takes effect on the
    loop's next turns; a loop closed before those left the tasks to the collector, which closed
    their coroutines later, on any thread, outside any loop (their ``finally`` blocks failed).
    """
    pending = [task for task in asyncio.all_tasks(loop) if not task.done()]
    if not pending:
        return
    for task in pending:
        task.cancel()
    loop.run_until_complete(asyncio.wait(pending, timeout=timeout_s))
