"""pgdbm ledgers in the database: found by shape, read per module, created with pgdbm's DDL."""

from __future__ import annotations

from collections.abc import Sequence
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

# LEDGER_EXISTS for many modules at once: one row per module, in the order given.
LEDGERS_EXIST: Final = sql.SQL(
    "SELECT m.i::int, to_regnamespace(m.s) IS NOT NULL AS schema_exists, "
    "EXISTS (SELECT FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
    "WHERE n.nspname = m.s AND c.relname = m.t) AS ledger_exists, "
    "EXISTS (SELECT FROM pg_namespace WHERE nspname = m.own) AS own_exists "
    "FROM unnest(%(schemas)s::text[], %(tables)s::text[], %(owns)s::text[]) "
    "WITH ORDINALITY AS m(s, t, own, i) ORDER BY m.i"
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


async def ledger_states(
    conn: psycopg.AsyncConnection[Any], modules: Sequence[ModuleConfig]
) -> list[tuple[bool, tuple[LedgerRow, ...] | None]]:
    """``ledger_state`` of every module in two round trips, however many modules (a project
    with one pgdbm ledger per tenant schema has thousands)."""
    if not modules:
        return []
    owns = [m.schema if m.creates_schema and m.schema else m.ledger_schema for m in modules]
    async with conn.cursor(row_factory=dict_row) as cur:
        await cur.execute(
            LEDGERS_EXIST,
            {
                "schemas": [m.ledger_schema for m in modules],
                "tables": [m.ledger.lower() for m in modules],
                "owns": owns,
            },
        )
        exists = await cur.fetchall()
        with_ledger = [i for i, row in enumerate(exists) if row["ledger_exists"]]
        found: dict[int, list[LedgerRow]] = {i: [] for i in with_ledger}
        if with_ledger:
            await cur.execute(
                sql.SQL(" UNION ALL ").join(
                    sql.SQL(
                        "SELECT {} AS i, row_number() OVER (ORDER BY q.filename, q.id) AS n, "
                        "q.* FROM ({}) AS q"
                    ).format(sql.Literal(i), statements.ledger_rows(modules[i]))
                    for i in with_ledger
                )
            )
            # In ledger_rows' order (the server's collation): a union keeps no order of its parts.
            for row in sorted(await cur.fetchall(), key=lambda r: (r["i"], r["n"])):
                i = row.pop("i")
                del row["n"]
                found[i].append(LedgerRow(**row))
    return [
        (bool(row["own_exists"]), tuple(found[i]) if i in found else None)
        for i, row in enumerate(exists)
    ]
