"""The main window: navigation on the left, the selected view in the centre, status below."""

from __future__ import annotations

import asyncio
from typing import Any

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from schemadesk import __version__
from schemadesk.core.access.models import Catalog
from schemadesk.core.errors import SchemadeskError
from schemadesk.core.migrations.models import MigrationState
from schemadesk.core.migrations.project import Project
from schemadesk.core.models import SchemaInfo
from schemadesk.core.profiles import ConnectionProfile
from schemadesk.db.access.loader import load_catalog
from schemadesk.db.database import Database
from schemadesk.db.gateway import Gateway
from schemadesk.db.migrations.service import snapshots_of
from schemadesk.ui.bridge import awaited, on_gateway
from schemadesk.ui.loading_stack import LoadingStack
from schemadesk.ui.migrations_view import MigrationsView
from schemadesk.ui.roles_view import RolesView
from schemadesk.ui.schemas_model import SchemasModel
from schemadesk.ui.schemas_view import SchemasView
from schemadesk.ui.status_bar import ConnectionStatusBar
from schemadesk.ui.tasks import TaskRunner

VIEW_ROLE = Qt.ItemDataRole.UserRole + 1


class MainWindow(QMainWindow):
    """One window, one connection at a time for now; every load goes through the gateway."""

    schemas_loaded = Signal(int)
    load_failed = Signal(str)

    def __init__(
        self, gateway: Gateway, project: Project | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.gateway = gateway
        self.project = project
        self.tasks = TaskRunner(self)
        self.database: Database | None = None
        self.profile: ConnectionProfile | None = None
        self._password: str | None = None
        self._loaded: asyncio.Future[None] | None = None

        self.setWindowTitle("schemadesk")
        self.schemas_model = SchemasModel(self)
        self.schemas_view = SchemasView(self.schemas_model)
        self.schemas_page = LoadingStack(self.schemas_view)
        self.schemas_page.cancel_requested.connect(lambda: self.tasks.cancel("load"))
        self.schemas_page.retry_requested.connect(self.refresh)

        self.catalog: Catalog | None = None
        self.roles_view = RolesView()
        self.roles_page = LoadingStack(self.roles_view)
        self.roles_page.cancel_requested.connect(lambda: self.tasks.cancel("load"))
        self.roles_page.retry_requested.connect(self.refresh)
        self.migrations_view = MigrationsView()
        self.migrations_page = LoadingStack(self.migrations_view)
        self.migrations_page.cancel_requested.connect(lambda: self.tasks.cancel("load"))
        self.migrations_page.retry_requested.connect(self.refresh)
        self._pages: dict[str, QWidget] = {
            "schemas": self.schemas_page,
            "roles": self.roles_page,
            "migrations": self.migrations_page,
        }

        self.nav = QTreeWidget()
        self.nav.setHeaderHidden(True)
        self.nav.setMinimumWidth(180)
        self.nav.currentItemChanged.connect(self._nav_changed)
        self.views = QStackedWidget()
        for page in self._pages.values():
            self.views.addWidget(page)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(self.views)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([220, 900])
        self.setCentralWidget(self.splitter)

        self.status = ConnectionStatusBar(self)
        self.setStatusBar(self.status)
        self._pool_timer = QTimer(self)
        self._pool_timer.setInterval(2000)
        self._pool_timer.timeout.connect(self._show_pool)

        self.tasks.task_failed.connect(self._task_failed)
        self._build_menus()
        self._restore_geometry()

    # -- menus and shortcuts ------------------------------------------------------------------

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        view_menu = self.menuBar().addMenu(self.tr("&View"))
        self.refresh_action = QAction(self.tr("&Refresh"), self)
        self.refresh_action.setShortcut(QKeySequence.StandardKey.Refresh)
        self.refresh_action.triggered.connect(self.refresh)
        find_action = QAction(self.tr("&Find"), self)
        find_action.setShortcut(QKeySequence.StandardKey.Find)
        find_action.triggered.connect(self._focus_filter)
        view_menu.addActions([self.refresh_action, find_action])

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = QAction(self.tr("&About schemadesk"), self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def _focus_filter(self) -> None:
        current = self.views.currentWidget()
        view = current.content if isinstance(current, LoadingStack) else None
        edit = getattr(view, "filter_edit", None)
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

    # -- connecting and loading ----------------------------------------------------------------

    def open_profile(self, profile: ConnectionProfile, password: str | None = None) -> None:
        """Connect to a profile and load every view; progress and errors show in the views."""
        self.profile = profile
        self._password = password
        self._loaded = asyncio.get_event_loop().create_future()
        self.setWindowTitle(f"{profile.describe()} — schemadesk")
        self.tasks.start("load", self._connect_and_load())

    async def wait_loaded(self) -> None:
        """Resolves once every view has loaded (or raises the load's error)."""
        if self._loaded is None:
            raise RuntimeError("no profile opened")
        await self._loaded

    def refresh(self) -> None:
        """Reload every view (F5); a running refresh is replaced, not doubled."""
        if self.profile is None:
            return
        if self.database is None:
            self.open_profile(self.profile, self._password)
            return
        self.tasks.start("load", self._load_views(self.database))

    async def _connect_and_load(self) -> None:
        assert self.profile is not None
        self.schemas_page.show_loading(
            self.tr("Connecting to %1…").replace("%1", self.profile.describe())
        )
        try:
            self.database = await awaited(self.gateway.open(self.profile, self._password))
        except SchemadeskError as exc:
            self._show_load_error(self.tr("Could not connect"), str(exc))
            return
        self._password = None  # the pool keeps it; the window does not
        server = self.database.server
        self.status.show_server(
            server, read_only=self.profile.read_only, protected=self.profile.protected
        )
        self._pool_timer.start()
        self._show_pool()
        self._build_nav(server.database)
        await self._load_views(self.database)

    async def _load_views(self, database: Database) -> None:
        """Load every view at once; each shows its own progress and its own error."""
        results = await asyncio.gather(
            self._load_schemas(database),
            self._load_catalog(database),
            self._load_migrations(database),
        )
        failures = [message for message in results if message]
        if self._loaded is not None and not self._loaded.done():
            if failures:
                self._loaded.set_exception(SchemadeskError(failures[0]))
                self._loaded.exception()  # mark retrieved: the views show it already
            else:
                self._loaded.set_result(None)

    async def _load_schemas(self, database: Database) -> str | None:
        self.schemas_page.show_loading(self.tr("Loading schemas…"))
        try:
            schemas: list[SchemaInfo] = await on_gateway(self.gateway, database.schemas())
        except Exception as exc:  # a lost connection or a failing catalog query
            return self._view_failed(self.schemas_page, self.tr("Could not load schemas"), exc)
        self.schemas_view.set_schemas(schemas)
        self.schemas_page.show_content()
        self._set_nav_text("schemas", self.tr("Schemas (%1)").replace("%1", str(len(schemas))))
        self.status.showMessage(self.tr("%n schema(s) loaded", "", len(schemas)), 5000)
        self.schemas_loaded.emit(len(schemas))
        return None

    async def _load_catalog(self, database: Database) -> str | None:
        self.roles_page.show_loading(self.tr("Loading roles and privileges…"))
        try:
            catalog: Catalog = await on_gateway(self.gateway, load_catalog(database.pool))
        except Exception as exc:
            return self._view_failed(self.roles_page, self.tr("Could not load roles"), exc)
        self.catalog = catalog
        self.roles_view.set_catalog(catalog)
        self.roles_page.show_content()
        count = self.roles_view.roles_model.rowCount()
        self._set_nav_text("roles", self.tr("Roles (%1)").replace("%1", str(count)))
        return None

    async def _load_migrations(self, database: Database) -> str | None:
        if self.project is None:
            self.migrations_page.show_error(
                self.tr("No project"),
                self.tr("Open the window with --project schemadesk.toml to see migrations."),
            )
            return None
        self.migrations_page.show_loading(self.tr("Reading migrations and ledgers…"))
        try:
            snapshots = await on_gateway(self.gateway, snapshots_of(database, self.project))
        except Exception as exc:
            return self._view_failed(
                self.migrations_page, self.tr("Could not load migrations"), exc
            )
        self.migrations_view.set_snapshots(snapshots)
        self.migrations_page.show_content()
        self._set_nav_text(
            "migrations", self.tr("Migrations (%1)").replace("%1", str(len(snapshots)))
        )
        return None

    def _view_failed(self, page: LoadingStack, title: str, exc: BaseException) -> str:
        message = str(exc) if isinstance(exc, SchemadeskError) else _one_line(exc)
        page.show_error(title, message)
        self.load_failed.emit(message)
        return message

    def _show_load_error(self, title: str, message: str) -> None:
        for page in (self.schemas_page, self.roles_page, self.migrations_page):
            page.show_error(title, message)
        if self.database is None:
            self.status.show_disconnected()
        self.load_failed.emit(message)
        if self._loaded is not None and not self._loaded.done():
            self._loaded.set_exception(SchemadeskError(message))
            self._loaded.exception()  # mark retrieved: the window shows it already

    def _task_failed(self, name: str, message: str) -> None:
        self._show_load_error(self.tr("Something went wrong"), message)

    def _show_pool(self) -> None:
        if self.database is not None:
            self.status.show_pool(**self.database.pool_health())

    # -- navigation ----------------------------------------------------------------------------

    def _build_nav(self, database_name: str) -> None:
        self.nav.clear()
        assert self.profile is not None
        connection = QTreeWidgetItem([self.profile.name])
        connection.setToolTip(0, self.profile.describe())
        database = QTreeWidgetItem([database_name])
        connection.addChild(database)
        schemas = QTreeWidgetItem([self.tr("Schemas")])
        schemas.setData(0, VIEW_ROLE, "schemas")
        database.addChild(schemas)
        roles = QTreeWidgetItem([self.tr("Roles")])
        roles.setData(0, VIEW_ROLE, "roles")
        database.addChild(roles)
        migrations = QTreeWidgetItem([self.tr("Migrations")])
        migrations.setData(0, VIEW_ROLE, "migrations")
        database.addChild(migrations)
        self.nav.addTopLevelItem(connection)
        self.nav.expandAll()
        self.nav.setCurrentItem(schemas)

    def _nav_item(self, view: str) -> QTreeWidgetItem | None:
        for item in self.nav.findItems(
            "*", Qt.MatchFlag.MatchWildcard | Qt.MatchFlag.MatchRecursive
        ):
            if item.data(0, VIEW_ROLE) == view:
                return item
        return None

    def _set_nav_text(self, view: str, text: str) -> None:
        item = self._nav_item(view)
        if item is not None:
            item.setText(0, text)

    def _nav_changed(self, current: QTreeWidgetItem | None, _previous: Any) -> None:
        page = self._pages.get(current.data(0, VIEW_ROLE)) if current is not None else None
        if page is not None:
            self.views.setCurrentWidget(page)

    def show_view(self, view: str) -> None:
        """Select a view by name, as a click in the navigation would."""
        item = self._nav_item(view)
        if item is not None:
            self.nav.setCurrentItem(item)

    def smoke_summary(self) -> dict[str, Any]:
        """What the views loaded, for ``--smoke-test`` and installers' checks."""
        server = self.database.server if self.database else None
        return {
            "ok": True,
            "schemas": self.schemas_model.rowCount(),
            "roles": self.roles_view.roles_model.rowCount(),
            "modules": len(self.migrations_view.snapshots),
            "migrations": self._migration_counts(),
            "server_version": server.server_version.split(" ")[0] if server else None,
            "database": server.database if server else None,
            "user": server.user if server else None,
        }

    def _migration_counts(self) -> dict[str, int]:
        counts = {state.value: 0 for state in MigrationState}
        for snapshot in self.migrations_view.snapshots.values():
            for state in MigrationState:
                counts[state.value] += snapshot.status.count(state)
        return counts

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
        self.tasks.cancel_all()
        self._pool_timer.stop()
        super().closeEvent(event)


def _one_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]
