"""``schemadesk apply | accept-checksum``: the pgdbm plan (and Alembic upgrades) through the
use cases (usecases/migrations.py, usecases/alembic.py, usecases/checksums.py); this module asks
on the terminal and prints."""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

from schemadesk.cli import migrate_alembic
from schemadesk.cli.common import (
    ask_yes,
    calling,
    open_database,
    print_json,
    record_action,
    run_use_case,
)
from schemadesk.cli.migrate_format import progress_printer, result_summary
from schemadesk.cli.migrate_project import (
    nothing,
    print_plan,
    resolve_project,
    snapshots,
    unreadable,
)
from schemadesk.cli.run_as import audited_rehearsal, check_rehearsal, runs_as_line
from schemadesk.cli.run_stops import StopAfterStep
from schemadesk.core.actions import PlannedAction
from schemadesk.core.errors import ConfigError
from schemadesk.core.migrations.errors import MigrationFailed, PlanRefused
from schemadesk.core.migrations.models import MigrationState
from schemadesk.core.migrations.observed_text import as_json as observed_json
from schemadesk.db.gateway import Gateway
from schemadesk.db.migrations import service
from schemadesk.usecases.change_sets import ActionBuilder
from schemadesk.usecases.checksums import accept_checksums
from schemadesk.usecases.migrations import apply_migrations

_ask = functools.partial(ask_yes, instead="add --yes to go ahead")


def run_apply(args: argparse.Namespace) -> int:
    project = resolve_project(args)
    # Ctrl-C stops after the migration (or upgrade) in progress once confirmed, never inside.
    with Gateway() as gateway, StopAfterStep("migration") as stops:
        database = open_database(gateway, args)
        database.refuse_writes("rehearsal" if args.rehearse else "apply")
        snaps = snapshots(gateway, database, project, args)
        plan = service.plan_of(snaps)
        if not plan.runnable:
            if not args.json:
                print_plan(plan, snaps)
            raise PlanRefused(f"{len(plan.blockers)} problem(s) block the plan; nothing was run")
        alembic = migrate_alembic.load(gateway, database, project, args)
        upgrades = migrate_alembic.previews(gateway, alembic)
        if upgrades and getattr(args, "reviewed", None):
            raise ConfigError("--reviewed covers pgdbm migrations only: leave Alembic out (--only)")
        if not plan.steps and upgrades:
            for preview in [] if args.json else upgrades:
                migrate_alembic.print_preview(preview)
            if not args.yes and not args.rehearse:
                _ask(f"apply{migrate_alembic.upgrades_phrase(upgrades)[4:]}?")
            stops.arm()
            done = migrate_alembic.run_upgrades(
                gateway, database, alembic, upgrades, stops,
                json_output=args.json, rehearse=args.rehearse,
            )  # fmt: skip
            if args.json:
                print_json({"plan": asdict(plan), "result": None, "alembic": done})
            return 130 if migrate_alembic.stopped(done, upgrades) else 0
        if not plan.steps:
            if args.json:
                print_json({"plan": asdict(plan), "result": None})
            else:
                print(nothing(unreadable(alembic)))
            return PlanRefused.exit_code if unreadable(alembic) else 0
        from schemadesk.cli import migrate_actions

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
                print_plan(plan, snaps, rehearse=args.rehearse)
                for preview in upgrades:
                    migrate_alembic.print_preview(preview)
            if not args.rehearse and not args.yes:
                phrase = migrate_alembic.upgrades_phrase(upgrades)
                _ask(f"apply {len(plan.steps)} migration(s){phrase}?")
            stops.arm()  # confirmed: from here a signal stops between steps, never inside
            return action, role

        schemas = {m.schema for m in project.modules}
        ran = run_use_case(
            apply_migrations(
                database, project, plan, schema=schemas.pop() if len(schemas) == 1 else None,
                rehearse=args.rehearse, rehearsal=audited_rehearsal(database, project),
                run_as=args.run_as, confirm=confirm,
                call=calling(gateway, stops),  # Ctrl-C: after the migration
                sink=functools.partial(record_action, gateway, database),
                on_event=None if args.json else progress_printer(), cancel=stops,
            )
        )  # fmt: skip
        assert ran is not None  # declining raises ConfirmationRefused
        result = ran[2]
        done = []
        if upgrades and result.ok:
            done = migrate_alembic.run_upgrades(
                gateway, database, alembic, upgrades, stops,
                json_output=args.json, rehearse=args.rehearse,
            )  # fmt: skip
        upgrades_stopped = bool(upgrades) and result.ok and migrate_alembic.stopped(done, upgrades)
    if args.json:
        found = {**asdict(result), "observed": [observed_json(o) for o in result.observed]}
        print_json({"plan": asdict(plan), "result": found, "alembic": done})
    else:
        print(result_summary(result), file=sys.stderr)
        if upgrades_stopped:
            print("schemadesk: the Alembic upgrades left were not started", file=sys.stderr)
    if result.error is not None:
        for label, text in (
            ("detail", result.error.detail),
            ("hint", result.error.hint),
            ("context", result.error.context),
        ):
            if text and not args.json:
                print(f"{label}: {text}", file=sys.stderr)
        raise MigrationFailed(result.error)
    return 130 if result.cancelled or upgrades_stopped else 0


def run_accept(args: argparse.Namespace) -> int:
    project = resolve_project(args)
    with Gateway() as gateway:
        database = open_database(gateway, args)
        database.refuse_writes("accepting a checksum")
        snaps = snapshots(gateway, database, project, args)
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
                _ask(
                    f"record the current checksum of {len(targets)} file(s)? (the edits will "
                    "never run: the ledger says they are applied)"
                )
            stops.arm()  # confirmed: a signal now waits for the transaction's end
            return await build(None), None

        with StopAfterStep("transaction") as stops:
            done = run_use_case(
                accept_checksums(
                    database, targets, confirm=confirm, call=calling(gateway, stops),
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
