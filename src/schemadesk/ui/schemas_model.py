"""Item model of the schemas view: one row per schema, filtered and sorted in Python."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from operator import attrgetter
from typing import Any, Final

from PySide6.QtCore import QLocale, Qt, QTimer, Signal

from schemadesk.core.models import SchemaInfo
from schemadesk.ui.row_model import Column, RowTableModel

_NAME = attrgetter("name")
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_TRADITIONAL = QLocale.DataSizeFormat.DataSizeTraditionalFormat
# Where each count sits in a schema's counts: (tables, views, sequences, functions, estimated
# bytes), as ``db.access.row_models.counts_of`` gives them.
_COUNT_AT: Final = {"tables": 0, "views": 1, "sequences": 2, "functions": 3}
_NO_COUNTS: Final = (0, 0, 0, 0, 0)


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
    # Exact sizes stat every file of a schema: asked for only for the rows a view shows
    # (names, batched on the next loop turn); the session answers with ``add_sizes``.
    sizes_wanted = Signal(list)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._modules: dict[str, tuple[str, str]] = {}
        self._findings: dict[str, int] = {}
        self._sizes: dict[str, int] = {}  # exact sizes known so far
        self._asked: set[str] = set()  # schemas whose size was asked for
        self._wanted: list[str] = []  # to ask for on the next loop turn
        self._ask = QTimer(self)
        self._ask.setSingleShot(True)
        self._ask.setInterval(0)
        self._ask.timeout.connect(self._ask_sizes)
        # Counts that come after the list (None: each row's own); pending: not known yet.
        self._counts: Mapping[str, tuple[int, int, int, int, int]] | None = None
        self._counts_pending = False
        self._search: dict[str, str] = {}  # by schema: its searched texts, case-folded
        locale = QLocale()

        def count(attr: str) -> Column[SchemaInfo]:
            return Column(
                attr,
                "",
                lambda s: "…" if self._counts_pending else locale.toString(self._count(s, attr)),
                lambda s: self._count(s, attr),
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
            Column("name", "", _NAME, _NAME, tooltip=_NAME),  # sorted without a call into Python
            Column("owner", "", lambda s: s.owner),
            count("tables"),
            count("views"),
            count("sequences"),
            count("functions"),
            Column("size", "", self._size_text, self._size_sort_key, _RIGHT),
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

    def _count(self, schema: SchemaInfo, attr: str) -> int:
        if self._counts is None:
            return int(getattr(schema, attr))
        return self._counts.get(schema.name, _NO_COUNTS)[_COUNT_AT[attr]]

    def _size(self, schema: SchemaInfo) -> int | None:
        if schema.size_bytes is not None:
            return schema.size_bytes
        return self._sizes.get(schema.name)

    def _size_sort_key(self, schema: SchemaInfo) -> int:
        """The exact size where known, else the estimate the counts bring (pages)."""
        size = self._size(schema)
        if size is not None or self._counts is None:
            return size or 0
        return self._counts.get(schema.name, _NO_COUNTS)[4]

    def _size_text(self, schema: SchemaInfo) -> str:
        size = self._size(schema)
        if size is None:
            self._want_size(schema.name)
            return "…"
        return self._bytes_text(size)

    def _want_size(self, name: str) -> None:
        if name not in self._asked:
            self._asked.add(name)
            self._wanted.append(name)
            if not self._ask.isActive():
                self._ask.start()

    def _ask_sizes(self) -> None:
        wanted, self._wanted = self._wanted, []
        if wanted:
            self.sizes_wanted.emit(wanted)

    def _bytes_text(self, size: int) -> str:
        if size < 1024:  # Qt's own "bytes" takes no plural forms ("0 байты")
            return self.tr("%n byte(s)", "", size)
        # kB, MB as pg_size_pretty writes them (powers of 1024), and with the units translated:
        # Qt spells the IEC units (KiB, MiB) the same in every language.
        return self._locale.formattedDataSize(size, 1, _TRADITIONAL)

    def set_sizes(self, sizes: Mapping[str, int] | None) -> None:
        """Replace the exact sizes known (None: none; those shown are asked for again)."""
        self._sizes = dict(sizes or {})
        self._asked = set(self._sizes)
        self._wanted = []
        self._search = {}
        self._size_changed()

    def add_sizes(self, sizes: Mapping[str, int], asked: Iterable[str] = ()) -> None:
        """Exact sizes that arrived; an ``asked`` schema missing from them is empty (0)."""
        self._sizes.update({name: 0 for name in asked if name not in sizes})
        self._sizes.update(sizes)
        for name in (*asked, *sizes):  # the filter looks in these rows' exact sizes now
            self._search.pop(name, None)
        self._size_changed()

    def _size_changed(self) -> None:
        if self.rowCount():
            column = self.COLUMNS.index("size")
            self.dataChanged.emit(self.index(0, column), self.index(self.rowCount() - 1, column))

    def set_counts(self, counts: Mapping[str, tuple[int, int, int, int, int]]) -> None:
        """The counts (and estimated sizes) of schemas listed without them, by name."""
        self._counts = counts
        self._counts_pending = False
        self._search = {}  # the counts the filter looks in came
        if self.rowCount():
            first, last = self.COLUMNS.index("tables"), self.COLUMNS.index("size")
            self.dataChanged.emit(self.index(0, first), self.index(self.rowCount() - 1, last))

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

    def search_text(self, schema: SchemaInfo) -> str:
        """The texts the filter looks in: every column as shown (one line each), case-folded;
        made once per schema and load, so that a keystroke over 10,000 schemas is a substring
        test each. The size is the exact one where read, else the estimate it sorts by: the
        filter never asks for a size (10,000 of them at once)."""
        found = self._search.get(schema.name)
        if found is None:
            texts = (
                self._searched_size(schema) if c.key == "size" else c.display(schema)
                for c in self._columns
            )
            found = self._search[schema.name] = "\n".join(texts).casefold()
        return found

    def _searched_size(self, schema: SchemaInfo) -> str:
        size = self._size(schema)
        if size is None and self._counts is not None and not self._counts_pending:
            size = self._counts.get(schema.name, _NO_COUNTS)[4]
        return "" if size is None else self._bytes_text(size)

    def set_schemas(self, schemas: Sequence[SchemaInfo], *, counted: bool = True) -> None:
        """Replace every row at once (a refresh); ``counted=False``: their counts come later
        (``set_counts``) and show as "…" until then."""
        self._counts = None
        self._counts_pending = not counted
        self._search = {}
        self.set_rows(schemas)

    def schema_at(self, row: int) -> SchemaInfo:
        return self.row_at(row)

    def set_annotations(
        self, modules: dict[str, tuple[str, str]], findings: dict[str, int]
    ) -> None:
        """Per schema: (module names, migration state summary), and convention findings."""
        self._modules = modules
        self._findings = findings
        self._search = {}
        if self.rowCount():
            first = self.COLUMNS.index("modules")
            self.dataChanged.emit(self.index(0, first), self.index(self.rowCount() - 1, first + 2))
