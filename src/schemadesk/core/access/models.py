"""The access catalog: roles, memberships, schemas, objects, their ACLs and default privileges.

Everything is a frozen dataclass. Names are kept exactly as the catalog holds them; ``""`` as a
grantee means PUBLIC. ACLs are already expanded: an object whose ACL column is NULL carries the
server's built-in default (``acldefault``) and ``acl_is_default=True``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import Any, Literal

from schemadesk.core.access.acl import AclItem
from schemadesk.core.citus import CitusCluster, CitusSchema
from schemadesk.core.models import SchemaInfo

ObjectKind = Literal["database", "schema", "table", "sequence", "function"]
DefaultObjectType = Literal["tables", "sequences", "functions", "types", "schemas"]

# What each kind of object can be granted (in the order GRANT documentation lists them).
SCHEMA_PRIVILEGES: tuple[str, ...] = ("USAGE", "CREATE")
TABLE_PRIVILEGES: tuple[str, ...] = (
    "SELECT",
    "INSERT",
    "UPDATE",
    "DELETE",
    "TRUNCATE",
    "REFERENCES",
    "TRIGGER",
)
MAINTAIN = "MAINTAIN"  # tables, PostgreSQL 17+
SEQUENCE_PRIVILEGES: tuple[str, ...] = ("USAGE", "SELECT", "UPDATE")
FUNCTION_PRIVILEGES: tuple[str, ...] = ("EXECUTE",)
DATABASE_PRIVILEGES: tuple[str, ...] = ("CREATE", "CONNECT", "TEMPORARY")
TYPE_PRIVILEGES: tuple[str, ...] = ("USAGE",)
DML_PRIVILEGES: tuple[str, ...] = ("SELECT", "INSERT", "UPDATE", "DELETE")

SYSTEM_SCHEMAS = frozenset({"pg_catalog", "information_schema"})


def privileges_for(
    kind: ObjectKind | DefaultObjectType, server_version_num: int = 0
) -> tuple[str, ...]:
    """The privileges that exist for a kind of object on a server version."""
    if kind in ("schema", "schemas"):
        return SCHEMA_PRIVILEGES
    if kind == "database":
        return DATABASE_PRIVILEGES
    if kind in ("table", "tables"):
        return TABLE_PRIVILEGES + ((MAINTAIN,) if server_version_num >= 170000 else ())
    if kind in ("sequence", "sequences"):
        return SEQUENCE_PRIVILEGES
    if kind in ("function", "functions"):
        return FUNCTION_PRIVILEGES
    return TYPE_PRIVILEGES


@dataclass(frozen=True, slots=True)
class RoleSetting:
    """``ALTER ROLE ... [IN DATABASE db] SET name = value``; ``database`` None: every database."""

    database: str | None
    name: str
    value: str


@dataclass(frozen=True, slots=True)
class Role:
    """A role with every attribute ``pg_roles`` shows, its comment and its settings."""

    name: str
    oid: int
    login: bool
    superuser: bool
    createdb: bool
    createrole: bool
    inherit: bool
    replication: bool
    bypassrls: bool
    connection_limit: int
    valid_until: datetime | None
    comment: str | None = None
    settings: tuple[RoleSetting, ...] = ()

    @property
    def is_predefined(self) -> bool:
        """Built-in roles (``pg_read_all_data``, ``pg_database_owner``, ...)."""
        return self.name.startswith("pg_")

    def setting(self, name: str, database: str) -> str | None:
        """The value a session of this role gets in ``database``: per-database beats global."""
        found: str | None = None
        for s in self.settings:
            if s.name == name and s.database == database:
                return s.value
            if s.name == name and s.database is None:
                found = s.value
        return found


@dataclass(frozen=True, slots=True)
class Membership:
    """``member`` belongs to ``role``, granted by ``grantor``.

    Before PostgreSQL 16 there are no per-grant options: ``inherit_option`` then mirrors the
    member's INHERIT attribute and ``set_option`` is always true, which is what the server does.
    """

    role: str
    member: str
    grantor: str
    admin_option: bool
    inherit_option: bool
    set_option: bool


@dataclass(frozen=True, slots=True)
class Schema:
    """A schema: owner, counts, size, comment, ACL, and whether the login may use it.

    ``size_bytes`` is estimated from the planner's page counts of its tables and indexes
    (current after VACUUM / ANALYZE; TOAST not counted); ``db.access.schema_sizes`` gives exact
    figures.
    """

    name: str
    owner: str
    tables: int
    views: int
    sequences: int
    functions: int
    size_bytes: int
    comment: str | None
    acl: tuple[AclItem, ...]
    acl_is_default: bool
    usable: bool  # the login has USAGE; without it the objects inside are listed, not readable
    # The extension this schema belongs to (its script created it, or it holds only that
    # extension's objects): the extension's, not a service's, so never "fixed" by a convention.
    extension: str | None = None
    citus: CitusSchema | None = None  # where it lives, on a Citus coordinator only

    @property
    def is_system(self) -> bool:
        return self.name.startswith("pg_") or self.name in SYSTEM_SCHEMAS

    @property
    def is_managed(self) -> bool:
        """A system schema or an extension's: shown, never checked or changed by convention."""
        return self.extension is not None or self.is_system

    def info(self) -> SchemaInfo:
        """The schema as the schema list shows it (exact size unknown yet: ``None``)."""
        return SchemaInfo(
            name=self.name,
            owner=self.owner,
            tables=self.tables,
            views=self.views,
            sequences=self.sequences,
            functions=self.functions,
            size_bytes=None,
            comment=self.comment,
            acl=None if self.acl_is_default else tuple(item.to_text() for item in self.acl),
            extension=self.extension,
            citus=self.citus,
        )


