"""The problems under the editor: one row each; a click (or Enter) asks to jump to its line."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from schemadesk.ui.sql_preview.colours import Scheme, scheme_for
from schemadesk.ui.sql_preview.editor import SEVERITY_RANK, paint_marker, rich_tooltip
from schemadesk.ui.sql_preview.types import Problem

PROBLEM_ROLE = Qt.ItemDataRole.UserRole + 1


def severity_icon(severity: str, scheme: Scheme, size: int, ratio: float) -> QIcon:
    pixmap = QPixmap(round(size * ratio), round(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    paint_marker(painter, QRect(1, 1, size - 2, size - 2), severity, scheme)
    painter.end()
    return QIcon(pixmap)


class ProblemsList(QTreeWidget):
    """Problems sorted by line; ``problem_activated`` carries the clicked ``Problem``."""

    problem_activated = Signal(object)  # Problem

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sqlProblems")
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAllColumnsShowFocus(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setColumnCount(3)
        self.setHeaderLabels([self.tr("Severity"), self.tr("Line"), self.tr("Message")])
        header = self.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.itemClicked.connect(self._activated)
        self.itemActivated.connect(self._activated)

    def severity_text(self, severity: str) -> str:
        return {
            "error": self.tr("Error"),
            "warning": self.tr("Warning"),
            "info": self.tr("Note"),
        }.get(severity, severity)

    def set_problems(self, problems: Sequence[Problem]) -> None:
        self.clear()
        scheme = scheme_for(self.palette())
        size = self.fontMetrics().height()
        ratio = self.devicePixelRatioF()
        icons = {s: severity_icon(s, scheme, size, ratio) for s in SEVERITY_RANK}
        ordered = sorted(
            problems,
            key=lambda p: (
                p.line if p.line is not None else 0,
                p.column or 0,
                SEVERITY_RANK.get(p.severity, 3),
            ),
        )
        for problem in ordered:
            where = ""
            if problem.line is not None:
                where = str(problem.line)
                if problem.column is not None:
                    where += f":{problem.column}"
            item = QTreeWidgetItem([self.severity_text(problem.severity), where, problem.message])
            item.setIcon(0, icons.get(problem.severity, icons["info"]))
            item.setToolTip(2, rich_tooltip(problem.message))
            item.setData(0, PROBLEM_ROLE, problem)
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.addTopLevelItem(item)

    def problems(self) -> list[Problem]:
        found: list[Problem] = []
        for row in range(self.topLevelItemCount()):
            item = self.topLevelItem(row)
            if item is not None:
                found.append(item.data(0, PROBLEM_ROLE))
        return found

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        problem = item.data(0, PROBLEM_ROLE)
        if isinstance(problem, Problem):
            self.problem_activated.emit(problem)
