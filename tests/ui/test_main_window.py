"""The first window against a real database: schema list, status bar, filter, errors."""

from __future__ import annotations

import psycopg
import pytest

from schemadesk.core.errors import SchemadeskError
from schemadesk.core.profiles import ConnectionProfile
from schemadesk.ui.main_window import MainWindow
from tests.fix_db import TestServer
from tests.fix_ui import UiLoop
from tests.until import until

pytestmark = pytest.mark.ui


def _seed(dsn: str) -> None:
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(
            "CREATE SCHEMA billing; CREATE TABLE billing.invoices (id int);"
            " CREATE TABLE billing.lines (id int);"
            " COMMENT ON SCHEMA billing IS 'money in and out';"
            ' CREATE SCHEMA "Mixed Case ""quoted"""; CREATE SCHEMA склад;'
        )


def test_window_lists_schemas_and_shows_the_server_in_the_status_bar(
    main_window: MainWindow, ui_loop: UiLoop, primary_dsn: str
) -> None:
    _seed(primary_dsn)
    main_window.open_profile(ConnectionProfile(name="t", conninfo=primary_dsn, read_only=True))
    ui_loop.run(main_window.wait_loaded())

    names = main_window.schemas_view.visible_names()
    assert names == sorted(['Mixed Case "quoted"', "billing", "public", "склад"])
    row = next(
        r
        for r in range(main_window.schemas_model.rowCount())
        if main_window.schemas_model.schema_at(r).name == "billing"
    )
    assert main_window.schemas_model.index(row, 1).data() == "postgres"  # owner
    assert main_window.schemas_model.index(row, 2).data() == "2"  # tables
    comment_column = main_window.schemas_model.COLUMNS.index("comment")
    assert main_window.schemas_model.index(row, comment_column).data() == "money in and out"
    # Sizes arrive after the list; a schema without tables (public) gets a size too, not "…".
    size_column = main_window.schemas_model.COLUMNS.index("size")
    public = main_window.schemas_view.visible_names().index("public")

    def public_size() -> str:
        return str(main_window.schemas_model.index(public, size_column).data())

    ui_loop.run(until(lambda: public_size() != "…"))
    assert public_size().startswith("0")
    assert main_window.status.server_label.text().startswith("PostgreSQL ")
    assert main_window.status.identity_label.text().startswith("postgres@t")
    assert main_window.status.mode_label.text() == "READ-ONLY"
    assert main_window.nav.topLevelItem(0).text(0) == "t"
    assert (
        main_window.nav.topLevelItem(0).child(0).text(0)
        == main_window.status.identity_label.text().split("@")[1]
    )


def test_filter_narrows_the_list_instantly(
    main_window: MainWindow, ui_loop: UiLoop, primary_dsn: str
) -> None:
    _seed(primary_dsn)
    main_window.open_profile(ConnectionProfile(name="t", conninfo=primary_dsn))
    ui_loop.run(main_window.wait_loaded())
    main_window.schemas_view.filter_edit.setText("MONEY")  # matches the comment, any case
    assert main_window.schemas_view.visible_names() == ["billing"]
    main_window.schemas_view.filter_edit.clear()
    assert len(main_window.schemas_view.visible_names()) == 4


def test_missing_database_shows_one_line_in_the_error_panel(
    main_window: MainWindow, ui_loop: UiLoop, primary_server: TestServer
) -> None:
    main_window.open_profile(
        ConnectionProfile(name="t", conninfo=primary_server.conninfo("absent_db"))
    )
    with pytest.raises(SchemadeskError):
        ui_loop.run(main_window.wait_loaded())
    assert main_window.schemas_page.is_error
    assert main_window.schemas_page.error_message.endswith('database "absent_db" does not exist')
    assert "\n" not in main_window.schemas_page.error_message
    assert main_window.status.server_label.text() == "Not connected"


def test_refresh_picks_up_a_new_schema(
    main_window: MainWindow, ui_loop: UiLoop, primary_dsn: str
) -> None:
    main_window.open_profile(ConnectionProfile(name="t", conninfo=primary_dsn))
    ui_loop.run(main_window.wait_loaded())
    with psycopg.connect(primary_dsn, autocommit=True) as conn:
        conn.execute("CREATE SCHEMA added_later")
    main_window.refresh()
    ui_loop.run(until(lambda: "added_later" in main_window.schemas_view.visible_names()))
