"""``schemadesk show SCHEMA[.OBJECT]``: a schema's objects by kind, or one object in detail."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any

from schemadesk.cli.common import add_connection_args, open_database, print_json
from schemadesk.cli.table import print_table
from schemadesk.core.access.models import Catalog
from schemadesk.core.errors import ConfigError
from schemadesk.core.objects.grants import PUBLIC_ROW, Holder, object_holders
from schemadesk.core.objects.models import (
    AnyObject,
    Column,
    Domain,
    Function,
    MaterializedView,
    SchemaObjects,
    Table,
    Type,
    View,
)
from schemadesk.core.objects.models import (
    Sequence as SequenceModel,
)
from schemadesk.core.objects.records import holder_record, object_record, schema_record
from schemadesk.db.access import load_catalog
from schemadesk.db.gateway import Gateway
from schemadesk.db.objects import SchemaNotFound, load_schema_objects


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "show",
        help="a schema's objects by kind, or one object: columns, indexes, constraints, "
        "triggers, policies, grants with reasons, DDL",
        description="SCHEMA alone lists its tables, views, materialized views, sequences, "
        "functions, types and domains; SCHEMA.OBJECT shows that object (a function's "
        'overloads all, or one as name(arguments)). Quote a name that holds a dot: "a.b".c. '
        "Exit 2 when the schema or object does not exist.",
    )
    parser.add_argument("target", metavar="SCHEMA[.OBJECT]", help="names exactly as in the catalog")
    how = parser.add_mutually_exclusive_group()
    how.add_argument("--json", action="store_true", help="print JSON instead of text")
    how.add_argument("--ddl", action="store_true", help="print only the DDL (from the server)")
    add_connection_args(parser)
    parser.set_defaults(run=run)


def split_target(text: str) -> tuple[str, str | None]:
    """``schema`` or ``schema.object``; a part in double quotes may hold dots (``""`` is a
    quote). Unquoted parts are taken as typed (never case-folded): the catalog's exact names."""
    if not text:
        raise ConfigError("show: give a schema name")
    if text.startswith('"'):
        end, schema = _quoted(text)
        rest = text[end:]
        if rest and not rest.startswith("."):
            raise ConfigError(f"show: {text!r}: expected a dot after the quoted schema name")
        obj = rest[1:] if rest else None
    else:
        schema, dot, obj_text = text.partition(".")
        obj = obj_text if dot else None
    if obj is not None and obj.startswith('"'):
        end, name = _quoted(obj)
        obj = name + obj[end:]  # a quoted function name may still carry its (arguments)
    if obj == "":
        raise ConfigError(f"show: {text!r}: nothing after the dot")
    return schema, obj


def _quoted(text: str) -> tuple[int, str]:
    out, i = [], 1
    while i < len(text):
        if text[i] == '"':
            if text[i + 1 : i + 2] == '"':
                out.append('"')
                i += 2
                continue
            return i + 1, "".join(out)
        out.append(text[i])
        i += 1
    raise ConfigError(f"show: {text!r}: unterminated double quote")


def run(args: argparse.Namespace) -> int:
    schema, name = split_target(args.target)
    with Gateway() as gateway:
        database = open_database(gateway, args)
        try:
            objects = gateway.call(load_schema_objects(database.pool, schema))
        except SchemaNotFound:
            raise ConfigError(f"schema {schema!r} does not exist") from None
        found = objects.named(name) if name is not None else ()
        if name is not None and not found:
            raise ConfigError(f"schema {schema!r} has no table, view, sequence, function, "
                              f"type or domain {name!r}")  # fmt: skip
        catalog = None
        if found and not args.ddl:
            catalog = gateway.call(load_catalog(database.pool, ("roles", "memberships")))
    if name is None:
        _show_schema(objects, as_json=args.json, ddl=args.ddl)
        return 0
    assert catalog is not None or args.ddl
    if args.ddl:
        print("\n\n".join(o.ddl for o in found if o.ddl))
    elif args.json:
        assert catalog is not None
        print_json([_with_grants(o, catalog) for o in found])
    else:
        assert catalog is not None
        for i, obj in enumerate(found):
            if i:
                print()
            _show_object(obj, object_holders(catalog, obj))
    return 0


def _with_grants(obj: AnyObject, catalog: Catalog) -> dict[str, Any]:
    record = object_record(obj)
    record["grants"] = [holder_record(h) for h in object_holders(catalog, obj)]
    return record


def _show_schema(objects: SchemaObjects, *, as_json: bool, ddl: bool) -> None:
    if as_json:
        print_json(schema_record(objects))
        return
    if ddl:
        print("\n\n".join(o.ddl for o in objects.objects() if o.ddl))
        return
    print(f"schema {objects.schema} (owner {objects.owner}): {objects.count()} objects")
    rows = [
        (o.kind, o.signature, o.owner, _size(getattr(o, "size_bytes", None)), _first(o.comment))
        for o in objects.objects()
    ]
    if rows:
        print()
        print_table(("kind", "name", "owner", "size", "comment"), rows)


