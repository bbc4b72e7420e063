"""The rig itself: a coordinator with two active workers, tenants as distributed schemas."""

from __future__ import annotations

import psycopg
import pytest
from psycopg import sql

from tests.citus.rig import CitusRig

pytestmark = pytest.mark.citus
Conn = psycopg.Connection[tuple[object, ...]]


def test_a_tenant_schema_lives_whole_on_one_worker(
    citus: CitusRig, coordinator: Conn, prefix: str
) -> None:
    tenant = prefix + "t1"
    coordinator.execute("SET citus.enable_schema_based_sharding TO on")
    coordinator.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(tenant)))
    coordinator.execute(sql.SQL("CREATE TABLE {}.orders (id int)").format(sql.Identifier(tenant)))
    coordinator.execute(
        sql.SQL("INSERT INTO {}.orders SELECT generate_series(1, 10)").format(
            sql.Identifier(tenant)
        )
    )
    workers = coordinator.execute(
        "SELECT nodeport FROM pg_dist_node WHERE groupid <> 0 AND isactive ORDER BY nodeport"
    ).fetchall()
    assert sorted(p for (p,) in workers) == sorted(w.port for w in citus.workers)
    placed = coordinator.execute(
        "SELECT DISTINCT nodeport FROM citus_shards s JOIN pg_class c ON c.oid = s.table_name"
        " WHERE c.relnamespace = %s::regnamespace",
        [tenant],
    ).fetchall()
    assert len(placed) == 1
    holder = citus.worker_at(int(placed[0][0]))  # type: ignore[call-overload]
    with psycopg.connect(citus.dsn(holder)) as conn:
        conn.execute("SET citus.override_table_visibility TO off")  # shards are hidden otherwise
        shards = conn.execute(
            "SELECT count(*) FROM pg_class WHERE relnamespace = %s::regnamespace"
            " AND relname LIKE 'orders\\_%%'",
            [tenant],
        ).fetchone()
    assert shards == (1,)
    row = coordinator.execute(
        sql.SQL("SELECT count(*) FROM {}.orders").format(sql.Identifier(tenant))
    ).fetchone()
    assert row == (10,)
