"""The SQL preview's title: one line that shortens itself instead of widening its parent."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

_LEFT = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft


class ElidedLabel(QLabel):
    """A one-line title with an optional grey subtitle after it (``schema users``).

    When the line is short of room the subtitle goes first (the schema box below says it too),
    then the title loses its middle ("007_add…ожидает"): the number and the state stay. The
    tooltip always holds the whole title."""

    GAP = 12  # between the title and the subtitle

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._subtitle = ""

    def subtitle(self) -> str:
        return self._subtitle

    def set_subtitle(self, text: str) -> None:
        """The grey text after the title, shown only when both fit whole."""
        self._subtitle = text
        self.update()

    def _subtitle_font(self) -> QFont:
        font = QFont(self.font())
        font.setBold(False)
        return font

    def minimumSizeHint(self) -> QSize:
        return QSize(self.fontMetrics().horizontalAdvance("x" * 8), super().sizeHint().height())

    def sizeHint(self) -> QSize:
        # Ask for little: the title takes what is left, the buttons beside it never shrink.
        return self.minimumSizeHint()

    def shown(self) -> tuple[str, str]:
        """What fits in the width it has: the title (perhaps elided) and the subtitle or ""."""
        width = self.contentsRect().width()
        metrics = self.fontMetrics()
        title = metrics.horizontalAdvance(self.text())
        if self._subtitle:
            rest = QFontMetrics(self._subtitle_font()).horizontalAdvance(self._subtitle)
            if title + self.GAP + rest <= width:
                return self.text(), self._subtitle
        return metrics.elidedText(self.text(), Qt.TextElideMode.ElideMiddle, width), ""

    def paintEvent(self, event: QPaintEvent) -> None:
        title, subtitle = self.shown()
        rect = self.contentsRect()
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawText(rect, int(_LEFT), title)
        if subtitle:
            left = rect.left() + self.fontMetrics().horizontalAdvance(title) + self.GAP
            painter.setFont(self._subtitle_font())
            # A palette role, not a style sheet: it follows View ▸ Colours (light, dark) at once.
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(QRect(left, rect.top(), rect.right() - left, rect.height()),
                             int(_LEFT), subtitle)  # fmt: skip
        painter.end()
