"""The window's "Not done" box: the message, and for a bug its masked traceback to copy."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from schemadesk.ui.plain_text import plain_box


def show_error_box(parent: QWidget, title: str, message: str, details: str = "") -> QMessageBox:
    """Open (not exec) a warning box; ``details`` (secrets already masked) adds "Copy details",
    so a bug report can carry the stack the log file also holds."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, parent=parent)
    plain_box(box)  # a name or a server message in it is never markup
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if details:
        box.setDetailedText(details)
        copy = box.addButton(
            QApplication.translate("ErrorBox", "Copy details"), QMessageBox.ButtonRole.ActionRole
        )
        copy.clicked.connect(lambda: QApplication.clipboard().setText(details))
        box.addButton(QMessageBox.StandardButton.Close)
    box.open()  # not exec(): no nested event loop under the asyncio loop
    return box
