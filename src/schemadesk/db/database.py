"""One open connection profile: its pool, its session settings and the reads the app needs."""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import AsyncIterator, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import psycopg
from psycopg import sql
from psycopg.rows import dict_row
from psycopg_pool import AsyncConnectionPool

from schemadesk import __version__
from schemadesk.core.errors import ConnectionFailed, ConnectReason, ReadOnlyViolation
from schemadesk.core.messages_config import REFUSED_ACTIONS, Message, say
from schemadesk.core.models import SchemaInfo, ServerInfo
from schemadesk.core.profiles import ConnectionProfile
from schemadesk.db import queries
from schemadesk.db.access.loader import Part, load_catalog, schema_sizes
from schemadesk.db.connect_errors import (
    describe_connection_error,
    describe_pool_failure,
    is_password_missing,
    redact,
)

if TYPE_CHECKING:
    from schemadesk.db.ssh_tunnel import SshTunnel

APPLICATION_NAME = "schemadesk"
CONNECT_TIMEOUT_S = 10


def session_statement(profile: ConnectionProfile) -> tuple[sql.Composed, list[str]]:
    """``SELECT set_config(...)`` for every session setting of the profile, with its parameters."""
    params = profile.session.as_parameters(read_only=profile.read_only)
    calls = sql.SQL(", ").join(sql.SQL("set_config(%s, %s, false)") for _ in params)
    values = [item for pair in params.items() for item in pair]
    return sql.SQL("SELECT {}").format(calls), values


def connection_kwargs(password: str | None) -> dict[str, Any]:
    """What every schemadesk connection passes to libpq besides the profile's conninfo."""
    kwargs: dict[str, Any] = {
        "application_name": APPLICATION_NAME,
        "fallback_application_name": f"schemadesk {__version__}",
        "connect_timeout": CONNECT_TIMEOUT_S,
        "autocommit": True,
    }
    if password is not None:
        kwargs["password"] = password
    return kwargs


def connection_failed(
    exc: psycopg.Error, profile: ConnectionProfile, secrets: Sequence[str]
) -> ConnectionFailed:
    """A failed connect as the error the user reads: why, and the server's words if any."""
    reason, said = _reason_of(exc)
    return ConnectionFailed(
        describe_connection_error(exc, profile.describe(), tuple(secrets)),
        reason=reason,
        target=profile.describe(),
        server_message=redact(said, tuple(secrets)) if said else None,
    )


