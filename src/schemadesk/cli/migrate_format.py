"""Text and JSON shapes of the migration commands' output (no database, no Qt)."""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from schemadesk.core.audit import AuditRecord
from schemadesk.core.errors import SchemadeskError
from schemadesk.core.migrations.models import (
    ApplyEvent,
    ApplyEventKind,
    ApplyResult,
    FileProblem,
    MigrationState,
    ModuleStatus,
    Plan,
)
from schemadesk.core.migrations.observed_text import summary as observed_summary
from schemadesk.core.migrations.project import ModuleConfig
from schemadesk.core.migrations.script import rehearsal_start, script_text
from schemadesk.core.migrations.script import text as statement_texts
from schemadesk.core.terminal_text import visible_line


def problem_line(where: str, p: FileProblem) -> str:
    """``file:line:col: severity: message``, as compilers print them."""
    pos = ""
    if p.line is not None:
        pos = f":{p.line}" + (f":{p.column}" if p.column is not None else "")
    return f"{visible_line(where)}{pos}: {p.severity}: {p.message}"


Notes = Mapping[tuple[str, str], str]


def half_applied(
    statuses: Sequence[ModuleStatus], records: Iterable[AuditRecord], where: tuple[str, int, str]
) -> dict[tuple[str, str], str]:
    """Pending files whose last failed apply (audit log) committed some of their statements:
    ``(module, file)`` → what the audit record says. ``where``: host, port, database."""
    pending = {
        (s.module, r.filename)
        for s in statuses
        for r in s.rows
        if r.state in (MigrationState.PENDING, MigrationState.BLOCKED)
    }
    notes: dict[tuple[str, str], str] = {}
    for record in records:  # oldest first: the latest partial failure is said
        error, target = record.error, record.target
        if error is None or not error.partial or not error.file or "/" not in error.file:
            continue
        if (target.host, target.port, target.database) != where:
            continue
        module, filename = error.file.split("/", 1)
        if (module, filename) in pending:
            notes[module, filename] = (
                f"{error.partial} (audit record {record.id[:8]}, {record.when})"
            )
    return notes


def half_applied_here(
    database: Any, statuses: Sequence[ModuleStatus]
) -> dict[tuple[str, str], str]:
    """``half_applied`` from the local audit log, for the server ``database`` reaches."""
    from schemadesk.core.audit import AuditLog

    server = database.server
    try:
        records = AuditLog().read(database=server.database)
    except SchemadeskError:
        return {}  # an unreadable log is no reason to fail status
    return half_applied(statuses, records, (server.host, server.port, server.database))


def status_json(status: ModuleStatus, notes: Notes | None = None) -> dict[str, Any]:
    data: dict[str, Any] = dataclasses.asdict(status)
    for row in data["rows"]:
        row["partial"] = (notes or {}).get((status.module, row["filename"]))
    data["counts"] = {
        state: sum(1 for r in status.rows if r.state == state)
        for state in ("applied", "pending", "drifted", "missing", "blocked")
    }
    return data


def print_status(statuses: Sequence[ModuleStatus], notes: Notes | None = None) -> None:
    from schemadesk.cli.table import print_table

    for status in statuses:
        where = f"{status.ledger_schema}.{status.ledger_table}"
        if not status.ledger_exists:
            where += " (not created yet)"
        print(f"module {status.module}  schema {status.schema or '(none)'}  ledger {where}")
        for p in status.problems:
            print("  " + problem_line(status.module, p))
        rows = [
            (
                r.filename,
                r.state.value,
                r.applied_at.isoformat(sep=" ", timespec="seconds") if r.applied_at else "",
                r.applied_by or "",
                "" if r.execution_time_ms is None else str(r.execution_time_ms),
                _note(r.state.value, r.recorded_checksum, r.file_checksum, len(r.problems)),
            )
            for r in status.rows
        ]
        if rows:
            print_table(("file", "state", "applied at", "by", "ms", "note"), rows)
        else:
            print("(no migrations)")
        for r in status.rows:
            note = (notes or {}).get((status.module, r.filename))
            if note:
                print(f"{status.module}/{r.filename}: warning: {note}")
            for p in r.problems:
                print(problem_line(f"{status.module}/{r.filename}", p))
            if r.drift is not None:
                print(f"{status.module}/{r.filename}: recorded version is commit {r.drift.commit}")
                print(r.drift.diff, end="" if r.drift.diff.endswith("\n") else "\n")
        print()


