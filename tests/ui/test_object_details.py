"""The window's object details: the selected schema's objects by kind, loaded when the tab is
looked at, and the selected object's tabs, grants with reasons and DDL."""

from __future__ import annotations

from typing import Any

import psycopg
import pytest

from schemadesk.core.profiles import ConnectionProfile
from schemadesk.db.objects import queries_sent
from schemadesk.ui.main_window import MainWindow
from schemadesk.ui.object_details import ObjectDetails
from tests.fix_ui import UiLoop
from tests.objects.seed import TestRoles, roles_of, seed
from tests.until import until

pytestmark = pytest.mark.ui


@pytest.fixture
def seeded(primary_dsn: str) -> Any:
    with psycopg.connect(primary_dsn, autocommit=True) as conn:
        for roles in roles_of(conn):
            seed(conn, "shop", roles)
            conn.execute('CREATE SCHEMA "other one"; CREATE TABLE "other one"."t\tab" (id int)')
            yield roles


def open_objects(main_window: MainWindow, ui_loop: UiLoop, dsn: str, schema: str) -> ObjectDetails:
    main_window.open_profile(ConnectionProfile(name="t", conninfo=dsn))
    ui_loop.run(main_window.wait_loaded())
    session = main_window.current
    assert session is not None
    view = session.object_details
    assert main_window.schemas_view.select_schema(schema)
    session.schema_details.setCurrentWidget(view)
    ui_loop.run(until(lambda: view.objects is not None and view.schema == schema))
    return view


def test_objects_by_kind_and_one_object_in_detail(
    main_window: MainWindow, ui_loop: UiLoop, primary_dsn: str, seeded: TestRoles
) -> None:
    view = open_objects(main_window, ui_loop, primary_dsn, "shop")
    groups = [view.tree.topLevelItem(i).text(0) for i in range(view.tree.topLevelItemCount())]
    assert groups == [
        "Tables (6)", "Views (1)", "Materialized views (1)", "Sequences (4)",
        "Functions and procedures (5)", "Types (3)", "Domains (1)",
    ]  # fmt: skip
    assert view.select_object("customers")
    assert view.visible_tabs() == [
        "Columns (7)", "Indexes (3)", "Constraints (3)", "Triggers (1)", "Policies (2)",
        "Grants", "DDL",
    ]  # fmt: skip
    columns = view.tab_rows(view.columns)
    assert columns[0][:5] == ("1", "id", "bigint", "no", "identity, always")
    assert columns[5][4] == "generated (stored): (id * 2)"
    assert "Row-level security: enabled, forced for the owner too" in view.facts.text()
    grants = view.tab_rows(view.grants)
    assert (seeded.member, "SELECT, INSERT", f"via membership {seeded.member} → {seeded.team} "
            "(granted by postgres)") in grants  # fmt: skip
    reader_row = (seeded.reader, "SELECT", "direct grant (granted by postgres) · with grant option")
    assert reader_row in grants
    view.tabs.setCurrentIndex(view.tabs.count() - 1)
    ui_loop.run(until(lambda: view.ddl_slot.is_built))
    text = view.ddl.current_text()
    assert text.startswith('CREATE TABLE "shop"."customers" (')
    assert 'CREATE POLICY "own_rows" ON "shop"."customers" AS RESTRICTIVE' in text

    assert view.select_object("positive")  # a domain: its constraint, no columns tab
    assert view.visible_tabs() == ["Constraints (1)", "Grants", "DDL"]
    assert view.select_object("add(a text, b text)")
    # EXECUTE revoked from PUBLIC: the member and the superuser owner only
    assert {row[0] for row in view.tab_rows(view.grants)} == {seeded.member, "postgres"}


def test_loaded_only_when_looked_at_and_once_per_schema(
    main_window: MainWindow, ui_loop: UiLoop, primary_dsn: str, seeded: TestRoles
) -> None:
    view = open_objects(main_window, ui_loop, primary_dsn, "other one")
    assert view.select_object("t\tab")
    assert "other one.t\\tab" in view.facts.text()  # the tab shown as an escape
    session = main_window.current
    assert session is not None
    sent = queries_sent()
    session.schema_details.setCurrentIndex(0)  # another tab: selecting loads nothing
    assert main_window.schemas_view.select_schema("shop")
    ui_loop.settle(0.3)
    assert queries_sent() == sent
    assert view.schema == "other one"
    session.schema_details.setCurrentWidget(view)  # looked at: loaded now
    ui_loop.run(until(lambda: view.schema == "shop" and view.objects is not None))
    assert queries_sent() == sent + 9
    session.schema_details.setCurrentIndex(0)
    session.schema_details.setCurrentWidget(view)  # the same schema again: not reloaded
    ui_loop.settle(0.3)
    assert queries_sent() == sent + 9


def test_a_schema_dropped_meanwhile_is_said(
    main_window: MainWindow, ui_loop: UiLoop, primary_dsn: str
) -> None:
    with psycopg.connect(primary_dsn, autocommit=True) as conn:
        conn.execute("CREATE SCHEMA gone; CREATE SCHEMA stays")
    main_window.open_profile(ConnectionProfile(name="t", conninfo=primary_dsn))
    ui_loop.run(main_window.wait_loaded())
    session = main_window.current
    assert session is not None
    with psycopg.connect(primary_dsn, autocommit=True) as conn:
        conn.execute("DROP SCHEMA gone")
    session.schema_details.setCurrentWidget(session.object_details)
    assert main_window.schemas_view.select_schema("gone")
    view = session.object_details
    ui_loop.run(until(lambda: "could not be loaded" in view.status.text()))
    assert "the schema no longer exists" in view.status.text()
    assert view.tree.topLevelItemCount() == 0
