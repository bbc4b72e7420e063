"""A view's three faces: loading (with Cancel), its content, or an error with Retry.

The content may be given as a function that builds it: a page nobody has looked at yet shows
its loading face, so its view can be built later (``build``, or when first needed), not when
the connection opens: building every view of a connection at once held the window's loop
70-90 ms at 10,000 schemas before the first row.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from schemadesk.ui.plain_text import plain_label


class LoadingStack(QStackedWidget):
    """Shows ``content`` once loaded; a busy page while loading; an error page on failure."""

    cancel_requested = Signal()
    retry_requested = Signal()

    def __init__(
        self, content: QWidget | Callable[[], QWidget], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._loading_label = plain_label()  # messages may quote names
        self._error_title = plain_label()
        self._error_text = plain_label()
        self._factory = None if isinstance(content, QWidget) else content
        self._content = content if isinstance(content, QWidget) else QWidget()  # its place
        self._when_built: list[Callable[[QWidget], object]] = []
        self.addWidget(self._loading_page())
        self.addWidget(self._content)
        self.addWidget(self._error_page())

    @property
    def is_built(self) -> bool:
        """The content exists (a page given a factory builds it on first use)."""
        return self._factory is None

    @property
    def content(self) -> QWidget:
        """The view shown once loaded, built now if it was not yet."""
        self.build()
        return self._content

    def build(self) -> None:
        """Build the content now if it was given as a factory and is not built yet."""
        if self._factory is not None:
            factory, self._factory = self._factory, None
            current = self.currentIndex()
            placeholder, self._content = self._content, factory()
            self.insertWidget(1, self._content)
            self.removeWidget(placeholder)
            placeholder.deleteLater()
            self.setCurrentIndex(current)
            hooks, self._when_built = self._when_built, []
            for hook in hooks:
                hook(self._content)

    def when_built(self, hook: Callable[[QWidget], object]) -> None:
        """Run ``hook`` on the content now if it is built, else as soon as it is."""
        if self._factory is None:
            hook(self._content)
        else:
            self._when_built.append(hook)

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
        self.setCurrentWidget(self.content)

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
