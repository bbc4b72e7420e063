"""Load the access catalog of one database: one aggregated query per kind of object."""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import replace
from functools import partial
from itertools import chain, groupby, islice
from operator import attrgetter
from typing import TYPE_CHECKING, Any, Final, cast

import psycopg
from psycopg import sql

from schemadesk.core.access.acl import parse_acl_array
from schemadesk.core.access.models import (
    Catalog,
    CatalogContext,
    Role,
    RoleSetting,
    Schema,
    Unavailable,
)
from schemadesk.core.long_lived import building_long_lived
from schemadesk.core.messages_db import say
from schemadesk.db import citus_catalog
from schemadesk.db.access import fingerprint, owned_objects, queries, reads, row_models
from schemadesk.db.access.readable import CatalogUnreadable
from schemadesk.db.access.reads import queries_sent as queries_sent  # noqa: PLC0414

# Re-exported: the window and the command line import them from the loader.
from schemadesk.db.access.rows import ALL_PARTS as ALL_PARTS  # noqa: PLC0414
from schemadesk.db.access.rows import Built
from schemadesk.db.access.rows import CatalogRows as CatalogRows  # noqa: PLC0414
from schemadesk.db.access.rows import Part as Part  # noqa: PLC0414
from schemadesk.db.connects import Connects

if TYPE_CHECKING:  # the reading verbs import no convention (``test_cli_fast_start``)
    from schemadesk.core.access.convention_model import Convention


Conn = psycopg.AsyncConnection[Any]


# Jobs the window reads after the first rows show: the schemas' counts and sizes cost the server
# a pass over pg_class (a second at 10,000 tenant schemas) that the list itself does not need.
LATE_JOBS: Final = frozenset({"schema_counts"})


async def load_context(conn: Conn) -> CatalogContext:
    """Server version, database, its owner and who we are."""
    rows = await reads.rows_of(conn, queries.CONTEXT)
    version, database, db_owner, user, is_super, options, acl, citus = rows[0]
    return CatalogContext(
        version, database, db_owner, user, is_super, options, parse_acl_array(acl), citus
    )


async def load_catalog(
    pool: Connects,
    parts: Collection[Part] = ALL_PARTS,
    *,
    links_for: Convention | None = None,
    skip: Collection[str] = (),
) -> Catalog:
    """The access catalog; parts not asked for stay empty, parts the login cannot read are
    recorded in ``Catalog.unavailable`` (``no access``) instead of failing the load.

    Each kind of object is one query; the queries run side by side on the pool's connections
    (the server works on them in parallel), so the load takes about as long as the slowest.
    With ``links_for`` (the convention a check of this catalog will use), a sequence's table
    is read only where that check reads it (``sequence_links``): at 10,000 tenant schemas in
    order, 60 % of the relations query's server time saved. ``skip``: see
    ``fetch_catalog_rows``.
    """
    if links_for is None or "relations" not in parts:
        rows = await fetch_catalog_rows(pool, parts, skip=skip, as_models=reads.ON_ARRIVAL)
        return CatalogBuilder(rows).build()
    from schemadesk.db.access import sequence_links  # the check's only: not on start

    # The relations stay rows here: their links are added to the rows of some schemas first.
    early = reads.ON_ARRIVAL - {"relations"}
    rows = await fetch_catalog_rows(pool, parts, skip=skip, linked=False, as_models=early)
    roles = CatalogRows(rows.context, {"roles": rows.rows.get("roles", ())}, ())
    schemas = sequence_links.wanted(rows, CatalogBuilder(roles).build(), links_for)
    return CatalogBuilder(await sequence_links.linked(pool, rows, schemas)).build()


