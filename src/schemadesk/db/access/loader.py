"""Load the access catalog of one database: one aggregated query per kind of object."""

from __future__ import annotations

import asyncio
import logging
import sys
from collections import deque
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import replace
from typing import Any, Final, cast

import psycopg
from psycopg import sql

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
from schemadesk.core.long_lived import building_long_lived
from schemadesk.db import citus_catalog
from schemadesk.db.access import fingerprint, owned_objects, queries

# Re-exported: the window and the command line import them from the loader.
from schemadesk.db.access.rows import ALL_PARTS as ALL_PARTS  # noqa: PLC0414
from schemadesk.db.access.rows import CatalogRows as CatalogRows  # noqa: PLC0414
from schemadesk.db.access.rows import Part as Part  # noqa: PLC0414
from schemadesk.db.connects import Connects

_log = logging.getLogger(__name__)

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

Conn = psycopg.AsyncConnection[Any]


# Rows are converted in batches: psycopg converts a fetch in C without letting other threads
# run, and the window's thread must get the interpreter back every few milliseconds.
_BATCH = 500


_sent = [0]  # queries sent by this module, for the tests that count round trips


def queries_sent() -> int:
    """How many catalog queries this process sent so far (a constant number per load)."""
    return _sent[0]


async def _rows(conn: Conn, query: sql.SQL) -> list[tuple[Any, ...]]:
    _sent[0] += 1
    cur = await conn.execute(query)
    rows: list[tuple[Any, ...]] = []
    while batch := await cur.fetchmany(_BATCH):
        rows.extend(batch)
        await asyncio.sleep(0)  # let the other loads (and the GIL) move between batches
    return rows


async def load_context(conn: Conn) -> CatalogContext:
    """Server version, database, its owner and who we are."""
    rows = await _rows(conn, queries.CONTEXT)
    version, database, db_owner, user, is_super, options, acl, citus = rows[0]
    return CatalogContext(
        version, database, db_owner, user, is_super, options, parse_acl_array(acl), citus
    )


async def load_catalog(pool: Connects, parts: Collection[Part] = ALL_PARTS) -> Catalog:
    """The access catalog; parts not asked for stay empty, parts the login cannot read are
    recorded in ``Catalog.unavailable`` (``no access``) instead of failing the load.

    Each kind of object is one query; the queries run side by side on the pool's connections
    (the server works on them in parallel), so the load takes about as long as the slowest.
    """
    return CatalogBuilder(await fetch_catalog_rows(pool, parts)).build()


async def fetch_catalog_rows(
    pool: Connects,
    parts: Collection[Part] = ALL_PARTS,
    reuse: CatalogRows | None = None,
    changed: frozenset[str] | None = None,
) -> CatalogRows:
    """The rows of ``load_catalog``: the window builds the models from them in slices.

    With ``reuse`` (rows read before) and ``changed`` (the catalogs changed since, see
    ``fingerprint.catalog_changes``), a job none of whose catalogs changed is taken from
    ``reuse`` instead of being asked again."""
    async with pool.connection() as conn:
        context = await load_context(conn)
    membership_query = (
        queries.MEMBERSHIPS_PG16 if context.membership_options else queries.MEMBERSHIPS_PRE16
    )
    jobs: list[tuple[str, Part, sql.SQL]] = [
        ("relations", "relations", queries.RELATIONS),  # the slowest first
        ("extension_relations", "relations", queries.EXTENSION_RELATIONS),
        ("schemas", "schemas", queries.SCHEMAS),
        ("roles", "roles", queries.ROLES),
        ("settings", "roles", queries.ROLE_SETTINGS),
        ("memberships", "memberships", membership_query),
        ("functions", "functions", queries.FUNCTIONS),
        ("default_privileges", "default_privileges", queries.DEFAULT_PRIVILEGES),
    ]
    jobs += [(key, cast(Part, part), query) for key, part, query in owned_objects.JOBS]
    if context.citus_version is not None:  # a coordinator: where schemas live, table kinds
        jobs += [(key, cast(Part, part), query) for key, part, query in citus_catalog.JOBS]
    jobs = [job for job in jobs if job[1] in parts]
    kept = fingerprint.kept_rows({key: part for key, part, _ in jobs}, reuse, changed)
    jobs = [job for job in jobs if job[0] not in kept]
    # Hundreds of thousands of rows arrive: a collector pass meanwhile would scan them all while
    # holding the interpreter (a frozen window); reference counting frees them after the build.
    with building_long_lived():
        done = await asyncio.gather(
            *(_part(pool, query, tolerant=key in citus_catalog.TOLERANT) for key, _, query in jobs)
        )
    rows: dict[str, Sequence[tuple[Any, ...]]] = dict(kept)
    unavailable: list[Unavailable] = []
    for (key, part, _), (found, problem) in zip(jobs, done, strict=True):
        rows[key] = found
        if problem is not None and key in citus_catalog.TOLERANT:
            rows[citus_catalog.PROBLEMS] = [*rows.get(citus_catalog.PROBLEMS, ()), (problem,)]
        elif problem is not None and all(u.part != part for u in unavailable):
            unavailable.append(Unavailable(part, problem))
    order = {part: i for i, part in enumerate(ALL_PARTS)}
    return CatalogRows(
        context,
        rows,
        tuple(sorted(unavailable, key=lambda u: order[cast(Part, u.part)])),
    )


