"""Running confirmed actions: migrations and change sets, optionally as another role.

What runs is what the confirmation dialog showed: change-set statements are rendered here on the
very connection type that executes them, and ``SET ROLE`` is one of the shown steps.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import psycopg
from psycopg import sql

from schemadesk.core.access.changes import ChangeSet, Statement
from schemadesk.core.actions import ActionStep, ActionTarget
from schemadesk.core.messages_access import said_title
from schemadesk.core.migrations.models import ApplyResult, Plan
from schemadesk.core.migrations.plan import for_role
from schemadesk.core.migrations.project import Project
from schemadesk.db.access.apply import ApplyResult as ChangeSetResult
from schemadesk.db.access.apply import apply_change_set
from schemadesk.db.database import Database
from schemadesk.db.migrations import runner

SETTABLE_ROLES = sql.SQL(
    "SELECT r.rolname::text FROM unnest(%s::text[]) AS r(rolname)"
    " WHERE r.rolname IN (SELECT rolname FROM pg_roles)"
    "   AND pg_has_role(current_user, r.rolname, 'USAGE')"
    "   AND r.rolname <> current_user"
)

SCHEMA_OWNERS = sql.SQL(
    "SELECT pg_get_userbyid(n.nspowner)::text FROM pg_namespace n"
    " WHERE n.nspname = ANY(%s::text[]) ORDER BY n.nspname"
)

# By oid: a name that is no role (a mistyped --run-as) is simply not settable.
SETTABLE_AMONG = sql.SQL(
    "SELECT r.rolname::text FROM pg_roles r WHERE r.rolname = ANY(%s::text[])"
    " AND pg_has_role(current_user, r.oid, 'USAGE') AND r.rolname <> current_user"
    " ORDER BY r.rolname"
)


def target_of(
    database: Database, schema: str | None = None, run_as: str | None = None
) -> ActionTarget:
    """Where an action on ``database`` runs, as the dialog shows it."""
    server = database.server
    return ActionTarget(
        profile=database.profile.name,
        host=server.host,
        port=server.port,
        database=server.database,
        login=server.user,
        schema=schema,
        run_as=run_as,
        protected=database.profile.protected,
    )


def set_role_step(role: str) -> tuple[sql.Composed, ActionStep]:
    """The ``SET ROLE`` statement and its step in the dialog."""
    statement = sql.SQL("SET ROLE {}").format(sql.Identifier(role))
    text = statement.as_string(None) + ";"
    return statement, ActionStep(label=said_title("run-as", role=role), sql=text, statements=1)


RESET_ROLE = sql.SQL("RESET ROLE")


def reset_role_step() -> ActionStep:
    """The ``RESET ROLE`` sent after migrations run as another role, as a dialog step: the
    pooled connection goes back to the login."""
    return ActionStep(label="back to the login", sql=RESET_ROLE.as_string(None) + ";", statements=1)


async def settable_roles(database: Database, candidates: Sequence[str]) -> list[str]:
    """Which of ``candidates`` the login may ``SET ROLE`` to (it is a member of them)."""
    async with database.connection() as conn:
        cur = await conn.execute(SETTABLE_ROLES, [list(candidates)])
        return [str(row[0]) for row in await cur.fetchall()]


async def run_as_facts(
    database: Database, schemas: Sequence[str], role: str | None = None
) -> tuple[list[str], list[str]]:
    """The owners of ``schemas`` that exist, and which of them (and ``role``) the login may
    ``SET ROLE`` to; an owner that is the login itself is never among the settable."""
    async with database.connection() as conn:
        cur = await conn.execute(SCHEMA_OWNERS, [list(schemas)])
        owners = [str(row[0]) for row in await cur.fetchall()]
        candidates = [*owners, *([role] if role else [])]
        cur = await conn.execute(SETTABLE_AMONG, [candidates])
        return owners, [str(row[0]) for row in await cur.fetchall()]


async def statement_text(database: Database, statement: sql.Composed) -> str:
    """The exact text of one composed statement on this server connection."""
    async with database.connection() as conn:
        return statement.as_string(conn)


async def rendered_statements(database: Database, change_set: ChangeSet) -> list[tuple[str, str]]:
    """``(summary, exact SQL)`` of each statement, quoted as this server connection quotes."""
    async with database.connection() as conn:
        return [(s.summary, s.render(conn)) for s in change_set.statements]


async def _set_role(conn: psycopg.AsyncConnection[Any], run_as: str | None) -> None:
    if run_as:
        await conn.execute(set_role_step(run_as)[0])


async def run_migrations(
    database: Database,
    project: Project,
    plan: Plan,
    *,
    rehearse: bool = False,
    run_as: str | None = None,
    on_event: runner.ProgressCallback | None = None,
    cancel: runner.CancelFlag | None = None,
) -> ApplyResult:
    """Apply (or rehearse) ``plan`` on one pooled connection, as ``run_as`` when given."""
    database.refuse_writes("rehearsal" if rehearse else "apply")
    modules = {m.name: m for m in project.modules}
    plan = for_role(plan, modules, run_as)  # as the confirmation showed it
    async with database.connection() as conn:
        await _set_role(conn, run_as)
        try:
            run = runner.rehearse_plan if rehearse else runner.apply_plan
            return await run(
                conn,
                modules,
                plan,
                on_event=on_event,
                cancel=cancel,
                one_by_one=database.server.citus,
            )
        finally:
            if run_as and not conn.closed:
                await conn.execute(RESET_ROLE)


def as_role(change_set: ChangeSet, run_as: str | None) -> ChangeSet:
    """The change set run as ``run_as``: ``SET LOCAL ROLE`` first, inside its transaction."""
    if not run_as:
        return change_set
    first = Statement(
        sql.SQL("SET LOCAL ROLE {}").format(sql.Identifier(run_as)),
        said_title("run-as", role=run_as),
    )
    return ChangeSet(change_set.title, (first, *change_set.statements), change_set.expectations)


async def run_change_set(database: Database, change_set: ChangeSet) -> ChangeSetResult:
    """Apply a change set (already ``as_role``'d if needed) in one transaction, all or nothing,
    and verify it against the re-read catalog."""
    database.refuse_writes("the change")
    return await apply_change_set(database, change_set)


async def change_set_text(database: Database, change_set: ChangeSet) -> str:
    """The exact SQL of a change set, quoted as this server connection quotes (one statement
    per line group, each ending with ``;``)."""
    async with database.connection() as conn:
        return change_set.render(conn)
