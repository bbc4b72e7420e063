"""What every subcommand shares: connection options, opening a database, output and errors."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import sys
from collections.abc import Awaitable, Callable, Coroutine
from typing import TYPE_CHECKING, Any, TypeVar

from schemadesk.cli.output import dumps
from schemadesk.core.errors import ConfigError, ConnectionFailed, ConnectReason, SchemadeskError
from schemadesk.core.passwords import load_password
from schemadesk.core.profiles import ConnectionProfile, ProfileStore
from schemadesk.core.secrets import mask_secrets
from schemadesk.core.terminal_text import visible_line
from schemadesk.db.database import Database
from schemadesk.db.gateway import Gateway

if TYPE_CHECKING:  # the audit modules import the migration and lint engines: not at start
    from schemadesk.cli.run_stops import StopAfterStep
    from schemadesk.core.audit import AuditRecord

T = TypeVar("T")


def add_connection_args(parser: argparse.ArgumentParser, *, top_level: bool = False) -> None:
    """``--dsn`` / ``--profile`` / ``--read-only``; with neither, libpq's PG* defaults apply.

    They are accepted before and after the subcommand; a subcommand's copies default to
    SUPPRESS so that they never overwrite what was given before it.
    """
    default = None if top_level else argparse.SUPPRESS
    group = parser.add_argument_group("connection")
    group.add_argument(
        "--dsn",
        default=default,
        help="libpq conninfo or URI (a password in it is used, never shown)",
    )
    group.add_argument("--profile", default=default, help="a saved connection profile by name")
    group.add_argument(
        "--ssh",
        default=default,
        metavar="[USER@]HOST[:PORT]",
        help="reach the server through an SSH tunnel (a ~/.ssh/config alias works; its "
        "ProxyJump too); the server's host and port are as the SSH host sees them",
    )
    group.add_argument(
        "--ssh-identity", default=default, metavar="FILE", help="private key for --ssh"
    )
    group.add_argument(
        "--accept-new-host-key",
        action="store_true",
        default=False if top_level else argparse.SUPPRESS,
        help="trust an SSH host key not yet in ~/.ssh/known_hosts and record it there "
        "(a changed key is refused all the same)",
    )
    group.add_argument(
        "--read-only",
        action="store_true",
        default=False if top_level else argparse.SUPPRESS,
        help="open the session read-only (default_transaction_read_only=on); changes are refused",
    )


def resolve_profile(args: argparse.Namespace) -> tuple[ConnectionProfile, str | None]:
    """The profile to use and any password known up front (from the DSN or the keyring),
    with the tunnel ``--ssh`` and ``--ssh-identity`` ask for."""
    profile, password = _resolve_profile(args)
    target, identity = getattr(args, "ssh", None), getattr(args, "ssh_identity", None)
    if target:
        from dataclasses import replace

        from schemadesk.core.ssh import settings_from_target

        profile = replace(profile, ssh=settings_from_target(target, identity or ""))
    elif identity:
        if profile.ssh is None:
            raise ConfigError("--ssh-identity needs --ssh (or a profile with an SSH tunnel)")
        from dataclasses import replace

        profile = replace(profile, ssh=replace(profile.ssh, identity_file=identity))
    return profile, password


def _resolve_profile(args: argparse.Namespace) -> tuple[ConnectionProfile, str | None]:
    if getattr(args, "dsn", None) and getattr(args, "profile", None):
        raise ConfigError("give --dsn or --profile, not both")
    if getattr(args, "profile", None):
        profile = ProfileStore().get(args.profile)
        if getattr(args, "read_only", False) and not profile.read_only:
            from dataclasses import replace

            profile = replace(profile, read_only=True)
        return profile, load_password(profile.name)
    return ConnectionProfile.from_dsn(
        getattr(args, "dsn", None) or "", read_only=getattr(args, "read_only", False)
    )


def open_database(gateway: Gateway, args: argparse.Namespace) -> Database:
    """Open the chosen profile; on a terminal, ask for a password when the server wants one."""
    profile, password = resolve_profile(args)
    accept = None
    if getattr(args, "accept_new_host_key", False):
        from schemadesk.core.ssh import ACCEPT_ANY_NEW

        accept = ACCEPT_ANY_NEW
    try:
        return gateway.open(profile, password, accept_host_key=accept).result()
    except ConnectionFailed as exc:
        if password is None and exc.reason is ConnectReason.NO_PASSWORD and sys.stdin.isatty():
            typed = getpass.getpass(f"Password for {profile.describe()}: ")
            return gateway.open(profile, typed, accept_host_key=accept).result()
        raise


def print_json(data: Any) -> None:
    """JSON on stdout, UTF-8 kept as is (names are shown exactly as the catalog has them),
    passwords masked, and DEL and C1 characters as ``\\u`` escapes (json leaves them raw)."""
    sys.stdout.write(dumps(data) + "\n")


class ConfirmationRefused(SchemadeskError):
    """Declined at the prompt, or no terminal to ask on."""

    exit_code = 5


def ask_yes(
    question: str,
    *,
    instead: str = "add --yes to apply, or --sql-only to print",
    declined: str = "declined; nothing was changed",
) -> None:
    """Ask ``question [y/N]`` on the terminal; ConfirmationRefused without one (saying what
    to do ``instead``), or when ``declined``."""
    if not sys.stdin.isatty():
        raise ConfirmationRefused(f"not asking for confirmation without a terminal: {instead}")
    print(f"{question} [y/N] ", end="", file=sys.stderr, flush=True)
    if sys.stdin.readline().strip().lower() not in ("y", "yes"):
        raise ConfirmationRefused(declined)


def fail(exc: SchemadeskError) -> int:
    """Print a one-line error and return its exit code."""
    message = visible_line(mask_secrets(str(exc).strip()))
    print(f"schemadesk: error: {message}", file=sys.stderr)
    return exc.exit_code


def record_action(gateway: Gateway, database: Database, record: AuditRecord) -> None:
    """Keep ``record`` through the one audit sink (usecases.audit); a record that cannot be
    kept is said on stderr, never raised."""
    from schemadesk.db.audit import record_in_database
    from schemadesk.usecases.audit import keep_record

    def in_database(schema: str, done: AuditRecord) -> None:
        gateway.call(record_in_database(database, schema, done))

    keep_record(record, in_database, _warn)


def _warn(text: str) -> None:
    print(f"schemadesk: warning: {text}", file=sys.stderr)


def run_use_case(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a use case on a loop of this thread. Not ``asyncio.run``: its Ctrl-C handler would
    cancel the use case while a transaction still runs; the ``call`` the command gives the use
    case waits for the transaction's end instead (``run_stops``)."""
    loop = asyncio.new_event_loop()
    try:
        return loop.run_until_complete(coroutine)
    finally:
        loop.close()


def calling(
    gateway: Gateway, stops: StopAfterStep | None = None
) -> Callable[[Coroutine[Any, Any, Any]], Awaitable[Any]]:
    """The use cases' ``call`` on the command line: wait for the coroutine on the gateway; with
    ``stops``, Ctrl-C stops after the step in progress (``run_stops``)."""

    async def call(coroutine: Coroutine[Any, Any, Any]) -> Any:
        if stops is None:
            return gateway.call(coroutine)
        return stops.wait(gateway.submit(coroutine))

    return call
