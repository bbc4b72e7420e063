"""The catalog's side of lint: how large the tables a migration works on are."""

from __future__ import annotations

from collections.abc import Sequence

from psycopg import sql

from schemadesk.db.database import Database

# Total size (heap, indexes, TOAST) and the planner's row estimate of named tables.
TABLE_SIZES = sql.SQL(
    "SELECT n.nspname::text, c.relname::text, pg_total_relation_size(c.oid), c.reltuples::float8"
    " FROM unnest({}::text[], {}::text[]) AS w(schema, name)"
    " JOIN pg_namespace n ON n.nspname = w.schema"
    " JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = w.name"
    " WHERE c.relkind IN ('r', 'p', 'm')"
)


async def table_sizes(
    database: Database, tables: Sequence[tuple[str, str]]
) -> dict[tuple[str, str], tuple[int, float]]:
    """(schema, table) → (bytes, estimated rows) for the tables that exist."""
    if not tables:
        return {}
    query = TABLE_SIZES.format(
        sql.Literal([s for s, _ in tables]), sql.Literal([t for _, t in tables])
    )
    async with database.pool.connection() as conn:
        cur = await conn.execute(query)
        rows = await cur.fetchall()
    return {(r[0], r[1]): (int(r[2]), float(r[3])) for r in rows}
