"""Shared helpers: folders of migrations, pgdbm and schemadesk appliers, catalog snapshots."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote

import psycopg
from psycopg import conninfo as pg_conninfo

from schemadesk.core.migrations.files import discover
from schemadesk.core.migrations.models import ApplyEvent, ApplyResult
from schemadesk.core.migrations.plan import build_plan
from schemadesk.core.migrations.project import ModuleConfig
from schemadesk.core.migrations.status import compute_status
from schemadesk.db.migrations.ledger import read_ledger
from schemadesk.db.migrations.runner import CancelFlag, apply_plan, rehearse_plan

DATA = Path(__file__).parent / "data"


def write_folder(folder: Path, files: Mapping[str, str | bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder


def asyncpg_dsn(conninfo: str) -> str:
    """The libpq conninfo of the test fixtures as a URI asyncpg understands."""
    info = pg_conninfo.conninfo_to_dict(conninfo)
    host = quote(str(info.get("host", "")), safe="")
    return (
        f"postgresql://{info.get('user', 'postgres')}@/{info['dbname']}"
        f"?host={host}&port={info.get('port', 5432)}"
    )


async def pgdbm_apply(
    dsn: str,
    folder: Path,
    schema: str | None,
    module_name: str | None = None,
    *,
    table: str = "schema_migrations",
    shared: bool = False,
) -> dict[str, Any]:
    """Apply a folder with pgdbm 0.5.0 as its users do (own pool, or a shared pool)."""
    from pgdbm import AsyncDatabaseManager, AsyncMigrationManager, DatabaseConfig

    if shared:
        config = DatabaseConfig(
            connection_string=asyncpg_dsn(dsn), min_connections=1, max_connections=2
        )
        pool = await AsyncDatabaseManager.create_shared_pool(config)
        try:
            db = AsyncDatabaseManager(pool=pool, schema=schema)
            mm = AsyncMigrationManager(db, str(folder), table, module_name=module_name)
            return await mm.apply_pending_migrations()
        finally:
            await pool.close()
    config = DatabaseConfig(
        connection_string=asyncpg_dsn(dsn), schema=schema, min_connections=1, max_connections=2
    )
    db = AsyncDatabaseManager(config)
    await db.connect()
    try:
        mm = AsyncMigrationManager(db, str(folder), table, module_name=module_name)
        return await mm.apply_pending_migrations()
    finally:
        await db.disconnect()


def pgdbm_apply_sync(dsn: str, folder: Path, schema: str | None, **kw: Any) -> dict[str, Any]:
    return asyncio.run(pgdbm_apply(dsn, folder, schema, **kw))


async def sd_apply(
    dsn: str,
    module: ModuleConfig,
    *,
    events: list[ApplyEvent] | None = None,
    cancel: CancelFlag | None = None,
    rehearse: bool = False,
    limit: int | None = None,
) -> ApplyResult:
    """Apply (or rehearse) a module with schemadesk on a fresh autocommit connection."""
    async with await psycopg.AsyncConnection.connect(dsn, autocommit=True) as conn:
        files = discover(module.path)
        ledger = await read_ledger(conn, module)
        status = compute_status(module, files, ledger)
        plan = build_plan([(module, files, status)])
        if limit is not None:
            plan = type(plan)(plan.steps[:limit], plan.blockers, plan.warnings)
        run = rehearse_plan if rehearse else apply_plan
        return await run(
            conn,
            {module.name: module},
            plan,
            on_event=events.append if events is not None else None,
            cancel=cancel,
        )


def sd_apply_sync(dsn: str, module: ModuleConfig, **kw: Any) -> ApplyResult:
    return asyncio.run(sd_apply(dsn, module, **kw))


def ledger_rows(dsn: str, table: str = "public.schema_migrations") -> list[tuple[Any, ...]]:
    with psycopg.connect(dsn) as conn:
        return conn.execute(
            f"SELECT filename, checksum, module_name FROM {table} ORDER BY id"
        ).fetchall()


CATALOG_QUERIES = {
    "relations": """
        SELECT n.nspname, c.relname, c.relkind::text
          FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
         ORDER BY 1, 2""",
    "columns": """
        SELECT n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod),
               a.attnotnull, pg_get_expr(d.adbin, d.adrelid)
          FROM pg_attribute a
          JOIN pg_class c ON c.oid = a.attrelid
          JOIN pg_namespace n ON n.oid = c.relnamespace
          LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
         WHERE a.attnum > 0 AND NOT a.attisdropped
           AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
         ORDER BY 1, 2, 3""",
    "indexes": """
        SELECT schemaname, tablename, indexname, indexdef FROM pg_indexes
         WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2, 3""",
    "constraints": """
        SELECT n.nspname, conname, pg_get_constraintdef(c.oid) FROM pg_constraint c
          JOIN pg_namespace n ON n.oid = c.connamespace
         WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2""",
    "functions": """
        SELECT n.nspname, p.proname, pg_get_functiondef(p.oid) FROM pg_proc p
          JOIN pg_namespace n ON n.oid = p.pronamespace
         WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2""",
    "schemas": """
        SELECT nspname FROM pg_namespace
         WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' ORDER BY 1""",
}


def catalog(dsn: str) -> dict[str, Any]:
    """Everything the migrations created, plus the data of every table but the ledgers."""
    with psycopg.connect(dsn) as conn:
        snap: dict[str, Any] = {k: conn.execute(q).fetchall() for k, q in CATALOG_QUERIES.items()}
        tables = conn.execute(
            """SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname)
                 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema')
                  AND NOT EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = c.oid
                                  AND a.attname = 'applied_by')  -- ledgers: timestamps differ
                ORDER BY 1"""
        ).fetchall()
        snap["data"] = {
            t: conn.execute(
                f"SELECT array_agg((to_jsonb(x) - 'created_at')::text ORDER BY x::text) FROM {t} x"
            ).fetchone()
            for (t,) in tables
        }
    return snap


def server_major(dsn: str) -> int:
    """The major version of the server ``dsn`` reaches (BEGIN ATOMIC needs 14, for one)."""
    with psycopg.connect(dsn) as conn:
        return conn.info.server_version // 10000