def _show_object(obj: AnyObject, holders: Sequence[Holder]) -> None:
    print(f"{obj.kind} {obj.schema}.{obj.signature}")
    for label, value in _facts(obj):
        if value not in (None, ""):
            print(f"  {label}: {value}")
    columns = getattr(obj, "columns", None) or getattr(obj, "attributes", ())
    if columns:
        headers = ("#", "name", "type", "null", "default", "collation", "grants", "comment")
        _section("columns", headers, [_column_row(c) for c in columns])
    if isinstance(obj, Table | MaterializedView) and obj.indexes:
        _section("indexes", ("name", "size", "valid", "definition"),
                 [(i.name, _size(i.size_bytes), "yes" if i.valid else "NO", i.definition)
                  for i in obj.indexes])  # fmt: skip
    constraints = getattr(obj, "constraints", ())
    if constraints:
        _section("constraints", ("name", "kind", "definition"),
                 [(c.name, c.kind + ("" if c.local else " (inherited)"), c.definition)
                  for c in constraints])  # fmt: skip
    triggers = getattr(obj, "triggers", ())
    if triggers:
        _section("triggers", ("name", "state", "definition"),
                 [(t.name, t.state, t.definition) for t in triggers])  # fmt: skip
    if isinstance(obj, Table) and obj.policies:
        _section("policies", ("name", "command", "as", "to", "using", "with check"),
                 [(p.name, p.command, "permissive" if p.permissive else "restrictive",
                   ", ".join(r or "PUBLIC" for r in p.roles), p.using or "", p.with_check or "")
                  for p in obj.policies])  # fmt: skip
    _section(
        "grants", ("role", "privileges", "why"), _grant_rows(holders) or [("(nobody)", "", "")]
    )


def _grant_rows(holders: Sequence[Holder]) -> list[tuple[str, str, str]]:
    """One row per role and reason: the rights it holds for the same reasons, together."""
    rows = []
    for h in holders:
        grouped: dict[str, list[str]] = {}
        for p in h.privileges:
            if p.held:
                why = "; ".join(r.text for r in p.reasons)
                grouped.setdefault(
                    why + (" (with grant option)" if p.grantable else ""), []
                ).append(p.privilege)
        role = "PUBLIC" if h.role == PUBLIC_ROW else h.role
        rows += [(role, ", ".join(rights), why) for why, rights in grouped.items()]
    return rows


def _section(title: str, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    print()
    print(title)
    print_table(headers, rows)


def _column_row(c: Column) -> tuple[str, ...]:
    default = c.default or ""
    if c.identity is not None:
        default = f"identity ({c.identity})"
    elif c.generated is not None:
        default = f"generated ({c.generated}): {c.generated_expression}"
    collation = ".".join(c.collation) if c.collation else ""
    return (str(c.position), c.name, c.type, "yes" if c.nullable else "NOT NULL", default,
            collation, ", ".join(i.to_text() for i in c.acl), _first(c.comment))  # fmt: skip


def _facts(obj: AnyObject) -> list[tuple[str, Any]]:
    facts: list[tuple[str, Any]] = [("owner", obj.owner), ("comment", obj.comment)]
    if isinstance(obj, Table):
        rows = "" if obj.rows_estimate is None else f", about {obj.rows_estimate} rows"
        facts += [
            ("size", _size(obj.size_bytes) + rows),
            ("partition key", obj.partition_key),
            ("partition of", ".".join(obj.partition_of) if obj.partition_of else None),
            ("bounds", obj.partition_bound),
            ("inherits", ", ".join(".".join(p) for p in obj.inherits)),
            ("row-level security", _rls(obj)),
            ("foreign server", obj.server),
        ]
    elif isinstance(obj, MaterializedView):
        facts += [("size", _size(obj.size_bytes)), ("populated", "yes" if obj.populated else "no")]
    elif isinstance(obj, SequenceModel):
        facts += [
            ("type", obj.data_type),
            ("start, increment", f"{obj.start}, {obj.increment}"),
            ("range", f"{obj.minimum} .. {obj.maximum}"),
            ("cache, cycle", f"{obj.cache}, {'yes' if obj.cycle else 'no'}"),
            ("owned by", ".".join(obj.owned_by) if obj.owned_by else None),
            ("identity", "yes" if obj.identity else None),
        ]
    elif isinstance(obj, Function):
        facts += [
            ("returns", obj.result),
            ("language", obj.language),
            ("volatility", obj.volatility),
            ("security definer", "yes" if obj.security_definer else None),
        ]
    elif isinstance(obj, Type):
        facts += [("type", obj.type_kind), ("labels", ", ".join(obj.labels)),
                  ("subtype", obj.subtype)]  # fmt: skip
    elif isinstance(obj, Domain):
        facts += [("base type", obj.base_type), ("default", obj.default),
                  ("not null", None if obj.nullable else "yes")]  # fmt: skip
    elif isinstance(obj, View) and obj.options:
        facts.append(("options", ", ".join(obj.options)))
    return facts


def _rls(table: Table) -> str | None:
    if not table.rls_enabled:
        return None
    return "enabled, forced for the owner too" if table.rls_forced else "enabled"


def _first(text: str | None) -> str:
    return (text or "").split("\n")[0]


def _size(n: int | None) -> str:
    if n is None:
        return ""
    size = float(n)
    for unit in ("B", "kB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{n} B"
