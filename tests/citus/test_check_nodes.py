"""The convention check on a Citus cluster: every node holding a tenant is checked through the
coordinator, the NOLOGIN owner is reported before a migration or a move fails on it, and the
fixes, run on the coordinator, clear what they report."""

from __future__ import annotations

import json

import psycopg
import pytest
from psycopg import sql

from schemadesk.core.access.conventions import Convention, provision_schema
from schemadesk.core.profiles import ConnectionProfile
from schemadesk.db.access import apply_change_set, load_catalog
from schemadesk.db.gateway import Gateway
from tests.citus.rig import CitusRig, cli

pytestmark = pytest.mark.citus
Conn = psycopg.Connection[tuple[object, ...]]


def _convention(prefix: str) -> Convention:
    return Convention(migrator_role=prefix + "migrator")


def _provisioned_tenant(citus: CitusRig, coordinator: Conn, prefix: str) -> str:
    """A distributed schema provisioned by the seed's convention, with a table."""
    tenant = prefix + "t1"
    coordinator.execute("SET citus.enable_schema_based_sharding TO on")
    coordinator.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(tenant)))
    coordinator.execute("RESET citus.enable_schema_based_sharding")
    coordinator.execute(sql.SQL("CREATE TABLE {} (id int)").format(sql.Identifier(tenant, "t")))
    with Gateway() as gateway:
        database = gateway.open(ConnectionProfile(name="c", conninfo=citus.dsn())).result()
        catalog = gateway.call(load_catalog(database))
        change = provision_schema(catalog, tenant, _convention(prefix))
        gateway.call(apply_change_set(database, change))
    return tenant


def _check(citus: CitusRig, prefix: str, tenant: str, *more: str) -> list[dict[str, object]]:
    config_args = ("--schema", tenant, "--json")
    result = cli("check", "--dsn", citus.dsn(), *config_args, *more)
    assert result.returncode == 0, result.stderr
    return list(json.loads(result.stdout))


@pytest.fixture
def config(tmp_path_factory: pytest.TempPathFactory, prefix: str) -> str:
    path = tmp_path_factory.mktemp("conf") / "schemadesk.toml"
    path.write_text(f'[conventions]\nmigrator_role = "{prefix}migrator"\n')
    return str(path)


def test_nologin_owner_and_a_grant_revoked_on_the_holding_worker_are_found_and_fixed(
    citus: CitusRig, coordinator: Conn, prefix: str, config: str
) -> None:
    tenant = _provisioned_tenant(citus, coordinator, prefix)
    rw, owner = tenant + "_rw", tenant + "_owner"
    # Provisioning on a cluster lets the owner log in; the seed's convention made it NOLOGIN.
    row = coordinator.execute("SELECT rolcanlogin FROM pg_roles WHERE rolname = %s", [owner])
    assert row.fetchone() == (True,)
    coordinator.execute(sql.SQL("ALTER ROLE {} NOLOGIN").format(sql.Identifier(owner)))
    found = _check(citus, prefix, tenant, "--config", config)
    codes = {f["code"] for f in found}
    assert "citus-owner-nologin" in codes  # the seed's NOLOGIN owner
    assert "citus-default-privileges" in codes  # said once, for the cluster
    assert [f["schema"] for f in found if f["code"] == "citus-default-privileges"] == [""]
    assert not any(str(f["code"]).startswith("node-") for f in found)  # the nodes agree

    # Drift: the _rw role's USAGE revoked by hand on the worker that holds the tenant.
    holder = coordinator.execute(
        "SELECT DISTINCT nodeport FROM citus_shards WHERE table_name = %s::regclass",
        [sql.Identifier(tenant, "t").as_string(coordinator)],
    ).fetchone()
    assert holder is not None
    worker = citus.worker_at(int(holder[0]))  # type: ignore[call-overload]
    with psycopg.connect(citus.dsn(worker), autocommit=True) as conn:
        conn.execute("SET citus.enable_ddl_propagation TO off")  # the node refuses it otherwise
        conn.execute(
            sql.SQL("REVOKE USAGE ON SCHEMA {} FROM {}").format(
                sql.Identifier(tenant), sql.Identifier(rw)
            )
        )
    found = _check(citus, prefix, tenant, "--config", config)
    drift = [f for f in found if f["code"] == "node-rw-usage"]
    assert len(drift) == 1
    assert f"on node 127.0.0.1:{worker.port}" in str(drift[0]["title"])
    assert 'GRANT USAGE ON SCHEMA "' in str(drift[0]["fix"])

    fixed = cli(
        "check", "--dsn", citus.dsn(), "--schema", tenant, "--config", config, "--fix", "--yes"
    )
    assert fixed.returncode == 0, fixed.stderr + fixed.stdout
    after = _check(citus, prefix, tenant, "--config", config)
    assert {f["code"] for f in after} == {"citus-default-privileges"}
    with psycopg.connect(citus.dsn(worker)) as conn:
        row = conn.execute("SELECT has_schema_privilege(%s, %s, 'USAGE')", [rw, tenant]).fetchone()
    assert row == (True,)
    # The owner can log in now, so Citus can run its DDL on the nodes as it.
    coordinator.execute(sql.SQL("SET ROLE {}").format(sql.Identifier(owner)))
    try:
        coordinator.execute(
            sql.SQL("CREATE TABLE {} (id int)").format(sql.Identifier(tenant, "more"))
        )
    finally:
        coordinator.execute("RESET ROLE")
