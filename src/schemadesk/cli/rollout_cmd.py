"""``schemadesk rollout``: one project's migrations to many databases and tenant schemas.

Targets come from ``--targets FILE`` (else the project's ``schemadesk.toml``): ``[[targets]]``
in ordered stages, caps on parallel work, ``[[rollout.tenants]]`` folders applied to every
matching schema, and the project's Alembic modules and tenant chains. Every target is planned
from its ledgers, the plan summarised (targets that differ from most called out), confirmed
once (typed when a target is protected), then run stage by stage (``usecases.rollout``).
Running it again applies only what is still missing. ``--report FILE`` writes the review
report of every target's plan instead, and runs nothing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from schemadesk.cli.common import ConfirmationRefused, calling, print_json, run_use_case
from schemadesk.cli.run_stops import StopAfterStep
from schemadesk.cli.table import print_table
from schemadesk.core.errors import ConfigError
from schemadesk.core.migrations.project import PROJECT_FILE, ModuleConfig, Project, load_project
from schemadesk.core.migrations.status import folder_problem
from schemadesk.core.rollout.models import RolloutEvent, RolloutPlan, RolloutResult, TargetState
from schemadesk.core.rollout.targets import RolloutConfig, load_targets
from schemadesk.core.terminal_text import visible_line
from schemadesk.db.gateway import Gateway
from schemadesk.usecases.rollout import only_stage, rollout


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "rollout",
        help="apply the pending migrations to many databases and tenant schemas, stage by stage",
    )
    p.add_argument("--targets", metavar="FILE", help="the targets file (default: schemadesk.toml)")
    p.add_argument(
        "--project",
        default=argparse.SUPPRESS,
        help="the schemadesk.toml whose [[modules]] are applied (default: the targets file's)",
    )
    p.add_argument("--stage", help="run this stage only")
    p.add_argument("--parallel", type=int, metavar="N", help="targets at once (all servers)")
    p.add_argument(
        "--continue-on-error",
        action="store_true",
        help="a failing target does not stop the others of its stage (later stages still wait)",
    )
    p.add_argument(
        "--reviewed",
        metavar="REPORT",
        help="a review report (rollout --report's, or one database's): refuse unless each "
        "target's files were reviewed for it, unedited (exit 5)",
    )
    p.add_argument(
        "--report",
        metavar="FILE",
        help="write the review report of every target's plan (HTML, or Markdown for .md) and "
        "stop: nothing runs; 'rollout --reviewed FILE' later checks each target against it",
    )
    p.add_argument("--format", choices=("html", "md"), help="--report's format (default: suffix)")
    p.add_argument("--rehearse", action="store_true", help="rehearse on every target, roll back")
    p.add_argument("--yes", action="store_true", help="go ahead without asking")
    p.add_argument(
        "--confirm-protected",
        type=int,
        metavar="N",
        help="with --yes and a protected target: the number of targets, typed in advance",
    )
    p.add_argument("--json", action="store_true", help="print JSON (plan and result)")
    p.set_defaults(run=run_rollout)


def load_config(
    args: argparse.Namespace,
) -> tuple[RolloutConfig, tuple[ModuleConfig, ...], Project | None]:
    """The targets, the pgdbm modules they get and the project (its Alembic modules and
    tenant chains); folders checked before anything connects."""
    project_arg = getattr(args, "project", None)
    path = Path(args.targets or project_arg or PROJECT_FILE)
    if path.is_dir():
        path = path / PROJECT_FILE
    config = only_stage(load_targets(path), args.stage)
    project_path = Path(project_arg) if project_arg else config.project
    modules: tuple[ModuleConfig, ...] = ()
    project = None
    if project_path is not None:
        project = load_project(project_path)
        modules = project.modules
    for module in modules:
        problem = folder_problem(module)
        if problem is not None:
            raise ConfigError(problem)
    for tenants in config.tenants:
        if not tenants.path.is_dir():
            raise ConfigError(f"{tenants.path}: no such migrations folder (tenants {tenants.name})")
    alembic = project is not None and bool(project.alembic_modules or project.alembic_tenants)
    if not modules and not config.tenants and not alembic:
        raise ConfigError(f"{path}: nothing to roll out (no [[modules]], no [[rollout.tenants]])")
    if args.parallel is not None and args.parallel < 1:
        raise ConfigError("--parallel must be at least 1")
    return config, modules, project


def plan_summary(plan: RolloutPlan, caps: dict[str, int | None]) -> str:
    """The plan in a few lines per stage: each target's needs, then the outliers."""
    lines = [
        f"rollout: {plan.steps} migration(s) to {len(plan.targets)} target(s) "
        f"in {len(plan.stages)} stage(s)"
    ]
    for stage in plan.stages:
        members = plan.in_stage(stage)
        cap = f", at most {caps[stage]} at once" if caps.get(stage) else ""
        lines.append(f"  stage {stage} ({len(members)} target(s){cap})")
        for t in members:
            schemas = len(set(t.schemas.values()))
            mark = "  [protected]" if t.protected else ""
            lines.append(
                f"    {t.target.name}  {t.where}  {t.steps} migration(s) in {schemas} "
                f"schema(s){mark}"
            )
    outliers = plan.outliers()
    if outliers:
        lines.append("differs from most targets:")
        lines += [f"  {t.target.name}: {why}" for t, why in outliers]
    return "\n".join(visible_line(line) for line in lines)


