"""One read for a reading verb: connect, read, close; no pool or gateway thread unless a tunnel
needs them (``db.one_shot`` says why)."""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from schemadesk.cli.common import open_database, resolve_profile
from schemadesk.core.errors import ConnectionFailed, ConnectReason
from schemadesk.db.connects import Connects
from schemadesk.db.gateway import Gateway
from schemadesk.db.one_shot import run_read

T = TypeVar("T")


def read_once(args: argparse.Namespace, read: Callable[[Connects], Coroutine[Any, Any, T]]) -> T:
    """``read`` on the chosen profile's database; on a terminal, ask for a password when the
    server wants one (as ``open_database``)."""
    profile, password = resolve_profile(args)
    if profile.ssh is not None:  # the tunnel runs on the gateway's loop
        with Gateway() as gateway:
            database = open_database(gateway, args)
            return gateway.call(read(database))
    try:
        return run_read(profile, password, read)
    except ConnectionFailed as exc:
        if password is None and exc.reason is ConnectReason.NO_PASSWORD and sys.stdin.isatty():
            typed = getpass.getpass(f"Password for {profile.describe()}: ")
            return run_read(profile, typed, read)
        raise
