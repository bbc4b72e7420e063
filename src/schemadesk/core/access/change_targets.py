"""What a grant or revoke may name, checked against the catalog before any SQL is built:
known privileges, existing schemas and objects, no overloaded function by name."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from functools import lru_cache
from typing import Literal, NamedTuple

from psycopg import sql

from schemadesk.core.access.acl import AclItem
from schemadesk.core.access.change_sql import (
    KIND_OF_TARGET,
    ON_ALL,
    ON_ONE,
    GrantTarget,
    compose,
    composed,
    identifier,
    name_identifier,
)
from schemadesk.core.access.expectations import PRIVILEGE_ORDER
from schemadesk.core.access.guards import ChangeSetError, ChangeSetReason, refuse_system_schema
from schemadesk.core.access.models import (
    Catalog,
    privileges_for,
)
from schemadesk.core.messages import Message
from schemadesk.core.messages_access import object_label
from schemadesk.core.messages_acl import privilege_target
from schemadesk.core.messages_config import say


def check_privileges(privileges: Iterable[str], allowed: Sequence[str], what: str) -> list[str]:
    """The privilege names given, normalised and ordered (``ALL``: every one allowed);
    ``ChangeSetError`` for one that is not a privilege on ``what``."""
    return list(_checked(tuple(privileges), tuple(allowed), what))


@lru_cache(maxsize=256)
def _checked(privileges: tuple[str, ...], allowed: tuple[str, ...], what: str) -> tuple[str, ...]:
    # Once per list of names: a check's 50,000 fixes ask about a handful (an error is raised
    # each time, never kept).
    out: list[str] = []
    for p in privileges:
        name = " ".join(p.upper().split())
        if name == "ALL":
            out.extend(allowed)
            continue
        if name not in allowed:
            raise ChangeSetError(
                say(
                    "not-a-privilege",
                    privilege=repr(p),
                    what=privilege_target(what),
                    known=", ".join(allowed),
                ),
                reason=ChangeSetReason.NOT_A_PRIVILEGE,
                names=(p,),
            )
        out.append(name)
    return tuple(sorted(set(out), key=PRIVILEGE_ORDER.index))


class Target(NamedTuple):
    """One grantable object: its current owner and ACL; its label and SQL reference made
    when asked (a check's fix names 200,000 objects and shows three of each statement's)."""

    what: str  # "database", "schema", or the object's kind ("table", "sequence", "function")
    schema: str  # the database's name for "database"
    name: str | None  # None for the database and the schema
    owner: str
    acl: tuple[AclItem, ...]

    @property
    def label(self) -> Message:
        """``database d``, ``schema s``, ``table s.t``: the object as a summary names it."""
        if self.name is None:
            return Message(f"on-{self.what}", {"name": self.schema})
        return object_label(self.what, f"{self.schema}.{self.name}")

    @property
    def ref(self) -> sql.Identifier:
        """The object's quoted (schema-qualified) name."""
        if self.name is None:
            return sql.Identifier(self.schema)
        return identifier(self.schema, self.name)


def targets_of(
    catalog: Catalog, schema: str, on: GrantTarget, objects: Sequence[str] | None
) -> list[Target]:
    """The objects a grant or revoke on ``on`` in ``schema`` names, as they stand in the
    catalog (``ChangeSetError`` for a missing schema or object, an overloaded function)."""
    if on == "database":
        ctx = catalog.context
        if schema != ctx.database:
            raise ChangeSetError(
                say("change-other-database", database=repr(ctx.database), schema=repr(schema)),
                reason=ChangeSetReason.OTHER_DATABASE,
                names=(schema,),
            )
        return [Target("database", schema, None, ctx.database_owner, ctx.database_acl)]
    refuse_system_schema(schema)
    entry = catalog.schema(schema)
    if entry is None:
        raise ChangeSetError(
            say("change-no-schema", schema=repr(schema)),
            reason=ChangeSetReason.MISSING_OBJECT,
            names=(schema,),
        )
    if on == "schema":
        return [Target("schema", schema, None, entry.owner, entry.acl)]
    if on == "functions":
        fns = list(catalog.functions_in(schema))
        names = [f.name for f in fns]
        chosen = [f for f in fns if objects is None or f.name in objects]
        refuse_missing(objects, names, schema)
        for fn in chosen:
            if names.count(fn.name) > 1:
                raise ChangeSetError(
                    say("change-overloaded", schema=schema, name=fn.name),
                    reason=ChangeSetReason.OVERLOADED_FUNCTION,
                    names=(schema, fn.name),
                )
        return [Target(fn.kind, schema, fn.name, fn.owner, fn.acl) for fn in chosen]
    # ``Relation.privilege_kind`` without its property call (a check's fixes ask 400,000 times)
    sequences = KIND_OF_TARGET[on] == "sequence"
    rels = [r for r in catalog.relations_in(schema) if (r.kind == "sequence") is sequences]
    # Sets: a check's fix names every table of a schema, 10,000 schemas over.
    wanted = None if objects is None else set(objects)
    refuse_missing(objects, {r.name for r in rels}, schema)
    # ``tuple.__new__`` is what the named tuple's own ``__new__`` does, without its Python-level
    # call per object (200,000 for a check's fixes).
    return [
        _new_target(Target, (r.kind, schema, r.name, r.owner, r.acl))
        for r in rels
        if wanted is None or r.name in wanted
    ]


_new_target = tuple.__new__


def refuse_missing(objects: Sequence[str] | None, known: Collection[str], schema: str) -> None:
    """``ChangeSetError`` naming the first of ``objects`` not among ``known``."""
    for name in objects or ():
        if name not in known:
            raise ChangeSetError(
                say("change-no-object", schema=schema, name=name),
                reason=ChangeSetReason.MISSING_OBJECT,
                names=(schema, name),
            )


def allowed_on(catalog: Catalog, on: GrantTarget) -> tuple[str, ...]:
    """The privileges that exist on ``on`` on this server version."""
    kind = on if on in ("database", "schema") else KIND_OF_TARGET[on]
    return privileges_for(kind, catalog.server_version_num)


def expect_kind(on: GrantTarget) -> Literal["database", "schema", "table", "sequence", "function"]:
    """The object kind an expectation checks for a grant on ``on``."""
    if on == "database":
        return "database"
    return "schema" if on == "schema" else KIND_OF_TARGET[on]


def group_ref(
    on: GrantTarget, schema: str, group: list[Target], all_in_schema: bool
) -> sql.Composable:
    """What a GRANT or REVOKE names: the database, the schema, every object of a kind in it
    (``all_in_schema``) or the objects of ``group``."""
    if on == "database":
        return _database_ref(schema)
    if on == "schema":
        return compose("SCHEMA {}", name_identifier(schema))
    if all_in_schema:
        return compose("{} {}", ON_ALL[on], name_identifier(schema))
    # One flat ``Composed`` (the same fragments ``SQL(", ").join`` makes, rendered alike):
    # a fix names up to hundreds of objects, each checked once instead of three times.
    parts: list[sql.Composable] = [ON_ONE[on], _SPACE]
    for t in group:
        name = t.name
        parts += (identifier(schema, name) if name is not None else t.ref, _COMMA)
    parts.pop()
    return composed(parts)


_SPACE = sql.SQL(" ")
_COMMA = sql.SQL(", ")


@lru_cache(maxsize=16)
def _database_ref(name: str) -> sql.Composed:
    # One per database, shared: every tenant owner's GRANT CREATE ON DATABASE names it.
    return compose("DATABASE {}", name_identifier(name))
