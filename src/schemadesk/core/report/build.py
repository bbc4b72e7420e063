"""Manifests from what they review: a planned action (with findings and rehearsal) or a past
action from the audit log."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from schemadesk.core.access.conventions import Finding
from schemadesk.core.actions import PlannedAction
from schemadesk.core.audit import AuditRecord, redact_sql
from schemadesk.core.lint.models import LintFinding
from schemadesk.core.migrations.models import ApplyEventKind, ApplyResult
from schemadesk.core.migrations.observed_text import lines as observed_lines
from schemadesk.core.report.lint_entry import lint_entries
from schemadesk.core.report.manifest import (
    AuditEntry,
    FindingEntry,
    Manifest,
    Rehearsal,
    RehearsalError,
    RehearsedStep,
    Review,
    Step,
    Target,
    sha256,
)
from schemadesk.core.report_texts import (
    CHECKSUM_ALGORITHM,
    ENGLISH,
    SQL_HASH_NOTE,
    ReportTexts,
    to_manifest,
)
from schemadesk.core.terminal_text import visible_line


def _created(created: datetime | None) -> str:
    return (created or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="seconds")


def _target(action: PlannedAction) -> Target:
    t = action.target
    return Target(t.profile, t.host, t.port, t.database, t.login, t.schema, t.run_as, t.protected)


def _steps(action: PlannedAction) -> tuple[Step, ...]:
    steps: list[Step] = []
    for step in action.steps:
        text = redact_sql(step.sql)
        steps.append(
            Step(
                label=step.label,
                checksum=step.checksum,
                sql_sha256=sha256(text),
                statements=step.statements,
                locks=tuple(step.locks),
                sql=text,
            )
        )
    return tuple(steps)


def _finding(f: Finding) -> FindingEntry:
    return FindingEntry(
        schema=f.schema,
        code=f.code,
        severity=f.severity,
        title=f.title,
        explanation=f.explanation,
        objects=tuple(f.objects),
        fix_sql=redact_sql(f.fix.render()),
    )


def _rehearsal(result: ApplyResult) -> Rehearsal:
    # Relation names come from the catalog: a control character in one is shown escaped.
    seen = {o.label: tuple(map(visible_line, observed_lines(o))) for o in result.observed}
    steps = tuple(
        RehearsedStep(
            f"{r.module}/{r.filename}",
            str(r.outcome),
            round(r.elapsed_ms, 3),
            seen.get(f"{r.module}/{r.filename}", ()),
        )
        for r in result.results
    )
    error = None
    if result.error is not None:
        e = result.error
        failed = next((r for r in result.results if r.outcome is ApplyEventKind.FAILED), None)
        error = RehearsalError(
            file=f"{failed.module}/{failed.filename}" if failed else e.filename,
            line=e.line,
            column=e.column,
            sqlstate=e.sqlstate,
            message=e.message,
        )
    done = sum(1 for r in result.results if r.outcome is ApplyEventKind.APPLIED)
    if error is not None:
        summary = f"failed after {done} migration(s); everything was rolled back"
    elif result.cancelled:
        summary = f"cancelled after {done} migration(s); everything was rolled back"
    else:
        summary = f"{done} migration(s) ran and were rolled back in {result.total_ms:.0f} ms"
    return Rehearsal(result.ok, summary, steps, tuple(result.not_rehearsed), error)


def _texts(texts: ReportTexts) -> tuple[str, dict[str, str] | None]:
    entry = to_manifest(texts)
    return str(entry["language"]), entry.get("texts")


def review_of(
    action: PlannedAction,
    *,
    findings: Iterable[Finding] = (),
    rehearsal: ApplyResult | None = None,
    created: datetime | None = None,
    texts: ReportTexts = ENGLISH,
    lint: Iterable[LintFinding] = (),
) -> Review:
    """The review of a planned action, with the convention findings, rehearsal and lint
    findings of its migration files if given.

    ``texts`` are the report's headings and labels (English unless given): the manifest records
    their language and every text that is not English, so it alone gives the visible report.
    """
    language, changed = _texts(texts)
    return Review(
        Manifest(
            language=language,
            texts=changed,
            source="plan",
            created=_created(created),
            kind=str(action.kind),
            title=action.title,
            os_user=action.os_user,
            target=_target(action),
            checksum_algorithm=CHECKSUM_ALGORITHM,
            sql_sha256_note=SQL_HASH_NOTE,
            steps=_steps(action),
            statement_count=action.statement_count,
            locks=tuple(action.locks),
            warnings=tuple(action.warnings),
            findings=tuple(_finding(f) for f in findings),
            rehearsal=_rehearsal(rehearsal) if rehearsal is not None else None,
            rehearsal_note=action.rehearsal,
            audit=None,
            lint=lint_entries(lint),
        )
    )


def review_of_record(
    record: AuditRecord, *, created: datetime | None = None, texts: ReportTexts = ENGLISH
) -> Review:
    """The review of a past action from the audit log (outcome, durations, error included)."""
    t = record.target
    steps = tuple(
        Step(
            label=s.label,
            checksum=s.checksum,
            sql_sha256=sha256(s.sql),
            statements=s.statements,
            locks=(),
            sql=s.sql,
            outcome=s.outcome,
            duration_ms=s.duration_ms,
        )
        for s in record.steps
    )
    language, changed = _texts(texts)
    return Review(
        Manifest(
            language=language,
            texts=changed,
            source="audit",
            created=_created(created),
            kind=record.kind,
            title=record.title,
            os_user=record.os_user,
            target=Target(
                record.profile, t.host, t.port, t.database, record.db_user, t.schema, t.run_as, None
            ),
            checksum_algorithm=CHECKSUM_ALGORITHM,
            sql_sha256_note=SQL_HASH_NOTE,
            steps=steps,
            statement_count=sum(s.statements for s in record.steps),
            locks=(),
            warnings=tuple(record.warnings),
            findings=(),
            rehearsal=None,
            rehearsal_note=record.rehearsal,
            audit=AuditEntry(
                id=record.id,
                when=record.when,
                outcome=record.verdict,
                duration_ms=record.duration_ms,
                error=record.error.describe() if record.error else None,
            ),
        )
    )
