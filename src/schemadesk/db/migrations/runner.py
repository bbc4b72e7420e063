"""Apply plans, and accept new checksums, on one connection.

Each transactional migration takes three round trips when nobody else holds the lock
(``core.migrations.script`` builds every statement; the previews print the same objects):

1. ``BEGIN; SET LOCAL search_path ...; SELECT pg_try_advisory_xact_lock(hashtext(
   'pgdbm_migration_' || module)); SELECT checksum FROM <ledger> WHERE filename = ...;`` and
   the transaction guard's mark — pgdbm's lock (same key, so pgdbm and schemadesk exclude each
   other), then the ledger re-checked inside it (another applier may have applied the file);
2. the rendered file, exactly as the plan shows it, as one multi-statement query;
3. the guard's check, the session reset, ``INSERT INTO <ledger> ...; COMMIT`` — followed, in
   the same round trip, by the next migration's step 1 when it is transactional and its module
   is ready: two round trips per migration over a run.

A failing file is never run again: the server's position, or the number of statements it
answered before the error, says where it failed (``locate``). When the lock is taken, the
transaction is rolled back and retried after a short sleep (cancellable). Waiting inside the
server instead (``pg_advisory_xact_lock``) would hold a snapshot, and a ``CREATE INDEX
CONCURRENTLY`` run by the lock holder waits for every older snapshot: a deadlock.
``-- pgdbm:no-transaction`` files run statement by statement in autocommit under pgdbm's
session lock. Rehearsals: ``rehearse``. Coroutines run on the gateway's loop, on a connection
in autocommit mode.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

import psycopg
from psycopg import sql

from schemadesk.core.messages_config import said_refusals
from schemadesk.core.migrations import script, statements
from schemadesk.core.migrations.errors import PlanRefused
from schemadesk.core.migrations.models import (
    ApplyEventKind,
    ApplyResult,
    Plan,
    PlanStep,
    SqlErrorLocation,
    StepResult,
)
from schemadesk.core.migrations.project import ModuleConfig
from schemadesk.core.migrations.split import split_statements
from schemadesk.db.migrations.ledger import _rollback
from schemadesk.db.migrations.locate import FileFailed, locate, transaction_ended
from schemadesk.db.migrations.run_state import (
    LOCK_POLL_FIRST_S,
    LOCK_POLL_MAX_S,
    WAIT_REPORT_S,
    CancelFlag,
    Cancelled,
    LockBusy,
    ProgressCallback,
    Run,
    describe_holders,
    ensure_autocommit,
    join,
    plain,
    results,
    where_failed,
)

# Callers (the CLI, the window, Alembic's runner) import these from here.
__all__ = [
    "LOCK_POLL_FIRST_S",
    "LOCK_POLL_MAX_S",
    "WAIT_REPORT_S",
    "CancelFlag",
    "LockBusy",
    "ProgressCallback",
    "accept_checksum",
    "apply_plan",
    "describe_holders",
    "rehearse_plan",
]


async def apply_plan(
    conn: psycopg.AsyncConnection[Any],
    modules: Mapping[str, ModuleConfig],
    plan: Plan,
    *,
    on_event: ProgressCallback | None = None,
    cancel: CancelFlag | None = None,
    one_by_one: bool = False,
) -> ApplyResult:
    """Apply every step of ``plan`` in order; stop at the first failure or when cancelled.

    A failed migration rolls back alone (earlier ones stay applied) and ``result.error`` points
    at its file, line and column. Raises ``PlanRefused`` for a plan with blockers.
    ``one_by_one`` (a Citus coordinator): each statement is sent on its own, in a pipeline.
    """
    if not plan.runnable:
        raise PlanRefused(said_refusals(plan.blockers))
    run = Run(conn, plan=plan, on_event=on_event, cancel=cancel, one_by_one=one_by_one)
    await ensure_autocommit(conn)
    started = time.perf_counter()
    error: SqlErrorLocation | None = None
    cancelled = False
    try:
        for index, step in enumerate(plan.steps):
            if run.cancelled():
                cancelled = True
                run.emit(ApplyEventKind.CANCELLED, index, step)
                break
            module = modules[step.module]
            run.emit(ApplyEventKind.STARTED, index, step)
            t0 = time.perf_counter()
            try:
                await run.prepare_module(module, step, (index, step))
                if step.no_transaction:
                    error = await _apply_no_transaction(run, module, step, index)
                else:
                    nxt = plan.steps[index + 1] if index + 1 < len(plan.steps) else None
                    following = modules[nxt.module] if nxt is not None else None
                    error = await _apply_transactional(
                        run, module, step, index=index, nxt=nxt, following=following
                    )
            except Cancelled:
                cancelled = True
                run.emit(ApplyEventKind.CANCELLED, index, step)
                break
            except psycopg.Error as exc:
                error = plain(exc, step)
            ms = (time.perf_counter() - t0) * 1000
            if error is not None:
                run.results.append(
                    StepResult(step.module, step.filename, ApplyEventKind.FAILED, ms)
                )
                said = f"{error.message}; {error.partial}" if error.partial else error.message
                run.emit(ApplyEventKind.FAILED, index, step, ms, said)
                break
            run.emit(run.results[-1].outcome, index, step, ms)
    finally:
        if run.held is not None:  # the next step's lock, taken ahead: give it back
            run.held = None
            await _rollback(conn)
    return ApplyResult(
        results=tuple(run.results),
        cancelled=cancelled,
        error=error,
        total_ms=(time.perf_counter() - started) * 1000,
    )


async def _apply_transactional(
    run: Run,
    module: ModuleConfig,
    step: PlanStep,
    *,
    index: int,
    nxt: PlanStep | None,
    following: ModuleConfig | None,
) -> SqlErrorLocation | None:
    """One migration in one transaction. The round trip that commits it also opens the next
    step's transaction and takes its lock (``run.held``), when that step is transactional and
    its module is ready: two round trips per migration in a run instead of three."""
    conn = run.conn
    t0 = time.perf_counter()
    if run.held is not None and run.held[0] == index:
        recorded = run.held[1]
        run.held = None
    else:
        recorded, _mark = await run.locked(
            module, script.step_head(module, step.filename), (index, step)
        )
    if recorded:  # applied meanwhile by someone else
        await _rollback(conn)
        elapsed = (time.perf_counter() - t0) * 1000
        run.results.append(StepResult(step.module, step.filename, ApplyEventKind.SKIPPED, elapsed))
        return None
    try:
        t1 = time.perf_counter()
        try:
            await run.run_file(step)
        except FileFailed as failed:
            ended = conn.info.transaction_status == psycopg.pq.TransactionStatus.IDLE  # not ours
            await _rollback(conn)
            return where_failed(failed, step, module, transaction_ended=ended)
        ms = max(1, int((time.perf_counter() - t1) * 1000))
        tail = script.step_tail(module, step.filename, step.checksum, ms, run.plan.session)
        chain = (
            nxt is not None and following is not None and not nxt.no_transaction and not nxt.prepare
        )
        if chain:
            assert nxt is not None
            assert following is not None
            tail += script.step_head(following, nxt.filename)
        try:
            found = await results(await run.execute(join(tail)))
        except psycopg.errors.DivisionByZero:
            await _rollback(conn)
            return transaction_ended(step)
        except psycopg.Error:
            await _rollback(conn)
            if not chain or not await _recorded(run, module, step):
                raise
            found = []  # committed; only the next step's head failed: it starts afresh
        if chain and len(found) >= 3:
            locked, recorded_next = found[-3], found[-2]
            if locked[0][0]:
                run.held = (index + 1, recorded_next)
            else:
                await _rollback(conn)
    except BaseException:
        await _rollback(conn)
        raise
    elapsed = (time.perf_counter() - t0) * 1000
    run.results.append(StepResult(step.module, step.filename, ApplyEventKind.APPLIED, elapsed, ms))
    return None


async def _recorded(run: Run, module: ModuleConfig, step: PlanStep) -> bool:
    """Is the step's ledger row committed?"""
    cur = await run.execute(statements.ledger_check(module, step.filename))
    return await cur.fetchone() is not None


