"""Filter boxes: Escape clears one (a second Escape then goes wherever it went before), and a
tree's rows are filtered by name (or a pattern)."""

from __future__ import annotations

import fnmatch

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QTreeWidget


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


def filter_tree(tree: QTreeWidget, text: str) -> None:
    """Hide the top-level items whose first two columns do not hold ``text`` (any case;
    ``*``/``?``/``[`` make it a pattern)."""
    needle = text.strip().casefold()
    for i in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(i)
        if item is None:
            continue
        names = (item.text(0).casefold(), item.text(1).casefold())
        if any(ch in needle for ch in "*?["):
            shown = any(fnmatch.fnmatchcase(name, needle) for name in names)
        else:
            shown = any(needle in name for name in names)
        item.setHidden(not shown)
