"""Running a dialog modally whether or not the asyncio (qasync) loop is already running."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterator

import qasync
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog


def run_modal(dialog: QDialog) -> int:
    """Show ``dialog`` modally and return its result code (call it from a slot, not a coroutine).

    From a slot of a running qasync loop, ``exec()`` nests a Qt event loop in which asyncio
    callbacks and tasks keep running. Before the loop runs (app.py asks for a connection first),
    ``exec()`` would leave every coroutine of the dialog (Test connection) unscheduled, so the
    dialog runs inside the loop instead. Inside a task, a nested loop would stop every other
    task (asyncio cannot step a task while another one is running): use ``run_modal_async``.
    """
    try:
        loop = asyncio.get_event_loop()
    except RuntimeError:  # no loop at all: nothing async can run, a plain exec() it is
        return dialog.exec()
    if loop.is_running():
        if asyncio.current_task(loop) is not None:
            raise RuntimeError(
                "a modal dialog cannot block inside a coroutine; await run_modal_async() instead"
            )
        with _keep_running_when_closed():
            return dialog.exec()
    if not isinstance(loop, qasync.QEventLoop):
        return dialog.exec()
    return int(loop.run_until_complete(run_modal_async(dialog)))


async def run_modal_async(dialog: QDialog) -> int:
    """Show ``dialog`` modal and wait, without blocking the loop, for its result code."""
    finished: asyncio.Future[int] = asyncio.get_running_loop().create_future()

    def done(code: int) -> None:
        if not finished.done():
            finished.set_result(code)

    dialog.finished.connect(done)
    with _keep_running_when_closed():
        dialog.setModal(True)
        dialog.show()
        try:
            return await finished
        finally:
            dialog.finished.disconnect(done)
            if not finished.done():  # the awaiting task was cancelled: close the dialog too
                dialog.reject()


@contextlib.contextmanager
def _keep_running_when_closed() -> Iterator[None]:
    """Closing the dialog must not end the application when it is the only window (the
    connections dialog before the main window shows, or in tests): Qt would quit the loop."""
    quit_on_close = QGuiApplication.quitOnLastWindowClosed()
    QGuiApplication.setQuitOnLastWindowClosed(False)
    try:
        yield
    finally:
        QGuiApplication.setQuitOnLastWindowClosed(quit_on_close)
