"""Item model of the schemas view: one row per schema, filtered and sorted in Python."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QLocale, Qt

from schemadesk.core.models import SchemaInfo
from schemadesk.ui.row_model import Column, RowTableModel

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_TRADITIONAL = QLocale.DataSizeFormat.DataSizeTraditionalFormat


class SchemasModel(RowTableModel[SchemaInfo]):
    """Schemas with owner, counts, size, their modules and migration state, findings, comment."""

    COLUMNS = (
        "name",
        "owner",
        "tables",
        "views",
        "sequences",
        "functions",
        "size",
        "modules",
        "migrations",
        "findings",
        "kind",
        "distributed",
        "colocation",
        "node",
        "cluster_size",
        "comment",
    )
    # Shown on a Citus coordinator only (the view hides them elsewhere).
    CITUS_COLUMNS = ("distributed", "colocation", "node", "cluster_size")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._modules: dict[str, tuple[str, str]] = {}
        self._findings: dict[str, int] = {}
        self._sizes: dict[str, int] | None = None
        locale = QLocale()

        def count(attr: str) -> Column[SchemaInfo]:
            return Column(
                attr,
                "",
                lambda s: locale.toString(int(getattr(s, attr))),
                lambda s: int(getattr(s, attr)),
                _RIGHT,
            )

        titles = [
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
            self.tr("Kind"),
            self.tr("Distributed"),
            self.tr("Colocation"),
            self.tr("Node"),
            self.tr("Size on nodes"),
            self.tr("Comment"),
        ]
        columns: list[Column[SchemaInfo]] = [
            Column("name", "", lambda s: s.name, tooltip=lambda s: s.name),
            Column("owner", "", lambda s: s.owner),
            count("tables"),
            count("views"),
            count("sequences"),
            count("functions"),
            Column("size", "", self._size_text, lambda s: self._size(s) or 0, _RIGHT),
            Column(
                "modules",
                "",
                lambda s: self._modules.get(s.name, ("", ""))[0],
                tooltip=lambda s: self._modules.get(s.name, ("", ""))[0] or None,
            ),
            Column(
                "migrations",
                "",
                lambda s: self._modules.get(s.name, ("", ""))[1],
                tooltip=lambda s: self._modules.get(s.name, ("", ""))[1] or None,
            ),
            Column(
                "findings", "", self._findings_text, lambda s: self._findings.get(s.name, 0), _RIGHT
            ),
            Column("kind", "", self._kind_text, tooltip=self._kind_tooltip),
            Column("distributed", "", self._distributed_text),
            Column(
                "colocation",
                "",
                lambda s: "" if s.citus is None else str(s.citus.colocation_id or ""),
                lambda s: -1 if s.citus is None else s.citus.colocation_id or 0,
                _RIGHT,
            ),
            Column("node", "", self._node_text, tooltip=self._node_text),
            Column(
                "cluster_size",
                "",
                self._cluster_size_text,
                lambda s: -1 if s.citus is None else s.citus.size_bytes or 0,
                _RIGHT,
            ),
            Column(
                "comment",
                "",
                lambda s: (s.comment or "").split("\n", 1)[0],
                tooltip=lambda s: s.comment,
            ),
        ]
        self._columns = [
            Column(c.key, title, c.display, c.sort_key, c.align, c.tooltip)
            for c, title in zip(columns, titles, strict=True)
        ]
        self._locale = locale

    def columns(self) -> Sequence[Column[SchemaInfo]]:
        return self._columns

    def _size(self, schema: SchemaInfo) -> int | None:
        if schema.size_bytes is not None:
            return schema.size_bytes
        if self._sizes is None:
            return None  # the size query has not answered yet
        return self._sizes.get(schema.name, 0)  # no tables: the query has no row for it

    def _size_text(self, schema: SchemaInfo) -> str:
        size = self._size(schema)
        if size is None:
            return "…"
        return self._bytes_text(size)

    def _bytes_text(self, size: int) -> str:
        if size < 1024:  # Qt's own "bytes" takes no plural forms ("0 байты")
            return self.tr("%n byte(s)", "", size)
        # kB, MB as pg_size_pretty writes them (powers of 1024), and with the units translated:
        # Qt spells the IEC units (KiB, MiB) the same in every language.
        return self._locale.formattedDataSize(size, 1, _TRADITIONAL)

    def set_sizes(self, sizes: dict[str, int] | None) -> None:
        """Fill in the sizes once the (slower) size query has answered."""
        self._sizes = sizes
        if self.rowCount():
            column = self.COLUMNS.index("size")
            self.dataChanged.emit(self.index(0, column), self.index(self.rowCount() - 1, column))

    @property
    def is_citus(self) -> bool:
        """The rows come from a Citus coordinator (each carries where it lives)."""
        return any(s.citus is not None for s in self.all_rows())

    def _distributed_text(self, schema: SchemaInfo) -> str:
        if schema.citus is None:
            return ""
        return self.tr("distributed") if schema.citus.distributed else self.tr("local")

    def _node_text(self, schema: SchemaInfo) -> str:
        if schema.citus is None:
            return ""
        if schema.citus.nodes:
            return ", ".join(schema.citus.nodes)
        return self.tr("no tables yet") if schema.citus.distributed else self.tr("coordinator")

    def _cluster_size_text(self, schema: SchemaInfo) -> str:
        if schema.citus is None or schema.citus.size_bytes is None:
            return ""
        return self._bytes_text(schema.citus.size_bytes)

    def _kind_text(self, schema: SchemaInfo) -> str:
        if schema.extension is not None:
            return self.tr("extension %1").replace("%1", schema.extension)
        if schema.is_system:
            return self.tr("system")
        return ""

    def _kind_tooltip(self, schema: SchemaInfo) -> str | None:
        if schema.extension is not None:
            return self.tr(
                "Belongs to extension %1, which manages its owner and rights: it is not "
                "checked against the convention and never changed by a fix."
            ).replace("%1", schema.extension)
        return None

    def _findings_text(self, schema: SchemaInfo) -> str:
        found = self._findings.get(schema.name, 0)
        return self._locale.toString(found) if found else ""

    def set_schemas(self, schemas: Sequence[SchemaInfo]) -> None:
        """Replace every row at once (a refresh)."""
        self.set_rows(schemas)

    def schema_at(self, row: int) -> SchemaInfo:
        return self.row_at(row)

    def set_annotations(
        self, modules: dict[str, tuple[str, str]], findings: dict[str, int]
    ) -> None:
        """Per schema: (module names, migration state summary), and convention findings."""
        self._modules = modules
        self._findings = findings
        if self.rowCount():
            first = self.COLUMNS.index("modules")
            self.dataChanged.emit(self.index(0, first), self.index(self.rowCount() - 1, first + 2))
