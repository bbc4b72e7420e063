"""Applying (or rehearsing) an Alembic module: ``command.upgrade`` per revision of its line.

Alembic is synchronous: the upgrades run in a worker thread (``asyncio.to_thread``) while the
gateway loop keeps serving the window. schemadesk's own session (a sync psycopg connection to
the profile's database) takes the module's lock and checks the version table did not move;
env.py then either takes the connection schemadesk hands over (``config.attributes
["connection"]``) or connects on its own, to the confirmed database only (``db.alembic.guard``).
"""

from __future__ import annotations

import asyncio
import functools
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import psycopg
from psycopg import sql

from schemadesk.core.alembic.errors import PairingRefused
from schemadesk.core.alembic.models import AlembicSnapshot, ApplyStep
from schemadesk.core.alembic.preview import env_takes_connection
from schemadesk.core.alembic.scripts import require_alembic
from schemadesk.core.errors import ConfigError
from schemadesk.core.messages_alembic import say
from schemadesk.core.migrations.models import (
    ApplyEvent,
    ApplyEventKind,
    ApplyResult,
    SqlErrorLocation,
    StepResult,
)
from schemadesk.db.alembic.engine import HeldConnection, alembic_engine, sync_conninfo
from schemadesk.db.alembic.guard import server_identity, target_of
from schemadesk.db.alembic.steps import (
    CancelledWhileWaiting,
    refuse_if_moved,
    upgrade_handed_over,
    upgrade_own_connection,
    wait_for_lock,
)
from schemadesk.db.database import APPLICATION_NAME, Database, session_statement
from schemadesk.db.migrations.runner import CancelFlag, ProgressCallback

Upgrade = Callable[[ApplyStep], SqlErrorLocation | None]


@dataclass(frozen=True, slots=True)
class _Run:
    """What the worker thread needs: where, as whom, how env.py connects, what to report."""

    conninfo: str
    snapshot: AlembicSnapshot
    prepare: list[tuple[sql.Composed, list[Any]]]  # session settings, then SET ROLE
    handed_over: bool
    rehearse: bool
    emit: Callable[[ApplyEvent], None]
    cancel: CancelFlag | None


async def apply_alembic(
    database: Database,
    snapshot: AlembicSnapshot,
    *,
    run_as: str | None = None,
    rehearse: bool = False,
    on_event: ProgressCallback | None = None,
    cancel: CancelFlag | None = None,
) -> ApplyResult:
    """Upgrade the module to its head (``<branch>@head``, or ``head`` of a tenant chain).

    One ``command.upgrade`` per revision of its own line (each its own transaction; earlier
    ones stay when a later one fails), with ``-x schema=<schema>`` and the module's other
    ``-x`` arguments, as ``run_as`` (``SET ROLE``) when given. ``rehearse``: every upgrade in
    one transaction, rolled back (only when env.py takes the handed-over connection: its own
    connections commit where schemadesk cannot hold them). Events go to ``on_event`` on the
    gateway loop; ``cancel`` is checked between upgrades. Refused: read-only profiles, a
    branch and schema that do not belong together (``PairingRefused``), no scripts or unknown
    heads (``ConfigError``), env.py reaching another database (``EnvReachedElsewhere``).
    """
    module = snapshot.module
    database.refuse_writes("Alembic rehearsal" if rehearse else "Alembic upgrade")
    if snapshot.pairing is not None:
        raise PairingRefused(snapshot.pairing)
    require_alembic()
    if snapshot.scripts is None:
        reasons = tuple(p.message for p in snapshot.status.problems)
        raise ConfigError(say("nothing-to-apply", module=repr(module.name), reasons=reasons))
    if snapshot.scripts.unknown:
        revs = ", ".join(snapshot.scripts.unknown)
        raise ConfigError(say("unknown-to-scripts", module=repr(module.name), revs=revs))
    handed_over = bool(await asyncio.to_thread(env_takes_connection, module))
    if rehearse and not handed_over:
        raise ConfigError(say("env-commits", module=repr(module.name)))
    async with database.pool.connection() as conn:
        conninfo = sync_conninfo(conn)
    statement, values = session_statement(replace(database.profile, read_only=False))
    prepare: list[tuple[sql.Composed, list[Any]]] = [(statement, values)]
    if run_as:
        prepare.append((sql.SQL("SET ROLE {}").format(sql.Identifier(run_as)), []))
    loop = asyncio.get_running_loop()

    def emit(event: ApplyEvent) -> None:
        if on_event is not None:
            loop.call_soon_threadsafe(on_event, event)

    run = _Run(conninfo, snapshot, prepare, handed_over, rehearse, emit, cancel)
    return await asyncio.to_thread(functools.partial(_run, run))


