"""``schemadesk privileges --role R [--schema S]``: a role's effective rights with reasons.

Without ``--schema``: the role's row of the privilege matrix over every user schema, read from
the schemas, roles, memberships and the tables grouped by owner and ACL (``table_groups``);
with it, every object of that schema from the whole access catalog.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence
from typing import Any

from schemadesk.cli.common import print_json
from schemadesk.cli.reading import read_once
from schemadesk.cli.roles_cmd import read_catalog
from schemadesk.cli.table import print_table
from schemadesk.core.access.effective import (
    EffectivePrivilege,
    EffectivePrivileges,
    RoleGraph,
    effective_privileges,
    schema_privileges,
)
from schemadesk.core.access.matrix import privilege_matrix
from schemadesk.core.access.models import Catalog
from schemadesk.core.errors import ConfigError
from schemadesk.db.access.readable import refuse_unavailable
from schemadesk.db.access.rows import ALL_PARTS
from schemadesk.db.access.table_groups import TableGroup, matrix_catalog


def _privilege_json(p: EffectivePrivilege) -> dict[str, Any]:
    return {
        "privilege": p.privilege,
        "held": p.held,
        "grantable": p.grantable,
        "reasons": [
            {"kind": r.kind, "chain": list(r.chain), "grantor": r.grantor, "text": r.text}
            for r in p.reasons
        ],
    }


def run_privileges(args: argparse.Namespace) -> int:
    groups: Mapping[str, Sequence[TableGroup]] | None = None
    graphs: list[RoleGraph] = []
    rights: dict[str, EffectivePrivileges] = {}
    if args.schema is None:

        def prepare(catalog: Catalog) -> None:
            # While the server still groups the tables (a third of a second at 10,000 tenant
            # schemas): the role's USAGE and CREATE on every schema, which the matrix was
            # working out after the rows came (40-60 ms of its 90-120).
            if catalog.role(args.role) is not None:
                graph = RoleGraph(catalog)
                graphs.append(graph)
                for schema in catalog.schemas:
                    if not schema.is_system:
                        name = schema.name
                        rights[name] = schema_privileges(catalog, args.role, name, graph)

        catalog, groups = read_once(args, lambda pool: matrix_catalog(pool, prepare))
    else:
        catalog = read_catalog(args)
    # Without the memberships (or the objects) a right held through a group would read as none.
    refuse_unavailable(catalog, ALL_PARTS)
    if catalog.role(args.role) is None:
        raise ConfigError(f"role {args.role!r} does not exist")
    graph = graphs[0] if graphs else RoleGraph(catalog)
    if args.schema is None:
        schemas = [s.name for s in catalog.schemas if not s.is_system]
        matrix = privilege_matrix(
            catalog, [args.role], schemas, graph, groups, schema_rights=rights
        )
        if args.json:
            print_json(
                [
                    {
                        "schema": c.schema,
                        "usage": _privilege_json(c.usage),
                        "create": _privilege_json(c.create),
                        "tables": c.tables,
                        "coverage": dict(c.coverage),
                        "text": c.text,
                    }
                    for c in matrix.cells
                ]
            )
            return 0
        # Most schemas' coverage reads alike ("SEL 0/20 INS 0/20 ..."): said once each.
        said: dict[tuple[int, tuple[tuple[str, int], ...]], str] = {}
        rows = []
        for c in matrix.cells:
            key = (c.tables, c.coverage)
            coverage = said.get(key)
            if coverage is None:
                coverage = said[key] = (
                    " ".join(f"{p[:3]} {n}/{c.tables}" for p, n in c.coverage) if c.tables else ""
                )
            rows.append((c.schema, _short(c.usage), _short(c.create), coverage))
        print_table(("schema", "USAGE", "CREATE", "tables"), rows)
        return 0
    if catalog.schema(args.schema) is None:
        raise ConfigError(f"schema {args.schema!r} does not exist")
    objects = [effective_privileges(catalog, args.role, args.schema, graph=graph)]
    objects += [
        effective_privileges(catalog, args.role, args.schema, r.name, graph=graph)
        for r in catalog.relations_in(args.schema)
    ]
    objects += [
        effective_privileges(
            catalog, args.role, args.schema, f.name, arguments=f.arguments, graph=graph
        )
        for f in catalog.functions_in(args.schema)
    ]
    if args.json:
        print_json(
            [
                {
                    "kind": o.kind,
                    "schema": o.schema,
                    "name": o.name,
                    "privileges": [_privilege_json(p) for p in o.privileges],
                }
                for o in objects
            ]
        )
        return 0
    lines: list[tuple[str, str, str]] = []
    for o in objects:
        label = f"{o.kind} {o.name}" if o.name is not None else f"schema {o.schema}"
        for p in o.privileges:
            lines.append((label, p.privilege, "; ".join(r.text for r in p.reasons) or "-"))
            label = ""
    print_table(("object", "right", "held because"), lines)
    return 0


def _short(p: EffectivePrivilege) -> str:
    return "; ".join(r.text for r in p.reasons) if p.held else "-"
