"""Progress of a running action: one row per migration or statement group, and Cancel.

The runner reports from the gateway thread; ``relay`` is a signal, so its events reach the panel
on the UI thread (Qt queues a signal emitted from another thread).
"""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QCoreApplication, QLocale, QObject, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from schemadesk.core.actions import PlannedAction
from schemadesk.core.migrations.models import ApplyEvent, ApplyEventKind
from schemadesk.core.terminal_text import visible_line
from schemadesk.ui.core_texts import message_text
from schemadesk.ui.plain_text import plain_label

_COLOURS = {
    "running": QColor(33, 150, 243, 60),
    "done": QColor(76, 175, 80, 60),
    "failed": QColor(244, 67, 54, 80),
    "cancelled": QColor(158, 158, 158, 80),
    "skipped": QColor(255, 193, 7, 60),
}


class EventRelay(QObject):
    """Carries runner events from the gateway thread to the UI thread."""

    arrived = Signal(object)


class ProgressPanel(QWidget):
    """Rows: waiting → running (elapsed) → done (duration) | failed | cancelled | skipped."""

    cancel_requested = Signal()
    started = Signal()  # a confirmed action began: the window shows the panel then, not before

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.relay = EventRelay(self)
        self.relay.arrived.connect(self.handle_event)
        self.cancel_flag = threading.Event()
        self.title = plain_label()  # titles and messages quote names
        self.title.setStyleSheet("font-weight: 600;")
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Step"), self.tr("State"), self.tr("Time")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.message = plain_label()
        self.message.setWordWrap(True)
        self.cancel_button = QPushButton(self.tr("Cancel after the current step"))
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.setEnabled(False)  # nothing runs yet
        self.cancel_button.clicked.connect(self._cancel)
        self.running = False
        self.owner = ""  # the connection whose run it shows
        self.warnings: list[str] = []  # what the run could not do after it ran
        self._outcome = ""
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table)
        layout.addWidget(self.message)
        self._started: dict[int, float] = {}
        self._offset = 0
        self._ticker = QTimer(self)
        self._ticker.setInterval(200)
        self._ticker.timeout.connect(self._tick)

    def start(self, action: PlannedAction, *, first_runner_row: int = 0) -> None:
        """Show every step as waiting; runner event ``index`` i is row ``first_runner_row + i``."""
        self.cancel_flag.clear()
        self._offset = first_runner_row
        self._started.clear()
        self.title.setText(visible_line(action.title))
        self.message.clear()
        self.warnings.clear()
        self._outcome = ""
        self.table.setRowCount(len(action.steps))
        for row, step in enumerate(action.steps):
            self.table.setItem(row, 0, QTableWidgetItem(visible_line(step.label)))
            self._set(row, self.tr("waiting"), "", None)
        self.table.resizeColumnToContents(0)
        self.cancel_button.setEnabled(True)
        self.running = True
        self._ticker.start()
        self.started.emit()

    def state_of(self, row: int) -> str:
        item = self.table.item(row, 1)
        return item.text() if item is not None else ""

    def mark(self, row: int, state: str, elapsed_ms: float | None = None) -> None:
        """Set a row's state by hand (steps that are not runner events, e.g. SET ROLE)."""
        self._started.pop(row, None)
        self._set(row, self._label(state), _ms(elapsed_ms), _COLOURS.get(state))

    def handle_event(self, event: ApplyEvent) -> None:
        row = self._offset + event.index
        if event.kind is ApplyEventKind.WAITING:
            self._set(row, self.tr("waiting for the lock"), "", _COLOURS["skipped"])
            # who holds it: pid, user, application, query (the query as the server has it)
            self.message.setText(message_text(event.message))
            return
        if event.kind is ApplyEventKind.STARTED:
            self._started[row] = time.monotonic()
            self._set(row, self._label("running"), _seconds(0.0), _COLOURS["running"])
            return
        state = {
            ApplyEventKind.APPLIED: "done",
            ApplyEventKind.FAILED: "failed",
            ApplyEventKind.CANCELLED: "cancelled",
            ApplyEventKind.SKIPPED: "skipped",
            ApplyEventKind.NOT_REHEARSABLE: "skipped",
        }[event.kind]
        self.mark(row, state, event.elapsed_ms)
        if event.message:
            self.message.setText(message_text(event.message))

    def finish(self, message: str) -> None:
        """The action ended: stop the clock, show the outcome."""
        self._ticker.stop()
        self.running = False
        self.cancel_button.setEnabled(False)
        # Steps that never started did not run: cancelled, or skipped after a failure.
        left = "cancelled" if self.cancel_flag.is_set() else "skipped"
        for row in range(self.table.rowCount()):
            if self.state_of(row) in (self._label("waiting"), self._label("running")):
                self.mark(row, left)
        self._outcome = message
        self._say()

    def warn(self, text: str) -> None:
        """Something the run could not do once it had run (its audit record not kept): said
        under the outcome until the next action starts."""
        self.warnings.append(text)
        self._say()

    def _say(self) -> None:
        self.message.setText("\n".join(t for t in (self._outcome, *self.warnings) if t))

    def _cancel(self) -> None:
        self.cancel_flag.set()
        self.cancel_button.setEnabled(False)
        self.message.setText(self.tr("Cancelling after the current step…"))
        self.cancel_requested.emit()

    def _tick(self) -> None:
        now = time.monotonic()
        for row, started in self._started.items():
            item = self.table.item(row, 2)
            if item is not None:
                item.setText(_seconds(now - started))

    def _label(self, state: str) -> str:
        return {
            "waiting": self.tr("waiting"),
            "running": self.tr("running"),
            "done": self.tr("done"),
            "failed": self.tr("failed"),
            "cancelled": self.tr("cancelled"),
            "skipped": self.tr("skipped"),
        }[state]

    def _set(self, row: int, state: str, elapsed: str, colour: QColor | None) -> None:
        for column, text in ((1, state), (2, elapsed)):
            item = QTableWidgetItem(text)
            if colour is not None:
                item.setBackground(colour)
            self.table.setItem(row, column, item)


def _seconds(seconds: float) -> str:
    """``2.5 s`` in the window's language and number format."""
    text = QLocale().toString(seconds, "f", 1)
    return QCoreApplication.translate("ProgressPanel", "%1 s").replace("%1", text)


def _ms(elapsed_ms: float | None) -> str:
    if elapsed_ms is None:
        return ""
    if elapsed_ms >= 10_000:
        return _seconds(elapsed_ms / 1000)
    text = QLocale().toString(round(elapsed_ms))
    return QCoreApplication.translate("ProgressPanel", "%1 ms").replace("%1", text)
