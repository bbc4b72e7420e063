"""Runs a checked tenant move (``core.citus_move``) on the coordinator and says where the
tenant lives afterwards."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Final

import psycopg
from psycopg import sql

from schemadesk.core.citus_move import MovePlan, MoveProgress
from schemadesk.core.errors import SchemadeskError
from schemadesk.core.messages_citus import said_part, say
from schemadesk.db.access.loader import Part, load_catalog
from schemadesk.db.connects import Connects

SCHEMAS_ONLY: tuple[Part, ...] = ("schemas",)
_log = logging.getLogger(__name__)


class MoveRefused(SchemadeskError):
    """A precondition of the move does not hold: nothing was moved."""

    exit_code = 5


async def render_move(pool: Connects, plan: MovePlan) -> str:
    """The exact statement, as this server connection quotes it."""
    async with pool.connection() as conn:
        return plan.statement.as_string(conn)


PROGRESS: Final = sql.SQL(
    "SELECT coalesce(sum(target_shard_size), 0)::bigint,"
    " coalesce(sum(source_shard_size), 0)::bigint,"
    " coalesce(min(status::text), '') FROM get_rebalance_progress()"
)
POLL_S: Final = 0.25


async def run_move(
    pool: Connects,
    plan: MovePlan,
    on_progress: Callable[[MoveProgress], None] | None = None,
) -> tuple[str, ...]:
    """Move the tenant (refused when a check fails); the nodes that hold it afterwards.

    While it runs, ``on_progress`` hears how far it is, read on a second connection.
    """
    if plan.blocked:
        failed = (
            say("citus-check-failed", what=said_part(c.what), detail=said_part(c.detail))
            for c in plan.blocked
        )
        raise MoveRefused(say("refusals", items=tuple(failed)))
    move = asyncio.ensure_future(_move(pool, plan))
    try:
        while on_progress is not None and not move.done():
            await asyncio.wait({move}, timeout=POLL_S)
            if not move.done():
                found = await _progress(pool)
                if found is not None:
                    on_progress(found)
        await move
    finally:
        if not move.done():
            move.cancel()
    catalog = await load_catalog(pool, SCHEMAS_ONLY)  # where it lives now
    return () if catalog.citus is None else catalog.citus.schema(plan.schema).nodes


async def _move(pool: Connects, plan: MovePlan) -> None:
    async with pool.connection() as conn:
        # citus_schema_move commits its own steps: it cannot run inside our transaction.
        await conn.set_autocommit(True)
        try:
            await conn.execute(plan.statement)
        finally:
            await conn.set_autocommit(False)


async def _progress(pool: Connects) -> MoveProgress | None:
    try:
        async with pool.connection() as conn:
            row = await (await conn.execute(PROGRESS)).fetchone()
    except psycopg.Error as exc:  # progress is a courtesy: never fail the move over it
        _log.info("move progress unavailable: %s", exc)
        return None
    if row is None or not row[2]:
        return None  # no move registered yet (or already finished)
    return MoveProgress(int(row[0]), int(row[1]), str(row[2]))
