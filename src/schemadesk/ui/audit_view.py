"""The audit log in the window: every confirmed action, filtered, with its exact SQL.

A record keeps the messages its English texts were said from (code and parameters): the title,
warnings and error show in the window's language, also for records an earlier session wrote.
Records written before they kept messages show their English as written.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from schemadesk.core.audit import REHEARSED_PARTLY, VERDICTS, AuditLog, AuditRecord, Outcome
from schemadesk.ui.column_fit import fit_columns
from schemadesk.ui.core_texts import message_text, title_text
from schemadesk.ui.plain_text import plain_label
from schemadesk.ui.row_model import Column, RowTableModel
from schemadesk.ui.sql_preview import SqlPreview


def outcome_text(outcome: str) -> str:
    """How an action ended, in the window's language (the log keeps the English value)."""
    texts = {
        str(Outcome.SUCCEEDED): QCoreApplication.translate("AuditModel", "succeeded"),
        str(Outcome.FAILED): QCoreApplication.translate("AuditModel", "failed"),
        str(Outcome.CANCELLED): QCoreApplication.translate("AuditModel", "cancelled"),
        # a rehearsal that left out no-transaction files (the log keeps "succeeded")
        REHEARSED_PARTLY: QCoreApplication.translate("AuditModel", "rehearsed partly"),
    }
    return texts.get(str(outcome), str(outcome))


class AuditModel(RowTableModel[AuditRecord]):
    """One row per recorded action, newest first."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._columns: list[Column[AuditRecord]] = [
            Column(
                "when",
                self.tr("When (UTC)"),
                lambda r: r.when.replace("T", " ")[:19],
                lambda r: r.when,  # to the millisecond: two actions in one second keep order
            ),
            Column("profile", self.tr("Profile"), lambda r: r.profile),
            Column("database", self.tr("Database"), lambda r: r.target.database),
            Column("user", self.tr("By"), lambda r: f"{r.os_user} / {r.db_user}"),
            Column("title", self.tr("Action"), lambda r: title_text(r.title)),
            Column("outcome", self.tr("Outcome"), lambda r: outcome_text(r.verdict)),
            Column(
                "duration",
                self.tr("Duration"),
                lambda r: self.tr("%1 ms").replace("%1", QLocale().toString(round(r.duration_ms))),
                lambda r: r.duration_ms,
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            ),
        ]
        self._sort = (0, Qt.SortOrder.DescendingOrder)

    def columns(self) -> Sequence[Column[AuditRecord]]:
        return self._columns


class AuditDialog(QDialog):
    """View ▸ Audit log: the local trail (``audit.jsonl`` in the data folder)."""

    def __init__(self, log: AuditLog | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Audit log"))
        self.resize(1100, 680)
        self.log = log or AuditLog()
        self.model = AuditModel(self)
        self.text = QLineEdit()
        self.text.setPlaceholderText(self.tr("Filter by profile, database, action, SQL or user"))
        self.text.setClearButtonEnabled(True)
        self.outcome = QComboBox()
        self.outcome.addItem(self.tr("every outcome"), "")
        for outcome in VERDICTS:
            self.outcome.addItem(outcome_text(outcome), str(outcome))
        self.text.textChanged.connect(self._filter)
        self.outcome.currentIndexChanged.connect(self._filter)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(self._selected)
        self.detail = plain_label()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.preview = SqlPreview()
        filters = QHBoxLayout()
        filters.addWidget(self.text, 1)
        filters.addWidget(self.outcome)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.detail)
        bottom_layout.addWidget(self.preview)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(bottom)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(split)
        self.reload()

    def reload(self) -> None:
        """Read the log again (it grows while the window is open)."""
        records = list(self.log)
        self.model.set_rows(records)
        fit_columns(self.table)
        if self.model.rowCount():
            self.table.selectRow(0)

    def _filter(self) -> None:
        needle = self.text.text().strip().casefold()
        outcome = str(self.outcome.currentData())

        def keep(record: AuditRecord) -> bool:
            if outcome and record.verdict != outcome:
                return False
            if not needle:
                return True
            haystack = " ".join(
                (record.profile, record.target.database, record.title,
                 title_text(record.title), record.sql,
                 record.os_user, record.db_user, record.kind)
            ).casefold()  # fmt: skip
            return needle in haystack

        self.model.set_filter(keep if needle or outcome else None)

    def _selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        record = self.model.row_at(current.row())
        where = f"{record.target.host}:{record.target.port}/{record.target.database}"
        if record.target.schema:
            where += " · " + self.tr("schema %1").replace("%1", record.target.schema)
        if record.target.run_as:
            where += " · " + self.tr("as %1").replace("%1", record.target.run_as)
        lines = [f"{title_text(record.title)} — {outcome_text(record.verdict)}", where]
        if record.verdict == REHEARSED_PARTLY:
            lines.append(
                "⚠ "
                + self.tr("not rehearsed (no transaction): %1").replace(
                    "%1", ", ".join(record.not_rehearsed)
                )
            )
        lines += [f"⚠ {message_text(w)}" for w in record.warnings]
        if record.error is not None:
            lines.append(f"✖ {record.error.describe(message_text)}")
        self.detail.setText("\n".join(lines))
        self.preview.show_statements(title_text(record.title), record.sql)
