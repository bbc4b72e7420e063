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
import functools
import sys
import threading
from collections.abc import Coroutine, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from schemadesk.cli import migrate_alembic
from schemadesk.cli.common import (
    add_connection_args,
    open_database,
    print_json,
    record_action,
    run_use_case,
    wait_cancellable,
)
from schemadesk.cli.migrate_format import (
    half_applied_here,
    plan_text,
    print_status,
    problem_line,
    progress_printer,
    result_summary,
    status_json,
)
from schemadesk.cli.run_as import (
    add_despite_arg,
    add_run_as_arg,
    audited_rehearsal,
    check_rehearsal,
    runs_as_line,
)
from schemadesk.cli.table import print_table
from schemadesk.core.actions import PlannedAction
from schemadesk.core.alembic.models import AlembicSnapshot
from schemadesk.core.errors import ConfigError, SchemadeskError
from schemadesk.core.migrations.errors import MigrationFailed, PlanRefused
from schemadesk.core.migrations.files import load_file
from schemadesk.core.migrations.models import MigrationState, Plan, Severity
from schemadesk.core.migrations.observed_text import as_json as observed_json
from schemadesk.core.migrations.project import (
    DEFAULT_LEDGER,
    Project,
    find_project,
    load_project,
    single_module,
)
from schemadesk.core.migrations.status import GATE_STATES, folder_problem, gate
from schemadesk.core.migrations.template import render
from schemadesk.core.terminal_text import visible_line
from schemadesk.db.database import Database
from schemadesk.db.gateway import Gateway
from schemadesk.db.migrations import service
from schemadesk.usecases.change_sets import ActionBuilder
from schemadesk.usecases.checksums import accept_checksums
from schemadesk.usecases.migrations import apply_migrations

EXIT_GATE = 6  # status --fail-on, as check --fail-on


class ConfirmationRefused(SchemadeskError):
    """Declined at the prompt, or no terminal to ask on."""

    exit_code = 5


def register(subparsers: Any) -> None:
    p = subparsers.add_parser("render", help="render a migration file as pgdbm would")
    p.add_argument("file", help="the .sql file")
    p.add_argument("--schema", default="", help="the schema to render for (none: no schema)")
    p.add_argument("--json", action="store_true", help="print JSON (text, problems, placeholders)")
    p.set_defaults(run=run_render)

    p = subparsers.add_parser("status", help="migrations of each module against its ledger")
    _project_args(p)
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
    _project_args(p)
    p.set_defaults(run=run_plan)

    p = subparsers.add_parser("apply", help="apply the pending migrations (pgdbm-compatible)")
    _project_args(p)
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
    _project_args(p)
    p.add_argument("files", nargs="+", metavar="FILE", help="file names of drifted migrations")
    p.add_argument("--yes", action="store_true", help="accept without asking")
    p.set_defaults(run=run_accept)


def _project_args(parser: argparse.ArgumentParser) -> None:
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


