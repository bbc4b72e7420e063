"""The acting half of the window: it asks (the dialog) and renders (progress, refresh); the
use cases (usecases/) build, run and audit. The dialog shows the PlannedAction as built (the
exact SQL that runs); nothing is sent before the person confirms. Read-only sessions are
refused before any dialog is built.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Awaitable, Sequence
from typing import TypeVar

from PySide6.QtCore import QLocale, QObject, Qt, Signal
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from schemadesk.core.access.changes import ChangeSet
from schemadesk.core.actions import PlannedAction
from schemadesk.core.alembic.models import AlembicSnapshot
from schemadesk.core.alembic.preview import env_takes_connection
from schemadesk.core.errors import ReadOnlyViolation, SchemadeskError
from schemadesk.core.migrations.models import ApplyResult
from schemadesk.core.rehearsals import Rehearsal, plan_key
from schemadesk.db.access.readable import refuse_unavailable
from schemadesk.db.access.rows import ALL_PARTS
from schemadesk.db.actions import reset_role_step, target_of
from schemadesk.db.database import Database
from schemadesk.db.migrations.service import ModuleSnapshot, plan_of
from schemadesk.ui.bridge import on_gateway
from schemadesk.ui.confirm_dialog import ConfirmDialog
from schemadesk.ui.confirm_steps import plan_lint
from schemadesk.ui.connection_session import ConnectionSession
from schemadesk.ui.core_texts import change_text, message_text, problem_text, translated_action
from schemadesk.ui.plain_text import plain_box
from schemadesk.ui.progress_panel import ProgressPanel
from schemadesk.ui.session_actions import audit_sink, settable_owners
from schemadesk.usecases.alembic import upgrade_alembic
from schemadesk.usecases.audit import Sink
from schemadesk.usecases.change_sets import ActionBuilder, Confirm, apply_change_set
from schemadesk.usecases.checksums import accept_checksums
from schemadesk.usecases.migrations import apply_migrations

T = TypeVar("T")


class ActionFlow(QObject):
    """Confirms and runs changes for one window; reports outcomes through ``action_finished``."""

    # object, not str: a said title or outcome keeps its code (a str subclass) through the queue
    action_finished = Signal(object, bool, object)  # title, ok, one-line outcome
    audit_not_kept = Signal(object, object)  # the title of an action that ran, why

    def __init__(self, parent_widget: QWidget, progress: ProgressPanel) -> None:
        super().__init__(parent_widget)
        self.parent_widget = parent_widget
        self.progress = progress
        self.dialog: ConfirmDialog | None = None  # the open confirmation, for tests and focus
        self._rebuilds: set[asyncio.Task[None]] = set()

    # -- what the views ask for ----------------------------------------------------------------

    async def apply_pending(
        self,
        session: ConnectionSession,
        *,
        rehearse: bool = False,
        modules: Sequence[str] | None = None,
    ) -> bool:
        """Apply (or rehearse) the pending migrations of the chosen modules (default: the module
        selected in the migrations view)."""
        database, project = self._writable(session), session.project
        view = session.migrations_view
        if modules is None:
            modules = [view.current.module.name] if view.current else list(view.snapshots)
        chosen = [view.snapshots[name] for name in modules]
        alembic = [s for s in chosen if isinstance(s, AlembicSnapshot)]
        if alembic:
            return await self._apply_alembic(session, alembic[0], rehearse=rehearse)
        if project is None:
            raise SchemadeskError(
                self.tr("No project: open the window with --project schemadesk.toml.")
            )
        pgdbm = [s for s in chosen if isinstance(s, ModuleSnapshot)]
        plan = plan_of(pgdbm)
        if not plan.steps:
            self._say(self.tr("Nothing to apply"), self.tr("Every migration is applied."))
            return False
        if not plan.runnable:
            self._say(self.tr("Cannot apply"), "\n".join(problem_text(b) for b in plan.blockers))
            return False
        schemas = sorted({s.module.schema for s in pgdbm if s.module.schema})
        schema = schemas[0] if len(schemas) == 1 else None
        last = session.last_rehearsal
        key = plan_key(target_of(database, schema), plan, None)
        # A rehearsal of these very files carries its run-as choice to the apply.
        carried = (last.key.run_as or "login") if last and last.key.same_files(key) else None
        shown: list[PlannedAction] = []  # the confirmed action, as the dialog showed it
        ran = await self._finishing(shown, apply_migrations(
            database, project, plan, schema=schema, rehearse=rehearse, rehearsal=last,
            run_as=carried, confirm=self._confirming(shown, runner_rows=True),
            observed=() if rehearse else session.last_observed,
            lint=await on_gateway(session.gateway, plan_lint(database, project, plan)),
            call=functools.partial(on_gateway, session.gateway),
            sink=functools.partial(audit_sink, session, self.audit_not_kept),
            on_event=self.progress.relay.arrived.emit, cancel=self.progress.cancel_flag,
        ))  # fmt: skip
        if ran is None:
            return False
        action, run_as, result = ran
        if rehearse:  # bound to this exact plan, as this role, on this target
            session.last_rehearsal = Rehearsal(
                plan_key(action.target, plan, run_as),
                result.ok,
                self._outcome(result, rehearse=True),
                result.not_rehearsed,
            )
            session.last_observed = result.observed  # its locks and rewrites, too
        return self._finished(session, shown[0], run_as, result, rehearse=rehearse)

    async def _apply_alembic(
        self, session: ConnectionSession, snapshot: AlembicSnapshot, *, rehearse: bool
    ) -> bool:
        """Upgrade (or rehearse) one Alembic module to its head through Alembic's own command
        API, after the same confirmation (the offline SQL of each revision) as every change."""
        database = self._writable(session)
        if rehearse and not await asyncio.to_thread(env_takes_connection, snapshot.module):
            self._say(  # env.py connects on its own: its commits cannot be held back
                self.tr("Cannot rehearse"),
                self.tr("Alembic's env.py commits by itself: its revisions cannot be rehearsed."),
            )
            return False
        owners = await settable_owners(session, database, [snapshot.module.schema])
        shown: list[PlannedAction] = []  # the confirmed action, as the dialog showed it
        ran = await self._finishing(shown, upgrade_alembic(
            database, snapshot, rehearse=rehearse,
            # As for pgdbm: the schema's owner first (the default) when the login may become it.
            run_as_choices=[*owners[:1], "", *owners[1:]] if owners else [],
            confirm=self._confirming(shown, runner_rows=True),
            call=functools.partial(on_gateway, session.gateway),
            sink=functools.partial(audit_sink, session, self.audit_not_kept),
            on_event=self.progress.relay.arrived.emit, cancel=self.progress.cancel_flag,
        ))  # fmt: skip
        if ran is None:
            return False
        _action, run_as, result = ran
        return self._finished(session, shown[0], run_as, result, rehearse=rehearse)

    async def _finishing(self, shown: list[PlannedAction], running: Awaitable[T]) -> T:
        """Await a use case; when it raises after the confirmation, the panel says how it
        ended (the window's error box says why)."""
        try:
            return await running
        except BaseException as exc:
            if shown:
                self.progress.finish(str(exc))
            raise

    def _finished(
        self,
        session: ConnectionSession,
        shown: PlannedAction,
        run_as: str | None,
        result: ApplyResult,
        *,
        rehearse: bool,
    ) -> bool:
        """Migrations ran: the panel, the status bar and the view say how it ended."""
        if run_as and shown.steps[-1].sql == reset_role_step().sql:
            self.progress.mark(len(shown.steps) - 1, "done")
        outcome = self._outcome(result, rehearse=rehearse)
        self.progress.finish(outcome)
        if result.error is not None:
            session.migrations_view.show_error(result.error)
        session.refresh()
        self.action_finished.emit(shown.title, result.ok, outcome)
        return result.ok

    async def accept_new_checksum(
        self, session: ConnectionSession, module: str, filename: str
    ) -> bool:
        """Record a drifted file's current checksum as the applied one (an action of its own)."""
        database = self._writable(session)
        snapshot = session.migrations_view.snapshots[module]
        if not isinstance(snapshot, ModuleSnapshot):
            raise SchemadeskError(
                self.tr("Alembic keeps no checksums: there is nothing to accept.")
            )
        row = next(r for r in snapshot.status.rows if r.filename == filename)
        if row.recorded_checksum is None or row.file_checksum is None:
            raise SchemadeskError(
                self.tr("%1 has not changed since it was applied").replace(
                    "%1", f"{module}/{filename}"
                )
            )
        shown: list[PlannedAction] = []  # the confirmed action, as the dialog showed it
        confirm = self._confirming(shown)

        try:
            done = await accept_checksums(
                database, [(snapshot, filename)], confirm=confirm,
                call=functools.partial(on_gateway, session.gateway),
                sink=functools.partial(audit_sink, session, self.audit_not_kept),
            )  # fmt: skip
        except BaseException as exc:
            if shown:
                self.progress.finish(str(exc))
            raise
        if done is None:
            return False
        ok = done[1] == [1]
        message = (
            self.tr("checksum accepted")
            if ok
            else self.tr("the ledger row had changed: nothing updated")
        )
        self.progress.mark(0, "done" if ok else "failed")
        self.progress.finish(message)
        session.refresh()
        self.action_finished.emit(shown[0].title, ok, message)
        return ok

    async def apply_change_set(
        self, session: ConnectionSession, change_set: ChangeSet, schema: str | None = None
    ) -> bool:
        """Grant, revoke, provision or fix: one transaction, verified against the catalog after.
        A change worked out from a catalog read in part is refused, as on the command line."""
        database = self._writable(session)
        if session.catalog is not None:
            # Without the memberships a grant already held through a group would be offered
            # again, and "nothing to change" could be said of what was never seen.
            refuse_unavailable(session.catalog, ALL_PARTS)
        if change_set.empty:
            title = change_text(change_set.title)
            title = title[:1].upper() + title[1:]
            self._say(title, self.tr("Nothing to change: the desired state holds."))
            return False
        choices = await settable_owners(session, database, [schema] if schema else [])
        shown: list[PlannedAction] = []  # the confirmed action, as the dialog showed it
        confirm = self._confirming(shown)

        try:
            done = await apply_change_set(
                database, change_set, schema=schema, run_as_choices=choices, confirm=confirm,
                call=functools.partial(on_gateway, session.gateway),
                sink=functools.partial(audit_sink, session, self.audit_not_kept),
            )  # fmt: skip
        except SchemadeskError as exc:
            if not shown:  # refused before the dialog: the window's error box says why
                raise
            for row in range(len(shown[0].steps)):
                self.progress.mark(row, "failed")
            self.progress.finish(str(exc))
            self.action_finished.emit(shown[0].title, False, str(exc))
            return False
        if done is None:
            return False
        action, result = done.action, done.result
        for row in range(len(action.steps)):
            self.progress.mark(row, "done")
        if result.verified:
            message = self.tr("done; the catalog shows the desired state")
        else:
            message = self.tr("done, but not as desired: %1").replace("%1", "; ".join(result.unmet))
        self.progress.finish(message)
        session.refresh()
        self.action_finished.emit(shown[0].title, result.verified, message)
        return result.verified

    # -- the one confirmation ------------------------------------------------------------------

    async def confirm(
        self, build: ActionBuilder, run_as_choices: Sequence[str]
    ) -> tuple[PlannedAction, str | None] | None:
        """Show the dialog (without a nested event loop) and wait for an explicit decision.

        The dialog shows the action in the window's language; what is returned (and run, and
        recorded in the audit log) is the action as built, in English."""
        # Choices naming the login ("") come default first; otherwise the login is the default.
        first = run_as_choices[0] if "" in run_as_choices else ""
        built = [await build(first or None)]  # the one shown last is the one confirmed
        dialog = ConfirmDialog(translated_action(built[0]), run_as_choices, self.parent_widget)
        self.dialog = dialog
        decided: asyncio.Future[int] = asyncio.get_running_loop().create_future()

        def finished(code: int) -> None:
            if not decided.done():
                decided.set_result(code)

        def rebuild(role: str) -> None:
            task = asyncio.ensure_future(self._rebuild(dialog, build, role or None, built))
            self._rebuilds.add(task)
            task.add_done_callback(self._rebuilds.discard)

        dialog.finished.connect(finished)
        dialog.run_as_changed.connect(rebuild)
        dialog.open()
        try:
            code = await decided
        finally:
            self.dialog = None
            dialog.deleteLater()
        if code != QDialog.DialogCode.Accepted:
            return None
        return built[-1], dialog.chosen_run_as

    def _confirming(self, shown: list[PlannedAction], *, runner_rows: bool = False) -> Confirm:
        """The use cases' confirmation: the dialog; once confirmed, the action as shown (in
        ``shown``) starts the progress panel (``runner_rows``: the runner's events number
        the rows after a ``SET ROLE`` step, which is done by then)."""

        async def confirm(
            build: ActionBuilder, choices: Sequence[str]
        ) -> tuple[PlannedAction, str | None] | None:
            confirmed = await self.confirm(build, choices)
            if confirmed is not None:
                shown.append(translated_action(confirmed[0]))
                run_as = runner_rows and confirmed[1] is not None
                self.progress.start(shown[0], first_runner_row=1 if run_as else 0)
                if run_as:
                    self.progress.mark(0, "done")
            return confirmed

        return confirm

    async def _rebuild(
        self,
        dialog: ConfirmDialog,
        build: ActionBuilder,
        role: str | None,
        built: list[PlannedAction],
    ) -> None:
        action = await build(role)
        built.append(action)
        dialog.show_action(translated_action(action))

    # -- helpers -------------------------------------------------------------------------------

    def _writable(self, session: ConnectionSession) -> Database:
        if session.database is None:
            raise SchemadeskError(self.tr("Not connected."))
        if session.database.read_only:
            raise ReadOnlyViolation(
                self.tr("The profile “%1” is read-only: changes are not possible.").replace(
                    "%1", session.profile.name
                )
            )
        return session.database

    def _outcome(self, result: ApplyResult, *, rehearse: bool) -> str:
        """The run's outcome in one line, for the progress panel, the status bar and the next
        confirmation ("rehearsed" outcomes are shown there)."""
        done = len(result.applied)
        rehearsed, applied = self.tr("%n rehearsed", "", done), self.tr("%n applied", "", done)
        counted = rehearsed if rehearse else applied
        if result.error is not None:
            e = result.error
            where = f"{e.filename}:{e.line}:{e.column}" if e.line else e.filename
            said = (
                self.tr("failed at %1 [%2]: %3; %4 before it")
                .replace("%1", where)
                .replace("%2", e.sqlstate or "")
                .replace("%3", e.message)
                .replace("%4", counted)
            )
            # A no-transaction file that failed half-way left part of itself committed.
            return f"{said}\n{message_text(e.partial)}" if e.partial else said
        if result.cancelled:
            return self.tr("cancelled after %1").replace("%1", counted)
        text = (
            self.tr("%1 in %2 ms")
            .replace("%1", counted)
            .replace("%2", QLocale().toString(round(result.total_ms)))
        )
        if result.not_rehearsed:
            text += "; " + self.tr("not rehearsable (no transaction): %1").replace(
                "%1", ", ".join(result.not_rehearsed)
            )
        return text + ("; " + self.tr("rolled back") if rehearse else "")

    def audit_sink(self, session: ConnectionSession) -> Sink:
        """The window's one audit sink, for use cases run from other views (a tenant move)."""
        return functools.partial(audit_sink, session, self.audit_not_kept)

    def _say(self, title: str, text: str) -> None:
        # Not exec(): a nested event loop inside a running task breaks the asyncio loop.
        box = QMessageBox(QMessageBox.Icon.Information, title, text, parent=self.parent_widget)
        plain_box(box)  # names and server messages in it are never markup
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.action_finished.emit(title, False, text)