class CatalogBuilder:
    """Turns ``CatalogRows`` into a ``Catalog``, a few hundred rows per step.

    ``build()`` does it at once; the window runs ``steps()`` in slices on its loop so that no
    other thread holds the interpreter while it paints. The models are built as long-lived
    data (see ``core.long_lived``): the collector pauses meanwhile and skips them afterwards.
    """

    STEP_ROWS: Final = 250

    def __init__(self, rows: CatalogRows) -> None:
        self._rows = rows
        self._built: dict[str, list[Any]] = {}
        self._indexes: dict[str, dict[Any, Any]] = {}
        self._done = False

    def steps(self) -> Iterator[None]:
        """Build every part, yielding after each ``STEP_ROWS`` rows."""
        self._built = {}
        # The catalog's lookups are filled as the rows are built: its first lookup would
        # otherwise walk a whole part at once (400,000 relations at 10,000 tenant schemas).
        self._indexes = {}
        with building_long_lived():
            for key, rows in self._rows.rows.items():
                convert = _ROW_BUILDERS[key]
                built = self._built.setdefault(key, [])
                for start in range(0, len(rows), self.STEP_ROWS):
                    new = [convert(row) for row in rows[start : start + self.STEP_ROWS]]
                    built.extend(new)
                    index = _INDEXERS.get(key)
                    if index is not None:
                        index(self._indexes, new)
                    yield
            yield from self._merge_settings()
        self._done = True

    def _merge_settings(self) -> Iterator[None]:
        settings: dict[str, list[RoleSetting]] = {}
        for pairs in self._built.get("settings", []):  # one list per row: a role's settings
            for role, setting in pairs:
                settings.setdefault(role, []).append(setting)
        roles: list[Role] = self._built.get("roles", [])
        by_name: dict[str, Role] = {}
        for start in range(0, len(roles), self.STEP_ROWS):
            for i in range(start, min(start + self.STEP_ROWS, len(roles))):
                if roles[i].name in settings:
                    roles[i] = _with_settings(roles[i], settings[roles[i].name])
                by_name[roles[i].name] = roles[i]
            yield
        self._indexes["_roles"] = by_name

    def build(self) -> Catalog:
        """The catalog; built now, from the start, unless ``steps()`` already ran to its end."""
        if not self._done:
            deque(self.steps(), maxlen=0)
        found = self._built
        schemas: tuple[Schema, ...] = tuple(found.get("schemas", ()))
        version = self._rows.context.citus_version
        cluster = None if version is None else citus_catalog.build_cluster(version, found)
        if cluster is not None:
            schemas = tuple(replace(s, citus=cluster.schema(s.name)) for s in schemas)
        catalog = Catalog(
            context=self._rows.context,
            citus=cluster,
            schemas=schemas,
            roles=tuple(found.get("roles", ())),
            memberships=tuple(found.get("memberships", ())),
            relations=tuple(found.get("relations", ())),
            functions=tuple(found.get("functions", ())),
            default_privileges=tuple(found.get("default_privileges", ())),
            extension_relations=frozenset(found.get("extension_relations", ())),
            **owned_objects.catalog_fields(found),
            unavailable=self._rows.unavailable,
        )
        indexes = dict(self._indexes)
        if cluster is not None:
            indexes.pop("_schemas", None)  # replaced above with their Citus details
        catalog.prime(**indexes)
        return catalog