def _note(state: str, recorded: str | None, current: str | None, problems: int) -> str:
    parts = []
    if state == "drifted":
        parts.append(f"recorded {(recorded or '')[:12]} file {(current or '')[:12]}")
    if problems:
        parts.append(f"{problems} problem(s)")
    return "; ".join(parts)


def plan_text(
    plan: Plan, modules: Mapping[str, ModuleConfig] | None = None, *, rehearse: bool = False
) -> str:
    """The plan as every statement each step sends, in order, the rendered file in its place
    (``<ms>``: the measured time, known once the file ran)."""
    out: list[str] = []
    n = len(plan.steps)
    start = tuple(statement_texts(rehearsal_start(plan.observe_schemas)))
    for i, step in enumerate(plan.steps, 1):
        mode = "autocommit, statement by statement" if step.no_transaction else "one transaction"
        if rehearse:
            mode = "inside the rehearsal's transaction, rolled back at the end"
        timeouts = ""
        if step.timeouts is not None:  # a value the file sets is shown escaped: one line
            timeouts = f"-- runs under {visible_line(step.timeouts.english())}\n"
        out.append(
            f"-- [{i}/{n}] {step.module}/{visible_line(step.filename)} ({mode})\n"
            + timeouts
            + script_text(step, rehearse=rehearse, first=i == 1, last=i == n, start=start)
        )
    return "\n".join(out)


def progress_printer(stream: Any = None) -> Any:
    """A progress callback printing one line per finished migration (name and time)."""
    out = stream or sys.stderr

    def on_event(event: ApplyEvent) -> None:
        if event.kind is ApplyEventKind.STARTED:
            return
        if event.kind is ApplyEventKind.WAITING:
            print(f"[{event.index + 1}/{event.total}] {event.message}", file=out, flush=True)
            return
        label = {
            ApplyEventKind.APPLIED: "applied",
            ApplyEventKind.SKIPPED: "skipped (applied meanwhile by another applier)",
            ApplyEventKind.FAILED: "FAILED",
            ApplyEventKind.CANCELLED: "cancelled before",
            ApplyEventKind.NOT_REHEARSABLE: "not rehearsed (-- pgdbm:no-transaction)",
        }[event.kind]
        print(
            f"[{event.index + 1}/{event.total}] {event.module}/{event.filename}: {label}"
            + (f" in {event.elapsed_ms:.0f} ms" if event.elapsed_ms else ""),
            file=out,
            flush=True,
        )

    return on_event


def result_summary(result: ApplyResult) -> str:
    verb = "rehearsed" if result.rehearsal else "applied"
    done = len(result.applied)
    text = f"{verb} {done} migration(s) in {result.total_ms:.0f} ms"
    skipped = sum(1 for r in result.results if r.outcome is ApplyEventKind.SKIPPED)
    if skipped:
        text += f"; {skipped} skipped (applied by another applier meanwhile)"
    if result.not_rehearsed:
        text += "; not rehearsed (no-transaction): " + ", ".join(result.not_rehearsed)
    if result.rehearsal:
        text += "; everything was rolled back"
    if result.cancelled:
        text += "; cancelled: the remaining migrations were not run"
    if result.error is not None and result.error.partial:
        text += "\n" + result.error.partial
    if result.observed:  # what each rehearsed step locked and rewrote
        text += "\nobserved:\n" + "\n".join(
            f"  {visible_line(line)}" for line in observed_summary(result.observed)
        )
    return text
