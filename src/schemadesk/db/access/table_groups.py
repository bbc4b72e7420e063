"""The tables of each schema grouped by owner and ACL, counted by the server.

``schemadesk privileges --role R`` shows, per schema, how many of its tables the role holds each
DML right on. That depends only on each table's owner and ACL, so the server groups the tables
by them (a few rows per schema) instead of sending all of them (400,000 at 10,000 tenant
schemas, most of the verb's time). The same tables as the loader's ``RELATIONS`` of a table
kind (``Relation.privilege_kind == "table"``), with the same default ACL when none is set.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping, Sequence
from typing import Final

from psycopg import sql

from schemadesk.core.access.models import Catalog
from schemadesk.db.access import reads
from schemadesk.db.access.loader import CatalogBuilder, Part, fetch_catalog_rows
from schemadesk.db.connects import Connects

# owner, ACL (an ``aclitem[]``'s text, the default spelled out), how many tables. The text, not
# parsed: 10,000 tenant schemas' groups have 10,000 ACLs, nearly none granting the role asked
# about anything, and the matrix parses only those that may (60-80 ms after the rows came).
TableGroup = tuple[str, str, int]

# Grouped by the raw owner and ACL first, named and rendered after: the server hashes 200,000
# tables' (namespace, owner, aclitem[]) instead of sorting their names and ACL texts (which
# spilled to disk), and says 10,000 groups' names and texts rather than 200,000 (0.41-0.56 s
# → 0.34 s of server time at 10,000 tenant schemas). A table whose ACL is NULL and one whose ACL
# spells out the default come as two groups of the same text: the matrix adds them up.
TABLE_GROUPS: Final = sql.SQL(
    """
SELECT n.nspname::text, pg_get_userbyid(g.relowner)::text,
       coalesce(g.relacl, acldefault('r'::"char", g.relowner))::text, g.tables
  FROM (SELECT c.relnamespace, c.relowner, c.relacl, count(*) AS tables
          FROM pg_class c
         WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')
         GROUP BY c.relnamespace, c.relowner, c.relacl) g
  JOIN pg_namespace n ON n.oid = g.relnamespace
 WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
   AND n.nspname NOT LIKE 'pg\\_toast%'
   AND n.nspname NOT LIKE 'pg\\_temp\\_%'
"""
)


async def table_groups(pool: Connects) -> Mapping[str, Sequence[TableGroup]]:
    """Per schema: (owner, ACL, number of tables) of its tables, views and foreign tables."""
    async with pool.connection() as conn:
        cur = await conn.execute(TABLE_GROUPS)
        rows = await cur.fetchall()
    groups: dict[str, list[TableGroup]] = {}
    for schema, owner, acl, count in rows:
        groups.setdefault(schema, []).append((owner, acl, count))
    return groups


async def matrix_catalog(
    pool: Connects, then: Callable[[Catalog], object] | None = None
) -> tuple[Catalog, Mapping[str, Sequence[TableGroup]]]:
    """What a role's privilege matrix reads: schemas, roles and memberships, and the grouped
    tables (no relations or functions), side by side on the pool; ``then`` is called with the
    catalog as soon as it is built, while the server may still be grouping the tables."""
    parts: tuple[Part, ...] = ("schemas", "roles", "memberships")
    # Not the schemas' counts and sizes (a pass over pg_class, about a second at 10,000 tenant
    # schemas): the matrix counts tables from the groups. Nor the roles' settings, which no
    # right depends on (10,000 of them merged into their roles: 40 ms).
    skip = ("schema_counts", "settings")

    async def catalog() -> Catalog:
        # Built while the server still groups the tables (a third of a second at 10,000 tenant
        # schemas): built after both, the models' 0.2-0.3 s came on top of it.
        rows = await fetch_catalog_rows(pool, parts, skip=skip, as_models=reads.ON_ARRIVAL)
        built = CatalogBuilder(rows).build()
        if then is not None:
            then(built)
        return built

    # The grouping asked first: it takes the connection already open (a connection more for
    # the catalog's reads costs them 5-10 ms; the grouping is what the verb waits for).
    groups, built = await asyncio.gather(table_groups(pool), catalog())
    return built, groups
