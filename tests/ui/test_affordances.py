"""Point 10 of issue 19: context menus in the roles view and the privilege matrix, double-click
on a matrix cell, Escape clearing a filter, Ctrl+F in Migrations, find in the SQL preview."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QApplication

from schemadesk.core.migrations.project import load_project
from schemadesk.core.profiles import ConnectionProfile
from schemadesk.db.gateway import Gateway
from schemadesk.demo.content import project_file
from schemadesk.ui.grant_dialog import GrantDialog
from schemadesk.ui.main_window import MainWindow
from tests.fix_ui import UiLoop
from tests.ui.test_migrations_view import _seed

pytestmark = pytest.mark.ui


@pytest.fixture
def shop(primary_dsn: str) -> Iterator[str]:
    with psycopg.connect(primary_dsn, autocommit=True) as conn:
        conn.execute('DROP ROLE IF EXISTS af_reader; DROP ROLE IF EXISTS "af ""odd"" one"')
        conn.execute('CREATE ROLE af_reader; CREATE ROLE "af ""odd"" one"')
        conn.execute("CREATE SCHEMA shop; CREATE TABLE shop.items (id int);"
                     " CREATE TABLE shop.prices (id int); GRANT USAGE ON SCHEMA shop TO af_reader;"
                     " GRANT SELECT ON shop.items TO af_reader")  # fmt: skip
    yield primary_dsn
    with psycopg.connect(primary_dsn, autocommit=True) as conn:
        conn.execute("DROP SCHEMA shop CASCADE")
        conn.execute('DROP ROLE af_reader; DROP ROLE "af ""odd"" one"')


def _window(qtbot: object, gateway: Gateway, dsn: str, ui_loop: UiLoop) -> MainWindow:
    window = MainWindow(gateway, load_project(project_file()))
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    window.show()
    window.open_profile(ConnectionProfile(name="t", conninfo=dsn))
    ui_loop.run(window.wait_loaded())
    return window


def _trigger(menu: object, text: str) -> None:
    actions = {a.text(): a for a in menu.actions()}  # type: ignore[attr-defined]
    assert text in actions, list(actions)
    actions[text].trigger()


def _find_action(window: MainWindow) -> QAction:
    return next(a for a in window.findChildren(QAction) if a.text() == "&Find")


def test_roles_and_matrix_menus_copy_what_a_dba_pastes(
    qtbot: object, ui_loop: UiLoop, gateway: Gateway, shop: str
) -> None:
    window = _window(qtbot, gateway, shop, ui_loop)
    window.show_view("roles")
    view = window.roles_view
    clipboard = QGuiApplication.clipboard()
    odd = 'af "odd" one'
    row = view.visible_roles().index(odd)
    menu = view.menus.menu_for(view.roles_table, view.roles_model.index(row, 0))
    assert menu is not None
    _trigger(menu, "Copy role name quoted for SQL")
    assert clipboard.text() == '"af ""odd"" one"'
    _trigger(menu, "Copy role name")
    assert clipboard.text() == odd
    _trigger(menu, "Show in privilege matrix")
    assert view.tabs.currentIndex() == 1
    assert view.matrix_table.currentIndex().row() == view.visible_roles().index(odd)

    model = view.matrix_model
    r = view.visible_roles().index("af_reader")
    schemas = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    cell = model.index(r, schemas.index("shop"))
    menu = view.menus.menu_for(view.matrix_table, cell)
    assert menu is not None
    _trigger(menu, "Copy cell with reasons")
    copied = clipboard.text().splitlines()
    assert copied[0] == "af_reader on shop (U– · s–––)"  # role, schema, the cell as shown
    assert copied[1].startswith("USAGE: ")  # each right spelled out with its reason
    assert any("SELECT 1/2" in line for line in copied)
    _trigger(menu, "Copy schema name")
    assert clipboard.text() == "shop"
    _trigger(menu, "Show in roles")
    assert view.tabs.currentIndex() == 0
    assert view.current_role() == "af_reader"

    # Double-click on a matrix cell: that role's privileges on that schema.
    seen: list[tuple[str, str]] = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, GrantDialog):
            seen.append((dialog.role.currentText(), dialog.schema.currentText()))
            dialog.reject()

    QTimer.singleShot(0, look)
    view.tabs.setCurrentIndex(1)
    view.matrix_table.doubleClicked.emit(cell)
    assert seen == [("af_reader", "shop")]
    window.close()


def test_escape_clears_filters_and_ctrl_f_finds_in_migrations_and_in_sql(
    qtbot: object, ui_loop: UiLoop, gateway: Gateway, primary_dsn: str
) -> None:
    _seed(primary_dsn)
    window = _window(qtbot, gateway, primary_dsn, ui_loop)
    window.show_view("roles")
    window.roles_view.filter_edit.setText("nothing-matches")
    qtbot.keyClick(window.roles_view.filter_edit, Qt.Key.Key_Escape)  # type: ignore[attr-defined]
    assert window.roles_view.filter_edit.text() == ""

    window.show_view("migrations")
    view = window.migrations_view
    everything = view.visible_modules()
    assert "orders" in everything
    assert len(everything) > 1
    window.activateWindow()
    _find_action(window).trigger()  # Ctrl+F
    assert QApplication.focusWidget() is view.filter_edit
    view.filter_edit.setText("ord")
    assert view.visible_modules() == ["orders"]
    qtbot.keyClick(view.filter_edit, Qt.Key.Key_Escape)  # type: ignore[attr-defined]
    assert view.visible_modules() == everything

    # Ctrl+F with the focus in the SQL: the find bar, every match marked, next and previous.
    assert view.select_module("users")
    assert view.select_file(view.model.row_at(0).filename)
    editor = view.preview.current_editor()
    text = editor.toPlainText()
    needle = "{{tables."
    count = text.count(needle)
    assert count >= 2
    editor.setFocus()
    assert QApplication.focusWidget() is editor
    _find_action(window).trigger()
    bar = view.find_bar
    assert bar is not None
    assert bar.isVisible()
    assert QApplication.focusWidget() is bar.edit
    bar.edit.setText(needle)
    assert bar.count_label.text() == f"1 of {count}"
    assert editor.textCursor().selectedText() == needle
    assert len(editor.extraSelections()) == count
    first = editor.textCursor().selectionStart()
    bar.next_button.click()
    assert bar.count_label.text() == f"2 of {count}"
    assert editor.textCursor().selectionStart() > first
    bar.previous_button.click()
    bar.previous_button.click()  # wraps to the last match
    assert bar.count_label.text() == f"{count} of {count}"
    bar.edit.setText("no such text anywhere")
    assert bar.count_label.text() == "no match"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)  # type: ignore[attr-defined]
    assert not bar.isVisible()
    assert editor.extraSelections() == []
    window.close()
    ui_loop.settle()
