"""Test connection: open a profile under a throwaway name, ping it, close it again.

The throwaway name keeps a test from replacing (and closing) the pool of a profile that is open
in a window under its real name.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
from dataclasses import dataclass, replace
from typing import Any

from schemadesk.core.models import ServerInfo
from schemadesk.core.profiles import ConnectionProfile
from schemadesk.db.gateway import Gateway
from schemadesk.ui.bridge import awaited, on_gateway

_probe_ids = itertools.count(1)
PROBE_PREFIX = "schemadesk-connection-test-"


@dataclass(frozen=True, slots=True)
class ProbeResult:
    """What a successful test found: the server and the round trip of ``SELECT 1``."""

    server: ServerInfo
    round_trip_ms: float

    @property
    def version(self) -> str:
        """``15.4`` from ``15.4 (Debian 15.4-1)``."""
        return self.server.server_version.split(" ")[0]


def probe_name() -> str:
    """A pool name no profile uses (profiles are named by people; this one is ours)."""
    return f"{PROBE_PREFIX}{next(_probe_ids)}"


async def probe(
    gateway: Gateway,
    profile: ConnectionProfile,
    password: str | None,
    *,
    ssh_secret: str | None = None,
    accept_host_key: str | None = None,
) -> ProbeResult:
    """Connect with the profile's settings (its SSH tunnel first), measure one round trip,
    close the pool (and the tunnel).

    Raises ConnectionFailed (one line, no password) when the server cannot be reached.
    Cancelling returns at once; the pool, if it still opens, is closed as soon as it has.
    """
    name = probe_name()
    opening = gateway.open(
        replace(profile, name=name),
        password,
        accept_host_key=accept_host_key,
        ssh_secret=ssh_secret,
    )
    # Shielded: cancelling must not interrupt the gateway half-way through opening a pool.
    waiting = asyncio.wrap_future(opening)
    waiting.add_done_callback(_retrieve)
    try:
        database = await asyncio.shield(waiting)
        round_trip = await on_gateway(gateway, database.ping())
    except asyncio.CancelledError:
        opening.add_done_callback(lambda _done: _close_later(gateway, name))
        raise
    except BaseException:
        await awaited(gateway.close_profile(name))
        raise
    await awaited(gateway.close_profile(name))
    return ProbeResult(database.server, round_trip)


def _close_later(gateway: Gateway, name: str) -> None:
    """Runs when the abandoned open ends (in the gateway's thread): close what it opened."""
    with contextlib.suppress(RuntimeError):  # the gateway closed first, and closed it already
        gateway.close_profile(name)


def _retrieve(future: asyncio.Future[Any]) -> None:
    """Mark an abandoned open's outcome as seen (its error was no one's to report)."""
    if not future.cancelled():
        future.exception()
