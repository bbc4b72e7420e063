"""Apply and rehearse plans, and accept new checksums, on one connection.

Each transactional migration takes at most three round trips, as pgdbm's protocol asks:

1. ``BEGIN; SET LOCAL search_path ...; SELECT pg_advisory_xact_lock(hashtext('pgdbm_migration_'
   || module)); SELECT checksum FROM <ledger> WHERE filename = ...`` — lock, then re-check the
   ledger inside the lock (another applier, schemadesk or pgdbm, may have applied the file);
2. the rendered file, exactly as the plan shows it, as one multi-statement query;
3. ``INSERT INTO <ledger> ...; COMMIT``.

``-- pgdbm:no-transaction`` files run statement by statement in autocommit under pgdbm's
session lock. A rehearsal runs the whole plan in one transaction and rolls it back.
Coroutines here run on the gateway's loop, on a connection in autocommit mode.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from typing import Any, Protocol

import psycopg
from psycopg import sql

from schemadesk.core.migrations import statements
from schemadesk.core.migrations.errors import PlanRefused
from schemadesk.core.migrations.models import (
    ApplyEvent,
    ApplyEventKind,
    ApplyResult,
    Plan,
    PlanStep,
    SqlErrorLocation,
    StepResult,
)
from schemadesk.core.migrations.project import ModuleConfig
from schemadesk.core.migrations.split import split_statements
from schemadesk.db.migrations.ledger import LEDGER_EXISTS, _rollback
from schemadesk.db.migrations.locate import locate

ProgressCallback = Callable[[ApplyEvent], None]


class CancelFlag(Protocol):
    """Anything with ``is_set()``: ``threading.Event``, ``asyncio.Event``. Checked between steps."""

    def is_set(self) -> bool: ...


class _Run:
    """State of one apply or rehearsal run over a plan."""

    def __init__(
        self,
        conn: psycopg.AsyncConnection[Any],
        *,
        modules: Mapping[str, ModuleConfig],
        plan: Plan,
        on_event: ProgressCallback | None,
        cancel: CancelFlag | None,
        rehearse: bool,
    ) -> None:
        self.conn = conn
        self.modules = modules
        self.plan = plan
        self.on_event = on_event
        self.cancel = cancel
        self.rehearse = rehearse
        self.results: list[StepResult] = []
        self.prepared: set[str] = set()
        self.encoding = conn.info.encoding

    def emit(
        self, kind: ApplyEventKind, index: int, step: PlanStep, ms: float = 0.0, message: str = ""
    ) -> None:
        if self.on_event is not None:
            self.on_event(
                ApplyEvent(
                    kind, index, len(self.plan.steps), step.module, step.filename, ms, message
                )
            )

    def encode(self, text: str) -> bytes:
        # The users' SQL is sent as it is: bytes keep psycopg from treating it as a template.
        return text.encode(self.encoding)

    async def execute(self, query: sql.SQL | sql.Composed | bytes) -> psycopg.AsyncCursor[Any]:
        cur = self.conn.cursor()
        await cur.execute(query, prepare=False)
        return cur

    async def prepare_module(self, module: ModuleConfig) -> None:
        """Once per module and run: create its schema (own pool) and ledger if they are absent."""
        if module.name in self.prepared:
            return
        self.prepared.add(module.name)
        cur = self.conn.cursor()
        await cur.execute(
            LEDGER_EXISTS, {"schema": module.ledger_schema, "table": module.ledger.lower()}
        )
        row = await cur.fetchone()
        schema_exists, ledger_exists = (bool(row[0]), bool(row[1])) if row else (False, False)
        parts: list[sql.Composable] = []
        create_schema = statements.create_schema(module)
        if create_schema is not None and not schema_exists:
            parts.append(create_schema)
        if not ledger_exists:
            parts.append(statements.create_ledger(module))
        if not parts:
            return
        if self.rehearse:
            await self.execute(sql.SQL(";\n").join(parts))
            return
        parts = [sql.SQL("BEGIN"), statements.xact_lock(module), *parts, sql.SQL("COMMIT")]
        query = sql.SQL(";\n").join(parts)
        try:
            await self.execute(query)
        except (psycopg.errors.UniqueViolation, psycopg.errors.DuplicateObject):
            # pgdbm creates schema and ledger without its lock: when it raced us to it, the
            # objects exist now and IF NOT EXISTS holds on a second try.
            await _rollback(self.conn)
            await self.execute(query)
        except BaseException:
            await _rollback(self.conn)
            raise


async def apply_plan(
    conn: psycopg.AsyncConnection[Any],
    modules: Mapping[str, ModuleConfig],
    plan: Plan,
    *,
    on_event: ProgressCallback | None = None,
    cancel: CancelFlag | None = None,
) -> ApplyResult:
    """Apply every step of ``plan`` in order; stop at the first failure or when cancelled.

    A failed migration rolls back alone (earlier ones stay applied) and ``result.error`` points
    at its file, line and column. Raises ``PlanRefused`` for a plan with blockers.
    """
    if not plan.runnable:
        raise PlanRefused("; ".join(plan.blockers))
    run = _Run(conn, modules=modules, plan=plan, on_event=on_event, cancel=cancel, rehearse=False)
    await _ensure_autocommit(conn)
    started = time.perf_counter()
    error: SqlErrorLocation | None = None
    cancelled = False
    for index, step in enumerate(plan.steps):
        if cancel is not None and cancel.is_set():
            cancelled = True
            run.emit(ApplyEventKind.CANCELLED, index, step)
            break
        module = modules[step.module]
        run.emit(ApplyEventKind.STARTED, index, step)
        t0 = time.perf_counter()
        await run.prepare_module(module)
        if step.no_transaction:
            error = await _apply_no_transaction(run, module, step)
        else:
            error = await _apply_transactional(run, module, step)
        ms = (time.perf_counter() - t0) * 1000
        if error is not None:
            run.results.append(StepResult(step.module, step.filename, ApplyEventKind.FAILED, ms))
            run.emit(ApplyEventKind.FAILED, index, step, ms, error.message)
            break
        outcome = run.results[-1].outcome
        run.emit(outcome, index, step, ms)
    return ApplyResult(
        results=tuple(run.results),
        cancelled=cancelled,
        error=error,
        total_ms=(time.perf_counter() - started) * 1000,
    )


async def _apply_transactional(
    run: _Run, module: ModuleConfig, step: PlanStep
) -> SqlErrorLocation | None:
    conn = run.conn
    head: list[sql.Composable] = [sql.SQL("BEGIN")]
    search_path = statements.set_search_path(module, local=True)
    if search_path is not None:
        head.append(search_path)
    head += [statements.xact_lock(module), statements.ledger_check(module, step.filename)]
    t0 = time.perf_counter()
    try:
        cur = await run.execute(sql.SQL(";\n").join(head))
        while cur.nextset():
            pass
        if await cur.fetchone() is not None:  # applied meanwhile by someone else
            await conn.execute("ROLLBACK")
            run.results.append(
                StepResult(
                    step.module,
                    step.filename,
                    ApplyEventKind.SKIPPED,
                    (time.perf_counter() - t0) * 1000,
                )
            )
            return None
        t1 = time.perf_counter()
        try:
            await run.execute(run.encode(step.sql))
        except psycopg.Error as exc:
            await _rollback(conn)
            return await _locate_with_replay(run, exc, module, step)
        ms = max(1, int((time.perf_counter() - t1) * 1000))
        insert = statements.ledger_insert(module, step.filename, step.checksum, ms)
        await run.execute(sql.Composed([insert, sql.SQL(";\nCOMMIT")]))
    except psycopg.Error as exc:
        await _rollback(conn)
        return _plain(exc, step)
    except BaseException:
        await _rollback(conn)
        raise
    run.results.append(
        StepResult(
            step.module,
            step.filename,
            ApplyEventKind.APPLIED,
            (time.perf_counter() - t0) * 1000,
            ms,
        )
    )
    return None


async def _apply_no_transaction(
    run: _Run, module: ModuleConfig, step: PlanStep
) -> SqlErrorLocation | None:
    conn = run.conn
    head: list[sql.Composable] = [statements.session_lock(module)]
    search_path = statements.set_search_path(module, local=False)
    if search_path is not None:
        head.append(search_path)
    head.append(statements.ledger_check(module, step.filename))
    t0 = time.perf_counter()
    locked = False
    try:
        cur = await run.execute(sql.SQL(";\n").join(head))
        locked = True
        while cur.nextset():
            pass
        if await cur.fetchone() is not None:
            run.results.append(
                StepResult(
                    step.module,
                    step.filename,
                    ApplyEventKind.SKIPPED,
                    (time.perf_counter() - t0) * 1000,
                )
            )
            return None
        t1 = time.perf_counter()
        for statement in step.statements or split_statements(step.sql):
            try:
                await run.execute(run.encode(statement.text))
            except psycopg.Error as exc:
                return locate(
                    exc,
                    step,
                    module,
                    base_offset=statement.offset,
                    fallback_offset=statement.offset,
                )
        ms = max(1, int((time.perf_counter() - t1) * 1000))
        await run.execute(statements.ledger_insert(module, step.filename, step.checksum, ms))
    except psycopg.Error as exc:
        return _plain(exc, step)
    finally:
        if locked and not conn.closed:
            tail: list[sql.Composable] = [statements.session_unlock(module)]
            if search_path is not None:
                tail.append(statements.RESET_SEARCH_PATH)
            await run.execute(sql.SQL(";\n").join(tail))
    run.results.append(
        StepResult(
            step.module,
            step.filename,
            ApplyEventKind.APPLIED,
            (time.perf_counter() - t0) * 1000,
            ms,
        )
    )
    return None


async def _locate_with_replay(
    run: _Run, exc: psycopg.Error, module: ModuleConfig, step: PlanStep
) -> SqlErrorLocation:
    """Map an error; without a server position, find the failing statement by replaying the
    file statement by statement in a transaction that is rolled back (only on failure)."""
    if exc.diag.statement_position or run.rehearse:
        return locate(exc, step, module)
    head: list[sql.Composable] = [sql.SQL("BEGIN")]
    search_path = statements.set_search_path(module, local=True)
    if search_path is not None:
        head.append(search_path)
    try:
        await run.execute(sql.SQL(";\n").join(head))
        for statement in split_statements(step.sql):
            try:
                await run.execute(run.encode(statement.text))
            except psycopg.Error as again:
                if again.sqlstate == exc.sqlstate:
                    return locate(
                        again,
                        step,
                        module,
                        base_offset=statement.offset,
                        fallback_offset=statement.offset,
                    )
                break
    except psycopg.Error:
        pass
    finally:
        await _rollback(run.conn)
    return locate(exc, step, module)


def _plain(exc: psycopg.Error, step: PlanStep) -> SqlErrorLocation:
    """An error outside the user's SQL (lock, ledger): no position in the file."""
    return SqlErrorLocation(
        filename=step.filename,
        line=None,
        column=None,
        sqlstate=exc.sqlstate,
        message=exc.diag.message_primary or str(exc).split("\n")[0],
        detail=exc.diag.message_detail,
        hint=exc.diag.message_hint,
    )


