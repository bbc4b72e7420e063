"""Window fixtures: a qasync loop on pytest-qt's QApplication, a gateway, a main window."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
import qasync
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from schemadesk.db.gateway import Gateway
from schemadesk.ui.main_window import MainWindow
from schemadesk.ui.tasks import finish_pending

T = TypeVar("T")
UI_TIMEOUT_S = 30


class UiLoop:
    """Runs coroutines on a qasync loop, always bounded by a timeout (no hung test runs)."""

    def __init__(self, loop: qasync.QEventLoop) -> None:
        self.loop = loop

    def run(self, coro: Coroutine[Any, Any, T], timeout: float = UI_TIMEOUT_S) -> T:
        return self.loop.run_until_complete(asyncio.wait_for(coro, timeout))  # type: ignore[no-any-return]

    def settle(self, seconds: float = 0.05) -> None:
        """Let queued callbacks and Qt events run for a moment."""
        self.run(asyncio.sleep(seconds))


@pytest.fixture(autouse=True)
def isolated_qsettings(tmp_path: Path) -> None:
    """Window state (geometry, splitters, language) goes to the test's own folder: one test's
    saved window must never shape another's, nor the developer's own settings."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qt"))


@pytest.fixture
def ui_loop(qapp: QApplication) -> Iterator[UiLoop]:
    loop = qasync.QEventLoop(qapp, already_running=False)
    asyncio.set_event_loop(loop)
    yield UiLoop(loop)
    finish_pending(loop)  # a window closed last thing in a test: its tasks end on this loop
    asyncio.set_event_loop(None)
    loop.close()  # now, while its Qt objects exist; at garbage collection they are gone
    # The loop sits in reference cycles; left to the cyclic GC, it may be freed on the gateway
    # or a worker thread, and a QObject (qasync's timer) destroyed off the GUI thread crashes Qt.
    del loop
    gc.collect()


@pytest.fixture
def main_window(qtbot: Any, ui_loop: UiLoop, gateway: Gateway) -> Iterator[MainWindow]:
    window = MainWindow(gateway)
    qtbot.addWidget(window)
    window.show()
    yield window
    window.tasks.cancel_all()
    ui_loop.settle()
