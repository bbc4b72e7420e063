"""``schemadesk report | audit``: review reports and the audit log from the shell.

``report`` writes the review report of the pending migrations (the same project and connection
flags as ``plan``), optionally with a rehearsal and the convention findings of the modules'
schemas, or of a past action (``--from-audit N|ID``). ``audit`` lists the local audit log.
Helpers here also serve ``apply --reviewed`` and the audit records of the changing commands.
"""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from schemadesk.cli.common import calling, print_json
from schemadesk.cli.run_as import add_run_as_arg
from schemadesk.cli.table import print_table
from schemadesk.core.actions import ActionKind, PlannedAction
from schemadesk.core.audit import (
    REHEARSED_PARTLY,
    VERDICTS,
    AuditFilter,
    AuditLog,
    AuditRecord,
)
from schemadesk.core.lint import LintFinding
from schemadesk.core.migrations.errors import PlanRefused
from schemadesk.core.migrations.models import ApplyResult, Plan
from schemadesk.core.migrations.project import Project
from schemadesk.core.report import (
    Review,
    render,
    report_format,
    review_of,
    review_of_record,
)
from schemadesk.db.database import Database
from schemadesk.db.gateway import Gateway
from schemadesk.db.review import pending_review
from schemadesk.usecases.change_sets import ActionBuilder
from schemadesk.usecases.migrations import migrations_run_action, run_as_choices


def register(subparsers: Any) -> None:
    from schemadesk.cli.migrate_project import project_args as _project_args

    p = subparsers.add_parser(
        "report",
        help="write the review report of the pending migrations, or of a past action",
        description="Writes one self-contained HTML file (or Markdown) with the exact SQL, each "
        "migration file's SHA-256 and the report's own content SHA-256; "
        "'schemadesk apply --reviewed FILE' later refuses anything that differs from it.",
    )
    _project_args(p)
    p.add_argument("--format", choices=("html", "md"), help="default: from --output's suffix")
    p.add_argument("--output", "-o", metavar="FILE", help="where to write (default: stdout)")
    p.add_argument(
        "--from-audit",
        metavar="N|ID",
        help="report a past action of the audit log (number as 'schemadesk audit' lists it, "
        "-1 for the latest, or an id prefix) instead of the plan",
    )
    p.add_argument(
        "--rehearse",
        action="store_true",
        help="rehearse the plan first (run and roll back) and include the result",
    )
    add_run_as_arg(p)
    p.add_argument(
        "--findings",
        action="store_true",
        help="include the convention findings of the modules' schemas ([conventions] of the "
        "project's schemadesk.toml)",
    )
    p.add_argument(
        "--lint",
        action="store_true",
        help="include the lint findings of the pending files (as 'schemadesk lint' gives them)",
    )
    p.set_defaults(run=run_report)

    a = subparsers.add_parser("audit", help="list the audit log of confirmed actions")
    a.add_argument("--since", type=_moment, help="from this time (ISO 8601; UTC if no zone)")
    a.add_argument("--until", type=_moment, help="before this time (ISO 8601; UTC if no zone)")
    a.add_argument("--profile", help="only actions through this profile")
    a.add_argument("--database", help="only actions on this database")
    a.add_argument("--kind", choices=[k.value for k in ActionKind], help="only this kind")
    a.add_argument(
        "--outcome",
        choices=VERDICTS,
        help="only this outcome; rehearsed-partly: a rehearsal that left out no-transaction "
        "files (stored as succeeded, those steps not-rehearsable), which succeeded leaves out",
    )
    a.add_argument("--text", help="text in the title, SQL, step names, users or error")
    a.add_argument("--log", metavar="FILE", help="another audit.jsonl than the data folder's")
    a.add_argument(
        "--json",
        action="store_true",
        help="print the records as JSON, each with its verdict (the outcome as listed) and the "
        "files it did not rehearse",
    )
    a.set_defaults(run=run_audit)


