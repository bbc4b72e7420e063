"""Running a confirmed rollout on the gateway's loop: stages in order, targets in parallel
under three caps (the rollout's, the stage's, and per server), each target on its own
connection through the migration engine (``runner.apply_plan``: its lock, its ledger).

A failing target stops the rollout between steps (every running target finishes the migration
it is in, no new one starts) unless ``continue_on_error``; either way a stage with a failure
is the last one to run. Cancelling does the same (Ctrl-C, the window's Cancel).
"""

from __future__ import annotations

import asyncio
import os
import threading
import time
from collections.abc import Callable, Coroutine
from dataclasses import replace
from typing import Any, Protocol

import psycopg

from schemadesk.core.actions import migrations_action
from schemadesk.core.audit import AUDIT_SCHEMA_ENV, AuditRecord, record_from_apply
from schemadesk.core.errors import SchemadeskError
from schemadesk.core.logs import one_line
from schemadesk.core.messages_db import say as say_db
from schemadesk.core.migrations.models import ApplyEvent, ApplyResult
from schemadesk.core.passwords import load_password
from schemadesk.core.profiles import ConnectionProfile, ProfileStore
from schemadesk.core.rollout.models import (
    RolloutEvent,
    RolloutPlan,
    RolloutResult,
    TargetOutcome,
    TargetPlan,
    TargetState,
    schema_rows,
)
from schemadesk.core.rollout.targets import RolloutConfig, Target
from schemadesk.core.secrets import mask_secrets
from schemadesk.db.actions import target_of
from schemadesk.db.database import Database
from schemadesk.db.migrations import runner
from schemadesk.usecases.audit import Audited, Warn, keep_record


class CancelFlag(Protocol):
    """``threading.Event`` and the like: checked between steps."""

    def is_set(self) -> bool: ...


class _Either:
    """Set when any of its flags is: the user's cancel, or the rollout's own stop."""

    def __init__(self, *flags: CancelFlag | None) -> None:
        self._flags = [f for f in flags if f is not None]

    def is_set(self) -> bool:
        return any(f.is_set() for f in self._flags)


Emit = Callable[[RolloutEvent], None]


def target_profile(target: Target) -> tuple[ConnectionProfile, str | None]:
    """The profile a target names (its password from the keyring), or its DSN's."""
    if target.profile is not None:
        profile = ProfileStore().get(target.profile)
        return profile, load_password(profile.name)
    assert target.dsn is not None
    profile, _none = ConnectionProfile.from_dsn(target.dsn, name=target.name)
    return profile, None  # a DSN in a targets file never holds one: ~/.pgpass does


async def open_target(target: Target) -> Database:
    """One connection to the target (each target its own; the gateway's loop runs this)."""
    profile, password = target_profile(target)
    return await Database.open(profile, password, max_size=1)


class OpenTargets:
    """Connections kept from planning to running: a target reached once is not reached again
    (an opening is two connection handshakes). Only while few: at most ``KEEP_OPEN`` in all,
    and on one server fewer than half the connections it still accepted when planned."""

    KEEP_OPEN = 32

    def __init__(self) -> None:
        self._kept: dict[str, Database] = {}
        self._servers: dict[str, int] = {}

    def keep(self, name: str, server: str, database: Database, free: int | None) -> bool:
        """Keep ``database`` for ``name`` when the limits allow; False: the caller closes it."""
        on_server = self._servers.get(server, 0)
        if len(self._kept) >= self.KEEP_OPEN or on_server >= (free or 0) // 2:
            return False
        self._kept[name] = database
        self._servers[server] = on_server + 1
        return True

    async def take(self, target: Target) -> Database:
        """The kept connection of ``target``, else a new one."""
        database = self._kept.pop(target.name, None)
        return database if database is not None else await open_target(target)

    async def close(self) -> None:
        """Close what was kept and not used (a declined or stopped rollout)."""
        kept, self._kept = list(self._kept.values()), {}
        for database in kept:
            await database.close()


