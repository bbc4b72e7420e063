"""The access catalog of each Citus worker, read through the coordinator.

``run_command_on_workers`` runs each catalog query on every worker as the current role (no
connection of our own to the nodes, so no credentials to find for them); each query is wrapped
to return its rows as one JSON text. Shard tables are left out, as the coordinator's own
catalog leaves them out: a node's catalog lists the same tables as the coordinator's.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any, Final

import psycopg
from psycopg import sql

from schemadesk.core.access.acl import parse_acl_array
from schemadesk.core.access.models import Catalog, CatalogContext
from schemadesk.db.access import queries
from schemadesk.db.access.loader import CatalogBuilder, CatalogRows, load_catalog, load_context
from schemadesk.db.connects import Connects

ON_WORKERS: Final = sql.SQL(
    "SELECT nodename::text || ':' || nodeport::text, success, result"
    " FROM run_command_on_workers(%s)"
)

# Relations of a node without its shards (their names end in _<shard id>): RELATIONS's groups
# (schema, kind, owner, ACL, default?, names, tables owning the sequences) opened, the shards
# left out, and grouped again. The text is sent as a parameter, never run by psycopg itself: no
# placeholder escaping.
_RELATIONS_NOT_SHARDS: Final = sql.SQL(
    """
SELECT q.c1, q.c2, q.c3, q.c4, q.c5, array_agg(u.name ORDER BY u.name),
       CASE WHEN q.c2 = 'S' THEN array_agg(u.owned_by ORDER BY u.name) END
  FROM ({}) AS q(c1, c2, c3, c4, c5, c6, c7)
 CROSS JOIN LATERAL unnest(q.c6, q.c7) AS u(name, owned_by)
 WHERE NOT relation_is_a_known_shard(format('%I.%I', q.c1, u.name)::regclass)
 GROUP BY q.c1, q.c2, q.c3, q.c4, q.c5
"""
).format(queries.RELATIONS)


async def _wrapped(
    conn: psycopg.AsyncConnection[Any], query: sql.Composable, where: sql.SQL
) -> str:
    """``query`` as one that returns all its rows as a JSON array of arrays."""
    cur = await conn.execute(sql.SQL("SELECT * FROM ({}) q LIMIT 0").format(query))
    names = [sql.Identifier(f"c{i}") for i in range(1, len(cur.description or ()) + 1)]
    columns = sql.SQL(", ").join(sql.SQL("q.{}").format(n) for n in names)
    wrapped = sql.SQL(
        "SELECT coalesce(json_agg(json_build_array({})), '[]')::text FROM ({}) AS q({}){}"
    ).format(columns, query, sql.SQL(", ").join(names), where)
    return wrapped.as_string(conn)


async def load_node_catalogs(pool: Connects) -> dict[str, Catalog | str]:
    """``host:port`` of each active worker -> its catalog, or why it could not be read."""
    async with pool.connection() as conn:
        context = await load_context(conn)
        memberships = (
            queries.MEMBERSHIPS_PG16 if context.membership_options else queries.MEMBERSHIPS_PRE16
        )
        jobs = {
            "schemas": (queries.SCHEMAS, sql.SQL("")),
            "roles": (queries.ROLES, sql.SQL("")),
            "settings": (queries.ROLE_SETTINGS, sql.SQL("")),
            "memberships": (memberships, sql.SQL("")),
            "relations": (_RELATIONS_NOT_SHARDS, sql.SQL("")),
            "extension_relations": (queries.EXTENSION_RELATIONS, sql.SQL("")),
            "default_privileges": (queries.DEFAULT_PRIVILEGES, sql.SQL("")),
        }
        texts = {key: await _wrapped(conn, q, where) for key, (q, where) in jobs.items()}
        texts["context"] = await _wrapped(conn, queries.CONTEXT, sql.SQL(""))
        results: dict[str, dict[str, Any]] = {}
        failed: dict[str, str] = {}
        for key, text in texts.items():
            cur = await conn.execute(ON_WORKERS, [text])
            for address, success, result in await cur.fetchall():
                if not success:
                    failed.setdefault(address, str(result))
                else:
                    results.setdefault(address, {})[key] = json.loads(result)
    out: dict[str, Catalog | str] = dict(failed)
    for address, found in results.items():
        if address not in failed:
            out[address] = _catalog(found)
    return out


def _catalog(found: dict[str, Any]) -> Catalog:
    version, database, db_owner, user, is_super, options, acl, citus = found["context"][0]
    context = CatalogContext(
        version, database, db_owner, user, is_super, options, parse_acl_array(acl), citus
    )
    rows: dict[str, list[tuple[Any, ...]]] = {}
    for key, value in found.items():
        if key == "roles":  # valid_until arrives as JSON text
            rows[key] = [(*r[:10], _timestamp(r[10]), *r[11:]) for r in value]
        elif key != "context":
            rows[key] = [tuple(r) for r in value]
    return CatalogBuilder(CatalogRows(context, rows, ())).build()


def _timestamp(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)


async def read_cluster(
    pool: Connects, *, catalog_needed: bool
) -> tuple[Catalog | None, dict[str, Catalog | str]]:
    """The catalog and, on a Citus coordinator, each worker's catalog (read through it).
    Without ``catalog_needed``, a plain server is asked only who it is."""
    if not catalog_needed:
        async with pool.connection() as conn:
            if (await load_context(conn)).citus_version is None:
                return None, {}
    catalog = await load_catalog(pool)
    if catalog.citus is None:
        return catalog, {}
    return catalog, await load_node_catalogs(pool)
