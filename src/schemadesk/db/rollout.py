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

from schemadesk.core.migrations.files import discover
from schemadesk.core.migrations.models import MigrationFile, Plan
from schemadesk.core.migrations.project import ModuleConfig
from schemadesk.core.migrations.status import compute_status
from schemadesk.core.rollout.targets import TenantSet
from schemadesk.db.alembic.versions import schema_names
from schemadesk.db.database import Database
from schemadesk.db.migrations.ledger import ledger_state
from schemadesk.db.migrations.service import ModuleSnapshot, baseline_of, is_pooler, plan_of

# Connections the server still accepts from a non-superuser (the per-server cap stays below).
FREE_CONNECTIONS = sql.SQL(
    "SELECT current_setting('max_connections')::int"
    " - current_setting('superuser_reserved_connections')::int"
    " - (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend')::int"
)


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
) -> TargetRead:
    """The plan of ``modules`` plus every tenant module of ``database``, from its ledgers."""
    async with database.pool.connection() as conn:
        existing = await schema_names(conn) if any(t.pattern for t in tenants) else ()
        free = await free_connections(conn)
        chosen = list(modules)
        for tenant_set in tenants:
            chosen += tenant_set.modules(existing, [m.name for m in chosen])
        pooler = is_pooler(database)
        snaps = []
        for module in chosen:
            files = await folders.files(module.path)
            schema_exists, ledger = await ledger_state(conn, module)
            status = compute_status(module, files, ledger, pooler=pooler)
            status = dataclasses.replace(status, schema_exists=schema_exists)
            snaps.append(ModuleSnapshot(module, files, status, baseline_of(database)))
    return TargetRead(plan_of(snaps), tuple(chosen), free)
