"""Running a dialog modally whether or not the asyncio (qasync) loop is already running."""

from __future__ import annotations

import asyncio

import qasync
from PySide6.QtWidgets import QDialog


def run_modal(dialog: QDialog) -> int:
    """Show ``dialog`` modally and return its result code.

    Inside a running qasync loop, ``exec()`` nests a Qt event loop and asyncio callbacks keep
    running in it. Before the loop runs (app.py asks for a connection first), ``exec()`` would
    leave every coroutine of the dialog (Test connection) unscheduled, so the dialog runs inside
    the loop instead.
    """
    try:
        loop = asyncio.get_event_loop()
    except RuntimeError:  # no loop at all: nothing async can run, a plain exec() it is
        return dialog.exec()
    if loop.is_running() or not isinstance(loop, qasync.QEventLoop):
        return dialog.exec()
    finished: asyncio.Future[int] = loop.create_future()

    def done(code: int) -> None:
        if not finished.done():
            finished.set_result(code)

    dialog.finished.connect(done)
    dialog.setModal(True)
    dialog.show()
    try:
        return int(loop.run_until_complete(finished))
    finally:
        dialog.finished.disconnect(done)
