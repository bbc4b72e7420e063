"""Accepting the current checksum of edited (drifted) migration files: one action, one title,
the same for the command line and the window."""

from __future__ import annotations

from collections.abc import Sequence

from schemadesk.core.actions import ActionKind, ActionStep, PlannedAction
from schemadesk.core.audit import Outcome, record_from
from schemadesk.core.messages import english
from schemadesk.core.messages_access import said_title
from schemadesk.core.messages_migrations import Message
from schemadesk.core.migrations.models import MigrationState
from schemadesk.core.migrations.statements import accept_checksum as accept_checksum_sql
from schemadesk.db.actions import statement_text, target_of
from schemadesk.db.database import Database
from schemadesk.db.migrations.service import ModuleSnapshot, accept_checksum
from schemadesk.usecases.audit import Audited, Sink
from schemadesk.usecases.change_sets import ActionBuilder, Call, Confirm

# In English, as every action is recorded (the audit trail does not depend on the window's
# language); the window shows it translated (core_texts).
WARNING = english(Message("checksum-warning"))


async def accept_checksums(
    database: Database,
    targets: Sequence[tuple[ModuleSnapshot, str]],
    *,
    confirm: Confirm,
    call: Call,
    sink: Sink,
) -> tuple[PlannedAction, list[int]] | None:
    """Record each drifted file's current checksum as the applied one, after confirmation;
    audited (failed when a ledger row had moved on). Rows changed per file; None: declined."""
    database.refuse_writes("accepting a checksum")

    async def build(_run_as: str | None) -> PlannedAction:
        steps = []
        for snapshot, filename in targets:
            row = next(
                r
                for r in snapshot.status.rows
                if r.filename == filename and r.state is MigrationState.DRIFTED
            )
            assert row.recorded_checksum is not None
            assert row.file_checksum is not None
            statement = accept_checksum_sql(
                snapshot.module, filename, row.recorded_checksum, row.file_checksum
            )
            text = await call(statement_text(database, statement))
            lock = said_title(
                "lock-transaction", key=f"pgdbm_migration_{snapshot.module.module_name}"
            )
            label = f"{snapshot.module.name}/{filename}"
            steps.append(ActionStep(label, text + ";", checksum=row.file_checksum, locks=(lock,)))
        schemas = {s.module.schema for s, _ in targets}
        return PlannedAction(
            ActionKind.ACCEPT_CHECKSUM,
            # The window's title, translated there; several files: their labels.
            said_title("accept-checksum", file=", ".join(step.label for step in steps)),
            target_of(database, schemas.pop() if len(schemas) == 1 else None),
            tuple(steps),
            warnings=(WARNING,),
        )

    builder: ActionBuilder = build
    confirmed = await confirm(builder, ())
    if confirmed is None:
        return None
    action, _ = confirmed
    with Audited(action, sink) as audited:
        changed = [await call(accept_checksum(database, s, f)) for s, f in targets]
        if any(n != 1 for n in changed):  # a ledger row had moved on: nothing updated there
            audited.record = record_from(action, Outcome.FAILED)
    return action, changed
