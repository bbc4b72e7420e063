"""Item model of the schemas view: one row per schema, sortable by the raw values."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QLocale, QModelIndex, QPersistentModelIndex, Qt

from schemadesk.core.models import SchemaInfo

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex


class SchemasModel(QAbstractTableModel):
    """Schemas with owner, object counts, size and comment. Only visible rows are ever rendered."""

    COLUMNS = ("name", "owner", "tables", "views", "sequences", "functions", "size", "comment")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[SchemaInfo] = []
        self._locale = QLocale()

    def headers(self) -> list[str]:
        return [
            self.tr("Schema"),
            self.tr("Owner"),
            self.tr("Tables"),
            self.tr("Views"),
            self.tr("Sequences"),
            self.tr("Functions"),
            self.tr("Size"),
            self.tr("Comment"),
        ]

    def set_schemas(self, schemas: Sequence[SchemaInfo]) -> None:
        """Replace every row at once (a refresh)."""
        self.beginResetModel()
        self._rows = list(schemas)
        self.endResetModel()

    def schema_at(self, row: int) -> SchemaInfo:
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        schema = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(schema, column)
        if role == SORT_ROLE:
            return self._sort_key(schema, column)
        if role == Qt.ItemDataRole.ToolTipRole and column in ("comment", "name"):
            return schema.comment if column == "comment" else schema.name
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            "tables", "views", "sequences", "functions", "size"
        ):  # fmt: skip
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, schema: SchemaInfo, column: str) -> str:
        if column == "size":
            return self._locale.formattedDataSize(schema.size_bytes)
        if column == "comment":
            return (schema.comment or "").split("\n", 1)[0]
        if column in ("tables", "views", "sequences", "functions"):
            return self._locale.toString(int(getattr(schema, column)))
        return str(getattr(schema, column))

    @staticmethod
    def _sort_key(schema: SchemaInfo, column: str) -> Any:
        if column == "size":
            return schema.size_bytes
        value = getattr(schema, column)
        return value if value is not None else ""
