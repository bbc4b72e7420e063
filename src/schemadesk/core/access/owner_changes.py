"""``ALTER ... OWNER TO`` for the objects beside relations that a schema's owner should own:
functions, procedures, aggregates, types and domains. Every name is composed from identifiers
(a routine's argument types too), never from text read back from the server as SQL."""

from __future__ import annotations

from psycopg import sql

from schemadesk.core.access.changes import ChangeSet, Statement
from schemadesk.core.access.expectations import ExpectObjectOwner
from schemadesk.core.access.guards import refuse_system_schema
from schemadesk.core.access.models import Catalog, Function, TypeObject
from schemadesk.core.messages_access import said_title

_ALTER_ROUTINE = {
    "function": sql.SQL("ALTER FUNCTION"),
    "window": sql.SQL("ALTER FUNCTION"),
    "procedure": sql.SQL("ALTER PROCEDURE"),
    "aggregate": sql.SQL("ALTER AGGREGATE"),
}


def set_routine_owner(catalog: Catalog, fn: Function, owner: str) -> ChangeSet | None:
    """``ALTER FUNCTION|PROCEDURE|AGGREGATE s.f(types) OWNER TO owner``; None when its
    argument types were not loaded (it cannot be named safely)."""
    refuse_system_schema(fn.schema)
    types = catalog.argument_types(fn)
    if types is None:
        return None
    arguments: sql.Composable = sql.SQL(", ").join(sql.Identifier(s, n) for s, n in types)
    if fn.kind == "aggregate" and not types:
        arguments = sql.SQL("*")  # count(*)-like: an aggregate without arguments
    name, role = sql.Identifier(fn.schema, fn.name), sql.Identifier(owner)
    statement = sql.SQL("{} {}({}) OWNER TO {}").format(
        _ALTER_ROUTINE[fn.kind], name, arguments, role
    )
    label = f"{fn.schema}.{fn.name}({fn.arguments})"
    return ChangeSet(
        said_title("object-owner-title", role=owner, object=label),
        (Statement(statement, f"make {owner} the owner of {fn.kind} {label}"),),
        (ExpectObjectOwner(fn.schema, fn.name, owner, "routine", fn.arguments),),
    )


def set_type_owner(kind: TypeObject, owner: str) -> ChangeSet:
    """``ALTER TYPE|DOMAIN s.t OWNER TO owner``."""
    refuse_system_schema(kind.schema)
    verb = sql.SQL("ALTER DOMAIN") if kind.kind == "domain" else sql.SQL("ALTER TYPE")
    statement = sql.SQL("{} {} OWNER TO {}").format(
        verb, sql.Identifier(kind.schema, kind.name), sql.Identifier(owner)
    )
    label = f"{kind.schema}.{kind.name}"
    return ChangeSet(
        said_title("object-owner-title", role=owner, object=label),
        (Statement(statement, f"make {owner} the owner of {kind.kind} {label}"),),
        (ExpectObjectOwner(kind.schema, kind.name, owner, "type"),),
    )
