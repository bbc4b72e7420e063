"""A stand-in for a widget that is costly to build, until it is shown or needed.

An SQL preview costs tens of milliseconds to build (its editor, and Pygments compiling the
lexer's patterns the first time): built eagerly for every view, it froze the window for that
long each time a connection opened. ``Deferred`` builds it when it first becomes visible, or
when code asks for it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

W = TypeVar("W", bound=QWidget)


class Deferred(QWidget, Generic[W]):
    """Holds the place of ``factory()``'s widget in a layout and builds it on demand."""

    def __init__(self, factory: Callable[[], W], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._factory = factory
        self._widget: W | None = None
        self._pending: Callable[[W], object] | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    @property
    def is_built(self) -> bool:
        return self._widget is not None

    def widget(self) -> W:
        """The widget, built now if it was not yet."""
        if self._widget is None:
            self._widget = self._factory()
            self._layout.addWidget(self._widget)
            pending, self._pending = self._pending, None
            if pending is not None:
                pending(self._widget)
        return self._widget

    def when_built(self, update: Callable[[W], object]) -> None:
        """Apply ``update`` now if built, else when built; a later update replaces an earlier
        one (each update sets the whole content, so only the last one matters)."""
        if self._widget is not None:
            update(self._widget)
        else:
            self._pending = update

    def showEvent(self, event: QShowEvent) -> None:
        self.widget()
        super().showEvent(event)