def _confirm(plan: RolloutPlan, args: argparse.Namespace) -> None:
    count = len(plan.targets)
    if plan.protected:
        names = ", ".join(plan.protected)
        if args.yes:
            if args.confirm_protected == count:
                return
            raise ConfirmationRefused(
                f"protected target(s) {names}: --yes needs --confirm-protected {count} "
                "(the number of targets), or confirm on a terminal"
            )
        if not sys.stdin.isatty():
            raise ConfirmationRefused("not asking for confirmation without a terminal: add --yes")
        print(
            f"protected target(s): {names}\ntype the number of targets ({count}) to go ahead: ",
            end="",
            file=sys.stderr,
            flush=True,
        )
        if sys.stdin.readline().strip() != str(count):
            raise ConfirmationRefused("declined; nothing was changed")
        return
    if args.yes or args.rehearse:
        return
    if not sys.stdin.isatty():
        raise ConfirmationRefused("not asking for confirmation without a terminal: add --yes")
    print(f"roll out to {count} target(s)? [y/N] ", end="", file=sys.stderr, flush=True)
    if sys.stdin.readline().strip().lower() not in ("y", "yes"):
        raise ConfirmationRefused("declined; nothing was changed")


def _progress(event: RolloutEvent) -> None:
    if event.step is not None:
        return  # per target, not per migration: hundreds of schemas would drown it
    said = f": {event.problem}" if event.problem else ""
    print(visible_line(f"[{event.target}] {event.state}{said}"), file=sys.stderr, flush=True)


def _warn(text: str) -> None:
    print(f"schemadesk: warning: {visible_line(text)}", file=sys.stderr)


def write_review(args: argparse.Namespace) -> int:
    """``rollout --report FILE``: every target planned (read only) into one review report."""
    from schemadesk.core.report.files import report_format
    from schemadesk.core.rollout.review_report import write_rollout_report
    from schemadesk.usecases.rollout import review_rollout

    if args.reviewed or args.rehearse:
        raise ConfigError(
            "--report writes the review and runs nothing: not with --reviewed/--rehearse"
        )
    config, modules, project = load_config(args)
    output = Path(args.report)
    fmt = report_format(output, args.format)
    with Gateway() as gateway:
        plan = gateway.call(
            review_rollout(config, modules, parallel=args.parallel, alembic=project)
        )
    caps = {s.name: s.parallel for s in config.stages}
    if not args.json:
        print(plan_summary(plan, caps), file=sys.stderr)
    manifest = write_rollout_report(plan, output, fmt)
    if args.json:
        print_json({"report": str(output), "content_sha256": manifest.content_sha256,
                    "targets": len(manifest.targets), "steps": manifest.step_count,
                    "files": len(manifest.files)})  # fmt: skip
    print(
        visible_line(
            f"schemadesk: rollout review report written to {output} "
            f"(content SHA-256 {manifest.content_sha256})"
        ),
        file=sys.stderr,
    )
    return 0