def _moment(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO 8601 time: {text!r}") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


# ------------------------------------------------------------------------------- commands


def _emit(review: Review, args: argparse.Namespace) -> None:
    output = Path(args.output) if args.output else None
    fmt = report_format(output, args.format) if output else (args.format or "html")
    text = render(review, fmt)
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        where = "stdout"
    else:
        output.write_bytes(text.encode("utf-8"))
        where = str(output)
    print(
        f"schemadesk: review report written to {where} (content SHA-256 {review.content_sha256})",
        file=sys.stderr,
    )


def run_report(args: argparse.Namespace) -> int:
    if args.from_audit:
        record = AuditLog().find(args.from_audit)
        _emit(review_of_record(record), args)
        return 0
    from schemadesk.cli.migrate_alembic import pgdbm_only
    from schemadesk.cli.migrate_project import resolve_project

    project = resolve_project(args)
    with Gateway() as gateway:
        from schemadesk.cli.common import open_database

        database = open_database(gateway, args)
        pending = gateway.call(
            pending_review(
                database,
                project,
                modules=pgdbm_only(project, args.only),
                git_drift=not getattr(args, "no_git", False),
                findings=args.findings,
            )
        )
        plan = pending.plan
        for blocker in plan.blockers:
            print(f"blocked: {blocker}", file=sys.stderr)
        action, role, schema = pending.action, None, pending.action.target.schema
        if plan.steps:  # as apply runs it: the owner when the login may SET ROLE (--run-as)
            role = gateway.call(run_as_choices(database, project, plan, args.run_as))[0] or None
            action = migrations_run_action(database, project, plan, schema=schema, role=role)
        lint = _lint(gateway, database, project, plan) if args.lint else []
        rehearsal = None
        if args.rehearse and plan.steps and plan.runnable:
            rehearsal = _rehearse(gateway, database, project, plan, schema=schema, role=role)
    _emit(review_of(action, findings=pending.findings, rehearsal=rehearsal, lint=lint), args)
    if args.rehearse and plan.blockers:
        # The report says why; the exit code says the rehearsal asked for did not happen.
        print("schemadesk: not rehearsed: the plan is blocked (see above)", file=sys.stderr)
        return PlanRefused.exit_code
    return 0


def _lint(gateway: Gateway, database: Database, project: Project, plan: Plan) -> list[LintFinding]:
    """Lint of the plan's files with this profile's timeouts and the catalog's table sizes."""
    from schemadesk.db.lint import lint_plan

    return gateway.call(lint_plan(database, project, plan))


def _row(number: int, r: AuditRecord) -> tuple[str, ...]:
    skipped = r.verdict == REHEARSED_PARTLY
    where = f"{r.target.database}" + (f"/{r.target.schema}" if r.target.schema else "")
    return (
        str(number),
        r.id[:8],
        r.when.replace("T", " ")[:19],
        r.kind,
        r.verdict,
        f"{r.duration_ms:.0f} ms",
        r.profile,
        f"{r.db_user}@{where}",
        r.title
        + (f" — {r.error.describe()}" if r.error else "")
        + (f" — not rehearsed (no transaction): {', '.join(r.not_rehearsed)}" if skipped else ""),
    )


def _json(number: int, r: AuditRecord) -> dict[str, Any]:
    """The record as stored (``outcome`` as the shared table's column holds it), numbered, with
    its verdict: the outcome as listed (``rehearsed-partly`` for a rehearsal that left files
    out) and the files it did not rehearse."""
    return {"number": number, **r.to_json(), "verdict": r.verdict, "not_rehearsed": r.not_rehearsed}


def run_audit(args: argparse.Namespace) -> int:
    log = AuditLog(Path(args.log)) if args.log else AuditLog()
    where = AuditFilter(
        since=args.since,
        until=args.until,
        profile=args.profile,
        database=args.database,
        kind=args.kind,
        outcome=args.outcome,
        text=args.text,
    )
    everything = log.read()
    if log.skipped:
        print(f"schemadesk: {log.skipped} line(s) of {log.path} are not records", file=sys.stderr)
    chosen = [(n, r) for n, r in enumerate(everything, 1) if where.matches(r)]
    if args.json:
        print_json([_json(n, r) for n, r in chosen])
        return 0
    if not chosen:
        print(f"no audit records{' match' if everything else ''} ({log.path})")
        return 0
    print_table(
        ("#", "id", "when (UTC)", "kind", "outcome", "took", "profile", "where", "what"),
        [_row(n, r) for n, r in chosen],
    )
    return 0


def _rehearse(
    gateway: Gateway,
    database: Database,
    project: Project,
    plan: Plan,
    *,
    schema: str | None,
    role: str | None,
) -> ApplyResult:
    """The rehearsal the report shows, through the migrations use case (audited the same way),
    as ``role`` (the report's run-as choice)."""
    from schemadesk.cli.common import record_action, run_use_case
    from schemadesk.usecases.migrations import apply_migrations

    async def confirm(
        build: ActionBuilder, _choices: Sequence[str]
    ) -> tuple[PlannedAction, str | None] | None:
        return await build(role), role  # asked for by --rehearse: a rehearsal changes nothing

    ran = run_use_case(
        apply_migrations(
            database, project, plan, schema=schema, rehearse=True, rehearsal=None,
            run_as=role or "login", confirm=confirm, call=calling(gateway),
            sink=functools.partial(record_action, gateway, database),
        )
    )  # fmt: skip
    assert ran is not None
    return ran[2]
