"""The demo seed against a real server, on every available major.

Most checks read one seeded database per server (module scope); the tests that change things
get their own. Roles are cluster-wide and shared by every seeded database: the seed reuses them.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from psycopg import sql

from schemadesk.core.migrations.files import discover
from schemadesk.demo import DemoSeedError, SeedSummary, content, seed_demo
from tests.demo.test_content import pgdbm_checksum
from tests.fix_db import TestServer

pytestmark = pytest.mark.db

SCHEMAS = ("users", "orders", "auth", "inventory")


def run_seed(conninfo: str, **kwargs: Any) -> SeedSummary:
    async def go() -> SeedSummary:
        async with await psycopg.AsyncConnection.connect(conninfo, autocommit=True) as conn:
            return await seed_demo(conn, **kwargs)

    return asyncio.run(go())


@pytest.fixture(scope="module")
def seeded(pg_server: TestServer) -> Iterator[tuple[str, SeedSummary]]:
    """One seeded database per server, read (never changed) by the tests below."""
    name = pg_server.create_database()
    try:
        dsn = pg_server.conninfo(name)
        yield dsn, run_seed(dsn)
    finally:
        pg_server.drop_database(name)


def rows(dsn: str, query: Any, params: Any = None) -> list[tuple[Any, ...]]:
    with psycopg.connect(dsn) as conn:
        return conn.execute(query, params).fetchall()


def test_summary_counts(seeded: tuple[str, SeedSummary]) -> None:
    _, summary = seeded
    assert summary.schemas == SCHEMAS
    assert summary.counts() == {
        "users": {"applied": 4, "pending": 2, "drifted": 0, "missing": 1},
        "orders": {"applied": 3, "pending": 2, "drifted": 1, "missing": 0},
        "auth": {"applied": 2, "pending": 2, "drifted": 0, "missing": 0},
        "inventory": {"applied": 2, "pending": 2, "drifted": 0, "missing": 0},
    }
    assert summary.module("users").pending == (
        "006_users_email_lower_idx.sql",
        "007_add_last_login.sql",
    )
    assert summary.module("auth").heads == ("2a9e4b7c1d03",)
    assert summary.module("inventory").heads == ("6c2e4a6b8d01",)
    assert set(summary.roles) == {
        "migrator",
        *(f"{s}_{kind}" for s in SCHEMAS for kind in ("owner", "rw")),
    }
    assert summary.as_dict()["broken_grant"] == {
        "role": "orders_rw",
        "privilege": "TRUNCATE",
        "table": "orders.orders",
    }


def test_schemas_are_owned_by_their_owner_and_commented(seeded: tuple[str, SeedSummary]) -> None:
    dsn, _ = seeded
    found = rows(
        dsn,
        "SELECT n.nspname, pg_get_userbyid(n.nspowner), obj_description(n.oid, 'pg_namespace')"
        " FROM pg_namespace n WHERE n.nspname = ANY(%s) ORDER BY 1",
        [list(SCHEMAS)],
    )
    assert [(s, o) for s, o, _ in found] == sorted((s, f"{s}_owner") for s in SCHEMAS)
    assert all(comment for _, _, comment in found)


def test_every_object_in_the_demo_schemas_belongs_to_the_schema_owner(
    seeded: tuple[str, SeedSummary],
) -> None:
    dsn, _ = seeded
    strays = rows(
        dsn,
        """
        SELECT n.nspname, c.relname, pg_get_userbyid(c.relowner)
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = ANY(%(s)s) AND pg_get_userbyid(c.relowner) <> n.nspname || '_owner'
        UNION ALL
        SELECT n.nspname, p.proname, pg_get_userbyid(p.proowner)
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = ANY(%(s)s) AND pg_get_userbyid(p.proowner) <> n.nspname || '_owner'
        UNION ALL
        SELECT n.nspname, t.typname, pg_get_userbyid(t.typowner)
        FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE n.nspname = ANY(%(s)s) AND pg_get_userbyid(t.typowner) <> n.nspname || '_owner'
        """,
        {"s": list(SCHEMAS)},
    )
    assert strays == []
    tables = rows(
        dsn,
        "SELECT count(*) FROM pg_tables WHERE schemaname = ANY(%s)",
        [list(SCHEMAS)],
    )
    assert tables[0][0] >= 10


def test_roles_follow_the_seeds_model(seeded: tuple[str, SeedSummary]) -> None:
    dsn, _ = seeded
    for schema in SCHEMAS:
        owner, rw = f"{schema}_owner", f"{schema}_rw"
        ((can_login_owner, can_login_rw, member, rw_member),) = rows(
            dsn,
            "SELECT (SELECT rolcanlogin FROM pg_roles WHERE rolname = %(o)s),"
            " (SELECT rolcanlogin FROM pg_roles WHERE rolname = %(r)s),"
            " pg_has_role('migrator', %(o)s, 'MEMBER'),"
            " pg_has_role(%(r)s, %(o)s, 'MEMBER')",
            {"o": owner, "r": rw},
        )
        assert (can_login_owner, can_login_rw, member, rw_member) == (False, True, True, False)
        # the owner can create its schema (the first Alembic revision does), rw cannot
        ((owner_create, rw_create, rw_usage),) = rows(
            dsn,
            "SELECT has_database_privilege(%(o)s, current_database(), 'CREATE'),"
            " has_database_privilege(%(r)s, current_database(), 'CREATE'),"
            " has_schema_privilege(%(r)s, %(s)s, 'USAGE')",
            {"o": owner, "r": rw, "s": schema},
        )
        assert (owner_create, rw_create, rw_usage) == (True, False, True)


def test_rw_roles_carry_the_session_timeouts_in_the_demo_database(
    seeded: tuple[str, SeedSummary],
) -> None:
    dsn, _ = seeded
    found = rows(
        dsn,
        "SELECT r.rolname, s.setconfig FROM pg_db_role_setting s"
        " JOIN pg_roles r ON r.oid = s.setrole"
        " JOIN pg_database d ON d.oid = s.setdatabase AND d.datname = current_database()"
        " ORDER BY 1",
    )
    assert {name: sorted(config) for name, config in found} == {
        f"{s}_rw": ["idle_in_transaction_session_timeout=10s", "statement_timeout=5s"]
        for s in SCHEMAS
    }


def test_rw_has_exactly_dml_on_every_table_but_one_broken_grant(
    seeded: tuple[str, SeedSummary],
) -> None:
    dsn, summary = seeded
    tables = rows(
        dsn,
        "SELECT schemaname, tablename FROM pg_tables WHERE schemaname = ANY(%s)",
        [list(SCHEMAS)],
    )
    extra: set[tuple[str, str, str]] = set()
    for schema, table in tables:
        qualified = f'"{schema}"."{table}"'
        rw = f"{schema}_rw"
        ((dml, *others),) = rows(
            dsn,
            "SELECT has_table_privilege(%(r)s, %(t)s, 'SELECT,INSERT,UPDATE,DELETE')"
            " AND has_table_privilege(%(r)s, %(t)s, 'SELECT')"
            " AND has_table_privilege(%(r)s, %(t)s, 'INSERT')"
            " AND has_table_privilege(%(r)s, %(t)s, 'UPDATE')"
            " AND has_table_privilege(%(r)s, %(t)s, 'DELETE'),"
            " has_table_privilege(%(r)s, %(t)s, 'TRUNCATE'),"
            " has_table_privilege(%(r)s, %(t)s, 'REFERENCES'),"
            " has_table_privilege(%(r)s, %(t)s, 'TRIGGER')",
            {"r": rw, "t": qualified},
        )
        assert dml, f"{rw} lacks DML on {schema}.{table}"
        for privilege, held in zip(("TRUNCATE", "REFERENCES", "TRIGGER"), others, strict=True):
            if held:
                extra.add((rw, f"{schema}.{table}", privilege))
    broken = summary.broken_grant
    assert extra == {(broken.role, f"{broken.schema}.{broken.table}", broken.privilege)}

    sequences = rows(
        dsn,
        "SELECT schemaname, sequencename,"
        " has_sequence_privilege(schemaname || '_rw', format('%%I.%%I', schemaname, sequencename),"
        "   'USAGE'),"
        " has_sequence_privilege(schemaname || '_rw', format('%%I.%%I', schemaname, sequencename),"
        "   'SELECT')"
        " FROM pg_sequences WHERE schemaname = ANY(%s)",
        [list(SCHEMAS)],
    )
    assert len(sequences) >= 4  # serial ledgers, bigserials, identity columns
    assert all(usage and select for _, _, usage, select in sequences), sequences


def test_default_privileges_cover_future_tables(seeded: tuple[str, SeedSummary]) -> None:
    dsn, _ = seeded
    found = rows(
        dsn,
        "SELECT pg_get_userbyid(d.defaclrole), n.nspname, d.defaclobjtype,"
        " array_to_string(d.defaclacl, ',')"
        " FROM pg_default_acl d JOIN pg_namespace n ON n.oid = d.defaclnamespace"
        " WHERE n.nspname = ANY(%s)",
        [list(SCHEMAS)],
    )
    got = {(role, schema, kind): acl for role, schema, kind, acl in found}
    for schema in SCHEMAS:
        assert f"{schema}_rw=arwd/" in got[(f"{schema}_owner", schema, "r")]
        assert f"{schema}_rw=rU/" in got[(f"{schema}_owner", schema, "S")]


def test_pgdbm_ledgers_hold_applied_drifted_and_missing_rows(
    seeded: tuple[str, SeedSummary],
) -> None:
    dsn, _ = seeded
    for plan in content.PGDBM_MODULES:
        ledger = rows(
            dsn,
            sql.SQL(
                "SELECT filename, checksum, module_name, applied_by, execution_time_ms"
                " FROM {} ORDER BY id"
            ).format(sql.Identifier(plan.schema, "schema_migrations")),
        )
        on_disk = {
            f.filename: pgdbm_checksum(f.path.read_text(encoding="utf-8"))
            for f in discover(content.demo_dir() / plan.folder)
        }
        names = [r[0] for r in ledger]
        assert names == sorted(plan.applied + plan.drifted + plan.missing)
        assert {r[2] for r in ledger} == {plan.name}
        assert {r[3] for r in ledger} == {f"{plan.schema}_owner"}
        assert all(r[4] is not None and r[4] >= 0 for r in ledger)
        drifted = [
            name for name, checksum, *_ in ledger if name in on_disk and on_disk[name] != checksum
        ]
        missing = [name for name, *_ in ledger if name not in on_disk]
        assert drifted == list(plan.drifted)
        assert missing == list(plan.missing)
    assert [len(p.drifted) for p in content.PGDBM_MODULES] == [0, 1]
    assert [len(p.missing) for p in content.PGDBM_MODULES] == [1, 0]


def test_pgdbm_ledgers_have_pgdbms_shape(seeded: tuple[str, SeedSummary]) -> None:
    dsn, _ = seeded
    columns = rows(
        dsn,
        "SELECT table_schema, column_name, data_type, character_maximum_length, is_nullable"
        " FROM information_schema.columns WHERE table_name = 'schema_migrations'"
        " ORDER BY table_schema, ordinal_position",
    )
    expected = [
        ("id", "integer", None, "NO"),
        ("filename", "character varying", 255, "NO"),
        ("checksum", "character varying", 64, "NO"),
        ("module_name", "character varying", 100, "YES"),
        ("applied_at", "timestamp without time zone", None, "NO"),
        ("applied_by", "character varying", 100, "YES"),
        ("execution_time_ms", "integer", None, "YES"),
    ]
    for schema in ("orders", "users"):
        assert [c[1:] for c in columns if c[0] == schema] == expected
    indexes = rows(
        dsn,
        "SELECT schemaname FROM pg_indexes WHERE indexname = 'idx_schema_migrations_module'",
    )
    assert sorted(i[0] for i in indexes) == ["orders", "users"]


def test_effects_of_applied_files_are_there_and_pending_ones_are_not(
    seeded: tuple[str, SeedSummary],
) -> None:
    dsn, _ = seeded
    tables = {
        f"{s}.{t}"
        for s, t in rows(
            dsn,
            "SELECT schemaname, tablename FROM pg_tables WHERE schemaname = ANY(%s)",
            [list(SCHEMAS)],
        )
    }
    assert {"users.users", "users.profiles", "users.sessions", "orders.orders"} <= tables
    assert {"auth.accounts", "inventory.products"} <= tables
    assert not {"orders.order_status_history", "auth.api_tokens", "inventory.stock_levels"} & tables
    # the drifted function still has its old body: no rounding
    ((body,),) = rows(dsn, "SELECT prosrc FROM pg_proc WHERE proname = 'order_total'")
    assert "ROUND" not in body
    counts = rows(
        dsn,
        "SELECT (SELECT count(*) FROM users.users), (SELECT count(*) FROM orders.orders),"
        " (SELECT count(*) FROM inventory.products), (SELECT count(*) FROM auth.accounts)",
    )
    assert counts == [(4, 3, 4, 3)]


def test_alembic_version_tables_have_alembics_shape_and_the_seeded_heads(
    seeded: tuple[str, SeedSummary],
) -> None:
    dsn, _ = seeded
    for plan in content.ALEMBIC_MODULES:
        heads = rows(
            dsn,
            sql.SQL("SELECT version_num FROM {}").format(
                sql.Identifier(plan.schema, plan.version_table)
            ),
        )
        assert heads == [(plan.seeded_head,)]
        shape = rows(
            dsn,
            "SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, con.conname"
            " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
            " JOIN pg_namespace n ON n.oid = c.relnamespace"
            " JOIN pg_constraint con ON con.conrelid = c.oid AND con.contype = 'p'"
            " WHERE n.nspname = %s AND c.relname = %s AND a.attnum > 0 AND NOT a.attisdropped",
            [plan.schema, plan.version_table],
        )
        assert shape == [
            ("version_num", "character varying(32)", True, f"{plan.version_table}_pkc")
        ]


def test_a_database_with_the_demo_schemas_is_refused(db_dsn: str) -> None:
    with psycopg.connect(db_dsn, autocommit=True) as conn:
        conn.execute("CREATE SCHEMA orders")
    with pytest.raises(DemoSeedError, match="already has schema"):
        run_seed(db_dsn)


def test_the_seed_refuses_a_connection_in_a_transaction(db_dsn: str) -> None:
    async def go() -> None:
        async with await psycopg.AsyncConnection.connect(db_dsn) as conn:
            await seed_demo(conn)

    with pytest.raises(DemoSeedError, match="autocommit"):
        asyncio.run(go())


def test_the_engines_status_agrees_with_the_summary(seeded: tuple[str, SeedSummary]) -> None:
    from schemadesk.core.migrations.models import MigrationState
    from schemadesk.core.migrations.project import load_project
    from schemadesk.core.migrations.status import compute_status
    from schemadesk.db.migrations.ledger import read_ledger

    dsn, summary = seeded
    project = load_project(content.project_file())

    async def ledgers() -> dict[str, Any]:
        async with await psycopg.AsyncConnection.connect(dsn, autocommit=True) as conn:
            return {m.name: await read_ledger(conn, m) for m in project.modules}

    found = asyncio.run(ledgers())
    for module in project.modules:
        status = compute_status(module, discover(module.path), found[module.name])
        by_state: dict[MigrationState, list[str]] = {}
        for row in status.rows:
            by_state.setdefault(row.state, []).append(row.filename)
        state = summary.module(module.name)
        assert tuple(by_state.get(MigrationState.APPLIED, [])) == state.applied
        assert tuple(by_state.get(MigrationState.DRIFTED, [])) == state.drifted
        assert tuple(by_state.get(MigrationState.MISSING, [])) == state.missing
        waiting = by_state.get(MigrationState.PENDING, []) + by_state.get(
            MigrationState.BLOCKED, []
        )
        assert tuple(sorted(waiting)) == state.pending
    orders = compute_status(project.modules[1], discover(project.modules[1].path), found["orders"])
    assert [r.state for r in orders.rows].count(MigrationState.BLOCKED) == 2


def test_the_convention_check_finds_exactly_the_broken_grant(
    seeded: tuple[str, SeedSummary],
) -> None:
    dsn, summary = seeded
    done = subprocess.run(
        [sys.executable, "-m", "schemadesk", "check", "--dsn", dsn, "--json"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    findings = json.loads(done.stdout)
    broken = summary.broken_grant
    assert [(f["schema"], f["code"], f["objects"]) for f in findings] == [
        (broken.schema, "rw-tables-extra", [f"{broken.table}: {broken.privilege}"])
    ]
