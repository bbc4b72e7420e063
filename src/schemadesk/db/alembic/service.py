"""The Alembic verbs on an open ``Database``: snapshots (status) and the offline preview.

Upgrades and rehearsals live in ``db.alembic.apply`` (re-exported here). Reading the scripts
imports Python files, so it runs in a worker thread; the gateway loop keeps serving the window.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from schemadesk.core.alembic.config import AlembicModule, detected_module
from schemadesk.core.alembic.models import AlembicSnapshot, VersionTable
from schemadesk.core.alembic.preview import AlembicPreview, build_preview
from schemadesk.core.alembic.scripts import resolve_auto, scripts_read_once
from schemadesk.core.alembic.status import build_snapshot, with_cross_schema_problems
from schemadesk.core.alembic.tenants import AlembicTenants, expand
from schemadesk.core.errors import ConfigError
from schemadesk.core.messages_config import say as say_error
from schemadesk.core.migrations.project import Project
from schemadesk.db.alembic.apply import apply_alembic
from schemadesk.db.alembic.versions import find_version_tables, read_version_tables, schema_names
from schemadesk.db.database import Database

__all__ = ["alembic_snapshots", "apply_alembic", "preview_of"]


async def alembic_snapshots(
    database: Database,
    project: Project | None,
    *,
    modules: Sequence[str] | None = None,
    detect: bool = True,
) -> tuple[AlembicSnapshot, ...]:
    """Every Alembic module of ``project`` (or the chosen ``modules``) with its status.

    Tenant groups are expanded against the database (names, a pattern, or the schemas holding
    the version table). ``detect``: also every ``alembic_version%`` table with a ``version_num``
    column that no module names, as a module of its own (state from the database alone).
    The database is read in a constant number of round trips, however many schemas.
    """
    every = list(project.alembic_modules) if project is not None else []
    groups = list(project.alembic_tenants) if project is not None else []
    pgdbm = [m.name for m in project.modules] if project is not None else []
    every = await asyncio.to_thread(_resolved, every)
    async with database.connection() as conn:
        existing: tuple[str, ...] = ()
        if any(g.needs_database for g in groups):
            existing = await schema_names(conn)
        found = await find_version_tables(conn) if detect or _discovers(groups) else ()
        tenants = expand(
            groups, existing, [(t.schema, t.name) for t in found], pgdbm + [m.name for m in every]
        )
        configured = every + list(tenants)
        if modules:
            known = {m.name for m in configured}
            unknown = [n for n in modules if n not in known]
            if unknown and not detect:
                names = ", ".join(map(repr, unknown))
                raise ConfigError(say_error("alembic-no-module", names=names))
            configured = [m for m in configured if m.name in modules]
        tables = list(
            await read_version_tables(
                conn, [(m.version_table_schema, m.version_table) for m in configured]
            )
        )
    pairs: list[tuple[AlembicModule, VersionTable]] = list(zip(configured, tables, strict=True))
    claimed = {(m.version_table_schema, m.version_table) for m in [*every, *tenants]}
    taken = [*pgdbm, *(m.name for m in every), *(m.name for m in tenants)]
    if detect:
        for table in found:
            if (table.schema, table.name) in claimed:
                continue
            module = detected_module(table.schema, table.name, taken)
            taken.append(module.name)
            if modules and module.name not in modules:
                continue
            pairs.append((module, table))
    snapshots = await asyncio.to_thread(_built, pairs)
    return with_cross_schema_problems(tuple(snapshots))


async def preview_of(snapshot: AlembicSnapshot) -> AlembicPreview:
    """The offline SQL of the apply (in a thread: Alembic imports and runs env.py)."""
    return await asyncio.to_thread(build_preview, snapshot)


def _discovers(groups: Sequence[AlembicTenants]) -> bool:
    return any(g.discover for g in groups)


def _resolved(modules: list[AlembicModule]) -> list[AlembicModule]:
    with scripts_read_once():
        return [resolve_auto(m) for m in modules]


def _built(pairs: list[tuple[AlembicModule, VersionTable]]) -> list[AlembicSnapshot]:
    with scripts_read_once():
        return [build_snapshot(m, t) for m, t in pairs]
