"""What ``schemadesk schemas`` lists, read lean: the loader's SCHEMAS and SCHEMA_COUNTS rows,
side by side on two connections, as tuples (no ``Schema`` models, no ACL parsed for the table).

SCHEMA_COUNTS is a pass over ``pg_class`` (0.4 s of server time at 10,000 tenant schemas);
SCHEMAS and CONTEXT run meanwhile on the other connection. A Citus coordinator's schemas say
where they live, which only the catalog loader reads: there the list is the loader's.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from schemadesk.core.access.models import Catalog
from schemadesk.core.models import SchemaInfo
from schemadesk.db.access import queries
from schemadesk.db.access.loader import Part, load_catalog, schema_sizes
from schemadesk.db.access.readable import CONTEXT, catalog_rows, refuse_unavailable, refused_as
from schemadesk.db.connects import Connects

Row = tuple[Any, ...]


@dataclass(frozen=True)
class SchemaList:
    """SCHEMAS' rows with their counts by name and, when asked, exact sizes; or on a Citus
    coordinator the loader's ``SchemaInfo`` list (``infos``) instead."""

    rows: Sequence[Row] = ()
    counts: dict[str, Row] | None = None
    sizes: dict[str, int] | None = None
    infos: list[SchemaInfo] | None = None


# What each read lists, as its error says when the login may not read a catalog it joins (the
# two share some: the one refused first is said, the server's reason names the catalog).
_SCHEMAS = "the schemas (pg_namespace)"
_COUNTS = "the schemas' counts (pg_class, pg_proc)"


async def _rows(pool: Connects, query: Any, catalog: str) -> list[Row]:
    async with pool.connection() as conn:
        return await catalog_rows(conn, query, catalog)


async def _context_and_schemas(pool: Connects) -> tuple[bool, list[Row]]:
    """Whether this is a Citus coordinator, and SCHEMAS' rows (none there) on one connection."""
    async with pool.connection() as conn:
        # CONTEXT's last column: the citus extension's version (no transaction around it, as
        # the loader's reads have: three statements more for a one-row answer).
        context = await (await refused_as(CONTEXT, conn.execute(queries.CONTEXT))).fetchone()
        if context is None or context[-1] is not None:
            return True, []
        return False, await catalog_rows(conn, queries.SCHEMAS, _SCHEMAS)


async def schema_list(pool: Connects, *, system: bool, exact_sizes: bool) -> SchemaList:
    """The schemas (``system``: ``pg_*`` and ``information_schema`` too) with their counts and
    the planner's size, or with ``exact_sizes`` the size on disk (see ``schema_sizes``)."""
    counting = asyncio.ensure_future(_rows(pool, queries.SCHEMA_COUNTS, _COUNTS))
    try:
        citus, rows = await _context_and_schemas(pool)
    except BaseException:
        counting.cancel()
        if counting.done() and not counting.cancelled():
            counting.exception()  # the same refusal, said once: by the read that raised first
        raise
    if citus:
        counting.cancel()
        return SchemaList(infos=await _loader_list(pool, system=system, exact_sizes=exact_sizes))
    counts = {row[0]: row for row in await counting}
    if not system:
        rows = [row for row in rows if not is_system(row[0])]
    sizes = await schema_sizes(pool, [row[0] for row in rows]) if exact_sizes else None
    return SchemaList(rows, counts, sizes)


def is_system(name: str) -> bool:
    """``SchemaInfo.is_system`` of a schema's name."""
    return name.startswith("pg_") or name == "information_schema"


async def _loader_list(pool: Connects, *, system: bool, exact_sizes: bool) -> list[SchemaInfo]:
    """The list from the catalog loader's schemas (a Citus coordinator's say where they live)."""
    only: tuple[Part, ...] = ("schemas",)
    catalog: Catalog = await refused_as(CONTEXT, load_catalog(pool, only))
    refuse_unavailable(catalog, only)  # no list rather than an empty one
    listed = [s for s in catalog.schemas if system or not s.is_system]
    if not exact_sizes:
        return [replace(s.info(), size_bytes=s.size_bytes) for s in listed]
    shown = [s.info() for s in listed]
    sizes = await schema_sizes(pool, [s.name for s in shown])
    return [replace(s, size_bytes=sizes.get(s.name, 0)) for s in shown]
