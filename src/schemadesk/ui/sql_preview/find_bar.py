"""Find in the SQL preview (Ctrl+F inside it): a bar with next, previous and every match marked.

Kept apart from the preview: the preview only gets the bar added below its editors
(``attach_find_bar``); matches are shown as extra selections, which the editors leave free.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QKeyEvent, QKeySequence, QShortcut, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QToolButton,
    QWidget,
)

MATCH = QColor(255, 213, 79, 140)  # amber: readable on the light and the dark scheme


class FindBar(QWidget):
    """Searches the editor ``editor()`` returns (the one the preview shows now)."""

    def __init__(self, editor: Callable[[], QPlainTextEdit], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sqlFindBar")
        self._editor = editor
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(self.tr("Find in SQL"))
        self.edit.setClearButtonEnabled(True)
        self.edit.textChanged.connect(lambda _text: self.search(from_start=True))
        self.edit.returnPressed.connect(self.find_next)
        self.edit.installEventFilter(self)
        self.previous_button = QToolButton()
        self.previous_button.setText(self.tr("Previous"))
        self.previous_button.setToolTip(self.tr("Previous match (Shift+Enter)"))
        self.previous_button.clicked.connect(self.find_previous)
        self.next_button = QToolButton()
        self.next_button.setText(self.tr("Next"))
        self.next_button.setToolTip(self.tr("Next match (Enter)"))
        self.next_button.clicked.connect(self.find_next)
        self.count_label = QLabel()
        close = QToolButton()
        close.setText("✕")
        close.setToolTip(self.tr("Close (Escape)"))
        close.clicked.connect(self.close_bar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.next_button)
        layout.addWidget(self.count_label)
        layout.addWidget(close)
        self.hide()

    def open_bar(self) -> None:
        """Show the bar with the editor's selection (or the last search) selected."""
        selected = self._editor().textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self.edit.setText(selected)
        self.show()
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()
        self.search(from_start=True)

    def close_bar(self) -> None:
        """Hide the bar, drop the marks, give the focus back to the SQL."""
        self.hide()
        self._mark([])
        self._editor().setFocus()

    def find_next(self) -> None:
        self.search()

    def find_previous(self) -> None:
        self.search(backward=True)

    def search(self, *, backward: bool = False, from_start: bool = False) -> bool:
        """Select the next (or previous) match, wrapping around; mark every match."""
        editor = self._editor()
        needle = self.edit.text()
        matches = self._matches(editor.document(), needle)
        self._mark(matches)
        if not matches:
            self.count_label.setText(self.tr("no match") if needle else "")
            return False
        cursor = editor.textCursor()
        if from_start:
            cursor.setPosition(min(cursor.selectionStart(), cursor.selectionEnd()))
        here = cursor.selectionStart() if backward or from_start else cursor.selectionEnd()
        if backward:
            before = [m for m in matches if m.selectionStart() < here]
            found = before[-1] if before else matches[-1]
        else:
            after = [m for m in matches if m.selectionStart() >= here]
            found = after[0] if after else matches[0]
        editor.setTextCursor(found)
        editor.ensureCursorVisible()
        number = next(
            i for i, m in enumerate(matches, 1) if m.selectionStart() == found.selectionStart()
        )
        self.count_label.setText(
            self.tr("%1 of %2").replace("%1", str(number)).replace("%2", str(len(matches)))
        )
        return True

    def _matches(self, document: QTextDocument, needle: str) -> list[QTextCursor]:
        found: list[QTextCursor] = []
        if not needle:
            return found
        cursor = document.find(needle, 0)
        while not cursor.isNull():
            found.append(cursor)
            cursor = document.find(needle, cursor.selectionEnd())
        return found

    def _mark(self, matches: list[QTextCursor]) -> None:
        selections = []
        for match in matches:
            selection = QTextEdit.ExtraSelection()
            selection.cursor = match
            selection.format.setBackground(MATCH)
            selections.append(selection)
        self._editor().setExtraSelections(selections)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.edit
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
        ):
            if event.key() == Qt.Key.Key_Escape:
                self.close_bar()
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            ):
                self.find_previous()
                return True
        return super().eventFilter(watched, event)


def attach_find_bar(preview: QWidget, editor: Callable[[], QPlainTextEdit]) -> FindBar:
    """Add a find bar at the bottom of ``preview``, opened by Ctrl+F (F3 / Shift+F3: again)."""
    bar = FindBar(editor, preview)
    layout = preview.layout()
    if layout is not None:
        layout.addWidget(bar)
    for keys, slot in ((QKeySequence.StandardKey.FindNext, bar.find_next),
                       (QKeySequence.StandardKey.FindPrevious, bar.find_previous)):  # fmt: skip
        shortcut = QShortcut(QKeySequence(keys), preview)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)
    return bar