async def _apply_no_transaction(
    run: Run, module: ModuleConfig, step: PlanStep, index: int
) -> SqlErrorLocation | None:
    head = join(script.no_transaction_head(module, step.filename))
    t0 = time.perf_counter()
    sleep = LOCK_POLL_FIRST_S
    while True:
        try:
            locked, *_path, recorded = await results(await run.execute(head))
        except BaseException:
            # A session lock taken by a statement whose transaction then failed stays held.
            await _quietly(run, script.no_transaction_tail(module, "", "", None, run.plan.session))
            raise
        if locked[0][0]:
            break
        if run.cancelled():
            await _quietly(run, script.session_reset(run.plan.session))
            raise Cancelled
        await run.report_waiting(module, (index, step))
        await asyncio.sleep(sleep)
        sleep = min(sleep * 2, LOCK_POLL_MAX_S)
    ms: int | None = None
    error: SqlErrorLocation | None = None
    try:
        if not recorded:
            t1 = time.perf_counter()
            error = await _statements(run, module, step)
            if error is None:
                ms = max(1, int((time.perf_counter() - t1) * 1000))
    finally:
        if not run.conn.closed and not run.conn.broken:
            await run.execute(
                join(
                    script.no_transaction_tail(
                        module, step.filename, step.checksum, ms, run.plan.session
                    )
                )
            )
    if error is not None:
        return error
    elapsed = (time.perf_counter() - t0) * 1000
    outcome = ApplyEventKind.SKIPPED if recorded else ApplyEventKind.APPLIED
    run.results.append(StepResult(step.module, step.filename, outcome, elapsed, ms))
    return None


