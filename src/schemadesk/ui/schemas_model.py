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

    COLUMNS = (
        "name", "owner", "tables", "views", "sequences", "functions", "size",
        "modules", "migrations", "findings", "comment",
    )  # fmt: skip

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[SchemaInfo] = []
        self._modules: dict[str, tuple[str, str]] = {}
        self._findings: dict[str, int] = {}
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
            self.tr("Modules"),
            self.tr("Migrations"),
            self.tr("Findings"),
            self.tr("Comment"),
        ]

    def set_schemas(self, schemas: Sequence[SchemaInfo]) -> None:
        """Replace every row at once (a refresh)."""
        self.beginResetModel()
        self._rows = list(schemas)
        self.endResetModel()

    def set_annotations(
        self, modules: dict[str, tuple[str, str]], findings: dict[str, int]
    ) -> None:
        """Per schema: (module names, migration state summary), and convention findings."""
        self._modules = modules
        self._findings = findings
        if self._rows:
            first = self.COLUMNS.index("modules")
            self.dataChanged.emit(self.index(0, first), self.index(len(self._rows) - 1, first + 2))

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
        if role == Qt.ItemDataRole.ToolTipRole and column in ("modules", "migrations"):
            return self._display(schema, column) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            "tables", "views", "sequences", "functions", "size", "findings"
        ):  # fmt: skip
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, schema: SchemaInfo, column: str) -> str:
        if column == "modules":
            return self._modules.get(schema.name, ("", ""))[0]
        if column == "migrations":
            return self._modules.get(schema.name, ("", ""))[1]
        if column == "findings":
            count = self._findings.get(schema.name, 0)
            return self._locale.toString(count) if count else ""
        if column == "size":
            return self._locale.formattedDataSize(schema.size_bytes)
        if column == "comment":
            return (schema.comment or "").split("\n", 1)[0]
        if column in ("tables", "views", "sequences", "functions"):
            return self._locale.toString(int(getattr(schema, column)))
        return str(getattr(schema, column))

    def _sort_key(self, schema: SchemaInfo, column: str) -> Any:
        if column in ("modules", "migrations"):
            return self._display(schema, column)
        if column == "findings":
            return self._findings.get(schema.name, 0)
        if column == "size":
            return schema.size_bytes
        value = getattr(schema, column)
        return value if value is not None else ""
