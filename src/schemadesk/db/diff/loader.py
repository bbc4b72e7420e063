"""Load one side of a comparison: the catalog and the migration state, in a constant number
of queries however many schemas and ledgers there are."""

from __future__ import annotations

import asyncio
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any, Final

import psycopg
from psycopg import sql

from schemadesk.core.access.acl import AclItem, parse_acl_array
from schemadesk.core.access.models import Catalog
from schemadesk.core.diff.columns import ColumnAccess
from schemadesk.core.diff.migrations import LedgerEntry, MigrationState, VersionHeads
from schemadesk.core.long_lived import building_long_lived
from schemadesk.core.objects.models import SchemaObjects
from schemadesk.db.access import queries as access_queries
from schemadesk.db.access.loader import (
    ALL_PARTS,
    CatalogBuilder,
    CatalogRows,
    fetch_catalog_rows,
    load_context,
)
from schemadesk.db.alembic.versions import find_version_tables
from schemadesk.db.connects import Connects
from schemadesk.db.database import Database
from schemadesk.db.migrations.ledger import LEDGER_COLUMNS
from schemadesk.db.objects import load_schema_objects

# Schemas whose object details load at once per database (each takes one pooled connection).
STRUCTURE_AT_ONCE: Final = 4

# Tables with a pgdbm ledger's six columns, found from the rare column ``module_name`` first:
# ledger.FIND_LEDGERS counts the columns of every table, 1-2 s on 40,000 tables; this is ~0.1 s.
FIND_LEDGERS: Final = sql.SQL(
    "SELECT n.nspname::text, c.relname::text"
    " FROM pg_attribute a"
    " JOIN pg_class c ON c.oid = a.attrelid"
    " JOIN pg_namespace n ON n.oid = c.relnamespace"
    " WHERE a.attname = 'module_name' AND NOT a.attisdropped AND c.relkind IN ('r', 'p')"
    "   AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
    "   AND (SELECT count(*) FROM pg_attribute a2"
    "         WHERE a2.attrelid = c.oid AND a2.attnum > 0 AND NOT a2.attisdropped"
    "           AND a2.attname = ANY(%(columns)s)) = %(ncolumns)s"
    " ORDER BY 1, 2"
)

# Ledger rows of many ledgers in one UNION ALL: (ledger index, module, file, checksum).
LEDGER_ROWS: Final = (
    "SELECT {}::int, coalesce(module_name::text, ''), filename::text, checksum::text FROM {}"
)


# Column privileges of user tables, views and foreign tables: only columns that have any (a
# column's ACL is NULL until its first GRANT), so this is a few rows on most databases.
COLUMN_ACLS: Final = sql.SQL(
    "SELECT n.nspname::text, c.relname::text, a.attname::text, a.attacl::text"
    " FROM pg_attribute a"
    " JOIN pg_class c ON c.oid = a.attrelid"
    " JOIN pg_namespace n ON n.oid = c.relnamespace"
    " WHERE a.attacl IS NOT NULL AND a.attnum > 0 AND NOT a.attisdropped"
    "   AND c.relkind IN ('r', 'p', 'v', 'm', 'f')"
    "   AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
)

# Which of the given (schema, table, column) exist (the other side has privileges on them).
COLUMNS_PRESENT: Final = sql.SQL(
    "SELECT u.s, u.t, u.c FROM unnest(%(s)s::text[], %(t)s::text[], %(c)s::text[]) AS u(s, t, c)"
    " WHERE EXISTS (SELECT 1 FROM pg_attribute a"
    "   JOIN pg_class r ON r.oid = a.attrelid JOIN pg_namespace n ON n.oid = r.relnamespace"
    "   WHERE n.nspname = u.s AND r.relname = u.t AND a.attname = u.c"
    "     AND a.attnum > 0 AND NOT a.attisdropped)"
)


@dataclass(frozen=True)
class DiffSide:
    """What one database shows a comparison, and who it is (for the report's header)."""

    label: str
    catalog: Catalog
    migrations: MigrationState
    columns: ColumnAccess = field(default_factory=ColumnAccess)


async def column_access(conn: psycopg.AsyncConnection[Any]) -> ColumnAccess:
    """Every column privilege of the database's user relations."""
    cur = await conn.execute(COLUMN_ACLS)
    acls: dict[tuple[str, str], dict[str, tuple[AclItem, ...]]] = {}
    for schema, table, column, acl in await cur.fetchall():
        acls.setdefault((str(schema), str(table)), {})[str(column)] = parse_acl_array(acl)
    return ColumnAccess(acls)