def _run(run: _Run) -> ApplyResult:
    """schemadesk's session takes the lock, then the upgrades run (in a worker thread)."""
    started = time.perf_counter()
    steps = run.snapshot.scripts.steps if run.snapshot.scripts is not None else ()
    module = run.snapshot.module
    with psycopg.connect(run.conninfo, application_name=f"{APPLICATION_NAME} alembic lock") as own:
        _prepare(own, run.prepare)
        try:
            wait_for_lock(own, module, steps, run.emit, run.cancel)
        except CancelledWhileWaiting:
            first = steps[0].filename if steps else ""
            run.emit(ApplyEvent(ApplyEventKind.CANCELLED, 0, len(steps), module.name, first))
            return ApplyResult((), rehearsal=run.rehearse, cancelled=True, total_ms=_ms(started))
        refuse_if_moved(own, run.snapshot)
        if not run.handed_over:
            expected = server_identity(own)
            target = target_of(run.conninfo)

            def own_upgrade(step: ApplyStep) -> SqlErrorLocation | None:
                return upgrade_own_connection(
                    own, run.snapshot, step, target=target, expected=expected, prepare=run.prepare
                )

            return _steps(run, own_upgrade, started)
        engine = alembic_engine(
            run.conninfo, functools.partial(_prepare, prepare=run.prepare), held=run.rehearse
        )
        try:
            with engine.connect() as connection:
                try:
                    return _steps(
                        run,
                        functools.partial(upgrade_handed_over, connection, run.snapshot),
                        started,
                    )
                finally:
                    raw = connection.connection.dbapi_connection
                    if isinstance(raw, HeldConnection):
                        raw.rollback()  # the rehearsal: every upgrade goes
                        connection.rollback()
        finally:
            engine.dispose()


def _prepare(conn: psycopg.Connection[Any], prepare: list[tuple[sql.Composed, list[Any]]]) -> None:
    """The profile's session settings and the run-as role, committed (session-wide)."""
    try:
        for statement, values in prepare:
            conn.execute(statement, values)
        conn.commit()
    except BaseException:
        conn.close()  # not handed to SQLAlchemy yet: nobody else would close it
        raise


def _steps(run: _Run, upgrade: Upgrade, started: float) -> ApplyResult:
    """Each step through ``upgrade``, with progress events; stops at a failure or a cancel."""
    module = run.snapshot.module
    steps = run.snapshot.scripts.steps if run.snapshot.scripts is not None else ()
    total = len(steps)
    results: list[StepResult] = []
    for index, step in enumerate(steps):
        if run.cancel is not None and run.cancel.is_set():
            run.emit(ApplyEvent(ApplyEventKind.CANCELLED, index, total, module.name, step.filename))
            return ApplyResult(
                tuple(results), rehearsal=run.rehearse, cancelled=True, total_ms=_ms(started)
            )
        run.emit(ApplyEvent(ApplyEventKind.STARTED, index, total, module.name, step.filename))
        step_start = time.perf_counter()
        error = upgrade(step)
        elapsed = _ms(step_start)
        if error is not None:
            run.emit(
                ApplyEvent(
                    ApplyEventKind.FAILED,
                    index,
                    total,
                    module.name,
                    error.filename,
                    elapsed,
                    error.message,
                )
            )
            results.append(StepResult(module.name, step.filename, ApplyEventKind.FAILED, elapsed))
            return ApplyResult(
                tuple(results), rehearsal=run.rehearse, error=error, total_ms=_ms(started)
            )
        ran = ", ".join(step.runs) if len(step.runs) > 1 else ""
        run.emit(
            ApplyEvent(
                ApplyEventKind.APPLIED,
                index,
                total,
                module.name,
                step.filename,
                elapsed,
                f"ran {ran}" if ran else "",
            )
        )
        results.append(StepResult(module.name, step.filename, ApplyEventKind.APPLIED, elapsed))
    return ApplyResult(tuple(results), rehearsal=run.rehearse, total_ms=_ms(started))


def _ms(since: float) -> float:
    return (time.perf_counter() - since) * 1000
