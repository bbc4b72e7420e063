"""Escape in a filter box clears it (a second Escape then goes wherever it went before)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit


class _ClearOnEscape(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            isinstance(watched, QLineEdit)
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and watched.text()
        ):
            watched.clear()
            return True
        return False


def clear_on_escape(edit: QLineEdit) -> None:
    """Make Escape clear ``edit`` while it holds text."""
    helper = _ClearOnEscape(edit)  # parented: lives as long as the box
    edit.installEventFilter(helper)
