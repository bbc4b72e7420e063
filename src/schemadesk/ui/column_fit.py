"""Fitting table columns to their content by sampling the first rows.

``QTableView.resizeColumnsToContents`` asks the model for (nearly) every cell: with thousands
of rows that is tens of thousands of Python calls and a visible stall.
"""

from __future__ import annotations

from PySide6.QtWidgets import QTableView

SAMPLE_ROWS = 100
PADDING = 18


def fit_columns(view: QTableView, *, max_width: int = 360, sample: int = SAMPLE_ROWS) -> None:
    """Size each column to its header and its widest cell among the first ``sample`` rows."""
    model = view.model()
    if model is None:
        return
    metrics = view.fontMetrics()
    header = view.horizontalHeader()
    rows = min(model.rowCount(), sample)
    last = model.columnCount() - 1
    for column in range(model.columnCount()):
        if column == last and header.stretchLastSection():
            continue
        cells = [
            metrics.horizontalAdvance(str(model.index(row, column).data() or ""))
            for row in range(rows)
        ]
        # The header's hint has its margins (and the sort arrow's room) already: padding it
        # again made columns with long headers (Russian: «Представления») needlessly wide.
        wanted = max(header.sectionSizeHint(column), max(cells, default=0) + PADDING)
        header.resizeSection(column, min(wanted, max_width))
