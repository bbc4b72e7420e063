"""The catalog's side of lint: how large the tables a migration works on are, and the lint of
a plan with them."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from psycopg import sql

from schemadesk.core.lint import LintFinding, lint_files, load_lint_config, squawk_path
from schemadesk.core.lint.engine import inputs_of_plan, tables_of
from schemadesk.core.migrations.models import Plan
from schemadesk.core.migrations.project import Project
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
    async with database.connection() as conn:
        cur = await conn.execute(query)
        rows = await cur.fetchall()
    return {(r[0], r[1]): (int(r[2]), float(r[3])) for r in rows}


async def lint_plan(database: Database, project: Project, plan: Plan) -> list[LintFinding]:
    """Lint of a plan's pending files as ``schemadesk lint`` would: the project's ``[lint]``,
    this profile's session settings, the catalog's table sizes (squawk runs in a worker
    thread, not on the gateway's loop)."""
    items = inputs_of_plan(project, plan)
    sizes = await table_sizes(database, tables_of(items))
    config = load_lint_config(project.source)
    program = squawk_path()
    session = database.profile.session
    return await asyncio.to_thread(lint_files, items, program, config, session, sizes)
