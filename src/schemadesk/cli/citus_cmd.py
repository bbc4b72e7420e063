"""``schemadesk move SCHEMA --to HOST:PORT``: move a tenant (a Citus distributed schema) to
another node, after saying what was checked; refused, with the reason and the fix, when a
precondition fails, on a read-only profile, or without confirmation."""

from __future__ import annotations

import argparse
import functools
from collections.abc import Callable, Sequence
from typing import Any

from schemadesk.cli.access_args import add_change_args
from schemadesk.cli.access_change_cmd import run_change
from schemadesk.cli.common import (
    ask_yes,
    calling,
    open_database,
    print_json,
    record_action,
    run_use_case,
)
from schemadesk.core.access.changes import ChangeSet
from schemadesk.core.access.models import Catalog
from schemadesk.core.actions import PlannedAction
from schemadesk.core.citus_changes import distribute_schema, undistribute_schema
from schemadesk.core.citus_move import MovePlan, MoveProgress, plan_move
from schemadesk.db.access import load_catalog
from schemadesk.db.citus_move import render_move
from schemadesk.db.gateway import Gateway
from schemadesk.usecases.change_sets import ActionBuilder
from schemadesk.usecases.move import move_tenant


def register(subparsers: Any, common: Callable[[argparse.ArgumentParser], None]) -> None:
    move = subparsers.add_parser(
        "move",
        help="move a tenant (Citus distributed schema) to another node",
        description="Checks the target node, the tables' owners and the size, shows the exact "
        "statement, asks, then runs citus_schema_move and audits it. Writes to the tenant "
        "wait while it moves (shard_transfer_mode block_writes).",
    )
    move.add_argument("schema", help="the distributed schema, exactly as named")
    move.add_argument("--to", required=True, metavar="HOST:PORT", help="the target node")
    move.add_argument("--yes", action="store_true", help="move without asking")
    common(move)
    move.set_defaults(run=run_move_cmd)
    for verb, build, text in (
        ("distribute", distribute_schema, "make a schema a Citus distributed schema (a tenant)"),
        ("undistribute", undistribute_schema, "make a distributed schema a regular one again"),
    ):
        p = subparsers.add_parser(verb, help=text, description=text + ", after confirmation")
        p.add_argument("schema", help="the schema, exactly as named")
        common(p)
        add_change_args(p)
        p.set_defaults(run=_change_verb(build))


def _change_verb(
    build: Callable[[Catalog, str], ChangeSet],
) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        return run_change(args, lambda catalog: build(catalog, args.schema))

    return run


def run_move_cmd(args: argparse.Namespace) -> int:
    with Gateway() as gateway:
        database = open_database(gateway, args)
        catalog = gateway.call(load_catalog(database))
        plan = plan_move(catalog, args.schema, args.to)
        text = gateway.call(render_move(database, plan))
        report = _report(plan, text)
        if not args.json:
            _show(plan)
        if not plan.needed:
            print_json(report) if args.json else print("nothing to do: it is there already")
            return 0
        if plan.blocked and args.json:
            print_json(report)

        async def confirm(
            build: ActionBuilder, _choices: Sequence[str]
        ) -> tuple[PlannedAction, str | None] | None:
            action = await build(None)
            if not args.json:
                print(action.steps[0].sql)
            _confirm(args, plan.schema, plan.target)
            if not args.json:
                print(f"moving {plan.schema}…", flush=True)
            return action, None

        ran = run_use_case(
            move_tenant(
                database, plan, confirm=confirm, call=calling(gateway),
                sink=functools.partial(record_action, gateway, database),
                on_progress=_ProgressLines(quiet=args.json),
            )
        )  # fmt: skip
        assert ran is not None  # declining raises ConfirmationRefused
        nodes = ran.nodes
    report.update(moved=True, now=list(nodes))
    if args.json:
        print_json(report)
    else:
        print(f"moved: {plan.schema} now lives on {', '.join(nodes) or '(unknown)'}")
    return 0 if nodes == (plan.target,) else 1


def _report(plan: MovePlan, text: str) -> dict[str, Any]:
    return {
        "schema": plan.schema,
        "from": list(plan.source),
        "to": plan.target,
        "sql": text + ";",
        "checks": [
            {"what": c.what, "ok": c.ok, "checked": c.checked, "detail": c.detail, "fix": c.fix}
            for c in plan.checks
        ],
        "moved": False,
    }


def _show(plan: MovePlan) -> None:
    """What will move where, and each precondition: [ok], [NO] (refused) or [--] (unknown)."""
    where = ", ".join(plan.source) or "no node yet"
    print(f"move schema {plan.schema} ({plan.tables} table(s)) from {where} to {plan.target}")
    for c in plan.checks:
        mark = "NO" if not c.ok else "ok" if c.checked else "--"
        print(f"  [{mark}] {c.what}" + (f": {c.detail}" if c.detail else ""))
        if c.fix:
            print(f"       fix: {c.fix}")


class _ProgressLines:
    """Prints a line when the move's stage changes or another tenth of it is copied."""

    def __init__(self, *, quiet: bool) -> None:
        self.quiet = quiet
        self.last: tuple[str, int] | None = None

    def __call__(self, progress: MoveProgress) -> None:
        step = (progress.status, progress.percent // 10)
        if self.quiet or step == self.last:
            return
        self.last = step
        print(
            f"  {progress.status.lower()}: {progress.copied:,} of {progress.total:,} bytes "
            f"({progress.percent}%)",
            flush=True,
        )


def _confirm(args: argparse.Namespace, schema: str, target: str) -> None:
    if args.yes:
        return
    ask_yes(
        f"move {schema} to {target}?",
        instead="add --yes to move",
        declined="declined; nothing was moved",
    )
