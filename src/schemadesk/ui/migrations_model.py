"""Item model of a module's migration history: ledger rows merged with the files on disk."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QLocale, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from schemadesk.core.migrations.models import MigrationState, MigrationStatus, ModuleStatus
from schemadesk.core.terminal_text import visible_line
from schemadesk.ui.core_texts import problem_text
from schemadesk.ui.plain_text import plain_tip

_Index = QModelIndex | QPersistentModelIndex

# Tints that read on light and dark palettes alike (low alpha over the base colour).
STATE_COLOURS = {
    MigrationState.APPLIED: QColor(76, 175, 80, 55),
    MigrationState.PENDING: QColor(33, 150, 243, 55),
    MigrationState.DRIFTED: QColor(255, 152, 0, 90),
    MigrationState.MISSING: QColor(158, 158, 158, 90),
    MigrationState.BLOCKED: QColor(244, 67, 54, 70),
    # Alembic: recorded as applied, no checksum to check it by (never shown as clean).
    MigrationState.UNVERIFIABLE: QColor(139, 195, 74, 40),
}


class MigrationsModel(QAbstractTableModel):
    """One row per migration of the selected module, coloured by state."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[MigrationStatus] = []

    def headers(self) -> list[str]:
        return [
            self.tr("File"),
            self.tr("State"),
            self.tr("Applied at"),
            self.tr("By"),
            self.tr("Duration"),
            self.tr("Checksum"),
        ]

    def state_text(self, state: MigrationState) -> str:
        return {
            MigrationState.APPLIED: self.tr("applied"),
            MigrationState.PENDING: self.tr("pending"),
            MigrationState.DRIFTED: self.tr("drifted"),
            MigrationState.MISSING: self.tr("missing"),
            MigrationState.BLOCKED: self.tr("blocked"),
            MigrationState.UNVERIFIABLE: self.tr("unverifiable"),
        }[state]

    def state_explanation(self, state: MigrationState) -> str:
        """What a state means and what to do about it (the tooltip of the state)."""
        return {
            MigrationState.APPLIED: self.tr(
                "Applied: the ledger records it with the checksum the file still has."
            ),
            MigrationState.PENDING: self.tr(
                "Pending: not applied yet. Rehearse… runs it and rolls back; "
                "Apply pending… runs it."
            ),
            MigrationState.DRIFTED: self.tr(
                "Drifted: applied, but the file changed since. Restore the file as it was "
                "applied, or, when the change is harmless, Accept new checksum…"
            ),
            MigrationState.MISSING: self.tr(
                "Missing: the ledger records it as applied, but the file is gone. Restore it "
                "from version control; nothing is run again."
            ),
            MigrationState.BLOCKED: self.tr(
                "Blocked: pending, but it comes after a drifted file, and nothing after a drift "
                "is applied. Resolve the drifted file above it first (restore it or accept its "
                "new checksum), then apply."
            ),
            MigrationState.UNVERIFIABLE: self.tr(
                "Unverifiable: Alembic records the revision as applied but keeps no checksum, so "
                "nothing shows whether the file still matches what ran. Nothing to do; compare "
                "with version control when in doubt."
            ),
        }[state]

    def summary(self, status: ModuleStatus) -> str:
        """``3 applied, 2 pending, 1 drifted`` (states with a count only)."""
        parts = [
            self.state_count_text(state, status.count(state))
            for state in MigrationState
            if status.count(state)
        ]
        return ", ".join(parts) or self.tr("no migrations")

    def summary_tip(self, status: ModuleStatus) -> str:
        """The summary, then what each state in it other than applied means and asks for."""
        states = [s for s in MigrationState if s is not MigrationState.APPLIED and status.count(s)]
        return "\n\n".join([self.summary(status), *map(self.state_explanation, states)])

    def state_count_text(self, state: MigrationState, count: int) -> str:
        """``3 applied``: the count with the state, in the plural form the count takes."""
        texts = {
            MigrationState.APPLIED: self.tr("%n applied", "", count),
            MigrationState.PENDING: self.tr("%n pending", "", count),
            MigrationState.DRIFTED: self.tr("%n drifted", "", count),
            MigrationState.MISSING: self.tr("%n missing", "", count),
            MigrationState.BLOCKED: self.tr("%n blocked", "", count),
            MigrationState.UNVERIFIABLE: self.tr("%n unverifiable", "", count),
        }
        return texts[state]

    def set_rows(self, rows: Sequence[MigrationStatus]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> MigrationStatus:
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 6

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.BackgroundRole:
            return STATE_COLOURS[row.state]
        if role == Qt.ItemDataRole.ToolTipRole and column == 5:
            return plain_tip(self._checksum_tip(row))
        if role == Qt.ItemDataRole.ToolTipRole and column == 1:
            problems = [problem_text(p.message) for p in row.problems]
            return plain_tip("\n\n".join([self.state_explanation(row.state), *problems]))
        if role == Qt.ItemDataRole.ToolTipRole and row.problems:
            # Messages quote file and object names: shown as written, never as markup.
            return plain_tip("\n".join(problem_text(p.message) for p in row.problems))
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == 0:
            return visible_line(row.filename) + ("  ⚠" if row.problems else "")
        if column == 1:
            return self.state_text(row.state)
        if column == 2:
            return row.applied_at.isoformat(" ", "seconds") if row.applied_at else ""
        if column == 3:
            return row.applied_by or ""
        if column == 4:
            if row.execution_time_ms is None:
                return ""
            return self.tr("%1 ms").replace("%1", QLocale().toString(row.execution_time_ms))
        checksum = row.recorded_checksum or row.file_checksum or ""
        return checksum[:12]

    def _checksum_tip(self, row: MigrationStatus) -> str:
        lines = []
        if row.file_checksum:
            lines.append(self.tr("file:     %1").replace("%1", row.file_checksum))
        if row.recorded_checksum:
            lines.append(self.tr("recorded: %1").replace("%1", row.recorded_checksum))
        return "\n".join(lines)
