"""What the migration commands share: the project arguments, the project they name, the
modules' snapshots and the plan as printed (``migrate_cmd``, ``migrate_apply``, ``report_cmd``)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from schemadesk.cli import migrate_alembic
from schemadesk.cli.common import add_connection_args
from schemadesk.cli.migrate_format import plan_text
from schemadesk.core.alembic.models import AlembicSnapshot
from schemadesk.core.errors import ConfigError
from schemadesk.core.migrations.models import Plan
from schemadesk.core.migrations.project import (
    DEFAULT_LEDGER,
    Project,
    find_project,
    load_project,
    single_module,
)
from schemadesk.core.migrations.status import folder_problem
from schemadesk.core.terminal_text import visible_line
from schemadesk.db.database import Database
from schemadesk.db.gateway import Gateway
from schemadesk.db.migrations import service


def project_args(parser: argparse.ArgumentParser) -> None:
    add_connection_args(parser)
    group = parser.add_argument_group("project")
    # SUPPRESS: a --project given before the subcommand (the window's option) still counts.
    group.add_argument(
        "--project",
        default=argparse.SUPPRESS,
        help="a schemadesk.toml, or the folder holding one",
    )
    group.add_argument("--only", action="append", metavar="NAME", help="only this module")
    group.add_argument("--migrations", metavar="DIR", help="one migrations folder")
    group.add_argument("--schema", help="its schema (with --migrations; none: no schema)")
    group.add_argument("--module", help="its pgdbm module_name (default: the schema)")
    group.add_argument(
        "--pool",
        choices=("own", "shared"),
        default="own",
        help="how pgdbm connects for it (default: own)",
    )
    group.add_argument("--ledger", default=DEFAULT_LEDGER, help="its ledger table name")
    migrate_alembic.add_args(group)
    parser.add_argument("--json", action="store_true", help="print JSON")


def resolve_project(args: argparse.Namespace) -> Project:
    """The project the arguments name; assumptions of a guessed layout go to stderr."""
    project_path = getattr(args, "project", None)
    ad_hoc = migrate_alembic.ad_hoc_project(args)
    if ad_hoc is not None:
        return ad_hoc
    if args.migrations:
        if project_path:
            raise ConfigError("give --project or --migrations, not both")
        project = single_module(
            Path(args.migrations), args.schema, args.module, pool=args.pool, ledger=args.ledger
        )
    else:
        if args.schema or args.module:
            raise ConfigError("--schema and --module go with --migrations DIR")
        project = load_project(Path(project_path)) if project_path else find_project(Path.cwd())
        for note in project.assumptions:
            print(f"schemadesk: {note}", file=sys.stderr)
        if not project.modules and not project.alembic_modules and not project.alembic_tenants:
            raise ConfigError("the project has no pgdbm or Alembic modules")
    for module in project.modules:  # a mistyped folder is bad input, never "up to date"
        problem = None if args.only and module.name not in args.only else folder_problem(module)
        if problem is not None:
            raise ConfigError(problem)
    return project


def snapshots(
    gateway: Gateway, database: Database, project: Project, args: argparse.Namespace
) -> tuple[service.ModuleSnapshot, ...]:
    only = migrate_alembic.pgdbm_only(project, args.only)
    if only == () or not project.modules:  # --only named Alembic modules alone
        return ()
    return gateway.call(
        service.snapshots_of(
            database, project, modules=only, git_drift=not getattr(args, "no_git", False)
        )
    )


def print_plan(
    plan: Plan,
    snaps: tuple[service.ModuleSnapshot, ...],
    unread: Sequence[str] = (),
    *,
    rehearse: bool = False,
) -> None:
    for w in plan.warnings:
        print(f"warning: {visible_line(w)}", file=sys.stderr)
    for b in plan.blockers:
        print(f"blocked: {visible_line(b)}", file=sys.stderr)
    if plan.steps:
        print(plan_text(plan, {s.module.name: s.module for s in snaps}, rehearse=rehearse), end="")
    else:
        print(nothing(unread, "-- "))


def unreadable(alembic: Sequence[AlembicSnapshot]) -> list[str]:
    """Modules whose scripts could not be read: never "up to date" (their state is unknown)."""
    return [s.module.name for s in alembic if s.scripts is None and not s.module.detected]


def nothing(unread: Sequence[str], prefix: str = "") -> str:
    if unread:
        return f"{prefix}nothing to apply, but not read (state unknown): {', '.join(unread)}"
    return f"{prefix}nothing to apply: every module is up to date"
