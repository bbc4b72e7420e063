"""What two audit records of the same action must share, whichever front end ran it: all but
the time, the durations and the id."""

from __future__ import annotations

from schemadesk.core.audit import AuditRecord


def same_parts(record: AuditRecord) -> tuple[object, ...]:
    """Kind, title, SQL, target, database user, steps, outcome, error and warnings."""
    return (
        record.kind,
        record.title,
        record.sql,
        record.target,
        record.db_user,
        [(s.label, s.sql, s.outcome) for s in record.steps],
        record.outcome,
        record.error,
        record.warnings,
    )
