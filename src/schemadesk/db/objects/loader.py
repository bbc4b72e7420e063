"""Load one schema's objects on demand: a fixed number of queries, whatever the schema holds.

Three rounds: the schema's oid; its relations, functions and types side by side; then the
columns, indexes, constraints, triggers and policies of all of them side by side (one query per
kind over every object's oid). The DDL is composed from the models (``core.objects.ddl``) and
rendered by the connection that read them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any, Final, TypeVar, cast

import psycopg
from psycopg_pool import AsyncConnectionPool

from schemadesk.core.access.acl import parse_acl_array
from schemadesk.core.objects.ddl import object_ddl
from schemadesk.core.objects.models import (
    AnyObject,
    Column,
    Constraint,
    Domain,
    Function,
    Index,
    MaterializedView,
    Policy,
    SchemaObjects,
    Sequence,
    Table,
    Trigger,
    Type,
    View,
)
from schemadesk.db.objects import queries

Row = tuple[Any, ...]
T = TypeVar("T")

_TABLE_KIND: Final = {"r": "table", "p": "partitioned table", "f": "foreign table"}
_PROKIND: Final = {"f": "function", "p": "procedure", "a": "aggregate", "w": "window"}
_VOLATILITY: Final = {"i": "immutable", "s": "stable", "v": "volatile"}
_CONTYPE: Final = {
    "p": "primary key",
    "u": "unique",
    "f": "foreign key",
    "c": "check",
    "x": "exclusion",
}
_TGENABLED: Final = {"O": "enabled", "D": "disabled", "R": "replica", "A": "always"}
_POLCMD: Final = {"*": "ALL", "r": "SELECT", "a": "INSERT", "w": "UPDATE", "d": "DELETE"}
_TYPTYPE: Final = {"e": "enum", "c": "composite", "r": "range"}

_sent = [0]  # queries sent by this module, for the test that counts them


def queries_sent() -> int:
    """How many queries the object loader sent so far (a constant number per schema)."""
    return _sent[0]


class SchemaNotFound(LookupError):
    """The schema asked for does not exist (or the login cannot see it)."""

    def __init__(self, schema: str) -> None:
        super().__init__(schema)
        self.schema = schema


_QUERIES: Final = (
    queries.SCHEMA,
    queries.RELATIONS,
    queries.FUNCTIONS,
    queries.TYPES,
    queries.COLUMNS,
    queries.INDEXES,
    queries.CONSTRAINTS,
    queries.TRIGGERS,
    queries.POLICIES,
)


async def load_schema_objects(pool: AsyncConnectionPool[Any], schema: str) -> SchemaObjects:
    """Every table, view, materialized view, sequence, function, type and domain of ``schema``
    with its details and DDL; ``SchemaNotFound`` when there is no such schema."""
    params = {"schema": schema}
    async with pool.connection() as conn:
        # One snapshot (the kinds agree) and one round trip: the queries go out together.
        async with conn.transaction(), conn.pipeline():
            cursors = [await conn.execute(query, params) for query in _QUERIES]
            _sent[0] += len(cursors)
            results: list[list[Row]] = [await cur.fetchall() for cur in cursors]
        found, relations, functions, types, columns, indexes, constraints, triggers, policies = (
            results
        )
        if not found:
            raise SchemaNotFound(schema)
        parts = _Parts(
            columns=_group(columns, _column),
            indexes=_group(indexes, _index),
            constraints=_group(constraints, _constraint),
            domain_constraints=_group([(c[1], *c[1:]) for c in constraints if c[1]], _constraint),
            triggers=_group(triggers, _trigger),
            policies=_group(policies, _policy),
        )
        built = _build(
            schema=schema,
            owner=found[0][0],
            relations=relations,
            functions=functions,
            types=types,
            parts=parts,
        )
        return _with_ddl(built, conn)


class _Parts:
    """The per-object details, by the oid of the object they belong to."""

    def __init__(self, **by_oid: dict[int, list[Any]]) -> None:
        self.by_oid = by_oid

    def of(self, part: str, oid: int) -> tuple[Any, ...]:
        return tuple(self.by_oid[part].get(oid, ()))


def _group(rows: list[Row], convert: Callable[[Row], T]) -> dict[int, list[T]]:
    out: dict[int, list[T]] = {}
    for row in rows:
        out.setdefault(int(row[0]), []).append(convert(row))
    return out


def _build(
    *,
    schema: str,
    owner: str,
    relations: list[Row],
    functions: list[Row],
    types: list[Row],
    parts: _Parts,
) -> SchemaObjects:
    tables: list[Table] = []
    views: list[View] = []
    matviews: list[MaterializedView] = []
    sequences: list[Sequence] = []
    for row in relations:
        (oid, name, kind, rel_owner, acl, acl_default, comment, unlogged, options, rls,
         rls_forced, partkey, bound, parents, is_partition, size, reltuples, viewdef,
         populated, seqtype, start, inc, smin, smax, cache, cycle, owned, server) = row  # fmt: skip
        common: dict[str, Any] = {
            "schema": schema,
            "name": name,
            "owner": rel_owner,
            "acl": parse_acl_array(acl),
            "acl_is_default": acl_default,
            "comment": comment,
            "ddl": "",
        }
        cols = parts.of("columns", oid)
        if kind in _TABLE_KIND:
            parent_names = tuple((p[0], p[1]) for p in parents or ())
            tables.append(
                Table(
                    **common,
                    table_kind=cast(Any, _TABLE_KIND[kind]),
                    columns=cols,
                    indexes=parts.of("indexes", oid),
                    constraints=parts.of("constraints", oid),
                    triggers=parts.of("triggers", oid),
                    policies=parts.of("policies", oid),
                    rls_enabled=rls,
                    rls_forced=rls_forced,
                    partition_key=partkey,
                    partition_of=parent_names[0] if is_partition and parent_names else None,
                    partition_bound=bound,
                    inherits=() if is_partition else parent_names,
                    unlogged=unlogged,
                    options=tuple(options),
                    server=server,
                    size_bytes=size,
                    # -1 (PostgreSQL 14+) or 0 with no pages (13): never analyzed
                    rows_estimate=int(reltuples) if reltuples > 0 else None,
                )
            )
        elif kind == "v":
            views.append(
                View(
                    **common,
                    columns=cols,
                    definition=viewdef,
                    triggers=parts.of("triggers", oid),
                    options=tuple(options),
                )
            )
        elif kind == "m":
            matviews.append(
                MaterializedView(
                    **common,
                    columns=cols,
                    definition=viewdef,
                    indexes=parts.of("indexes", oid),
                    populated=populated,
                    size_bytes=size,
                )
            )
        elif kind == "S":
            sequences.append(
                Sequence(
                    **common,
                    data_type=seqtype,
                    start=start,
                    increment=inc,
                    minimum=smin,
                    maximum=smax,
                    cache=cache,
                    cycle=cycle,
                    owned_by=None if owned is None else (owned[0], owned[1]),
                    identity=owned is not None and owned[2] == "i",
                )
            )
    typed = [_type(schema, row, parts) for row in types]
    return SchemaObjects(
        schema=schema,
        owner=owner,
        tables=tuple(tables),
        views=tuple(views),
        materialized_views=tuple(matviews),
        sequences=tuple(sequences),
        functions=tuple(_function(schema, row) for row in functions),
        types=tuple(t for t in typed if isinstance(t, Type)),
        domains=tuple(t for t in typed if isinstance(t, Domain)),
    )


def _function(schema: str, row: Row) -> Function:
    name, args, kind, owner, acl, acl_default, comment, result, lang, secdef, vol, fdef, agg = row
    return Function(
        schema=schema,
        name=name,
        owner=owner,
        acl=parse_acl_array(acl),
        acl_is_default=acl_default,
        comment=comment,
        ddl="",
        function_kind=cast(Any, _PROKIND[kind]),
        arguments=args,
        result=result,
        language=lang,
        security_definer=secdef,
        volatility=cast(Any, _VOLATILITY[vol]),
        definition=fdef or "",
        aggregate=_aggregate(agg),
    )


def _aggregate(row: list[Any] | None) -> tuple[tuple[str, str], ...]:
    """A plain aggregate's CREATE AGGREGATE options; an ordered-set or hypothetical-set one
    (``aggkind`` o, h) has more than these say, so none (its DDL stays unknown)."""
    if row is None or row[0] != "n":
        return ()
    _, sfunc, stype, final, combine, initcond, sortop = row
    options = [("SFUNC", sfunc), ("STYPE", stype), ("FINALFUNC", final),
               ("COMBINEFUNC", combine), ("INITCOND", initcond), ("SORTOP", sortop)]  # fmt: skip
    return tuple((k, v) for k, v in options if v is not None)


def _type(schema: str, row: Row, parts: _Parts) -> Type | Domain:
    (oid, name, typtype, owner, acl, acl_default, comment, typrelid, labels, subtype, base,
     default, notnull, collation) = row  # fmt: skip
    common: dict[str, Any] = {
        "schema": schema,
        "name": name,
        "owner": owner,
        "acl": parse_acl_array(acl),
        "acl_is_default": acl_default,
        "comment": comment,
        "ddl": "",
    }
    if typtype == "d":
        return Domain(
            **common,
            base_type=base,
            default=default,
            nullable=not notnull,
            collation=None if collation is None else (collation[0], collation[1]),
            constraints=parts.of("domain_constraints", oid),
        )
    return Type(
        **common,
        type_kind=cast(Any, _TYPTYPE[typtype]),
        labels=tuple(labels or ()),
        attributes=parts.of("columns", typrelid) if typrelid else (),
        subtype=subtype,
    )


def _column(row: Row) -> Column:
    _, name, num, typ, notnull, default, identity, generated, collation, comment, local, acl = row
    return Column(
        name=name,
        position=num,
        type=typ,
        nullable=not notnull,
        default=default if not generated else None,
        identity={"a": "always", "d": "by default"}.get(identity),  # type: ignore[arg-type]
        generated={"s": "stored", "v": "virtual"}.get(generated),  # type: ignore[arg-type]
        generated_expression=default if generated else None,
        collation=None if collation is None else (collation[0], collation[1]),
        comment=comment,
        inherited=not local,
        acl=parse_acl_array(acl) if acl is not None else (),
    )


def _index(row: Row) -> Index:
    _, name, definition, primary, unique, valid, constraint, size, comment, inherited = row
    return Index(
        name=name,
        definition=definition,
        primary=primary,
        unique=unique,
        valid=valid,
        constraint=constraint,
        size_bytes=size,
        comment=comment,
        inherited=inherited,
    )


def _constraint(row: Row) -> Constraint:
    _, _, name, contype, definition, local, validated, comment = row
    return Constraint(
        name=name,
        kind=cast(Any, _CONTYPE[contype]),
        definition=definition,
        local=local,
        validated=validated,
        comment=comment,
    )


def _trigger(row: Row) -> Trigger:
    _, name, definition, enabled, inherited, comment = row
    return Trigger(
        name=name,
        definition=definition,
        state=cast(Any, _TGENABLED[enabled]),
        inherited=inherited,
        comment=comment,
    )


def _policy(row: Row) -> Policy:
    _, name, cmd, permissive, roles, using, check, comment = row
    return Policy(
        name=name,
        command=cast(Any, _POLCMD[cmd]),
        permissive=permissive,
        roles=tuple(roles),
        using=using,
        with_check=check,
        comment=comment,
    )


def _with_ddl(objects: SchemaObjects, conn: psycopg.AsyncConnection[Any]) -> SchemaObjects:
    """Each object with its DDL, quoted as this connection quotes."""

    def done(items: tuple[AnyObject, ...]) -> tuple[Any, ...]:
        return tuple(replace(o, ddl=object_ddl(o).as_string(conn)) for o in items)

    changed: dict[str, Any] = {kind: done(found) for kind, found in objects.by_kind()}
    return replace(objects, **changed)