def _snapshots(
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


def run_status(args: argparse.Namespace) -> int:
    if args.ledgers:
        return _run_ledgers(args)
    project = migrate_alembic.database_only(args) or resolve_project(args)
    with Gateway() as gateway:
        database = open_database(gateway, args)
        snaps = _snapshots(gateway, database, project, args)
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


def _print_plan(
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
        print(_nothing(unread, "-- "))


def _unreadable(alembic: Sequence[AlembicSnapshot]) -> list[str]:
    """Modules whose scripts could not be read: never "up to date" (their state is unknown)."""
    return [s.module.name for s in alembic if s.scripts is None and not s.module.detected]


def _nothing(unread: Sequence[str], prefix: str = "") -> str:
    if unread:
        return f"{prefix}nothing to apply, but not read (state unknown): {', '.join(unread)}"
    return f"{prefix}nothing to apply: every module is up to date"


def run_plan(args: argparse.Namespace) -> int:
    project = resolve_project(args)
    with Gateway() as gateway:
        database = open_database(gateway, args)
        snaps = _snapshots(gateway, database, project, args)
        alembic = migrate_alembic.load(gateway, database, project, args)
        upgrades = migrate_alembic.previews(gateway, alembic)
    plan = service.plan_of(snaps)
    if args.json:
        print_json({**asdict(plan), "alembic": [migrate_alembic.preview_json(p) for p in upgrades]})
    else:
        if snaps or not upgrades:
            _print_plan(plan, snaps, _unreadable(alembic))
        for preview in upgrades:
            migrate_alembic.print_preview(preview)
    return 0 if plan.runnable and not _unreadable(alembic) else PlanRefused.exit_code


def _confirm(question: str) -> None:
    if not sys.stdin.isatty():
        raise ConfirmationRefused(
            "not asking for confirmation without a terminal: add --yes to go ahead"
        )
    print(f"{question} [y/N] ", end="", file=sys.stderr, flush=True)
    if sys.stdin.readline().strip().lower() not in ("y", "yes"):
        raise ConfirmationRefused("declined; nothing was changed")


def run_apply(args: argparse.Namespace) -> int:
    project = resolve_project(args)
    with Gateway() as gateway:
        database = open_database(gateway, args)
        database.refuse_writes("rehearsal" if args.rehearse else "apply")
        snaps = _snapshots(gateway, database, project, args)
        plan = service.plan_of(snaps)
        if not plan.runnable:
            if not args.json:
                _print_plan(plan, snaps)
            raise PlanRefused(f"{len(plan.blockers)} problem(s) block the plan; nothing was run")
        alembic = migrate_alembic.load(gateway, database, project, args)
        upgrades = migrate_alembic.previews(gateway, alembic)
        if upgrades and getattr(args, "reviewed", None):
            raise ConfigError("--reviewed covers pgdbm migrations only: leave Alembic out (--only)")
        if not plan.steps and upgrades:
            for preview in [] if args.json else upgrades:
                migrate_alembic.print_preview(preview)
            if not args.yes and not args.rehearse:
                _confirm(f"apply{migrate_alembic.upgrades_phrase(upgrades)[4:]}?")
            done = migrate_alembic.run_upgrades(
                gateway, database, alembic, upgrades, json_output=args.json, rehearse=args.rehearse
            )
            if args.json:
                print_json({"plan": asdict(plan), "result": None, "alembic": done})
            return 0
        if not plan.steps:
            if args.json:
                print_json({"plan": asdict(plan), "result": None})
            else:
                print(_nothing(_unreadable(alembic)))
            return PlanRefused.exit_code if _unreadable(alembic) else 0
        from schemadesk.cli import migrate_actions

        cancel = threading.Event()

        async def confirm(
            build: ActionBuilder, choices: Sequence[str]
        ) -> tuple[PlannedAction, str | None] | None:
            role = choices[0] or None  # the default first: the owner when the login may
            action = await build(role)
            check_rehearsal(action, despite=args.despite_rehearsal)
            if getattr(args, "reviewed", None):
                migrate_actions.check_reviewed(args.reviewed, action)
            if not args.json:
                print(runs_as_line(role, database.server.user), file=sys.stderr)
                _print_plan(plan, snaps, rehearse=args.rehearse)
                for preview in upgrades:
                    migrate_alembic.print_preview(preview)
            if not args.rehearse and not args.yes:
                phrase = migrate_alembic.upgrades_phrase(upgrades)
                _confirm(f"apply {len(plan.steps)} migration(s){phrase}?")
            return action, role

        # Ctrl-C stops after the migration in progress, never inside it.
        async def call(coroutine: Coroutine[Any, Any, Any]) -> Any:
            return wait_cancellable(gateway.submit(coroutine), cancel, "migration")

        schemas = {m.schema for m in project.modules}
        ran = run_use_case(
            apply_migrations(
                database, project, plan, schema=schemas.pop() if len(schemas) == 1 else None,
                rehearse=args.rehearse, rehearsal=audited_rehearsal(database, project),
                run_as=args.run_as, confirm=confirm,
                call=call, sink=functools.partial(record_action, gateway, database),
                on_event=None if args.json else progress_printer(), cancel=cancel,
            )
        )  # fmt: skip
        assert ran is not None  # declining raises ConfirmationRefused
        result = ran[2]
        done = []
        if upgrades and result.ok:
            done = migrate_alembic.run_upgrades(
                gateway, database, alembic, upgrades, json_output=args.json, rehearse=args.rehearse
            )
    if args.json:
        found = {**asdict(result), "observed": [observed_json(o) for o in result.observed]}
        print_json({"plan": asdict(plan), "result": found, "alembic": done})
    else:
        print(result_summary(result), file=sys.stderr)
    if result.error is not None:
        for label, text in (
            ("detail", result.error.detail),
            ("hint", result.error.hint),
            ("context", result.error.context),
        ):
            if text and not args.json:
                print(f"{label}: {text}", file=sys.stderr)
        raise MigrationFailed(result.error)
    return 130 if result.cancelled else 0


def run_accept(args: argparse.Namespace) -> int:
    project = resolve_project(args)
    with Gateway() as gateway:
        database = open_database(gateway, args)
        database.refuse_writes("accepting a checksum")
        snaps = _snapshots(gateway, database, project, args)
        targets: list[tuple[service.ModuleSnapshot, str]] = []
        for name in args.files:
            filename = Path(name).name
            found = [
                (s, r)
                for s in snaps
                for r in s.status.rows
                if r.filename == filename and r.state is MigrationState.DRIFTED
            ]
            if not found:
                raise PlanRefused(f"{filename}: not a drifted migration of the chosen modules")
            if len(found) > 1:
                mods = ", ".join(s.module.name for s, _ in found)
                raise ConfigError(f"{filename} is drifted in several modules ({mods}): use --only")
            snap, row = found[0]
            if not args.json:
                print(
                    f"{snap.module.name}/{filename}: recorded {row.recorded_checksum}, "
                    f"file {row.file_checksum}"
                )
                if row.drift is not None:
                    print(f"recorded version: commit {row.drift.commit}")
                    print(row.drift.diff, end="")
            targets.append((snap, filename))

        async def confirm(
            build: ActionBuilder, _choices: Sequence[str]
        ) -> tuple[PlannedAction, str | None] | None:
            if not args.yes:
                _confirm(
                    f"record the current checksum of {len(targets)} file(s)? (the edits will "
                    "never run: the ledger says they are applied)"
                )
            return await build(None), None

        async def call(coroutine: Coroutine[Any, Any, Any]) -> Any:
            return gateway.call(coroutine)

        done = run_use_case(
            accept_checksums(
                database, targets, confirm=confirm, call=call,
                sink=functools.partial(record_action, gateway, database),
            )
        )  # fmt: skip
        assert done is not None  # declining raises ConfirmationRefused
        changed = done[1]
    if args.json:
        print_json(
            [
                {"module": s.module.name, "filename": f, "rows_changed": n}
                for (s, f), n in zip(targets, changed, strict=True)
            ]
        )
    else:
        for (s, f), n in zip(targets, changed, strict=True):
            print(f"{s.module.name}/{f}: {'accepted' if n else 'unchanged (ledger moved on?)'}")
    return 0
