"""Roles × schemas privilege matrix, computed cell by cell as the view needs them.

With thousands of roles and schemas the full matrix is millions of cells; only the visible ones
are ever asked for. A cell asked for the first time shows "…" and is computed a little later,
in slices of a few milliseconds on the event loop, then cached: a screenful of cells (each a few
milliseconds of work) never stalls the window.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QColor

from schemadesk.core.access.effective import RoleGraph
from schemadesk.core.access.matrix import MatrixCell, privilege_matrix
from schemadesk.core.access.models import Catalog
from schemadesk.core.terminal_text import visible_line
from schemadesk.ui.core_texts import cell_reasons_text
from schemadesk.ui.tasks import SLICE_S

_Index = QModelIndex | QPersistentModelIndex


class PrivilegeMatrixModel(QAbstractTableModel):
    """Rows are roles, columns are schemas; a cell reads ``U C · S I U D`` with reasons on hover."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._catalog: Catalog | None = None
        self._graph: RoleGraph | None = None
        self._roles: list[str] = []
        self._schemas: list[str] = []
        self._pending: dict[tuple[int, int], None] = {}  # ordered: first asked, first computed
        self._slicer = QTimer(self)
        self._slicer.setSingleShot(True)
        self._slicer.setInterval(0)
        self._slicer.timeout.connect(self._compute_slice)
        self._cache: dict[tuple[int, int], MatrixCell] = {}

    def set_catalog(
        self,
        catalog: Catalog,
        roles: Sequence[str],
        schemas: Sequence[str],
        graph: RoleGraph | None = None,
    ) -> None:
        """Show a catalog; pass the membership graph when it was built off the UI thread."""
        roles, schemas = list(roles), list(schemas)
        same = self._catalog is not None and roles == self._roles and schemas == self._schemas
        if not same:  # the same rows and columns (the whole catalog after its first lists):
            self.beginResetModel()  # no reset of 20,000 × 10,000 for Qt, the cells change
        self._catalog = catalog
        self._graph = graph
        self._roles = roles
        self._schemas = schemas
        self._cache.clear()
        self._pending.clear()
        if not same:
            self.endResetModel()
        elif roles and schemas:
            self.dataChanged.emit(self.index(0, 0), self.index(len(roles) - 1, len(schemas) - 1))

    def release(self) -> None:
        """No catalog, no cells (its connection was closed)."""
        self.beginResetModel()
        self._catalog, self._graph = None, None
        self._roles, self._schemas = [], []
        self._cache.clear()
        self._pending.clear()
        self.endResetModel()

    def set_roles(self, roles: Sequence[str]) -> None:
        """Show only these roles (a filter); rows move, so computed cells are dropped."""
        self.beginResetModel()
        self._roles = list(roles)
        self._cache.clear()
        self._pending.clear()
        self.endResetModel()

    def cell(self, row: int, column: int) -> MatrixCell:
        """The cell, computed now if needed (tests and tooltips may ask for any)."""
        key = (row, column)
        cached = self._cache.get(key)
        if cached is None:
            assert self._catalog is not None
            if self._graph is None:
                self._graph = RoleGraph(self._catalog)
            role, schema = self._roles[row], self._schemas[column]
            matrix = privilege_matrix(self._catalog, [role], [schema], self._graph)
            cached = self._cache[key] = matrix.cells[0]
        return cached

    def cell_description(self, row: int, column: int) -> str:
        """``role on schema (U– · S–––)`` and each right spelled out with its reasons, one a
        line: the tooltip, and what Copy puts on the clipboard."""
        c = self.cell(row, column)
        title = self.tr("%1 on %2").replace("%1", visible_line(c.role))
        title = title.replace("%2", visible_line(c.schema))
        return f"{title} ({cell_text(c)})\n" + cell_reasons_text(c).replace("; ", "\n")

    def names_at(self, row: int, column: int) -> tuple[str, str]:
        """The role and the schema of a cell, exactly as named in the catalog."""
        return self._roles[row], self._schemas[column]

    def ready_cell(self, row: int, column: int) -> MatrixCell | None:
        """The cell if computed already; otherwise queue it for the next slice and say None."""
        cached = self._cache.get((row, column))
        if cached is None:
            self._pending[(row, column)] = None
            if not self._slicer.isActive():
                self._slicer.start()
        return cached

    def _compute_slice(self) -> None:
        deadline = time.perf_counter() + SLICE_S
        done: list[tuple[int, int]] = []
        while self._pending and time.perf_counter() < deadline:
            row, column = next(iter(self._pending))
            del self._pending[(row, column)]
            if row < len(self._roles) and column < len(self._schemas):
                self.cell(row, column)
                done.append((row, column))
        if done:
            rows = [r for r, _ in done]
            columns = [c for _, c in done]
            self.dataChanged.emit(
                self.index(min(rows), min(columns)), self.index(max(rows), max(columns))
            )
        if self._pending:
            self._slicer.start()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._roles)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._schemas)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        names = self._schemas if orientation == Qt.Orientation.Horizontal else self._roles
        return visible_line(names[section]) if section < len(names) else None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            ready = self.ready_cell(index.row(), index.column())
            return cell_text(ready) if ready is not None else "…"
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.cell_description(index.row(), index.column())
        if role == Qt.ItemDataRole.BackgroundRole:
            computed = self._cache.get((index.row(), index.column()))
            if computed is None:
                return None
            if computed.create.held:
                return QColor(255, 193, 7, 70)  # can change the schema: amber
            if computed.usage.held:
                return QColor(76, 175, 80, 60)  # can use it: green
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


def cell_text(cell: MatrixCell) -> str:
    """``U C · S I U D`` with dashes for rights not held; DML letters only when held on every
    table, lower case when held on some."""
    schema_part = ("U" if cell.usage.held else "–") + ("C" if cell.create.held else "–")
    if not cell.tables:
        return schema_part
    letters = []
    for privilege, count in cell.coverage:
        letter = privilege[0]
        letters.append(letter if count == cell.tables else letter.lower() if count else "–")
    return f"{schema_part} · {''.join(letters)}"
