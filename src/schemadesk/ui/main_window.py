"""The main window: open connections on the left, the selected view in the centre, status below.

Each open profile is a ``ConnectionSession`` with its own pool and views; the navigation tree
lists them (connection → database → schemas, roles, migrations) and the status bar follows the
selected one.
"""

from __future__ import annotations

from collections.abc import Coroutine
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from schemadesk import __version__
from schemadesk.core.access.conventions import fix_findings
from schemadesk.core.citus_changes import distribute_schema, undistribute_schema
from schemadesk.core.errors import SchemadeskError
from schemadesk.core.migrations.project import Project
from schemadesk.core.profiles import ConnectionProfile
from schemadesk.db.gateway import Gateway
from schemadesk.ui.action_flow import ActionFlow
from schemadesk.ui.banner import ConnectionBanner
from schemadesk.ui.change_dialogs import ChangeDialogs
from schemadesk.ui.citus_move import MoveFlow
from schemadesk.ui.colours_menu import ColoursMenu
from schemadesk.ui.connection_session import ConnectionSession
from schemadesk.ui.core_texts import finding_texts, message_text
from schemadesk.ui.error_box import show_error_box
from schemadesk.ui.filter_keys import clear_on_escape
from schemadesk.ui.loading_stack import LoadingStack
from schemadesk.ui.migrations_view import MigrationsView
from schemadesk.ui.navigation import SESSION_ROLE, VIEW_ROLE, NavTree
from schemadesk.ui.progress_panel import ProgressPanel
from schemadesk.ui.projects import ProjectsMenu, read_project
from schemadesk.ui.roles_view import RolesView
from schemadesk.ui.schemas_model import SchemasModel
from schemadesk.ui.schemas_view import SchemasView
from schemadesk.ui.settings_dialog import SettingsDialog
from schemadesk.ui.splitter_state import restore_splitters, save_splitters
from schemadesk.ui.status_bar import ConnectionStatusBar
from schemadesk.ui.tasks import TaskRunner

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
        self.splitter.setSizes([220, 900])
        self.setCentralWidget(self.splitter)

        self.progress = ProgressPanel()
        self.progress_dock = QDockWidget(self.tr("Progress"), self)
        self.progress_dock.setObjectName("progressDock")
        self.progress_dock.setWidget(self.progress)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.progress_dock)
        self.progress_dock.hide()
        self.flow = ActionFlow(self, self.progress)
        self.move_flow = MoveFlow(self.flow)  # a tenant move (Citus), from the schemas view
        self.report_export: ReportExport | None = None  # built at the first export
        self.report_box: QMessageBox | None = None  # the last export's outcome, for tests
        self.error_box: QMessageBox | None = None  # the last "Not done" box, for tests
        self.changes = ChangeDialogs(self, self.flow, self._start_action, self._action_failed)
        self.flow.action_finished.connect(self._action_finished)
        self.tasks.task_failed.connect(self._action_failed)

        self.status = ConnectionStatusBar(self)
        self.setStatusBar(self.status)
        self._pool_timer = QTimer(self)
        self._pool_timer.setInterval(2000)
        self._pool_timer.timeout.connect(self._show_pool)
        self._build_menus()
        self._restore_geometry()

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

    # -- menus and shortcuts ------------------------------------------------------------------

    def _action(self, text: str, shortcut: QKeySequence | QKeySequence.StandardKey | str,
                slot: Any) -> QAction:  # fmt: skip
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.addAction(
            self._action(
                self.tr("&Connections…"), QKeySequence.StandardKey.Open, self.choose_connection
            )
        )
        file_menu.addAction(self.projects.open_action)
        file_menu.addMenu(self.projects.recent_menu)
        file_menu.addAction(
            self._action(
                self.tr("&Close connection"), QKeySequence.StandardKey.Close, self.close_current
            )
        )
        file_menu.addSeparator()
        self.provision_action = self._action(
            self.tr("&Provision a schema…"), "Ctrl+Shift+N", self.provision_schema
        )
        self.provision_action.setStatusTip(
            self.tr("Create or complete a schema by the convention: roles, owner, grants")
        )
        file_menu.addAction(self.provision_action)
        self.export_report_action = self._action(
            self.tr("&Export review report…"), "Ctrl+Shift+E", self.export_review_report
        )
        self.export_report_action.setStatusTip(
            self.tr("Write the pending migrations of this connection as a review report")
        )
        file_menu.addAction(self.export_report_action)
        file_menu.addSeparator()
        quit_action = self._action(self.tr("&Quit"), QKeySequence.StandardKey.Quit, self.close)
        quit_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        file_menu.addAction(quit_action)

        view_menu = self.menuBar().addMenu(self.tr("&View"))
        self.refresh_action = self._action(self.tr("&Refresh"), QKeySequence.StandardKey.Refresh,
                                           self.refresh)  # fmt: skip
        view_menu.addAction(self.refresh_action)
        view_menu.addAction(self._action(self.tr("&Find"), QKeySequence.StandardKey.Find,
                                         self._focus_filter))  # fmt: skip
        view_menu.addAction(self._action(self.tr("&Audit log…"), "Ctrl+L", self.open_audit_log))
        view_menu.addSeparator()
        self.colours_menu = ColoursMenu(self)
        view_menu.addMenu(self.colours_menu)
        view_menu.addAction(self._action(self.tr("&Settings…"), "Ctrl+,", self.open_settings))

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = QAction(self.tr("&About schemadesk"), self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def _focus_filter(self) -> None:
        """Ctrl+F: find in the SQL when the focus is in the preview, else the view's filter."""
        page = self.views.currentWidget()
        content = page.content if isinstance(page, LoadingStack) else None
        if isinstance(content, MigrationsView) and content.find_bar is not None:
            focused = QApplication.focusWidget()
            if focused is not None and content.preview.isAncestorOf(focused):
                content.find_bar.open_bar()
                return
        edit = getattr(content, "filter_edit", None)
        if edit is None and content is not None:  # the schemas page wraps the view in a splitter
            edit = getattr(content.findChild(SchemasView), "filter_edit", None)
        if edit is not None:
            edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
            edit.selectAll()

    def _about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About schemadesk"),
            self.tr("schemadesk %1 — PostgreSQL schemas, roles and migrations.").replace(
                "%1", __version__
            ),
        )

    def open_audit_log(self) -> None:
        """View ▸ Audit log: every confirmed action, with filters."""
        from schemadesk.ui.audit_view import AuditDialog

        dialog = AuditDialog(parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

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
        exported = await self.report_export.export(session)
        if exported is None:
            return
        digest = exported.review.content_sha256
        self.status.showMessage(
            self.tr("Review report written to %1").replace("%1", str(exported.path)), 15000
        )
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Review report written"),
            self.tr("The review report is in %1.").replace("%1", str(exported.path)),
            parent=self,
        )
        box.setInformativeText(
            self.tr(
                "Content SHA-256 (the approver notes it):\n%1\n\n"
                "schemadesk apply --reviewed checks it before anything runs."
            ).replace("%1", digest)
        )
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.report_box = box
        box.open()

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

    def _project_for(self, profile: ConnectionProfile) -> Project | None:
        remembered = None if self.explicit_project else self.projects.remembered(profile.name)
        if remembered is None:
            return self.project
        try:
            return read_project(remembered)
        except SchemadeskError as exc:  # moved or broken since: say so, open without it
            self.status.showMessage(message_text(str(exc)), 15000)
            return self.project

    # -- sessions -------------------------------------------------------------------------------

    def open_profile(self, profile: ConnectionProfile, password: str | None = None) -> None:
        """Open a profile beside the ones already open (or reload it when it is open)."""
        existing = self.sessions.get(profile.name)
        if existing is not None and existing.profile == profile:
            self._select(existing, "schemas")
            existing.refresh()
            return
        if existing is not None:
            self._drop(existing)
        session = ConnectionSession(self.gateway, profile, self._project_for(profile), self)
        session.interactive = self.interactive
        session.prompt_parent = self
        session.connection_note.connect(lambda text: self.status.showMessage(text, 15000))
        self.sessions[profile.name] = session
        for page in session.pages.values():
            self.views.addWidget(page)
            restore_splitters(page)
        session.connected.connect(lambda: self._session_connected(session))
        session.connection_lost.connect(self.banner.show_lost)
        session.views_loaded.connect(lambda: self._update_nav(session))
        session.views_loaded.connect(lambda: self._status_if_current(session))
        session.migrations_view.apply_requested.connect(lambda: self.run_action("apply", session))
        session.migrations_view.rehearse_requested.connect(
            lambda: self.run_action("rehearse", session)
        )
        session.migrations_view.accept_checksum_requested.connect(
            lambda module, filename: self._start_action(
                self.flow.accept_new_checksum(session, module, filename)
            )
        )
        session.schema_details.fix_requested.connect(
            lambda schema, findings: self._start_action(
                self.flow.apply_change_set(session, fix_findings(findings), schema)
            )
        )
        session.schema_details.grant_requested.connect(lambda schema: self._grant(session, schema))
        session.roles_view.grant_requested.connect(
            lambda role, schema: self._grant(session, schema or None, role)
        )
        for view in (session.schemas_view, session.roles_view, session.migrations_view):
            clear_on_escape(view.filter_edit)
        session.schemas_view.citus_requested.connect(
            lambda schema, verb: self._citus_change(session, schema, verb)
        )
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
            self._drop(self.current)

    def _drop(self, session: ConnectionSession) -> None:
        self.sessions.pop(session.profile.name, None)
        self.nav.remove_profile(session.profile.name)
        for page in session.pages.values():
            self.views.removeWidget(page)
            page.deleteLater()
        self.tasks.start(f"close:{session.profile.name}", session.close())
        if self.current is session:
            self.current = None
            self.status.show_disconnected()
            if self.sessions:
                self._select(next(iter(self.sessions.values())), "schemas")

    def _session_connected(self, session: ConnectionSession) -> None:
        root = self.nav.root_of(session.profile.name)
        database = root.child(0) if root is not None else None
        if database is not None and session.database is not None:
            database.setText(0, session.database.server.database)
        if session is self.current:
            self._show_status(session)

    def _status_if_current(self, session: ConnectionSession) -> None:
        if session is self.current:  # the catalog arrived: a Citus cluster is named now
            self._show_status(session)

    def _show_status(self, session: ConnectionSession) -> None:
        self.setWindowTitle(f"{session.profile.describe()} — schemadesk")
        if session.database is None:
            self.status.show_disconnected()
            return
        self.status.show_server(
            session.database.server,
            read_only=session.profile.read_only,
            protected=session.profile.protected,
        )
        if session.catalog is not None and session.catalog.citus is not None:
            # The cluster-wide note (default privileges on the coordinator only), said once.
            notes = [" — ".join(finding_texts(f)) for f in session.findings.get("", [])]
            self.status.show_cluster(session.catalog.citus, "\n".join(notes))
        self._pool_timer.start()
        self._show_pool()

    def _show_pool(self) -> None:
        if self.current is not None and self.current.database is not None:
            self.status.show_pool(**self.current.database.pool_health())

    # -- acting ----------------------------------------------------------------------------------

    def run_action(self, what: str, session: ConnectionSession | None = None) -> None:
        """Apply or rehearse the pending migrations of a session (the current one by default)."""
        session = session or self._session()
        self._start_action(self.flow.apply_pending(session, rehearse=what == "rehearse"))

    def _start_action(self, coro: Coroutine[Any, Any, Any]) -> None:
        if not self.progress_dock.isVisible():
            self.progress_dock.show()
            self.resizeDocks([self.progress_dock], [200], Qt.Orientation.Vertical)
        self.tasks.start("action", coro)

    def _grant(self, session: ConnectionSession, schema: str | None = None,
               role: str | None = None) -> None:  # fmt: skip
        self.changes.grant(session, schema, role)

    def provision_schema(self) -> None:
        """File ▸ Provision a schema…: ``schemadesk provision``'s change set, confirmed as usual."""
        self.changes.provision(self.current)

    def _citus_change(self, session: ConnectionSession, schema: str, verb: str) -> None:
        """Distribute or undistribute ``schema``: reviewed and confirmed like any change."""
        if session.catalog is None:
            return
        if verb == "move":  # to the node the person picks: ui/citus_move.py
            self._start_action(self.move_flow.move(session, schema))
            return
        build = distribute_schema if verb == "distribute" else undistribute_schema
        try:
            change_set = build(session.catalog, schema)
        except SchemadeskError as exc:
            self._action_failed(verb, str(exc))
            return
        self._start_action(self.flow.apply_change_set(session, change_set, schema))

    def _action_finished(self, title: str, ok: bool, outcome: str) -> None:
        self.status.showMessage(f"{title}: {outcome}", 15000)

    def _action_failed(self, _name: str, message: str, details: str = "") -> None:
        message = message_text(message)  # core's and db's English refusals, translated
        self.status.showMessage(message, 15000)
        self.error_box = show_error_box(self, self.tr("Not done"), message, details)

    # -- navigation ----------------------------------------------------------------------------

    def _update_nav(self, session: ConnectionSession) -> None:
        counts = session.counts()
        self.nav.set_counts(session.profile.name, counts)
        if session is self.current:
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
        view = item.data(0, VIEW_ROLE) or "schemas"
        self.views.setCurrentWidget(session.pages[str(view)])

    def smoke_summary(self) -> dict[str, Any]:
        """What the views loaded, for ``--smoke-test`` and installers' checks."""
        session = self._session()
        server = session.database.server if session.database else None
        return {
            "ok": True,
            **session.counts(),
            "server_version": server.server_version.split(" ")[0] if server else None,
            "database": server.database if server else None,
            "user": server.user if server else None,
        }

    # -- window state --------------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        settings = QSettings()
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1200, 760)
        splitter = settings.value("window/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)

    def closeEvent(self, event: QCloseEvent) -> None:
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/splitter", self.splitter.saveState())
        save_splitters(self.views)
        for session in self.sessions.values():
            session.tasks.cancel_all()
        self._pool_timer.stop()
        super().closeEvent(event)
