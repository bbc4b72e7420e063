"""pgdbm migrations applied on the coordinator reach the node that holds the tenant; a rehearsal
rolls back on every node; a migration that fails on the worker leaves nothing behind."""

from __future__ import annotations

import subprocess
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from tests.citus.rig import CitusRig, cli

pytestmark = pytest.mark.citus
# The runner sends statement by statement on a Citus coordinator: Citus forwards a statement to
# the worker in a prepared statement, which refuses several commands ("cannot insert multiple
# commands into a prepared statement"), so one multi-statement query cannot work there.
Conn = psycopg.Connection[tuple[object, ...]]


def _tenant(coordinator: Conn, name: str) -> None:
    coordinator.execute("SET citus.enable_schema_based_sharding TO on")
    coordinator.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(name)))
    coordinator.execute("RESET citus.enable_schema_based_sharding")


def _migrations(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text)
    return folder


def _on_nodes(citus: CitusRig, query: str, *params: object) -> dict[int, object]:
    """``query``'s one value on each worker, shards visible."""
    out: dict[int, object] = {}
    for worker in citus.workers:
        with psycopg.connect(citus.dsn(worker)) as conn:
            conn.execute("SET citus.override_table_visibility TO off")
            row = conn.execute(query, list(params)).fetchone()
            out[worker.port] = None if row is None else row[0]
    return out


def _apply(
    citus: CitusRig, folder: Path, schema: str, *more: str
) -> subprocess.CompletedProcess[str]:
    return cli(
        "apply",
        "--dsn",
        citus.dsn(),
        "--migrations",
        str(folder),
        "--schema",
        schema,
        "--yes",
        *more,
    )


def test_applied_migrations_reach_the_node_holding_the_tenant_and_rehearsal_leaves_none(
    citus: CitusRig, coordinator: Conn, prefix: str, tmp_path: Path
) -> None:
    tenant = prefix + "mig"
    _tenant(coordinator, tenant)
    folder = _migrations(
        tmp_path / "m",
        {"001_orders.sql": "CREATE TABLE {{tables.orders}} (id int PRIMARY KEY);\n"},
    )
    rehearsed = _apply(citus, folder, tenant, "--rehearse")
    assert rehearsed.returncode == 0, rehearsed.stderr
    # Not sequences: Citus creates a SERIAL's sequence on the workers on a connection of its own,
    # committed at once, whatever the coordinator's transaction does (a plain BEGIN; CREATE
    # TABLE ... serial; ROLLBACK leaves it there too). A later apply takes it as it is.
    shards = (
        "SELECT count(*) FROM pg_class WHERE relnamespace = %s::regnamespace AND relkind <> 'S'"
    )
    quoted = sql.Identifier(tenant).as_string(coordinator)
    assert set(_on_nodes(citus, shards, quoted).values()) == {0}  # rolled back on every node
    row = coordinator.execute(shards, [quoted]).fetchone()
    assert row == (0,)

    applied = _apply(citus, folder, tenant)
    assert applied.returncode == 0, applied.stderr
    holder = coordinator.execute(
        "SELECT DISTINCT nodeport FROM citus_shards WHERE table_name = %s::regclass",
        [sql.Identifier(tenant, "orders").as_string(coordinator)],
    ).fetchall()
    assert len(holder) == 1
    port = int(holder[0][0])  # type: ignore[call-overload]
    # The shard (orders_<shard id>) is a table on the node holding the tenant, and only there.
    shard = (
        "SELECT count(*) FROM pg_class WHERE relnamespace = %s::regnamespace"
        " AND relkind = 'r' AND relname ~ '^orders_[0-9]+$'"
    )
    counts = _on_nodes(citus, shard, quoted)
    assert counts[port] == 1
    assert sum(int(n) for n in counts.values()) == 1  # type: ignore[call-overload]
    ledger = coordinator.execute(
        sql.SQL("SELECT filename FROM {}").format(sql.Identifier(tenant, "schema_migrations"))
    ).fetchall()
    assert ledger == [("001_orders.sql",)]


def test_a_migration_failing_on_the_worker_changes_nothing_anywhere(
    citus: CitusRig, coordinator: Conn, prefix: str, tmp_path: Path
) -> None:
    tenant = prefix + "bad"
    _tenant(coordinator, tenant)
    ok = _migrations(tmp_path / "m", {"001_a.sql": "CREATE TABLE {{tables.a}} (id int);\n"})
    assert _apply(citus, ok, tenant).returncode == 0
    # By hand, on the node holding the tenant, a row in a's shard that the coordinator never
    # saw: the next migration's CHECK constraint is validated there, and fails there only.
    port, shard = coordinator.execute(
        "SELECT nodeport, shardid FROM citus_shards WHERE table_name = %s::regclass",
        [sql.Identifier(tenant, "a").as_string(coordinator)],
    ).fetchone() or (None, None)
    holder = next(w for w in citus.workers if w.port == port)
    with psycopg.connect(citus.dsn(holder), autocommit=True) as conn:
        conn.execute(
            sql.SQL("INSERT INTO {} VALUES (-1)").format(sql.Identifier(tenant, f"a_{shard}"))
        )
    _migrations(
        tmp_path / "m",
        {
            "002_b.sql": "CREATE TABLE {{tables.b}} (id int);\n"
            "ALTER TABLE {{tables.a}} ADD CONSTRAINT positive CHECK (id > 0);\n",
        },
    )
    failed = _apply(citus, ok, tenant)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "002_b.sql" in failed.stderr
    assert "positive" in failed.stderr  # the worker's error, as one line naming the file
    assert "Traceback" not in failed.stderr
    quoted = sql.Identifier(tenant).as_string(coordinator)
    row = coordinator.execute(
        "SELECT count(*) FROM pg_class WHERE relnamespace = %s::regnamespace AND relname = 'b'",
        [quoted],
    ).fetchone()
    assert row == (0,)
    ledger = coordinator.execute(
        sql.SQL("SELECT filename FROM {}").format(sql.Identifier(tenant, "schema_migrations"))
    ).fetchall()
    assert ledger == [("001_a.sql",)]
    b_anywhere = (
        "SELECT count(*) FROM pg_class WHERE relnamespace = %s::regnamespace AND relname LIKE 'b%%'"
    )
    assert set(_on_nodes(citus, b_anywhere, quoted).values()) == {0}


def test_a_file_split_on_the_coordinator_keeps_semicolons_in_bodies_and_names_the_failing_line(
    citus: CitusRig, coordinator: Conn, prefix: str, tmp_path: Path
) -> None:
    tenant = prefix + "split"
    _tenant(coordinator, tenant)
    folder = _migrations(
        tmp_path / "m",
        {
            "001_x.sql": "CREATE TABLE {{tables.x}} (note text DEFAULT 'a;b');\n"
            "DO $$ BEGIN PERFORM 1; END $$;\n"
            "SELECT 1;  SELECT no_such_column FROM {{tables.x}};\n",
        },
    )
    failed = _apply(citus, folder, tenant)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    # The third line, at the failing statement's column: not the first statement sent.
    assert "001_x.sql:3:19" in failed.stderr, failed.stderr
    assert "Traceback" not in failed.stderr
    rehearsed = _apply(citus, folder, tenant, "--rehearse")
    assert rehearsed.returncode == 1
    assert "001_x.sql:3:19" in rehearsed.stderr, rehearsed.stderr
    row = coordinator.execute(
        "SELECT count(*) FROM pg_class WHERE relnamespace = %s::regnamespace AND relname = 'x'",
        [sql.Identifier(tenant).as_string(coordinator)],
    ).fetchone()
    assert row == (0,)
