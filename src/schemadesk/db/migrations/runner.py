"""Apply and rehearse plans, and accept new checksums, on one connection.

Each transactional migration takes three round trips when nobody else holds the lock:

1. ``BEGIN; SET LOCAL search_path ...; SELECT pg_try_advisory_xact_lock(hashtext(
   'pgdbm_migration_' || module)); SELECT checksum FROM <ledger> WHERE filename = ...`` — pgdbm's
   lock (same key, so pgdbm and schemadesk exclude each other), then the ledger re-checked
   inside it (another applier may have applied the file meanwhile);
2. the rendered file, exactly as the plan shows it, as one multi-statement query;
3. ``INSERT INTO <ledger> ...; COMMIT`` — followed, in the same round trip, by the next
   migration's step 1 when it is transactional and its module is ready: two round trips per
   migration over a run.

When the lock is taken, the transaction is rolled back and retried after a short sleep
(cancellable). Waiting inside the server instead (``pg_advisory_xact_lock``) would hold a
snapshot, and a ``CREATE INDEX CONCURRENTLY`` run by the lock holder waits for every older
snapshot: a deadlock. ``-- pgdbm:no-transaction`` files run statement by statement in
autocommit under pgdbm's session lock. A rehearsal runs the whole plan in one transaction and
rolls it back. Coroutines here run on the gateway's loop, on a connection in autocommit mode.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable, Mapping
from typing import Any, Protocol

import psycopg
from psycopg import sql

from schemadesk.core.errors import SchemadeskError
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
_BEGIN = sql.SQL("BEGIN")
_COMMIT = sql.SQL("COMMIT")
_SAVEPOINT = "schemadesk_rehearsal"
LOCK_POLL_FIRST_S = 0.002
LOCK_POLL_MAX_S = 0.1
# What CREATE ... IF NOT EXISTS raises when another session creates the same object meanwhile.
_CREATE_RACES = (
    psycopg.errors.UniqueViolation,
    psycopg.errors.DuplicateObject,
    psycopg.errors.DuplicateTable,
    psycopg.errors.DuplicateSchema,
)


class CancelFlag(Protocol):
    """Anything with ``is_set()``: ``threading.Event``, ``asyncio.Event``. Checked between steps
    and while waiting for the migration lock."""

    def is_set(self) -> bool: ...


class LockBusy(SchemadeskError):
    """The module's migration lock is held by another session (rehearsals do not wait)."""


class _Cancelled(Exception):
    pass


def _join(parts: list[sql.Composable]) -> sql.Composed:
    return sql.SQL(";\n").join(parts)


def _head(module: ModuleConfig) -> list[sql.Composable]:
    """``BEGIN; [SET LOCAL search_path]; SELECT pg_try_advisory_xact_lock(...)``."""
    head: list[sql.Composable] = [_BEGIN]
    search_path = statements.set_search_path(module, local=True)
    if search_path is not None:
        head.append(search_path)
    head.append(statements.try_xact_lock(module))
    return head


async def _results(cur: psycopg.AsyncCursor[Any]) -> list[list[Any]]:
    """The rows of every result of a multi-statement query that returned rows."""
    found: list[list[Any]] = []
    while True:
        if cur.description is not None:
            found.append(await cur.fetchall())
        if not cur.nextset():
            return found


WAIT_REPORT_S = 5.0


def describe_holders(module: str, rows: list[Any]) -> str:
    """``waiting for the lock of module m, held by pid 123 (alice, pgdbm, from 10.0.0.7) since
    ...: <its query>`` — or that the holder has just gone."""
    if not rows:
        return f"waiting for the migration lock of module {module}"
    pid, user, app, client, since, query = rows[0]
    who = ", ".join(x for x in (user, app or None, f"from {client}" if client else None) if x)
    return (
        f"waiting for the migration lock of module {module}, held by pid {pid} ({who})"
        f" since {since}: {query}"
    )


