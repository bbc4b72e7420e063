"""``schemadesk schemas``: the schema list, as the window's schemas view shows it."""

from __future__ import annotations

import argparse
import dataclasses
from typing import Any

from schemadesk.cli.common import add_connection_args, open_database, print_json
from schemadesk.cli.table import print_table
from schemadesk.core.models import SchemaInfo
from schemadesk.db.gateway import Gateway


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("schemas", help="list the schemas of a database")
    add_connection_args(parser)
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument(
        "--system", action="store_true", help="include pg_catalog and information_schema"
    )
    parser.add_argument(
        "--exact-sizes",
        action="store_true",
        help="each schema's exact size on disk (tables, indexes, TOAST); without it the size is "
        "the planner's estimate from page counts (TOAST not counted), current after VACUUM or "
        "ANALYZE; exact sizes stat every file: a minute on 200,000 tables",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    with Gateway() as gateway:
        database = open_database(gateway, args)
        listing = database.schemas(include_system=args.system, exact_sizes=args.exact_sizes)
        schemas = gateway.call(listing)
    if args.json:
        print_json([_record(s, exact=args.exact_sizes) for s in schemas])
        return 0
    citus = any(s.citus is not None for s in schemas)  # a Citus coordinator
    rows = [
        (
            s.name,
            s.owner,
            _kind(s),
            str(s.tables),
            _size(s.size_bytes),
            *(_citus_cells(s) if citus else ()),
            (s.comment or "").split("\n")[0],
        )
        for s in schemas
    ]
    citus_headers = ("distributed", "colocation", "node", "size on nodes") if citus else ()
    size = "size" if args.exact_sizes else "est. size"
    print_table(("schema", "owner", "kind", "tables", size, *citus_headers, "comment"), rows)
    return 0


def _record(schema: SchemaInfo, *, exact: bool) -> dict[str, Any]:
    """A schema as JSON; the ``citus`` object only on a Citus coordinator; ``size_exact`` says
    whether ``size_bytes`` is the size on disk or the planner's estimate."""
    record = {**dataclasses.asdict(schema), "size_exact": exact}
    if record["citus"] is None:
        del record["citus"]
    else:
        record["citus"]["nodes"] = list(record["citus"]["nodes"])
    return record


def _citus_cells(schema: SchemaInfo) -> tuple[str, str, str, str]:
    where = schema.citus
    if where is None:
        return ("", "", "", "")
    return (
        "yes" if where.distributed else "no",
        "" if where.colocation_id is None else str(where.colocation_id),
        ", ".join(where.nodes) or ("(no tables yet)" if where.distributed else "coordinator"),
        _size(where.size_bytes),
    )


def _kind(schema: SchemaInfo) -> str:
    """An extension's or the system's schema is said so (schemadesk never changes those)."""
    if schema.extension is not None:
        return f"extension {schema.extension}"
    return "system" if schema.is_system else ""


def _size(n: int | None) -> str:
    if n is None:
        return ""
    size = float(n)
    for unit in ("B", "kB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{n} B"
