"""Roles × schemas privilege matrix, computed cell by cell as the view needs them.

With thousands of roles and schemas the full matrix is millions of cells; only the visible ones
are ever asked for. A cell asked for the first time shows "…" and is computed a little later,
in slices of a few milliseconds on the event loop, then cached: a screenful of cells (each a few
milliseconds of work) never stalls the window.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QModelRoleData,
    QModelRoleDataSpan,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QColor

from schemadesk.core.access.effective import RoleGraph
from schemadesk.core.access.matrix import MatrixCell, privilege_matrix
from schemadesk.core.access.models import Catalog
from schemadesk.core.terminal_text import visible_line
from schemadesk.ui.core_texts import cell_reasons_text
from schemadesk.ui.plain_text import plain_tip
from schemadesk.ui.row_model import fill_roles
from schemadesk.ui.tasks import SLICE_S

_Index = QModelIndex | QPersistentModelIndex
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole)
_CENTER = int(Qt.AlignmentFlag.AlignCenter)
_AMBER = QColor(255, 193, 7, 70)  # can change the schema
_GREEN = QColor(76, 175, 80, 60)  # can use it


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
        # The reach of the role whose cell is next, worked out over slices: a role that
        # reaches thousands of others is tens of milliseconds of walking in one go.
        self._walk: tuple[str, Iterator[None]] | None = None
        self.reach_per_step = 2000  # memberships looked at between two checks of the clock
        self.reach_steps_per_slice = 8  # and at most this many steps in one slice

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
        self._walk = None
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
        self._walk = None
        self.endResetModel()

    def set_roles(self, roles: Sequence[str]) -> None:
        """Show only these roles (a filter); rows move, so computed cells are dropped."""
        self.beginResetModel()
        self._roles = list(roles)
        self._cache.clear()
        self._pending.clear()
        self._walk = None
        self.endResetModel()

    def cell(self, row: int, column: int) -> MatrixCell:
        """The cell, computed now if needed (tests and tooltips may ask for any)."""
        key = (row, column)
        cached = self._cache.get(key)
        if cached is None:
            assert self._catalog is not None
            role, schema = self._roles[row], self._schemas[column]
            matrix = privilege_matrix(self._catalog, [role], [schema], self._graph_now())
            cached = self._cache[key] = matrix.cells[0]
        return cached

    def _graph_now(self) -> RoleGraph:
        if self._graph is None:
            assert self._catalog is not None
            self._graph = RoleGraph(self._catalog)
        return self._graph

    def _reach_ready(self, role: str, deadline: float) -> bool:
        """Whether ``role``'s reach is known, after walking it on for this slice if not."""
        graph = self._graph_now()
        if graph.reached(role):
            return True
        if self._walk is None or self._walk[0] != role:
            self._walk = (role, graph.reaching(role, per_step=self.reach_per_step))
        walk = self._walk[1]
        for steps, _ in enumerate(walk, 1):
            if steps >= self.reach_steps_per_slice or time.perf_counter() >= deadline:
                return False
        self._walk = None
        return True

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
            inside = row < len(self._roles) and column < len(self._schemas)
            if inside and not self._reach_ready(self._roles[row], deadline):
                break  # its role's reach goes on in the next slice
            del self._pending[(row, column)]
            if inside:
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
        return self._value(index.row(), index.column(), int(role))

    def multiData(self, index: _Index, span: QModelRoleDataSpan | QModelRoleData) -> None:
        """Every role a delegate asks of one cell in one call into Python (Qt's default
        calls ``data()`` once per role: seven per painted cell)."""
        valid = index.isValid()
        row, column = index.row(), index.column()
        fill_roles(span, lambda role: self._value(row, column, role) if valid else None)

    def _value(self, row: int, column: int, role: int) -> Any:
        if role == _DISPLAY:
            ready = self.ready_cell(row, column)
            return cell_text(ready) if ready is not None else "…"
        if role == _TOOLTIP:
            return plain_tip(self.cell_description(row, column))  # names, never markup
        if role == _BACKGROUND:
            computed = self._cache.get((row, column))
            if computed is None:
                return None
            if computed.create.held:
                return _AMBER
            if computed.usage.held:
                return _GREEN
        if role == _ALIGN:
            return _CENTER
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
