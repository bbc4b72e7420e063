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


# Every schema's name (tenant patterns and discovery are matched against them).
SCHEMA_NAMES = sql.SQL("SELECT nspname::text FROM pg_namespace ORDER BY 1")


async def schema_names(conn: psycopg.AsyncConnection[Any]) -> tuple[str, ...]:
    """The names of every schema of the database."""
    cur = await conn.execute(SCHEMA_NAMES)
    return tuple(str(row[0]) for row in await cur.fetchall())


async def find_version_tables(conn: psycopg.AsyncConnection[Any]) -> tuple[VersionTable, ...]:
    """Every ``alembic_version%`` table with a ``version_num`` column, with its heads."""
    cur = await conn.execute(FIND_VERSION_TABLES, [])
    found = [(str(s), str(n), bool(r)) for s, n, r in await cur.fetchall()]
    heads = await heads_of(conn, [(s, n) for s, n, readable in found if readable])
    return tuple(
        VersionTable(s, n, heads.get((s, n), ()), exists=True, readable=r) for s, n, r in found
    )


async def read_version_tables(
    conn: psycopg.AsyncConnection[Any], wanted: Sequence[tuple[str, str]]
) -> tuple[VersionTable, ...]:
    """The version tables ``(schema, table)``, in order; absent ones with ``exists=False``.

    Two round trips however many tables: their state, then every head in one query."""
    if not wanted:
        return ()
    cur = await conn.execute(VERSION_TABLES_STATE, [[s for s, _ in wanted], [t for _, t in wanted]])
    states = await cur.fetchall()
    heads = await heads_of(
        conn, [(s, n) for s, n, _, exists, readable in states if exists and readable]
    )
    return tuple(
        VersionTable(
            schema,
            name,
            heads.get((schema, name), ()),
            exists=bool(exists),
            readable=bool(readable) or not exists,
            schema_exists=bool(schema_exists),
        )
        for schema, name, schema_exists, exists, readable in states
    )


async def heads_of(
    conn: psycopg.AsyncConnection[Any], tables: Sequence[tuple[str, str]]
) -> dict[tuple[str, str], tuple[str, ...]]:
    """The rows of many version tables in one ``UNION ALL`` query, by ``(schema, table)``."""
    found: dict[tuple[str, str], tuple[str, ...]] = {}
    unique = list(dict.fromkeys(tables))
    if not unique:
        return found
    parts = [
        sql.SQL("SELECT {}::int, version_num::text FROM {}").format(
            sql.Literal(i), sql.Identifier(schema, table)
        )
        for i, (schema, table) in enumerate(unique)
    ]
    query = sql.SQL(" UNION ALL ").join(parts) + sql.SQL(" ORDER BY 1, 2")
    cur = await conn.execute(query)
    rows: dict[int, list[str]] = {}
    for index, head in await cur.fetchall():
        rows.setdefault(int(index), []).append(str(head))
    for i, key in enumerate(unique):
        found[key] = tuple(rows.get(i, ()))
    return found
