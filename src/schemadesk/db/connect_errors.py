"""Turning libpq's connection failures into one human line, with no secret in it."""

from __future__ import annotations

import re

import psycopg

from schemadesk.core.messages import Message, said, templates

# Our own words around libpq's and the server's. The window translates them by code (the text
# is ``said`` from a Message and carries it to ui/core_texts/messages.py); a server's FATAL message
# is shown as the server wrote it.
CANNOT_CONNECT = "cannot connect to {target}: {reason}"
CANNOT_OPEN_POOL = "cannot open a pool to {target}: {error}"
REASONS = {
    "no-password": (
        "the server asks for a password and none was given (keyring, ~/.pgpass or prompt)"
    ),
    "refused": (
        "connection refused (is the server running and accepting TCP/IP connections on that port?)"
    ),
    "unknown-host": "unknown host name",
    "timeout": "timed out (host unreachable or firewalled)",
    "no-socket": "no server listening on that local socket (is it running?)",
    "unknown": "unknown error",
}

templates(
    {
        "cannot-connect": CANNOT_CONNECT,
        "cannot-open-pool": CANNOT_OPEN_POOL,
        **{f"connect-{key}": text for key, text in REASONS.items()},
    }
)

_FATAL = re.compile(r"(?:FATAL|ERROR):\s+(.*)")
_SERVER_AT = re.compile(
    r'connection to server (?:at "([^"]*)"(?: \(([^)]*)\))?, port (\d+)|on socket "([^"]*)")'
)


def describe_connection_error(
    exc: BaseException, target: str, secrets: tuple[str, ...] = ()
) -> str:
    """``cannot connect to <target>: <reason>`` — one line, secrets masked."""
    reason = _reason(str(exc))
    if isinstance(reason, str):
        reason = redact(reason, secrets)
    return said(Message("cannot-connect", {"target": redact(target, secrets), "reason": reason}))


def describe_pool_failure(exc: BaseException, target: str, secrets: tuple[str, ...] = ()) -> str:
    """``cannot open a pool to <target>: <error>`` — one line, secrets masked."""
    params = {"target": redact(target, secrets), "error": redact(str(exc), secrets)}
    return said(Message("cannot-open-pool", params))


def _reason(text: str) -> str | Message:
    """Our reason (a message the window translates) or the server's own words."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for line in lines:
        fatal = _FATAL.search(line)
        if fatal:
            return fatal.group(1).strip()
    if any("no password supplied" in line for line in lines):
        return Message("connect-no-password")
    joined = " ".join(lines)
    if "Connection refused" in joined:
        return Message("connect-refused")
    if "could not translate host name" in joined or "Name or service not known" in joined:
        return Message("connect-unknown-host")
    if "timeout expired" in joined:
        return Message("connect-timeout")
    if "SSL" in joined or "ssl" in joined:
        return lines[-1].removeprefix("connection failed: ")
    if "No such file or directory" in joined:
        return Message("connect-no-socket")
    if not lines:
        return Message("connect-unknown")
    # libpq repeats the address we already name: keep the part after it.
    last = lines[-1]
    return _SERVER_AT.sub("", last).removeprefix("connection failed:").strip(" :") or last


def type_name(text: str) -> str:
    return text or REASONS["unknown"]


def redact(text: str, secrets: tuple[str, ...]) -> str:
    """Mask every occurrence of each secret (passwords) in a message."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "********")
    return text


def is_password_missing(exc: BaseException) -> bool:
    """True when libpq failed only because no password was supplied (prompt and retry).

    Asked of libpq (``PQconnectionNeedsPassword`` on the failed connection), not read from its
    message, which libpq words in the user's language when it was built with NLS."""
    if not isinstance(exc, psycopg.OperationalError):
        return False
    pgconn = exc.pgconn
    if pgconn is None:  # not a connection attempt's failure
        return False
    return bool(pgconn.needs_password)


def is_connection_lost(exc: BaseException) -> bool:
    """True for failures of the connection itself (server gone, network, pool exhausted, an
    SSH tunnel that could not be reopened: Retry reopens it)."""
    from psycopg_pool import PoolTimeout

    from schemadesk.core.ssh import SshFailed, SshReason

    if isinstance(exc, SshFailed):
        return exc.ssh_reason in (SshReason.UNREACHABLE, SshReason.TUNNEL_CLOSED)
    return isinstance(exc, psycopg.OperationalError | PoolTimeout)
