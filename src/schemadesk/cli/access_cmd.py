"""``schemadesk roles | privileges | check | provision | grant | revoke``: access from the shell.

Reading commands live here; changing ones (``provision``, ``grant``, ``revoke``, ``check --fix``)
in ``access_change_cmd``, which prints the exact SQL, asks before running it (``--yes`` skips
the question, ``--sql-only`` only prints) and applies it in one transaction.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from schemadesk.cli.access_args import add_change_args, add_config_arg, load_convention
from schemadesk.cli.common import add_connection_args, open_database, print_json
from schemadesk.cli.privileges_cmd import run_privileges
from schemadesk.cli.roles_cmd import run_roles
from schemadesk.core.access.change_model import ChangeSet
from schemadesk.core.access.models import Catalog
from schemadesk.core.long_lived import building_long_lived
from schemadesk.core.terminal_text import visible_line
from schemadesk.db.gateway import Gateway

if TYPE_CHECKING:
    from schemadesk.core.access.conventions import Finding

SEVERITIES = ("error", "warning", "info")  # most severe first
EXIT_FINDINGS = 6  # check --fail-on: a finding at least that severe


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
    _say_not_checked(catalog, args.schema or ())
    if args.json:
        with building_long_lived():  # as below: the collector would rescan the findings
            records = [{**f.as_record(), "fix": _fix_sql(f)} for f in findings]
        print_json(records)
        return _check_exit(args, findings)
    if not findings:
        print("no findings: every checked schema follows the convention")
        return 0
    # Written a few hundred findings at a time: 50,000 findings printed line by line spent
    # seconds in the output guard's per-write work (the same text either way). Their fix SQL is
    # made here, hundreds of thousands of small objects: with the collector running, its passes
    # over the findings made so far were half of the time.
    with building_long_lived():
        chunk: list[str] = []
        for f in findings:
            chunk.append(_finding_text(f))
            if len(chunk) >= 256:
                sys.stdout.write("".join(chunk))
                chunk.clear()
        sys.stdout.write("".join(chunk))
    errors = sum(f.severity == "error" for f in findings)
    print(f"{len(findings)} finding(s), {errors} error(s)")
    return _check_exit(args, findings)


def _finding_text(f: Finding) -> str:
    """One finding as ``check`` prints it: facts on escaped lines, then its fix SQL."""
    title, explanation = f.texts  # said once (a finding says its English when read)
    lines = [
        visible_line(f"{f.severity}: {f.schema or '(cluster)'}: {title} [{f.code}]"),
        f"  {explanation}",
        *(visible_line(f"  - {obj}") for obj in f.objects[:10]),
    ]
    if len(f.objects) > 10:
        lines.append(f"  - ... and {len(f.objects) - 10} more")
    # Unindented: a quoted name may hold a newline, and the SQL must stay exact.
    lines.append("  fix:")
    return "\n".join(lines) + "\n" + _fix_sql(f)


def _fix_sql(f: Finding) -> str:
    """The fix SQL, its change set let go once printed (``f.fix`` keeps it: 50,000 at 10k)."""
    fix = f.fix_of
    return (fix if isinstance(fix, ChangeSet) else fix()).render()


def _say_not_checked(catalog: Catalog, named: Sequence[str]) -> None:
    """A schema named on the command line that is never checked says why (on stderr)."""
    for name in named:
        entry = catalog.schema(name)
        if entry is not None and entry.extension is not None:
            print(
                f"schema {name} belongs to extension {entry.extension}: not checked "
                "(the extension manages its owner and rights)",
                file=sys.stderr,
            )
        elif entry is not None and entry.is_system:
            print(f"schema {name} is a system schema: not checked", file=sys.stderr)


def _check_exit(args: argparse.Namespace, findings: Sequence[Finding]) -> int:
    """``--fail-on``: 6 when a finding is at least that severe, for CI gates."""
    if args.fail_on is None:
        return 0
    worst_allowed = SEVERITIES.index(args.fail_on)
    failing = any(SEVERITIES.index(f.severity) <= worst_allowed for f in findings)
    return EXIT_FINDINGS if failing else 0
