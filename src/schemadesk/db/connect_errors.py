"""Turning libpq's connection failures into one human line, with no secret in it."""

from __future__ import annotations

import re

import psycopg

_FATAL = re.compile(r"(?:FATAL|ERROR):\s+(.*)")
_SERVER_AT = re.compile(
    r'connection to server (?:at "([^"]*)"(?: \(([^)]*)\))?, port (\d+)|on socket "([^"]*)")'
)


def describe_connection_error(
    exc: BaseException, target: str, secrets: tuple[str, ...] = ()
) -> str:
    """``cannot connect to <target>: <reason>`` — one line, secrets masked."""
    text = str(exc)
    reason = _reason(text)
    return redact(f"cannot connect to {target}: {reason}", secrets)


def _reason(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for line in lines:
        fatal = _FATAL.search(line)
        if fatal:
            return fatal.group(1).strip()
    if any("no password supplied" in line for line in lines):
        return "the server asks for a password and none was given (keyring, ~/.pgpass or prompt)"
    joined = " ".join(lines)
    if "Connection refused" in joined:
        return (
            "connection refused "
            "(is the server running and accepting TCP/IP connections on that port?)"
        )
    if "could not translate host name" in joined or "Name or service not known" in joined:
        return "unknown host name"
    if "timeout expired" in joined:
        return "timed out (host unreachable or firewalled)"
    if "SSL" in joined or "ssl" in joined:
        return lines[-1].removeprefix("connection failed: ")
    if "No such file or directory" in joined:
        return "no server listening on that local socket (is it running?)"
    if not lines:
        return type_name(text)
    # libpq repeats the address we already name: keep the part after it.
    last = lines[-1]
    return _SERVER_AT.sub("", last).removeprefix("connection failed:").strip(" :") or last


def type_name(text: str) -> str:
    return text or "unknown error"


def redact(text: str, secrets: tuple[str, ...]) -> str:
    """Mask every occurrence of each secret (passwords) in a message."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "********")
    return text


def is_password_missing(exc: BaseException) -> bool:
    """True when libpq failed only because no password was supplied (prompt and retry)."""
    return isinstance(exc, psycopg.OperationalError) and "no password supplied" in str(exc)


def is_connection_lost(exc: BaseException) -> bool:
    """True for failures of the connection itself (server gone, network, pool exhausted)."""
    from psycopg_pool import PoolTimeout

    return isinstance(exc, psycopg.OperationalError | PoolTimeout)


def asks_for_password(message: str) -> bool:
    """True when a connection failure means: a (different) password would let us in."""
    return "asks for a password" in message or "password authentication failed" in message