async def fetch_catalog_rows(
    pool: Connects,
    parts: Collection[Part] = ALL_PARTS,
    reuse: CatalogRows | None = None,
    changed: frozenset[str] | None = None,
    *,
    skip: Collection[str] = (),
    extra: Collection[str] = (),
    linked: bool = True,
    as_models: Collection[str] = (),
) -> CatalogRows:
    """The rows of ``load_catalog``: the window builds the models from them in slices.

    With ``reuse`` (rows read before) and ``changed`` (the catalogs changed since, see
    ``fingerprint.catalog_changes``), a job none of whose catalogs changed is taken from
    ``reuse`` instead of being asked again. ``skip`` names jobs of ``parts`` not to read now and
    ``extra`` jobs of other parts to read as well (the window reads the schemas' counts,
    ``schema_counts``, after the list: ``LATE_JOBS``). ``linked=False`` reads the relations
    without their sequences' tables (``sequence_links`` reads those where they are used).
    The jobs named in ``as_models`` come as their models (``Built``), made from each batch of
    rows as it arrives, on this loop (``load_catalog``: not the window's, which builds in
    slices on its own)."""
    async with pool.connection() as conn:
        context = await load_context(conn)
    membership_query = (
        queries.MEMBERSHIPS_PG16 if context.membership_options else queries.MEMBERSHIPS_PRE16
    )
    jobs: list[tuple[str, Part, sql.SQL | sql.Composed]] = [
        # The slowest first.
        ("relations", "relations", queries.RELATIONS if linked else queries.RELATIONS_UNLINKED),
        ("extension_relations", "relations", queries.EXTENSION_RELATIONS),
        ("schema_counts", "schemas", queries.SCHEMA_COUNTS),
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
    jobs = [job for job in jobs if (job[1] in parts and job[0] not in skip) or job[0] in extra]
    kept = fingerprint.kept_rows({key: part for key, part, _ in jobs}, reuse, changed)
    jobs = [job for job in jobs if job[0] not in kept]
    # Hundreds of thousands of rows arrive: a collector pass meanwhile would scan them all while
    # holding the interpreter (a frozen window); reference counting frees them after the build.
    with building_long_lived():
        done = await asyncio.gather(
            *(
                reads.part_rows(
                    pool, query, key in citus_catalog.TOLERANT, reads.batch_builder(key, as_models)
                )
                for key, _, query in jobs
            )
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
    """Turns ``CatalogRows`` into a ``Catalog``, a few hundred models per step.

    ``build()`` does it at once; the window runs ``steps()`` in slices on its loop so that no
    other thread holds the interpreter while it paints. The models are built as long-lived
    data (see ``core.long_lived``): the collector pauses meanwhile and skips them afterwards.
    """

    STEP_ROWS: Final = 250  # models made between two yields (a relations row makes several)

    # Parts a builder may take from an earlier one over the same rows (``base``): the window
    # builds the roles first to show them, then the whole catalog around them.
    _REUSABLE: Final = {"roles": "_roles", "settings": None, "memberships": "_grants"}

    def __init__(self, rows: CatalogRows, base: CatalogBuilder | None = None) -> None:
        self._rows = rows
        self._base = base
        self._built: dict[str, list[Any]] = {}
        self._indexes: dict[str, dict[Any, Any]] = {}
        self._done = False
        self.made = 0  # models made so far (the tests count work per step with it)

    @property
    def counted(self) -> bool:
        """Whether the schemas carry their counts (``schema_counts`` was read with them)."""
        return "schema_counts" in self._rows.rows

    def steps(self) -> Iterator[None]:
        """Build every part, yielding after each ``STEP_ROWS`` models."""
        self._built = {}
        self.made = 0
        # The catalog's lookups are filled as the rows are built: its first lookup would
        # otherwise walk a whole part at once (400,000 relations at 10,000 tenant schemas).
        self._indexes = {}
        with building_long_lived():
            counts = row_models.counts_of(self._rows.rows.get("schema_counts", ()))
            yield
            reused = self._take_from_base()
            for key, rows in self._rows.rows.items():
                if key != "schema_counts" and key not in reused:
                    yield from self._part(key, rows, counts)
            if "roles" not in reused:
                yield from self._merge_settings()
            yield from self._seal_lookups()
        self._done = True

    def _part(self, key: str, rows: Sequence[Any], counts: row_models.Counts) -> Iterator[None]:
        convert: Callable[[Any], Any] = (
            partial(row_models.schema, counts=counts) if key == "schemas" else reads.BUILDERS[key]
        )
        if isinstance(rows, Built):  # kept from the last load: the models themselves
            models: Iterator[Any] = iter(rows)
        elif key == "relations":  # one row per schema, kind, owner and ACL: many models each
            models = chain.from_iterable(map(convert, rows))
        else:
            models = map(convert, rows)
        built = self._built.setdefault(key, [])
        index = _INDEXERS.get(key)
        while new := list(islice(models, self.STEP_ROWS)):
            built.extend(new)
            if index is not None:
                index(self._indexes, new)
            self.made += len(new)
            yield

    def _take_from_base(self) -> set[str]:
        """The parts the base builder made from these very rows (finished), taken as they are."""
        base = self._base
        if base is None or not base._done:
            return set()
        same = {
            key
            for key in self._REUSABLE
            if key in base._built and base._rows.rows.get(key) is self._rows.rows.get(key)
        }
        if not {"roles", "settings"} <= same:
            same -= {"roles", "settings"}  # a role's settings are merged into it
        for key in same:
            self._built[key] = base._built[key]
            index = self._REUSABLE[key]
            if index is not None and index in base._indexes:
                self._indexes[index] = base._indexes[index]
        return same

    def _seal_lookups(self) -> Iterator[None]:
        """The grouped lookups' lists as tuples, a few hundred at a time (``Catalog.prime``)."""
        for name in ("_relations", "_grants", "_defaults"):
            index = self._indexes.get(name, {})
            for n, key in enumerate(index):
                index[key] = tuple(index[key])
                if n % self.STEP_ROWS == self.STEP_ROWS - 1:
                    yield
            yield

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
                    roles[i] = row_models.with_settings(roles[i], settings[roles[i].name])
                elif roles[i].settings:  # a kept role (``Built``) whose settings went since
                    roles[i] = row_models.with_settings(roles[i], [])
                by_name[roles[i].name] = roles[i]
            yield
        self._indexes["_roles"] = by_name

    @property
    def built(self) -> dict[str, list[Any]]:
        """The models made so far, by job (what ``fingerprint.keepable`` keeps for an F5)."""
        return self._built

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


async def schema_sizes(pool: Connects, schemas: Sequence[str]) -> dict[str, int]:
    """Exact on-disk bytes of the given schemas (``Schema.size_bytes`` is the estimate).

    Each table is measured under a lock of its own: one another session holds exclusively
    ends the read at the profile's ``lock_timeout``, said as a read that failed (exit 1), not
    as a bug."""
    async with pool.connection() as conn:
        try:
            cur = await conn.execute(queries.SCHEMA_SIZES, [list(schemas)])
            rows = await cur.fetchall()
        except (psycopg.errors.LockNotAvailable, psycopg.errors.QueryCanceled) as exc:
            reason = exc.diag.message_primary or str(exc)
            raise CatalogUnreadable(
                say("catalog-unreadable", catalog=_SIZES, reason=reason)
            ) from None
        return {name: int(size) for name, size in rows}


# What the exact sizes are read from, as a failed read names it.
_SIZES: Final = "the exact sizes (pg_total_relation_size: a table is locked by another session?)"


def _group(name: str, key: Callable[[Any], Any]) -> Callable[[dict[str, Any], list[Any]], None]:
    def add(indexes: dict[str, Any], built: list[Any]) -> None:
        index = indexes.setdefault(name, {})
        for item in built:
            index.setdefault(key(item), []).append(item)

    return add


def _by_name(indexes: dict[str, Any], built: list[Any]) -> None:
    indexes.setdefault("_schemas", {}).update((item.name, item) for item in built)


def _by_schema(indexes: dict[str, Any], built: list[Any]) -> None:
    # Relations come schema by schema (RELATIONS is ordered by it): one lookup per run of them.
    index = indexes.setdefault("_relations", {})
    for schema, run in groupby(built, attrgetter("schema")):
        index.setdefault(schema, []).extend(run)


# How the models of a job fill the catalog's lookups (see ``Catalog.prime``).
_INDEXERS: Final[dict[str, Callable[[dict[str, Any], list[Any]], None]]] = {
    "relations": _by_schema,
    "memberships": _group("_grants", lambda m: (m.role, m.member)),
    "default_privileges": _group("_defaults", lambda d: (d.for_role, d.schema, d.object_type)),
    "schemas": _by_name,
}
