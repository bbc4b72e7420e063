"""A table model over a Python list that filters and sorts itself.

Why not QSortFilterProxyModel: it sorts by calling ``data()`` back into Python for every
comparison — with 5,000 roles that is a few hundred thousand calls and a visible stall. Here a
sort is one ``list.sort`` with a key and a filter one list comprehension, and the view only asks
for the rows it paints.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, cast

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QModelRoleData,
    QModelRoleDataSpan,
    QPersistentModelIndex,
    Qt,
)

from schemadesk.core.terminal_text import visible, visible_line
from schemadesk.ui.plain_text import plain_tip

T = TypeVar("T")
_Index = QModelIndex | QPersistentModelIndex
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole)


@dataclass(frozen=True)
class Column(Generic[T]):
    """One column: its title, how a row shows in it, and how it sorts."""

    key: str
    title: str
    display: Callable[[T], str]
    sort_key: Callable[[T], Any] | None = None  # default: the displayed text
    align: Qt.AlignmentFlag | None = None
    tooltip: Callable[[T], str | None] | None = None


class RowTableModel(QAbstractTableModel, Generic[T]):
    """Rows of ``T`` shown through ``columns``; ``set_filter`` and ``sort`` reorder in Python."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._all: list[T] = []
        self._shown: list[T] = []
        self._filter: Callable[[T], bool] | None = None
        self._sort: tuple[int, Qt.SortOrder] | None = None

    def columns(self) -> Sequence[Column[T]]:
        raise NotImplementedError

    def headers(self) -> list[str]:
        return [c.title for c in self.columns()]

    def set_rows(self, rows: Sequence[T]) -> None:
        """Replace every row (a refresh); the filter and the sort order stay."""
        self.beginResetModel()
        self._all = list(rows)
        self._shown = self._apply(self._all)
        self.endResetModel()

    def set_filter(self, predicate: Callable[[T], bool] | None) -> None:
        """Show only the rows for which ``predicate`` is true (None: every row)."""
        self.beginResetModel()
        self._filter = predicate
        self._shown = self._apply(self._all)
        self.endResetModel()

    def row_at(self, row: int) -> T:
        return self._shown[row]

    def shown(self) -> list[T]:
        """The rows as shown: filtered and sorted."""
        return list(self._shown)

    def all_rows(self) -> list[T]:
        return list(self._all)

    def column_texts(self, column: int, limit: int) -> list[str]:
        """The displayed texts of ``column`` in the first ``limit`` shown rows (for sizing)."""
        display = self.columns()[column].display
        return [display(row) or "" for row in self._shown[:limit]]

    def _apply(self, rows: list[T]) -> list[T]:
        shown = [r for r in rows if self._filter(r)] if self._filter else list(rows)
        if self._sort is not None:
            column, order = self._sort
            spec = self.columns()[column]
            key = spec.sort_key or spec.display
            shown.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        return shown

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        before = self._shown
        self._sort = (column, order)
        self._shown = self._apply(self._shown)
        # The selection and current row follow their rows (not their positions): a view's
        # highlight and the details shown for it stay the same item.
        where = {id(item): row for row, item in enumerate(self._shown)}
        old = self.persistentIndexList()
        new = [
            self.index(where[id(before[i.row()])], i.column()) if i.row() < len(before) else i
            for i in old
        ]
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns())

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns()[section].title
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        return _value(self._shown[index.row()], self.columns()[index.column()], int(role))

    def multiData(
        self,
        index: _Index,
        span: QModelRoleDataSpan | QModelRoleData,
    ) -> None:
        """Every role a delegate asks of one cell in one call: Qt's default asks ``data()``
        once per role (seven for a painted cell), each a call into Python; a screenful of
        the big views was thousands of them."""
        if not index.isValid():
            fill_roles(span, lambda _role: None)
            return
        row = self._shown[index.row()]
        spec = self.columns()[index.column()]
        fill_roles(span, lambda role: _value(row, spec, role))


def fill_roles(span: QModelRoleDataSpan | QModelRoleData, value_of: Callable[[int], Any]) -> None:
    """Answer every role a ``multiData`` call asks for with ``value_of(role)`` (None: no data).
    PySide6 iterates a span; its stubs do not say."""
    items = (span,) if isinstance(span, QModelRoleData) else cast(Iterable[QModelRoleData], span)
    for item in items:
        value = value_of(item.role())
        if value is None:
            item.clearData()
        else:
            item.setData(value)


def _value(row: Any, spec: Column[Any], role: int) -> Any:
    """What ``spec`` shows of ``row`` in ``role`` (None: nothing)."""
    if role == _DISPLAY:
        shown = spec.display(row)
        # Names from the catalog may hold newlines or escapes: one visible line each.
        return visible_line(shown) if isinstance(shown, str) else shown
    if role == _TOOLTIP and spec.tooltip is not None:
        tip = spec.tooltip(row)  # a whole name or comment: its lines kept, controls shown
        # A tooltip looking like markup would render it (a comment's <img>): shown escaped.
        return plain_tip(visible(tip)) if isinstance(tip, str) else tip
    if role == _ALIGN and spec.align is not None:
        return int(spec.align)
    return None
