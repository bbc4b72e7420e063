"""Rows of a catalog query that a login may be refused (the lean reads of the command line)."""

from __future__ import annotations

from typing import Any

import psycopg

Row = tuple[Any, ...]


async def readable_rows(conn: Any, query: Any) -> list[Row]:
    """``query``'s rows; none where the login may not read the catalog, as the loader's part
    of it (``reads.part_rows``: "no access")."""
    try:
        cur = await conn.execute(query)
    except psycopg.errors.InsufficientPrivilege:
        return []
    return list(await cur.fetchall())
