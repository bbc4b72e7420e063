"""A view's three faces: loading (with Cancel), its content, or an error with Retry."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)


class LoadingStack(QStackedWidget):
    """Shows ``content`` once loaded; a busy page while loading; an error page on failure."""

    cancel_requested = Signal()
    retry_requested = Signal()

    def __init__(self, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading_label = QLabel()
        self._error_title = QLabel()
        self._error_text = QLabel()
        self.addWidget(self._loading_page())
        self.addWidget(content)
        self.addWidget(self._error_page())
        self.content = content

    def _loading_page(self) -> QWidget:
        page = QWidget()
        bar = QProgressBar()
        bar.setRange(0, 0)  # busy indicator
        bar.setMaximumWidth(320)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.clicked.connect(self.cancel_requested)
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        for widget in (self._loading_label, bar):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(cancel, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        return page

    def _error_page(self) -> QWidget:
        page = QWidget()
        page.setObjectName("errorPanel")
        self._error_title.setStyleSheet("font-weight: 600; font-size: 13pt;")
        self._error_text.setWordWrap(True)
        self._error_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # A wrapped label given an alignment in its layout is sized for one line and gets cut:
        # let it take the row's width and centre the text inside it instead.
        self._error_text.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        retry = QPushButton(self.tr("Retry"))
        retry.clicked.connect(self.retry_requested)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(retry)
        buttons.addStretch(1)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(48, 24, 48, 24)
        layout.addStretch(1)
        layout.addWidget(self._error_title, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self._error_text)
        layout.addLayout(buttons)
        layout.addStretch(2)
        return page

    def show_loading(self, text: str) -> None:
        self._loading_label.setText(text)
        self.setCurrentIndex(0)

    def show_content(self) -> None:
        self.setCurrentIndex(1)

    def show_error(self, title: str, message: str) -> None:
        """The error page; a message core or db wrote in English is shown translated."""
        from schemadesk.ui.core_texts import message_text

        self._error_title.setText(title)
        self._error_text.setText(message_text(message))
        self.setCurrentIndex(2)

    @property
    def error_message(self) -> str:
        return self._error_text.text()

    @property
    def is_loading(self) -> bool:
        return self.currentIndex() == 0

    @property
    def is_error(self) -> bool:
        return self.currentIndex() == 2
