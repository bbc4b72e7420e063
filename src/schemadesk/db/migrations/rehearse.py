"""Rehearsals: the whole plan in one transaction, with timings, rolled back — provably.

Before anything runs, a file with a top-level transaction-control statement refuses the
rehearsal (``core.migrations.sql_checks``: the runner's own check, whatever the file checks
say). Each step then runs inside a savepoint, marked by the transaction guard; after the file
the client checks that the connection is still inside a transaction, the server that it is
the same one (the guard) and that the savepoint still exists, and every step's mark must name
the transaction the rehearsal opened. Anything else stops the rehearsal with an error; the
transaction is rolled back at the end whatever happened.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

import psycopg

from schemadesk.core.messages_config import said_refusals, say
from schemadesk.core.migrations import script
from schemadesk.core.migrations.errors import PlanRefused
from schemadesk.core.migrations.models import (
    ApplyEventKind,
    ApplyResult,
    Plan,
    PlanStep,
    SqlErrorLocation,
    StepResult,
)
from schemadesk.core.migrations.observed import Observer, StepObservation
from schemadesk.core.migrations.project import ModuleConfig
from schemadesk.core.migrations.sql_checks import transaction_control
from schemadesk.core.migrations.template import render
from schemadesk.db.migrations.ledger import _rollback
from schemadesk.db.migrations.locate import FileFailed, transaction_ended
from schemadesk.db.migrations.run_state import (
    CancelFlag,
    ProgressCallback,
    Run,
    ensure_autocommit,
    join,
    plain,
    results,
    where_failed,
)

_IN_TRANSACTION = psycopg.pq.TransactionStatus.INTRANS


def refuse_transaction_control(plan: Plan, modules: Mapping[str, ModuleConfig]) -> None:
    """``PlanRefused`` at file:line:column for a transactional file that would end the
    rehearsal's transaction; nothing has run yet."""
    for step in plan.steps:
        if step.no_transaction:
            continue
        found = transaction_control(step.sql)
        if found is None:
            continue
        offset, keyword = found
        rendered = render(step.source, modules[step.module].template_schema)
        line, column = rendered.source_position(offset)
        where = f"{step.module}/{step.filename}:{line}:{column}"
        raise PlanRefused(say("rehearse-transaction-control", where=where, keyword=keyword))


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
    """Run the whole plan in one transaction, with timings, and roll it back.

    No-transaction files cannot run inside a transaction: they are skipped and listed in
    ``not_rehearsed`` (later steps that depend on them may then fail). A rehearsal does not
    wait for a module's migration lock: ``LockBusy`` when another applier holds it.
    ``observe``: after each step, read the locks its transaction holds and the relations it
    rewrote (``core.migrations.observed``), into ``result.observed``.
    """
    if not plan.runnable:
        raise PlanRefused(said_refusals(plan.blockers))
    refuse_transaction_control(plan, modules)
    run = Run(conn, plan=plan, on_event=on_event, cancel=cancel, one_by_one=one_by_one)
    await ensure_autocommit(conn)
    observer: Observer | None = None
    if observe:
        start = script.rehearsal_start(plan.observe_schemas)
        rows = await (await run.execute(join(start))).fetchall() if start else []
        observer = Observer(rows, plan.observe_schemas)
    seen: list[StepObservation] = []
    started = time.perf_counter()
    error: SqlErrorLocation | None = None
    cancelled = False
    skipped: list[str] = []
    marks: set[str] = set()
    await conn.execute(script.BEGIN)
    try:
        for index, step in enumerate(plan.steps):
            if run.cancelled():
                cancelled = True
                run.emit(ApplyEventKind.CANCELLED, index, step)
                break
            if step.no_transaction:
                skipped.append(f"{step.module}/{step.filename}")
                if observer is not None:
                    seen.append(observer.not_rehearsed(step.module, step.filename))
                run.results.append(
                    StepResult(step.module, step.filename, ApplyEventKind.NOT_REHEARSABLE, 0.0)
                )
                run.emit(
                    ApplyEventKind.NOT_REHEARSABLE,
                    index,
                    step,
                    0.0,
                    "-- pgdbm:no-transaction: cannot run inside the rehearsal's transaction",
                )
                continue
            module = modules[step.module]
            run.emit(ApplyEventKind.STARTED, index, step)
            t0 = time.perf_counter()
            try:
                error = await _rehearse_step(run, module, step, marks, observer=observer, seen=seen)
            except psycopg.Error as exc:  # the lock or the ledger, not the file: one line
                error = plain(exc, step)
            ms = (time.perf_counter() - t0) * 1000
            if error is not None:
                run.results.append(
                    StepResult(step.module, step.filename, ApplyEventKind.FAILED, ms)
                )
                run.emit(ApplyEventKind.FAILED, index, step, ms, error.message)
                break
            run.emit(ApplyEventKind.APPLIED, index, step, ms)
    finally:
        await _rollback(conn)
    return ApplyResult(
        results=tuple(run.results),
        rehearsal=True,
        cancelled=cancelled,
        error=error,
        not_rehearsed=tuple(skipped),
        total_ms=(time.perf_counter() - started) * 1000,
        observed=tuple(seen),
    )


async def _rehearse_step(
    run: Run,
    module: ModuleConfig,
    step: PlanStep,
    marks: set[str],
    *,
    observer: Observer | None,
    seen: list[StepObservation],
) -> SqlErrorLocation | None:
    t0 = time.perf_counter()
    head = script.rehearsal_head(module, step.filename, step.prepare, step.prepare_schema)
    locked, mark = await results(await run.execute(join(head)))
    if not locked[0][0]:
        raise await run.lock_busy(module)
    marks.add(str(mark[0][0]))
    if len(marks) != 1:  # every step must run in the transaction the rehearsal opened
        return transaction_ended(step)
    try:
        await run.run_file(step)
    except FileFailed as failed:
        ended = run.conn.info.transaction_status != psycopg.pq.TransactionStatus.INERROR
        return where_failed(failed, step, module, transaction_ended=ended)
    if run.conn.info.transaction_status != _IN_TRANSACTION:
        return transaction_ended(step)
    ms = max(1, int((time.perf_counter() - t0) * 1000))
    tail = script.step_tail(
        module,
        step.filename,
        step.checksum,
        ms,
        run.plan.session,
        rehearse=True,
        observe=observer.query(module.lock_key) if observer is not None else False,
    )
    try:
        found = await results(await run.execute(join(tail)))
    except (psycopg.errors.DivisionByZero, psycopg.errors.InvalidSavepointSpecification):
        return transaction_ended(step)
    if observer is not None:  # the guard's row first, then the locks
        seen.append(observer.observe(step.module, step.filename, found[1]))
    elapsed = (time.perf_counter() - t0) * 1000
    run.results.append(StepResult(step.module, step.filename, ApplyEventKind.APPLIED, elapsed, ms))
    return None
