"""The sync connections Alembic runs on: env.py takes a SQLAlchemy connection, so an upgrade
gets its own psycopg connection (not one of the pool's async ones), opened here and nowhere else.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import psycopg
from psycopg import conninfo as pg_conninfo

from schemadesk.db.database import APPLICATION_NAME


def sync_conninfo(conn: psycopg.AsyncConnection[Any]) -> str:
    """A conninfo reaching the same database as ``conn``, password included when it had one."""
    password = conn.info.password
    extra = {"password": password} if password else {}
    return pg_conninfo.make_conninfo(conn.info.dsn, **extra)


class HeldConnection(psycopg.Connection[Any]):
    """A rehearsal's connection: while ``held``, ``commit()`` keeps the transaction open, so
    every upgrade (and whatever env.py commits itself) stays in one transaction that the
    rehearsal rolls back at the end. PostgreSQL's DDL is transactional: nothing is left."""

    held = False

    def commit(self) -> None:
        if self.held:
            return
        super().commit()


def alembic_engine(
    conninfo: str,
    configure: Callable[[psycopg.Connection[Any]], None] | None = None,
    *,
    held: bool = False,
) -> Any:
    """A SQLAlchemy engine (``NullPool``: one connection per ``connect()``, closed after) whose
    connections are psycopg's own, opened from ``conninfo`` as it is (no URL re-encoding of
    socket folders or passwords) and prepared by ``configure``; ``held``: a rehearsal's
    ``HeldConnection``, holding once ``configure`` is done."""
    from sqlalchemy import create_engine, pool

    def creator() -> psycopg.Connection[Any]:
        kind = HeldConnection if held else psycopg.Connection
        conn = kind.connect(conninfo, application_name=f"{APPLICATION_NAME} alembic")
        if configure is not None:
            configure(conn)
        if isinstance(conn, HeldConnection):
            conn.held = True
        return conn

    return create_engine("postgresql+psycopg://", creator=creator, poolclass=pool.NullPool)
