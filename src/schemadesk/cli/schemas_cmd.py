"""``schemadesk schemas``: the schema list, as the window's schemas view shows it."""

from __future__ import annotations

import argparse
import dataclasses
from functools import cache, partial
from typing import Any, Final

from schemadesk.cli.common import add_connection_args, print_json
from schemadesk.cli.reading import read_once
from schemadesk.cli.table import print_table
from schemadesk.core.access.acl import parse_acl_array
from schemadesk.core.models import SchemaInfo
from schemadesk.db.access.schema_list import is_system, schema_list


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
    """``schemas``: the list, read lean (``db.access.schema_list``) unless on Citus."""
    read = partial(schema_list, system=args.system, exact_sizes=args.exact_sizes)
    found = read_once(args, read)
    if found.infos is not None:
        return _print_infos(args, found.infos)
    counts = found.counts or {}
    if args.json:
        print_json([_row_record(row, counts, found.sizes) for row in found.rows])
        return 0
    rows = []
    for name, owner, comment, _, _, _, extension in found.rows:
        count = counts.get(name, _NO_COUNTS)
        size = count[5] if found.sizes is None else found.sizes.get(name, 0)
        kind = f"extension {extension}" if extension is not None else _SYSTEM[is_system(name)]
        first = comment.split("\n")[0] if comment else ""
        rows.append((name, owner, kind, str(count[1]), _size(size), first))
    size_header = "size" if args.exact_sizes else "est. size"
    print_table(("schema", "owner", "kind", "tables", size_header, "comment"), rows)
    return 0


_NO_COUNTS: Final = ("", 0, 0, 0, 0, 0)  # a schema SCHEMA_COUNTS has no row for: empty
_SYSTEM: Final = {True: "system", False: ""}


def _row_record(
    row: tuple[Any, ...], counts: dict[str, tuple[Any, ...]], sizes: dict[str, int] | None
) -> dict[str, Any]:
    """A SCHEMAS row as ``_record`` says its ``SchemaInfo`` (ACL items in their text form)."""
    name, owner, comment, acl, is_default, _, extension = row
    _, tables, views, sequences, functions, estimate = counts.get(name, _NO_COUNTS)
    return {
        "name": name,
        "owner": owner,
        "tables": tables,
        "views": views,
        "sequences": sequences,
        "functions": functions,
        "size_bytes": estimate if sizes is None else sizes.get(name, 0),
        "comment": comment,
        "acl": None if is_default else [item.to_text() for item in parse_acl_array(acl)],
        "extension": extension,
        "size_exact": sizes is not None,
    }


def _print_infos(args: argparse.Namespace, schemas: list[SchemaInfo]) -> int:
    """The list of a Citus coordinator (the catalog loader's ``SchemaInfo``)."""
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


@cache  # tenant schemas made alike have one size: said once (10,000 sizes were 10-20 ms)
def _size(n: int | None) -> str:
    if n is None:
        return ""
    size = float(n)
    for unit in ("B", "kB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{n} B"