async def execute(
    plan: RolloutPlan,
    config: RolloutConfig,
    *,
    parallel: int,
    continue_on_error: bool = False,
    rehearse: bool = False,
    warn: Warn,
    on_event: Emit | None = None,
    cancel: CancelFlag | None = None,
    opened: OpenTargets | None = None,
) -> RolloutResult:
    """Run every stage of ``plan`` in order; the outcome of each target, in plan order."""
    opened = opened or OpenTargets()
    started = time.perf_counter()
    stop = threading.Event()  # a failure without --continue-on-error
    halt = _Either(cancel, stop)
    emit: Emit = on_event or (lambda _e: None)
    outcomes = {
        t.target.name: TargetOutcome(t.target.name, t.target.stage, TargetState.PENDING)
        for t in plan.targets
    }
    server_cap: dict[str, int] = {}
    for t in plan.targets:  # never more than the server still accepts
        free = t.free_connections if t.free_connections is not None else config.per_server
        server_cap[t.server] = max(1, min(config.per_server, free, server_cap.get(t.server, free)))
    stopped_at = None
    for stage in plan.stages:
        members = plan.in_stage(stage)
        if stopped_at is not None or halt.is_set():
            for t in members:
                outcomes[t.target.name] = TargetOutcome(t.target.name, stage, TargetState.SKIPPED)
                emit(RolloutEvent(t.target.name, TargetState.SKIPPED))
            continue
        cap = min(parallel, config.stage(stage).parallel or parallel)

        async def one(t: TargetPlan) -> None:
            done = await _run_target(t, opened, rehearse=rehearse, halt=halt, warn=warn, emit=emit)
            outcomes[t.target.name] = done
            if done.state is TargetState.FAILED and not continue_on_error:
                stop.set()

        await _schedule(members, cap, server_cap, halt, one, emit, outcomes)
        unclean = any(outcomes[t.target.name].state is not TargetState.DONE for t in members)
        if unclean and stage != plan.stages[-1]:  # the stages after it will not start
            stopped_at = stage
    return RolloutResult(
        outcomes=tuple(outcomes[t.target.name] for t in plan.targets),
        rehearsal=rehearse,
        cancelled=cancel is not None and cancel.is_set(),
        stopped_at=stopped_at,
        total_ms=(time.perf_counter() - started) * 1000,
    )


async def _schedule(  # noqa: PLR0917 - one private helper of execute
    members: tuple[TargetPlan, ...],
    cap: int,
    server_cap: dict[str, int],
    halt: _Either,
    one: Callable[[TargetPlan], Coroutine[Any, Any, None]],
    emit: Emit,
    outcomes: dict[str, TargetOutcome],
) -> None:
    """Start targets in order while the stage's and each server's caps allow; a target whose
    server is busy waits without holding back targets on other servers."""
    waiting = list(members)
    running: dict[asyncio.Task[None], str] = {}
    while waiting or running:
        if halt.is_set():  # never started: skipped
            for t in waiting:
                outcomes[t.target.name] = TargetOutcome(
                    t.target.name, t.target.stage, TargetState.SKIPPED
                )
                emit(RolloutEvent(t.target.name, TargetState.SKIPPED))
            waiting = []
        busy = list(running.values())
        for t in list(waiting):
            if len(running) >= cap:
                break
            if busy.count(t.server) >= server_cap.get(t.server, 1):
                continue
            waiting.remove(t)
            task = asyncio.ensure_future(one(t))
            running[task] = t.server
            busy.append(t.server)
        if not running:
            continue
        finished, _pending = await asyncio.wait(running, return_when=asyncio.FIRST_COMPLETED)
        for task in finished:
            del running[task]
            task.result()  # a bug surfaces; a target's own failure is its outcome


