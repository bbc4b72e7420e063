"""Moving a tenant (a Citus distributed schema) from the window: the target node is chosen in a
small dialog that shows each precondition as ``schemadesk move`` checks it (with the fix when one
fails); then the move use case (usecases/move.py) shows the exact statement in the usual
confirmation, runs it with its progress in the panel, and audits it."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Sequence

from PySide6.QtCore import QLocale, QObject, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from schemadesk.core.access.models import Catalog
from schemadesk.core.actions import PlannedAction
from schemadesk.core.citus_move import MovePlan, MoveProgress, plan_move
from schemadesk.core.errors import ReadOnlyViolation, SchemadeskError
from schemadesk.ui.action_flow import ActionFlow
from schemadesk.ui.bridge import on_gateway
from schemadesk.ui.connection_session import ConnectionSession
from schemadesk.ui.core_texts import message_text, translated_action
from schemadesk.ui.plain_text import plain_label
from schemadesk.usecases.change_sets import ActionBuilder
from schemadesk.usecases.move import move_tenant


class MoveDialog(QDialog):
    """Pick the node a tenant moves to; every check is shown, and a failed one blocks."""

    def __init__(self, catalog: Catalog, schema: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Move tenant %1").replace("%1", schema))
        self.catalog, self.schema = catalog, schema
        self.plan: MovePlan | None = None
        cluster = catalog.citus
        here = cluster.schema(schema).nodes if cluster is not None else ()
        self.target = QComboBox()
        for node in cluster.workers if cluster is not None else ():
            if node.active and node.address not in here:
                self.target.addItem(node.address)
        self.where = plain_label(", ".join(here) or self.tr("no node yet (no tables)"))
        self.checks = QListWidget()
        self.checks.setMinimumWidth(520)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.review_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.review_button.setText(self.tr("Review the move…"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Lives on:"), self.where)
        form.addRow(self.tr("Move to:"), self.target)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Checked before anything moves:")))
        layout.addWidget(self.checks)
        layout.addWidget(self.buttons)
        self.target.currentTextChanged.connect(self._check)
        self._check(self.target.currentText())

    def _check(self, target: str) -> None:
        """The checks for this target; the move can be reviewed only when none failed."""
        self.checks.clear()
        self.plan = None
        if not target:
            self.checks.addItem(self.tr("No other active worker node to move to."))
        else:
            try:
                self.plan = plan_move(self.catalog, self.schema, target)
            except SchemadeskError as exc:
                self.checks.addItem(message_text(str(exc)))  # said: translated
        for check in self.plan.checks if self.plan is not None else ():
            mark = "NO" if not check.ok else "ok" if check.checked else "--"
            what, detail = message_text(check.what), message_text(check.detail)
            line = f"[{mark}] {what}" + (f": {detail}" if detail else "")
            if check.fix:
                line += "\n      " + self.tr("fix: %1").replace("%1", message_text(check.fix))
            self.checks.addItem(line)
        blocked = self.plan is None or bool(self.plan.blocked) or not self.plan.needed
        self.review_button.setEnabled(not blocked)


class _ProgressRelay(QObject):
    """Carries the move's progress from the gateway thread to the window's."""

    arrived = Signal(object)  # MoveProgress


class MoveFlow(QObject):
    """The window's half of a tenant move: it asks (target, then the confirmation) and shows
    progress; ``move_tenant`` plans, runs and audits."""

    def __init__(self, flow: ActionFlow) -> None:
        super().__init__(flow)
        self.flow = flow
        self.dialog: MoveDialog | None = None  # the open target dialog, for tests
        self.relay = _ProgressRelay(self)
        self.relay.arrived.connect(self._progressed)

    async def move(self, session: ConnectionSession, schema: str) -> bool:
        """Choose the node, confirm the exact statement, move ``schema`` there."""
        database, catalog = session.database, session.catalog
        if database is None or catalog is None:
            raise SchemadeskError(self.tr("Not connected."))
        if database.read_only:  # refused before any dialog, as every change is
            raise ReadOnlyViolation(
                self.tr("The profile “%1” is read-only: changes are not possible.").replace(
                    "%1", session.profile.name
                )
            )
        plan = await self._choose(catalog, schema)
        if plan is None:
            return False
        progress = self.flow.progress
        shown: list[PlannedAction] = []

        async def confirm(
            build: ActionBuilder, choices: Sequence[str]
        ) -> tuple[PlannedAction, str | None] | None:
            confirmed = await self.flow.confirm(build, choices)
            if confirmed is not None:
                shown.append(translated_action(confirmed[0]))
                progress.start(shown[0])
                progress.mark(0, "running")
            return confirmed

        try:
            ran = await move_tenant(
                database, plan, confirm=confirm,
                call=functools.partial(on_gateway, session.gateway),
                sink=self.flow.audit_sink(session), on_progress=self.relay.arrived.emit,
            )  # fmt: skip
        except SchemadeskError as exc:
            if not shown:  # refused before the confirmation: the error box says why
                raise
            progress.mark(0, "failed")
            progress.finish(str(exc))
            self.flow.action_finished.emit(shown[0].title, False, str(exc))
            session.refresh()
            return False
        if ran is None:
            return False
        arrived = ran.nodes == (plan.target,)
        progress.mark(0, "done" if arrived else "failed")
        message = self.tr("moved: %1 now lives on %2").replace("%1", schema)
        message = message.replace("%2", ", ".join(ran.nodes) or "?")
        progress.finish(message)
        session.refresh()
        self.flow.action_finished.emit(shown[0].title, arrived, message)
        return arrived

    async def _choose(self, catalog: Catalog, schema: str) -> MovePlan | None:
        dialog = MoveDialog(catalog, schema, self.flow.parent_widget)
        self.dialog = dialog
        decided: asyncio.Future[int] = asyncio.get_running_loop().create_future()

        def finished(code: int) -> None:
            if not decided.done():
                decided.set_result(code)

        dialog.finished.connect(finished)
        dialog.open()  # not exec(): no nested event loop inside a running task
        try:
            code = await decided
        finally:
            self.dialog = None
            dialog.deleteLater()
        return dialog.plan if code == QDialog.DialogCode.Accepted else None

    def _progressed(self, progress: MoveProgress) -> None:
        locale = QLocale()
        self.flow.progress.message.setText(
            self.tr("%1: %2 of %3 copied (%4%)")
            .replace("%1", progress.status)
            .replace("%2", locale.formattedDataSize(progress.copied))
            .replace("%3", locale.formattedDataSize(progress.total))
            .replace("%4", str(progress.percent))
        )
