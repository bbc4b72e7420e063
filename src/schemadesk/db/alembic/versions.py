"""Reading Alembic version tables: one row per current head, nothing else."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import psycopg
from psycopg import sql

from schemadesk.core.alembic.models import VersionTable

# Every table named alembic_version% with a version_num column, whatever its schema.
FIND_VERSION_TABLES = sql.SQL(
    "SELECT n.nspname::text, c.relname::text, has_table_privilege(c.oid, 'SELECT')"
    " FROM pg_class c"
    " JOIN pg_namespace n ON n.oid = c.relnamespace"
    " JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'version_num'"
    "  AND NOT a.attisdropped"
    " WHERE c.relkind IN ('r', 'p') AND c.relname LIKE 'alembic\\_version%%'"
    " ORDER BY 1, 2"
)

# For each (schema, table) asked for: does the schema exist, does the table, may we read it.
VERSION_TABLES_STATE = sql.SQL(
    "SELECT w.schema, w.name, n.oid IS NOT NULL, c.oid IS NOT NULL,"
    " coalesce(has_table_privilege(c.oid, 'SELECT'), false)"
    " FROM unnest(%s::text[], %s::text[]) WITH ORDINALITY AS w(schema, name, i)"
    " LEFT JOIN pg_namespace n ON n.nspname = w.schema"
    " LEFT JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = w.name"
    "  AND c.relkind IN ('r', 'p')"
    " ORDER BY w.i"
)

HEADS = "SELECT version_num::text FROM {} ORDER BY version_num"


def heads_query(schema: str, table: str) -> sql.Composed:
    """``SELECT version_num FROM "schema"."table"``."""
    return sql.SQL(HEADS).format(sql.Identifier(schema, table))


async def find_version_tables(conn: psycopg.AsyncConnection[Any]) -> tuple[VersionTable, ...]:
    """Every ``alembic_version%`` table with a ``version_num`` column, with its heads."""
    cur = await conn.execute(FIND_VERSION_TABLES, [])
    found = await cur.fetchall()
    result = []
    for schema, name, readable in found:
        heads = await _heads(conn, schema, name) if readable else ()
        result.append(VersionTable(schema, name, heads, exists=True, readable=bool(readable)))
    return tuple(result)


async def read_version_tables(
    conn: psycopg.AsyncConnection[Any], wanted: Sequence[tuple[str, str]]
) -> tuple[VersionTable, ...]:
    """The version tables ``(schema, table)``, in order; absent ones with ``exists=False``."""
    if not wanted:
        return ()
    cur = await conn.execute(VERSION_TABLES_STATE, [[s for s, _ in wanted], [t for _, t in wanted]])
    result = []
    for schema, name, schema_exists, exists, readable in await cur.fetchall():
        heads = await _heads(conn, schema, name) if exists and readable else ()
        result.append(
            VersionTable(
                schema,
                name,
                heads,
                exists=bool(exists),
                readable=bool(readable) or not exists,
                schema_exists=bool(schema_exists),
            )
        )
    return tuple(result)


async def _heads(conn: psycopg.AsyncConnection[Any], schema: str, table: str) -> tuple[str, ...]:
    cur = await conn.execute(heads_query(schema, table))
    return tuple(str(row[0]) for row in await cur.fetchall())