async def rehearse_plan(
    conn: psycopg.AsyncConnection[Any],
    modules: Mapping[str, ModuleConfig],
    plan: Plan,
    *,
    on_event: ProgressCallback | None = None,
    cancel: CancelFlag | None = None,
) -> ApplyResult:
    """Run the whole plan in one transaction, with timings, and roll it back.

    No-transaction files cannot run inside a transaction: they are skipped and listed in
    ``not_rehearsed`` (later steps that depend on them may then fail).
    """
    if not plan.runnable:
        raise PlanRefused("; ".join(plan.blockers))
    run = _Run(conn, modules=modules, plan=plan, on_event=on_event, cancel=cancel, rehearse=True)
    await _ensure_autocommit(conn)
    started = time.perf_counter()
    error: SqlErrorLocation | None = None
    cancelled = False
    skipped: list[str] = []
    await conn.execute("BEGIN")
    try:
        for index, step in enumerate(plan.steps):
            if cancel is not None and cancel.is_set():
                cancelled = True
                run.emit(ApplyEventKind.CANCELLED, index, step)
                break
            if step.no_transaction:
                skipped.append(f"{step.module}/{step.filename}")
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
            error = await _rehearse_step(run, module, step)
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
    )


async def _rehearse_step(
    run: _Run, module: ModuleConfig, step: PlanStep
) -> SqlErrorLocation | None:
    t0 = time.perf_counter()
    head: list[sql.Composable] = []
    search_path = statements.set_search_path(module, local=True)
    if search_path is not None:
        head.append(search_path)
    head.append(statements.xact_lock(module))
    await run.execute(sql.SQL(";\n").join(head))
    await run.prepare_module(module)
    # Savepoint per step: a failing step is located by replaying it to the savepoint.
    await run.execute(sql.SQL("SAVEPOINT schemadesk_rehearsal"))
    try:
        await run.execute(run.encode(step.sql))
    except psycopg.Error as exc:
        return await _locate_in_rehearsal(run, exc, module, step)
    ms = max(1, int((time.perf_counter() - t0) * 1000))
    await run.execute(statements.ledger_insert(module, step.filename, step.checksum, ms))
    run.results.append(
        StepResult(
            step.module,
            step.filename,
            ApplyEventKind.APPLIED,
            (time.perf_counter() - t0) * 1000,
            ms,
        )
    )
    return None


