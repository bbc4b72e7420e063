"""``schemadesk roles | privileges | check | provision | grant | revoke``: access from the shell.

Reading commands live here; changing ones (``provision``, ``grant``, ``revoke``, ``check --fix``)
in ``access_change_cmd``, which prints the exact SQL, asks before running it (``--yes`` skips
the question, ``--sql-only`` only prints) and applies it in one transaction.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from schemadesk.cli.access_args import add_change_args, add_config_arg, load_convention
from schemadesk.cli.check_print import SEVERITIES, print_all, say_not_checked
from schemadesk.cli.common import add_connection_args, open_database
from schemadesk.cli.privileges_cmd import run_privileges
from schemadesk.cli.roles_cmd import run_roles
from schemadesk.db.gateway import Gateway

if TYPE_CHECKING:
    from schemadesk.core.access.conventions import Convention
    from schemadesk.core.access.models import Catalog


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
    check.add_argument(
        "--jobs",
        "-j",
        type=_jobs,
        metavar="N",
        help="processes that make and print the findings (default: one per core from 1,000 "
        "checked schemas on; 1: this process only); the output is the same",
    )
    _common(check)
    add_change_args(check)
    check.set_defaults(run=run_check)


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a number of processes, 1 or more: {text!r}")
    return value


def _common(parser: argparse.ArgumentParser) -> None:
    add_connection_args(parser)
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")


def run_check(args: argparse.Namespace) -> int:
    from schemadesk.core.access.conventions import check_conventions, check_nodes
    from schemadesk.db.access.check_reads import check_cluster
    from schemadesk.db.access.readable import refuse_unavailable
    from schemadesk.db.access.rows import ALL_PARTS

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
    refuse_unavailable(catalog, ALL_PARTS)  # "no findings" of a catalog not read whole would lie
    if not node_found:  # a Citus coordinator's nodes are said after its schemas, in one run
        return _print_spread(args, catalog, convention)
    findings = (*check_conventions(catalog, convention, args.schema), *node_found)
    say_not_checked(catalog, args.schema or ())
    return print_all(findings, as_json=args.json, fail_on=args.fail_on)


def _print_spread(args: argparse.Namespace, catalog: Catalog, convention: Convention) -> int:
    """``check``'s findings printed over ``--jobs`` processes (``cli/check_parallel.py``)."""
    from schemadesk.cli.check_parallel import jobs_for, print_check
    from schemadesk.core.access.conventions import checked_schemas
    from schemadesk.core.access.effective import RoleGraph

    names = checked_schemas(catalog, convention, args.schema)  # unknown names refused first
    say_not_checked(catalog, args.schema or ())
    return print_check(
        catalog,
        convention,
        RoleGraph(catalog),
        names,
        as_json=args.json,
        # On Citus the cluster's one note follows the last schema: said by one process.
        jobs=1 if catalog.citus is not None else jobs_for(args.jobs, len(names)),
        fail_on=args.fail_on,
    )
