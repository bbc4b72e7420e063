"""``schemadesk diff``: compare two databases (profiles or DSNs), schema by schema.

Access (owners, grants, default privileges, the roles involved), migration state (pgdbm ledger
rows with checksums, Alembic heads) and the objects on one side only. Exit 0 when equal, 6 when
they differ. ``--sql`` prints the access changes that bring B to A; ``--apply`` runs them on B
after the usual confirmation (``--yes`` skips it), in one transaction, audited.
"""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Sequence
from typing import Any

from schemadesk.cli.common import (
    ConfirmationRefused,
    ask_yes,
    calling,
    open_database,
    print_json,
    record_action,
    run_use_case,
)
from schemadesk.cli.diff_format import as_json, print_report
from schemadesk.cli.run_stops import StopAfterStep
from schemadesk.core.access import guards
from schemadesk.core.actions import PlannedAction
from schemadesk.core.errors import ConfigError, ReadOnlyViolation
from schemadesk.core.messages import english
from schemadesk.db.actions import change_set_text
from schemadesk.db.gateway import Gateway
from schemadesk.usecases.change_sets import ActionBuilder
from schemadesk.usecases.diff import Comparison, compare_databases, make_access_equal

DIFFER = 6


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "diff",
        help="compare two databases: access, migration state, objects (exit 6 when they differ)",
        description=(
            "examples: schemadesk diff --from staging --to prod; "
            "schemadesk diff --from staging --to prod --schema sales --sql; "
            "schemadesk diff --from DSN --to DSN --map tenant_a=tenant_b; "
            "schemadesk diff --from db --to db --map 'tenant_*=template' "
            "(every tenant of --to against template of --from)"
        ),
        epilog="exit codes: 0 equal, 6 they differ (with --apply: differences remain), "
        "2 bad input, 3 cannot connect, 5 refused (read-only, declined, no terminal), "
        "130 interrupted",
    )
    p.add_argument("--from", dest="source", required=True, metavar="A", help="profile or DSN")
    p.add_argument("--to", dest="target", required=True, metavar="B", help="profile or DSN")
    p.add_argument(
        "--schema", action="append", default=[], help="compare this schema on both (repeatable)"
    )
    p.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="S=T",
        help="schema S of A against T of B (repeatable); with a pattern on one side "
        "('tenant_*=template'), every schema of B it matches against the one schema of A; "
        "roles named after a schema (S_owner, S_rw) follow its new name",
    )
    p.add_argument(
        "--structure",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="compare columns, indexes, constraints, triggers, policies and definitions "
        "(default: when at most 100 schema pairs are compared)",
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    out = p.add_mutually_exclusive_group()
    out.add_argument(
        "--sql",
        action="store_true",
        help="print the GRANT/REVOKE/ALTER DEFAULT PRIVILEGES/ALTER ... OWNER that bring B's "
        "access to A's (structure is reported, never scripted)",
    )
    out.add_argument(
        "--apply", action="store_true", help="run those statements on B, after confirmation"
    )
    p.add_argument("--yes", "-y", action="store_true", help="with --apply: do not ask")
    p.add_argument(
        "--read-only",
        action="store_true",
        help="open both sessions read-only (default_transaction_read_only=on)",
    )
    p.set_defaults(run=run)


def target_args(text: str, read_only: bool) -> argparse.Namespace:
    """A profile name or a DSN (``key=value ...`` or a URI) as the connection options."""
    if not text.strip():
        raise ConfigError("--from and --to need a profile name or a DSN")
    is_dsn = "=" in text or "://" in text
    return argparse.Namespace(
        dsn=text if is_dsn else None, profile=None if is_dsn else text, read_only=read_only
    )


def run(args: argparse.Namespace) -> int:
    if args.yes and not args.apply:
        raise ConfigError("--yes goes with --apply")
    with Gateway() as gateway:
        a = open_database(gateway, target_args(args.source, args.read_only))
        b = open_database(gateway, target_args(args.target, args.read_only))
        if args.apply and b.read_only:
            raise ReadOnlyViolation(
                f"profile {b.profile.name!r} (--to) is read-only; changes are refused "
                "(--sql prints them)"
            )

        # Reading changes nothing: Ctrl-C there stops at once.
        found = run_use_case(
            compare_databases(
                a, b, schemas=args.schema, maps=args.map, structure=args.structure,
                call=calling(gateway),
            )
        )  # fmt: skip
        text = gateway.call(change_set_text(b, found.change_set)) if args.sql or args.apply else ""
        if args.apply:
            with StopAfterStep("transaction") as stops:
                return _apply(args, gateway, b, found, text=text, stops=stops)
        if args.json:
            print_json(as_json(found, sql=text if args.sql else None))
        elif args.sql:
            _print_sql(found, text)
        else:
            print_report(found)
    return 0 if found.report.equal else DIFFER


def _print_sql(found: Comparison, text: str) -> None:
    if guards.touches_public_schema(found.change_set):
        print(f"-- warning: {guards.PUBLIC_SCHEMA_NOTICE}")
    for note in found.notes:
        print(f"-- {english(note)}".replace("\n", " "))
    structure = sum(1 for d in found.report.differences if not d.access)
    if structure:
        print(f"-- {structure} difference(s) that are not access: not scripted (run diff)")
    print(text, end="")
    if found.change_set.empty:
        print("-- B's access already matches A's")


def _apply(
    args: argparse.Namespace,
    gateway: Gateway,
    b: Any,
    found: Comparison,
    *,
    text: str,
    stops: StopAfterStep,
) -> int:
    change = found.change_set
    if change.empty:
        print("nothing to do: B's access already matches A's")
        return 0 if found.report.equal else DIFFER
    if not args.json:
        print(text, end="")
    if guards.touches_public_schema(change):
        raise ConfirmationRefused(
            f"{guards.PUBLIC_SCHEMA_NOTICE}; nothing was changed: change schema public with "
            "schemadesk grant/revoke --i-understand-public"
        )

    async def confirm(
        build: ActionBuilder, _choices: Sequence[str]
    ) -> tuple[PlannedAction, str | None] | None:
        if not args.yes:
            ask_yes(f"{change.title}: apply {len(change.statements)} statement(s) on B? [y/N] ")
        stops.arm()  # confirmed: from here a signal waits for the transaction's end
        return await build(None), None

    done = run_use_case(
        make_access_equal(
            b, found, confirm=confirm, call=calling(gateway, stops),
            sink=functools.partial(record_action, gateway, b),
        )
    )  # fmt: skip
    assert done is not None  # confirm raises when declined
    result = done.result
    if args.json:
        print_json({**as_json(found, sql=text), "applied": True, "verified": result.verified})
    else:
        print(f"applied {len(change.statements)} statement(s) on B in one transaction")
    if not result.verified:
        print("schemadesk: warning: B does not show: " + "; ".join(result.unmet), file=sys.stderr)
        return DIFFER
    left = sum(1 for d in found.report.differences if not d.access)
    if left and not args.json:
        print(f"{left} difference(s) that are not access remain (structure, migrations, roles)")
    return DIFFER if left else 0
