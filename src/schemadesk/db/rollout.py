"""What a rollout reads from each target database: its schemas (tenant patterns), how many
more connections its server accepts, and the ledgers of every module it would apply."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql
from psycopg.rows import dict_row

from schemadesk.core.alembic.models import AlembicSnapshot
from schemadesk.core.errors import ConfigError
from schemadesk.core.messages_config import say
from schemadesk.core.migrations import statements
from schemadesk.core.migrations.files import discover
from schemadesk.core.migrations.models import LedgerRow, MigrationFile, Plan
from schemadesk.core.migrations.project import ModuleConfig, Project
from schemadesk.core.migrations.status import compute_status
from schemadesk.core.rollout.targets import TenantSet
from schemadesk.db.alembic.versions import schema_names
from schemadesk.db.database import Database
from schemadesk.db.migrations.service import ModuleSnapshot, baseline_of, is_pooler, plan_of

# Connections the server still accepts from a non-superuser (the per-server cap stays below).
FREE_CONNECTIONS = sql.SQL(
    "SELECT current_setting('max_connections')::int"
    " - current_setting('superuser_reserved_connections')::int"
    " - (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend')::int"
)


# ``ledger.LEDGER_EXISTS`` for many modules in one round trip.
LEDGERS_EXIST = sql.SQL(
    "SELECT w.i::int, to_regnamespace(w.schema) IS NOT NULL,"
    " EXISTS (SELECT FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
    "         WHERE n.nspname = w.schema AND c.relname = w.tbl),"
    " EXISTS (SELECT FROM pg_namespace WHERE nspname = w.own)"
    " FROM unnest(%s::text[], %s::text[], %s::text[]) WITH ORDINALITY AS w(schema, tbl, own, i)"
    " ORDER BY w.i"
)
LEDGER_BATCH = 500  # ledgers read per statement (a UNION ALL of their rows)


async def ledger_states(
    conn: psycopg.AsyncConnection[Any], modules: Sequence[ModuleConfig]
) -> list[tuple[bool, tuple[LedgerRow, ...] | None]]:
    """``ledger.ledger_state`` of every module, in a round trip per 500 ledgers instead of
    two per module: a tenant set of thousands of schemas is planned in a few."""
    if not modules:
        return []
    own = [m.schema if m.creates_schema and m.schema else m.ledger_schema for m in modules]
    cur = await conn.execute(
        LEDGERS_EXIST,
        [[m.ledger_schema for m in modules], [m.ledger.lower() for m in modules], own],
    )
    found = {int(i) - 1: (bool(e), bool(own_e)) for i, _s, e, own_e in await cur.fetchall()}
    rows: dict[int, list[LedgerRow]] = {i: [] for i, (e, _o) in found.items() if e}
    present = sorted(rows)
    for start in range(0, len(present), LEDGER_BATCH):
        chunk = present[start : start + LEDGER_BATCH]
        union = sql.SQL(" UNION ALL ").join(
            sql.SQL("SELECT {} AS i, * FROM ({}) AS r").format(
                sql.Literal(i), statements.ledger_rows(modules[i])
            )
            for i in chunk
        )
        # Ordered as ledger_state orders (the server's collation), ledger by ledger.
        ordered = sql.SQL("SELECT * FROM ({}) AS u ORDER BY i, filename, id").format(union)
        async with conn.cursor(row_factory=dict_row) as dict_cur:
            await dict_cur.execute(ordered)
            for row in await dict_cur.fetchall():
                rows[row.pop("i")].append(LedgerRow(**row))
    return [(found[i][1], tuple(rows[i]) if i in rows else None) for i in range(len(modules))]


class FolderCache:
    """Each migrations folder read once per rollout: every target and tenant runs the same
    files (and the folder is not re-read between one target's plan and another's)."""

    def __init__(self) -> None:
        self._files: dict[Path, asyncio.Future[tuple[MigrationFile, ...]]] = {}

    async def files(self, folder: Path) -> tuple[MigrationFile, ...]:
        found = self._files.get(folder)
        if found is None:
            found = asyncio.ensure_future(asyncio.to_thread(discover, folder))
            self._files[folder] = found
        return await found


@dataclasses.dataclass(frozen=True, slots=True)
class TargetRead:
    """One target's plan and what it was made from."""

    plan: Plan
    modules: tuple[ModuleConfig, ...]
    free_connections: int | None
    alembic: tuple[AlembicSnapshot, ...] = ()  # the Alembic modules with revisions pending


async def free_connections(conn: psycopg.AsyncConnection[Any]) -> int | None:
    """How many more client connections the server accepts (None: it would not say)."""
    try:
        cur = await conn.execute(FREE_CONNECTIONS)
        row = await cur.fetchone()
    except psycopg.Error:
        return None
    return int(row[0]) if row else None


async def read_target(
    database: Database,
    modules: Sequence[ModuleConfig],
    tenants: Sequence[TenantSet],
    folders: FolderCache,
    alembic: Project | None = None,
) -> TargetRead:
    """The plan of ``modules`` plus every tenant module of ``database``, from its ledgers;
    with ``alembic``, its Alembic modules and tenant chains that have revisions pending."""
    async with database.connection() as conn:
        existing = await schema_names(conn) if any(t.pattern for t in tenants) else ()
        free = await free_connections(conn)
        chosen = list(modules)
        for tenant_set in tenants:
            chosen += tenant_set.modules(existing, [m.name for m in chosen])
        pooler = is_pooler(database)
        states = await ledger_states(conn, chosen)
        snaps = []
        for module, (schema_exists, ledger) in zip(chosen, states, strict=True):
            files = await folders.files(module.path)
            status = compute_status(module, files, ledger, pooler=pooler)
            status = dataclasses.replace(status, schema_exists=schema_exists)
            snaps.append(ModuleSnapshot(module, files, status, baseline_of(database)))
    pending: tuple[AlembicSnapshot, ...] = ()
    if alembic is not None and (alembic.alembic_modules or alembic.alembic_tenants):
        from schemadesk.db.alembic.service import alembic_snapshots

        found = await alembic_snapshots(database, alembic, detect=False)
        for snap in found:
            if snap.scripts is None or snap.scripts.unknown or snap.pairing is not None:
                said = tuple(p.message for p in snap.status.problems) or (snap.pairing or "",)
                name = repr(snap.module.name)
                raise ConfigError(say("alembic-cannot-apply", module=name, problems=said))
        pending = tuple(s for s in found if s.pending)
    return TargetRead(plan_of(snaps), tuple(chosen), free, pending)
