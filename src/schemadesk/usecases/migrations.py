"""Applying or rehearsing pgdbm migrations: plan → action → confirmation → run → audit, the same
for the command line and the window (one way to run them: ``db.actions.run_migrations``)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import replace

from schemadesk.core.actions import PlannedAction, migrations_action
from schemadesk.core.audit import record_from_apply
from schemadesk.core.migrations.models import ApplyResult, Plan
from schemadesk.core.migrations.plan import for_role
from schemadesk.core.migrations.project import Project
from schemadesk.db.actions import reset_role_step, run_migrations, set_role_step, target_of
from schemadesk.db.database import Database
from schemadesk.db.migrations import runner
from schemadesk.usecases.audit import Audited, Sink
from schemadesk.usecases.change_sets import ActionBuilder, Call, Confirm


def with_run_as(action: PlannedAction, run_as: str | None) -> PlannedAction:
    """The action with its ``SET ROLE`` step first, when it runs as another role."""
    if not run_as:
        return action
    return replace(action, steps=(set_role_step(run_as)[1], *action.steps))


async def apply_migrations(
    database: Database,
    project: Project,
    plan: Plan,
    *,
    schema: str | None,
    rehearse: bool,
    rehearsal: str | None,
    run_as_choices: Sequence[str],
    confirm: Confirm,
    call: Call,
    sink: Sink,
    on_event: runner.ProgressCallback | None = None,
    cancel: runner.CancelFlag | None = None,
) -> tuple[PlannedAction, str | None, ApplyResult] | None:
    """Confirm ``plan`` as an action, run it (as the chosen role) and audit it in a
    ``finally``; None when it was declined."""
    database.refuse_writes("rehearsal" if rehearse else "apply")
    modules = {m.name: m for m in project.modules}

    async def build(run_as: str | None) -> PlannedAction:
        action = migrations_action(
            for_role(plan, modules, run_as),
            target_of(database, schema, run_as),
            rehearse=rehearse,
            rehearsal=rehearsal,
        )
        if run_as:  # the connection goes back to the login afterwards
            action = replace(action, steps=(*action.steps, reset_role_step()))
        return with_run_as(action, run_as)

    async def run(run_as: str | None) -> ApplyResult:
        result: ApplyResult = await call(
            run_migrations(
                database, project, plan, rehearse=rehearse, run_as=run_as,
                on_event=on_event, cancel=cancel,
            )
        )  # fmt: skip
        return result

    return await confirm_run_audit(build, run_as_choices, confirm, sink, run)


async def confirm_run_audit(
    build: ActionBuilder,
    run_as_choices: Sequence[str],
    confirm: Confirm,
    sink: Sink,
    run: Callable[[str | None], Awaitable[ApplyResult]],
) -> tuple[PlannedAction, str | None, ApplyResult] | None:
    """Confirm the action ``build`` makes, ``run`` it as the chosen role and audit it in a
    ``finally`` (from the engine's result; failed when it raises). None: declined."""
    confirmed = await confirm(build, run_as_choices)
    if confirmed is None:
        return None
    action, run_as = confirmed
    with Audited(action, sink) as audited:
        result = await run(run_as)
        audited.record = record_from_apply(action, result)
    return action, run_as, result
