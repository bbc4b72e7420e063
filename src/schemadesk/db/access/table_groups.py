"""The tables of each schema grouped by owner and ACL, counted by the server.

``schemadesk privileges --role R`` shows, per schema, how many of its tables the role holds each
DML right on. That depends only on each table's owner and ACL, so the server groups the tables
by them (a few rows per schema) instead of sending all of them (400,000 at 10,000 tenant
schemas, most of the verb's time). The same tables as the loader's ``RELATIONS`` of a table
kind (``Relation.privilege_kind == "table"``), with the same default ACL when none is set.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from typing import Final

from psycopg import sql

from schemadesk.core.access.acl import AclItem, parse_acl_array
from schemadesk.core.access.models import Catalog
from schemadesk.db.access.loader import CatalogBuilder, Part, fetch_catalog_rows
from schemadesk.db.connects import Connects

TableGroup = tuple[str, tuple[AclItem, ...], int]  # owner, ACL, how many tables

TABLE_GROUPS: Final = sql.SQL(
    """
SELECT n.nspname::text, pg_get_userbyid(c.relowner)::text,
       coalesce(c.relacl, acldefault('r'::"char", c.relowner))::text AS acl, count(*)
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')
   AND n.nspname NOT IN ('pg_catalog', 'information_schema')
   AND n.nspname NOT LIKE 'pg\\_toast%'
   AND n.nspname NOT LIKE 'pg\\_temp\\_%'
 GROUP BY n.nspname, c.relowner, acl
"""
)


async def table_groups(pool: Connects) -> Mapping[str, Sequence[TableGroup]]:
    """Per schema: (owner, ACL, number of tables) of its tables, views and foreign tables."""
    async with pool.connection() as conn:
        cur = await conn.execute(TABLE_GROUPS)
        rows = await cur.fetchall()
    groups: dict[str, list[TableGroup]] = {}
    for schema, owner, acl, count in rows:
        # parse_acl_array is cached by text: groups with one ACL share one tuple
        groups.setdefault(schema, []).append((owner, parse_acl_array(acl), int(count)))
    return groups


async def matrix_catalog(pool: Connects) -> tuple[Catalog, Mapping[str, Sequence[TableGroup]]]:
    """What a role's privilege matrix reads: schemas, roles and memberships, and the grouped
    tables (no relations or functions), side by side on the pool."""
    parts: tuple[Part, ...] = ("schemas", "roles", "memberships")
    # Not the schemas' counts and sizes (a pass over pg_class, about a second at 10,000 tenant
    # schemas): the matrix counts tables from the groups.
    rows, groups = await asyncio.gather(
        fetch_catalog_rows(pool, parts, skip=("schema_counts",)), table_groups(pool)
    )
    return CatalogBuilder(rows).build(), groups
