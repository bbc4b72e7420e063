"""A tenant move's checks and refusals in the window's language: the target dialog in Russian
names a NOLOGIN owner (a name made of the check's own words) whole, keeps the SQL fix as SQL,
and says why a schema that is not distributed cannot move; the command line's English is
unchanged."""

from __future__ import annotations

import psycopg
import pytest
from psycopg import sql

from schemadesk.core.profiles import ConnectionProfile
from schemadesk.ui.citus_move import MoveDialog
from schemadesk.ui.main_window import MainWindow
from tests.citus.rig import CitusRig, cli
from tests.citus.test_move import _holder
from tests.citus.test_window_move import _tenant
from tests.fix_ui import UiLoop
from tests.ui.fix_language import russian  # noqa: F401 (the fixture)
from tests.until import until

pytestmark = [pytest.mark.citus, pytest.mark.ui, pytest.mark.usefixtures("russian")]
Conn = psycopg.Connection[tuple[object, ...]]


def test_the_move_dialog_says_its_checks_and_refusals_in_russian(
    main_window: MainWindow,
    ui_loop: UiLoop,
    citus: CitusRig,
    coordinator: Conn,
    prefix: str,
) -> None:
    tenant = prefix + "t: not moving"
    owner = prefix + "o, not 'x' cannot log in"  # the check's own words, in a role name
    _tenant(coordinator, tenant, owner, login=False)
    plain = prefix + "plain; nothing was moved"
    coordinator.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(plain)))

    source = _holder(coordinator, tenant)
    target = f"127.0.0.1:{next(w.port for w in citus.workers if w.port != source)}"
    refused = cli("move", tenant, "--to", target, "--dsn", citus.dsn(), "--yes")
    assert refused.returncode == 5, refused.stderr
    assert f"not moving {tenant}: the tables' owners can log in to the nodes: {owner} cannot" in (
        refused.stderr
    )

    main_window.open_profile(ConnectionProfile(name="c", conninfo=citus.dsn()))
    ui_loop.run(main_window.wait_loaded())
    session = main_window.current
    assert session is not None
    assert session.catalog is not None
    assert session.schemas_view.select_schema(tenant)
    session.schemas_view.move_action.trigger()
    flow = main_window.move_flow
    ui_loop.run(until(lambda: flow.dialog is not None and flow.dialog.isVisible()))
    chooser = flow.dialog
    assert chooser is not None
    lines = [chooser.checks.item(i).text() for i in range(chooser.checks.count())]
    owners = next(line for line in lines if line.startswith("[NO]"))
    assert owners == (
        f"[NO] владельцы таблиц могут входить на узлы: {owner}: вход запрещён, а Citus переносит "
        f"шарды каждой таблицы, подключаясь от имени её владельца\n"
        f'      исправление: ALTER ROLE "{owner}" LOGIN'
    ), owners
    assert any(line.startswith("[ok] целевой узел 127.0.0.1:") for line in lines), lines
    assert any(line.startswith("[--] место на целевом узле: не проверено") for line in lines)
    assert not chooser.review_button.isEnabled()
    chooser.reject()
    ui_loop.run(until(lambda: flow.dialog is None))

    other = MoveDialog(session.catalog, plain)
    shown = [other.checks.item(i).text() for i in range(other.checks.count())]
    assert shown[0] == (
        f"схема {plain!r} не распределённая: только распределённая схема живёт на одном узле и "
        "может быть перенесена (сначала распределите её: citus_schema_distribute)"
    ), shown
    assert not other.review_button.isEnabled()
    other.deleteLater()
