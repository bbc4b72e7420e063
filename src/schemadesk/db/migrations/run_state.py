"""One run over a plan on one connection: its state, progress, lock polling and helpers.

Shared by ``runner`` (apply) and ``rehearse``.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any, Protocol

import psycopg
from psycopg import sql

from schemadesk.core.errors import SchemadeskError
from schemadesk.core.messages import Message, said, templates
from schemadesk.core.messages_db import say as say_db
from schemadesk.core.migrations import script, statements
from schemadesk.core.migrations.lock_holder import LockHolder
from schemadesk.core.migrations.models import (
    ApplyEvent,
    ApplyEventKind,
    Plan,
    PlanStep,
    SqlErrorLocation,
    StepResult,
)
from schemadesk.core.migrations.project import ModuleConfig
from schemadesk.db.citus_pipeline import PieceFailed, as_text, pieces, send_pieces, send_split
from schemadesk.db.migrations.ledger import _rollback
from schemadesk.db.migrations.locate import (
    ENDED_HINT,
    FileFailed,
    locate,
    locate_failure,
    run_file,
)

ProgressCallback = Callable[[ApplyEvent], None]
LOCK_POLL_FIRST_S = 0.002
LOCK_POLL_MAX_S = 0.1
WAIT_REPORT_S = 5.0
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
    """The module's migration lock is held by another session (rehearsals do not wait).

    ``module`` and ``key`` name the lock; ``holder`` is who holds it (None: gone meanwhile)."""

    def __init__(self, module: str, key: str, holder: LockHolder | None) -> None:
        self.module = module
        self.key = key
        self.holder = holder
        if holder is None:  # gone meanwhile
            super().__init__(say_db("lock-busy", module=module))
            return
        super().__init__(
            say_db(
                "lock-busy-held",
                module=module,
                pid=holder.pid,
                who=_who(holder),
                since=holder.since,
            )
        )


def _who(holder: LockHolder) -> Message | str:
    """``holder.who`` as a message when it says "from" (a word the window translates); the
    user's and application's names alone as they are."""
    parts = ", ".join(x for x in (holder.user, holder.app) if x)
    if not holder.client:
        return parts
    if not parts:
        return Message("lock-holder-from-only", {"client": holder.client})
    return Message("lock-holder-from", {"parts": parts, "client": holder.client})


class Cancelled(Exception):
    pass


def join(parts: list[sql.Composable]) -> sql.Composed:
    return sql.SQL(";\n").join(parts)


class Answer(Protocol):
    """A query's answers: a psycopg cursor, or ``citus_pipeline.Answers``."""

    @property
    def description(self) -> list[psycopg.Column] | None: ...

    @property
    def rowcount(self) -> int: ...

    async def fetchall(self) -> list[Any]: ...

    async def fetchone(self) -> Any: ...

    def nextset(self) -> bool | None: ...


async def results(cur: Answer) -> list[list[Any]]:
    """The rows of every result of a multi-statement query that returned rows."""
    found: list[list[Any]] = []
    while True:
        if cur.description is not None:
            found.append(await cur.fetchall())
        if not cur.nextset():
            return found


def describe_holders(module: str, rows: list[Any]) -> str:
    """``waiting for the lock of module m, held by pid 123 (alice, pgdbm, from 10.0.0.7) since
    ...: <its query>`` — or that the holder has just gone."""
    if not rows:
        return said(Message("lock-waiting", {"module": module}))
    h = LockHolder.from_row(rows[0])
    params: dict[str, str | int] = {
        "module": module,
        "pid": h.pid,
        "who": h.who,
        "since": h.since,
        "query": h.query,
    }
    # The parts of ``who`` too, so that the window words "from <client>" in its language.
    parts = {"user": h.user, "app": h.app, "client": h.client}
    return said(Message("lock-waiting-held", {**params, **parts}))


templates(
    {
        "lock-waiting": "waiting for the migration lock of module {module}",
        "lock-waiting-held": (
            "waiting for the migration lock of module {module}, held by pid {pid} ({who})"
            " since {since}: {query}"
        ),
    }
)


