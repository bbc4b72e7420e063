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
from schemadesk.core.errors import SchemadeskError
from schemadesk.core.models import SchemaInfo
from schemadesk.core.profiles import ConnectionProfile
from schemadesk.db.database import Database
from schemadesk.db.gateway import Gateway
from schemadesk.ui.bridge import awaited, on_gateway
from schemadesk.ui.loading_stack import LoadingStack
from schemadesk.ui.schemas_model import SchemasModel
from schemadesk.ui.schemas_view import SchemasView
from schemadesk.ui.status_bar import ConnectionStatusBar
from schemadesk.ui.tasks import TaskRunner

VIEW_ROLE = Qt.ItemDataRole.UserRole + 1


class MainWindow(QMainWindow):
    """One window, one connection at a time for now; every load goes through the gateway."""

    schemas_loaded = Signal(int)
    load_failed = Signal(str)

    def __init__(self, gateway: Gateway, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gateway = gateway
        self.tasks = TaskRunner(self)
        self.database: Database | None = None
        self.profile: ConnectionProfile | None = None
        self._password: str | None = None
        self._loaded: asyncio.Future[None] | None = None

        self.setWindowTitle("schemadesk")
        self.schemas_model = SchemasModel(self)
        self.schemas_view = SchemasView(self.schemas_model)
        self.schemas_page = LoadingStack(self.schemas_view)
        self.schemas_page.cancel_requested.connect(lambda: self.tasks.cancel("schemas"))
        self.schemas_page.retry_requested.connect(self.refresh)

        self.nav = QTreeWidget()
        self.nav.setHeaderHidden(True)
        self.nav.setMinimumWidth(180)
        self.nav.currentItemChanged.connect(self._nav_changed)
        self.views = QStackedWidget()
        self.views.addWidget(self.schemas_page)

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
        self.schemas_view.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.schemas_view.filter_edit.selectAll()

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
        self.tasks.start("connect", self._connect_and_load())

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
        self.tasks.start("schemas", self._load_schemas(self.database))

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
        await self._load_schemas(self.database)

    async def _load_schemas(self, database: Database) -> None:
        self.schemas_page.show_loading(self.tr("Loading schemas…"))
        try:
            schemas: list[SchemaInfo] = await on_gateway(self.gateway, database.schemas())
        except SchemadeskError as exc:
            self._show_load_error(self.tr("Could not load schemas"), str(exc))
            return
        except Exception as exc:  # a lost connection or a failing catalog query
            first_line = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            self._show_load_error(self.tr("Could not load schemas"), first_line)
            return
        self.schemas_view.set_schemas(schemas)
        self.schemas_page.show_content()
        self._set_nav_count("schemas", len(schemas))
        self.status.showMessage(self.tr("%n schema(s) loaded", "", len(schemas)), 5000)
        self.schemas_loaded.emit(len(schemas))
        if self._loaded is not None and not self._loaded.done():
            self._loaded.set_result(None)

    def _show_load_error(self, title: str, message: str) -> None:
        self.schemas_page.show_error(title, message)
        self.status.show_disconnected() if self.database is None else None
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

    def _set_nav_count(self, view: str, count: int) -> None:
        item = self._nav_item(view)
        if item is not None:
            item.setText(0, f"{self.tr('Schemas')} ({count})")

    def _nav_changed(self, current: QTreeWidgetItem | None, _previous: Any) -> None:
        if current is not None and current.data(0, VIEW_ROLE) == "schemas":
            self.views.setCurrentWidget(self.schemas_page)

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
        self.tasks.cancel_all()
        self._pool_timer.stop()
        super().closeEvent(event)
