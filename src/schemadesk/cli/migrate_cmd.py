"""``schemadesk render | status | plan | apply | accept-checksum``: pgdbm migrations.

The project comes from ``--project`` (a ``schemadesk.toml`` or its folder), from single-module
flags (``--migrations DIR --schema S [--module M]``), or from the current folder (its
``schemadesk.toml``, else the layout guessed from its folders, said on stderr). ``apply`` prints
the exact SQL and asks on a terminal (``--yes`` skips it; without a terminal it refuses, exit 5);
``--rehearse`` runs the plan in one transaction and rolls it back. Read-only profiles are
refused (exit 5). A failed migration exits 1 with ``file:line:column: message [SQLSTATE]``.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from schemadesk.cli import migrate_alembic
from schemadesk.cli.common import (
    open_database,
    print_json,
)
from schemadesk.cli.migrate_apply import run_accept, run_apply
from schemadesk.cli.migrate_format import (
    half_applied_here,
    print_status,
    problem_line,
    status_json,
)
from schemadesk.cli.migrate_project import (
    print_plan,
    project_args,
    resolve_project,
    snapshots,
    unreadable,
)
from schemadesk.cli.run_as import add_despite_arg, add_run_as_arg
from schemadesk.cli.table import print_table
from schemadesk.core.errors import ConfigError
from schemadesk.core.migrations.errors import PlanRefused
from schemadesk.core.migrations.files import load_file
from schemadesk.core.migrations.models import Severity
from schemadesk.core.migrations.status import GATE_STATES, gate
from schemadesk.core.migrations.template import render
from schemadesk.db.gateway import Gateway
from schemadesk.db.migrations import service

EXIT_GATE = 6  # status --fail-on, as check --fail-on


def register(subparsers: Any) -> None:
    p = subparsers.add_parser("render", help="render a migration file as pgdbm would")
    p.add_argument("file", help="the .sql file")
    p.add_argument("--schema", default="", help="the schema to render for (none: no schema)")
    p.add_argument("--json", action="store_true", help="print JSON (text, problems, placeholders)")
    p.set_defaults(run=run_render)

    p = subparsers.add_parser("status", help="migrations of each module against its ledger")
    project_args(p)
    p.add_argument("--no-git", action="store_true", help="do not look up drifted files in git")
    p.add_argument(
        "--ledgers",
        action="store_true",
        help="list every pgdbm-shaped ledger in the database instead (no project needed)",
    )
    p.add_argument(
        "--fail-on",
        action="append",
        choices=GATE_STATES,
        metavar="STATE",
        help="exit 6 when a module has a migration in this state (pending, drifted, missing, "
        "blocked: also a pending file or module with a blocking problem); repeatable, for CI",
    )
    p.set_defaults(run=run_status)

    p = subparsers.add_parser("plan", help="the pending migrations and the exact SQL they run")
    project_args(p)
    p.set_defaults(run=run_plan)

    p = subparsers.add_parser("apply", help="apply the pending migrations (pgdbm-compatible)")
    project_args(p)
    p.add_argument(
        "--rehearse",
        action="store_true",
        help="run the whole plan in one transaction and roll it back",
    )
    p.add_argument("--yes", action="store_true", help="apply without asking")
    add_run_as_arg(p)
    add_despite_arg(p)
    p.add_argument(
        "--reviewed",
        metavar="REPORT",
        help="a review report (schemadesk report): refuse anything that differs from it (exit 5)",
    )
    p.set_defaults(run=run_apply)

    p = subparsers.add_parser(
        "accept-checksum", help="record the current checksum of drifted (edited) files"
    )
    project_args(p)
    p.add_argument("files", nargs="+", metavar="FILE", help="file names of drifted migrations")
    p.add_argument("--yes", action="store_true", help="accept without asking")
    p.set_defaults(run=run_accept)


def run_render(args: argparse.Namespace) -> int:
    path = Path(args.file)
    try:
        file = load_file(path)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from None
    rendered = render(file.content or "", args.schema or None)
    problems = [*file.problems, *rendered.problems]
    if args.json:
        print_json(
            {
                "file": str(path),
                "schema": args.schema or None,
                "checksum": file.checksum,
                "no_transaction": file.no_transaction,
                "text": rendered.text,
                "problems": [asdict(p) for p in problems],
                "placeholders": [asdict(p) for p in rendered.placeholders],
            }
        )
    else:
        sys.stdout.write(rendered.text)
        sys.stdout.flush()
        for p in problems:
            print(problem_line(str(path), p), file=sys.stderr)
    return 2 if any(p.severity is Severity.ERROR for p in problems) else 0


def run_status(args: argparse.Namespace) -> int:
    if args.ledgers:
        return _run_ledgers(args)
    project = migrate_alembic.database_only(args) or resolve_project(args)
    with Gateway() as gateway:
        database = open_database(gateway, args)
        snaps = snapshots(gateway, database, project, args)
        alembic = migrate_alembic.load(gateway, database, project, args)
    notes = half_applied_here(database, [s.status for s in snaps])
    if args.json:
        print_json(
            [status_json(s.status, notes) for s in snaps]
            + [migrate_alembic.status_json_of(s) for s in alembic]
        )
    else:
        print_status([s.status for s in snaps], notes)
        migrate_alembic.print_statuses(alembic)
    statuses = [s.status for s in snaps] + [s.status for s in alembic]
    failing = gate(statuses, args.fail_on or ())
    for reason in failing:
        print(f"schemadesk: status --fail-on: {reason}", file=sys.stderr)
    return EXIT_GATE if failing else 0


def _run_ledgers(args: argparse.Namespace) -> int:
    with Gateway() as gateway:
        database = open_database(gateway, args)
        found = gateway.call(service.ledgers_of(database))
    if args.json:
        print_json([asdict(f) for f in found])
        return 0
    rows = [(f.schema, f.name, str(f.rows), ", ".join(f.modules)) for f in found]
    print_table(("schema", "ledger", "rows", "modules"), rows)
    return 0


def run_plan(args: argparse.Namespace) -> int:
    project = resolve_project(args)
    with Gateway() as gateway:
        database = open_database(gateway, args)
        snaps = snapshots(gateway, database, project, args)
        alembic = migrate_alembic.load(gateway, database, project, args)
        upgrades = migrate_alembic.previews(gateway, alembic)
    plan = service.plan_of(snaps)
    if args.json:
        print_json({**asdict(plan), "alembic": [migrate_alembic.preview_json(p) for p in upgrades]})
    else:
        if snaps or not upgrades:
            print_plan(plan, snaps, unreadable(alembic))
        for preview in upgrades:
            migrate_alembic.print_preview(preview)
    return 0 if plan.runnable and not unreadable(alembic) else PlanRefused.exit_code
