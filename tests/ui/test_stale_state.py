"""State that never lies, in the real window against a real database: the details follow the
selected schema through refreshes, filters and sorts; a failure's mark goes once its file is
fixed; the progress panel shows confirmed runs only, of the connection shown, and says which
steps never ran; the title names the connection shown."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest
from PySide6.QtCore import Qt

from schemadesk.core.migrations.project import single_module
from schemadesk.core.profiles import ConnectionProfile
from schemadesk.db.gateway import Gateway
from schemadesk.ui.main_window import MainWindow
from tests.fix_ui import UiLoop
from tests.until import until

pytestmark = pytest.mark.ui

FILES = {
    "001_items.sql": "CREATE TABLE {{tables.items}} (id int PRIMARY KEY);\n",
    "002_broken.sql": "-- comment\nSELECT 1;\nSELECT no_such_column FROM {{tables.items}};\n",
    "003_more.sql": "ALTER TABLE {{tables.items}} ADD COLUMN price numeric;\n",
}


def _seed(dsn: str) -> None:
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(
            "CREATE SCHEMA billing; CREATE TABLE billing.invoices (id int);"
            " CREATE FUNCTION billing.total() RETURNS int LANGUAGE sql AS 'SELECT 1';"
            " CREATE SCHEMA stock; CREATE TABLE stock.items (id int);"
        )


def _window(qtbot: object, gateway: Gateway, tmp_path: Path) -> MainWindow:
    folder = tmp_path / "migrations"
    folder.mkdir()
    for name, text in FILES.items():
        (folder / name).write_text(text)
    window = MainWindow(gateway, single_module(folder, "shop"))
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    window.show()
    return window


def test_the_details_follow_the_selected_schema_through_refresh_filter_and_sort(
    main_window: MainWindow, ui_loop: UiLoop, primary_dsn: str
) -> None:
    _seed(primary_dsn)
    main_window.open_profile(ConnectionProfile(name="dev", conninfo=primary_dsn))
    ui_loop.run(main_window.wait_loaded())
    view, details = main_window.schemas_view, main_window.current.schema_details  # type: ignore[union-attr]
    assert view.select_schema("billing")
    assert details.schema == "billing"
    # Its objects, functions too, with their kinds.
    objects = {details.tables.item(r, 0).text() for r in range(details.tables.rowCount())}
    assert objects == {"invoices", "total()"}

    # A refresh (as after a fix or a grant) keeps the row selected and its details current.
    with psycopg.connect(primary_dsn, autocommit=True) as conn:
        conn.execute("CREATE TABLE billing.lines (id int)")
    main_window.refresh()
    ui_loop.run(main_window.wait_loaded())
    ui_loop.run(until(lambda: details.tables.rowCount() == 3))
    rows = view.table.selectionModel().selectedRows()
    assert [view.model.schema_at(i.row()).name for i in rows] == ["billing"]

    # Sorting moves the highlight with its row.
    view.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    rows = view.table.selectionModel().selectedRows()
    assert [view.model.schema_at(i.row()).name for i in rows] == ["billing"]
    assert details.schema == "billing"

    # Filtered out: no details of a schema that is not selected.
    view.filter_edit.setText("stock")
    assert details.schema is None
    assert details.tables.rowCount() == 0
    assert details.tabText(2) == "Findings"
    view.filter_edit.clear()


def test_a_failure_is_marked_on_its_file_until_fixed_and_later_steps_say_they_never_ran(
    qtbot: object, ui_loop: UiLoop, gateway: Gateway, primary_dsn: str, tmp_path: Path
) -> None:
    window = _window(qtbot, gateway, tmp_path)
    window.open_profile(ConnectionProfile(name="dev", conninfo=primary_dsn))
    ui_loop.run(window.wait_loaded())
    window.show_view("migrations")
    assert not window.progress_dock.isVisible()
    assert not window.progress.cancel_button.isEnabled()  # nothing runs

    # A confirmation opened and cancelled: no progress panel.
    window.migrations_view.apply_button.click()
    ui_loop.run(until(lambda: window.flow.dialog is not None))
    assert window.flow.dialog is not None
    assert not window.progress_dock.isVisible()
    window.flow.dialog.cancel_button.click()
    ui_loop.run(until(lambda: window.flow.dialog is None))
    assert not window.progress_dock.isVisible()

    window.migrations_view.apply_button.click()
    ui_loop.run(until(lambda: window.flow.dialog is not None))
    assert window.flow.dialog is not None
    window.flow.dialog.confirm_button.click()
    ui_loop.run(until(lambda: window.progress.message.text().startswith("failed")))
    assert window.progress_dock.isVisible()
    rows = window.progress.table.rowCount()
    states = [window.progress.state_of(r) for r in range(rows)]
    assert states[-3:] == ["done", "failed", "skipped"]  # the last never ran: not "waiting"
    assert not window.progress.cancel_button.isEnabled()

    view = window.migrations_view
    ui_loop.run(until(lambda: view.ledger_label.text().startswith("✖ 002_broken.sql:3:")))
    # F5 while the file is unchanged: the failure is still that file's.
    window.refresh()
    ui_loop.run(window.wait_loaded())
    ui_loop.run(until(lambda: view.ledger_label.text().startswith("✖ 002_broken.sql:3:")))
    assert view.current_row is not None
    assert view.current_row.filename == "002_broken.sql"

    # Fixed and refreshed: neither the header nor the line mark another file or stay.
    (tmp_path / "migrations" / "002_broken.sql").write_text("SELECT 1;\n")
    window.refresh()
    ui_loop.run(window.wait_loaded())
    ui_loop.run(until(lambda: "✖" not in view.ledger_label.text()))
    assert view.error is None
    assert view.preview._error_line is None
    window.close()


def test_the_title_and_the_progress_panel_follow_the_connection_shown(
    main_window: MainWindow, ui_loop: UiLoop, primary_dsn: str
) -> None:
    main_window.open_profile(ConnectionProfile(name="first", conninfo=primary_dsn))
    ui_loop.run(main_window.wait_loaded())
    main_window.open_profile(ConnectionProfile(name="second", conninfo=primary_dsn))
    ui_loop.run(main_window.wait_loaded())
    assert main_window.windowTitle().startswith("second")
    # A finished run of "second" is not shown over "first".
    main_window.progress.owner = "second"
    main_window.progress_dock.show()
    main_window.nav.select("first", "schemas")
    assert main_window.windowTitle().startswith("first")
    assert not main_window.progress_dock.isVisible()


def test_sorting_the_audit_log_keeps_the_highlight_on_the_entry_shown(qtbot: object) -> None:
    from schemadesk.core.actions import ActionKind, ActionStep, ActionTarget, PlannedAction
    from schemadesk.core.audit import AuditLog, Outcome, record_from
    from schemadesk.ui.audit_view import AuditDialog

    log = AuditLog()
    for title in ("Apply 1 migration", "Grant USAGE", "Revoke CREATE"):
        target = ActionTarget("prod", "db.example", 5432, "shop", "alice", "sales")
        action = PlannedAction(
            ActionKind.CHANGE_SET, title, target, (ActionStep(title, "SELECT 1;"),)
        )
        log.append(record_from(action, Outcome.SUCCEEDED))
    dialog = AuditDialog(log)
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    dialog.table.selectRow(0)  # the newest, "Revoke": last once sorted by title
    shown = dialog.detail.text()
    chosen = dialog.model.row_at(dialog.table.currentIndex().row())
    title_column = [c.key for c in dialog.model.columns()].index("title")
    dialog.table.sortByColumn(title_column, Qt.SortOrder.AscendingOrder)
    # The highlight moved with its entry; the detail pane still shows that same entry.
    assert dialog.model.row_at(dialog.table.currentIndex().row()) is chosen
    assert dialog.detail.text() == shown
