"""The seeded state as Alembic and pgdbm themselves see it, and the two seeding paths agree."""

from __future__ import annotations

import argparse
import asyncio
import io
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from psycopg import conninfo as pg_conninfo
from psycopg import sql

from schemadesk.demo import alembic_state, content
from tests.demo.test_seed import rows, run_seed
from tests.fix_db import TestServer

pytestmark = pytest.mark.db

alembic = pytest.importorskip("alembic")
sqlalchemy = pytest.importorskip("sqlalchemy")

from alembic import command  # noqa: E402
from alembic.config import Config  # noqa: E402
from alembic.runtime.migration import MigrationContext  # noqa: E402
from alembic.script import ScriptDirectory  # noqa: E402
from alembic.util import CommandError  # noqa: E402


def sqlalchemy_url(dsn: str) -> str:
    params = pg_conninfo.conninfo_to_dict(dsn)
    return (
        f"postgresql+psycopg://{params.get('user', 'postgres')}@/{params['dbname']}"
        f"?host={quote(str(params['host']))}&port={params['port']}"
    )


def script_directory() -> ScriptDirectory:
    return ScriptDirectory.from_config(Config(str(content.alembic_ini())))


def test_repository_branches_are_what_the_seed_plans() -> None:
    script = script_directory()
    for plan in content.ALEMBIC_MODULES:
        head = script.get_revision(f"{plan.branch}@head")
        assert head is not None
        chain = []
        revision = head
        while revision is not None:  # the branch's own line: down revisions only
            chain.append(revision.revision)
            down = revision.down_revision
            assert not isinstance(down, tuple | list)
            revision = script.get_revision(down) if down else None
        assert tuple(reversed(chain)) == plan.revisions
        base = script.get_revision(plan.revisions[0])
        assert base is not None
        assert plan.branch in base.branch_labels
    assert sorted(script.get_heads()) == sorted(p.revisions[-1] for p in content.ALEMBIC_MODULES)


def test_the_one_cross_branch_dependency_pulls_auths_base_into_inventory() -> None:
    script = script_directory()
    auth, inventory = content.ALEMBIC_MODULES
    products = script.get_revision("6c2e4a6b8d01")
    assert products is not None
    depends = products.dependencies
    dependencies = (depends,) if isinstance(depends, str) else tuple(depends or ())
    assert dependencies == (auth.revisions[0],)
    upgrade_all = {r.revision for r in script.iterate_revisions("inventory@head", "base")}
    assert upgrade_all == {*inventory.revisions, auth.revisions[0]}


def test_alembic_reads_the_seeded_heads_and_pending_revisions(db_dsn: str) -> None:
    summary = run_seed(db_dsn)
    assert summary.alembic_ran
    script = script_directory()
    engine = sqlalchemy.create_engine(sqlalchemy_url(db_dsn), poolclass=sqlalchemy.pool.NullPool)
    try:
        with engine.connect() as connection:
            for plan in content.ALEMBIC_MODULES:
                context = MigrationContext.configure(
                    connection,
                    opts={"version_table": plan.version_table, "version_table_schema": plan.schema},
                )
                heads = context.get_current_heads()
                assert heads == summary.module(plan.name).heads == (plan.seeded_head,)
                pending = [
                    rev.revision
                    for rev in script.iterate_revisions(
                        f"{plan.branch}@head", heads, inclusive=False, implicit_base=True
                    )
                ]
                assert tuple(reversed(pending)) == summary.module(plan.name).pending
    finally:
        engine.dispose()


def _alembic_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "alembic", "-c", str(content.alembic_ini()), *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_alembic_command_line_upgrades_a_seeded_schema_as_its_owner(primary_dsn: str) -> None:
    # One major is enough: the seed already runs Alembic's upgrade on every major.
    db_dsn = primary_dsn
    run_seed(db_dsn)
    url = f"url={sqlalchemy_url(db_dsn)}"
    done = _alembic_cli(
        "-x", url, "-x", "schema=auth", "-x", "role=auth_owner", "upgrade", "auth@head"
    )
    assert done.returncode == 0, done.stderr
    current = _alembic_cli("-x", url, "-x", "schema=auth", "current")
    assert current.returncode == 0, current.stderr
    assert current.stdout.split()[0] == content.ALEMBIC_MODULES[0].revisions[-1]
    ((owner, insert, truncate),) = rows(
        db_dsn,
        "SELECT pg_get_userbyid(relowner), has_table_privilege('auth_rw', oid, 'INSERT'),"
        " has_table_privilege('auth_rw', oid, 'TRUNCATE')"
        " FROM pg_class WHERE oid = 'auth.api_tokens'::regclass",
    )
    assert (owner, insert, truncate) == ("auth_owner", True, False)
    # the other schema is untouched
    assert rows(db_dsn, "SELECT version_num FROM inventory.alembic_version_inventory") == [
        ("6c2e4a6b8d01",)
    ]


def test_alembic_command_line_refuses_to_guess_the_schema() -> None:
    done = _alembic_cli("upgrade", "auth@head", "--sql")
    assert done.returncode != 0
    assert "-x schema=" in done.stderr


def _offline(schema: str, destination: str) -> str:
    """``alembic -x schema=... upgrade <destination> --sql`` in-process; the SQL it prints."""
    buffer = io.StringIO()
    cfg = Config(
        str(content.alembic_ini()),
        output_buffer=buffer,
        cmd_opts=argparse.Namespace(x=[f"schema={schema}"]),
    )
    cfg.attributes["configure_logger"] = False
    command.upgrade(cfg, destination, sql=True)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("schema", "destination"),
    [("auth", "inventory@head"), ("inventory", "auth@head"), ("auth", "heads")],
)
def test_env_refuses_a_destination_off_the_schemas_branch(schema: str, destination: str) -> None:
    with pytest.raises(CommandError, match=f"is not on branch '{schema}'"):
        _offline(schema, destination)


