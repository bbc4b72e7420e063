"""Load one side of a comparison: the catalog and the migration state, in a constant number
of queries however many schemas and ledgers there are."""

from __future__ import annotations

import asyncio
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any, Final

import psycopg
from psycopg import sql

from schemadesk.core.access.models import Catalog
from schemadesk.core.diff.migrations import LedgerEntry, MigrationState, VersionHeads
from schemadesk.core.objects.models import SchemaObjects
from schemadesk.db.access import load_catalog
from schemadesk.db.alembic.versions import find_version_tables
from schemadesk.db.database import Database
from schemadesk.db.migrations.ledger import find_ledgers
from schemadesk.db.objects import load_schema_objects

# Schemas whose object details load at once per database (each takes one pooled connection).
STRUCTURE_AT_ONCE: Final = 4

# Ledger rows of many ledgers in one UNION ALL: (ledger index, module, file, checksum).
LEDGER_ROWS: Final = (
    "SELECT {}::int, coalesce(module_name::text, ''), filename::text, checksum::text FROM {}"
)


@dataclass(frozen=True)
class DiffSide:
    """What one database shows a comparison, and who it is (for the report's header)."""

    label: str
    catalog: Catalog
    migrations: MigrationState


async def migration_state(conn: psycopg.AsyncConnection[Any]) -> MigrationState:
    """Every pgdbm ledger row and every Alembic version table's heads of the database."""
    ledgers = await find_ledgers(conn)
    entries: list[LedgerEntry] = []
    if ledgers:
        query = sql.SQL(" UNION ALL ").join(
            sql.SQL(LEDGER_ROWS).format(sql.Literal(i), sql.Identifier(loc.schema, loc.name))
            for i, loc in enumerate(ledgers)
        )
        cur = await conn.execute(query + sql.SQL(" ORDER BY 1, 2, 3"))
        for index, module, filename, checksum in await cur.fetchall():
            loc = ledgers[int(index)]
            entries.append(LedgerEntry(loc.schema, loc.name, module, filename, checksum))
    tables = await find_version_tables(conn)
    heads = tuple(VersionHeads(t.schema, t.name, t.heads) for t in tables if t.readable)
    return MigrationState(tuple(entries), heads)


async def load_side(database: Database) -> DiffSide:
    """The catalog (its queries side by side on the pool) and the migration state."""

    async def state() -> MigrationState:
        async with database.pool.connection() as conn:
            return await migration_state(conn)

    catalog, migrations = await asyncio.gather(load_catalog(database.pool), state())
    return DiffSide(database.profile.describe(), catalog, migrations)


async def load_sides(a: Database, b: Database) -> tuple[DiffSide, DiffSide]:
    """Both sides at once: the two servers answer in parallel."""
    left, right = await asyncio.gather(load_side(a), load_side(b))
    return left, right


async def load_structures(database: Database, schemas: Collection[str]) -> dict[str, SchemaObjects]:
    """Object details of each schema (one round trip each, a few at once on the pool)."""
    gate = asyncio.Semaphore(STRUCTURE_AT_ONCE)

    async def one(schema: str) -> tuple[str, SchemaObjects]:
        async with gate:
            return schema, await load_schema_objects(database.pool, schema)

    found = await asyncio.gather(*(one(s) for s in dict.fromkeys(schemas)))
    return dict(found)