class _Run:
    """State of one apply or rehearsal run over a plan."""

    def __init__(
        self,
        conn: psycopg.AsyncConnection[Any],
        *,
        plan: Plan,
        on_event: ProgressCallback | None,
        cancel: CancelFlag | None,
        rehearse: bool,
    ) -> None:
        self.conn = conn
        self.plan = plan
        self.on_event = on_event
        self.cancel = cancel
        self.rehearse = rehearse
        self.results: list[StepResult] = []
        self.prepared: set[str] = set()
        # (index of a step, its ledger check rows): its transaction is open, its lock held.
        self.held: tuple[int, list[Any]] | None = None
        self.encoding = conn.info.encoding
        self._last_wait_report = -WAIT_REPORT_S

    def emit(
        self, kind: ApplyEventKind, index: int, step: PlanStep, ms: float = 0.0, message: str = ""
    ) -> None:
        if self.on_event is not None:
            total = len(self.plan.steps)
            self.on_event(ApplyEvent(kind, index, total, step.module, step.filename, ms, message))

    async def report_waiting(
        self, module: ModuleConfig, where: tuple[int, PlanStep] | None
    ) -> None:
        """While the lock is taken by another session: say who holds it (every few seconds)."""
        now = time.monotonic()
        if where is None or self.on_event is None or now - self._last_wait_report < WAIT_REPORT_S:
            return
        self._last_wait_report = now
        rows = await (await self.execute(statements.lock_holder(module))).fetchall()
        index, step = where
        self.emit(ApplyEventKind.WAITING, index, step, message=describe_holders(module.name, rows))

    def cancelled(self) -> bool:
        return self.cancel is not None and self.cancel.is_set()

    def encode(self, text: str) -> bytes:
        # The users' SQL is sent as it is: bytes keep psycopg from treating it as a template.
        return text.encode(self.encoding)

    async def execute(self, query: sql.SQL | sql.Composed | bytes) -> psycopg.AsyncCursor[Any]:
        cur = self.conn.cursor()
        await cur.execute(query, prepare=False)
        return cur

    async def locked_begin(
        self,
        module: ModuleConfig,
        tail: list[sql.Composable],
        where: tuple[int, PlanStep] | None = None,
    ) -> list[list[Any]]:
        """``BEGIN; [SET LOCAL search_path]; try the xact lock; *tail`` until the lock is ours.

        Returns the rows of ``tail``'s results. Between attempts the transaction is rolled back,
        so a waiting schemadesk never holds a snapshot another migration could wait for.
        """
        query = _join(_head(module) + tail)
        sleep = LOCK_POLL_FIRST_S
        while True:
            try:
                results = await _results(await self.execute(query))
            except BaseException:
                await _rollback(self.conn)
                raise
            if results[0][0][0]:
                return results[1:]
            await self.execute(sql.SQL("ROLLBACK"))
            if self.cancelled():
                raise _Cancelled
            await self.report_waiting(module, where)
            await asyncio.sleep(sleep)
            sleep = min(sleep * 2, LOCK_POLL_MAX_S)

    async def prepare_module(
        self, module: ModuleConfig, where: tuple[int, PlanStep] | None = None
    ) -> None:
        """Once per module and run: create its schema (own pool) and ledger if they are absent."""
        if module.name in self.prepared:
            return
        self.prepared.add(module.name)
        cur = await self.conn.execute(
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
            await self.execute(_join(parts))
            return
        for attempt in range(5):
            await self.locked_begin(module, [], where)
            try:
                await self.execute(_join([*parts, _COMMIT]))
                return
            except _CREATE_RACES:
                # pgdbm creates schema and ledger without its lock: when it raced us to it,
                # the objects exist once it commits, and IF NOT EXISTS holds on a retry.
                await _rollback(self.conn)
                if attempt == 4:
                    raise
                await asyncio.sleep(0.05)
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
    run = _Run(conn, plan=plan, on_event=on_event, cancel=cancel, rehearse=False)
    await _ensure_autocommit(conn)
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
                await run.prepare_module(module, (index, step))
                if step.no_transaction:
                    error = await _apply_no_transaction(run, module, step, index)
                else:
                    nxt = plan.steps[index + 1] if index + 1 < len(plan.steps) else None
                    following = modules[nxt.module] if nxt is not None else None
                    error = await _apply_transactional(
                        run, module, step, index=index, nxt=nxt, following=following
                    )
            except _Cancelled:
                cancelled = True
                run.emit(ApplyEventKind.CANCELLED, index, step)
                break
            except psycopg.Error as exc:
                error = _plain(exc, step)
            ms = (time.perf_counter() - t0) * 1000
            if error is not None:
                run.results.append(
                    StepResult(step.module, step.filename, ApplyEventKind.FAILED, ms)
                )
                run.emit(ApplyEventKind.FAILED, index, step, ms, error.message)
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
    run: _Run,
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
        (recorded,) = await run.locked_begin(
            module, [statements.ledger_check(module, step.filename)], (index, step)
        )
    if recorded:  # applied meanwhile by someone else
        await run.execute(sql.SQL("ROLLBACK"))
        elapsed = (time.perf_counter() - t0) * 1000
        run.results.append(StepResult(step.module, step.filename, ApplyEventKind.SKIPPED, elapsed))
        return None
    try:
        t1 = time.perf_counter()
        try:
            await run.execute(run.encode(step.sql))
        except psycopg.Error as exc:
            await _rollback(conn)
            return await _locate_with_replay(run, exc, module, step)
        ms = max(1, int((time.perf_counter() - t1) * 1000))
        insert = statements.ledger_insert(module, step.filename, step.checksum, ms)
        chain = (
            nxt is not None
            and following is not None
            and not nxt.no_transaction
            and following.name in run.prepared
        )
        tail: list[sql.Composable] = [insert, _COMMIT]
        if chain:
            assert nxt is not None
            assert following is not None
            tail += [*_head(following), statements.ledger_check(following, nxt.filename)]
        try:
            results = await _results(await run.execute(_join(tail)))
        except psycopg.Error:
            await _rollback(conn)
            if not chain or not await _recorded(run, module, step):
                raise
            results = []  # committed; only the next step's head failed: it starts afresh
        if len(results) == 2:
            locked, recorded_next = results
            if locked[0][0]:
                run.held = (index + 1, recorded_next)
            else:
                await run.execute(sql.SQL("ROLLBACK"))
    except BaseException:
        await _rollback(conn)
        raise
    elapsed = (time.perf_counter() - t0) * 1000
    run.results.append(StepResult(step.module, step.filename, ApplyEventKind.APPLIED, elapsed, ms))
    return None


async def _recorded(run: _Run, module: ModuleConfig, step: PlanStep) -> bool:
    """Is the step's ledger row committed?"""
    cur = await run.execute(statements.ledger_check(module, step.filename))
    return await cur.fetchone() is not None


async def _apply_no_transaction(
    run: _Run, module: ModuleConfig, step: PlanStep, index: int
) -> SqlErrorLocation | None:
    head: list[sql.Composable] = [statements.try_session_lock(module)]
    search_path = statements.set_search_path(module, local=False)
    if search_path is not None:
        head.append(search_path)
    head.append(statements.ledger_check(module, step.filename))
    t0 = time.perf_counter()
    sleep = LOCK_POLL_FIRST_S
    while True:
        try:
            locked, recorded = await _results(await run.execute(_join(head)))
        except BaseException:
            # A session lock taken by a statement whose transaction then failed stays held.
            await _unlock_quietly(run, module)
            await _reset_search_path(run, search_path)
            raise
        if locked[0][0]:
            break
        if run.cancelled():
            await _reset_search_path(run, search_path)
            raise _Cancelled
        await run.report_waiting(module, (index, step))
        await asyncio.sleep(sleep)
        sleep = min(sleep * 2, LOCK_POLL_MAX_S)
    try:
        if recorded:
            elapsed = (time.perf_counter() - t0) * 1000
            run.results.append(
                StepResult(step.module, step.filename, ApplyEventKind.SKIPPED, elapsed)
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
    finally:
        if not run.conn.closed:
            await run.execute(statements.session_unlock(module))
            await _reset_search_path(run, search_path)
    elapsed = (time.perf_counter() - t0) * 1000
    run.results.append(StepResult(step.module, step.filename, ApplyEventKind.APPLIED, elapsed, ms))
    return None


async def _unlock_quietly(run: _Run, module: ModuleConfig) -> None:
    if run.conn.closed or run.conn.broken:
        return
    with contextlib.suppress(psycopg.Error):
        await run.execute(statements.session_unlock(module))


async def _reset_search_path(run: _Run, search_path: sql.Composed | None) -> None:
    if search_path is not None and not run.conn.closed and not run.conn.broken:
        await run.execute(statements.RESET_SEARCH_PATH)


async def _locate_with_replay(
    run: _Run, exc: psycopg.Error, module: ModuleConfig, step: PlanStep
) -> SqlErrorLocation:
    """Map an error. Without a server position, find the failing statement by replaying the
    file statement by statement in a transaction that is rolled back (only after a failure)."""
    if exc.diag.statement_position:
        return locate(exc, step, module)
    head: list[sql.Composable] = [_BEGIN]
    search_path = statements.set_search_path(module, local=True)
    if search_path is not None:
        head.append(search_path)
    try:
        await run.execute(_join(head))
        found = await _replay(run, exc, module, step)
    except psycopg.Error:
        found = None
    finally:
        await _rollback(run.conn)
    return found or locate(exc, step, module)


async def _replay(
    run: _Run, exc: psycopg.Error, module: ModuleConfig, step: PlanStep
) -> SqlErrorLocation | None:
    for statement in split_statements(step.sql):
        try:
            await run.execute(run.encode(statement.text))
        except psycopg.Error as again:
            if again.sqlstate != exc.sqlstate:
                return None
            return locate(
                again,
                step,
                module,
                base_offset=statement.offset,
                fallback_offset=statement.offset,
            )
    return None


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
        context=exc.diag.context,
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
    ``not_rehearsed`` (later steps that depend on them may then fail). A rehearsal does not
    wait for a module's migration lock: ``LockBusy`` when another applier holds it.
    """
    if not plan.runnable:
        raise PlanRefused("; ".join(plan.blockers))
    run = _Run(conn, plan=plan, on_event=on_event, cancel=cancel, rehearse=True)
    await _ensure_autocommit(conn)
    started = time.perf_counter()
    error: SqlErrorLocation | None = None
    cancelled = False
    skipped: list[str] = []
    await conn.execute(_BEGIN)
    try:
        for index, step in enumerate(plan.steps):
            if run.cancelled():
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
    head.append(statements.try_xact_lock(module))
    (locked,) = await _results(await run.execute(_join(head)))
    if not locked[0][0]:
        raise LockBusy(
            f"module {module.name}: another applier holds the migration lock; rehearse later"
        )
    await run.prepare_module(module)
    # A savepoint per step: a failing step is located by replaying it from there.
    await run.execute(sql.SQL("SAVEPOINT {}").format(sql.Identifier(_SAVEPOINT)))
    try:
        await run.execute(run.encode(step.sql))
    except psycopg.Error as exc:
        return await _locate_in_rehearsal(run, exc, module, step)
    ms = max(1, int((time.perf_counter() - t0) * 1000))
    await run.execute(statements.ledger_insert(module, step.filename, step.checksum, ms))
    elapsed = (time.perf_counter() - t0) * 1000
    run.results.append(StepResult(step.module, step.filename, ApplyEventKind.APPLIED, elapsed, ms))
    return None


async def _locate_in_rehearsal(
    run: _Run, exc: psycopg.Error, module: ModuleConfig, step: PlanStep
) -> SqlErrorLocation:
    if exc.diag.statement_position:
        return locate(exc, step, module)
    try:
        await run.execute(sql.SQL("ROLLBACK TO SAVEPOINT {}").format(sql.Identifier(_SAVEPOINT)))
        found = await _replay(run, exc, module, step)
    except psycopg.Error:
        found = None
    return found or locate(exc, step, module)


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
    run = _Run(conn, plan=Plan(()), on_event=None, cancel=None, rehearse=False)
    await run.locked_begin(module, [])
    try:
        cur = await run.execute(statements.accept_checksum(module, filename, recorded, new))
        changed = cur.rowcount
        await run.execute(_COMMIT)
    except BaseException:
        await _rollback(conn)
        raise
    return changed


async def _ensure_autocommit(conn: psycopg.AsyncConnection[Any]) -> None:
    if not conn.autocommit:
        await conn.set_autocommit(True)
