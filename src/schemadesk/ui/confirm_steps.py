"""The confirmation's per-migration review: the timeouts each step runs under, what the last
rehearsal saw it lock and rewrite, and the lint's findings at their lines.

A tree, one row per migration (its strongest observed lock, or that it was not rehearsed, and
its finding count), opened on the rows that hold something worth reading: a rewrite, an
ACCESS EXCLUSIVE lock, a lint error or warning.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from schemadesk.core.actions import ActionStep, PlannedAction
from schemadesk.core.lint import LintFinding, SquawkMissing
from schemadesk.core.migrations.models import Plan, Severity
from schemadesk.core.migrations.observed import ObservedRelation, StepObservation
from schemadesk.core.migrations.observed_text import human_size
from schemadesk.core.migrations.project import Project
from schemadesk.core.migrations.timeouts import LOGIN, PROFILE, StepTimeouts, TimeoutSetting
from schemadesk.core.terminal_text import visible, visible_line
from schemadesk.db.database import Database
from schemadesk.db.lint import lint_plan
from schemadesk.ui.plain_text import plain_tip

log = logging.getLogger(__name__)
_WARN = QBrush(QColor("#e65100"))


async def plan_lint(database: Database, project: Project, plan: Plan) -> tuple[LintFinding, ...]:
    """The plan's lint for the confirmation; none (logged) when squawk or the catalog fails:
    the dialog then says the lint did not run rather than that it found nothing."""
    try:
        return tuple(await lint_plan(database, project, plan))
    except (SquawkMissing, OSError) as exc:
        log.warning("confirmation without lint: %s", exc)
        return ()


class StepReview(QTreeWidget):
    """Per migration of a planned action: timeouts, observed locks and rewrites, lint."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(2)
        self.setHeaderLabels([self.tr("Migration"), self.tr("Review")])
        self.setRootIsDecorated(True)
        self.setUniformRowHeights(True)
        self.setMinimumHeight(150)
        self.setMaximumHeight(300)
        self.setColumnWidth(0, 230)

    def show_action(self, action: PlannedAction) -> None:
        """Rows for the action's migration steps; hidden when it has none."""
        self.clear()
        observed = {o.label: o for o in action.observed}
        steps = [s for s in action.steps if s.timeouts is not None]
        for step in steps:
            lint = [f for f in action.lint if f"{f.module}/{Path(f.file).name}" == step.label]
            self._step(step, observed.get(step.label), lint)
        # The file names whole, up to half the width; the rest goes to what was found.
        self.resizeColumnToContents(0)
        self.setColumnWidth(0, min(self.columnWidth(0) + 12, max(230, self.width() // 2)))
        self.setVisible(bool(steps))

    def _step(
        self, step: ActionStep, obs: StepObservation | None, lint: Sequence[LintFinding]
    ) -> None:
        row = QTreeWidgetItem([visible_line(step.label), self._headline(obs, lint)])
        row.setToolTip(0, plain_tip(visible_line(step.label)))
        self.addTopLevelItem(row)
        if step.timeouts is not None:
            self._child(row, self.tr("Runs under"), self._timeouts(step.timeouts))
        worth = False
        if obs is None:
            self._child(row, self.tr("Observed"), self.tr("no rehearsal of this plan yet"))
        elif not obs.rehearsed:
            self._child(
                row,
                self.tr("Observed"),
                self.tr("not rehearsed (-- pgdbm:no-transaction): see the lint"),
            )
        else:
            for line, heavy in self._observed(obs):
                item = self._child(row, self.tr("Observed"), line)
                if heavy:
                    item.setForeground(1, _WARN)
                worth = worth or heavy
        for f in lint:
            where = self.tr("line %1").replace("%1", str(f.line)) if f.line else ""
            text = f"{self._severity(f.severity)} {where} [{f.rule}] {visible_line(f.message)}"
            item = self._child(row, self.tr("Lint"), " ".join(text.split()))
            if f.severity in (Severity.ERROR, Severity.WARNING):
                item.setForeground(1, _WARN)
                worth = True
        row.setExpanded(worth)

    def _severity(self, severity: Severity) -> str:
        return {
            Severity.ERROR: self.tr("error"),
            Severity.WARNING: self.tr("warning"),
            Severity.INFO: self.tr("info"),
        }[severity]

    def _child(self, row: QTreeWidgetItem, kind: str, text: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem([kind, text])
        item.setToolTip(1, plain_tip(visible(text)))  # lint and server text, never markup
        row.addChild(item)
        return item

    def _headline(self, obs: StepObservation | None, lint: Sequence[LintFinding]) -> str:
        parts: list[str] = []
        if obs is None:
            parts.append(self.tr("no rehearsal of this plan yet"))
        elif not obs.rehearsed:
            parts.append(self.tr("not rehearsed"))
        elif obs is not None:
            strongest = obs.strongest
            parts.append(
                self.tr("%1 lock").replace("%1", strongest) if strongest else self.tr("no new lock")
            )
            if obs.rewrites:
                parts.append(self.tr("%n rewrite(s)", "", len(obs.rewrites)))
        if lint:
            parts.append(self.tr("%n lint finding(s)", "", len(lint)))
        return " · ".join(parts)

    def _timeouts(self, timeouts: StepTimeouts) -> str:
        text = ", ".join(self._timeout(t) for t in timeouts.start)
        for change in timeouts.changes:
            line = self.tr("line %1").replace("%1", str(change.line))
            text += f"; {line}: {self._timeout(change)}"
        return visible_line(text)

    def _timeout(self, t: TimeoutSetting) -> str:
        if t.source == LOGIN:
            return self.tr("%1 as the login's session has it").replace("%1", t.name)
        if t.value is None:
            return self.tr("%1 back to the login's default (RESET)").replace("%1", t.name)
        value = t.value if t.value.strip() != "0" else self.tr("0 (none)")
        if t.source == PROFILE:
            return self.tr("%1 %2 (profile)").replace("%1", t.name).replace("%2", value)
        return f"{t.name} {value}"

    def _observed(self, obs: StepObservation) -> list[tuple[str, bool]]:
        """(line, worth a look) per relation: its strongest new lock and what happened to it."""
        relations: dict[str, list[ObservedRelation]] = {}
        for rel in obs.relations:
            relations.setdefault(rel.relation, []).append(rel)
        out: list[tuple[str, bool]] = []
        seen: set[str] = set()
        for lock in obs.locks:  # strongest first
            target = lock.relation
            if target is None:
                target = (
                    self.tr("the migration lock (advisory)")
                    if lock.ours
                    else self.tr("advisory lock %1").replace("%1", str(lock.key))
                )
            if target in seen:
                continue
            seen.add(target)
            same = relations.get(target)
            found = same.pop(0) if same else None
            text = self.tr("%1 on %2").replace("%1", lock.mode).replace("%2", target)
            if found is not None:
                text += " — " + self._facts(found)
            heavy = lock.mode == "ACCESS EXCLUSIVE" and lock.relation is not None
            out.append((visible_line(text), heavy or bool(found and found.rewritten)))
        for rels in relations.values():
            for rel in rels:
                out.append((visible_line(f"{rel.relation} — {self._facts(rel)}"), rel.rewritten))
        return out or [(self.tr("no locks beyond those of earlier steps"), False)]

    def _facts(self, rel: ObservedRelation) -> str:
        facts: list[str] = []
        if rel.dropped:
            facts.append(self.tr("dropped"))
        elif rel.rewritten:
            before = human_size(rel.size_before) if rel.size_before is not None else "?"
            after = human_size(rel.size_after) if rel.size_after is not None else "?"
            facts.append(self.tr("rewritten (%1 → %2)").replace("%1", before).replace("%2", after))
        else:
            if rel.size_after is not None:
                facts.append(human_size(rel.size_after))
            if rel.created and rel.created_since:
                made = self.tr("new (made by one of the steps from %1 to this one)")
                facts.append(made.replace("%1", visible_line(rel.created_since)))
            elif rel.created:
                facts.append(self.tr("new"))
        if rel.rows is not None and not rel.dropped:
            facts.append(self.tr("~%1 rows").replace("%1", f"{rel.rows:,}"))
        if rel.held_before:
            facts.append(self.tr("lock taken by an earlier step"))
        return ", ".join(facts)
