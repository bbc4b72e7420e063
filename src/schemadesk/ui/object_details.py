"""Object details of the selected schema: its objects by kind, and the selected object's
columns, indexes, constraints, triggers, policies, grants with reasons, and DDL.

The view is handed a ``SchemaObjects`` and a function giving an object's holders; it never
fetches (``object_details_hook`` loads the schema when the tab is looked at).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from schemadesk.core.objects.grants import Holder
from schemadesk.core.objects.models import AnyObject, Column, SchemaObjects
from schemadesk.core.terminal_text import visible, visible_line
from schemadesk.ui import object_details_rows as rows
from schemadesk.ui.deferred import Deferred
from schemadesk.ui.plain_text import plain_label, plain_tip
from schemadesk.ui.sql_preview import SqlPreview

HoldersOf = Callable[[AnyObject], Sequence[Holder]]
_OBJECT = Qt.ItemDataRole.UserRole


def _table(headers: Sequence[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return table


def _fill(table: QTableWidget, found: Sequence[Sequence[str]], widest: int = 360) -> None:
    table.setRowCount(len(found))
    for r, row in enumerate(found):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            item.setToolTip(plain_tip(visible(text) if len(text) > 60 else ""))  # a long one, whole
            table.setItem(r, c, item)
    table.resizeColumnsToContents()
    for c in range(table.columnCount() - 1):  # a long definition must not push the rest away
        table.setColumnWidth(c, min(table.columnWidth(c), widest))


class ObjectDetails(QWidget):
    """The schema's objects (a tree by kind) beside the selected object's tabs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.schema: str | None = None
        self.objects: SchemaObjects | None = None
        self._holders: HoldersOf = lambda _obj: ()
        self._built = False

    def _build(self) -> None:
        """Its widgets, made when first shown or used: a tab of every connection's schema
        details, built at open it held the window's loop about 7 ms that nobody looked at."""
        if self._built:
            return
        self._built = True
        self.status = plain_label()
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.currentItemChanged.connect(lambda item, _old: self._object_chosen(item))
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.facts.setTextFormat(Qt.TextFormat.RichText)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tabs = QTabWidget()
        self.columns = _table(
            [
                "#",
                self.tr("Column"),
                self.tr("Type"),
                self.tr("Nullable"),
                self.tr("Default"),
                self.tr("Collation"),
                self.tr("Column privileges"),
                self.tr("Comment"),
            ]
        )
        self.indexes = _table(
            [
                self.tr("Index"),
                self.tr("Size"),
                self.tr("Valid"),
                self.tr("Backs"),
                self.tr("Definition"),
            ]
        )
        self.constraints = _table([self.tr("Constraint"), self.tr("Kind"), self.tr("Definition")])
        self.triggers = _table([self.tr("Trigger"), self.tr("State"), self.tr("Definition")])
        self.policies = _table(
            [
                self.tr("Policy"),
                self.tr("Command"),
                self.tr("As"),
                self.tr("To"),
                self.tr("Using"),
                self.tr("With check"),
            ]
        )
        self.grants = _table([self.tr("Role"), self.tr("Privilege"), self.tr("Why")])
        self.ddl_slot: Deferred[SqlPreview] = Deferred(SqlPreview)  # built when first seen
        self._pages: list[tuple[QWidget, str]] = [
            (self.columns, self.tr("Columns")),
            (self.indexes, self.tr("Indexes")),
            (self.constraints, self.tr("Constraints")),
            (self.triggers, self.tr("Triggers")),
            (self.policies, self.tr("Policies")),
            (self.grants, self.tr("Grants")),
            (self.ddl_slot, self.tr("DDL")),
        ]
        for page, title in self._pages:
            self.tabs.addTab(page, title)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.facts)
        right_layout.addWidget(self.tabs, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setObjectName("objectDetailsSplit")
        split.addWidget(self.tree)
        split.addWidget(right)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 3)
        split.setSizes([260, 740])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status)
        layout.addWidget(split, 1)
        self._clear_object()

    def showEvent(self, event: QShowEvent) -> None:
        self._build()
        super().showEvent(event)

    # -- what the hook hands it -----------------------------------------------------------------

    def set_loading(self, schema: str) -> None:
        """Say the schema's objects are on their way; what was shown goes."""
        self._build()
        self.schema = schema
        self.objects = None
        self.tree.clear()
        self._clear_object()
        self.status.setText(
            self.tr("Loading the objects of schema %1…").replace("%1", visible_line(schema))
        )

    def show_nothing(self) -> None:
        """No schema is selected: nothing of the last one stays on screen."""
        self.schema = None
        self.objects = None
        if not self._built:
            return  # nothing was ever shown
        self.tree.clear()
        self._clear_object()
        self.status.setText("")

    def set_failed(self, schema: str, message: str) -> None:
        """The load failed: say why, show nothing stale."""
        self.set_loading(schema)
        self.status.setText(
            self.tr("The objects of schema %1 could not be loaded: %2")
            .replace("%2", visible_line(message))
            .replace("%1", visible_line(schema))
        )

    def set_objects(self, objects: SchemaObjects, holders: HoldersOf) -> None:
        """Show ``objects``; ``holders(obj)`` gives who holds what on an object, and why."""
        self._build()
        previous = self.current_object()
        keep = (
            previous.signature if previous is not None and self.schema == objects.schema else None
        )
        self.schema = objects.schema
        self.objects = objects
        self._holders = holders
        self.status.setText(
            self.tr("Schema %1, owner %2: %3 objects")
            .replace("%3", str(objects.count()))
            .replace("%2", visible_line(objects.owner))
            .replace("%1", visible_line(objects.schema))
        )
        self.tree.clear()
        first: QTreeWidgetItem | None = None
        for kind, found in objects.by_kind():
            group = QTreeWidgetItem([rows.group_text(kind, len(found))])
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(group)
            for obj in found:
                item = QTreeWidgetItem([visible_line(obj.signature)])
                item.setData(0, _OBJECT, obj)
                item.setToolTip(0, rows.kind_text(obj.kind))
                group.addChild(item)
                first = first or item
            group.setExpanded(bool(found))
        if keep is None or not self.select_object(keep):
            if first is not None:
                self.tree.setCurrentItem(first)
            else:
                self._clear_object()

    # -- reading it (tests, the smoke report) ---------------------------------------------------

    def current_object(self) -> AnyObject | None:
        self._build()
        item = self.tree.currentItem()
        if item is None:
            return None
        found: AnyObject | None = item.data(0, _OBJECT)
        return found

    def select_object(self, signature: str) -> bool:
        """Select the object called ``signature`` (``name`` or ``name(arguments)``)."""
        self._build()
        for g in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(g)
            for i in range(group.childCount() if group is not None else 0):
                item = group.child(i)  # type: ignore[union-attr]
                obj = item.data(0, _OBJECT)  # type: ignore[union-attr]
                if signature in (obj.signature, obj.name):
                    self.tree.setCurrentItem(item)  # type: ignore[arg-type]
                    return True
        return False

    def tab_rows(self, table: QTableWidget) -> list[tuple[str, ...]]:
        """What one of the tabs' tables shows."""
        self._build()
        return [
            tuple(table.item(r, c).text() for c in range(table.columnCount()))  # type: ignore[union-attr]
            for r in range(table.rowCount())
        ]

    def visible_tabs(self) -> list[str]:
        self._build()
        return [self.tabs.tabText(i) for i in range(self.tabs.count()) if self.tabs.isTabVisible(i)]

    @property
    def ddl(self) -> SqlPreview:
        """The DDL pane (built on first use)."""
        self._build()
        return self.ddl_slot.widget()

    # -- showing one object ---------------------------------------------------------------------

    def _tables(self) -> tuple[QTableWidget, ...]:
        return (self.columns, self.indexes, self.constraints, self.triggers, self.policies,
                self.grants)  # fmt: skip

    def _clear_object(self) -> None:
        self.facts.setText("")
        for table in self._tables():
            table.setRowCount(0)
        self.ddl_slot.when_built(SqlPreview.clear)
        for i in range(self.tabs.count()):
            self.tabs.setTabVisible(i, False)

    def _object_chosen(self, item: QTreeWidgetItem | None) -> None:
        obj = item.data(0, _OBJECT) if item is not None else None
        if obj is None:
            return
        name = visible_line(f"{obj.schema}.{obj.signature}")
        head = f"<b>{html.escape(rows.kind_text(obj.kind))} {html.escape(name)}</b>"
        lines = [
            f"{html.escape(label)}: {html.escape(visible(value))}"
            for label, value in rows.facts(obj)
        ]
        self.facts.setText("<br>".join([head, *lines]))
        columns: Sequence[Column] = getattr(obj, "columns", None) or getattr(obj, "attributes", ())  # type: ignore[assignment]
        filled = {
            self.columns: rows.column_rows(columns),
            self.indexes: rows.index_rows(obj),
            self.constraints: rows.constraint_rows(obj),
            self.triggers: rows.trigger_rows(obj),
            self.policies: rows.policy_rows(obj),
            self.grants: rows.grant_rows(self._holders(obj)),
        }
        for table, found in filled.items():
            # a role's rights read whole (SELECT, INSERT, ... TRIGGER); definitions are cut
            _fill(table, found, 560 if table is self.grants else 360)
        for i, (page, title) in enumerate(self._pages):
            found_rows = filled.get(page)  # type: ignore[call-overload]
            self.tabs.setTabVisible(i, page in (self.grants, self.ddl_slot) or bool(found_rows))
            if found_rows is not None and page is not self.grants:
                self.tabs.setTabText(i, f"{title} ({len(found_rows)})")
        title = self.tr("DDL of %1").replace("%1", visible_line(obj.signature))
        ddl = obj.ddl or self.tr("-- The server gives no definition of this object.")
        self.ddl_slot.when_built(lambda p: p.show_statements(title, ddl))
        if not self.tabs.isTabVisible(self.tabs.currentIndex()):
            shown = [i for i in range(self.tabs.count()) if self.tabs.isTabVisible(i)]
            self.tabs.setCurrentIndex(shown[0])
