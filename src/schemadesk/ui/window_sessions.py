"""How the main window wires an open connection's views to its actions, and shows which
connection is selected (title, status bar). Its menus stay in main_window.py."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from schemadesk.core.access.conventions import fix_findings
from schemadesk.core.citus_changes import distribute_schema, undistribute_schema
from schemadesk.core.errors import SchemadeskError
from schemadesk.core.migrations.project import Project
from schemadesk.core.profiles import ConnectionProfile
from schemadesk.ui.connection_session import ConnectionSession
from schemadesk.ui.core_texts import finding_texts, message_text
from schemadesk.ui.filter_keys import clear_on_escape
from schemadesk.ui.loading_stack import LoadingStack
from schemadesk.ui.migrations_view import MigrationsView
from schemadesk.ui.projects import read_project
from schemadesk.ui.schemas_view import SchemasView
from schemadesk.ui.session_views import session_counts
from schemadesk.ui.splitter_state import restore_splitters

if TYPE_CHECKING:
    from schemadesk.ui.main_window import MainWindow


def wire_session(window: MainWindow, session: ConnectionSession) -> None:
    """Register ``session``'s pages in ``window`` and connect its views to the window's actions."""
    session.interactive = window.interactive
    session.prompt_parent = window
    session.connection_note.connect(
        lambda text: window.status.showMessage(message_text(text), 15000)  # said: translated
    )
    window.sessions[session.profile.name] = session
    for page in session.pages.values():
        window.views.addWidget(page)
        # A page's view may be built later (loading_stack): its splitters are put back then.
        page.when_built(lambda _view, page=page: restore_splitters(page))  # type: ignore[misc]
    session.connected.connect(lambda: session_connected(window, session))
    session.connection_lost.connect(window.banner.show_lost)
    session.views_loaded.connect(lambda: window._update_nav(session))
    session.views_loaded.connect(lambda: status_if_current(window, session))
    session.schema_details.fix_requested.connect(
        lambda schema, findings: window._start_action(
            window.flow.apply_change_set(session, fix_findings(findings), schema)
        )
    )
    session.schema_details.grant_requested.connect(lambda schema: window._grant(session, schema))
    session.pages["roles"].when_built(lambda _: wire_roles(window, session))
    session.pages["migrations"].when_built(lambda _: wire_migrations(window, session))
    clear_on_escape(session.schemas_view.filter_edit)
    session.schemas_view.citus_requested.connect(
        lambda schema, verb: citus_change(window, session, schema, verb)
    )


def wire_roles(window: MainWindow, session: ConnectionSession) -> None:
    """The roles view, once built: its grants go through the window's dialogs."""
    session.roles_view.grant_requested.connect(
        lambda role, schema: window._grant(session, schema or None, role)
    )
    clear_on_escape(session.roles_view.filter_edit)


def wire_migrations(window: MainWindow, session: ConnectionSession) -> None:
    """The migrations view, once built: apply, rehearse and accept run as window actions."""
    view = session.migrations_view
    view.apply_requested.connect(lambda: window.run_action("apply", session))
    view.rehearse_requested.connect(lambda: window.run_action("rehearse", session))
    view.accept_checksum_requested.connect(
        lambda module, filename: window._start_action(
            window.flow.accept_new_checksum(session, module, filename)
        )
    )
    clear_on_escape(view.filter_edit)


def drop_session(window: MainWindow, session: ConnectionSession) -> None:
    """Close ``session`` and its pool; another connection is selected when one is open."""
    window.sessions.pop(session.profile.name, None)
    window.nav.remove_profile(session.profile.name)
    session.release()  # its catalog goes now, with its views still alive to be emptied
    for page in session.pages.values():
        window.views.removeWidget(page)
        page.deleteLater()
    window.tasks.start(f"close:{session.profile.name}", session.close())
    if window.current is session:
        window.current = None
        window.status.show_disconnected()
        if window.sessions:
            window._select(next(iter(window.sessions.values())), "schemas")


def session_connected(window: MainWindow, session: ConnectionSession) -> None:
    """The navigation names the database reached; the status bar follows."""
    root = window.nav.root_of(session.profile.name)
    database = root.child(0) if root is not None else None
    if database is not None and session.database is not None:
        database.setText(0, session.database.server.database)
    if session is window.current:
        show_session_status(window, session)


def status_if_current(window: MainWindow, session: ConnectionSession) -> None:
    """The views loaded: the status bar shows what is known now."""
    if session is window.current:  # the catalog arrived: a Citus cluster is named now
        show_session_status(window, session)


def project_for(window: MainWindow, profile: ConnectionProfile) -> Project | None:
    """The project last opened with ``profile`` (unless --project was given), else the window's."""
    remembered = None if window.explicit_project else window.projects.remembered(profile.name)
    if remembered is None:
        return window.project
    try:
        return read_project(remembered)
    except SchemadeskError as exc:  # moved or broken since: say so, open without it
        window.status.showMessage(message_text(str(exc)), 15000)
        return window.project


def citus_change(window: MainWindow, session: ConnectionSession, schema: str, verb: str) -> None:
    """Distribute or undistribute ``schema``: reviewed and confirmed like any change."""
    if session.catalog is None:
        return
    if verb == "move":  # to the node the person picks: ui/citus_move.py
        window._start_action(window.move_flow.move(session, schema))
        return
    build = distribute_schema if verb == "distribute" else undistribute_schema
    try:
        change_set = build(session.catalog, schema)
    except SchemadeskError as exc:
        window._action_failed(verb, str(exc))
        return
    window._start_action(window.flow.apply_change_set(session, change_set, schema))


def show_session_status(window: MainWindow, session: ConnectionSession) -> None:
    """The title and the status bar name the selected connection."""
    # The connection shown, by its profile's name first: two profiles may reach one place.
    name = session.profile.name
    window.setWindowTitle(f"{name} — {session.profile.describe()} — schemadesk")
    if session.database is None:
        window.status.show_disconnected()
        return
    window.status.show_server(
        session.database.server,
        read_only=session.profile.read_only,
        protected=session.profile.protected,
    )
    if session.catalog is not None and session.catalog.citus is not None:
        # The cluster-wide note (default privileges on the coordinator only), said once.
        notes = [" — ".join(finding_texts(f)) for f in session.findings.get("", [])]
        window.status.show_cluster(session.catalog.citus, "\n".join(notes))
    window._pool_timer.start()
    window._show_pool()


def smoke_summary(session: ConnectionSession) -> dict[str, Any]:
    """What the views loaded, for ``--smoke-test`` and installers' checks."""
    server = session.database.server if session.database else None
    return {
        "ok": True,
        **session_counts(session),
        "server_version": server.server_version.split(" ")[0] if server else None,
        "database": server.database if server else None,
        "user": server.user if server else None,
    }


def focus_filter(page: QWidget | None) -> None:
    """Ctrl+F on ``page`` (a view's loading stack): find in the SQL when the focus is in a
    migrations preview, else focus the view's filter box."""
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
