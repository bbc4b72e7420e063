"""The Rollout view's grid: a row per target (stage, where, state, progress, failure), updated
from the rollout's events; state cells coloured so a failed target stands out at a glance."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from schemadesk.core.migrations.models import ApplyEventKind
from schemadesk.core.rollout.models import RolloutEvent, RolloutPlan, TargetOutcome, TargetState
from schemadesk.core.terminal_text import visible_line
from schemadesk.ui.plain_text import plain_tip

_Index = QModelIndex | QPersistentModelIndex
COLOURS = {
    TargetState.PENDING: None,
    TargetState.RUNNING: QColor(255, 236, 179),
    TargetState.DONE: QColor(200, 230, 201),
    TargetState.FAILED: QColor(255, 205, 210),
    TargetState.SKIPPED: QColor(224, 224, 224),
    TargetState.CANCELLED: QColor(224, 224, 224),
}


def state_text(state: TargetState) -> str:
    """A target's state in the window's language."""
    texts = {
        TargetState.PENDING: QCoreApplication.translate("RolloutModel", "pending"),
        TargetState.RUNNING: QCoreApplication.translate("RolloutModel", "running"),
        TargetState.DONE: QCoreApplication.translate("RolloutModel", "done"),
        TargetState.FAILED: QCoreApplication.translate("RolloutModel", "failed"),
        TargetState.SKIPPED: QCoreApplication.translate("RolloutModel", "skipped"),
        TargetState.CANCELLED: QCoreApplication.translate("RolloutModel", "cancelled"),
    }
    return texts[state]


@dataclass(frozen=True, slots=True)
class TargetRow:
    """What the grid shows of one target."""

    name: str
    stage: str
    where: str
    total: int
    state: TargetState = TargetState.PENDING
    done: int = 0
    current: str = ""
    failure: str = ""
    protected: bool = False


class RolloutModel(QAbstractTableModel):
    """Targets × (stage, where, state, progress, failure)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[TargetRow] = []
        self._index: dict[str, int] = {}
        self._titles = [
            self.tr("Target"), self.tr("Stage"), self.tr("Where"), self.tr("State"),
            self.tr("Progress"), self.tr("Failure"),
        ]  # fmt: skip

    def set_plan(self, plan: RolloutPlan) -> None:
        """A row per planned target, pending (or failed, when it could not be planned)."""
        self.beginResetModel()
        self.rows = [
            TargetRow(
                name=t.target.name, stage=t.target.stage, where=t.where, total=t.steps,
                state=TargetState.FAILED if t.problem else TargetState.PENDING,
                failure=t.problem or "", protected=t.protected,
            )
            for t in plan.targets
        ]  # fmt: skip
        self._index = {r.name: i for i, r in enumerate(self.rows)}
        self.endResetModel()

    def apply(self, event: RolloutEvent) -> None:
        """One event: a target's state, or one of its migrations moving on."""
        i = self._index.get(event.target)
        if i is None:
            return
        row = self.rows[i]
        if event.step is not None:
            step = event.step
            if step.kind in (ApplyEventKind.APPLIED, ApplyEventKind.SKIPPED):
                row = replace(row, done=row.done + 1, current="")
            elif step.kind is ApplyEventKind.STARTED:
                row = replace(row, current=f"{step.module}/{step.filename}")
        else:
            row = replace(row, state=event.state, failure=event.problem or row.failure)
        self.rows[i] = row
        self.dataChanged.emit(self.index(i, 0), self.index(i, len(self._titles) - 1))

    def finish(self, outcomes: tuple[TargetOutcome, ...]) -> None:
        """The final states (a target never started is skipped)."""
        for o in outcomes:
            i = self._index.get(o.target)
            if i is not None:
                failed = next((f"{r.schema}: {r.failed}" for r in o.rows if r.failed), "")
                failure = o.problem or failed
                self.rows[i] = replace(
                    self.rows[i], state=o.state, failure=failure or self.rows[i].failure
                )
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, 5))

    def not_done(self) -> list[str]:
        """Targets to retry: every one that did not finish cleanly."""
        return [r.name for r in self.rows if r.state is not TargetState.DONE]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._titles)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._titles[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.BackgroundRole and col == 3:
            colour = COLOURS[row.state]
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.ToolTipRole and col in (4, 5):
            return plain_tip(visible_line(row.failure or row.current)) or None  # never markup
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if col == 0:
            return visible_line(row.name) + (" 🔒" if row.protected else "")
        if col == 1:
            return visible_line(row.stage)
        if col == 2:
            return visible_line(row.where)
        if col == 3:
            return state_text(row.state)
        if col == 4:
            return f"{row.done} / {row.total}"
        return visible_line(row.failure)
