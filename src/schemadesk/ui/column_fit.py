"""Fitting table columns to their content by sampling the first rows.

``QTableView.resizeColumnsToContents`` asks the model for (nearly) every cell: with thousands
of rows that is tens of thousands of Python calls and a visible stall. Here the texts of the
first rows come straight from a ``RowTableModel`` (no call through Qt), and only the longest few
of each column are measured.
"""

from __future__ import annotations

import heapq

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QTableView

from schemadesk.ui.row_model import RowTableModel

SAMPLE_ROWS = 100
PADDING = 18
MEASURED = 8  # the longest texts measured per column: width follows length closely enough


def widest_text(view: QTableView, column: int, sample: int = SAMPLE_ROWS) -> int:
    """Pixel width of the widest text of ``column`` among the first ``sample`` rows."""
    texts = _column_texts(view.model(), column, sample)
    metrics = view.fontMetrics()
    longest = heapq.nlargest(MEASURED, texts, key=len)
    return max((metrics.horizontalAdvance(text) for text in longest), default=0)


def fit_columns(view: QTableView, *, max_width: int = 360, sample: int = SAMPLE_ROWS) -> None:
    """Size each column to its header and its widest cell among the first ``sample`` rows."""
    model = view.model()
    if model is None:
        return
    header = view.horizontalHeader()
    last = model.columnCount() - 1
    for column in range(model.columnCount()):
        if column == last and header.stretchLastSection():
            continue
        # The header's hint has its margins (and the sort arrow's room) already: padding it
        # again made columns with long headers (Russian: «Представления») needlessly wide.
        wanted = max(header.sectionSizeHint(column), widest_text(view, column, sample) + PADDING)
        header.resizeSection(column, min(wanted, max_width))


def _column_texts(model: QAbstractItemModel | None, column: int, sample: int) -> list[str]:
    if model is None:
        return []
    if isinstance(model, RowTableModel):
        return model.column_texts(column, sample)
    rows = min(model.rowCount(), sample)
    return [str(model.index(row, column).data() or "") for row in range(rows)]
