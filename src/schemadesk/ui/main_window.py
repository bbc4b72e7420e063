"""The main window: open connections on the left, the selected view in the centre, status below.

Each open profile is a ``ConnectionSession`` with its own pool and views; the navigation tree
lists them (connection → database → schemas, roles, migrations) and the status bar follows the
selected one.
"""

from __future__ import annotations

from collections.abc import Coroutine
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from schemadesk.core.errors import SchemadeskError
from schemadesk.core.migrations.project import Project
from schemadesk.core.profiles import ConnectionProfile
from schemadesk.db.gateway import Gateway
from schemadesk.ui.action_flow import ActionFlow
from schemadesk.ui.banner import ConnectionBanner
from schemadesk.ui.change_dialogs import ChangeDialogs
from schemadesk.ui.citus_move import MoveFlow
from schemadesk.ui.connection_session import ConnectionSession
from schemadesk.ui.core_texts import message_text, title_text
from schemadesk.ui.error_box import show_error_box
from schemadesk.ui.loading_stack import LoadingStack
from schemadesk.ui.main_menus import build_menus
from schemadesk.ui.migrations_view import MigrationsView
from schemadesk.ui.navigation import SESSION_ROLE, VIEW_ROLE, NavFit, NavTree
from schemadesk.ui.progress_panel import ProgressPanel
from schemadesk.ui.projects import ProjectsMenu, read_project
from schemadesk.ui.roles_view import RolesView
from schemadesk.ui.schemas_model import SchemasModel
from schemadesk.ui.schemas_view import SchemasView
from schemadesk.ui.session_views import session_counts
from schemadesk.ui.settings_dialog import SettingsDialog
from schemadesk.ui.splitter_state import restore_window, save_window
from schemadesk.ui.status_bar import ConnectionStatusBar
from schemadesk.ui.tasks import TaskRunner
from schemadesk.ui.window_dialogs import open_audit_dialog, open_compare_dialog
from schemadesk.ui.window_sessions import (
    drop_session,
    focus_filter,
    project_for,
    show_session_status,
    smoke_summary,
    wire_session,
)

if TYPE_CHECKING:
    from schemadesk.ui.report_export import ReportExport


