"""The roles view against a real database: attributes, memberships both ways, the matrix."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest

from schemadesk.core.profiles import ConnectionProfile
from schemadesk.ui.main_window import MainWindow
from tests.fix_ui import UiLoop
from tests.until import until

pytestmark = pytest.mark.ui


@pytest.fixture
def shop_roles(primary_dsn: str) -> Iterator[str]:
    statements = [
        "CREATE ROLE rv_shop_owner NOLOGIN",
        "CREATE ROLE rv_shop_rw LOGIN NOINHERIT CONNECTION LIMIT 7",
        "ALTER ROLE rv_shop_rw SET statement_timeout = '5s'",
        "CREATE ROLE rv_migrator LOGIN",
        "GRANT rv_shop_owner TO rv_migrator",
        "CREATE SCHEMA shop AUTHORIZATION rv_shop_owner",
        "CREATE TABLE shop.items (id int)",
        "CREATE TABLE shop.prices (id int)",
        "ALTER TABLE shop.items OWNER TO rv_shop_owner",
        "GRANT USAGE ON SCHEMA shop TO rv_shop_rw",
        "GRANT SELECT, INSERT ON shop.items TO rv_shop_rw",
        "GRANT SELECT ON shop.prices TO rv_shop_rw",
    ]
    with psycopg.connect(primary_dsn, autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)
    yield primary_dsn
    with psycopg.connect(primary_dsn, autocommit=True) as conn:
        conn.execute("DROP SCHEMA shop CASCADE")
        for role in ("rv_migrator", "rv_shop_rw", "rv_shop_owner"):
            conn.execute(f"DROP ROLE {role}")


def test_roles_memberships_and_matrix(
    main_window: MainWindow, ui_loop: UiLoop, shop_roles: str
) -> None:
    main_window.open_profile(ConnectionProfile(name="t", conninfo=shop_roles))
    ui_loop.run(main_window.wait_loaded())
    view = main_window.roles_view
    main_window.show_view("roles")
    assert main_window.views.currentWidget() is main_window.roles_page

    view.filter_edit.setText("rv_*")
    assert view.visible_roles() == ["rv_migrator", "rv_shop_owner", "rv_shop_rw"]
    view.filter_edit.setText("SHOP")
    assert view.visible_roles() == ["rv_shop_owner", "rv_shop_rw"]

    assert view.select_role("rv_shop_rw")
    model = view.roles_model
    row = next(r for r in range(model.rowCount()) if model.role_at(r).name == "rv_shop_rw")
    headers = model.headers()
    assert model.index(row, headers.index("Login")).data() == "✓"
    assert model.index(row, headers.index("Inherit")).data() == ""
    assert model.index(row, headers.index("Conn. limit")).data() == "7"
    assert model.index(row, headers.index("Settings")).data() == "statement_timeout=5s"

    assert view.select_role("rv_shop_owner")
    assert view.members_model.index(0, 0).data() == "rv_migrator"
    assert view.member_of_model.rowCount() == 0

    matrix = view.matrix_model
    roles = [matrix.headerData(r, _vertical()) for r in range(matrix.rowCount())]
    schemas = [matrix.headerData(c, _horizontal()) for c in range(matrix.columnCount())]
    rw_cell = matrix.index(roles.index("rv_shop_rw"), schemas.index("shop"))
    assert rw_cell.data() == "…"  # asked for the first time: computed in the next slice
    ui_loop.run(until(lambda: rw_cell.data() != "…"))
    # USAGE, no CREATE; SELECT on both tables, INSERT on one of two, no UPDATE/DELETE.
    assert rw_cell.data() == "U– · Si––"
    assert "direct" in rw_cell.data(_tooltip()).lower()
    owner_cell = matrix.index(roles.index("rv_shop_owner"), schemas.index("shop"))
    owner_cell.data()
    ui_loop.run(until(lambda: owner_cell.data() != "…"))
    # Owner of the schema and of one table out of two: the other belongs to postgres.
    assert owner_cell.data() == "UC · siud"


def _vertical():  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    return Qt.Orientation.Vertical


def _horizontal():  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    return Qt.Orientation.Horizontal


def _tooltip():  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    return Qt.ItemDataRole.ToolTipRole


def test_the_whole_catalog_does_not_reset_the_matrix_again(
    main_window: MainWindow, ui_loop: UiLoop, shop_roles: str
) -> None:
    """The roles show from the first lists, then the whole catalog arrives with the same roles
    and schemas: the matrix is reset once (at 20,000 × 10,000 a reset is Qt's work on the UI
    loop), and its cells are those of the whole catalog (the tables' rights, which the first
    lists did not have). A filter changes the rows: a reset then, as before."""
    resets: list[int] = []
    main_window.open_profile(ConnectionProfile(name="t", conninfo=shop_roles))
    main_window.roles_view.matrix_model.modelReset.connect(lambda: resets.append(1))
    ui_loop.run(main_window.wait_loaded())
    assert len(resets) == 1
    view = main_window.roles_view
    main_window.show_view("roles")
    view.tabs.setCurrentIndex(1)
    matrix = view.matrix_model
    roles = [matrix.headerData(r, _vertical()) for r in range(matrix.rowCount())]
    schemas = [matrix.headerData(c, _horizontal()) for c in range(matrix.columnCount())]
    rw_cell = matrix.index(roles.index("rv_shop_rw"), schemas.index("shop"))
    rw_cell.data()
    ui_loop.run(until(lambda: rw_cell.data() != "…"))
    assert rw_cell.data() == "U– · Si––"
    view.filter_edit.setText("rv_shop")
    assert len(resets) == 2
    assert [matrix.headerData(r, _vertical()) for r in range(matrix.rowCount())] == [
        "rv_shop_owner",
        "rv_shop_rw",
    ]


def test_the_matrix_answers_from_the_checks_graph(
    main_window: MainWindow, ui_loop: UiLoop, shop_roles: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The convention check's membership graph serves the matrix's cells: the first cell shown
    builds no graph of its own (at 20,000 roles, one slice of the UI loop), and says the same."""
    from schemadesk.core.access.effective import RoleGraph
    from schemadesk.ui import privilege_matrix_model

    built: list[object] = []

    class Counted(RoleGraph):
        def __init__(self, *args: object) -> None:
            built.append(self)
            super().__init__(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(privilege_matrix_model, "RoleGraph", Counted)
    main_window.open_profile(ConnectionProfile(name="g", conninfo=shop_roles))
    ui_loop.run(main_window.wait_loaded())
    main_window.show_view("roles")
    main_window.roles_view.tabs.setCurrentIndex(1)
    matrix = main_window.roles_view.matrix_model
    roles = [matrix.headerData(r, _vertical()) for r in range(matrix.rowCount())]
    schemas = [matrix.headerData(c, _horizontal()) for c in range(matrix.columnCount())]
    rw_cell = matrix.index(roles.index("rv_shop_rw"), schemas.index("shop"))
    rw_cell.data()
    ui_loop.run(until(lambda: rw_cell.data() != "…"))
    assert rw_cell.data() == "U– · Si––"
    assert built == []
