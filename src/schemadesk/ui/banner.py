"""A bar above the views for connection-level trouble, with Retry: never a frozen window."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QWidget

from schemadesk.core.terminal_text import visible
from schemadesk.ui.plain_text import plain_label


class ConnectionBanner(QFrame):
    """Hidden until a connection is lost; Retry asks the owner to reconnect and reload."""

    retry_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("connectionBanner")
        self.setStyleSheet(
            "#connectionBanner { background: rgba(244, 67, 54, 40);"
            " border: 1px solid rgba(244, 67, 54, 120); border-radius: 4px; }"
        )
        self.label = plain_label()  # a server message
        self.label.setWordWrap(True)
        retry = QPushButton(self.tr("Retry"))
        retry.clicked.connect(self.retry_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(retry)
        self.hide()

    def show_lost(self, message: str) -> None:
        self.label.setText(self.tr("Connection lost: %1").replace("%1", visible(message)))
        self.show()
