"""Details of the selected schema: its tables, who has what on it and why, its findings."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from schemadesk.core.access.conventions import Finding
from schemadesk.core.access.effective import RoleGraph
from schemadesk.core.access.matrix import schema_holders
from schemadesk.core.access.models import Catalog, Relation
from schemadesk.core.terminal_text import visible, visible_line
from schemadesk.ui.core_texts import (
    cell_reasons_text,
    finding_texts,
    relation_kind_text,
    severity_text,
)
from schemadesk.ui.deferred import Deferred
from schemadesk.ui.plain_text import plain_tip
from schemadesk.ui.privilege_matrix_model import cell_text
from schemadesk.ui.sql_preview import SqlPreview
from schemadesk.ui.tasks import TaskRunner


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


def _fill(table: QTableWidget, rows: Sequence[Sequence[str]], tips: Sequence[str] = ()) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(visible_line(text))  # a name on one visible line
            if r < len(tips) and tips[r]:
                item.setToolTip(plain_tip(visible(tips[r])))  # never taken for markup
            table.setItem(r, c, item)
    table.resizeColumnsToContents()


class SchemaDetails(QTabWidget):
    """Shown under the schemas list for the selected schema."""

    fix_requested = Signal(str, object)  # schema, list of Finding
    grant_requested = Signal(str)  # schema

    def __init__(self, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.schema: str | None = None
        self.tables = _table([self.tr("Name"), self.tr("Kind"), self.tr("Owner")])
        self.privileges = _table(
            [self.tr("Role"), self.tr("Rights"), self.tr("Why (USAGE · CREATE · tables)")]
        )
        self.findings = _table([self.tr("Severity"), self.tr("Finding")])
        self.findings.currentCellChanged.connect(lambda row, *_: self._show_finding(row))
        self.finding_text = QLabel()
        self.finding_text.setTextFormat(Qt.TextFormat.RichText)  # bold title; names escaped
        self.finding_text.setWordWrap(True)
        self.finding_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fix_preview_slot: Deferred[SqlPreview] = Deferred(SqlPreview)  # built when first seen
        findings_page = QSplitter(Qt.Orientation.Horizontal)
        findings_page.setObjectName("findingsSplit")
        findings_page.addWidget(self.findings)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.finding_text)
        right_layout.addWidget(self.fix_preview_slot)
        findings_page.addWidget(right)
        findings_page.setSizes([380, 520])
        self.fix_one = QPushButton(self.tr("Apply this fix…"))
        self.fix_one.clicked.connect(self._fix_one)
        self.fix_all = QPushButton(self.tr("Fix all findings…"))
        self.fix_all.clicked.connect(self._fix_all)
        fix_row = QHBoxLayout()
        fix_row.addStretch(1)
        fix_row.addWidget(self.fix_one)
        fix_row.addWidget(self.fix_all)
        right_layout.addLayout(fix_row)
        self.grant_button = QPushButton(self.tr("Grant or revoke…"))
        self.grant_button.clicked.connect(
            lambda: self.schema and self.grant_requested.emit(self.schema)
        )
        privileges_page = QWidget()
        privileges_layout = QVBoxLayout(privileges_page)
        privileges_layout.setContentsMargins(0, 0, 0, 0)
        privileges_layout.addWidget(self.privileges)
        grant_row = QHBoxLayout()
        grant_row.addStretch(1)
        grant_row.addWidget(self.grant_button)
        privileges_layout.addLayout(grant_row)
        for button in (self.fix_one, self.fix_all, self.grant_button):
            button.setAutoDefault(False)
        self.addTab(self.tables, self.tr("Objects"))
        self.addTab(privileges_page, self.tr("Privileges"))
        self.addTab(findings_page, self.tr("Findings"))
        self.writable = True
        self._findings: list[Finding] = []

    def show_schema(
        self,
        schema: str,
        catalog: Catalog | None,
        findings: Sequence[Finding],
        graph: RoleGraph | None,
    ) -> None:
        """Fill every tab for ``schema``; privileges are computed off the UI thread."""
        self.schema = schema or None
        if catalog is None:  # nothing selected (filtered out, gone): nothing stale stays
            for table in (self.tables, self.privileges, self.findings):
                table.setRowCount(0)
            self._findings = []
            self.finding_text.clear()
            self.fix_preview_slot.when_built(SqlPreview.clear)
            self.setTabText(2, self.tr("Findings"))
            self._update_buttons()
            return
        _fill(self.tables, self._objects(catalog, schema))
        # The most severe first, as the command line lists them.
        order = {"error": 0, "warning": 1, "info": 2}
        self._findings = sorted(findings, key=lambda f: order.get(f.severity, 3))
        titles = [finding_texts(f)[0] for f in self._findings]
        severities = [severity_text(f.severity) for f in self._findings]
        # A long title is cut in its cell (the text beside the table shows it whole); the
        # tooltip shows it too.
        _fill(self.findings, list(zip(severities, titles, strict=True)), tips=titles)
        self.setTabText(2, self.tr("Findings (%1)").replace("%1", str(len(self._findings))))
        self.finding_text.setText(self._managed_text(catalog, schema))
        self.fix_preview_slot.when_built(SqlPreview.clear)
        if self._findings:
            self.findings.selectRow(0)
        self.privileges.setRowCount(0)
        self._update_buttons()
        if graph is not None:
            self.tasks.start("privileges", self._load_privileges(catalog, schema, graph))

    def _objects(self, catalog: Catalog, schema: str) -> list[tuple[str, str, str]]:
        """Every object of the schema the owner should own: (name, kind, owner)."""
        rows = [
            (r.name, self._kind_text(catalog, r), r.owner) for r in catalog.relations_in(schema)
        ]
        kinds = {
            "function": self.tr("function"),
            "procedure": self.tr("procedure"),
            "aggregate": self.tr("aggregate"),
            "window": self.tr("window function"),
            "type": self.tr("type"),
            "domain": self.tr("domain"),
        }
        rows += [(f"{f.name}({f.arguments})", kinds[f.kind], f.owner)
                 for f in catalog.functions_in(schema)]  # fmt: skip
        rows += [(t.name, kinds[t.kind], t.owner) for t in catalog.types_in(schema)]
        return rows

    def _kind_text(self, catalog: Catalog, relation: Relation) -> str:
        """The relation's kind; on a Citus coordinator a table's Citus kind too."""
        text = relation_kind_text(relation.kind)
        if catalog.citus is None or relation.kind not in ("table", "foreign table"):
            return text
        kind = catalog.citus.table_kind(relation.schema, relation.name)
        citus = {
            "schema": self.tr("schema-sharded"),
            "distributed": self.tr("distributed"),
            "reference": self.tr("reference"),
            "local": self.tr("local"),
        }[kind]
        return self.tr("%1, %2").replace("%1", text).replace("%2", citus)

    def _managed_text(self, catalog: Catalog, schema: str) -> str:
        """Why an extension's or a system schema has no findings (it is never checked)."""
        entry = catalog.schema(schema)
        if entry is None or not entry.is_managed:
            return ""
        if entry.extension is not None:
            text = self.tr(
                "Schema %1 belongs to extension %2, which manages its owner and rights: it is "
                "not checked against the convention and no fix ever changes it."
            )
        else:
            text = self.tr(
                "Schema %1 is a system schema: it is not checked against the convention and no "
                "fix ever changes it."
            )
        values = {"1": visible_line(schema), "2": visible_line(entry.extension or "")}
        # One pass, so a name holding "%2" stays as it is.
        return html.escape(re.sub(r"%([12])", lambda m: values[m.group(1)], text))

    async def _load_privileges(self, catalog: Catalog, schema: str, graph: RoleGraph) -> None:
        cells = await self.tasks.in_slices(schema_holders(catalog, schema, graph))
        if schema != self.schema:
            return
        reasons = [cell_reasons_text(c) for c in cells]
        rows = [(c.role, cell_text(c), why) for c, why in zip(cells, reasons, strict=True)]
        _fill(self.privileges, rows, tips=[why.replace("; ", "\n") for why in reasons])

    @property
    def fix_preview(self) -> SqlPreview:
        """The finding's fix SQL (built on first use)."""
        return self.fix_preview_slot.widget()

    def privilege_rows(self) -> list[tuple[str, str, str]]:
        """What the privileges tab shows: (role, rights, reasons)."""
        return [
            tuple(self.privileges.item(r, c).text() for c in range(3))  # type: ignore[misc, union-attr]
            for r in range(self.privileges.rowCount())
        ]

    def set_writable(self, writable: bool) -> None:
        """Read-only sessions get no changing action at all."""
        self.writable = writable
        self._update_buttons()

    def _update_buttons(self) -> None:
        has = bool(self._findings)
        self.fix_one.setEnabled(self.writable and has and self.findings.currentRow() >= 0)
        self.fix_all.setEnabled(self.writable and has)
        self.grant_button.setEnabled(self.writable and self.schema is not None)

    def _fix_one(self) -> None:
        row = self.findings.currentRow()
        if self.schema and 0 <= row < len(self._findings):
            self.fix_requested.emit(self.schema, [self._findings[row]])

    def _fix_all(self) -> None:
        if self.schema and self._findings:
            self.fix_requested.emit(self.schema, list(self._findings))

    def _show_finding(self, row: int) -> None:
        if not 0 <= row < len(self._findings):
            return
        finding = self._findings[row]
        title, explanation = finding_texts(finding)
        shown = f"<b>{html.escape(visible_line(title))}</b><br>{html.escape(visible(explanation))}"
        self.finding_text.setText(shown)
        fix_sql = finding.fix.render()
        self.fix_preview_slot.when_built(lambda p: p.show_statements(self.tr("Fix"), fix_sql))
