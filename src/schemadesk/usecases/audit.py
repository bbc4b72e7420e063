"""The one audit sink and the one ``finally`` that feeds it, for every changing action."""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Callable
from types import TracebackType

from schemadesk.core.actions import PlannedAction
from schemadesk.core.audit import (
    AUDIT_SCHEMA_ENV,
    AuditLog,
    AuditRecord,
    Outcome,
    error_of,
    record_from,
)
from schemadesk.core.messages_db import say

# Keeps a record in ``<schema>.schemadesk_audit`` (the front end knows how to reach its loop).
InDatabase = Callable[[str, AuditRecord], None]
Warn = Callable[[str], None]
Sink = Callable[[AuditRecord], None]


def keep_record(record: AuditRecord, in_database: InDatabase | None, warn: Warn) -> None:
    """Keep ``record`` in the local audit log and, when ``SCHEMADESK_AUDIT_SCHEMA`` names a
    schema, in that schema's table. The action has already run: a record that cannot be kept
    is passed to ``warn``, never raised."""
    try:
        AuditLog().append(record)
    except OSError as exc:
        warn(say("audit-log-not-written", error=str(exc)))
    schema = os.environ.get(AUDIT_SCHEMA_ENV, "").strip()
    if schema and in_database is not None:
        try:
            in_database(schema, record)
        except Exception as exc:
            warn(say("audit-db-not-written", schema=schema, error=" ".join(str(exc).split())))


class Audited:
    """``with Audited(action, sink) as run:`` records ``action`` when the block ends: the
    record the block set in ``run.record`` (from the engine's result), else succeeded; failed
    (cancelled on Ctrl-C or task cancellation) with the error when the block raises."""

    def __init__(self, action: PlannedAction, sink: Sink) -> None:
        self.action = action
        self.sink = sink
        self.record: AuditRecord | None = None
        self._started = 0.0

    def __enter__(self) -> Audited:
        self._started = time.perf_counter()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        took = (time.perf_counter() - self._started) * 1000
        if exc is not None:
            stopped = isinstance(exc, KeyboardInterrupt | asyncio.CancelledError)
            outcome = Outcome.CANCELLED if stopped else Outcome.FAILED
            record = record_from(self.action, outcome, total_ms=took, error=error_of(exc))
        else:
            record = self.record or record_from(self.action, Outcome.SUCCEEDED, total_ms=took)
        self.sink(record)