@dataclass(frozen=True, slots=True)
class Relation:
    """A table, view, materialized view, foreign table or sequence, with its owner and ACL.

    ``owned_by`` is, for a serial or identity sequence, the table it belongs to (same schema).
    """

    schema: str
    name: str
    kind: Literal["table", "view", "materialized view", "foreign table", "sequence"]
    owner: str
    acl: tuple[AclItem, ...]
    acl_is_default: bool
    owned_by: str | None = None

    @property
    def privilege_kind(self) -> ObjectKind:
        return "sequence" if self.kind == "sequence" else "table"


@dataclass(frozen=True, slots=True)
class Function:
    """A function or procedure: ``arguments`` is its identity signature (``integer, text``)."""

    schema: str
    name: str
    arguments: str
    kind: Literal["function", "procedure", "aggregate", "window"]
    owner: str
    acl: tuple[AclItem, ...]
    acl_is_default: bool


@dataclass(frozen=True, slots=True)
class TypeObject:
    """A type the schema's owner should own: a domain, or an enum, range or composite type
    (a table's row type and the array types PostgreSQL makes follow their table or type)."""

    schema: str
    name: str
    kind: Literal["type", "domain"]
    owner: str


@dataclass(frozen=True, slots=True)
class DefaultPrivilege:
    """``ALTER DEFAULT PRIVILEGES FOR ROLE for_role [IN SCHEMA schema] GRANT ...``.

    ``acl`` is the stored entry (grantor inside each item). With ``schema`` None it replaces the
    built-in defaults for objects ``for_role`` creates anywhere; with a schema it adds to them.
    """

    for_role: str
    schema: str | None
    object_type: DefaultObjectType
    acl: tuple[AclItem, ...]


@dataclass(frozen=True, slots=True)
class Unavailable:
    """A part of the catalog the login could not read, and the server's reason."""

    part: str
    reason: str


@dataclass(frozen=True, slots=True)
class CatalogContext:
    """Who read the catalog, where, and what the server supports; the database's own ACL."""

    server_version_num: int
    database: str
    database_owner: str
    current_user: str
    current_user_is_superuser: bool
    membership_options: bool  # pg_auth_members has inherit_option / set_option (PG16+)
    database_acl: tuple[AclItem, ...] = ()
    citus_version: str | None = None  # the citus extension is installed: a Citus coordinator


_PRIMABLE = frozenset({"_relations", "_grants", "_defaults", "_roles", "_schemas"})


