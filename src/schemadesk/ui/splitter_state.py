"""Remembering where the person put the window and every splitter (by its object name)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter, QWidget

_GROUP = "splitters"


def save_splitters(root: QWidget, settings: QSettings | None = None) -> None:
    """Store the state of every named splitter below ``root``."""
    settings = settings or QSettings()
    for splitter in root.findChildren(QSplitter):
        if splitter.objectName():
            settings.setValue(f"{_GROUP}/{splitter.objectName()}", splitter.saveState())


def restore_splitters(root: QWidget, settings: QSettings | None = None) -> None:
    """Put every named splitter below ``root`` back where it was last left."""
    settings = settings or QSettings()
    for splitter in root.findChildren(QSplitter):
        state = (
            settings.value(f"{_GROUP}/{splitter.objectName()}") if splitter.objectName() else None
        )
        if isinstance(state, QByteArray):
            splitter.restoreState(state)


def restore_window(window: QMainWindow, splitter: QSplitter) -> bool:
    """The window's last geometry (else 1200x760) and its main splitter; whether the splitter
    was put back (else its sizes are the window's to choose)."""
    settings = QSettings()
    geometry = settings.value("window/geometry")
    if isinstance(geometry, QByteArray):
        window.restoreGeometry(geometry)
    else:
        window.resize(1200, 760)
    state = settings.value("window/splitter")
    return isinstance(state, QByteArray) and splitter.restoreState(state)


def save_window(window: QMainWindow, splitter: QSplitter, views: QWidget) -> None:
    """Keep the window's geometry, its main splitter and every named splitter of ``views``."""
    settings = QSettings()
    settings.setValue("window/geometry", window.saveGeometry())
    settings.setValue("window/splitter", splitter.saveState())
    save_splitters(views, settings)
