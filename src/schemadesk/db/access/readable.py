"""Rows of a catalog query that a login may be refused (the lean reads of the command line).

A list read from a catalog the login may not read is not an empty list: ``roles`` printing no
role (or no membership) would say there are none. The read fails instead, naming what it could
not read and the server's reason, and the verb exits 1 (a statement failed).
"""

from __future__ import annotations

from collections.abc import Awaitable, Collection
from typing import Any, Final, TypeVar

import psycopg

from schemadesk.core.access.models import Catalog
from schemadesk.core.errors import SchemadeskError
from schemadesk.core.messages_db import say

Row = tuple[Any, ...]
T = TypeVar("T")

# What the server's context (``queries.CONTEXT``: the database, its owner, whether we are a
# superuser) is read from; every list reads it first.
CONTEXT: Final = "the server's context (pg_database, pg_roles)"


class CatalogUnreadable(SchemadeskError):
    """A catalog a list needs that the login may not read (exit 1: a statement failed)."""


async def catalog_rows(conn: Any, query: Any, catalog: str) -> list[Row]:
    """``query``'s rows; ``CatalogUnreadable`` naming ``catalog`` (what the query reads) and
    the server's reason where the login may not read it."""
    cur = await refused_as(catalog, conn.execute(query))
    return list(await cur.fetchall())


async def refused_as(catalog: str, read: Awaitable[T]) -> T:
    """``read``'s result; ``CatalogUnreadable`` naming ``catalog`` where the server refused
    the login a catalog it reads (the loader's context, read before its tolerant parts)."""
    try:
        return await read
    except psycopg.errors.InsufficientPrivilege as exc:
        reason = exc.diag.message_primary or str(exc)
        raise CatalogUnreadable(say("catalog-unreadable", catalog=catalog, reason=reason)) from None


def refuse_unavailable(catalog: Catalog, parts: Collection[str]) -> None:
    """``CatalogUnreadable`` for the first of ``parts`` the catalog loader left out (it keeps
    the load going with the part empty, which a list would print as "none")."""
    for missing in catalog.unavailable:
        if missing.part in parts:
            what = f"the catalog's {missing.part}"
            raise CatalogUnreadable(say("catalog-unreadable", catalog=what, reason=missing.reason))
