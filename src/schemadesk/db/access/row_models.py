"""How the catalog queries' rows become the core models (``CatalogBuilder`` runs these).

Names are interned: every relation row brings its own copies of its schema's and owner's names,
and tenant schemas repeat the same table names thousands of times; interned, one string serves
them all (at 10,000 schemas × 20 tables, a third of the model's memory).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from dataclasses import fields
from itertools import repeat
from operator import attrgetter
from typing import Any, Final, cast

from schemadesk.core.access.acl import parse_acl_array
from schemadesk.core.access.models import (
    DefaultObjectType,
    DefaultPrivilege,
    Function,
    Membership,
    Relation,
    Role,
    RoleSetting,
    Schema,
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
_intern = sys.intern

# (tables, views, sequences, functions, estimated bytes) by schema name: SCHEMA_COUNTS's rows.
Counts = Mapping[str, tuple[int, int, int, int, int]]
_NONE: Final = (0, 0, 0, 0, 0)


def counts_of(rows: Any) -> dict[str, tuple[int, int, int, int, int]]:
    """SCHEMA_COUNTS's rows by schema name."""
    return {row[0]: tuple(row[1:]) for row in rows}


def schema(row: tuple[Any, ...], counts: Counts) -> Schema:
    """A SCHEMAS row with its counts (zeros for a schema ``counts`` does not list)."""
    name, owner, comment, acl, is_default, usable, extension = row
    tables, views, sequences, functions, size = counts.get(name, _NONE)
    return Schema(
        name,
        owner,
        tables,
        views,
        sequences,
        functions,
        size,
        comment,
        parse_acl_array(acl),
        is_default,
        usable,
        extension,
    )


def role(row: tuple[Any, ...]) -> Role:
    return Role(*row)


def settings(row: tuple[Any, ...]) -> list[tuple[str, RoleSetting]]:
    """One ROLE_SETTINGS row: (role, setting) pairs."""
    name, database, config = row
    out = []
    for entry in config or ():
        key, _, value = str(entry).partition("=")
        out.append((name, RoleSetting(database, key, value)))
    return out


# A role's fields but its settings, read in one call: ``dataclasses.replace`` walked the fields
# in Python (0.18 s of CPU for 10,000 roles with settings, after the last row arrived).
# (``settings`` is Role's last field: they come first, it after them.)
_ROLE_BUT_SETTINGS: Final = attrgetter(*(f.name for f in fields(Role)[:-1]))


def with_settings(found: Role, settings: list[RoleSetting]) -> Role:
    """``found`` with ``settings`` (global first, then by database and name)."""
    ordered = sorted(settings, key=lambda s: (s.database is not None, s.database or "", s.name))
    values: list[Any] = [*_ROLE_BUT_SETTINGS(found), tuple(ordered)]
    return Role(*values)


def membership(row: tuple[Any, ...]) -> Membership:
    return Membership(*row)


# A frozen dataclass's __init__ sets each field by name through object.__setattr__; the slots'
# own descriptors set them in about half the time (400,000 relations at 10,000 tenant schemas).
_RELATION_SLOTS: Final = tuple(
    Relation.__dict__[f].__set__
    for f in ("schema", "name", "kind", "owner", "acl", "acl_is_default", "owned_by")
)


def relations(row: tuple[Any, ...]) -> list[Relation]:
    """One RELATIONS row (a schema, kind, owner and ACL shared by the names it lists): its
    relations, each equal to ``Relation(...)`` of its fields (and as frozen), made without the
    dataclass's ``__init__``. Names are interned unless ``intern_names`` did it on arrival."""
    schema_name, kind, owner, acl, is_default, names, owned_by = row
    schema_name, owner = _intern(schema_name), _intern(owner)
    kind_name = _RELKIND[kind]
    items = parse_acl_array(acl)  # one parse (cached) for the whole group
    tables = owned_by or repeat(None)
    s_schema, s_name, s_kind, s_owner, s_acl, s_default, s_owned = _RELATION_SLOTS
    new = object.__new__
    made = []
    for name, table in zip(names, tables, strict=False):  # repeat(None) is endless
        rel = new(Relation)
        s_schema(rel, schema_name)
        s_name(rel, _intern(name))
        s_kind(rel, kind_name)
        s_owner(rel, owner)
        s_acl(rel, items)
        s_default(rel, is_default)
        s_owned(rel, None if table is None else _intern(table))
        made.append(rel)
    return made


def intern_names(batch: list[tuple[Any, ...]]) -> None:
    """RELATIONS rows as they arrive: the names in their arrays interned in place, so that the
    copies are freed at once instead of living until the models are built. At 10,000 tenant
    schemas those 600,000 names lived that long among the models made meanwhile, and Python's
    allocator could give none of their memory back (60 MiB left free in its arenas)."""
    for row in batch:
        names, tables = row[5], row[6]
        names[:] = map(_intern, names)
        if tables:
            tables[:] = [None if t is None else _intern(t) for t in tables]


def function(row: tuple[Any, ...]) -> Function:
    schema_name, name, args, kind, owner, acl, is_default = row
    return Function(
        _intern(schema_name),
        _intern(name),
        args,
        cast(Any, _PROKIND[kind]),
        _intern(owner),
        parse_acl_array(acl),
        is_default,
    )


def default(row: tuple[Any, ...]) -> DefaultPrivilege:
    for_role, schema_name, objtype, acl = row
    return DefaultPrivilege(for_role, schema_name, _DEFACL[objtype], parse_acl_array(acl))


# How one row of each job becomes a model ("schemas" needs the counts: see ``schema``; a
# "relations" row becomes several).
ROW_BUILDERS: Final[dict[str, Callable[[tuple[Any, ...]], Any]]] = {
    "relations": relations,
    "extension_relations": tuple,
    "roles": role,
    "settings": settings,
    "memberships": membership,
    "functions": function,
    "default_privileges": default,
}
