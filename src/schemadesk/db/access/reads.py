"""One catalog query's rows, read for the loader: in batches, as the server sends them, and
turned into models as they arrive where the caller asks (``load_catalog``)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable, Collection, Sequence
from itertools import chain
from typing import Any, Final

import psycopg
from psycopg import sql

from schemadesk.db import citus_catalog
from schemadesk.db.access import owned_objects, queries, row_models
from schemadesk.db.access.rows import Built
from schemadesk.db.connects import Connects

_log = logging.getLogger(__name__)

Conn = psycopg.AsyncConnection[Any]
Batch = list[tuple[Any, ...]]

# Rows are converted in batches: psycopg converts a fetch in C without letting other threads
# run, and the window's thread must get the interpreter back every few milliseconds.
_BATCH = 500

_sent = [0]  # queries sent by this module, for the tests that count round trips


def queries_sent() -> int:
    """How many catalog queries this process sent so far (a constant number per load)."""
    return _sent[0]


# libpq 17+ hands rows over in chunks as the server sends them: RELATIONS' rows stream out over
# its last seconds (the grouping above the parallel scan), and they are converted meanwhile.
_CHUNKED: Final = psycopg.pq.version() >= 170000
_INTERNED: Final = (queries.RELATIONS, queries.RELATIONS_UNLINKED)
_NO_JIT: Final = sql.SQL("SET LOCAL jit = off")


async def rows_of(
    conn: Conn, query: sql.SQL | sql.Composed, build: Callable[[Batch], list[Any]] | None = None
) -> Sequence[Any]:
    """``query``'s rows; with ``build``, the models it makes of each batch as it arrives
    (``Built``), so that a load builds while the server is still sending."""
    _sent[0] += 1
    # JIT off: a pass over a large pg_class crosses jit_above_cost, and compiling took the server
    # 0.3 s of the relations' 3.5 s at 10,000 tenant schemas, for a query it runs once.
    async with conn.transaction():
        await conn.execute(_NO_JIT)
        found: list[Any] = []
        async for batch in _batches(conn, query):
            if build is not None:
                found.extend(build(batch))
            else:
                if query in _INTERNED:  # their names interned now: see there
                    row_models.intern_names(batch)
                found.extend(batch)
            await asyncio.sleep(0)  # let the other loads (and the GIL) move between batches
    return found if build is None else Built(found)


async def _batches(conn: Conn, query: sql.SQL | sql.Composed) -> AsyncIterator[Batch]:
    cur = conn.cursor()
    if not _CHUNKED:
        await cur.execute(query)
        while batch := await cur.fetchmany(_BATCH):
            yield batch
        return
    batch = []
    async for row in cur.stream(query, size=_BATCH):
        batch.append(row)
        if len(batch) == _BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


async def part_rows(
    pool: Connects,
    query: sql.SQL | sql.Composed,
    tolerant: bool,
    build: Callable[[Batch], list[Any]] | None,
) -> tuple[Sequence[Any], str | None]:
    """``rows_of`` on a connection of the pool; a part the login may not read is no rows and
    the server's reason (as is any failure of a ``tolerant`` one: a Citus node's)."""
    try:
        async with pool.connection() as conn:
            return await rows_of(conn, query, build), None
    except psycopg.errors.InsufficientPrivilege as exc:
        return [], f"no access: {exc.diag.message_primary or exc}"
    except psycopg.errors.DatabaseError as exc:
        if not tolerant:
            raise
        # A query that asks the Citus nodes: one node down must not hide the whole catalog.
        _log.warning("a Citus node query failed: %s", exc.diag.message_primary or exc)
        return [], str(exc.diag.message_primary or exc)


# How one row of each job becomes a model.
BUILDERS: Final[dict[str, Callable[[tuple[Any, ...]], Any]]] = {
    **citus_catalog.row_builders(),
    **owned_objects.row_builders(),
    **row_models.ROW_BUILDERS,
}

# Jobs ``load_catalog`` builds as their rows arrive: each row a model (or several) on its own.
# Not the schemas (they need SCHEMA_COUNTS' rows) nor Citus's (a failed node's problem is added).
ON_ARRIVAL: Final = frozenset(owned_objects.row_builders()) | frozenset(row_models.ROW_BUILDERS)


def batch_builder(key: str, jobs: Collection[str]) -> Callable[[Batch], list[Any]] | None:
    """How ``key``'s batches become models if it is one of ``jobs`` built on arrival."""
    if key not in jobs or key not in ON_ARRIVAL:
        return None
    convert = BUILDERS[key]
    if key == "relations":  # one row per schema, kind, owner and ACL: a list of models each
        return lambda batch: list(chain.from_iterable(map(convert, batch)))
    return lambda batch: list(map(convert, batch))
