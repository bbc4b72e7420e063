"""What a paint of the big views costs in calls into Python, and the matrix's walk of a role that
reaches many others spread over slices: counted, never timed.

Qt's delegate asks seven roles of every painted cell; each ``data()`` is a call from C++ into
Python, and a screenful of the schemas view was thousands of them. A role granted hundreds of
others was walked in one go when its first matrix cell was asked for, and by the window's
check in the step that first asked.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from psycopg import sql
from PySide6.QtCore import QModelRoleData, Qt
from PySide6.QtWidgets import QTableView

from schemadesk.core.access.effective import RoleGraph
from schemadesk.core.access.matrix import privilege_matrix
from schemadesk.core.profiles import ConnectionProfile
from schemadesk.ui.main_window import MainWindow
from schemadesk.ui.privilege_matrix_model import PrivilegeMatrixModel, cell_text
from schemadesk.ui.roles_model import RolesModel
from schemadesk.ui.schemas_model import SchemasModel
from tests.access.conftest import Roles
from tests.fix_ui import UiLoop

pytestmark = pytest.mark.ui

GROUPS = 300
# Display, Decoration, ToolTip, Font, TextAlignment, Background, Foreground, CheckState.
ROLES_ASKED = (0, 1, 3, 6, 7, 8, 9, 10)


@pytest.fixture
def wide(primary_dsn: str) -> Iterator[tuple[str, Roles]]:
    """A schema of a hostile name, and a role granted ``GROUPS`` roles (one of them may use it)."""
    with psycopg.connect(primary_dsn, autocommit=True) as admin:
        roles = Roles(admin, f"{admin.info.dbname}·")
        try:
            admin.execute('CREATE SCHEMA "pc new\nline ""q"""')
            admin.execute('CREATE TABLE "pc new\nline ""q""".t (id int)')
            wide = roles.create("wide")
            for n in range(GROUPS):
                group = roles.create(f"g{n}")
                admin.execute(
                    sql.SQL("GRANT {} TO {}").format(sql.Identifier(group), sql.Identifier(wide))
                )
            admin.execute(
                sql.SQL('GRANT USAGE ON SCHEMA "pc new\nline ""q""" TO {}').format(
                    sql.Identifier(roles.name(f"g{GROUPS - 1}"))
                )
            )
            yield primary_dsn, roles
        finally:
            roles.drop_all()


class _Counting:
    calls: Counter[str]

    def data(self, index: Any, role: int = 0) -> Any:
        self.calls["data"] += 1
        return super().data(index, role)  # type: ignore[misc]

    def multiData(self, index: Any, span: Any) -> None:
        self.calls["multiData"] += 1
        super().multiData(index, span)  # type: ignore[misc]


class CountingSchemas(_Counting, SchemasModel):
    pass


class CountingRoles(_Counting, RolesModel):
    pass


class CountingMatrix(_Counting, PrivilegeMatrixModel):
    pass


def _painted(model: Any) -> tuple[QTableView, int]:
    """A view of ``model`` painted once; (the view, how many cells it shows)."""
    model.calls = Counter()
    view = QTableView()
    view.setModel(model)
    view.resize(900, 400)
    view.grab()
    rows = view.rowAt(view.viewport().height() - 1)
    shown_rows = (rows if rows >= 0 else model.rowCount() - 1) + 1
    columns = view.columnAt(view.viewport().width() - 1)
    shown_columns = (columns if columns >= 0 else model.columnCount() - 1) + 1
    return view, shown_rows * shown_columns


def _same_as_data(model: Any, rows: int, columns: int) -> None:
    """Every role one by one through ``multiData`` says what ``data()`` says."""
    for row in range(rows):
        for column in range(columns):
            index = model.index(row, column)
            for role in ROLES_ASKED:
                item = QModelRoleData(role)
                model.multiData(index, item)
                assert item.data() == model.data(index, role), (row, column, role)


def test_a_painted_cell_is_one_call_into_python(
    main_window: MainWindow, ui_loop: UiLoop, wide: tuple[str, Roles]
) -> None:
    dsn, _ = wide
    main_window.open_profile(ConnectionProfile(name="t", conninfo=dsn))
    ui_loop.run(main_window.wait_loaded())
    schemas = CountingSchemas()
    schemas.set_schemas(main_window.schemas_model.all_rows())
    roles = CountingRoles()
    roles.set_roles(main_window.roles_view.roles_model.all_rows())
    for model in (schemas, roles):
        model.sort(0, Qt.SortOrder.DescendingOrder)
        view, cells = _painted(model)
        assert model.calls["data"] == 0
        assert model.calls["multiData"] >= cells > 1
        _same_as_data(model, min(model.rowCount(), 20), model.columnCount())
        view.deleteLater()
    # The hostile name is painted on one line, as data() says it.
    row = next(r for r in range(schemas.rowCount()) if schemas.row_at(r).name.startswith("pc new"))
    item = QModelRoleData(int(Qt.ItemDataRole.DisplayRole))
    schemas.multiData(schemas.index(row, 0), item)
    assert item.data() == schemas.data(schemas.index(row, 0)) == 'pc new\\nline "q"'
    assert schemas.rowCount() == main_window.schemas_model.rowCount()


def test_a_wide_roles_first_cell_is_walked_over_slices(
    main_window: MainWindow, ui_loop: UiLoop, wide: tuple[str, Roles]
) -> None:
    dsn, roles = wide
    main_window.open_profile(ConnectionProfile(name="t", conninfo=dsn))
    ui_loop.run(main_window.wait_loaded())
    catalog = main_window.current.catalog if main_window.current else None
    assert catalog is not None
    name, schema = roles.name("wide"), 'pc new\nline "q"'

    # The walk yields as often as its step says, and reaches what a walk in one go reaches.
    graph = RoleGraph(catalog)
    steps = sum(1 for _ in graph.reaching(name, per_step=20))
    assert steps == GROUPS // 20
    assert graph.privilege_sources(name) == RoleGraph(catalog).privilege_sources(name)

    # Before the window's check: every role granted many others is walked in steps, both ways
    # the check asks (privileges, SET ROLE); a role granted few is left to the check.
    before_check = RoleGraph(catalog)
    walked = sum(1 for _ in before_check.walking_wide(min_edges=GROUPS, per_step=20))
    assert walked >= 2 * (GROUPS // 20)
    assert before_check.reached(name, "privs")
    assert before_check.reached(name, "set")
    assert before_check.memoised() == 2

    matrix = CountingMatrix()
    matrix.calls = Counter()
    matrix.set_catalog(catalog, [name], [schema], RoleGraph(catalog))
    matrix.reach_per_step, matrix.reach_steps_per_slice = 20, 2
    assert matrix.data(matrix.index(0, 0)) == "…"  # asked: queued for a slice
    slices = 0
    while matrix._pending:
        matrix._compute_slice()
        slices += 1
    # At most 2 × 20 memberships walked a slice: the 300 take 8 slices or more (the clock may
    # end a slice sooner, never later).
    assert slices >= GROUPS // 40
    expected = privilege_matrix(catalog, [name], [schema]).cells[0]
    assert expected.usage.held
    assert matrix.data(matrix.index(0, 0)) == cell_text(expected)
    matrix.calls = Counter()
    view, cells = _painted(matrix)
    assert matrix.calls["data"] == 0
    assert matrix.calls["multiData"] >= cells == 1
    _same_as_data(matrix, 1, 1)
    view.deleteLater()
