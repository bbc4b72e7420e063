"""Errors the user sees. Every message is one line, names the object at fault, never a secret."""

from __future__ import annotations

import enum

from schemadesk.core.messages import Message, Said


class SchemadeskError(Exception):
    """Base of every error schemadesk reports to a person (window or command line).

    Raised with a said text (``raise ConfigError(say("code", ...))``) it keeps that message:
    ``said`` is what the window translates, ``str(error)`` the English. An error that composes
    its text from parts sets ``said`` itself."""

    exit_code = 1
    _said: Message | None = None

    @property
    def said(self) -> Message | None:
        """The message the error was raised with (or was given: an error that composes its
        text sets it); None when it carries none."""
        if self._said is not None:
            return self._said
        first = self.args[0] if self.args else None
        return first.message if isinstance(first, Said) else None

    @said.setter
    def said(self, message: Message | None) -> None:
        self._said = message


class ConfigError(SchemadeskError):
    """A profile, project file or setting is wrong; the message names the file or key."""

    exit_code = 2


class ConnectReason(enum.StrEnum):
    """Why a connection failed, for callers to decide on (never the sentence)."""

    NO_PASSWORD = "no-password"  # the server wants one and none was given
    PASSWORD_REJECTED = "password-rejected"
    SERVER_REFUSED = "server-refused"  # the server answered FATAL (missing database, pg_hba…)
    UNREACHABLE = "unreachable"  # refused, unknown host, timeout, no socket, TLS
    POOL = "pool"  # the probe got in, the pool could not fill
    SSH = "ssh"  # the tunnel could not be opened
    UNKNOWN = "unknown"


class ConnectionFailed(SchemadeskError):
    """The server could not be reached or refused us (password, TLS, missing database).

    ``reason`` says why (callers test it, never the message), ``target`` names the server as
    the profile describes it, ``server_message`` is the server's own words when it answered."""

    exit_code = 3

    def __init__(
        self,
        message: str,
        *,
        reason: ConnectReason = ConnectReason.UNKNOWN,
        target: str = "",
        server_message: str | None = None,
    ) -> None:
        super().__init__(message)
        self.reason = reason
        self.target = target
        self.server_message = server_message

    @property
    def wants_password(self) -> bool:
        """A (different) password would let us in: ask for one."""
        return self.reason in (ConnectReason.NO_PASSWORD, ConnectReason.PASSWORD_REJECTED)


class KeyringUnavailable(SchemadeskError):
    """No usable OS keyring: passwords can only be asked for or read from ``~/.pgpass``."""


class PostgresNotFound(SchemadeskError):
    """No PostgreSQL server binaries (initdb, postgres) were found for the demo."""

    exit_code = 4


class ReadOnlyViolation(SchemadeskError):
    """A changing action was attempted on a read-only profile."""

    exit_code = 5
