"""Rolling a project's pgdbm modules (and tenant sets) out to many databases, the same for the
command line and the window: every target planned from its ledgers → one confirmation → stages
in order (``rollout_run``), each target through the migration engine with its lock and ledger →
one audit record per target and one for the rollout.

Running it again applies only what is still missing: the plans come from the ledgers, whatever
stopped the previous run (a failure, Ctrl-C, SIGKILL).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from schemadesk.core.actions import ActionKind, ActionStep, ActionTarget, PlannedAction
from schemadesk.core.audit import Outcome, record_from
from schemadesk.core.errors import ConfigError, ConnectionFailed, SchemadeskError
from schemadesk.core.messages_config import say
from schemadesk.core.messages_tools import Message
from schemadesk.core.messages_tools import say as say_tool
from schemadesk.core.migrations.errors import PlanRefused
from schemadesk.core.migrations.project import ModuleConfig, Project
from schemadesk.core.rollout.models import (
    RolloutEvent,
    RolloutPlan,
    RolloutResult,
    TargetPlan,
    TargetsUnreachable,
)
from schemadesk.core.rollout.targets import RolloutConfig, Target
from schemadesk.core.secrets import mask_secrets
from schemadesk.db.rollout import FolderCache, read_target
from schemadesk.usecases.audit import Audited, Warn, keep_record
from schemadesk.usecases.rollout_run import (
    CancelFlag,
    OpenTargets,
    execute,
    open_target,
    target_profile,
)

Confirm = Callable[[RolloutPlan], Awaitable[bool]]
Call = Callable[[Coroutine[Any, Any, Any]], Awaitable[Any]]
OnEvent = Callable[[RolloutEvent], None]


def only_stage(config: RolloutConfig, stage: str | None) -> RolloutConfig:
    """The config with the targets of ``stage`` alone (``ConfigError`` for an unknown stage)."""
    if stage is None:
        return config
    chosen = config.stage(stage)
    return replace(config, stages=(chosen,), targets=config.in_stage(stage))


async def plan_rollout(
    config: RolloutConfig,
    modules: Sequence[ModuleConfig],
    *,
    parallel: int,
    folders: FolderCache | None = None,
    opened: OpenTargets | None = None,
    alembic: Project | None = None,
) -> RolloutPlan:
    """Every target's plan from its ledgers, ``parallel`` targets at a time. A target that
    cannot be reached or read says why (``TargetPlan.problem``); nothing is changed. Its
    connection stays in ``opened`` for the run when that allows it."""
    folders = folders or FolderCache()
    gate = asyncio.Semaphore(parallel)

    async def one(target: Target) -> TargetPlan:
        async with gate:
            try:
                profile, _password = target_profile(target)
                where = profile.describe()
                database = await open_target(target)
            except ConnectionFailed as exc:
                return TargetPlan(target, problem=mask_secrets(str(exc)), unreachable=True)
            except SchemadeskError as exc:
                return TargetPlan(target, problem=mask_secrets(str(exc)))
            server = database.server
            key = f"{server.host}:{server.port}"
            kept = False
            try:
                read = await read_target(database, modules, config.tenants, folders, alembic)
                busy = bool(read.plan.steps or read.alembic)
                if opened is not None and busy and not database.read_only:
                    kept = opened.keep(target.name, key, database, read.free_connections)
            except SchemadeskError as exc:
                return TargetPlan(target, where=where, problem=mask_secrets(str(exc)))
            finally:
                if not kept:
                    await database.close()
            return TargetPlan(
                target,
                where=f"{server.user}@{server.host}:{server.port}/{server.database}",
                server=key,
                protected=database.profile.protected,
                plan=read.plan,
                modules=read.modules,
                alembic=read.alembic,
                schemas={
                    **{m.name: m.schema or "public" for m in read.modules},
                    **{a.module.name: a.module.schema or "public" for a in read.alembic},
                },
                problem=say_tool("rollout-read-only", where=where) if database.read_only else None,
                free_connections=read.free_connections,
            )

    planned = await asyncio.gather(*(one(t) for t in config.targets))
    order = {s.name: i for i, s in enumerate(config.stages)}
    ranked = sorted(enumerate(planned), key=lambda p: (order[p[1].target.stage], p[0]))
    return RolloutPlan(tuple(s.name for s in config.stages), tuple(t for _i, t in ranked))


def refuse_problems(plan: RolloutPlan) -> None:
    """Refuse a plan with a target unreachable (exit 3), read-only or blocked (exit 2)."""
    if plan.problems:
        refused = TargetsUnreachable if any(t.unreachable for t in plan.targets) else PlanRefused
        problems = plan.problems
        raise refused(say_tool("rollout-problems", n=len(problems), problems=problems))


def _pgdbm_only(plan: RolloutPlan, what: str | Message) -> None:
    if any(t.alembic for t in plan.targets):
        raise ConfigError(say_tool("rollout-pgdbm-only", what=what))


async def review_rollout(
    config: RolloutConfig,
    modules: Sequence[ModuleConfig],
    *,
    parallel: int | None = None,
    alembic: Project | None = None,
) -> RolloutPlan:
    """Every target planned (read only) for ``rollout --report``: refused as a rollout would
    be (a target unreachable, read-only or blocked; Alembic revisions pending)."""
    if not config.targets:
        raise ConfigError(say("rollout-no-targets-given"))
    cap = parallel or config.parallel
    plan = await plan_rollout(config, modules, parallel=cap * 2, alembic=alembic)
    refuse_problems(plan)
    _pgdbm_only(plan, Message("rollout-review-report"))
    return plan


def rollout_action(
    plan: RolloutPlan, *, rehearse: bool, reviewed: str | None = None
) -> PlannedAction:
    """The rollout as one action for its audit record: a step per target (and the content
    SHA-256 of the review report it was checked against, in its title)."""
    steps = tuple(
        ActionStep(
            label=t.target.name,
            sql=f"-- stage {t.target.stage}: {t.steps} migration(s) on {t.where}",
            statements=t.steps,
        )
        for t in plan.targets
    )
    verb = "rehearse" if rehearse else "roll out"
    return PlannedAction(
        kind=ActionKind.ROLLOUT,
        title=f"{verb} {plan.steps} migration(s) to {len(plan.targets)} target(s)"
        + (f" as reviewed (report content SHA-256 {reviewed})" if reviewed else ""),
        target=ActionTarget(
            profile="rollout", host="", port=0, database=f"{len(plan.targets)} targets",
            login="", protected=bool(plan.protected),
        ),
        steps=steps,
    )  # fmt: skip


def rollout_record_outcome(result: RolloutResult) -> Outcome:
    if result.cancelled:
        return Outcome.CANCELLED
    return Outcome.SUCCEEDED if result.ok else Outcome.FAILED


async def rollout(
    config: RolloutConfig,
    modules: Sequence[ModuleConfig],
    *,
    parallel: int | None = None,
    continue_on_error: bool = False,
    rehearse: bool = False,
    reviewed: Path | None = None,
    confirm: Confirm,
    call: Call,
    warn: Warn,
    on_event: OnEvent | None = None,
    cancel: CancelFlag | None = None,
    on_plan: Callable[[RolloutPlan], None] | None = None,
    alembic: Project | None = None,
) -> tuple[RolloutPlan, RolloutResult | None]:
    """Plan every target, refuse problems, check ``reviewed``, confirm once, run the stages and
    audit: the rollout's record in a ``finally`` (its result is None when declined, or
    cancelled before it started)."""
    cap = parallel or config.parallel
    if not config.targets:
        raise ConfigError(say("rollout-no-targets-given"))
    opened = OpenTargets()
    try:
        return await _planned_and_run(
            config, modules, cap=cap, continue_on_error=continue_on_error, rehearse=rehearse,
            reviewed=reviewed, confirm=confirm, call=call, warn=warn, on_event=on_event,
            cancel=cancel, on_plan=on_plan, opened=opened, alembic=alembic,
        )  # fmt: skip
    finally:
        await call(opened.close())


async def _planned_and_run(
    config: RolloutConfig,
    modules: Sequence[ModuleConfig],
    *,
    cap: int,
    continue_on_error: bool,
    rehearse: bool,
    reviewed: Path | None,
    confirm: Confirm,
    call: Call,
    warn: Warn,
    on_event: OnEvent | None,
    cancel: CancelFlag | None,
    on_plan: Callable[[RolloutPlan], None] | None,
    opened: OpenTargets,
    alembic: Project | None,
) -> tuple[RolloutPlan, RolloutResult | None]:
    # Planning only reads (a connection per target, for a few round trips): twice the cap.
    plan: RolloutPlan = await call(
        plan_rollout(config, modules, parallel=cap * 2, opened=opened, alembic=alembic)
    )
    if on_plan is not None:
        on_plan(plan)
    refuse_problems(plan)
    digest = None
    if reviewed is not None:
        from schemadesk.core.rollout.review import check_reviewed

        _pgdbm_only(plan, "--reviewed")
        digest = check_reviewed(reviewed, plan)
    if cancel is not None and cancel.is_set():  # stopped while planning: nothing ran
        return plan, None
    if not await confirm(plan):
        return plan, None
    action = rollout_action(plan, rehearse=rehearse, reviewed=digest)
    with Audited(action, lambda record: keep_record(record, None, warn)) as audited:
        result: RolloutResult = await call(
            execute(
                plan, config, parallel=cap, continue_on_error=continue_on_error,
                rehearse=rehearse, warn=warn, on_event=on_event, cancel=cancel,
                opened=opened,
            )
        )  # fmt: skip
        outcomes = {o.target: str(o.state) for o in result.outcomes}
        audited.record = record_from(
            action,
            rollout_record_outcome(result),
            step_outcomes=outcomes,
            total_ms=result.total_ms,
        )
    return plan, result
