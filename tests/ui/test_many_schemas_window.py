"""The window on a tenant catalog (issue 25), counted, never timed: the exact sizes (each stats
every file of a schema) are asked for only for the rows a person sees, a keystroke in the
filter does not format every row again, the counts come after the list, and a closed
connection lets go of its catalog."""

from __future__ import annotations

import dataclasses
import weakref
from collections.abc import Iterator

import psycopg
import pytest
from psycopg import sql

from schemadesk.core.profiles import ConnectionProfile
from schemadesk.ui.column_fit import SAMPLE_ROWS
from schemadesk.ui.main_window import MainWindow
from tests.fix_ui import UiLoop
from tests.until import until

pytestmark = pytest.mark.ui

TENANTS = 300


@pytest.fixture
def opened(main_window: MainWindow, ui_loop: UiLoop, primary_dsn: str) -> Iterator[list[str]]:
    """``TENANTS`` schemas of two tables each, open in the window; the sizes it asked for."""
    statements: list[sql.Composable] = []
    for i in range(TENANTS):
        s = f"tenant_{i:03d}"
        statements.append(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(s)))
        for table in ("orders", "lines"):
            statements.append(
                sql.SQL("CREATE TABLE {} (id bigint GENERATED ALWAYS AS IDENTITY)").format(
                    sql.Identifier(s, table)
                )
            )
    with psycopg.connect(primary_dsn, autocommit=True) as conn, conn.transaction():
        conn.execute(sql.SQL(";\n").join(statements))
    asked: list[str] = []
    main_window.open_profile(ConnectionProfile(name="many", conninfo=primary_dsn))
    session = main_window.current
    assert session is not None
    session.schemas_model.sizes_wanted.connect(asked.extend)
    ui_loop.run(main_window.wait_loaded())
    yield asked
    main_window.close_current()
    ui_loop.settle(0.2)


def test_sizes_are_read_only_for_the_rows_shown(
    main_window: MainWindow, ui_loop: UiLoop, opened: list[str]
) -> None:
    model = main_window.schemas_model
    size = model.COLUMNS.index("size")
    ui_loop.run(until(lambda: model.index(0, size).data() != "…"))
    assert model.rowCount() >= TENANTS
    # The first rows (painted, and sampled to fit the columns), never all 300: at 10,000
    # schemas the server would stat 200,000 files for rows nobody looks at.
    assert 0 < len(set(opened)) <= SAMPLE_ROWS + 60 < TENANTS
    assert len(opened) == len(set(opened))  # none asked for twice
    tenant = main_window.schemas_view.visible_names().index("tenant_007")
    assert model.index(tenant, model.COLUMNS.index("tables")).data() == "2"
    assert model.index(tenant, model.COLUMNS.index("sequences")).data() == "2"
    # A row scrolled to later is asked for then.
    last = model.rowCount() - 1
    assert model.index(last, size).data() == "…"
    ui_loop.run(until(lambda: model.index(last, size).data() != "…"))


def test_a_second_keystroke_formats_no_row_again(
    main_window: MainWindow, ui_loop: UiLoop, opened: list[str]
) -> None:
    model = main_window.schemas_model
    formatted: list[str] = []

    def counting(column: object) -> object:
        display = column.display  # type: ignore[attr-defined]

        def counted(row: object) -> str:
            formatted.append(column.key)  # type: ignore[attr-defined]
            return str(display(row))

        return dataclasses.replace(column, display=counted)  # type: ignore[type-var]

    model._columns = [counting(c) for c in model._columns]  # type: ignore[misc]
    model.set_annotations({}, {})  # a fresh load's state: nothing made for the filter yet
    main_window.schemas_view.filter_edit.setText("tenant_00")
    assert main_window.schemas_view.visible_names()[:2] == ["tenant_000", "tenant_001"]
    first, formatted[:] = len(formatted), []
    assert first > TENANTS  # each schema's texts made once for the filter (and the fit)
    main_window.schemas_view.filter_edit.setText("tenant_007")
    assert main_window.schemas_view.visible_names() == ["tenant_007"]
    # The second keystroke formats only the row left (to fit the columns): the filter's texts
    # were made at the first, so a keystroke over 10,000 schemas is a substring test each.
    assert len(formatted) <= len(model.columns())
    main_window.schemas_view.filter_edit.setText("TENANT_29")  # any case
    assert len(main_window.schemas_view.visible_names()) == 10


def test_closing_the_connection_lets_go_of_its_catalog(
    main_window: MainWindow, ui_loop: UiLoop, opened: list[str]
) -> None:
    session = main_window.current
    assert session is not None
    assert session.catalog is not None
    catalog = weakref.ref(session.catalog)
    main_window.close_current()
    ui_loop.settle(0.2)
    assert catalog() is None  # freed, though the window froze it out of the collector's scans
    assert session.schemas_model.rowCount() == 0
