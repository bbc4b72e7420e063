"""The schemas view: a filterable, sortable table of the database's schemas."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from schemadesk.core.models import SchemaInfo
from schemadesk.ui.column_fit import PADDING, fit_columns, widest_text
from schemadesk.ui.schemas_model import SchemasModel

LATE_COLUMN_WIDTH = 220  # px: the first states of a migration summary, in any language


class SchemasView(QWidget):
    """Given a SchemasModel, shows it with an instant filter; it never fetches by itself."""

    schema_selected = Signal(object)  # SchemaInfo
    # (schema, "distribute" | "undistribute" | "move"): a Citus change, confirmed as any change
    citus_requested = Signal(str, str)

    def __init__(self, model: SchemasModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        # Filtering and sorting happen in the model itself (row_model.py), not in a proxy.

        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Filter schemas by name, owner or comment"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._apply_filter)

        self.table = QTableView()
        self.table.setModel(model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        # Rows of one height: at 10,000 schemas an interactive header's layout after each reset
        # (a refresh, a filter keystroke) held the UI loop 15 ms more.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)

        copy = QAction(self.tr("Copy"), self.table)
        copy.setShortcut(QKeySequence.StandardKey.Copy)
        copy.triggered.connect(self.copy_selection)
        self.table.addAction(copy)
        # On a Citus coordinator only (``_fit_columns``): reviewed and confirmed like any change.
        self.distribute_action = QAction(self.tr("Distribute schema…"), self.table)
        self.distribute_action.triggered.connect(lambda: self._citus("distribute"))
        self.undistribute_action = QAction(self.tr("Undistribute schema…"), self.table)
        self.undistribute_action.triggered.connect(lambda: self._citus("undistribute"))
        self.move_action = QAction(self.tr("Move tenant to another node…"), self.table)
        self.move_action.triggered.connect(lambda: self._citus("move"))
        for action in (self.distribute_action, self.undistribute_action, self.move_action):
            action.setVisible(False)
            self.table.addAction(action)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.table)
        model.modelReset.connect(self._fit_columns)
        # A refresh or a filter resets the rows: the schema shown in the details is selected
        # again, or, when it is no longer shown, the details are cleared (None).
        self.selected: str | None = None
        model.modelReset.connect(self._reselect)
        model.dataChanged.connect(self._widen_columns)

    def set_schemas(self, schemas: Sequence[SchemaInfo], *, counted: bool = True) -> None:
        """Show ``schemas``; ``counted=False``: their counts follow (``set_counts``)."""
        self.model.set_schemas(schemas, counted=counted)

    def visible_names(self) -> list[str]:
        """Schema names in the order shown, after filter and sort."""
        return [s.name for s in self.model.shown()]

    def _apply_filter(self, text: str) -> None:
        needle = text.strip().casefold()
        if not needle:
            self.model.set_filter(None)
            return
        search = self.model.search_text  # name, owner, comment, modules, state...
        self.model.set_filter(lambda s: needle in search(s))

    def select_schema(self, name: str) -> bool:
        for row, schema in enumerate(self.model.shown()):
            if schema.name == name:
                self.table.selectRow(row)
                return True
        return False

    def copy_selection(self) -> None:
        """Copy the selected rows as tab-separated text, with the header."""
        rows = sorted({i.row() for i in self.table.selectionModel().selectedIndexes()})
        if not rows:
            return
        columns = [c for c in range(self.model.columnCount()) if not self.table.isColumnHidden(c)]
        headers = self.model.headers()
        lines = ["\t".join(headers[c] for c in columns)]
        for row in rows:
            lines.append("\t".join(str(self.model.index(row, c).data() or "") for c in columns))
        QGuiApplication.clipboard().setText("\n".join(lines))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            schema = self.model.schema_at(current.row())
            self._offer_citus(schema)
            self.selected = schema.name if schema is not None else None
            self.schema_selected.emit(schema)

    def _reselect(self) -> None:
        if self.selected is None:
            return
        name, self.selected = self.selected, None
        if not self.select_schema(name):
            self.schema_selected.emit(None)

    def _offer_citus(self, schema: SchemaInfo | None) -> None:
        """Distribute a local schema, undistribute a tenant; never an extension's schema."""
        where = None if schema is None or schema.extension else schema.citus
        citus = self.model.is_citus and schema is not None and not schema.extension
        distributed = where is not None and where.distributed
        self.distribute_action.setVisible(citus and not distributed)
        self.undistribute_action.setVisible(citus and distributed)
        self.move_action.setVisible(citus and distributed)

    def _citus(self, verb: str) -> None:
        current = self.table.currentIndex()
        if current.isValid():
            self.citus_requested.emit(self.model.schema_at(current.row()).name, verb)

    def _fit_columns(self) -> None:
        citus = self.model.is_citus  # where each schema lives: on a Citus coordinator only
        header = self.table.horizontalHeader()
        # Beside the name and owner, where the eye looks first: whose schema it is (an
        # extension's?), on a Citus coordinator where it lives, then its migrations' state and
        # findings (before the counts: in a 1024-pixel window they stay in view).
        moved = ("kind", *self.model.CITUS_COLUMNS, "migrations", "findings")
        for place, key in enumerate(moved, start=2):
            column = self.model.COLUMNS.index(key)
            self.table.setColumnHidden(column, key in self.model.CITUS_COLUMNS and not citus)
            header.moveSection(header.visualIndex(column), place)
        fit_columns(self.table)
        header.resizeSection(0, min(max(header.sectionSize(0), 160), 360))

    def _widen_columns(self, top_left: QModelIndex, bottom_right: QModelIndex, *_: object) -> None:
        """Text that arrives after the fit (sizes, migration summaries, longer in some languages
        than the header) widens its column up to a point (the tooltip has the rest); a column
        never shrinks under the person's eyes."""
        header = self.table.horizontalHeader()
        last = self.model.columnCount() - 1
        for column in range(top_left.column(), bottom_right.column() + 1):
            if column == last and header.stretchLastSection():
                continue
            wanted = min(widest_text(self.table, column) + PADDING, LATE_COLUMN_WIDTH)
            if wanted > header.sectionSize(column):
                header.resizeSection(column, wanted)