async def _part(
    pool: Connects, query: sql.SQL, *, tolerant: bool = False
) -> tuple[list[tuple[Any, ...]], str | None]:
    try:
        async with pool.connection() as conn:
            return await _rows(conn, query), None
    except psycopg.errors.InsufficientPrivilege as exc:
        return [], f"no access: {exc.diag.message_primary or exc}"
    except psycopg.errors.DatabaseError as exc:
        if not tolerant:
            raise
        # A query that asks the Citus nodes: one node down must not hide the whole catalog.
        _log.warning("a Citus node query failed: %s", exc.diag.message_primary or exc)
        return [], str(exc.diag.message_primary or exc)


async def schema_sizes(pool: Connects, schemas: Sequence[str]) -> dict[str, int]:
    """Exact on-disk bytes of the given schemas (``Schema.size_bytes`` is the estimate)."""
    async with pool.connection() as conn:
        cur = await conn.execute(queries.SCHEMA_SIZES, [list(schemas)])
        return {name: int(size) for name, size in await cur.fetchall()}


def _schema(row: tuple[Any, ...]) -> Schema:
    name, owner, t, v, seq, f, size, comment, acl, is_default, usable, extension = row
    return Schema(
        name,
        owner,
        t,
        v,
        seq,
        f,
        size,
        comment,
        parse_acl_array(acl),
        is_default,
        usable,
        extension,
    )


def _role(row: tuple[Any, ...]) -> Role:
    return Role(*row)


def _settings(row: tuple[Any, ...]) -> list[tuple[str, RoleSetting]]:
    role, database, config = row
    out = []
    for entry in config or ():
        name, _, value = str(entry).partition("=")
        out.append((role, RoleSetting(database, name, value)))
    return out


def _with_settings(role: Role, settings: list[RoleSetting]) -> Role:
    ordered = sorted(settings, key=lambda s: (s.database is not None, s.database or "", s.name))
    return replace(role, settings=tuple(ordered))


def _membership(row: tuple[Any, ...]) -> Membership:
    return Membership(*row)


# Every relation row brings its own copies of the schema and owner names, and tenant schemas
# repeat the same table names thousands of times: interned, one string serves them all (at
# 10,000 schemas × 20 tables, a third of the model's memory).
_intern = sys.intern


def _relation(row: tuple[Any, ...]) -> Relation:
    schema, name, kind, owner, acl, is_default, owned_by = row
    return Relation(
        _intern(schema),
        _intern(name),
        cast(Any, _RELKIND[kind]),
        _intern(owner),
        parse_acl_array(acl),
        is_default,
        None if owned_by is None else _intern(owned_by),
    )


def _function(row: tuple[Any, ...]) -> Function:
    schema, name, args, kind, owner, acl, is_default = row
    return Function(
        _intern(schema),
        _intern(name),
        args,
        cast(Any, _PROKIND[kind]),
        _intern(owner),
        parse_acl_array(acl),
        is_default,
    )


def _default(row: tuple[Any, ...]) -> DefaultPrivilege:
    role, schema, objtype, acl = row
    return DefaultPrivilege(role, schema, _DEFACL[objtype], parse_acl_array(acl))


def _group(name: str, key: Callable[[Any], Any]) -> Callable[[dict[str, Any], list[Any]], None]:
    def add(indexes: dict[str, Any], built: list[Any]) -> None:
        index = indexes.setdefault(name, {})
        for item in built:
            index.setdefault(key(item), []).append(item)

    return add


def _by_name(indexes: dict[str, Any], built: list[Any]) -> None:
    indexes.setdefault("_schemas", {}).update((item.name, item) for item in built)


# How the models of a job fill the catalog's lookups (see ``Catalog.prime``).
_INDEXERS: Final[dict[str, Callable[[dict[str, Any], list[Any]], None]]] = {
    "relations": _group("_relations", lambda r: r.schema),
    "memberships": _group("_grants", lambda m: (m.role, m.member)),
    "default_privileges": _group("_defaults", lambda d: (d.for_role, d.schema, d.object_type)),
    "schemas": _by_name,
}

# How one row of each job becomes a model.
_ROW_BUILDERS: Final[dict[str, Callable[[tuple[Any, ...]], Any]]] = {
    **citus_catalog.row_builders(),
    **owned_objects.row_builders(),
    "relations": _relation,
    "extension_relations": tuple,
    "schemas": _schema,
    "roles": _role,
    "settings": _settings,
    "memberships": _membership,
    "functions": _function,
    "default_privileges": _default,
}
