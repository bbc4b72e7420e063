"""What opening a connection builds (issue 25): only the page shown. Building every view of a
connection at once held the window's loop 70-90 ms at 10,000 schemas before the first row; the
roles and migrations views are built once connected, each on a loop turn of its own, or when
first needed. Counted (which views exist when), never timed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidget

from schemadesk.core.profiles import ConnectionProfile
from schemadesk.ui.main_window import MainWindow
from schemadesk.ui.migrations_view import MigrationsView
from schemadesk.ui.roles_view import RolesView
from tests.fix_ui import UiLoop
from tests.until import until

pytestmark = pytest.mark.ui


def test_opening_builds_only_the_page_shown(
    main_window: MainWindow, ui_loop: UiLoop, primary_dsn: str, qtbot: object
) -> None:
    main_window.open_profile(ConnectionProfile(name="open", conninfo=primary_dsn))
    session = main_window.current
    assert session is not None
    assert session.pages["schemas"].is_built
    assert main_window.findChildren(RolesView) == []  # not shown: not built
    assert main_window.findChildren(MigrationsView) == []
    main_window.show_view("roles")  # a person looks at it while it connects: still loading
    assert main_window.roles_page.is_loading
    assert main_window.findChildren(RolesView) == []
    ui_loop.run(main_window.wait_loaded())
    # The lists filled it: built once, shown with its roles, wired like before.
    assert len(main_window.findChildren(RolesView)) == 1
    assert main_window.roles_page.currentWidget() is main_window.roles_view
    assert main_window.roles_view.roles_model.rowCount() > 0
    main_window.roles_view.filter_edit.setText("pg_")
    qtbot.keyClick(main_window.roles_view.filter_edit, Qt.Key.Key_Escape)  # type: ignore[attr-defined]
    assert main_window.roles_view.filter_edit.text() == ""
    assert len(main_window.findChildren(MigrationsView)) == 1  # its page says what it found


def test_a_read_only_profile_builds_its_migrations_view_read_only(
    main_window: MainWindow, ui_loop: UiLoop, primary_dsn: str
) -> None:
    main_window.open_profile(ConnectionProfile(name="ro", conninfo=primary_dsn, read_only=True))
    ui_loop.run(main_window.wait_loaded())
    session = main_window.current
    assert session is not None
    assert session.migrations_view.writable is False
    assert not session.migrations_view.apply_button.isEnabled()


def test_closing_a_connection_never_builds_its_views(
    main_window: MainWindow, ui_loop: UiLoop, primary_dsn: str
) -> None:
    main_window.open_profile(ConnectionProfile(name="gone", conninfo=primary_dsn))
    session = main_window.current
    assert session is not None
    main_window.close_current()  # before anything arrived
    ui_loop.settle(0.2)
    assert not session.pages["roles"].is_built
    assert not session.pages["migrations"].is_built


def test_the_object_details_tab_is_built_when_first_looked_at(
    main_window: MainWindow, ui_loop: UiLoop, primary_dsn: str
) -> None:
    main_window.open_profile(ConnectionProfile(name="objects", conninfo=primary_dsn))
    ui_loop.run(main_window.wait_loaded())
    session = main_window.current
    assert session is not None
    view = session.object_details
    assert view.findChildren(QTreeWidget) == []  # a tab nobody looked at: no widgets in it
    assert main_window.schemas_view.select_schema("public")
    assert view.findChildren(QTreeWidget) == []  # another tab is open: still nothing
    session.schema_details.setCurrentWidget(view)
    ui_loop.run(until(lambda: view.objects is not None and view.schema == "public"))
    assert len(view.findChildren(QTreeWidget)) == 1
    assert view.status.text().startswith("Schema public, owner ")