class Database:
    """The pool of one profile. Every coroutine here runs on the gateway's loop."""

    def __init__(
        self,
        profile: ConnectionProfile,
        pool: AsyncConnectionPool,
        server: ServerInfo,
        tunnel: SshTunnel | None = None,
    ):
        self.profile = profile
        self._pool = pool  # private: callers take connections through connection()
        self.server = server
        self.tunnel = tunnel  # opened with the pool, closed with it

    @property
    def read_only(self) -> bool:
        """Nothing may change through it: a read-only profile, or a server that says so
        (a standby, or ``default_transaction_read_only``)."""
        return self.profile.read_only or self.server.read_only

    def refuse_writes(self, action: str) -> None:
        """``ReadOnlyViolation`` naming the profile and ``action`` when it is read-only."""
        if self.read_only:
            code = REFUSED_ACTIONS.get(action)
            what = Message(code) if code else action
            raise ReadOnlyViolation(
                say("read-only-refused", name=repr(self.profile.name), action=what)
            )

    @classmethod
    async def open(
        cls,
        profile: ConnectionProfile,
        password: str | None = None,
        *,
        max_size: int = 4,
        accept_host_key: str | None = None,
        ssh_secret: str | None = None,
    ) -> Database:
        """Connect once to get a precise error or the server's identity, then open the pool
        (through the profile's SSH tunnel, opened first, when it has one)."""
        tunnel = await _open_tunnel(profile, accept_host_key, ssh_secret)
        try:
            return await cls._open(profile, password, max_size, tunnel)
        except BaseException:
            if tunnel is not None:
                await tunnel.close()
            raise

    @classmethod
    async def _open(
        cls,
        profile: ConnectionProfile,
        password: str | None,
        max_size: int,
        tunnel: SshTunnel | None,
    ) -> Database:
        conninfo = profile.libpq_conninfo()
        if tunnel is not None:
            # host stays the server's name (TLS verification, ~/.pgpass); libpq dials hostaddr.
            conninfo = psycopg.conninfo.make_conninfo(
                conninfo, host=tunnel.dest[0], hostaddr="127.0.0.1", port=str(tunnel.port)
            )
        kwargs = connection_kwargs(password)
        secrets = (password,) if password else ()
        statement, values = session_statement(profile)

        async def configure(conn: psycopg.AsyncConnection[Any]) -> None:
            await conn.execute(statement, values)

        try:
            probe = await psycopg.AsyncConnection.connect(conninfo, **kwargs)
        except psycopg.Error as exc:
            if tunnel is not None and tunnel.last_failure is not None:
                # libpq saw the connection closed; the tunnel knows why (host down, forwarding).
                raise tunnel.last_failure from None
            raise connection_failed(exc, profile, secrets) from None
        async with probe:
            await configure(probe)
            server = await _server_info(probe)
        pool = AsyncConnectionPool(
            conninfo,
            kwargs=kwargs,
            min_size=1,
            max_size=max_size,
            configure=configure,
            # A connection the server dropped (restart, idle timeout, pg_terminate_backend) is
            # replaced before use instead of failing the next view load.
            check=AsyncConnectionPool.check_connection,
            open=False,
            name=profile.name,
            timeout=CONNECT_TIMEOUT_S,  # a request waits this long for a connection
        )
        try:
            await pool.open(wait=True, timeout=CONNECT_TIMEOUT_S * 2)
        except Exception as exc:
            await pool.close()
            if tunnel is not None and tunnel.last_failure is not None:
                raise tunnel.last_failure from None
            raise ConnectionFailed(
                describe_pool_failure(exc, profile.describe(), secrets),
                reason=ConnectReason.POOL,
                target=profile.describe(),
            ) from None
        return cls(profile, pool, server, tunnel)

    def connection(self) -> AbstractAsyncContextManager[psycopg.AsyncConnection[Any]]:
        """One of the pool's connections for an ``async with`` block (the db layer's readers
        and writers take the ``Database`` and call this; nothing else reaches the pool)."""
        if self.tunnel is None:
            return self._pool.connection()
        return self._through_tunnel(self.tunnel)

    @asynccontextmanager
    async def _through_tunnel(
        self, tunnel: SshTunnel
    ) -> AsyncIterator[psycopg.AsyncConnection[Any]]:
        # The SSH connection first: a dead host fails here within the SSH connect timeout,
        # naming host and port, instead of the pool retrying through a listener whose every
        # connection is closed until the pool's own timeout says only "couldn't get a
        # connection".
        await tunnel.ensure()
        async with self._pool.connection() as conn:
            yield conn

    async def close(self) -> None:
        """Close every pooled connection, then the tunnel."""
        await self._pool.close()
        if self.tunnel is not None:
            await self.tunnel.close()

    async def ping(self) -> float:
        """Round-trip time of ``SELECT 1`` in milliseconds."""
        async with self._pool.connection() as conn:
            start = time.perf_counter()
            await conn.execute("SELECT 1")
            return (time.perf_counter() - start) * 1000

    async def schemas(
        self, *, include_system: bool = False, exact_sizes: bool = False
    ) -> list[SchemaInfo]:
        """Every schema with owner, counts, comment (the access catalog's list) and size: the
        planner's estimate, or with ``exact_sizes`` the size on disk (which stats every file:
        a minute at 10,000 schemas of 20 tables, against a second for the list)."""
        only: tuple[Part, ...] = ("schemas",)
        catalog = await load_catalog(self, only)
        listed = [s for s in catalog.schemas if include_system or not s.is_system]
        if not exact_sizes:
            return [replace(s.info(), size_bytes=s.size_bytes) for s in listed]
        shown = [s.info() for s in listed]
        sizes = await self.schema_sizes([s.name for s in shown])
        return [replace(s, size_bytes=sizes.get(s.name, 0)) for s in shown]

    async def schema_sizes(self, names: Sequence[str]) -> dict[str, int]:
        """Exact size on disk of the named schemas (tables and materialized views, indexes,
        TOAST): it stats every file, so it runs after the list has been shown."""
        return await schema_sizes(self, names)

    def pool_health(self) -> dict[str, int]:
        """Pool counters for the status bar (size, available, waiting)."""
        stats = self._pool.get_stats()
        return {
            "size": stats.get("pool_size", 0),
            "available": stats.get("pool_available", 0),
            "waiting": stats.get("requests_waiting", 0),
        }


async def _open_tunnel(
    profile: ConnectionProfile, accept_host_key: str | None, secret: str | None
) -> SshTunnel | None:
    if profile.ssh is None:
        return None
    from schemadesk.core.passwords import load_password
    from schemadesk.core.ssh import ssh_secret_name
    from schemadesk.db.ssh_tunnel import SshTunnel

    # In a thread: a keyring backend (D-Bus Secret Service) may take a while to answer.
    secret = secret or await asyncio.to_thread(load_password, ssh_secret_name(profile.name))
    return await SshTunnel.open(profile.ssh, profile.tunnel_destination(), secret, accept_host_key)


async def _server_info(conn: psycopg.AsyncConnection[Any]) -> ServerInfo:
    async with conn.cursor(row_factory=dict_row) as cur:
        await cur.execute(queries.SERVER_INFO)
        row = await cur.fetchone()
    assert row is not None
    return ServerInfo(host=conn.info.host, port=int(conn.info.port), **row)


# libpq gives a failed connection only as text: the server's own line, when it answered.
_SERVER_SAID = re.compile(r"(?:FATAL|ERROR):\s+(.*)")


def _reason_of(exc: psycopg.Error) -> tuple[ConnectReason, str | None]:
    """Why libpq could not connect, and the server's words when it answered."""
    if is_password_missing(exc):
        return ConnectReason.NO_PASSWORD, None
    said = next((m.group(1).strip() for m in _SERVER_SAID.finditer(str(exc))), None)
    if said is None:
        return ConnectReason.UNREACHABLE, None
    if getattr(exc, "sqlstate", None) == "28P01" or "password authentication failed" in said:
        return ConnectReason.PASSWORD_REJECTED, said
    return ConnectReason.SERVER_REFUSED, said
