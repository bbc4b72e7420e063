"""Rehearsals: the whole plan in one transaction, with timings, rolled back — provably.

Before anything runs, a file with a top-level transaction-control statement refuses the
rehearsal (``core.migrations.sql_checks``: the runner's own check, whatever the file checks
say). Each step then runs inside a savepoint, marked by the transaction guard; after the file
the client checks that the connection is still inside a transaction, the server that it is
the same one (the guard) and that the savepoint still exists, and every step's mark must name
the transaction the rehearsal opened. Anything else stops the rehearsal with an error; the
transaction is rolled back at the end whatever happened.

What each step locked is read after a group of steps (``core.migrations.observed_steps``): a
group of more than one opens with ``SAVEPOINT schemadesk_group``, and when its read finds
something on a relation that existed before the plan, the rehearsal rolls back to it and runs
the group's steps again, each read on its own (without progress events: they ran already).
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
    SqlErrorLocation,
    StepResult,
)
from schemadesk.core.migrations.observed_steps import GroupPolicy, Observer
from schemadesk.core.migrations.project import ModuleConfig
from schemadesk.core.migrations.sql_checks import transaction_control
from schemadesk.core.migrations.template import render
from schemadesk.db.migrations.ledger import _rollback
from schemadesk.db.migrations.rehearse_groups import Observing, rehearse_step
from schemadesk.db.migrations.run_state import (
    CancelFlag,
    ProgressCallback,
    Run,
    ensure_autocommit,
    join,
    plain,
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
    policy: GroupPolicy | None = None,
) -> ApplyResult:
    """Run the whole plan in one transaction, with timings, and roll it back.

    No-transaction files cannot run inside a transaction: they are skipped and listed in
    ``not_rehearsed`` (later steps that depend on them may then fail). A rehearsal does not
    wait for a module's migration lock: ``LockBusy`` when another applier holds it.
    ``observe``: read the locks its transaction holds and the relations it rewrote after each
    step or group of steps (``policy``; ``core.migrations.observed_steps``), into
    ``result.observed``.
    """
    if not plan.runnable:
        raise PlanRefused(said_refusals(plan.blockers))
    refuse_transaction_control(plan, modules)
    run = Run(conn, plan=plan, on_event=on_event, cancel=cancel, one_by_one=one_by_one)
    await ensure_autocommit(conn)
    marks: set[str] = set()
    reads: Observing | None = None
    if observe:
        start = script.rehearsal_start(plan.observe_schemas)
        snapshot = await (await run.execute(join(start))).fetchall() if start else []
        steps = sum(1 for s in plan.steps if not s.no_transaction)
        observer = Observer(snapshot, plan.observe_schemas, policy, steps)
        reads = Observing(run, modules, observer, marks)
    last = max((i for i, s in enumerate(plan.steps) if not s.no_transaction), default=-1)
    started = time.perf_counter()
    error: SqlErrorLocation | None = None
    cancelled = False
    skipped: list[str] = []
    await conn.execute(script.BEGIN)
    try:
        for index, step in enumerate(plan.steps):
            if run.cancelled():
                cancelled = True
                run.emit(ApplyEventKind.CANCELLED, index, step)
                if reads is not None:  # the steps of an unfinished group ran: say what they did
                    error = await reads.close_now()
                break
            if step.no_transaction:
                skipped.append(f"{step.module}/{step.filename}")
                if reads is not None:
                    reads.seen[index] = reads.observer.not_rehearsed(step.module, step.filename)
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
            prefix = reads.joining(index, step) if reads is not None else []
            read = reads.reader(last=index == last) if reads is not None else _no_read
            rows = None
            try:
                error, rows, ms = await rehearse_step(
                    run, module, step, marks, prefix=prefix, read=read
                )
            except psycopg.Error as exc:  # the lock or the ledger, not the file: one line
                error, ms = plain(exc, step), 0
            elapsed = (time.perf_counter() - t0) * 1000
            if error is not None:
                run.results.append(
                    StepResult(step.module, step.filename, ApplyEventKind.FAILED, elapsed)
                )
                run.emit(ApplyEventKind.FAILED, index, step, elapsed, error.message)
                if reads is not None:
                    await reads.before_failure()
                break
            run.results.append(
                StepResult(step.module, step.filename, ApplyEventKind.APPLIED, elapsed, ms)
            )
            run.emit(ApplyEventKind.APPLIED, index, step, elapsed)
            if reads is not None and rows is not None:
                error = await reads.close(rows)
                if error is not None:
                    break
    finally:
        await _rollback(conn)
    return ApplyResult(
        results=tuple(run.results),
        rehearsal=True,
        cancelled=cancelled,
        error=error,
        not_rehearsed=tuple(skipped),
        total_ms=(time.perf_counter() - started) * 1000,
        observed=reads.said() if reads is not None else (),
    )


def _no_read(_ms: float) -> None:
    return None
