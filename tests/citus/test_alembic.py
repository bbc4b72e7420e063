"""An Alembic upgrade applied through schemadesk on the coordinator reaches the node that holds
the tenant: its tables get their shard there, its version row is on the coordinator."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

import psycopg
import pytest
from psycopg import sql

from tests.alembic_engine.conftest import DATA
from tests.citus.rig import CitusRig

pytestmark = pytest.mark.citus
pytest.importorskip("alembic")
Conn = psycopg.Connection[tuple[object, ...]]


@pytest.fixture
def catalog_tenant(coordinator: Conn) -> Iterator[str]:
    """The test project's ``catalog`` schema, created as a distributed schema (a tenant)."""
    coordinator.execute("SET citus.enable_schema_based_sharding TO on")
    coordinator.execute("CREATE SCHEMA catalog")
    coordinator.execute("RESET citus.enable_schema_based_sharding")
    yield "catalog"
    coordinator.execute("DROP SCHEMA catalog CASCADE")


def test_an_alembic_upgrade_on_the_coordinator_reaches_the_tenants_node(
    citus: CitusRig, coordinator: Conn, catalog_tenant: str
) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "schemadesk",
            "apply",
            "--dsn",
            citus.dsn(),
            "--project",
            str(DATA),
            "--only",
            catalog_tenant,
            "--yes",
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    version = coordinator.execute(
        sql.SQL("SELECT version_num FROM {}").format(
            sql.Identifier(catalog_tenant, "alembic_version_catalog")
        )
    ).fetchall()
    assert version == [("c20000000003",)]
    items = sql.Identifier(catalog_tenant, "items").as_string(coordinator)
    row = coordinator.execute(
        "SELECT nodeport, shardid, citus_table_type FROM citus_shards"
        " WHERE table_name = %s::regclass",
        [items],
    ).fetchall()
    assert len(row) == 1, row  # one shard: the tenant's table, schema-sharded
    port, shard, kind = row[0]
    assert kind == "schema"
    holder = next(w for w in citus.workers if w.port == port)
    with psycopg.connect(citus.dsn(holder)) as conn:
        conn.execute("SET citus.override_table_visibility TO off")
        columns = conn.execute(
            "SELECT attname FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0"
            " AND NOT attisdropped ORDER BY attnum",
            [sql.Identifier(catalog_tenant, f"items_{shard}").as_string(conn)],
        ).fetchall()
    # c20000000003 added the price column: the last revision reached the shard too.
    assert [c[0] for c in columns] == ["sku", "name", "price"]
