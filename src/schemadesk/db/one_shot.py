"""Connections for one read of the command line: no pool, no thread, nothing kept.

A reading verb (``schemas``, ``roles``, ``privileges``) connects, reads and exits. The window's
way, a gateway thread and a connection pool (a probe connection, then the pool's own, grown as
the reads ask), made about four connections and cost 100-200 ms of a 250 ms ``roles`` at
10,000 tenant schemas. Here the reads run on an event loop in the calling thread, each on a
connection opened when it asks and none is free (one for reads in a row, one per read run side
by side), with the same libpq options and session settings as the pool's. The readers take a
``Connects``, as they do on the pool, so the same read runs either way (through an SSH tunnel the
command line still opens a ``Database``: the tunnel lives on the gateway's loop).
"""

from __future__ import annotations

import asyncio
import contextlib
import selectors
from collections.abc import AsyncIterator, Callable, Coroutine
from contextlib import asynccontextmanager
from typing import Any, Final, TypeVar

import psycopg

from schemadesk.core.profiles import ConnectionProfile
from schemadesk.db.connects import Connects
from schemadesk.db.database import connection_failed, connection_kwargs, session_statement

T = TypeVar("T")

Conn = psycopg.AsyncConnection[Any]

MOST: Final = 4  # connections side by side at most, as the window's pool


class OneShot:
    """Lends connections for one read (``Connects``); ``close`` closes every one it opened."""

    def __init__(self, profile: ConnectionProfile, password: str | None) -> None:
        self._profile = profile
        self._password = password
        self._idle: list[Conn] = []
        self._opened: list[Conn] = []
        self._free = asyncio.Semaphore(MOST)

    async def open(self) -> None:
        """The first connection now: a failure is said before anything is read."""
        self._idle.append(await self._connect())

    async def _connect(self) -> Conn:
        conn = await self._dial()
        self._opened.append(conn)
        statement, values = session_statement(self._profile)
        await conn.execute(statement, values)
        return conn

    async def _dial(self) -> Conn:
        """A new connection, its failure said as the pool's would be."""
        secrets = (self._password,) if self._password else ()
        try:
            return await psycopg.AsyncConnection.connect(
                self._profile.libpq_conninfo(), **connection_kwargs(self._password)
            )
        except psycopg.Error as exc:
            raise connection_failed(exc, self._profile, secrets) from None

    @asynccontextmanager
    async def connection(self) -> AsyncIterator[Conn]:
        """A free connection for the block, opened now when none is."""
        async with self._free:
            conn = self._idle.pop() if self._idle else await self._connect()
            try:
                yield conn
            finally:
                if not conn.closed:
                    self._idle.append(conn)

    async def close(self) -> None:
        for conn in self._opened:
            await conn.close()


def run_read(
    profile: ConnectionProfile,
    password: str | None,
    read: Callable[[Connects], Coroutine[Any, Any, T]],
) -> T:
    """``read`` on the connections of a ``OneShot``, on a loop of this thread; closed after."""

    async def run() -> T:
        shot = OneShot(profile, password)
        try:
            await shot.open()
            return await read(shot)
        finally:
            await shot.close()

    # A selector loop explicitly: the default on Windows is the Proactor, which psycopg refuses.
    # Not ``asyncio.run``: its Ctrl-C handler, put back at the end, has Python build the repr
    # of the finished task, result included (0.4 s for a 10,000-schema catalog, printed nowhere).
    loop = _selector_loop()
    task = loop.create_task(run())
    try:
        return loop.run_until_complete(task)
    except BaseException:  # Ctrl-C, SIGTERM: the read is cancelled, its connections closed
        task.cancel()
        with contextlib.suppress(BaseException):
            loop.run_until_complete(task)
        raise
    finally:
        loop.close()


def _selector_loop() -> asyncio.AbstractEventLoop:
    return asyncio.SelectorEventLoop(selectors.DefaultSelector())
