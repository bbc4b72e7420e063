"""``schemadesk move``: refused, with the reason and the fix, while the tables' owner cannot log
in (nothing moves); on a read-only profile; then, once the owner can log in, the tenant moves
with its rows and grants intact on the new node."""

from __future__ import annotations

import psycopg
import pytest
from psycopg import sql

from tests.citus.rig import CitusRig, cli

pytestmark = pytest.mark.citus
Conn = psycopg.Connection[tuple[object, ...]]


def _holder(coordinator: Conn, tenant: str) -> int:
    row = coordinator.execute(
        "SELECT DISTINCT nodeport FROM citus_shards WHERE table_name = %s::regclass",
        [sql.Identifier(tenant, "orders").as_string(coordinator)],
    ).fetchone()
    assert row is not None
    return int(row[0])  # type: ignore[call-overload]


def test_move_refuses_a_nologin_owner_then_moves_rows_and_grants(
    citus: CitusRig, coordinator: Conn, prefix: str
) -> None:
    tenant = prefix + 'sh"op'  # a name that needs quoting everywhere
    owner, rw = prefix + "owner", prefix + "rw"
    ident = sql.Identifier
    coordinator.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(ident(owner)))
    coordinator.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(ident(rw)))
    coordinator.execute("SET citus.enable_schema_based_sharding TO on")
    coordinator.execute(
        sql.SQL("CREATE SCHEMA {} AUTHORIZATION {}").format(ident(tenant), ident(owner))
    )
    coordinator.execute("RESET citus.enable_schema_based_sharding")
    coordinator.execute(sql.SQL("CREATE TABLE {} (id int)").format(ident(tenant, "orders")))
    coordinator.execute(
        sql.SQL("INSERT INTO {} SELECT generate_series(1, 321)").format(ident(tenant, "orders"))
    )
    coordinator.execute(
        sql.SQL("ALTER TABLE {} OWNER TO {}").format(ident(tenant, "orders"), ident(owner))
    )
    coordinator.execute(sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(ident(tenant), ident(rw)))
    coordinator.execute(
        sql.SQL("GRANT SELECT ON {} TO {}").format(ident(tenant, "orders"), ident(rw))
    )
    source = _holder(coordinator, tenant)
    target = next(w for w in citus.workers if w.port != source)
    to = f"127.0.0.1:{target.port}"

    refused = cli("move", tenant, "--to", to, "--dsn", citus.dsn(), "--yes")
    assert refused.returncode == 5, refused.stderr
    assert f"{owner} cannot log in" in refused.stderr
    assert f'fix: ALTER ROLE "{owner}" LOGIN' in refused.stderr
    assert "nothing was moved" in refused.stderr
    assert "[NO] the tables' owners can log in" in refused.stdout
    assert _holder(coordinator, tenant) == source

    coordinator.execute(sql.SQL("ALTER ROLE {} LOGIN").format(ident(owner)))
    read_only = cli("move", tenant, "--to", to, "--dsn", citus.dsn(), "--read-only", "--yes")
    assert read_only.returncode == 5
    assert "read-only" in read_only.stderr
    assert _holder(coordinator, tenant) == source

    moved = cli("move", tenant, "--to", to, "--dsn", citus.dsn(), "--yes")
    assert moved.returncode == 0, moved.stderr
    assert f"now lives on {to}" in moved.stdout
    assert "citus_schema_move('" in moved.stdout  # the exact statement was shown
    assert _holder(coordinator, tenant) == target.port
    count = coordinator.execute(sql.SQL("SELECT count(*) FROM {}").format(ident(tenant, "orders")))
    assert count.fetchone() == (321,)
    shard = coordinator.execute(
        "SELECT shard_name FROM citus_shards WHERE table_name = %s::regclass",
        [ident(tenant, "orders").as_string(coordinator)],
    ).fetchone()
    assert shard is not None
    with psycopg.connect(citus.dsn(target)) as conn:
        conn.execute("SET citus.override_table_visibility TO off")
        row = conn.execute(
            "SELECT has_table_privilege(%s, %s, 'SELECT'), has_schema_privilege(%s, %s, 'USAGE')",
            [rw, shard[0], rw, tenant],
        ).fetchone()
    assert row == (True, True)
    again = cli("move", tenant, "--to", to, "--dsn", citus.dsn(), "--yes")
    assert again.returncode == 0
    assert "nothing to do" in again.stdout


def test_move_says_plainly_what_cannot_be_moved(
    citus: CitusRig, coordinator: Conn, prefix: str, db_dsn: str
) -> None:
    plain_schema = prefix + "plain"
    coordinator.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(plain_schema)))
    cases = {
        ("public", "--to", "127.0.0.1:1", "--dsn", db_dsn): "not a Citus coordinator",
        (plain_schema, "--to", "127.0.0.1:1", "--dsn", citus.dsn()): "not a distributed schema",
        (
            plain_schema,
            "--to",
            "nowhere",
            "--dsn",
            citus.dsn(),
        ): "give the target node as HOST:PORT",
        ("no_such", "--to", "127.0.0.1:1", "--dsn", citus.dsn()): "does not exist",
    }
    for argv, reason in cases.items():
        result = cli("move", *argv, "--yes")
        assert result.returncode == 2, (argv, result.stderr)
        assert reason in result.stderr
        assert result.stderr.count("\n") == 1  # one line, no traceback