def run_rollout(args: argparse.Namespace) -> int:
    if args.report:
        return write_review(args)
    config, modules, project = load_config(args)
    caps = {s.name: s.parallel for s in config.stages}
    with Gateway() as gateway, StopAfterStep("migration") as cancel:

        async def confirm(plan: RolloutPlan) -> bool:
            if not args.json:
                print(plan_summary(plan, caps), file=sys.stderr)
            if plan.steps == 0:
                return True  # nothing will change: no question
            _confirm(plan, args)
            cancel.arm()  # confirmed: from here a signal stops between steps, never inside
            return True

        plan, result = run_use_case(
            rollout(
                config, modules, parallel=args.parallel, continue_on_error=args.continue_on_error,
                rehearse=args.rehearse, reviewed=Path(args.reviewed) if args.reviewed else None,
                confirm=confirm, call=calling(gateway, cancel), warn=_warn,
                on_event=_progress, cancel=cancel,  # stderr: --json's stdout stays JSON
                alembic=project,
            )
        )  # fmt: skip
    if result is None:  # declining raises ConfirmationRefused: this is Ctrl-C while planning
        print("schemadesk: stopped before anything ran", file=sys.stderr)
        return 130
    if args.json:
        print_json(result_json(plan, result))
    else:
        print_summary(result)
    if result.cancelled:
        return 130
    return 1 if result.failed else 0


def print_summary(result: RolloutResult) -> None:
    """The summary table: a row per target and schema, then what stopped the rollout."""
    rows = []
    for o in result.outcomes:
        if not o.rows or o.problem:
            rows.append((o.target, "", str(o.state), "", "", o.problem or "", ""))
        for r in o.rows:
            rows.append(
                (
                    o.target, r.schema, str(o.state), str(r.applied), str(r.skipped),
                    r.failed or "", f"{r.duration_ms:.0f}",
                )
            )  # fmt: skip
    print_table(("target", "schema", "state", "applied", "skipped", "failed", "ms"), rows)
    if result.stopped_at is not None:
        later = [o.target for o in result.outcomes if o.state is TargetState.SKIPPED]
        print(
            f"schemadesk: stage {result.stopped_at} did not finish cleanly; "
            f"{len(later)} target(s) not started",
            file=sys.stderr,
        )


def result_json(plan: RolloutPlan, result: RolloutResult) -> dict[str, Any]:
    """The plan and the outcome of every target and schema, for ``--json``."""
    return {
        "plan": {
            "stages": list(plan.stages),
            "targets": [
                {
                    "target": t.target.name, "stage": t.target.stage, "where": t.where,
                    "steps": t.steps, "protected": t.protected,
                    "schemas": sorted(set(t.schemas.values())),
                }
                for t in plan.targets
            ],
            "outliers": [{"target": t.target.name, "why": why} for t, why in plan.outliers()],
        },
        "result": {
            "ok": result.ok, "rehearsal": result.rehearsal, "cancelled": result.cancelled,
            "stopped_at": result.stopped_at, "total_ms": round(result.total_ms, 1),
            "targets": [
                {"target": o.target, "stage": o.stage, "state": str(o.state), "problem": o.problem}
                for o in result.outcomes
            ],
            "rows": [
                {
                    "target": r.target, "schema": r.schema, "applied": r.applied,
                    "skipped": r.skipped, "failed": r.failed, "duration_ms": r.duration_ms,
                }
                for o in result.outcomes
                for r in o.rows
            ],
        },
    }  # fmt: skip
