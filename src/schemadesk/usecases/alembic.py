"""Upgrading (or rehearsing) one Alembic module to its head: plan (the offline SQL of each
revision) → action → confirmation → ``command.upgrade`` per revision → audit in a ``finally``,
the same for the command line and the window."""

from __future__ import annotations

from collections.abc import Sequence

from schemadesk.core.actions import PlannedAction
from schemadesk.core.alembic.models import AlembicSnapshot
from schemadesk.core.alembic.preview import AlembicPreview, alembic_action
from schemadesk.core.migrations.models import ApplyResult
from schemadesk.db.actions import target_of
from schemadesk.db.alembic.service import apply_alembic, preview_of
from schemadesk.db.database import Database
from schemadesk.db.migrations import runner
from schemadesk.usecases.audit import Sink
from schemadesk.usecases.change_sets import Call, Confirm
from schemadesk.usecases.migrations import confirm_run_audit, with_run_as


async def upgrade_alembic(
    database: Database,
    snapshot: AlembicSnapshot,
    *,
    rehearse: bool,
    run_as_choices: Sequence[str],
    confirm: Confirm,
    call: Call,
    sink: Sink,
    preview: AlembicPreview | None = None,
    on_event: runner.ProgressCallback | None = None,
    cancel: runner.CancelFlag | None = None,
) -> tuple[PlannedAction, str | None, ApplyResult] | None:
    """Confirm the module's upgrade as an action (``preview``: its offline SQL, read here when
    not given), run it as the chosen role and audit it in a ``finally`` (a run that raises, such
    as a busy lock, is recorded failed). None when it was declined."""
    database.refuse_writes("Alembic rehearsal" if rehearse else "Alembic upgrade")
    planned: AlembicPreview = preview or await call(preview_of(snapshot))
    schema = snapshot.module.schema

    async def build(run_as: str | None) -> PlannedAction:
        action = alembic_action(planned, target_of(database, schema, run_as), rehearse=rehearse)
        return with_run_as(action, run_as)

    async def run(run_as: str | None) -> ApplyResult:
        result: ApplyResult = await call(
            apply_alembic(
                database, snapshot, run_as=run_as, rehearse=rehearse,
                on_event=on_event, cancel=cancel,
            )
        )  # fmt: skip
        return result

    return await confirm_run_audit(build, run_as_choices, confirm, sink, run)
