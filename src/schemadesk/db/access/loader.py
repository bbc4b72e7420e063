"""Load the access catalog of one database: one aggregated query per kind of object."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Collection, Sequence
from typing import Any, Final, Literal, TypeVar, cast

import psycopg
from psycopg import sql
from psycopg_pool import AsyncConnectionPool

from schemadesk.core.access.acl import parse_acl_array
from schemadesk.core.access.models import (
    Catalog,
    CatalogContext,
    DefaultObjectType,
    DefaultPrivilege,
    Function,
    Membership,
    Relation,
    Role,
    RoleSetting,
    Schema,
    Unavailable,
)
from schemadesk.db.access import queries

Part = Literal["schemas", "roles", "memberships", "relations", "functions", "default_privileges"]
ALL_PARTS: Final[tuple[Part, ...]] = (
    "schemas",
    "roles",
    "memberships",
    "relations",
    "functions",
    "default_privileges",
)

_RELKIND: Final = {
    "r": "table",
    "p": "table",
    "v": "view",
    "m": "materialized view",
    "f": "foreign table",
    "S": "sequence",
}
_PROKIND: Final = {"f": "function", "p": "procedure", "a": "aggregate", "w": "window"}
_DEFACL: Final[dict[str, DefaultObjectType]] = {
    "r": "tables",
    "S": "sequences",
    "f": "functions",
    "T": "types",
    "n": "schemas",
}

T = TypeVar("T")
Conn = psycopg.AsyncConnection[Any]


# Rows are converted in batches: psycopg converts a fetch in C without letting other threads
# run, and the window's thread must get the interpreter back every few milliseconds.
_BATCH = 2000


async def _rows(conn: Conn, query: sql.SQL) -> list[tuple[Any, ...]]:
    cur = await conn.execute(query)
    rows: list[tuple[Any, ...]] = []
    while batch := await cur.fetchmany(_BATCH):
        rows.extend(batch)
        await asyncio.sleep(0)  # let the other loads (and the GIL) move between batches
    return rows


async def load_context(conn: Conn) -> CatalogContext:
    """Server version, database, its owner and who we are."""
    rows = await _rows(conn, queries.CONTEXT)
    version, database, db_owner, user, is_super, options, acl = rows[0]
    return CatalogContext(
        version, database, db_owner, user, is_super, options, parse_acl_array(acl)
    )


async def load_catalog(
    pool: AsyncConnectionPool[Any], parts: Collection[Part] = ALL_PARTS
) -> Catalog:
    """The access catalog; parts not asked for stay empty, parts the login cannot read are
    recorded in ``Catalog.unavailable`` (``no access``) instead of failing the load.

    Each kind of object is one query; the queries run side by side on the pool's connections
    (the server works on them in parallel), so the load takes about as long as the slowest.
    """
    async with pool.connection() as conn:
        context = await load_context(conn)
    membership_query = (
        queries.MEMBERSHIPS_PG16 if context.membership_options else queries.MEMBERSHIPS_PRE16
    )
    jobs: list[tuple[str, Part, sql.SQL, Callable[[list[tuple[Any, ...]]], Any]]] = [
        ("relations", "relations", queries.RELATIONS, _relations),  # the slowest first
        ("schemas", "schemas", queries.SCHEMAS, _schemas),
        ("roles", "roles", queries.ROLES, _roles),
        ("settings", "roles", queries.ROLE_SETTINGS, _settings),
        ("memberships", "memberships", membership_query, _memberships),
        ("functions", "functions", queries.FUNCTIONS, _functions),
        ("default_privileges", "default_privileges", queries.DEFAULT_PRIVILEGES, _defaults),
    ]
    jobs = [job for job in jobs if job[1] in parts]
    done = await asyncio.gather(*(_part(pool, query, build) for _, _, query, build in jobs))
    found: dict[str, Any] = {}
    unavailable: list[Unavailable] = []
    for (key, part, _, _), (value, problem) in zip(jobs, done, strict=True):
        found[key] = value
        if problem is not None and all(u.part != part for u in unavailable):
            unavailable.append(Unavailable(part, problem))
    roles: tuple[Role, ...] = found.get("roles") or ()
    settings: dict[str, list[RoleSetting]] = found.get("settings") or {}
    if settings:
        roles = tuple(
            _with_settings(r, settings[r.name]) if r.name in settings else r for r in roles
        )
    order = {part: i for i, part in enumerate(ALL_PARTS)}
    return Catalog(
        context=context,
        schemas=found.get("schemas") or (),
        roles=roles,
        memberships=found.get("memberships") or (),
        relations=found.get("relations") or (),
        functions=found.get("functions") or (),
        default_privileges=found.get("default_privileges") or (),
        unavailable=tuple(sorted(unavailable, key=lambda u: order[cast(Part, u.part)])),
    )


async def _part(
    pool: AsyncConnectionPool[Any],
    query: sql.SQL,
    build: Callable[[list[tuple[Any, ...]]], T],
) -> tuple[T | None, str | None]:
    try:
        async with pool.connection() as conn:
            rows = await _rows(conn, query)
    except psycopg.errors.InsufficientPrivilege as exc:
        return None, f"no access: {exc.diag.message_primary or exc}"
    return build(rows), None


async def schema_sizes(pool: AsyncConnectionPool[Any], schemas: Sequence[str]) -> dict[str, int]:
    """Exact on-disk bytes of the given schemas (``Schema.size_bytes`` is the estimate)."""
    async with pool.connection() as conn:
        cur = await conn.execute(queries.SCHEMA_SIZES, [list(schemas)])
        return {name: int(size) for name, size in await cur.fetchall()}


def _schemas(rows: Sequence[tuple[Any, ...]]) -> tuple[Schema, ...]:
    return tuple(
        Schema(name, owner, t, v, s, f, size, comment, parse_acl_array(acl), is_default, usable)
        for name, owner, t, v, s, f, size, comment, acl, is_default, usable in rows
    )


def _roles(rows: Sequence[tuple[Any, ...]]) -> tuple[Role, ...]:
    return tuple(Role(*row) for row in rows)


def _settings(rows: Sequence[tuple[Any, ...]]) -> dict[str, list[RoleSetting]]:
    out: dict[str, list[RoleSetting]] = {}
    for role, database, config in rows:
        for entry in config or ():
            name, _, value = str(entry).partition("=")
            out.setdefault(role, []).append(RoleSetting(database, name, value))
    return out


def _with_settings(role: Role, settings: list[RoleSetting]) -> Role:
    ordered = sorted(settings, key=lambda s: (s.database is not None, s.database or "", s.name))
    return Role(
        role.name,
        role.oid,
        role.login,
        role.superuser,
        role.createdb,
        role.createrole,
        role.inherit,
        role.replication,
        role.bypassrls,
        role.connection_limit,
        role.valid_until,
        role.comment,
        tuple(ordered),
    )


def _memberships(rows: Sequence[tuple[Any, ...]]) -> tuple[Membership, ...]:
    return tuple(Membership(*row) for row in rows)


def _relations(rows: Sequence[tuple[Any, ...]]) -> tuple[Relation, ...]:
    return tuple(
        Relation(
            schema,
            name,
            cast(Any, _RELKIND[kind]),
            owner,
            parse_acl_array(acl),
            is_default,
            owned_by,
        )
        for schema, name, kind, owner, acl, is_default, owned_by in rows
    )


def _functions(rows: Sequence[tuple[Any, ...]]) -> tuple[Function, ...]:
    return tuple(
        Function(
            schema, name, args, cast(Any, _PROKIND[kind]), owner, parse_acl_array(acl), is_default
        )
        for schema, name, args, kind, owner, acl, is_default in rows
    )


def _defaults(rows: Sequence[tuple[Any, ...]]) -> tuple[DefaultPrivilege, ...]:
    return tuple(
        DefaultPrivilege(role, schema, _DEFACL[objtype], parse_acl_array(acl))
        for role, schema, objtype, acl in rows
    )
