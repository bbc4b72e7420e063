"""Applying or rehearsing pgdbm migrations: plan → action → confirmation → run → audit, the same
for the command line and the window (one way to run them: ``db.actions.run_migrations``)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import replace

from schemadesk.core.actions import PlannedAction, migrations_action
from schemadesk.core.audit import record_from_apply
from schemadesk.core.errors import ConfigError
from schemadesk.core.lint.models import LintFinding
from schemadesk.core.messages_config import say
from schemadesk.core.migrations.models import ApplyResult, Plan
from schemadesk.core.migrations.observed import StepObservation
from schemadesk.core.migrations.plan import for_role
from schemadesk.core.migrations.project import Project
from schemadesk.core.rehearsals import Bound, Rehearsal, bound, plan_key
from schemadesk.db.actions import (
    reset_role_step,
    run_as_facts,
    run_migrations,
    set_role_step,
    target_of,
)
from schemadesk.db.database import Database
from schemadesk.db.migrations import runner
from schemadesk.usecases.audit import Audited, Sink
from schemadesk.usecases.change_sets import ActionBuilder, Call, Confirm


def with_run_as(action: PlannedAction, run_as: str | None) -> PlannedAction:
    """The action with its ``SET ROLE`` step first, when it runs as another role."""
    if not run_as:
        return action
    return replace(action, steps=(set_role_step(run_as)[1], *action.steps))


LOGIN = ""  # among the run-as choices: the login itself, no SET ROLE


def run_as_order(
    requested: str | None, owners: Sequence[str], settable: Sequence[str], login: str
) -> tuple[str, ...]:
    """The confirmation's run-as choices, the default first (``LOGIN``: the login itself).

    ``requested`` None: the schema's owner when the plan has one owner and the login may
    ``SET ROLE`` to it (the owner runs migrations, so what they create is the owner's), else
    the login; ``"owner"``: that owner, refused when the login may not; ``"login"``; or a
    role's name, refused when the login may not ``SET ROLE`` to it."""
    owner = owners[0] if len(set(owners)) == 1 else None
    others = tuple(r for r in dict.fromkeys(settable) if r != login)
    if requested == "login":
        first = LOGIN
    elif requested in (None, "owner"):
        if requested == "owner" and owner is None:
            raise ConfigError(say("run-as-no-owner"))
        if owner is not None and owner != login and owner not in others:
            if requested == "owner":
                raise ConfigError(say("run-as-owner-denied", login=login, owner=owner))
            owner = None
        first = LOGIN if owner in (None, login) else str(owner)
    elif requested == login:
        first = LOGIN
    elif requested in others:
        first = requested
    else:
        raise ConfigError(say("run-as-denied", login=login, role=requested))
    return (first, *[c for c in (LOGIN, *others) if c != first])


async def run_as_choices(
    database: Database, project: Project, plan: Plan, requested: str | None
) -> tuple[str, ...]:
    """``run_as_order`` for the schemas of ``plan``, as the server says (on the gateway)."""
    modules = {m.name: m for m in project.modules}
    schemas = sorted({modules[s.module].schema or "" for s in plan.steps} - {""})
    owners, settable = await run_as_facts(database, schemas, requested)
    return run_as_order(requested, owners, settable, database.server.user)


def migrations_run_action(
    database: Database,
    project: Project,
    plan: Plan,
    *,
    schema: str | None,
    role: str | None,
    rehearse: bool = False,
    rehearsal: Rehearsal | None = None,
    observed: Sequence[StepObservation] = (),
    lint: Sequence[LintFinding] = (),
) -> PlannedAction:
    """The plan as it runs as ``role`` (None: the login), with the ``SET ROLE`` and
    ``RESET ROLE`` steps, and ``rehearsal`` when it is of this plan: what the confirmation,
    the audit record and the review report show."""
    modules = {m.name: m for m in project.modules}
    target = target_of(database, schema, role)
    state = Bound.NONE if rehearse else bound(rehearsal, plan_key(target, plan, role))
    action = migrations_action(
        for_role(plan, modules, role),
        target,
        rehearse=rehearse,
        rehearsal=rehearsal.outcome if rehearsal and state is not Bound.NONE else None,
        # the locks and rewrites the last rehearsal saw: only when it was of this plan
        observed=observed if state is not Bound.NONE else (),
        lint=lint,
    )
    action = replace(action, rehearsal_bound="" if state is Bound.NONE else state.value)
    if role:  # the connection goes back to the login afterwards
        action = replace(action, steps=(*action.steps, reset_role_step()))
    return with_run_as(action, role)


async def apply_migrations(
    database: Database,
    project: Project,
    plan: Plan,
    *,
    schema: str | None,
    rehearse: bool,
    rehearsal: Rehearsal | None,
    run_as: str | None = None,
    confirm: Confirm,
    call: Call,
    sink: Sink,
    on_event: runner.ProgressCallback | None = None,
    cancel: runner.CancelFlag | None = None,
    observed: Sequence[StepObservation] = (),
    lint: Sequence[LintFinding] = (),
) -> tuple[PlannedAction, str | None, ApplyResult] | None:
    """Confirm ``plan`` as an action, run it (as the chosen role) and audit it in a
    ``finally``; None when it was declined.

    ``run_as`` is what was asked for (see ``run_as_order``); the confirmation gets the choices
    with the default first. ``rehearsal`` (the front end's last) is shown only when it is of
    this plan; a failed one or one of other files or another role needs an override there.
    ``observed`` (that rehearsal's locks and rewrites) and ``lint``: shown per step."""
    database.refuse_writes("rehearsal" if rehearse else "apply")
    choices = await call(run_as_choices(database, project, plan, run_as))

    async def build(role: str | None) -> PlannedAction:
        return migrations_run_action(
            database, project, plan, schema=schema, role=role, rehearse=rehearse,
            rehearsal=rehearsal, observed=observed, lint=lint,
        )  # fmt: skip

    async def run(run_as: str | None) -> ApplyResult:
        result: ApplyResult = await call(
            run_migrations(
                database, project, plan, rehearse=rehearse, run_as=run_as,
                on_event=on_event, cancel=cancel,
            )
        )  # fmt: skip
        return result

    return await confirm_run_audit(build, choices, confirm, sink, run)


async def confirm_run_audit(
    build: ActionBuilder,
    choices: Sequence[str],
    confirm: Confirm,
    sink: Sink,
    run: Callable[[str | None], Awaitable[ApplyResult]],
) -> tuple[PlannedAction, str | None, ApplyResult] | None:
    """Confirm the action ``build`` makes, ``run`` it as the chosen role and audit it in a
    ``finally`` (from the engine's result; failed when it raises). None: declined."""
    confirmed = await confirm(build, choices)
    if confirmed is None:
        return None
    action, run_as = confirmed
    with Audited(action, sink) as audited:
        result = await run(run_as)
        audited.record = record_from_apply(action, result)
    return action, run_as, result
