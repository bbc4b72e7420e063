"""The schemas view's Size column (issue 25): exact sizes are read only for the rows a person
sees, so a row shows "…" until its size arrives. Shown rows get theirs without anything more
being done, sorting by size before they arrive orders by the planner's estimate, and a size
read that fails says so as one."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest
from psycopg import sql
from PySide6.QtCore import Qt

from schemadesk.core.profiles import ConnectionProfile
from schemadesk.ui.connection_session import ConnectionSession
from schemadesk.ui.main_window import MainWindow
from tests.fix_ui import UiLoop
from tests.until import until

pytestmark = pytest.mark.ui

# Rows per schema's one table: the estimate (relpages, after VACUUM) orders them.
ROWS = {"sz_big": 20_000, "sz_mid": 2_000, "sz_small": 0}


@pytest.fixture
def sized(main_window: MainWindow, ui_loop: UiLoop, primary_dsn: str) -> Iterator[list[str]]:
    """Three schemas of different sizes, open in the window with no exact size read yet; the
    names the view asked sizes for."""
    with psycopg.connect(primary_dsn, autocommit=True) as conn:
        for schema, rows in ROWS.items():
            table = sql.Identifier(schema, "t")
            conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
            conn.execute(sql.SQL("CREATE TABLE {} (id int, pad text)").format(table))
            conn.execute(
                sql.SQL(
                    "INSERT INTO {} SELECT i, repeat('x', 40) FROM generate_series(1, {}) i"
                ).format(table, sql.Literal(rows))
            )
            conn.execute(sql.SQL("VACUUM ANALYZE {}").format(table))  # relpages: the estimate
    main_window.open_profile(ConnectionProfile(name="sizes", conninfo=primary_dsn))
    session = main_window.current
    assert isinstance(session, ConnectionSession)
    # Hold the exact sizes back (the view still asks): what the view shows before they come.
    session.schemas_model.sizes_wanted.disconnect(session._sizes_wanted)
    asked: list[str] = []
    session.schemas_model.sizes_wanted.connect(asked.extend)
    ui_loop.run(main_window.wait_loaded())
    main_window.schemas_view.filter_edit.setText("sz_")
    yield asked
    main_window.close_current()
    ui_loop.settle(0.2)


def _sizes(window: MainWindow) -> list[str]:
    model = window.schemas_model
    column = model.COLUMNS.index("size")
    return [str(model.index(row, column).data()) for row in range(model.rowCount())]


def test_sorting_by_size_orders_by_the_estimate_until_exact(
    main_window: MainWindow, ui_loop: UiLoop, sized: list[str]
) -> None:
    view, model = main_window.schemas_view, main_window.schemas_model
    size = model.COLUMNS.index("size")
    view.table.sortByColumn(size, Qt.SortOrder.DescendingOrder)
    assert view.visible_names() == ["sz_big", "sz_mid", "sz_small"]
    assert _sizes(main_window) == ["…"] * 3  # exact sizes not read yet
    ui_loop.run(until(lambda: {"sz_big", "sz_mid", "sz_small"} <= set(sized)))  # painted: asked
    view.table.sortByColumn(size, Qt.SortOrder.AscendingOrder)
    assert view.visible_names() == ["sz_small", "sz_mid", "sz_big"]


def test_shown_rows_get_their_exact_sizes_without_anything_more(
    main_window: MainWindow, ui_loop: UiLoop, sized: list[str]
) -> None:
    session = main_window.current
    assert isinstance(session, ConnectionSession)
    ui_loop.run(until(lambda: {"sz_big", "sz_mid", "sz_small"} <= set(sized)))
    session.schemas_model.sizes_wanted.connect(session._sizes_wanted)  # sizes flow again
    session._sizes_wanted(list(sized))  # what the view asked for meanwhile
    ui_loop.run(until(lambda: "…" not in _sizes(main_window)))
    shown = dict(zip(main_window.schemas_view.visible_names(), _sizes(main_window), strict=True))
    assert len(set(shown.values())) == 3  # three different sizes, each its own
    main_window.schemas_view.table.sortByColumn(
        session.schemas_model.COLUMNS.index("size"), Qt.SortOrder.DescendingOrder
    )
    assert main_window.schemas_view.visible_names() == ["sz_big", "sz_mid", "sz_small"]


def test_a_failed_size_read_says_it_was_the_sizes(
    main_window: MainWindow, ui_loop: UiLoop, sized: list[str]
) -> None:
    session = main_window.current
    assert isinstance(session, ConnectionSession)
    notes: list[str] = []
    session.connection_note.connect(notes.append)
    session.tasks.task_failed.emit("sizes 7", "permission denied for table t", "")
    assert notes == ["Could not read the schemas' sizes: permission denied for table t"]