def test_offline_preview_of_the_pending_revisions() -> None:
    preview = _offline("inventory", "6c2e4a6b8d01:inventory@head")
    assert "CREATE TABLE inventory.stock_levels" in preview
    assert "ALTER TABLE inventory.stock_levels ADD COLUMN reorder_level" in preview
    assert "SET version_num='8e4a6c8d0f23'" in preview
    # from base, inventory's line also runs auth's first revision (the planted depends_on)
    assert "CREATE SCHEMA IF NOT EXISTS auth" in _offline("inventory", "inventory@head")


def _catalog(dsn: str) -> list[tuple[Any, ...]]:
    """Tables, columns, constraints, owners, ACLs and data of the Alembic schemas."""
    found = rows(
        dsn,
        """
        SELECT c.relname, c.relkind::text, pg_get_userbyid(c.relowner),
               coalesce(array_to_string(c.relacl, ','), ''), a.attname,
               format_type(a.atttypid, a.atttypmod), a.attnotnull, a.attidentity::text,
               coalesce(pg_get_expr(d.adbin, d.adrelid), '')
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
        LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
        WHERE n.nspname IN ('auth', 'inventory')
        UNION ALL
        SELECT con.conname, con.contype::text, '', '', pg_get_constraintdef(con.oid), '', NULL,
               '', ''
        FROM pg_constraint con JOIN pg_namespace n ON n.oid = con.connamespace
        WHERE n.nspname IN ('auth', 'inventory')
        ORDER BY 1, 5
        """,
    )
    data = rows(
        dsn,
        "SELECT 'products', sku || name || price || active FROM inventory.products"
        " UNION ALL SELECT 'versions', version_num FROM auth.alembic_version_auth"
        " UNION ALL SELECT 'versions', version_num FROM inventory.alembic_version_inventory"
        " ORDER BY 1, 2",
    )
    return found + data


def test_plain_sql_path_builds_what_alembic_builds(
    db_dsn: str, pg_server: TestServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    with_alembic = run_seed(db_dsn, use_alembic=True)
    monkeypatch.setattr(alembic_state, "alembic_available", lambda: False)
    other = pg_server.create_database()
    try:
        other_dsn = pg_server.conninfo(other)
        without = run_seed(other_dsn)  # auto: "not installed" now
        assert with_alembic.alembic_ran
        assert not without.alembic_ran
        assert with_alembic.counts() == without.counts()
        assert [m.heads for m in with_alembic.modules] == [m.heads for m in without.modules]
        assert _catalog(db_dsn) == _catalog(other_dsn)
    finally:
        pg_server.drop_database(other)


def _pgdbm(dsn: str, plan: content.PgdbmPlan) -> Any:
    from pgdbm import AsyncDatabaseManager, DatabaseConfig
    from pgdbm.migrations import AsyncMigrationManager

    params = pg_conninfo.conninfo_to_dict(dsn)
    url = (
        f"postgresql://{params.get('user', 'postgres')}@/{params['dbname']}"
        f"?host={quote(str(params['host']))}&port={params['port']}"
    )
    config = DatabaseConfig(
        connection_string=url,
        schema=plan.schema,
        min_connections=1,
        max_connections=2,
    )
    db = AsyncDatabaseManager(config)
    folder = Path(content.demo_dir() / plan.folder)
    return db, AsyncMigrationManager(db, migrations_path=str(folder), module_name=plan.name)


def test_pgdbm_itself_accepts_the_users_ledger_and_applies_the_pending_files(db_dsn: str) -> None:
    run_seed(db_dsn)
    users = content.PGDBM_MODULES[0]

    async def go() -> dict[str, Any]:
        db, migrations = _pgdbm(db_dsn, users)
        await db.connect()
        try:
            return dict(await migrations.apply_pending_migrations())
        finally:
            await db.disconnect()

    result = asyncio.run(go())
    applied = [m if isinstance(m, str) else m["filename"] for m in result["applied"]]
    assert applied == ["006_users_email_lower_idx.sql", "007_add_last_login.sql"]
    ledger = rows(db_dsn, "SELECT filename FROM users.schema_migrations ORDER BY filename")
    assert [r[0] for r in ledger] == sorted(
        users.applied + users.missing + ("006_users_email_lower_idx.sql", "007_add_last_login.sql")
    )
    index = rows(db_dsn, "SELECT 1 FROM pg_indexes WHERE indexname = 'users_email_lower_idx'")
    assert index == [(1,)]


def test_pgdbm_itself_stops_on_the_drifted_orders_file(db_dsn: str) -> None:
    run_seed(db_dsn)
    orders = content.PGDBM_MODULES[1]

    async def go() -> None:
        db, migrations = _pgdbm(db_dsn, orders)
        await db.connect()
        try:
            await migrations.apply_pending_migrations()
        finally:
            await db.disconnect()

    with pytest.raises(Exception, match=r"(?i)checksum") as info:
        asyncio.run(go())
    assert "003_order_total_function.sql" in str(info.value)
    before = rows(db_dsn, "SELECT count(*) FROM orders.schema_migrations")
    assert before == [(4,)]
    tables = rows(db_dsn, sql.SQL("SELECT to_regclass('orders.order_status_history') IS NULL"))
    assert tables == [(True,)]
