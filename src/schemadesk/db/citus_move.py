"""Runs a checked tenant move (``core.citus_move``) on the coordinator and says where the
tenant lives afterwards."""

from __future__ import annotations

from typing import Any

from psycopg_pool import AsyncConnectionPool

from schemadesk.core.citus_move import MovePlan
from schemadesk.core.errors import SchemadeskError
from schemadesk.db.access import load_catalog
from schemadesk.db.access.loader import Part

SCHEMAS_ONLY: tuple[Part, ...] = ("schemas",)


class MoveRefused(SchemadeskError):
    """A precondition of the move does not hold: nothing was moved."""

    exit_code = 5


async def render_move(pool: AsyncConnectionPool[Any], plan: MovePlan) -> str:
    """The exact statement, as this server connection quotes it."""
    async with pool.connection() as conn:
        return plan.statement.as_string(conn)


async def run_move(pool: AsyncConnectionPool[Any], plan: MovePlan) -> tuple[str, ...]:
    """Move the tenant (refused when a check fails); the nodes that hold it afterwards."""
    if plan.blocked:
        raise MoveRefused("; ".join(f"{c.what}: {c.detail}" for c in plan.blocked))
    async with pool.connection() as conn:
        # citus_schema_move commits its own steps: it cannot run inside our transaction.
        await conn.set_autocommit(True)
        try:
            await conn.execute(plan.statement)
        finally:
            await conn.set_autocommit(False)
    catalog = await load_catalog(pool, SCHEMAS_ONLY)  # where it lives now
    return () if catalog.citus is None else catalog.citus.schema(plan.schema).nodes