async def _run_target(
    t: TargetPlan, opened: OpenTargets, *, rehearse: bool, halt: _Either, warn: Warn, emit: Emit
) -> TargetOutcome:
    name, stage = t.target.name, t.target.stage
    if t.plan is None or not t.steps:  # up to date: nothing to connect for
        emit(RolloutEvent(name, TargetState.DONE))
        return TargetOutcome(name, stage, TargetState.DONE, rows=schema_rows(name, t.schemas, None))
    emit(RolloutEvent(name, TargetState.RUNNING))
    try:
        database = await opened.take(t.target)
    except SchemadeskError as exc:
        said = mask_secrets(str(exc))
        emit(RolloutEvent(name, TargetState.FAILED, problem=said))
        return TargetOutcome(name, stage, TargetState.FAILED, problem=said)
    records: list[AuditRecord] = []
    result: ApplyResult | None = None
    problem: str | None = None
    try:
        database.refuse_writes("rehearsal" if rehearse else "rollout")
        action = migrations_action(t.plan, target_of(database), rehearse=rehearse)

        def step(event: ApplyEvent) -> None:
            emit(RolloutEvent(name, TargetState.RUNNING, step=event))

        if t.plan.steps:
            with Audited(action, records.append) as audited:
                async with database.connection() as conn:
                    run = runner.rehearse_plan if rehearse else runner.apply_plan
                    result = await run(
                        conn, {m.name: m for m in t.modules}, t.plan, on_event=step,
                        cancel=halt, one_by_one=database.server.citus,
                    )  # fmt: skip
                audited.record = record_from_apply(action, result)
        if t.alembic and (result is None or result.ok):
            result = await _alembic(database, t, result, rehearse, halt, step, records)
    except (psycopg.Error, SchemadeskError, OSError) as exc:
        problem = mask_secrets(one_line(exc))
    finally:
        for record in records:
            await _keep(database, record, warn)
        await database.close()
    if problem is not None or result is None or result.error is not None:
        state = TargetState.FAILED
    else:
        state = TargetState.CANCELLED if result.cancelled else TargetState.DONE
    rows = schema_rows(name, t.schemas, result)
    told = problem or next((f"{r.schema}: {r.failed}" for r in rows if r.failed), None)
    emit(RolloutEvent(name, state, problem=told))
    return TargetOutcome(name, stage, state, result=result, problem=problem, rows=rows)


async def _alembic(  # noqa: PLR0917 - _run_target's state, passed on
    database: Database,
    t: TargetPlan,
    before: ApplyResult | None,
    rehearse: bool,
    halt: _Either,
    step: Callable[[ApplyEvent], None],
    records: list[AuditRecord],
) -> ApplyResult:
    """Each Alembic module's pending revisions, module by module (each audited as ``apply``
    audits them); one result for the target, the pgdbm results first."""
    from schemadesk.core.alembic.preview import alembic_action
    from schemadesk.db.alembic.service import apply_alembic, preview_of

    done = list(before.results) if before is not None else []
    result = before or ApplyResult(results=())
    for snap in t.alembic:
        if halt.is_set():
            return replace(result, results=tuple(done), cancelled=True)
        preview = await preview_of(snap)
        action = alembic_action(
            preview, target_of(database, schema=snap.module.schema), rehearse=rehearse
        )
        with Audited(action, records.append) as audited:
            result = await apply_alembic(
                database, snap, rehearse=rehearse, on_event=step, cancel=halt
            )
            audited.record = record_from_apply(action, result)
        done += result.results
        if not result.ok:
            break
    return replace(result, results=tuple(done))


async def _keep(database: Database, record: AuditRecord, warn: Warn) -> None:
    """The target's record: the local log, and its own database when the team asks for it."""
    # The log's fsync in a thread: on this loop it would stall every other target's run.
    await asyncio.to_thread(keep_record, record, None, warn)
    schema = os.environ.get(AUDIT_SCHEMA_ENV, "").strip()
    if not schema:
        return
    from schemadesk.db.audit import record_in_database

    try:
        await record_in_database(database, schema, record)
    except Exception as exc:
        warn(say_db("audit-db-not-written", schema=schema, error=one_line(exc)))