async def _statements(run: Run, module: ModuleConfig, step: PlanStep) -> SqlErrorLocation | None:
    """The file's statements one by one, each committed; where it failed, and how far it got."""
    pieces = step.statements or split_statements(step.sql)
    for done, statement in enumerate(pieces):
        try:
            await run.execute(run.encode(statement.text))
        except psycopg.Error as exc:
            found = locate(
                exc, step, module, base_offset=statement.offset, fallback_offset=statement.offset
            )
            if not done:
                return found
            return replace(found, committed=done, statements=len(pieces))
    return None


async def _quietly(run: Run, parts: list[sql.Composable]) -> None:
    if run.conn.closed or run.conn.broken:
        return
    with contextlib.suppress(psycopg.Error):
        await _rollback(run.conn)
        await run.execute(join(parts))


async def accept_checksum(
    conn: psycopg.AsyncConnection[Any],
    module: ModuleConfig,
    filename: str,
    recorded: str,
    new: str,
    *,
    one_by_one: bool = False,
) -> int:
    """Record ``new`` as the checksum of an applied file, under pgdbm's lock; rows changed.

    Only a row still holding ``recorded`` changes, so accepting what the user did not see is
    impossible.
    """
    await ensure_autocommit(conn)
    run = Run(conn, plan=Plan(()), on_event=None, cancel=None, one_by_one=one_by_one)
    await run.locked(module, script.lock_head(module))
    try:
        cur = await run.execute(statements.accept_checksum(module, filename, recorded, new))
        changed = cur.rowcount
        await run.execute(script.COMMIT)
    except BaseException:
        await _rollback(conn)
        raise
    return changed


async def rehearse_plan(
    conn: psycopg.AsyncConnection[Any],
    modules: Mapping[str, ModuleConfig],
    plan: Plan,
    *,
    on_event: ProgressCallback | None = None,
    cancel: CancelFlag | None = None,
    one_by_one: bool = False,
    observe: bool = True,
) -> ApplyResult:
    """``rehearse.rehearse_plan``: the plan in one transaction, rolled back."""
    from schemadesk.db.migrations import rehearse

    return await rehearse.rehearse_plan(
        conn, modules, plan, on_event=on_event, cancel=cancel, one_by_one=one_by_one,
        observe=observe,
    )  # fmt: skip
