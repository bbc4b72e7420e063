"""The one gateway to PostgreSQL: psycopg's async API on a private selector loop thread.

Why a thread of its own: on Windows qasync's loop is a Proactor loop, which psycopg's async mode
refuses, and running the database on its own loop keeps its latency off the UI loop everywhere.
The window awaits results through ``schemadesk.ui.bridge``; the command line blocks on ``call``.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import selectors
import threading
from collections.abc import Coroutine
from typing import Any, TypeVar

from schemadesk.core.profiles import ConnectionProfile
from schemadesk.db.database import Database

T = TypeVar("T")


class Gateway:
    """Owns the database loop thread and every open profile's pool."""

    def __init__(self) -> None:
        # A selector loop explicitly: the default on Windows is the Proactor, which psycopg refuses.
        self._loop = asyncio.SelectorEventLoop(selectors.DefaultSelector())
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name="schemadesk-db", daemon=True)
        self._thread.start()
        self._ready.wait()
        self._databases: dict[str, Database] = {}
        self._running: set[asyncio.Task[Any]] = set()  # what ``submit`` started, until it ends

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        self._loop.call_soon(self._ready.set)
        self._loop.run_forever()

    @property
    def loop(self) -> asyncio.AbstractEventLoop:
        return self._loop

    def submit(self, coro: Coroutine[Any, Any, T]) -> concurrent.futures.Future[T]:
        """Schedule a coroutine on the database loop; the future resolves in any thread."""
        return asyncio.run_coroutine_threadsafe(self._tracked(coro), self._loop)

    async def _tracked(self, coro: Coroutine[Any, Any, T]) -> T:
        """``coro``, known as running until it ends (``close`` cancels what is left)."""
        task = asyncio.current_task()
        assert task is not None
        self._running.add(task)
        try:
            return await coro
        finally:
            self._running.discard(task)

    def call(self, coro: Coroutine[Any, Any, T], timeout: float | None = None) -> T:
        """Run a coroutine on the database loop and block for its result (command line)."""
        return self.submit(coro).result(timeout)

    def open(
        self,
        profile: ConnectionProfile,
        password: str | None = None,
        *,
        accept_host_key: str | None = None,
        ssh_secret: str | None = None,
    ) -> concurrent.futures.Future[Database]:
        """Open (or reuse) the pool of a profile (and its SSH tunnel; ``accept_host_key``:
        the fingerprint of a new SSH host key the user accepted, or ``ACCEPT_ANY_NEW``;
        ``ssh_secret``: the key passphrase or SSH password, else the keyring's)."""
        return self.submit(self._open(profile, password, accept_host_key, ssh_secret))

    async def _open(
        self,
        profile: ConnectionProfile,
        password: str | None,
        accept_host_key: str | None,
        ssh_secret: str | None,
    ) -> Database:
        existing = self._databases.get(profile.name)
        if existing is not None and existing.profile == profile:
            return existing
        if existing is not None:
            await existing.close()
        database = await Database.open(
            profile, password, accept_host_key=accept_host_key, ssh_secret=ssh_secret
        )
        self._databases[profile.name] = database
        return database

    def close_profile(self, name: str) -> concurrent.futures.Future[None]:
        """Close one profile's pool."""
        return self.submit(self._close_one(name))

    async def _close_one(self, name: str) -> None:
        database = self._databases.pop(name, None)
        if database is not None:
            await database.close()

    async def _close_all(self) -> None:
        # What still runs (a window closed mid-load, reads it no longer awaits) is cancelled and
        # awaited first: its query is cancelled on the server and its connection goes back to
        # the pool. Left pending, it died with the loop, was closed later by the collector on
        # whatever thread ran it, and its connection was never given back.
        running = [t for t in self._running if t is not asyncio.current_task()]
        for task in running:
            task.cancel()
        await asyncio.gather(*running, return_exceptions=True)
        for name in list(self._databases):
            await self._close_one(name)

    def close(self, timeout: float = 10.0) -> None:
        """Cancel what still runs on the database loop, close every pool, stop the thread."""
        if not self._thread.is_alive():
            return
        try:
            self.submit(self._close_all()).result(timeout)
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout)
            self._loop.close()

    def __enter__(self) -> Gateway:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
