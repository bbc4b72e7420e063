"""The window on a Citus coordinator: what a worker lacks is among the tenant's findings in the
schema details, and the cluster-wide default-privileges note is said once, in the status bar."""

from __future__ import annotations

import psycopg
import pytest
from psycopg import sql

from schemadesk.core.profiles import ConnectionProfile
from schemadesk.ui.main_window import MainWindow
from tests.citus.rig import CitusRig
from tests.citus.test_check_nodes import _provisioned_tenant
from tests.fix_ui import UiLoop
from tests.until import until

pytestmark = [pytest.mark.citus, pytest.mark.ui]
Conn = psycopg.Connection[tuple[object, ...]]


def test_a_grant_revoked_on_the_holding_worker_shows_in_the_schema_details(
    main_window: MainWindow, ui_loop: UiLoop, citus: CitusRig, coordinator: Conn, prefix: str
) -> None:
    tenant = _provisioned_tenant(citus, coordinator, prefix)
    holder = coordinator.execute(
        "SELECT DISTINCT nodeport FROM citus_shards WHERE table_name = %s::regclass",
        [sql.Identifier(tenant, "t").as_string(coordinator)],
    ).fetchone()
    assert holder is not None
    worker = citus.worker_at(int(holder[0]))  # type: ignore[call-overload]
    with psycopg.connect(citus.dsn(worker), autocommit=True) as conn:
        conn.execute("SET citus.enable_ddl_propagation TO off")
        conn.execute(
            sql.SQL("REVOKE USAGE ON SCHEMA {} FROM {}").format(
                sql.Identifier(tenant), sql.Identifier(tenant + "_rw")
            )
        )
    main_window.open_profile(ConnectionProfile(name="c", conninfo=citus.dsn(), read_only=True))
    ui_loop.run(main_window.wait_loaded())
    session = main_window.current
    assert session is not None
    ui_loop.run(until(lambda: any(session.findings.get(tenant, []))))
    codes = [f.code for f in session.findings[tenant]]
    assert "node-rw-usage" in codes
    assert "citus-default-privileges" not in codes  # not per schema: once, for the cluster
    assert main_window.schemas_view.select_schema(tenant)
    details = session.schema_details
    shown = [details.findings.item(r, 1).text() for r in range(details.findings.rowCount())]
    assert any(str(worker.port) in text for text in shown), shown  # the node, named
    ui_loop.run(until(lambda: "Citus" in main_window.status.server_label.text()))
    tip = main_window.status.server_label.toolTip()
    assert "coordinator" in tip  # the default-privileges note, said once for the cluster
    assert tip.count("coordinator only") <= 1
