"""Provisioning on a Citus coordinator makes a distributed schema (the preview shows how), and
an existing schema is distributed or undistributed as a confirmed change."""

from __future__ import annotations

import json
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from tests.citus.rig import CitusRig, cli

pytestmark = pytest.mark.citus
Conn = psycopg.Connection[tuple[object, ...]]


def _distributed(coordinator: Conn, schema: str) -> bool:
    row = coordinator.execute(
        "SELECT EXISTS (SELECT 1 FROM pg_dist_schema WHERE schemaid = %s::regnamespace)",
        [sql.Identifier(schema).as_string(coordinator)],
    ).fetchone()
    return bool(row and row[0])


def test_provision_on_a_coordinator_makes_a_tenant_whose_owner_can_run_migrations(
    citus: CitusRig, coordinator: Conn, prefix: str, tmp_path: Path
) -> None:
    tenant = prefix + "new"
    config = tmp_path / "schemadesk.toml"
    config.write_text(f'[conventions]\nmigrator_role = "{prefix}migrator"\n')
    preview = cli("provision", tenant, "--dsn", citus.dsn(), "--config", str(config), "--sql-only")
    assert preview.returncode == 0, preview.stderr
    lines = preview.stdout.splitlines()
    shard = lines.index("SET LOCAL citus.enable_schema_based_sharding TO on;")
    create = next(i for i, x in enumerate(lines) if x.startswith('CREATE SCHEMA "'))
    assert shard < create
    assert f'CREATE ROLE "{tenant}_owner" LOGIN;' in lines
    assert tenant not in _schemas(coordinator)  # --sql-only changed nothing

    done = cli("provision", tenant, "--dsn", citus.dsn(), "--config", str(config), "--yes")
    assert done.returncode == 0, done.stderr
    assert _distributed(coordinator, tenant)
    # A migration run as the owner reaches the node holding the tenant.
    coordinator.execute(sql.SQL("SET ROLE {}").format(sql.Identifier(tenant + "_owner")))
    try:
        coordinator.execute(sql.SQL("CREATE TABLE {} (id int)").format(sql.Identifier(tenant, "t")))
    finally:
        coordinator.execute("RESET ROLE")
    check = cli(
        "check", "--dsn", citus.dsn(), "--schema", tenant, "--config", str(config), "--json"
    )
    assert {f["code"] for f in json.loads(check.stdout)} == {"citus-default-privileges"}


def _schemas(coordinator: Conn) -> set[str]:
    return {str(r[0]) for r in coordinator.execute("SELECT nspname FROM pg_namespace")}


def test_an_existing_schema_is_distributed_and_undistributed_with_its_rows(
    citus: CitusRig, coordinator: Conn, prefix: str
) -> None:
    schema = prefix + "old"
    coordinator.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
    coordinator.execute(sql.SQL("CREATE TABLE {} (id int)").format(sql.Identifier(schema, "t")))
    coordinator.execute(
        sql.SQL("INSERT INTO {} SELECT generate_series(1, 77)").format(sql.Identifier(schema, "t"))
    )
    shown = cli("distribute", schema, "--dsn", citus.dsn(), "--sql-only")
    assert shown.stdout.startswith("SELECT citus_schema_distribute('")
    assert not _distributed(coordinator, schema)
    refused = cli("distribute", schema, "--dsn", citus.dsn(), "--read-only")
    assert refused.returncode == 5
    assert not _distributed(coordinator, schema)

    assert cli("distribute", schema, "--dsn", citus.dsn(), "--yes").returncode == 0
    assert _distributed(coordinator, schema)
    again = cli("distribute", schema, "--dsn", citus.dsn(), "--yes")
    assert "nothing to do" in again.stdout
    assert cli("undistribute", schema, "--dsn", citus.dsn(), "--yes").returncode == 0
    assert not _distributed(coordinator, schema)
    count = coordinator.execute(
        sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(schema, "t"))
    )
    assert count.fetchone() == (77,)
    citus_own = cli("distribute", "citus", "--dsn", citus.dsn(), "--yes")
    assert citus_own.returncode == 2
    assert "extension schema" in citus_own.stderr
