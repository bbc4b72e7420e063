"""What a review report of the pending migrations is made of, for the window and the shell alike.

``schemadesk report`` and the window's File ▸ Export review report both load the modules'
files and ledgers, build the plan and the planned action (where it runs, every step's exact
SQL), and optionally check the conventions of the modules' schemas, here; each then renders the
report with ``core.report`` (the command line adds its rehearsal, the window its language).
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from schemadesk.core.access.conventions import Convention, Finding, check_conventions
from schemadesk.core.actions import ActionTarget, PlannedAction, migrations_action
from schemadesk.core.migrations.models import Plan
from schemadesk.core.migrations.project import Project
from schemadesk.db.actions import target_of
from schemadesk.db.database import Database
from schemadesk.db.migrations import service


@dataclass(frozen=True, slots=True)
class PendingReview:
    """The plan of the pending migrations, the action it is, and the findings to show with it."""

    plan: Plan
    action: PlannedAction
    findings: tuple[Finding, ...] = ()


def migration_target(database: Database, project: Project) -> ActionTarget:
    """Where applying the project's migrations runs (its schema when there is one module)."""
    schemas = {m.schema for m in project.modules}
    schema = schemas.pop() if len(schemas) == 1 else None
    return target_of(database, schema)


def planned_migrations(
    database: Database, project: Project, plan: Plan, *, rehearse: bool = False
) -> PlannedAction:
    """The plan as the action that confirmation, audit and report share."""
    return migrations_action(plan, migration_target(database, project), rehearse=rehearse)


async def convention_findings(database: Database, project: Project) -> tuple[Finding, ...]:
    """The convention findings (``[conventions]`` of the project file) of the modules' schemas
    that exist."""
    from schemadesk.db.access import load_catalog

    source = project.source or Path("schemadesk.toml")
    convention = await asyncio.to_thread(Convention.from_toml, source)
    catalog = await load_catalog(database)
    schemas = sorted({m.schema for m in project.modules if m.schema})
    present = [s for s in schemas if catalog.schema(s) is not None]
    if not present:
        return ()
    # Walks every role and object of those schemas: off the gateway loop.
    return tuple(await asyncio.to_thread(check_conventions, catalog, convention, present))


async def pending_review(
    database: Database,
    project: Project,
    *,
    modules: Sequence[str] | None = None,
    git_drift: bool = True,
    findings: bool = False,
) -> PendingReview:
    """Load the pgdbm modules (all, or ``modules``; an empty sequence: none) and their ledgers
    now, and return their plan as the action a report reviews, with the convention findings
    of their schemas when ``findings``."""
    snapshots: tuple[service.ModuleSnapshot, ...] = ()
    if project.modules and (modules is None or modules):
        snapshots = await service.snapshots_of(
            database, project, modules=modules, git_drift=git_drift
        )
    plan = service.plan_of(snapshots)
    action = planned_migrations(database, project, plan)
    found = await convention_findings(database, project) if findings else ()
    return PendingReview(plan, action, found)
