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


def alembic_engine(
    conninfo: str, configure: Callable[[psycopg.Connection[Any]], None] | None = None
) -> Any:
    """A SQLAlchemy engine (``NullPool``: one connection per ``connect()``, closed after) whose
    connections are psycopg's own, opened from ``conninfo`` as it is (no URL re-encoding of
    socket folders or passwords) and prepared by ``configure``."""
    from sqlalchemy import create_engine, pool

    def creator() -> psycopg.Connection[Any]:
        conn = psycopg.connect(conninfo, application_name=f"{APPLICATION_NAME} alembic")
        if configure is not None:
            configure(conn)
        return conn

    return create_engine("postgresql+psycopg://", creator=creator, poolclass=pool.NullPool)
