"""``schemadesk roles | privileges | check | provision | grant | revoke``: access from the shell.

Reading commands live here; changing ones (``provision``, ``grant``, ``revoke``, ``check --fix``)
in ``access_change_cmd``, which prints the exact SQL, asks before running it (``--yes`` skips
the question, ``--sql-only`` only prints) and applies it in one transaction.
"""

from __future__ import annotations

import argparse
import dataclasses
from collections.abc import Collection, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from schemadesk.cli.access_args import add_change_args, add_config_arg, load_convention
from schemadesk.cli.check_json import print_records
from schemadesk.cli.check_print import (
    SEVERITIES,
    check_exit,
    fix_sql,
    print_findings,
    say_not_checked,
)
from schemadesk.cli.common import add_connection_args, open_database, print_json
from schemadesk.cli.table import print_table
from schemadesk.core.access.effective import EffectivePrivilege, RoleGraph, effective_privileges
from schemadesk.core.access.matrix import privilege_matrix
from schemadesk.core.access.models import Catalog, Role
from schemadesk.core.errors import ConfigError
from schemadesk.core.long_lived import building_long_lived
from schemadesk.core.terminal_text import visible_line
from schemadesk.db.access import load_catalog
from schemadesk.db.access.loader import ALL_PARTS, Part
from schemadesk.db.access.table_groups import TableGroup, matrix_catalog
from schemadesk.db.gateway import Gateway

if TYPE_CHECKING:
    pass


def register(subparsers: Any) -> None:
    """Every access verb: the reading ones, the changing ones and Citus' ``move``."""
    from schemadesk.cli import access_change_cmd, citus_cmd

    register_reading(subparsers)
    access_change_cmd.register(subparsers, _common)
    citus_cmd.register(subparsers, _common)  # move: a Citus coordinator's tenants


def register_reading(subparsers: Any) -> None:
    """``roles``, ``privileges`` and ``check``, without the change-set engine behind the rest."""
    roles = subparsers.add_parser("roles", help="list roles, or show one role in detail")
    roles.add_argument("name", nargs="?", help="a role name, exactly as in the catalog")
    roles.add_argument("--all", action="store_true", help="include predefined pg_* roles")
    _common(roles)
    roles.set_defaults(run=run_roles)

    privs = subparsers.add_parser(
        "privileges", help="effective rights of a role on schemas and their objects, with reasons"
    )
    privs.add_argument("--role", required=True, help="the role to explain")
    privs.add_argument("--schema", help="one schema, with every object in it")
    _common(privs)
    privs.set_defaults(run=run_privileges)

    check = subparsers.add_parser(
        "check", help="check schemas against the owner / migrator / _rw role convention"
    )
    check.add_argument(
        "--schema", action="append", help="a schema to check (repeatable; default: all)"
    )
    add_config_arg(check)
    check.add_argument("--fix", action="store_true", help="apply the fixes of every finding")
    check.add_argument(
        "--fail-on",
        choices=SEVERITIES,
        metavar="SEVERITY",
        help="exit 6 when a finding is at least this severe (error, warning or info); "
        "default: exit 0 whatever is found",
    )
    _common(check)
    add_change_args(check)
    check.set_defaults(run=run_check)


def _common(parser: argparse.ArgumentParser) -> None:
    add_connection_args(parser)
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")


def read_catalog(args: argparse.Namespace, parts: Collection[Part] = ALL_PARTS) -> Catalog:
    with Gateway() as gateway:
        database = open_database(gateway, args)
        return gateway.call(load_catalog(database, parts))


def _role_row(role: Role, member_of: list[str]) -> tuple[str, ...]:
    attrs = [
        name
        for name, on in (
            ("superuser", role.superuser),
            ("login", role.login),
            ("createrole", role.createrole),
            ("createdb", role.createdb),
            ("replication", role.replication),
            ("bypassrls", role.bypassrls),
            ("noinherit", not role.inherit),
        )
        if on
    ]
    return (
        role.name,
        ", ".join(attrs),
        ", ".join(member_of),
        (role.comment or "").split("\n")[0],
    )


def run_roles(args: argparse.Namespace) -> int:
    # Relations and functions are no part of it (400,000 of them at 10,000 tenant schemas).
    parts: tuple[Part, ...] = ("roles", "memberships", "schemas", "default_privileges")
    catalog = read_catalog(args, parts if args.name is not None else parts[:2])
    if args.name is not None:
        return _one_role(catalog, args.name, as_json=args.json)
    shown = [r for r in catalog.roles if args.all or not r.is_predefined]
    member_of: dict[str, list[str]] = {}
    for m in catalog.memberships:
        member_of.setdefault(m.member, []).append(m.role)
    if args.json:
        print_json(
            [
                {**dataclasses.asdict(r), "member_of": sorted(member_of.get(r.name, []))}
                for r in shown
            ]
        )
        return 0
    print_table(
        ("role", "attributes", "member of", "comment"),
        [_role_row(r, sorted(member_of.get(r.name, []))) for r in shown],
    )
    return 0


