"""One Alembic upgrade at a time, in a worker thread: the lock, the moved-meanwhile check, an
upgrade on a handed-over connection or through env.py's own, and errors mapped to revision files.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import psycopg

from schemadesk.core.alembic.config import AlembicModule
from schemadesk.core.alembic.errors import ChangedMeanwhile
from schemadesk.core.alembic.lock import lock_holder, try_lock
from schemadesk.core.alembic.models import AlembicSnapshot, ApplyStep, ServerIdentity
from schemadesk.core.alembic.scripts import dedupe_sys_path, exported, make_config, running_env
from schemadesk.core.migrations.models import ApplyEvent, ApplyEventKind, SqlErrorLocation
from schemadesk.db.alembic.guard import ConnectGuard, Target
from schemadesk.db.alembic.versions import heads_query
from schemadesk.db.migrations.runner import (
    LOCK_POLL_FIRST_S,
    LOCK_POLL_MAX_S,
    WAIT_REPORT_S,
    CancelFlag,
    describe_holders,
)

if TYPE_CHECKING:
    from psycopg import sql
    from sqlalchemy import Connection

_MIGRATION_LOGGER = "alembic.runtime.migration"


class CancelledWhileWaiting(Exception):
    """Cancelled before the module's lock was ours: nothing ran."""


def wait_for_lock(
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
            raise CancelledWhileWaiting
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


def refuse_if_moved(conn: psycopg.Connection[Any], snapshot: AlembicSnapshot) -> None:
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


def upgrade_handed_over(
    connection: Connection, snapshot: AlembicSnapshot, step: ApplyStep
) -> SqlErrorLocation | None:
    """``command.upgrade(cfg, step.target)`` with ``connection`` handed to env.py in
    ``config.attributes["connection"]``; the error mapped to a revision file."""
    from alembic import command
    from alembic.runtime.migration import MigrationContext

    module = snapshot.module
    cfg = make_config(module)
    cfg.attributes["connection"] = connection
    with running_env(), _running_revision() as running, _schema_exported(module):
        try:
            command.upgrade(cfg, step.target)
        except Exception as exc:
            if connection.in_transaction():
                connection.rollback()
            return _error_location(_filename(snapshot, running, step), exc)
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
    return _check_recorded(
        module, step, heads, "env.py did not use config.attributes['connection']"
    )


def upgrade_own_connection(
    own: psycopg.Connection[Any],
    snapshot: AlembicSnapshot,
    step: ApplyStep,
    *,
    target: Target,
    expected: ServerIdentity,
    prepare: list[tuple[sql.Composed, list[Any]]],
) -> SqlErrorLocation | None:
    """``command.upgrade(cfg, step.target)`` with env.py connecting on its own: ``sqlalchemy.url``
    and the module's ``url_env`` variable name the profile's target (without its password,
    which the guard gives the driver) for this call only, and
    every connection env.py opens is checked and prepared (``ConnectGuard``) before it runs
    anything. Raises ``EnvReachedElsewhere`` when env.py reached another database. ``own``
    is schemadesk's session (it holds the lock): the version table is read back on it."""
    from alembic import command

    module = snapshot.module
    cfg = make_config(module)
    # configparser interpolates '%': a password holding one must reach env.py unchanged.
    url = target.url  # no password: the guard hands it to the driver when it connects there
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    guard = ConnectGuard(expected, prepare, target)
    with (
        running_env(),
        _running_revision() as running,
        guard,
        exported(module.url_env, url),
        _schema_exported(module),
    ):
        try:
            command.upgrade(cfg, step.target)
        except Exception as exc:
            if guard.refused is not None:
                raise guard.refused from None
            return _error_location(_filename(snapshot, running, step), exc)
        finally:
            dedupe_sys_path()
    if guard.refused is not None:  # env.py caught the refusal and went on: still refused
        raise guard.refused
    try:
        table = heads_query(module.version_table_schema, module.version_table)
        heads = [str(row[0]) for row in own.execute(table)]
    except (psycopg.errors.UndefinedTable, psycopg.errors.InvalidSchemaName):
        heads = []
    own.rollback()
    unchecked = "" if guard.reached else " (it opened no connection schemadesk could check)"
    return _check_recorded(module, step, heads, f"env.py connected elsewhere{unchecked}")


def _schema_exported(module: AlembicModule) -> contextlib.AbstractContextManager[None]:
    """``schema_env`` set to the module's schema for the run (nothing when not configured)."""
    return exported(module.schema_env, module.schema)


def _check_recorded(
    module: AlembicModule, step: ApplyStep, heads: Any, why: str
) -> SqlErrorLocation | None:
    if step.revision in heads:
        return None
    return SqlErrorLocation(
        filename=step.filename,
        line=None,
        column=None,
        sqlstate=None,
        message=(
            f"after the upgrade, {module.version_table_schema}.{module.version_table} holds "
            f"{', '.join(heads) or 'no revision'}, not {step.revision}: {why}"
        ),
    )


def _filename(snapshot: AlembicSnapshot, running: list[str], step: ApplyStep) -> str:
    scripts = snapshot.scripts
    revision = running[-1] if running else step.revision
    return scripts.filename(revision) if scripts is not None else revision


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
