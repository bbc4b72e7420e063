"""Remembering where the person put every splitter, by the splitter's object name."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QSplitter, QWidget

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
