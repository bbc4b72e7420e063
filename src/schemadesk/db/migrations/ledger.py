"""pgdbm ledgers in the database: found by shape, read per module, created with pgdbm's DDL."""

from __future__ import annotations

from typing import Any, Final

import psycopg
from psycopg import sql
from psycopg.rows import dict_row

from schemadesk.core.migrations import statements
from schemadesk.core.migrations.models import LedgerLocation, LedgerRow
from schemadesk.core.migrations.project import ModuleConfig

# The columns that make a table a pgdbm ledger, whatever its name or schema.
LEDGER_COLUMNS: Final = (
    "filename",
    "checksum",
    "module_name",
    "applied_at",
    "applied_by",
    "execution_time_ms",
)

FIND_LEDGERS: Final = sql.SQL(
    """
SELECT n.nspname::text AS schema, c.relname::text AS name
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relkind IN ('r', 'p')
   AND n.nspname NOT IN ('pg_catalog', 'information_schema')
   AND (SELECT count(*) FROM pg_attribute a
         WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
           AND a.attname = ANY(%(columns)s)) = %(ncolumns)s
 ORDER BY 1, 2
"""
)

LEDGER_EXISTS: Final = sql.SQL(
    "SELECT to_regnamespace(%(schema)s) IS NOT NULL AS schema_exists, "
    "EXISTS (SELECT FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
    "WHERE n.nspname = %(schema)s AND c.relname = %(table)s) AS ledger_exists, "
    "EXISTS (SELECT FROM pg_namespace WHERE nspname = %(own)s) AS own_exists"
)


async def find_ledgers(conn: psycopg.AsyncConnection[Any]) -> tuple[LedgerLocation, ...]:
    """Every table with a pgdbm ledger's columns, with its row count and module names."""
    async with conn.cursor(row_factory=dict_row) as cur:
        await cur.execute(
            FIND_LEDGERS, {"columns": list(LEDGER_COLUMNS), "ncolumns": len(LEDGER_COLUMNS)}
        )
        found = await cur.fetchall()
        if not found:
            return ()
        summary = sql.SQL(" UNION ALL ").join(
            sql.SQL(
                "SELECT {} AS i, count(*)::int AS n, "
                "array_agg(DISTINCT coalesce(module_name::text, '')) AS modules FROM {}"
            ).format(sql.Literal(i), sql.Identifier(row["schema"], row["name"]))
            for i, row in enumerate(found)
        )
        await cur.execute(summary)
        counts = {r["i"]: r for r in await cur.fetchall()}
    return tuple(
        LedgerLocation(
            schema=row["schema"],
            name=row["name"],
            rows=counts[i]["n"],
            modules=tuple(sorted(m for m in counts[i]["modules"] or [] if m)),
        )
        for i, row in enumerate(found)
    )


async def read_ledger(
    conn: psycopg.AsyncConnection[Any], module: ModuleConfig
) -> tuple[LedgerRow, ...] | None:
    """The module's ledger rows (its own and NULL-module ones); None when there is no ledger."""
    return (await ledger_state(conn, module))[1]


async def ledger_state(
    conn: psycopg.AsyncConnection[Any], module: ModuleConfig
) -> tuple[bool, tuple[LedgerRow, ...] | None]:
    """Does the module's schema exist, and its ledger rows (None: no ledger)."""
    schema = module.schema if module.creates_schema and module.schema else module.ledger_schema
    async with conn.cursor(row_factory=dict_row) as cur:
        await cur.execute(
            LEDGER_EXISTS,
            {"schema": module.ledger_schema, "table": module.ledger.lower(), "own": schema},
        )
        exists = await cur.fetchone()
        schema_exists = bool(exists and exists["own_exists"])
        if exists is None or not exists["ledger_exists"]:
            return schema_exists, None
        await cur.execute(statements.ledger_rows(module))
        rows = await cur.fetchall()
    return schema_exists, tuple(LedgerRow(**row) for row in rows)


async def create_ledger(conn: psycopg.AsyncConnection[Any], module: ModuleConfig) -> None:
    """Create the module's schema (own pool) and ledger with pgdbm's DDL, under pgdbm's lock."""
    parts: list[sql.Composable] = [sql.SQL("BEGIN"), statements.xact_lock(module)]
    create_schema = statements.create_schema(module)
    if create_schema is not None:
        parts.append(create_schema)
    parts += [statements.create_ledger(module), sql.SQL("COMMIT")]
    try:
        await conn.execute(sql.SQL(";\n").join(parts), prepare=False)
    except BaseException:
        await _rollback(conn)
        raise


async def _rollback(conn: psycopg.AsyncConnection[Any]) -> None:
    """Roll back whatever transaction is open; a broken connection has none left to end."""
    if conn.closed or conn.broken:
        return
    if conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
        await conn.execute("ROLLBACK")