def _one_role(catalog: Catalog, name: str, *, as_json: bool) -> int:
    role = catalog.role(name)
    if role is None:
        raise ConfigError(f"role {name!r} does not exist")
    member_of = [m for m in catalog.memberships if m.member == name]
    members = [m for m in catalog.memberships if m.role == name]
    owns = [s.name for s in catalog.schemas if s.owner == name]
    defaults = [d for d in catalog.default_privileges if d.for_role == name]
    if as_json:
        print_json(
            {
                "role": dataclasses.asdict(role),
                "member_of": [dataclasses.asdict(m) for m in member_of],
                "members": [dataclasses.asdict(m) for m in members],
                "owns_schemas": owns,
                "default_privileges": [_default_json(d) for d in defaults],
                "membership_options": catalog.context.membership_options,
            }
        )
        return 0
    _line(f"role {role.name}")
    _, attrs, _, _ = _role_row(role, [])
    _line(f"  attributes: {attrs or '(none)'}")
    limit = "none" if role.connection_limit < 0 else str(role.connection_limit)
    _line(f"  connection limit: {limit}; valid until: {role.valid_until or 'always'}")
    if role.comment:
        _line(f"  comment: {role.comment}")
    for s in role.settings:
        where = f"in database {s.database}" if s.database else "in every database"
        _line(f"  setting {s.name} = {s.value} ({where})")
    for m in member_of:
        opts = _options(catalog, m.admin_option, m.inherit_option, m.set_option)
        _line(f"  member of {m.role} {opts} (granted by {m.grantor})")
    for m in members:
        opts = _options(catalog, m.admin_option, m.inherit_option, m.set_option)
        _line(f"  has member {m.member} {opts} (granted by {m.grantor})")
    for schema in owns:
        _line(f"  owns schema {schema}")
    for d in defaults:
        where = f" in schema {d.schema}" if d.schema is not None else ""
        for item in d.acl:
            privs = ", ".join(sorted(item.privileges))
            _line(
                f"  new {d.object_type}{where} give {privs} to {item.grantee_label} "
                f"(granted by {item.grantor})"
            )
    return 0


def _options(catalog: Catalog, admin: bool, inherit: bool, set_option: bool) -> str:
    opts = ["admin"] if admin else []
    if catalog.context.membership_options:
        opts.append("inherit" if inherit else "no inherit")
        opts.append("set" if set_option else "no set")
    else:
        opts.append("inherit" if inherit else "no inherit (member is NOINHERIT)")
    return "[" + ", ".join(opts) + "]"


def _default_json(d: Any) -> dict[str, Any]:
    return {
        "for_role": d.for_role,
        "schema": d.schema,
        "object_type": d.object_type,
        "acl": [_acl_json(i) for i in d.acl],
    }


def _acl_json(item: Any) -> dict[str, Any]:
    return {
        "grantee": item.grantee_label,
        "public": item.is_public,
        "grantor": item.grantor,
        "privileges": sorted(item.privileges),
        "grantable": sorted(item.grantable),
    }


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
    if args.schema is None:
        with Gateway() as gateway:
            catalog, groups = gateway.call(matrix_catalog(open_database(gateway, args)))
    else:
        catalog = read_catalog(args)
    if catalog.role(args.role) is None:
        raise ConfigError(f"role {args.role!r} does not exist")
    graph = RoleGraph(catalog)
    if args.schema is None:
        schemas = [s.name for s in catalog.schemas if not s.is_system]
        matrix = privilege_matrix(catalog, [args.role], schemas, graph, groups)
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
        rows = [
            (
                c.schema,
                _short(c.usage),
                _short(c.create),
                " ".join(f"{p[:3]} {n}/{c.tables}" for p, n in c.coverage) if c.tables else "",
            )
            for c in matrix.cells
        ]
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


def run_check(args: argparse.Namespace) -> int:
    from schemadesk.core.access.conventions import check_conventions, check_nodes
    from schemadesk.db.access.check_reads import check_cluster

    convention = load_convention(args)
    with Gateway() as gateway:
        database = open_database(gateway, args)
        read = check_cluster(database, catalog_needed=not args.fix, links_for=convention)
        found, nodes = gateway.call(read)
    node_found = check_nodes(found, nodes, convention, args.schema) if found and nodes else ()
    if args.fix:
        # The nodes' findings are fixed on the coordinator too (Citus propagates the fix).
        from schemadesk.cli.access_change_cmd import run_check_fix

        return run_check_fix(args, convention, node_found)
    assert found is not None
    catalog = found
    findings = (*check_conventions(catalog, convention, args.schema), *node_found)
    say_not_checked(catalog, args.schema or ())
    if args.json:
        with building_long_lived():  # as print_findings: the collector would rescan them
            records = [{**f.as_record(), "fix": fix_sql(f)} for f in findings]
        print_records(records)
        return check_exit(args.fail_on, findings)
    if not findings:
        print("no findings: every checked schema follows the convention")
        return 0
    print_findings(findings)
    return check_exit(args.fail_on, findings)


def _line(text: str) -> None:
    """One line of facts: a name holding a newline or an escape shows it escaped."""
    print(visible_line(text))
