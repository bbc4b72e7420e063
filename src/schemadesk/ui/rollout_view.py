"""View ▸ Rollout…: one project's migrations to many databases, on the use case the command
line runs (``usecases.rollout``). Plan shows every target in the grid with the summary and the
targets that differ from most; Run is the one confirmation (the number of targets typed when
one is protected); Cancel stops between steps; Retry failed runs again on the targets that did
not finish (their ledgers say what is still missing)."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Coroutine
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from schemadesk.core.errors import ConfigError
from schemadesk.core.migrations.project import Project, load_project
from schemadesk.core.rollout.models import RolloutEvent, RolloutPlan, RolloutResult, TargetState
from schemadesk.core.rollout.review_report import write_rollout_report
from schemadesk.core.rollout.targets import RolloutConfig, load_targets
from schemadesk.db.gateway import Gateway
from schemadesk.ui.bridge import on_gateway
from schemadesk.ui.core_texts import message_text
from schemadesk.ui.plain_text import plain_label
from schemadesk.ui.rollout_model import RolloutModel
from schemadesk.ui.tasks import TaskRunner
from schemadesk.usecases.rollout import rollout


def rollout_action(window: Any) -> QAction:
    """The menu entry opening the Rollout view on the window's gateway."""
    action = QAction(QCoreApplication.translate("RolloutDialog", "&Rollout…"), window)

    def open_view() -> None:
        dialog = RolloutDialog(window.gateway, window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    action.triggered.connect(open_view)
    return action


class _Relay(QObject):
    """Carries the rollout's events from the gateway's thread to the window's."""

    happened = Signal(object)
    warned = Signal(str)


def load_rollout(path: Path) -> tuple[RolloutConfig, Project | None]:
    """The targets file and the project it applies (checked as the CLI checks them)."""
    config = load_targets(path)
    project = load_project(config.project) if config.project else None
    for tenants in config.tenants:
        if not tenants.path.is_dir():
            raise ConfigError(f"{tenants.path}: no such migrations folder (tenants {tenants.name})")
    return config, project


class RolloutDialog(QDialog):
    """Targets × state grid, live progress, failures with their line, Retry failed, Cancel."""

    def __init__(self, gateway: Gateway, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gateway = gateway
        self.setWindowTitle(self.tr("Rollout"))
        self.resize(1000, 560)
        self.model = RolloutModel(self)
        self.tasks = TaskRunner(self)
        self.tasks.task_failed.connect(self._failed)
        self.cancel_flag = threading.Event()
        self.relay = _Relay(self)
        self.relay.happened.connect(self._event)
        self.relay.warned.connect(self.summary_warning)
        self._decided: asyncio.Future[bool] | None = None
        self._plan: RolloutPlan | None = None
        self._close_when_done = False

        self.path = QLineEdit()
        self.path.setPlaceholderText(self.tr("a targets file (schemadesk.toml or its own)"))
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        self.plan_button = QPushButton(self.tr("Plan"))
        self.plan_button.clicked.connect(self._plan_clicked)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Targets:")))
        top.addWidget(self.path, 1)
        top.addWidget(browse)
        top.addWidget(self.plan_button)

        self.parallel = QSpinBox()
        self.parallel.setRange(1, 64)
        self.parallel.setValue(4)
        self.continue_on_error = QCheckBox(self.tr("Continue on error"))
        self.rehearse = QCheckBox(self.tr("Rehearse (roll back)"))
        options = QHBoxLayout()
        options.addWidget(QLabel(self.tr("Targets at once:")))
        options.addWidget(self.parallel)
        options.addWidget(self.continue_on_error)
        options.addWidget(self.rehearse)
        options.addStretch(1)

        self.summary = plain_label(self.tr("Choose a targets file, then Plan."))  # names
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.grid = QTableView()
        self.grid.setModel(self.model)
        self.grid.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.grid.verticalHeader().hide()
        self.grid.horizontalHeader().setStretchLastSection(True)
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)

        self.typed = QLineEdit()
        self.typed.setVisible(False)
        self.typed.textChanged.connect(self._update_run)
        self.run_button = QPushButton(self.tr("Run"))
        self.run_button.setEnabled(False)
        self.run_button.clicked.connect(lambda: self._decide(True))
        self.retry_button = QPushButton(self.tr("Retry failed"))
        self.retry_button.setEnabled(False)
        self.retry_button.clicked.connect(self._retry)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setEnabled(False)
        self.cancel_button.setToolTip(self.tr("Stop between steps: no migration is cut short"))
        self.cancel_button.clicked.connect(self._cancel)
        self.report_button = QPushButton(self.tr("Review report…"))
        self.report_button.setEnabled(False)
        self.report_button.setToolTip(
            self.tr("Write every target's plan to one review report (nothing runs); "
                    "'schemadesk rollout --reviewed REPORT' later checks each target against it")
        )  # fmt: skip
        self.report_button.clicked.connect(self._write_report)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.typed)
        buttons.addStretch(1)
        for b in (self.report_button, self.run_button, self.retry_button, self.cancel_button):
            buttons.addWidget(b)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(options)
        layout.addWidget(self.summary)
        layout.addWidget(self.grid, 1)
        layout.addLayout(buttons)

    # -- running -------------------------------------------------------------------------------

    def start(self, only: list[str] | None = None) -> None:
        """Plan (and, once Run is pressed, run) the rollout; ``only``: these targets."""
        try:
            config, project = load_rollout(Path(self.path.text().strip()))
        except ConfigError as exc:
            self.summary.setText(message_text(exc))  # said: in the window's language
            return
        if only is not None:
            config = replace(config, targets=tuple(t for t in config.targets if t.name in only))
        self.cancel_flag.clear()
        self.plan_button.setEnabled(False)
        self.retry_button.setEnabled(False)
        self.summary.setText(self.tr("Planning %n target(s)…", "", len(config.targets)))
        self.tasks.start("rollout", self._run(config, project))

    async def _run(self, config: RolloutConfig, project: Project | None) -> None:
        def call(coro: Coroutine[Any, Any, Any]) -> Coroutine[Any, Any, Any]:
            return on_gateway(self.gateway, coro)

        try:
            modules = project.modules if project is not None else ()
            _plan, result = await rollout(
                config, modules, parallel=self.parallel.value(), alembic=project,
                continue_on_error=self.continue_on_error.isChecked(),
                rehearse=self.rehearse.isChecked(), confirm=self._confirm, call=call,
                warn=self.relay.warned.emit, on_event=self.relay.happened.emit,
                cancel=self.cancel_flag, on_plan=self._show_plan,
            )  # fmt: skip
        finally:
            if self._close_when_done:  # once this task has ended
                QTimer.singleShot(0, self.close)
            self.plan_button.setEnabled(True)
            self.run_button.setEnabled(False)
            self.report_button.setEnabled(False)
            self.cancel_button.setEnabled(False)
            self.typed.setVisible(False)
        if result is None:
            self.summary.setText(self.tr("Not run: nothing was changed."))
            return
        self.model.finish(result.outcomes)
        self.summary.setText(self._result_text(result))
        self.retry_button.setEnabled(bool(self.model.not_done()))

    def _show_plan(self, plan: RolloutPlan) -> None:
        self._plan = plan
        self.model.set_plan(plan)
        self.grid.resizeColumnsToContents()
        lines = [
            self.tr("%1 migration(s) to %2 target(s) in %3 stage(s)")
            .replace("%1", str(plan.steps))
            .replace("%2", str(len(plan.targets)))
            .replace("%3", str(len(plan.stages)))
        ]
        for target, why in plan.outliers():
            lines.append(
                self.tr("Differs from most targets: %1 (%2)")
                .replace("%1", target.target.name)
                .replace("%2", why)
            )
        if plan.problems:
            lines.append(self.tr("Cannot run: a target could not be planned (see the grid)."))
        self.summary.setText("\n".join(lines))

    async def _confirm(self, plan: RolloutPlan) -> bool:
        if plan.steps == 0:
            return True
        self._decided = asyncio.get_running_loop().create_future()
        protected = bool(plan.protected)
        self.typed.clear()
        self.typed.setVisible(protected)
        self.typed.setPlaceholderText(
            self.tr("protected: type %1 (the number of targets)").replace(
                "%1", str(len(plan.targets))
            )
        )
        rehearsing = self.rehearse.isChecked()
        self.run_button.setText(self.tr("Rehearse") if rehearsing else self.tr("Run"))
        self._update_run()
        try:
            go = await self._decided
        finally:
            self._decided = None
        if go:
            self.run_button.setEnabled(False)
            self.report_button.setEnabled(False)
            self.cancel_button.setEnabled(True)
            self.typed.setVisible(False)
        return go

    def _update_run(self) -> None:
        plan = self._plan
        if self._decided is None or plan is None:
            self.run_button.setEnabled(False)
            return
        # The report covers pgdbm files only, as --reviewed does.
        self.report_button.setEnabled(not any(t.alembic for t in plan.targets))
        typed_ok = not plan.protected or self.typed.text().strip() == str(len(plan.targets))
        self.run_button.setEnabled(typed_ok)

    def _decide(self, go: bool) -> None:
        if self._decided is not None and not self._decided.done():
            self._decided.set_result(go)

    def _event(self, event: RolloutEvent) -> None:
        self.model.apply(event)

    def _cancel(self) -> None:
        self.cancel_flag.set()
        self.cancel_button.setEnabled(False)
        self.summary.setText(self.tr("Stopping after the migrations in progress…"))

    def _plan_clicked(self) -> None:
        self.start()

    def summary_warning(self, text: str) -> None:
        """A warning of the run (an audit record not kept): shown, never raised."""
        self.summary.setText(text)

    def _retry(self) -> None:
        self.start(only=self.model.not_done())

    def _failed(self, _name: str, message: str, _details: str = "") -> None:
        self.summary.setText(message_text(message))  # a refusal core or db said: translated

    def _result_text(self, result: RolloutResult) -> str:
        counts = {s: sum(o.state is s for o in result.outcomes) for s in TargetState}
        text = (
            self.tr("Done: %1, failed: %2, not started: %3, stopped: %4.")
            .replace("%1", str(counts[TargetState.DONE]))
            .replace("%2", str(counts[TargetState.FAILED]))
            .replace("%3", str(counts[TargetState.SKIPPED]))
            .replace("%4", str(counts[TargetState.CANCELLED]))
        )
        if result.stopped_at is not None:
            stopped = self.tr("Stage %1 did not finish cleanly; later stages did not start.")
            text += " " + stopped.replace("%1", result.stopped_at)
        return text

    def _write_report(self) -> None:
        plan = self._plan
        if plan is None:
            return
        chosen, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Review report"), "rollout-review.html",
            self.tr("Review reports (*.html *.md)"),
        )  # fmt: skip
        if not chosen:
            return
        try:
            manifest = write_rollout_report(plan, Path(chosen))
        except ConfigError as exc:
            self.summary.setText(message_text(exc))  # said: in the window's language
            return
        self.summary.setText(
            self.tr("Review report written to %1 (content SHA-256 %2)")
            .replace("%1", chosen)
            .replace("%2", manifest.content_sha256)
        )

    def _browse(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Targets file"), "", self.tr("TOML files (*.toml)")
        )
        if chosen:
            self.path.setText(chosen)

    def closeEvent(self, event: Any) -> None:
        self._decide(False)  # waiting for Run: declined
        if self.tasks.is_running("rollout"):
            # Running: it stops between steps, and the view closes once it has (closing now
            # would leave the run writing into a view that is gone).
            self.cancel_flag.set()
            self._close_when_done = True
            self.cancel_button.setEnabled(False)
            self.summary.setText(self.tr("Stopping after the migrations in progress…"))
            event.ignore()
            return
        super().closeEvent(event)
