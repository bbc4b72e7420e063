"""File ▸ Compare with…: two open connections side by side, schema pair by schema pair.

A is the reference, B the one compared with it; "Make access equal" brings B's owners, grants,
default privileges and memberships to A's through the usual confirmation, one transaction and
the audit log. Loading runs on the gateway; the comparison itself is core's (pure).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from schemadesk.core.diff.models import Difference
from schemadesk.core.errors import SchemadeskError
from schemadesk.core.terminal_text import visible_line
from schemadesk.ui.bridge import on_gateway
from schemadesk.ui.compare_texts import category_text, compare_text, value_text
from schemadesk.ui.core_texts import message_text
from schemadesk.ui.plain_text import plain_label, plain_tip
from schemadesk.ui.tasks import TaskRunner
from schemadesk.usecases.diff import Comparison, compare_databases

if TYPE_CHECKING:
    from schemadesk.ui.connection_session import ConnectionSession
    from schemadesk.ui.main_window import MainWindow


def split_pairs(text: str) -> tuple[list[str], list[str]]:
    """``sales, tenant_a=tenant_b tenant_*=template`` as (schemas, maps)."""
    schemas: list[str] = []
    maps: list[str] = []
    for part in re.split(r"[,\s]+", text.strip()):
        if part:
            (maps if "=" in part else schemas).append(part)
    return schemas, maps


class CompareDialog(QDialog):
    """Pick A and B among the open connections, compare, read, make B's access equal."""

    def __init__(self, window: MainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.window_ = window
        self.comparison: Comparison | None = None
        self.setWindowTitle(self.tr("Compare connections"))
        self.resize(1000, 620)
        self.a_box = QComboBox()
        self.b_box = QComboBox()
        names = list(window.sessions)
        for box in (self.a_box, self.b_box):
            box.addItems(names)
        if window.current is not None:
            self.a_box.setCurrentText(window.current.profile.name)
        others = [n for n in names if n != self.a_box.currentText()]
        if others:
            self.b_box.setCurrentText(others[0])
        self.pairs_edit = QLineEdit()
        self.pairs_edit.setPlaceholderText(
            self.tr("every schema by name; or: sales, tenant_a=tenant_b, tenant_*=template")
        )
        self.compare_button = QPushButton(self.tr("&Compare"))
        self.compare_button.clicked.connect(self.start)
        form = QFormLayout()
        form.addRow(self.tr("A (reference):"), self.a_box)
        form.addRow(self.tr("B (compared):"), self.b_box)
        row = QHBoxLayout()
        row.addWidget(self.pairs_edit, 1)
        row.addWidget(self.compare_button)
        form.addRow(self.tr("Schemas:"), row)

        self.tree = QTreeWidget()
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels([self.tr("Kind"), self.tr("Difference"), "A", "B"])
        self.tree.setAlternatingRowColors(True)
        self.tree.setColumnWidth(0, 200)
        self.tree.setColumnWidth(1, 530)
        self.tree.setColumnWidth(2, 190)
        self.summary = plain_label()
        self.summary.setWordWrap(True)
        self.equal_button = QPushButton(self.tr("&Make access equal"))
        self.equal_button.setToolTip(
            self.tr(
                "GRANT / REVOKE / ALTER DEFAULT PRIVILEGES / ALTER … OWNER on B so that its "
                "access matches A's; structure is reported, never changed"
            )
        )
        self.equal_button.setEnabled(False)
        self.equal_button.clicked.connect(self.make_access_equal)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.equal_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)

    def _session(self, box: QComboBox) -> ConnectionSession | None:
        return self.window_.sessions.get(box.currentText())

    def start(self) -> None:
        """Compare now (on the gateway), then show the result."""
        self.window_.tasks.start("compare", self.run())

    async def run(self) -> Comparison | None:
        a, b = self._session(self.a_box), self._session(self.b_box)
        if a is None or b is None or a.database is None or b.database is None:
            self.summary.setText(self.tr("Open two connections first (File ▸ Connections…)."))
            return None
        schemas, maps = split_pairs(self.pairs_edit.text())
        self.compare_button.setEnabled(False)
        self.summary.setText(self.tr("Comparing…"))
        gateway = self.window_.gateway
        try:
            found = await compare_databases(
                a.database,
                b.database,
                schemas=schemas,
                maps=maps,
                call=lambda coro: on_gateway(gateway, coro),
                in_slices=TaskRunner.in_slices,  # 2,000 pairs never hold the loop for long
            )
        except SchemadeskError as exc:
            self.summary.setText(visible_line(message_text(str(exc))))  # said: translated
            return None
        finally:
            self.compare_button.setEnabled(True)
        self.show_comparison(found)
        return found

    def show_comparison(self, found: Comparison) -> None:
        """Fill the tree: one branch per schema pair (and roles), a row per difference."""
        self.comparison = found
        self.tree.clear()
        branches: dict[str, QTreeWidgetItem] = {}
        for d in found.report.differences:
            key = (
                self.tr("schema %1").replace("%1", d.pair.label)
                if d.pair
                else self.tr("roles involved")
            )
            branch = branches.get(key)
            if branch is None:
                branch = branches[key] = QTreeWidgetItem(self.tree, [key])
                branch.setFirstColumnSpanned(True)
            self._row(branch, d)
        for branch in branches.values():
            branch.setText(0, f"{branch.text(0)} ({branch.childCount()})")
        self.tree.expandAll()
        report = found.report
        access = sum(1 for d in report.differences if d.access)
        if report.equal:
            text = self.tr("A and B are equal over %n schema pair(s).", "", len(report.pairs))
        else:
            text = (
                self.tr("%n difference(s)", "", len(report.differences))
                + " — "
                + self.tr("%n of access, which Make access equal changes on B", "", access)
            )
        notes = [compare_text(n) for n in found.notes]
        self.summary.setText("\n".join([text, *notes]))
        b = self._session(self.b_box)
        writable = b is not None and not b.profile.read_only
        self.equal_button.setEnabled(writable and not found.change_set.empty)

    def _row(self, branch: QTreeWidgetItem, d: Difference) -> None:
        item = QTreeWidgetItem(
            branch,
            [
                category_text(d.category),
                visible_line(compare_text(d.message)),
                visible_line(value_text(d.a)),
                visible_line(value_text(d.b)),
            ],
        )
        item.setToolTip(1, plain_tip(visible_line(compare_text(d.message))))
        if d.access:
            font = item.font(0)
            font.setBold(True)
            item.setFont(0, font)
        item.setData(0, Qt.ItemDataRole.UserRole, d.category)

    def make_access_equal(self) -> None:
        """B's access to A's: the usual confirmation, one transaction, audited; then again."""
        self.window_.tasks.start("compare-equal", self._equal())

    async def _equal(self) -> None:
        b = self._session(self.b_box)
        if b is None or self.comparison is None:
            return
        pairs = self.comparison.mapping.pairs
        schema = pairs[0].target if len(pairs) == 1 else None
        flow = self.window_.flow
        self.window_.progress_dock.show()
        if await flow.apply_change_set(b, self.comparison.change_set, schema):
            await self.run()