@dataclass(frozen=True)
class Catalog:
    """The whole access catalog of one database, as one immutable snapshot."""

    context: CatalogContext
    schemas: tuple[Schema, ...] = ()
    roles: tuple[Role, ...] = ()
    memberships: tuple[Membership, ...] = ()
    relations: tuple[Relation, ...] = ()
    functions: tuple[Function, ...] = ()
    default_privileges: tuple[DefaultPrivilege, ...] = ()
    unavailable: tuple[Unavailable, ...] = ()
    citus: CitusCluster | None = None  # a Citus coordinator's cluster; None on a plain server
    # (schema, name) of relations that belong to an extension: never re-owned or revoked.
    extension_relations: frozenset[tuple[str, str]] = frozenset()
    types: tuple[TypeObject, ...] = ()  # extensions' types left out
    # (schema, name, identity arguments) of functions that belong to an extension.
    extension_functions: frozenset[tuple[str, str, str]] = frozenset()
    # (schema, name, identity arguments, ((type schema, type name), ...)) of every routine.
    routine_types: tuple[tuple[str, str, str, tuple[tuple[str, str], ...]], ...] = ()
    # Lookups, each built on first use (a catalog of 40,000 relations takes tens of ms to index,
    # and the window builds catalogs in slices of a few ms).

    @cached_property
    def _roles(self) -> dict[str, Role]:
        return {r.name: r for r in self.roles}

    @cached_property
    def _schemas(self) -> dict[str, Schema]:
        return {s.name: s for s in self.schemas}

    @cached_property
    def _relations(self) -> dict[str, tuple[Relation, ...]]:
        by_schema: dict[str, list[Relation]] = {}
        for rel in self.relations:
            by_schema.setdefault(rel.schema, []).append(rel)
        return {k: tuple(v) for k, v in by_schema.items()}

    @cached_property
    def _functions(self) -> dict[str, tuple[Function, ...]]:
        funcs: dict[str, list[Function]] = {}
        for fn in self.functions:
            funcs.setdefault(fn.schema, []).append(fn)
        return {k: tuple(v) for k, v in funcs.items()}

    @cached_property
    def _routine_types(self) -> dict[tuple[str, str, str], tuple[tuple[str, str], ...]]:
        return {(s, n, a): types for s, n, a, types in self.routine_types}

    @cached_property
    def _types(self) -> dict[str, tuple[TypeObject, ...]]:
        types: dict[str, list[TypeObject]] = {}
        for t in self.types:
            types.setdefault(t.schema, []).append(t)
        return {k: tuple(v) for k, v in types.items()}

    @cached_property
    def _by_name(self) -> dict[str, dict[str, Relation]]:
        return {}  # filled per schema on first lookup there (see ``relation``)

    def prime(self, **indexes: Mapping[Any, Any]) -> None:
        """Take lookups the loader already built in its steps (``_relations``, ``_grants``,
        ``_defaults``: tuples in catalog order; ``_roles``, ``_schemas``: by name), so that no
        first lookup walks a whole part of a 10,000-schema catalog at once (turning 10,000
        lists into tuples here took 200 ms in one go: the loader does it in its steps)."""
        for name, index in indexes.items():
            if name not in _PRIMABLE:
                raise ValueError(f"not a catalog lookup: {name}")
            # A cached_property lives in the instance dict: filling it is what its first use does.
            self.__dict__[name] = index

    @cached_property
    def _grants(self) -> dict[tuple[str, str], tuple[Membership, ...]]:
        grants: dict[tuple[str, str], list[Membership]] = {}
        for m in self.memberships:
            grants.setdefault((m.role, m.member), []).append(m)
        return {k: tuple(v) for k, v in grants.items()}

    @cached_property
    def _defaults(self) -> dict[tuple[str, str | None, str], tuple[DefaultPrivilege, ...]]:
        defaults: dict[tuple[str, str | None, str], list[DefaultPrivilege]] = {}
        for d in self.default_privileges:
            defaults.setdefault((d.for_role, d.schema, d.object_type), []).append(d)
        return {k: tuple(v) for k, v in defaults.items()}

    @property
    def server_version_num(self) -> int:
        return self.context.server_version_num

    def role(self, name: str) -> Role | None:
        return self._roles.get(name)

    def schema(self, name: str) -> Schema | None:
        return self._schemas.get(name)

    def relations_in(self, schema: str) -> tuple[Relation, ...]:
        return self._relations.get(schema, ())

    def user_relations_in(self, schema: str) -> tuple[Relation, ...]:
        """``relations_in`` without the extensions' own (what a convention may change)."""
        members = self.extension_relations
        found = self.relations_in(schema)
        return tuple(r for r in found if (r.schema, r.name) not in members) if members else found

    def relation(self, schema: str, name: str) -> Relation | None:
        names = self._by_name.get(schema)
        if names is None:
            names = self._by_name[schema] = {r.name: r for r in self.relations_in(schema)}
        return names.get(name)

    def membership_grants(self, role: str, member: str) -> tuple[Membership, ...]:
        """The grants (one per grantor on PG16+) that make ``member`` a member of ``role``."""
        return self._grants.get((role, member), ())

    def defaults_for(
        self, for_role: str, schema: str | None, object_type: str
    ) -> tuple[DefaultPrivilege, ...]:
        """Stored default privileges of ``for_role`` in ``schema`` (None: the global entry)."""
        return self._defaults.get((for_role, schema, object_type), ())

    def functions_in(self, schema: str) -> tuple[Function, ...]:
        return self._functions.get(schema, ())

    def user_functions_in(self, schema: str) -> tuple[Function, ...]:
        """``functions_in`` without the extensions' own (what a convention may change)."""
        members = self.extension_functions
        found = self.functions_in(schema)
        return tuple(f for f in found if (f.schema, f.name, f.arguments) not in members)

    def argument_types(self, fn: Function) -> tuple[tuple[str, str], ...] | None:
        """``fn``'s argument types as (schema, name) pairs; None when not loaded."""
        return self._routine_types.get((fn.schema, fn.name, fn.arguments))

    def types_in(self, schema: str) -> tuple[TypeObject, ...]:
        return self._types.get(schema, ())

    def is_available(self, part: str) -> bool:
        """False when the login could not read that part (``roles``, ``default_privileges``...)."""
        return all(u.part != part for u in self.unavailable)