async def _locate_in_rehearsal(
    run: _Run, exc: psycopg.Error, module: ModuleConfig, step: PlanStep
) -> SqlErrorLocation:
    if exc.diag.statement_position:
        return locate(exc, step, module)
    try:
        await run.execute(sql.SQL("ROLLBACK TO SAVEPOINT schemadesk_rehearsal"))
        for statement in split_statements(step.sql):
            try:
                await run.execute(run.encode(statement.text))
            except psycopg.Error as again:
                if again.sqlstate == exc.sqlstate:
                    return locate(
                        again,
                        step,
                        module,
                        base_offset=statement.offset,
                        fallback_offset=statement.offset,
                    )
                break
    except psycopg.Error:
        pass
    return locate(exc, step, module)


async def accept_checksum(
    conn: psycopg.AsyncConnection[Any],
    module: ModuleConfig,
    filename: str,
    recorded: str,
    new: str,
) -> int:
    """Record ``new`` as the checksum of an applied file, under pgdbm's lock; rows changed.

    Only a row still holding ``recorded`` changes, so accepting what the user did not see is
    impossible.
    """
    await _ensure_autocommit(conn)
    query = sql.SQL(";\n").join(
        [
            sql.SQL("BEGIN"),
            statements.xact_lock(module),
            statements.accept_checksum(module, filename, recorded, new),
            sql.SQL("COMMIT"),
        ]
    )
    cur = conn.cursor()
    try:
        await cur.execute(query, prepare=False)
    except BaseException:
        await _rollback(conn)
        raise
    changed = 0
    while True:
        if cur.statusmessage and cur.statusmessage.startswith("UPDATE"):
            changed = cur.rowcount
        if not cur.nextset():
            break
    return changed


async def _ensure_autocommit(conn: psycopg.AsyncConnection[Any]) -> None:
    if not conn.autocommit:
        await conn.set_autocommit(True)
