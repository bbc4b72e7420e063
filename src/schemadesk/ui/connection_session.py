"""One open connection in the window: its pool, what it loaded, and its views.

The main window holds several of these (one per open profile) and shows the views of the one
selected in the navigation. Every load runs through the gateway as a named task of the session,
so a refresh replaces the previous one and a close cancels them all.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from typing import cast

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QSplitter, QWidget

from schemadesk.core.access.conventions import Convention, Finding
from schemadesk.core.access.effective import RoleGraph
from schemadesk.core.access.models import Catalog
from schemadesk.core.alembic.models import AlembicSnapshot
from schemadesk.core.audit import redact_sql
from schemadesk.core.errors import ConnectionFailed, KeyringUnavailable, SchemadeskError
from schemadesk.core.lint import load_lint_config
from schemadesk.core.migrations.observed import StepObservation
from schemadesk.core.migrations.project import Project
from schemadesk.core.models import SchemaInfo
from schemadesk.core.passwords import store_password
from schemadesk.core.profiles import ConnectionProfile
from schemadesk.core.rehearsals import Rehearsal
from schemadesk.db.access.fingerprint import Fingerprint
from schemadesk.db.access.loader import (
    CatalogRows,
)
from schemadesk.db.alembic.service import alembic_snapshots, preview_of
from schemadesk.db.connect_errors import is_connection_lost
from schemadesk.db.database import Database
from schemadesk.db.gateway import Gateway
from schemadesk.db.migrations.service import ModuleSnapshot, snapshots_of
from schemadesk.ui.bridge import awaited, on_gateway
from schemadesk.ui.catalog_loading import CatalogLoading
from schemadesk.ui.catalog_notice import CatalogNotices
from schemadesk.ui.core_texts import message_text, problem_text
from schemadesk.ui.loading_stack import LoadingStack
from schemadesk.ui.migrations_view import MigrationsView
from schemadesk.ui.object_details_hook import attach_object_details
from schemadesk.ui.roles_view import RolesView
from schemadesk.ui.schema_details import SchemaDetails
from schemadesk.ui.schemas_model import SchemasModel
from schemadesk.ui.schemas_view import SchemasView
from schemadesk.ui.session_failures import load_cancelled, task_failed
from schemadesk.ui.session_views import annotate_schemas
from schemadesk.ui.tasks import TaskRunner

log = logging.getLogger(__name__)
VIEWS = ("schemas", "roles", "migrations")


class ConnectionSession(CatalogLoading, QObject):
    """A profile opened in the window, with the three views of its database."""

    connected = Signal()
    views_loaded = Signal()
    connection_lost = Signal(str)
    connection_note = Signal(str)  # something worth a status-bar line (keyring unavailable)

    def __init__(
        self,
        gateway: Gateway,
        profile: ConnectionProfile,
        project: Project | None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.gateway = gateway
        self.profile = profile
        self.project = project
        self.tasks = TaskRunner(self)
        self.tasks.task_failed.connect(lambda *failed: task_failed(self, *failed))
        self.database: Database | None = None
        self.catalog: Catalog | None = None
        self.graph: RoleGraph | None = None
        self.findings: dict[str, list[Finding]] = {}
        # The last rehearsal, bound to its plan: the next apply of that plan shows it.
        self.last_rehearsal: Rehearsal | None = None
        self.last_observed: tuple[StepObservation, ...] = ()  # its locks and rewrites, too
        self._password: str | None = None
        self.interactive = True  # False for smoke tests: never wait for a person
        self.prompt_parent: QWidget | None = None
        self._loaded: asyncio.Future[None] | None = None
        # What the last complete catalog load read, so that F5 re-reads only what changed.
        self._read: tuple[Fingerprint | None, CatalogRows, Convention | None] | None = None

        self.schemas_model = SchemasModel(self)
        self.schemas_view = SchemasView(self.schemas_model)
        self.schema_details = SchemaDetails(self.tasks)
        self.schemas_view.schema_selected.connect(self._schema_selected)
        self._size_reads = 0
        self.schemas_model.sizes_wanted.connect(self._sizes_wanted)
        self.object_details = attach_object_details(self)
        schemas_split = QSplitter(Qt.Orientation.Vertical)
        schemas_split.setObjectName("schemasSplit")
        schemas_split.addWidget(self.schemas_view)
        self.notices = CatalogNotices(self.schema_details)  # what of the catalog was not read
        schemas_split.addWidget(self.notices.details_pane)
        schemas_split.setStretchFactor(0, 3)
        schemas_split.setStretchFactor(1, 2)
        # The roles and migrations views are built when first needed (the lists arrive, the
        # ledgers are read, a person opens the page), each on a loop turn of its own.
        self.pages: dict[str, LoadingStack] = {
            "schemas": LoadingStack(schemas_split),
            "roles": LoadingStack(RolesView),
            "migrations": LoadingStack(self._migrations_page),
        }
        self.notices.attach(self.pages["roles"])
        for page in self.pages.values():
            page.cancel_requested.connect(lambda: load_cancelled(self))
            page.retry_requested.connect(self.refresh)

    @property  # CatalogLoading declares it as an attribute: it only reads it
    def roles_view(self) -> RolesView:  # type: ignore[override]
        """The roles view (built now if it was not yet)."""
        return cast(RolesView, self.pages["roles"].content)

    @property
    def migrations_view(self) -> MigrationsView:
        """The migrations view (built now if it was not yet)."""
        return cast(MigrationsView, self.pages["migrations"].content)

    def _migrations_page(self) -> MigrationsView:
        view = MigrationsView()
        view.set_writable(self.database is None or not self.database.read_only)
        view.alembic_preview_requested.connect(
            lambda name: self.tasks.start("alembic-preview", self._alembic_preview(name))
        )
        return view

    # -- opening and loading -------------------------------------------------------------------

    def open(self, password: str | None = None) -> None:
        """Connect and load every view (progress and errors show in the views)."""
        self._password = password
        self._loaded = asyncio.get_event_loop().create_future()
        self.tasks.start("load", self._connect_and_load())

    async def wait_loaded(self) -> None:
        """Resolves once every view has loaded (or raises the first load error)."""
        if self._loaded is None:
            raise RuntimeError("the session was not opened")
        await self._loaded

    def refresh(self) -> None:
        """Reload every view; a running load is replaced, not doubled."""
        if self.database is None:
            self.open(self._password)
        else:
            if self._loaded is None or self._loaded.done():  # ``wait_loaded`` waits for this one
                self._loaded = asyncio.get_event_loop().create_future()
            self.tasks.start("load", self._load_views(self.database))

    async def close(self) -> None:
        """Cancel the session's tasks and close its pool."""
        self.tasks.shutdown()
        await awaited(self.gateway.close_profile(self.profile.name))

    def release(self) -> None:
        """Let go of the catalog and what was made from it (the session's views go with it).

        A closed session's Qt objects may live on in reference cycles the collector never
        scans again (the window freezes long-lived data, ``core.long_lived``); without this
        each closed 10,000-schema connection kept its few hundred MiB."""
        self.tasks.cancel_all()
        self.catalog, self.graph, self.findings, self._read = None, None, {}, None
        self.schemas_model.set_schemas([])
        if self.pages["roles"].is_built:  # a view never built shows nothing already
            self.roles_view.release()
        self.schema_details.show_schema("", None, [], None)

    async def _connect_and_load(self) -> None:
        connecting = self.tr("Connecting to %1…").replace("%1", self.profile.describe())
        for page in self.pages.values():  # described once: each parses the conninfo
            page.show_loading(connecting)
        try:
            self.database = await self._open_asking_for_password()
        except SchemadeskError as exc:
            for page in self.pages.values():
                page.show_error(self.tr("Could not connect"), str(exc))
            self.finish_loading([str(exc)])
            return
        self._password = None  # the pool keeps it; the window does not
        writable = not self.database.read_only
        if self.pages["migrations"].is_built:  # else built with it
            self.migrations_view.set_writable(writable)
        self.schema_details.set_writable(writable)
        self.connected.emit()
        self.tasks.start("views", self._build_views())
        await self._load_views(self.database)

    async def _build_views(self) -> None:
        """The views not shown yet, built while the server answers the first queries, each on
        a loop turn of its own: not in the turn the lists arrive in, beside their reset."""
        for view in ("roles", "migrations"):
            await asyncio.sleep(0)
            self.pages[view].build()

    async def _open_asking_for_password(self) -> Database:
        """Open the pool; when the server wants a password we lack (or rejects ours), ask for
        one — in the window only — and remember it in the keyring if asked to, once it works."""
        from schemadesk.ui.connections.host_key import open_trusting  # SSH host keys, asked

        try:
            return await open_trusting(
                self.gateway,
                self.profile,
                self._password,
                self.prompt_parent,
                interactive=self.interactive,
            )
        except ConnectionFailed as exc:
            if not self.interactive or not exc.wants_password:
                raise
            reason = str(exc)
        from schemadesk.ui.connections import ask_password_async

        while True:
            answer = await ask_password_async(self.prompt_parent, self.profile, reason)
            if answer is None:
                raise ConnectionFailed(reason)
            password, remember = answer
            try:
                database = await open_trusting(
                    self.gateway, self.profile, password, self.prompt_parent
                )
            except ConnectionFailed as exc:
                if not exc.wants_password:
                    raise
                reason = str(exc)
                continue
            if remember:
                try:
                    store_password(self.profile.name, password)
                except KeyringUnavailable as problem:
                    self.connection_note.emit(str(problem))
            return database

    async def _load_views(self, database: Database) -> None:
        results = await asyncio.gather(
            self._load_catalog(database),
            self._load_migrations(database),
        )
        if self.graph is not None:  # the check's graph serves the matrix's cells too
            self.roles_view.use_graph(self.graph)
        self.finish_loading([m for m in results if m])
        annotate_schemas(self)
        self.views_loaded.emit()

    @property
    def catalog_read(self) -> bool:
        """The last catalog load was read and checked whole (F5 may re-read only changes)."""
        return self._read is not None

    def finish_loading(self, failures: list[str]) -> None:
        """End ``wait_loaded``: with the first failure, or loaded."""
        if self._loaded is None or self._loaded.done():
            return
        if failures:
            self._loaded.set_exception(SchemadeskError(failures[0]))
            self._loaded.exception()  # mark retrieved: the views show it already
        else:
            self._loaded.set_result(None)

    def _convention(self) -> Convention | None:
        if self.project is not None and self.project.source is not None:
            return Convention.from_toml(self.project.source)
        return None

    async def _load_migrations(self, database: Database) -> str | None:
        page = self.pages["migrations"]
        page.show_loading(self.tr("Reading migrations and ledgers…"))
        try:
            pgdbm: Sequence[ModuleSnapshot] = ()
            if self.project is not None:
                pgdbm = await on_gateway(self.gateway, snapshots_of(database, self.project))
                lint = load_lint_config(self.project.source)  # a bad [lint] is said here
                self.migrations_view.lint_context = (lint, self.profile.session)
            # Alembic modules: the project's, and every version table found in the database.
            alembic = await on_gateway(self.gateway, alembic_snapshots(database, self.project))
        except Exception as exc:
            return self._failed(page, self.tr("Could not load migrations"), exc)
        if self.project is None and not alembic:
            page.show_error(
                self.tr("No project"),
                self.tr("Open the window with --project schemadesk.toml to see migrations."),
            )
            return None
        self.migrations_view.set_snapshots([*pgdbm, *alembic])
        page.show_content()
        return None

    async def _alembic_preview(self, name: str) -> None:
        snapshot = self.migrations_view.snapshots.get(name)
        if not isinstance(snapshot, AlembicSnapshot):
            return
        title = self.tr("Offline SQL of %1 (alembic upgrade --sql)").replace("%1", name)
        if not snapshot.pending:
            self.migrations_view.show_alembic_preview(title, "", ())
            return
        try:
            preview = await on_gateway(self.gateway, preview_of(snapshot))
        except SchemadeskError as exc:
            self.migrations_view.show_alembic_preview(title, f"-- {problem_text(str(exc))}\n", ())
            return
        self.migrations_view.show_alembic_preview(title, preview.sql, preview.warnings)

    def _failed(self, page: LoadingStack, title: str, exc: BaseException) -> str:
        if not isinstance(exc, SchemadeskError):  # a lost connection, or a bug: keep its stack
            log.error("%s (%s)", title, self.profile.name, exc_info=exc)
        message = str(exc) if isinstance(exc, SchemadeskError) else _one_line(exc)
        page.show_error(title, message)
        if is_connection_lost(exc):
            # the signal carries a plain str (a Said's message would be lost): translated here
            self.connection_lost.emit(message_text(message))
        return message

    # -- what the views show -------------------------------------------------------------------

    def _schema_selected(self, schema: SchemaInfo | None) -> None:
        if schema is None:  # filtered out or gone: no details of a schema not selected
            self.schema_details.show_schema("", None, [], None)
            return
        self.schema_details.show_schema(
            schema.name, self.catalog, self.findings.get(schema.name, []), self.graph
        )

    def page(self, view: str) -> QWidget:
        return self.pages[view]


def _one_line(exc: BaseException) -> str:
    return redact_sql((str(exc).strip().splitlines() or [type(exc).__name__])[0])