async def columns_present(
    database: Database, wanted: list[tuple[str, str, str]]
) -> frozenset[tuple[str, str, str]]:
    """Which of ``wanted`` (schema, table, column) exist in ``database`` (one query)."""
    if not wanted:
        return frozenset()
    s, t, c = (list(x) for x in zip(*wanted, strict=True))
    async with database.connection() as conn:
        cur = await conn.execute(COLUMNS_PRESENT, {"s": s, "t": t, "c": c})
        return frozenset((str(x), str(y), str(z)) for x, y, z in await cur.fetchall())


async def migration_state(conn: psycopg.AsyncConnection[Any]) -> MigrationState:
    """Every pgdbm ledger row and every Alembic version table's heads of the database."""
    cur = await conn.execute(
        FIND_LEDGERS, {"columns": list(LEDGER_COLUMNS), "ncolumns": len(LEDGER_COLUMNS)}
    )
    ledgers = [(str(schema), str(name)) for schema, name in await cur.fetchall()]
    entries: list[LedgerEntry] = []
    if ledgers:
        query = sql.SQL(" UNION ALL ").join(
            sql.SQL(LEDGER_ROWS).format(sql.Literal(i), sql.Identifier(schema, name))
            for i, (schema, name) in enumerate(ledgers)
        )
        cur = await conn.execute(query + sql.SQL(" ORDER BY 1, 2, 3"))
        for index, module, filename, checksum in await cur.fetchall():
            schema, name = ledgers[int(index)]
            entries.append(LedgerEntry(schema, name, module, filename, checksum))
    tables = await find_version_tables(conn)
    heads = tuple(VersionHeads(t.schema, t.name, t.heads) for t in tables if t.readable)
    return MigrationState(tuple(entries), heads)


async def _relations(conn: psycopg.AsyncConnection[Any]) -> dict[str, list[tuple[Any, ...]]]:
    """The access catalog's relation rows, read with JIT off: on 40,000 tables the query's
    estimated cost (a lookup per sequence) starts JIT, whose compiling (~0.6 s) was half of it."""
    async with conn.transaction():
        await conn.execute("SET LOCAL jit = off")
        cur = await conn.execute(access_queries.RELATIONS)
        relations = await cur.fetchall()
    cur = await conn.execute(access_queries.EXTENSION_RELATIONS)
    return {"relations": relations, "extension_relations": await cur.fetchall()}


async def load_diff_catalog(pool: Connects) -> Catalog:
    """The access catalog as ``load_catalog`` reads it, relations on a connection of their own
    (the slowest query, started first) beside the other parts."""

    async def relations() -> dict[str, list[tuple[Any, ...]]] | None:
        async with pool.connection() as conn:
            if (await load_context(conn)).citus_version is not None:
                return None  # a Citus coordinator adds its tables to the relations part
            return await _relations(conn)

    others = [p for p in ALL_PARTS if p != "relations"]
    with building_long_lived():
        rows, found = await asyncio.gather(fetch_catalog_rows(pool, others), relations())
        if found is None:
            rows = rows.joined(await fetch_catalog_rows(pool, ["relations"]))
        else:
            rows = CatalogRows(rows.context, {**rows.rows, **found}, rows.unavailable)
        return CatalogBuilder(rows).build()


async def load_side(database: Database) -> DiffSide:
    """The catalog (its queries side by side on the pool), the migration state and the column
    privileges."""

    async def state() -> tuple[MigrationState, ColumnAccess]:
        async with database.connection() as conn:
            return await migration_state(conn), await column_access(conn)

    catalog, (migrations, columns) = await asyncio.gather(load_diff_catalog(database), state())
    return DiffSide(database.profile.describe(), catalog, migrations, columns)


async def load_sides(a: Database, b: Database) -> tuple[DiffSide, DiffSide]:
    """Both sides at once: the two servers answer in parallel."""
    left, right = await asyncio.gather(load_side(a), load_side(b))
    return left, right


async def load_structures(database: Database, schemas: Collection[str]) -> dict[str, SchemaObjects]:
    """Object details of each schema (one round trip each, a few at once on the pool)."""
    gate = asyncio.Semaphore(STRUCTURE_AT_ONCE)

    async def one(schema: str) -> tuple[str, SchemaObjects]:
        async with gate:
            return schema, await load_schema_objects(database, schema)

    found = await asyncio.gather(*(one(s) for s in dict.fromkeys(schemas)))
    return dict(found)
