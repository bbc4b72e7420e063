"""File ▸ Compare with…: two open connections compared in the window, the differences listed
per schema pair in the window's words, and Make access equal through the usual confirmation."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest

from schemadesk.core.profiles import ConnectionProfile
from schemadesk.ui.compare import CompareDialog, split_pairs
from schemadesk.ui.main_window import MainWindow
from tests.fix_db import TestServer
from tests.fix_ui import UiLoop
from tests.until import until

pytestmark = pytest.mark.ui


@pytest.fixture
def two_dsns(primary_server: TestServer, primary_dsn: str) -> Iterator[tuple[str, str, str]]:
    other = primary_server.create_database()
    b = primary_server.conninfo(other)
    with psycopg.connect(primary_dsn, autocommit=True) as conn:
        reader = f"{conn.info.dbname}_reader"
        conn.execute(
            psycopg.sql.SQL("CREATE ROLE {} NOLOGIN").format(psycopg.sql.Identifier(reader))
        )
    try:
        for dsn in (primary_dsn, b):
            with psycopg.connect(dsn, autocommit=True) as conn:
                conn.execute("CREATE SCHEMA sales; CREATE TABLE sales.orders (id int)")
        with psycopg.connect(primary_dsn, autocommit=True) as conn:
            conn.execute(psycopg.sql.SQL("GRANT USAGE ON SCHEMA sales TO {}").format(
                psycopg.sql.Identifier(reader)))  # fmt: skip
        yield primary_dsn, b, reader
    finally:
        for dsn in (primary_dsn, b):
            with psycopg.connect(dsn, autocommit=True) as conn:
                conn.execute(psycopg.sql.SQL("DROP OWNED BY {}").format(
                    psycopg.sql.Identifier(reader)))  # fmt: skip
        primary_server.drop_database(other)
        with psycopg.connect(primary_dsn, autocommit=True) as conn:
            conn.execute(psycopg.sql.SQL("DROP ROLE {}").format(psycopg.sql.Identifier(reader)))


def test_split_pairs() -> None:
    assert split_pairs(" sales, tenant_a=tenant_b  tenant_*=tpl ") == (
        ["sales"],
        ["tenant_a=tenant_b", "tenant_*=tpl"],
    )


def test_compare_two_connections_and_make_access_equal(
    main_window: MainWindow, ui_loop: UiLoop, two_dsns: tuple[str, str, str]
) -> None:
    a, b, reader = two_dsns
    main_window.open_profile(ConnectionProfile(name="staging", conninfo=a))
    ui_loop.run(main_window.wait_loaded())
    main_window.open_profile(ConnectionProfile(name="prod", conninfo=b))
    ui_loop.run(main_window.wait_loaded())
    main_window._select(main_window.sessions["staging"], "schemas")
    main_window.compare_action.trigger()
    dialog = main_window.compare_dialog
    assert isinstance(dialog, CompareDialog)
    assert (dialog.a_box.currentText(), dialog.b_box.currentText()) == ("staging", "prod")
    dialog.pairs_edit.setText("sales")
    found = ui_loop.run(dialog.run())
    assert found is not None
    branch = dialog.tree.topLevelItem(0)
    assert branch is not None
    assert branch.text(0) == "schema sales (1)"
    row = branch.child(0)
    assert [row.text(i) for i in range(4)] == [
        "grant",
        f"schema sales: {reader} holds USAGE in A, (none) in B",
        "USAGE",
        "(none)",
    ]
    assert "1 of access" in dialog.summary.text()
    assert dialog.equal_button.isEnabled()

    dialog.equal_button.click()
    ui_loop.run(until(lambda: main_window.flow.dialog is not None
                      and main_window.flow.dialog.isVisible()))  # fmt: skip
    confirm = main_window.flow.dialog
    assert confirm is not None
    assert f'GRANT USAGE ON SCHEMA "sales" TO "{reader}"' in confirm.action.sql
    confirm.confirm_button.click()
    ui_loop.run(until(lambda: "equal over 1 schema pair" in dialog.summary.text()))
    assert dialog.tree.topLevelItemCount() == 0
    assert not dialog.equal_button.isEnabled()