class MainWindow(QMainWindow):
    """The window; every load goes through the gateway, never on the UI thread."""

    def __init__(
        self, gateway: Gateway, project: Project | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.gateway = gateway
        self.project = project
        self.explicit_project = project is not None  # --project wins over a remembered one
        self.projects = ProjectsMenu(self)
        self.projects.open_requested.connect(lambda path: self.open_project(Path(path)))
        self.tasks = TaskRunner(self)  # window-level tasks (closing sessions)
        self.sessions: dict[str, ConnectionSession] = {}
        self.interactive = True  # False in smoke tests: no prompt may wait for a person
        self.current: ConnectionSession | None = None
        self.setWindowTitle("schemadesk")

        self.nav = NavTree()
        self.nav.currentItemChanged.connect(self._nav_changed)
        self.views = QStackedWidget()
        self.banner = ConnectionBanner()
        self.banner.retry_requested.connect(self.refresh)
        centre = QWidget()
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(0, 0, 0, 0)
        centre_layout.addWidget(self.banner)
        centre_layout.addWidget(self.views)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(centre)
        self.splitter.setStretchFactor(1, 1)
        self.setCentralWidget(self.splitter)

        self.progress = ProgressPanel()
        self.progress_dock = QDockWidget(self.tr("Progress"), self)
        self.progress_dock.setObjectName("progressDock")
        self.progress_dock.setWidget(self.progress)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.progress_dock)
        self.progress_dock.hide()
        self.progress.started.connect(self._show_progress)
        self.flow = ActionFlow(self, self.progress)
        self.move_flow = MoveFlow(self.flow)  # a tenant move (Citus), from the schemas view
        self.report_export: ReportExport | None = None  # built at the first export
        self.report_box: QMessageBox | None = None  # the last export's outcome, for tests
        self.error_box: QMessageBox | None = None  # the last "Not done" box, for tests
        self.changes = ChangeDialogs(self, self.flow, self._start_action, self._action_failed)
        self.flow.action_finished.connect(self._action_finished)
        self.flow.audit_not_kept.connect(self._audit_not_kept)
        self.tasks.task_failed.connect(self._action_failed)

        self.status = ConnectionStatusBar(self)
        self.setStatusBar(self.status)
        self._pool_timer = QTimer(self)
        self._pool_timer.setInterval(2000)
        self._pool_timer.timeout.connect(self._show_pool)
        menus = build_menus(self)
        self.provision_action, self.export_report_action = menus.provision, menus.export_report
        self.compare_action, self.refresh_action = menus.compare, menus.refresh
        self.colours_menu = menus.colours
        self.nav_fit = NavFit(self.splitter, placed=restore_window(self, self.splitter))

    # -- the current session's views (what tests and the smoke report look at) -----------------

    def _session(self) -> ConnectionSession:
        if self.current is None:
            raise RuntimeError("no connection is open")
        return self.current

    @property
    def schemas_view(self) -> SchemasView:
        return self._session().schemas_view

    @property
    def schemas_model(self) -> SchemasModel:
        return self._session().schemas_model

    @property
    def roles_view(self) -> RolesView:
        return self._session().roles_view

    @property
    def migrations_view(self) -> MigrationsView:
        return self._session().migrations_view

    @property
    def schemas_page(self) -> LoadingStack:
        return self._session().pages["schemas"]

    @property
    def roles_page(self) -> LoadingStack:
        return self._session().pages["roles"]

    def focus_filter(self) -> None:
        """Ctrl+F: find in the SQL when the focus is in the preview, else the view's filter."""
        focus_filter(self.views.currentWidget())

    def open_audit_log(self) -> None:
        """View ▸ Audit log: every confirmed action, with filters."""
        open_audit_dialog(self)

    def export_review_report(self) -> None:
        """File ▸ Export review report…: the pending migrations of the selected connection."""
        if self.current is None:
            self._action_failed("report", self.tr("Open a connection first."))
            return
        self.tasks.start("report", self._export_report(self.current))

    async def _export_report(self, session: ConnectionSession) -> None:
        from schemadesk.ui.report_export import ReportExport

        if self.report_export is None:
            self.report_export = ReportExport(self)
        said = await self.report_export.export_and_say(session, self.status)
        if said is not None:
            self.report_box = said

    def compare(self) -> None:
        """File ▸ Compare with…: two open connections, schema by schema (ui/compare.py)."""
        self.compare_dialog = open_compare_dialog(self)

    def open_settings(self) -> None:
        SettingsDialog(self).exec()

    def choose_connection(self) -> None:
        """File ▸ Connections…: pick, edit or test a profile, then open it beside the others."""
        from schemadesk.ui.connections import choose_connection

        chosen = choose_connection(self, self.gateway)
        if chosen is not None:
            profile, password = chosen
            self.open_profile(profile, password)

    def open_project(self, path: Path) -> bool:
        """File ▸ Open project…: the current connection (and later ones) use this project."""
        try:
            project = read_project(path)
        except SchemadeskError as exc:
            self._action_failed("project", str(exc))
            return False
        self.project = project
        self.projects.add_recent(path)
        if self.current is not None:
            self.projects.remember(self.current.profile.name, path)
            self.current.project = project
            self.current.refresh()
        self.status.showMessage(self.tr("Project %1 opened").replace("%1", str(path)), 15000)
        return True

    # -- sessions -------------------------------------------------------------------------------

    def open_profile(self, profile: ConnectionProfile, password: str | None = None) -> None:
        """Open a profile beside the ones already open (or reload it when it is open)."""
        existing = self.sessions.get(profile.name)
        if existing is not None and existing.profile == profile:
            self._select(existing, "schemas")
            existing.refresh()
            return
        if existing is not None:
            drop_session(self, existing)
        session = ConnectionSession(self.gateway, profile, project_for(self, profile), self)
        wire_session(self, session)
        self.nav.add_profile(session.profile)
        self._select(session, "schemas")
        self.banner.hide()
        session.open(password)

    async def wait_loaded(self) -> None:
        """Resolves once every view of the current connection has loaded."""
        await self._session().wait_loaded()

    def refresh(self) -> None:
        """F5: reload every view of the selected connection."""
        self.banner.hide()
        if self.current is not None:
            self.current.refresh()

    def close_current(self) -> None:
        """Ctrl+W: close the selected connection and its pool."""
        if self.current is not None:
            drop_session(self, self.current)

    def _show_status(self, session: ConnectionSession) -> None:
        show_session_status(self, session)

    def _show_pool(self) -> None:
        if self.current is not None and self.current.database is not None:
            self.status.show_pool(**self.current.database.pool_health())

    # -- acting ----------------------------------------------------------------------------------

    def run_action(self, what: str, session: ConnectionSession | None = None) -> None:
        """Apply or rehearse the pending migrations of a session (the current one by default)."""
        session = session or self._session()
        self._start_action(self.flow.apply_pending(session, rehearse=what == "rehearse"))

    def _start_action(self, coro: Coroutine[Any, Any, Any]) -> None:
        self.tasks.start("action", coro)

    def _show_progress(self) -> None:
        """A confirmed action started (never on a dialog merely opened, nor after Cancel)."""
        self.progress.owner = self.current.profile.name if self.current else ""
        if not self.progress_dock.isVisible():
            self.progress_dock.show()
            self.resizeDocks([self.progress_dock], [200], Qt.Orientation.Vertical)

    def _grant(self, session: ConnectionSession, schema: str | None = None,
               role: str | None = None) -> None:  # fmt: skip
        self.changes.grant(session, schema, role)

    def provision_schema(self) -> None:
        """File ▸ Provision a schema…: ``schemadesk provision``'s change set, confirmed as usual."""
        self.changes.provision(self.current)

    def _action_finished(self, title: str, ok: bool, outcome: str) -> None:
        kept = "".join(f"; {w}" for w in self.progress.warnings)  # what the run could not keep
        self.status.showMessage(f"{message_text(title)}: {message_text(outcome)}{kept}", 15000)

    def _audit_not_kept(self, title: str, why: str) -> None:
        # The action ran, its record is missing from the trail: the panel keeps saying so.
        self.progress.warn(message_text(why))
        self.status.showMessage(f"{title_text(title)}: {message_text(why)}", 15000)

    def _action_failed(self, _name: str, message: str, details: str = "") -> None:
        message = message_text(message)  # core's and db's English refusals, translated
        self.status.showMessage(message, 15000)
        self.error_box = show_error_box(self, self.tr("Not done"), message, details)

    # -- navigation ----------------------------------------------------------------------------

    def _update_nav(self, session: ConnectionSession) -> None:
        counts = session_counts(session)
        # A view showing its error has no count: "Schemas (0)" beside "cannot read the schemas"
        # would say there are none.
        failed = {view for view in ("schemas", "roles") if session.pages[view].is_error}
        self.nav.set_counts(session.profile.name, counts, without=failed)
        if session is self.current and "schemas" not in failed:
            self.status.showMessage(self.tr("%n schema(s) loaded", "", counts["schemas"]), 5000)

    def _select(self, session: ConnectionSession, view: str) -> None:
        self.nav.select(session.profile.name, view)

    def show_view(self, view: str) -> None:
        """Select a view of the current connection, as a click in the navigation would."""
        self._select(self._session(), view)

    def _nav_changed(self, item: QTreeWidgetItem | None, _previous: Any) -> None:
        if item is None:
            return
        session = self.sessions.get(str(item.data(0, SESSION_ROLE)))
        if session is None:
            return
        if session is not self.current:
            self.current = session
            self._show_status(session)
            if not self.progress.running and self.progress.owner != session.profile.name:
                self.progress_dock.hide()  # another connection's finished run
        view = item.data(0, VIEW_ROLE) or "schemas"
        self.views.setCurrentWidget(session.pages[str(view)])

    def smoke_summary(self) -> dict[str, Any]:
        """What the views loaded, for ``--smoke-test`` and installers' checks."""
        return smoke_summary(self._session())

    # -- window state --------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        save_window(self, self.splitter, self.views)
        for session in self.sessions.values():
            session.release()  # cancels its tasks too
        self._pool_timer.stop()
        super().closeEvent(event)
