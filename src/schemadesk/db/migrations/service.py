"""The migration verbs on an open ``Database``: status, plan, apply, rehearse, accept.

What the window and the command line call (through the gateway loop). Each returns core
models; changing verbs refuse read-only profiles with ``ReadOnlyViolation``.
"""

from __future__ import annotations

import asyncio
import dataclasses
import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import psycopg

from schemadesk.core.messages_config import say
from schemadesk.core.migrations.errors import PlanRefused
from schemadesk.core.migrations.files import discover, looks_like_transaction_pooler
from schemadesk.core.migrations.git_drift import find_recorded_version
from schemadesk.core.migrations.models import (
    LedgerLocation,
    MigrationFile,
    MigrationState,
    ModuleStatus,
    Plan,
    SessionBaseline,
)
from schemadesk.core.migrations.plan import build_plan
from schemadesk.core.migrations.project import ModuleConfig, Project
from schemadesk.core.migrations.status import compute_status
from schemadesk.db.database import Database
from schemadesk.db.migrations import runner
from schemadesk.db.migrations.ledger import find_ledgers, ledger_states


@dataclass(frozen=True, slots=True)
class ModuleSnapshot:
    """One module as loaded: its configuration, its files and its status against the ledger."""

    module: ModuleConfig
    files: tuple[MigrationFile, ...]
    status: ModuleStatus
    # The profile's session settings: every migration of a plan starts from them.
    session: SessionBaseline = field(default_factory=SessionBaseline)


async def load_snapshots(
    conn: psycopg.AsyncConnection[Any],
    project: Project,
    *,
    modules: Sequence[str] | None = None,
    pooler: bool = False,
    git_drift: bool = True,
) -> tuple[ModuleSnapshot, ...]:
    """Read each module's folder and ledger and compute its status (drift diffs from git)."""
    chosen = [project.module(n) for n in modules] if modules else list(project.modules)
    result: list[ModuleSnapshot] = []
    states = await ledger_states(conn, chosen)  # one round trip for all, not one per module
    for module, (schema_exists, ledger) in zip(chosen, states, strict=True):
        # Disk and git work off the loop: other queries of the window keep flowing.
        files = await asyncio.to_thread(discover, module.path)
        status = await asyncio.to_thread(
            functools.partial(
                compute_status,
                module,
                files,
                ledger,
                pooler=pooler,
                find_drift=find_recorded_version if git_drift else None,
            )
        )
        status = dataclasses.replace(status, schema_exists=schema_exists)
        result.append(ModuleSnapshot(module, files, status))
    return tuple(result)


def plan_of(snapshots: Sequence[ModuleSnapshot]) -> Plan:
    """The plan of the loaded modules (from their profile's session settings)."""
    session = snapshots[0].session if snapshots else None
    return build_plan([(s.module, s.files, s.status) for s in snapshots], session)


def baseline_of(database: Database) -> SessionBaseline:
    """The session state of a fresh connection of ``database``: its profile's settings."""
    params = database.profile.session.as_parameters(read_only=database.profile.read_only)
    return SessionBaseline(tuple(params.items()))


def is_pooler(database: Database) -> bool:
    """pgdbm's guess that the profile goes through a transaction pooler."""
    return looks_like_transaction_pooler(database.profile.libpq_conninfo())


async def snapshots_of(
    database: Database,
    project: Project,
    *,
    modules: Sequence[str] | None = None,
    git_drift: bool = True,
) -> tuple[ModuleSnapshot, ...]:
    """``load_snapshots`` on a pooled connection of ``database``."""
    async with database.connection() as conn:
        found = await load_snapshots(
            conn, project, modules=modules, pooler=is_pooler(database), git_drift=git_drift
        )
    session = baseline_of(database)
    return tuple(dataclasses.replace(s, session=session) for s in found)


async def ledgers_of(database: Database) -> tuple[LedgerLocation, ...]:
    """Every pgdbm-shaped ledger in the database, whatever its name or schema."""
    async with database.connection() as conn:
        return await find_ledgers(conn)


async def accept_checksum(database: Database, snapshot: ModuleSnapshot, filename: str) -> int:
    """Record the file's current checksum for a drifted migration; returns rows changed."""
    database.refuse_writes("accepting a checksum")
    row = next((r for r in snapshot.status.rows if r.filename == filename), None)
    if row is None or row.state is not MigrationState.DRIFTED:
        raise PlanRefused(say("checksum-not-drifted", module=snapshot.module.name, file=filename))
    assert row.recorded_checksum is not None
    assert row.file_checksum is not None
    async with database.connection() as conn:
        return await runner.accept_checksum(
            conn,
            snapshot.module,
            filename,
            row.recorded_checksum,
            row.file_checksum,
            one_by_one=database.server.citus,
        )