class Run:
    """State of one apply or rehearsal run over a plan."""

    def __init__(
        self,
        conn: psycopg.AsyncConnection[Any],
        *,
        plan: Plan,
        on_event: ProgressCallback | None,
        cancel: CancelFlag | None,
        one_by_one: bool = False,
    ) -> None:
        self.conn = conn
        # A Citus coordinator: several statements are sent one by one (``db.citus_pipeline``).
        self.one_by_one = one_by_one
        self.plan = plan
        self.on_event = on_event
        self.cancel = cancel
        self.results: list[StepResult] = []
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

    async def lock_busy(self, module: ModuleConfig) -> LockBusy:
        """``LockBusy`` for the module, naming who holds its lock (read now)."""
        rows = await (await self.execute(statements.lock_holder(module))).fetchall()
        holder = LockHolder.from_row(rows[0]) if rows else None
        return LockBusy(module.name, "pgdbm_migration_" + module.module_name, holder)

    def cancelled(self) -> bool:
        return self.cancel is not None and self.cancel.is_set()

    def encode(self, text: str) -> bytes:
        # The users' SQL is sent as it is: bytes keep psycopg from treating it as a template.
        return text.encode(self.encoding)

    async def execute(self, query: sql.SQL | sql.Composed | bytes) -> Answer:
        if self.one_by_one:
            text = as_text(self.conn, query)
            if len(pieces(text)) > 1:
                return await send_split(self.conn, text)
        cur = self.conn.cursor()
        await cur.execute(query, prepare=False)
        return cur

    async def run_file(self, step: PlanStep) -> None:
        """Send the step's file (``locate.run_file``); on Citus statement by statement, and a
        failure names the statement's offset (``SplitFileFailed``)."""
        if self.one_by_one and len(pieces(step.sql)) > 1:
            try:
                await send_pieces(self.conn, step.sql)
            except PieceFailed as failed:
                raise SplitFileFailed(failed) from failed.error
            return
        await run_file(self.conn, self.encode(step.sql))

    async def locked(
        self,
        module: ModuleConfig,
        head: list[sql.Composable],
        where: tuple[int, PlanStep] | None = None,
    ) -> list[list[Any]]:
        """Send ``head`` (its first result: did the try-lock succeed) until the lock is ours.

        Returns the rows of the later results. Between attempts the transaction is rolled
        back, so a waiting schemadesk never holds a snapshot another migration could wait for.
        """
        query = join(head)
        sleep = LOCK_POLL_FIRST_S
        while True:
            try:
                found = await results(await self.execute(query))
            except BaseException:
                await _rollback(self.conn)
                raise
            if found[0][0][0]:
                return found[1:]
            await _rollback(self.conn)
            if self.cancelled():
                raise Cancelled
            await self.report_waiting(module, where)
            await asyncio.sleep(sleep)
            sleep = min(sleep * 2, LOCK_POLL_MAX_S)

    async def prepare_module(
        self, module: ModuleConfig, step: PlanStep, where: tuple[int, PlanStep] | None = None
    ) -> None:
        """Create the module's schema (own pool) and ledger when the plan says the step does."""
        if not step.prepare:
            return
        parts = script.prepare_parts(module, step.prepare_schema)
        for attempt in range(5):
            await self.locked(module, script.lock_head(module), where)
            try:
                await self.execute(join([*parts, script.COMMIT]))
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


class SplitFileFailed(FileFailed):
    """A file sent statement by statement failed at the statement starting at ``offset``."""

    def __init__(self, failed: PieceFailed) -> None:
        super().__init__(failed.error, ())
        self.offset = failed.offset


def where_failed(
    failed: FileFailed, step: PlanStep, module: ModuleConfig, *, transaction_ended: bool = False
) -> SqlErrorLocation:
    """``locate.locate_failure``, or for a file sent statement by statement, the failing
    statement's own position shifted to where it starts in the file."""
    if not isinstance(failed, SplitFileFailed):
        return locate_failure(failed, step, module, transaction_ended=transaction_ended)
    found = locate(
        failed.error, step, module, base_offset=failed.offset, fallback_offset=failed.offset
    )
    if transaction_ended:
        return replace(found, transaction_ended=True, hint=ENDED_HINT)
    return found


def plain(exc: psycopg.Error, step: PlanStep) -> SqlErrorLocation:
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


async def ensure_autocommit(conn: psycopg.AsyncConnection[Any]) -> None:
    if not conn.autocommit:
        await conn.set_autocommit(True)
