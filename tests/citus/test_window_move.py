"""Moving a tenant from the window: the schemas view offers it on a distributed schema, the
target dialog shows each check, the confirmation shows the exact ``citus_schema_move``, the
tenant arrives, and the audit record equals the one ``schemadesk move`` leaves."""

from __future__ import annotations

import psycopg
import pytest
from psycopg import sql

from schemadesk.core.audit import AuditLog, Outcome
from schemadesk.core.profiles import ConnectionProfile
from schemadesk.ui.main_window import MainWindow
from tests.audit.parity import same_parts
from tests.citus.rig import CitusRig, cli
from tests.citus.test_move import _holder
from tests.fix_ui import UiLoop
from tests.until import until

pytestmark = [pytest.mark.citus, pytest.mark.ui]
Conn = psycopg.Connection[tuple[object, ...]]


def _tenant(coordinator: Conn, tenant: str, owner: str, *, login: bool) -> sql.Identifier:
    """A distributed schema with one table, ``orders``, owned by ``owner``."""
    ident = sql.Identifier
    can = sql.SQL("LOGIN" if login else "NOLOGIN")
    coordinator.execute(sql.SQL("CREATE ROLE {} {}").format(ident(owner), can))
    coordinator.execute("SET citus.enable_schema_based_sharding TO on")
    coordinator.execute(
        sql.SQL("CREATE SCHEMA {} AUTHORIZATION {}").format(ident(tenant), ident(owner))
    )
    coordinator.execute("RESET citus.enable_schema_based_sharding")
    orders = ident(tenant, "orders")
    coordinator.execute(sql.SQL("CREATE TABLE {} (id int)").format(orders))
    coordinator.execute(sql.SQL("ALTER TABLE {} OWNER TO {}").format(orders, ident(owner)))
    return orders


def test_a_tenant_moves_from_the_window_and_is_audited_as_the_cli_audits_it(
    main_window: MainWindow, ui_loop: UiLoop, citus: CitusRig, coordinator: Conn, prefix: str
) -> None:
    tenant, owner = prefix + "m v", prefix + "mv_owner"  # a name that needs quoting
    ident = sql.Identifier
    orders = _tenant(coordinator, tenant, owner, login=True)
    coordinator.execute(sql.SQL("INSERT INTO {} SELECT generate_series(1, 77)").format(orders))
    source = _holder(coordinator, tenant)
    target = next(w for w in citus.workers if w.port != source)
    to = f"127.0.0.1:{target.port}"

    moved = cli("move", tenant, "--to", to, "--dsn", citus.dsn(), "--yes")
    assert moved.returncode == 0, moved.stderr
    coordinator.execute(  # back where it was, by hand: the window moves it the same way
        "SELECT citus_schema_move(%s::regnamespace, '127.0.0.1', %s,"
        " shard_transfer_mode => 'block_writes')",
        [ident(tenant).as_string(coordinator), source],
    )
    assert _holder(coordinator, tenant) == source

    main_window.open_profile(ConnectionProfile(name="c", conninfo=citus.dsn()))
    ui_loop.run(main_window.wait_loaded())
    session = main_window.current
    assert session is not None
    view = session.schemas_view
    assert view.select_schema(tenant)
    assert view.move_action.isVisible()
    assert not view.distribute_action.isVisible()
    view.move_action.trigger()
    flow = main_window.move_flow
    ui_loop.run(until(lambda: flow.dialog is not None and flow.dialog.isVisible()))
    chooser = flow.dialog
    assert chooser is not None
    chooser.target.setCurrentText(to)
    checks = [chooser.checks.item(i).text() for i in range(chooser.checks.count())]
    assert any(line.startswith("[ok]") and "log in" in line for line in checks), checks
    assert chooser.review_button.isEnabled()
    chooser.review_button.click()
    ui_loop.run(
        until(lambda: main_window.flow.dialog is not None and main_window.flow.dialog.isVisible())
    )
    confirm = main_window.flow.dialog
    assert confirm is not None
    assert confirm.action.steps[0].sql.startswith("SELECT citus_schema_move(")  # what runs
    confirm.confirm_button.click()
    ui_loop.run(until(lambda: "now lives on" in main_window.progress.message.text()))
    assert _holder(coordinator, tenant) == target.port
    count = coordinator.execute(sql.SQL("SELECT count(*) FROM {}").format(orders)).fetchone()
    assert count == (77,)

    by_cli, by_window = list(AuditLog())
    assert by_cli.outcome is Outcome.SUCCEEDED
    assert by_cli.title == f"move schema {tenant} to {to}"
    assert same_parts(by_cli) == same_parts(by_window)
    assert by_cli.id != by_window.id


def test_the_target_dialog_blocks_a_move_whose_owner_cannot_log_in(
    main_window: MainWindow, ui_loop: UiLoop, citus: CitusRig, coordinator: Conn, prefix: str
) -> None:
    tenant, owner = prefix + "stuck", prefix + "stuck_owner"
    _tenant(coordinator, tenant, owner, login=False)
    source = _holder(coordinator, tenant)

    main_window.open_profile(ConnectionProfile(name="c", conninfo=citus.dsn()))
    ui_loop.run(main_window.wait_loaded())
    session = main_window.current
    assert session is not None
    assert session.schemas_view.select_schema(tenant)
    session.schemas_view.move_action.trigger()
    flow = main_window.move_flow
    ui_loop.run(until(lambda: flow.dialog is not None and flow.dialog.isVisible()))
    chooser = flow.dialog
    assert chooser is not None
    checks = "\n".join(chooser.checks.item(i).text() for i in range(chooser.checks.count()))
    assert "[NO]" in checks
    assert f'ALTER ROLE "{owner}" LOGIN' in checks  # the fix, as the CLI gives it
    assert not chooser.review_button.isEnabled()
    chooser.reject()
    ui_loop.run(until(lambda: flow.dialog is None))
    assert list(AuditLog()) == []  # nothing was confirmed, nothing ran
    assert _holder(coordinator, tenant) == source

    # On a read-only profile the move is refused before any dialog opens.
    main_window.open_profile(ConnectionProfile(name="ro", conninfo=citus.dsn(), read_only=True))
    ui_loop.run(main_window.wait_loaded())
    session = main_window.current
    assert session is not None
    assert session.schemas_view.select_schema(tenant)
    session.schemas_view.move_action.trigger()
    ui_loop.run(until(lambda: main_window.error_box is not None))
    assert main_window.error_box is not None
    assert "read-only" in main_window.error_box.text()
    assert flow.dialog is None
    assert _holder(coordinator, tenant) == source
