"""The Alembic verbs on an open ``Database``: snapshots (status), preview and apply.

Alembic is synchronous: its upgrades run in a worker thread (``asyncio.to_thread``) on their
own sync psycopg connection wrapped by SQLAlchemy and handed to env.py through
``config.attributes["connection"]``; the gateway loop keeps serving the window meanwhile.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import psycopg
from psycopg import sql

from schemadesk.core.alembic.config import AlembicModule, detected_module
from schemadesk.core.alembic.errors import ChangedMeanwhile, PairingRefused
from schemadesk.core.alembic.lock import lock_holder, try_lock
from schemadesk.core.alembic.models import AlembicSnapshot, ApplyStep, VersionTable
from schemadesk.core.alembic.preview import AlembicPreview, build_preview, env_takes_connection
from schemadesk.core.alembic.scripts import (
    ENV_LOCK,
    dedupe_sys_path,
    make_config,
    require_alembic,
)
from schemadesk.core.alembic.status import build_snapshot, with_cross_schema_problems
from schemadesk.core.errors import ConfigError
from schemadesk.core.migrations.models import (
    ApplyEvent,
    ApplyEventKind,
    ApplyResult,
    SqlErrorLocation,
    StepResult,
)
from schemadesk.core.migrations.project import Project
from schemadesk.db.alembic.engine import alembic_engine, sync_conninfo
from schemadesk.db.alembic.versions import find_version_tables, heads_query, read_version_tables
from schemadesk.db.database import Database, session_statement
from schemadesk.db.migrations.runner import (
    LOCK_POLL_FIRST_S,
    LOCK_POLL_MAX_S,
    WAIT_REPORT_S,
    CancelFlag,
    ProgressCallback,
    describe_holders,
)

if TYPE_CHECKING:
    from sqlalchemy import Connection

_MIGRATION_LOGGER = "alembic.runtime.migration"


async def alembic_snapshots(
    database: Database,
    project: Project | None,
    *,
    modules: Sequence[str] | None = None,
    detect: bool = True,
) -> tuple[AlembicSnapshot, ...]:
    """Every Alembic module of ``project`` (or the chosen ``modules``) with its status.

    ``detect``: also every ``alembic_version%`` table with a ``version_num`` column that no
    configured module names, as a module of its own (state from the database alone).
    """
    configured = list(project.alembic_modules) if project is not None else []
    if modules:
        known = {m.name for m in configured}
        unknown = [n for n in modules if n not in known]
        if unknown and not detect:
            raise ConfigError(f"no Alembic module named {', '.join(map(repr, unknown))}")
        configured = [m for m in configured if m.name in modules]
    async with database.pool.connection() as conn:
        tables = list(
            await read_version_tables(
                conn, [(m.version_table_schema, m.version_table) for m in configured]
            )
        )
        found = await find_version_tables(conn) if detect else ()
    pairs: list[tuple[AlembicModule, VersionTable]] = list(zip(configured, tables, strict=True))
    every = list(project.alembic_modules) if project is not None else []
    claimed = {(m.version_table_schema, m.version_table) for m in every}
    taken = [m.name for m in every] + ([m.name for m in project.modules] if project else [])
    for table in found:
        if (table.schema, table.name) in claimed:
            continue
        module = detected_module(table.schema, table.name, taken)
        taken.append(module.name)
        if modules and module.name not in modules:
            continue
        pairs.append((module, table))
    snapshots = [await asyncio.to_thread(build_snapshot, m, t) for m, t in pairs]
    return with_cross_schema_problems(tuple(snapshots))


async def preview_of(snapshot: AlembicSnapshot) -> AlembicPreview:
    """The offline SQL of the apply (in a thread: Alembic imports and runs env.py)."""
    return await asyncio.to_thread(build_preview, snapshot)


async def _sync_conninfo(database: Database) -> str:
    """A conninfo reaching the same database as the pool, password included when it had one."""
    async with database.pool.connection() as conn:
        return sync_conninfo(conn)


async def apply_alembic(
    database: Database,
    snapshot: AlembicSnapshot,
    *,
    run_as: str | None = None,
    on_event: ProgressCallback | None = None,
    cancel: CancelFlag | None = None,
) -> ApplyResult:
    """Upgrade the module to ``<branch>@head`` through Alembic's ``command.upgrade``.

    One upgrade per revision of the branch's own line (each its own transaction; earlier ones
    stay when a later one fails), ``-x schema=<schema>``, on a connection handed to env.py in
    ``config.attributes["connection"]``; as ``run_as`` (``SET ROLE``) when given. Events go to
    ``on_event`` on the gateway loop; ``cancel`` is checked between upgrades. Refused: read-only
    profiles (``ReadOnlyViolation``), a branch and schema that do not belong together
    (``PairingRefused``), no scripts or unknown heads (``ConfigError``).
    """
    database.refuse_writes("Alembic upgrade")
    if snapshot.pairing is not None:
        raise PairingRefused(snapshot.pairing)
    require_alembic()
    if snapshot.scripts is None:
        reasons = "; ".join(p.message for p in snapshot.status.problems)
        raise ConfigError(f"module {snapshot.module.name!r}: nothing to apply ({reasons})")
    if snapshot.scripts.unknown:
        raise ConfigError(
            f"module {snapshot.module.name!r}: the version table records "
            f"{', '.join(snapshot.scripts.unknown)}, unknown to the scripts: nothing was run"
        )
    if not await asyncio.to_thread(env_takes_connection, snapshot.module):
        raise ConfigError(
            f"module {snapshot.module.name!r}: env.py does not take the connection schemadesk "
            "hands over (config.attributes['connection']); it would connect on its own: "
            "nothing was run"
        )
    steps = snapshot.scripts.steps
    conninfo = await _sync_conninfo(database)
    statement, values = session_statement(replace(database.profile, read_only=False))
    loop = asyncio.get_running_loop()

    def emit(event: ApplyEvent) -> None:
        if on_event is not None:
            loop.call_soon_threadsafe(on_event, event)

    def configure(conn: psycopg.Connection[Any]) -> None:
        try:
            conn.execute(statement, values)
            if run_as:
                conn.execute(sql.SQL("SET ROLE {}").format(sql.Identifier(run_as)))
            conn.commit()
            _wait_for_lock(conn, snapshot.module, steps, emit, cancel)
            _refuse_if_moved(conn, snapshot)
        except BaseException:
            conn.close()  # not handed to SQLAlchemy yet: nobody else would close it
            raise

    return await asyncio.to_thread(
        functools.partial(
            _upgrade_all,
            conninfo,
            configure,
            snapshot=snapshot,
            steps=steps,
            emit=emit,
            cancel=cancel,
        )
    )


def _upgrade_all(
    conninfo: str,
    configure: Callable[[psycopg.Connection[Any]], None],
    *,
    snapshot: AlembicSnapshot,
    steps: tuple[ApplyStep, ...],
    emit: Callable[[ApplyEvent], None],
    cancel: CancelFlag | None,
) -> ApplyResult:
    """The upgrades, one after the other, on one connection (runs in a worker thread).

    ``configure`` prepares that connection: session settings, the role, the module's lock."""
    module = snapshot.module
    total = len(steps)
    results: list[StepResult] = []
    started = time.perf_counter()
    engine = alembic_engine(conninfo, configure)
    try:
        try:
            connecting = engine.connect()
        except _CancelledWhileWaiting:
            first = steps[0].filename if steps else ""
            emit(ApplyEvent(ApplyEventKind.CANCELLED, 0, total, module.name, first))
            return ApplyResult((), cancelled=True, total_ms=_ms(started))
        with connecting as connection:
            for index, step in enumerate(steps):
                if cancel is not None and cancel.is_set():
                    emit(
                        ApplyEvent(
                            ApplyEventKind.CANCELLED, index, total, module.name, step.filename
                        )
                    )
                    return ApplyResult(tuple(results), cancelled=True, total_ms=_ms(started))
                emit(ApplyEvent(ApplyEventKind.STARTED, index, total, module.name, step.filename))
                step_start = time.perf_counter()
                error = _upgrade_one(connection, module, snapshot, step)
                elapsed = _ms(step_start)
                if error is not None:
                    emit(
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
                    results.append(
                        StepResult(module.name, step.filename, ApplyEventKind.FAILED, elapsed)
                    )
                    return ApplyResult(tuple(results), error=error, total_ms=_ms(started))
                message = ", ".join(step.runs) if len(step.runs) > 1 else ""
                emit(
                    ApplyEvent(
                        ApplyEventKind.APPLIED,
                        index,
                        total,
                        module.name,
                        step.filename,
                        elapsed,
                        f"ran {message}" if message else "",
                    )
                )
                results.append(
                    StepResult(module.name, step.filename, ApplyEventKind.APPLIED, elapsed)
                )
    finally:
        engine.dispose()
    return ApplyResult(tuple(results), total_ms=_ms(started))


class _CancelledWhileWaiting(Exception):
    """Cancelled before the module's lock was ours: nothing ran."""


def _wait_for_lock(
    conn: psycopg.Connection[Any],
    module: AlembicModule,
    steps: tuple[ApplyStep, ...],
    emit: Callable[[ApplyEvent], None],
    cancel: CancelFlag | None,
) -> None:
    """Take the module's lock (``core.alembic.lock``), polling while another applier has it
    and saying who every few seconds. Each attempt is its own short transaction, so a waiting
    applier never holds a snapshot the holder's migrations could wait for."""
    sleep = LOCK_POLL_FIRST_S
    last_report = -WAIT_REPORT_S
    while True:
        row = conn.execute(try_lock(module)).fetchone()
        conn.commit()
        if row is not None and row[0]:
            return
        if cancel is not None and cancel.is_set():
            raise _CancelledWhileWaiting
        if time.monotonic() - last_report >= WAIT_REPORT_S:
            last_report = time.monotonic()
            holders = conn.execute(lock_holder(module)).fetchall()
            conn.commit()
            message = describe_holders(module.name, holders)
            emit(
                ApplyEvent(
                    ApplyEventKind.WAITING,
                    0,
                    len(steps),
                    module.name,
                    steps[0].filename if steps else "",
                    0.0,
                    message,
                )
            )
        time.sleep(sleep)
        sleep = min(sleep * 2, LOCK_POLL_MAX_S)


def _refuse_if_moved(conn: psycopg.Connection[Any], snapshot: AlembicSnapshot) -> None:
    """With the lock held: the version table must still hold what the plan was made from."""
    table = snapshot.version_table
    try:
        now = tuple(str(row[0]) for row in conn.execute(heads_query(table.schema, table.name)))
    except (psycopg.errors.UndefinedTable, psycopg.errors.InvalidSchemaName):
        now = ()  # not created yet: nothing applied
    conn.rollback()
    if set(now) != set(snapshot.heads):
        raise ChangedMeanwhile(
            snapshot.module.name, f"{table.schema}.{table.name}", snapshot.heads, now
        )


def _upgrade_one(
    connection: Connection, module: AlembicModule, snapshot: AlembicSnapshot, step: ApplyStep
) -> SqlErrorLocation | None:
    """``command.upgrade(cfg, step.target)`` on ``connection``; the error mapped to a file."""
    from alembic import command
    from alembic.runtime.migration import MigrationContext

    scripts = snapshot.scripts
    assert scripts is not None
    cfg = make_config(module)
    cfg.attributes["connection"] = connection
    with ENV_LOCK, _running_revision() as running:
        try:
            command.upgrade(cfg, step.target)
        except Exception as exc:
            if connection.in_transaction():
                connection.rollback()
            revision = running[-1] if running else step.revision
            return _error_location(scripts.filename(revision), exc)
        finally:
            dedupe_sys_path()
    context = MigrationContext.configure(
        connection,
        opts={
            "version_table": module.version_table,
            "version_table_schema": module.version_table_schema,
        },
    )
    heads = context.get_current_heads()
    if connection.in_transaction():
        connection.commit()
    if step.revision not in heads:
        return SqlErrorLocation(
            filename=step.filename,
            line=None,
            column=None,
            sqlstate=None,
            message=(
                f"after the upgrade, {module.version_table_schema}.{module.version_table} on "
                f"this connection holds {', '.join(heads) or 'no revision'}, not "
                f"{step.revision}: env.py did not use config.attributes['connection']"
            ),
        )
    return None


def _error_location(filename: str, exc: Exception) -> SqlErrorLocation:
    """The error as the progress panel shows it: the revision file, SQLSTATE, message."""
    original = getattr(exc, "orig", None)
    diag = getattr(original, "diag", None)
    sqlstate = getattr(original, "sqlstate", None)
    if isinstance(original, psycopg.Error):
        message = (diag.message_primary if diag is not None else None) or str(original)
    else:
        message = f"{type(exc).__name__}: {exc}".strip()
    return SqlErrorLocation(
        filename=filename,
        line=None,
        column=None,
        sqlstate=sqlstate if isinstance(sqlstate, str) else None,
        message=message.splitlines()[0] if message else type(exc).__name__,
        detail=getattr(diag, "message_detail", None),
        hint=getattr(diag, "message_hint", None),
    )


@contextlib.contextmanager
def _running_revision() -> Iterator[list[str]]:
    """Revisions Alembic announces ("Running upgrade a -> b") in this thread, in order."""
    found: list[str] = []
    thread = threading.get_ident()

    class _Handler(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.thread != thread or not record.args:
                return
            args = record.args if isinstance(record.args, tuple) else (record.args,)
            for revision in getattr(args[0], "to_revisions", ()) or ():
                found.append(str(revision))

    logger = logging.getLogger(_MIGRATION_LOGGER)
    handler = _Handler(logging.INFO)
    old_level, old_propagate = logger.level, logger.propagate
    logger.addHandler(handler)
    if logger.getEffectiveLevel() > logging.INFO:
        # Nobody listens at INFO: listen without passing the records on to the app's handlers.
        logger.setLevel(logging.INFO)
        logger.propagate = False
    try:
        yield found
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
        logger.propagate = old_propagate


def _ms(since: float) -> float:
    return (time.perf_counter() - since) * 1000
