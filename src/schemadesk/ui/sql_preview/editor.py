"""A read-only SQL text view with a gutter: line numbers and problem markers (Qt's CodeEditor)."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFontDatabase,
    QHelpEvent,
    QPainter,
    QPaintEvent,
    QPolygonF,
    QResizeEvent,
    QTextCursor,
)
from PySide6.QtWidgets import QPlainTextEdit, QToolTip, QWidget

from schemadesk.core.terminal_text import visible
from schemadesk.ui.sql_preview.colours import Scheme, scheme_for
from schemadesk.ui.sql_preview.highlighter import SqlHighlighter
from schemadesk.ui.sql_preview.types import Problem, Span

SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}


def paint_marker(painter: QPainter, rect: QRect, severity: str, scheme: Scheme) -> None:
    """A severity marker that differs in shape, not only colour: disc, triangle, ring."""
    colour = scheme.severity(severity)
    side = min(rect.width(), rect.height())
    box = QRect(0, 0, side, side)
    box.moveCenter(rect.center())
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if severity == "warning":
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawPolygon(
            QPolygonF(
                [
                    QPointF(box.center().x() + 0.5, box.top()),
                    QPointF(box.right() + 1, box.bottom() + 1),
                    QPointF(box.left(), box.bottom() + 1),
                ]
            )
        )
    elif severity == "error":
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawEllipse(box)
    else:
        painter.setPen(colour)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(box.adjusted(1, 1, -1, -1))
    painter.restore()


class _Gutter(QWidget):
    def __init__(self, editor: SqlEditor) -> None:
        super().__init__(editor)
        self.editor = editor

    def sizeHint(self) -> QSize:
        return QSize(self.editor.gutter_width(), 0)

    def paintEvent(self, event: QPaintEvent) -> None:
        self.editor.paint_gutter(self, event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            block = self.editor.block_at_y(event.pos().y())
            self.editor.show_problem_tip(block, event.globalPos())
            return True
        return super().event(event)


class SqlEditor(QPlainTextEdit):
    """Read-only, monospace, highlighted SQL; line numbers (or given labels) in a gutter.

    Lines in this class's API are 1-based lines of the text shown. ``labels`` replaces the
    numbers in the gutter (the diff's aligned panes show the original lines, blank for filler).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.setFont(font)
        self.document().setDefaultFont(font)
        self.setTabStopDistance(4 * self.fontMetrics().horizontalAdvance(" "))
        self.scheme = scheme_for(self.palette())
        self.highlighter = SqlHighlighter(self.document(), self.scheme)
        self._gutter = _Gutter(self)
        self._labels: Sequence[int | None] | None = None
        self._problems: dict[int, list[Problem]] = {}  # 0-based block -> problems
        self._tints: dict[int, str] = {}  # 0-based block -> removed | added | filler | error
        self._error_block: int | None = None
        self._error_message: str | None = None
        self.blockCountChanged.connect(self._update_gutter_width)
        self.updateRequest.connect(self._update_gutter)
        self.cursorPositionChanged.connect(self._gutter.update)
        self._update_gutter_width()

    # -- content --------------------------------------------------------------------------------

    def set_sql(
        self,
        text: str,
        labels: Sequence[int | None] | None = None,
        spans: Sequence[Span] = (),
        problems: Sequence[Problem] = (),
        *,
        underline: bool = True,
    ) -> None:
        """Show ``text`` with its marks in one highlighting pass; tints and the error line are
        cleared."""
        self._labels = labels
        self._tints = {}
        self._error_block = None
        self._error_message = None
        self.highlighter.set_marks(spans, problems, underline=underline, reapply=False)
        # Control characters from the file shown as escapes (newlines and tabs kept): what
        # the file holds is visible, nothing in it acts on the display.
        self.setPlainText(visible(text))  # the highlighter follows the document
        self._set_problems(problems)
        self._update_gutter_width()
        self._update_selections()

    def set_marks(
        self, spans: Sequence[Span], problems: Sequence[Problem], *, underline: bool = True
    ) -> None:
        """Backgrounds for ``spans``; gutter markers, tooltips and underlines for ``problems``."""
        self._set_problems(problems)
        self.highlighter.set_marks(spans, problems, underline=underline)

    def _set_problems(self, problems: Sequence[Problem]) -> None:
        self._problems = {}
        for problem in problems:
            if problem.line is not None and 0 < problem.line <= self.blockCount():
                self._problems.setdefault(problem.line - 1, []).append(problem)
        for listed in self._problems.values():
            listed.sort(key=lambda p: (SEVERITY_RANK.get(p.severity, 3), p.column or 0))
        self._gutter.update()

    def set_line_tints(self, tints: Mapping[int, str]) -> None:
        """Tint whole lines (1-based) as ``removed``, ``added`` or ``filler``."""
        self._tints = {line - 1: kind for line, kind in tints.items()}
        self._update_selections()

    def tinted_lines(self) -> dict[int, str]:
        return {block + 1: kind for block, kind in self._tints.items()}

    def set_error_line(self, line: int | None, message: str | None = None) -> None:
        """Mark a failing statement's line (1-based), or clear it with None, and show it;
        ``message`` (the server's error, say) becomes the line's tooltip."""
        valid = line is not None and 0 < line <= self.blockCount()
        self._error_block = line - 1 if valid and line is not None else None
        self._error_message = message if self._error_block is not None else None
        self._update_selections()
        if self._error_block is not None:
            self.go_to_line(self._error_block + 1)

    @property
    def error_line(self) -> int | None:
        return None if self._error_block is None else self._error_block + 1

    def problems_at(self, line: int) -> list[Problem]:
        return list(self._problems.get(line - 1, ()))

    def go_to_line(self, line: int, column: int | None = None) -> None:
        """Put the cursor on a 1-based line (and column, in characters) and scroll to it."""
        block = self.document().findBlockByNumber(max(0, min(line, self.blockCount()) - 1))
        cursor = QTextCursor(block)
        if column is not None and column > 1:
            units = len(block.text()[: column - 1].encode("utf-16-le")) // 2
            cursor.setPosition(block.position() + min(units, block.length() - 1))
        self.setTextCursor(cursor)
        self.centerCursor()

    def current_line(self) -> int:
        return self.textCursor().blockNumber() + 1

    def label_of(self, block: int) -> int | None:
        if self._labels is None:
            return block + 1
        return self._labels[block] if block < len(self._labels) else None

    # -- colours --------------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.scheme = scheme_for(self.palette())
            self.highlighter.set_scheme(self.scheme)
            self._update_selections()
            self._gutter.update()

    def _update_selections(self) -> None:
        self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:
        # Line tints are painted under the text, so that the character backgrounds of spans
        # stay visible on them (an ExtraSelection would cover those).
        lines = self._line_colours()
        if lines:
            painter = QPainter(self.viewport())
            width = self.viewport().width()
            block = self.firstVisibleBlock()
            offset = self.contentOffset()
            bottom = event.rect().bottom()
            while block.isValid():
                geometry = self.blockBoundingGeometry(block).translated(offset)
                if geometry.top() > bottom:
                    break
                colour = lines.get(block.blockNumber())
                if colour is not None and block.isVisible():
                    painter.fillRect(
                        QRect(0, round(geometry.top()), width, round(geometry.height())), colour
                    )
                block = block.next()
            painter.end()
        super().paintEvent(event)

    def line_backgrounds(self) -> dict[int, QColor]:
        """Whole-line backgrounds by 1-based line: $$ bodies, diff tints, the error line."""
        return {block + 1: colour for block, colour in self._line_colours().items()}

    def _line_colours(self) -> dict[int, QColor]:
        colours = {
            "removed": QColor(self.scheme.removed_line),
            "added": QColor(self.scheme.added_line),
            "filler": QColor(self.scheme.filler_line),
        }
        lines: dict[int, QColor] = {}
        body = QColor(self.scheme.body)
        for block in self.highlighter.body_lines():
            lines[block] = body
        for block, kind in self._tints.items():
            lines[block] = colours[kind]
        if self._error_block is not None:
            lines[self._error_block] = QColor(self.scheme.error_line)
        return lines

    # -- gutter ---------------------------------------------------------------------------------

    def _marker_size(self) -> int:
        return max(8, int(self.fontMetrics().height() * 0.6))

    def gutter_width(self) -> int:
        if self._labels is None:
            largest = self.blockCount()
        else:
            largest = max((label for label in self._labels if label is not None), default=1)
        digits = max(3, len(str(largest)))
        return 6 + self._marker_size() + 6 + self.fontMetrics().horizontalAdvance("9") * digits + 8

    def _update_gutter_width(self, _count: int = 0) -> None:
        self.setViewportMargins(self.gutter_width(), 0, 0, 0)

    def _update_gutter(self, rect: QRect, dy: int) -> None:
        if dy:
            self._gutter.scroll(0, dy)
        else:
            self._gutter.update(0, rect.y(), self._gutter.width(), rect.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        contents = self.contentsRect()
        self._gutter.setGeometry(
            QRect(contents.left(), contents.top(), self.gutter_width(), contents.height())
        )

    def block_at_y(self, y: int) -> int | None:
        block = self.firstVisibleBlock()
        offset = self.contentOffset()
        while block.isValid():
            geometry = self.blockBoundingGeometry(block).translated(offset)
            if geometry.top() <= y < geometry.bottom():
                return block.blockNumber()
            if geometry.top() > y:
                break
            block = block.next()
        return None

    def paint_gutter(self, gutter: QWidget, event: QPaintEvent) -> None:
        painter = QPainter(gutter)
        palette = self.palette()
        background = palette.color(palette.ColorRole.Window)
        painter.fillRect(event.rect(), background)
        painter.setPen(palette.color(palette.ColorRole.Mid))
        painter.drawLine(
            gutter.width() - 1, event.rect().top(), gutter.width() - 1, event.rect().bottom()
        )
        if self.document().isEmpty():  # no "1" beside the placeholder text
            painter.end()
            return
        painter.setFont(self.font())
        marker = self._marker_size()
        line_height = self.fontMetrics().height()
        current = self.textCursor().blockNumber()
        block = self.firstVisibleBlock()
        offset = self.contentOffset()
        width = gutter.width() - 8
        while block.isValid():
            geometry = self.blockBoundingGeometry(block).translated(offset)
            top = round(geometry.top())
            if top > event.rect().bottom():
                break
            if block.isVisible() and geometry.bottom() >= event.rect().top():
                number = block.blockNumber()
                label = self.label_of(number)
                if number == self._error_block:
                    painter.fillRect(
                        QRect(0, top, 3, round(geometry.height())), self.scheme.severity("error")
                    )
                problems = self._problems.get(number)
                if problems:
                    paint_marker(
                        painter,
                        QRect(6, top, marker, line_height),
                        problems[0].severity,
                        self.scheme,
                    )
                if label is not None:
                    painter.setPen(
                        QColor(
                            self.scheme.gutter_current
                            if number == current
                            else self.scheme.gutter_text
                        )
                    )
                    painter.drawText(
                        QRect(0, top, width, line_height),
                        int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                        str(label),
                    )
            block = block.next()
        painter.end()

    # -- tooltips -------------------------------------------------------------------------------

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            block = self.cursorForPosition(event.pos()).blockNumber()
            self.show_problem_tip(block, event.globalPos())
            return True
        return super().viewportEvent(event)

    def show_problem_tip(self, block: int | None, where: QPoint) -> None:
        text = self.problem_tooltip(block) if block is not None else ""
        if text:
            QToolTip.showText(where, rich_tooltip(text), self)
        else:
            QToolTip.hideText()

    def problem_tooltip(self, block: int) -> str:
        """The tooltip of a 0-based block: the error line's message, then its problems'."""
        messages = [p.message for p in self._problems.get(block, ())]
        if block == self._error_block and self._error_message:
            messages.insert(0, self._error_message)
        return "\n".join(messages)


def rich_tooltip(text: str) -> str:
    """A tooltip that shows ``text`` as it is (Qt would take "<x>" for markup) and wraps."""
    return "<p>" + html.escape(text).replace("\n", "<br>") + "</p>"
