"""Errors the user sees. Every message is one line, names the object at fault, never a secret."""

from __future__ import annotations


class SchemadeskError(Exception):
    """Base of every error schemadesk reports to a person (window or command line)."""

    exit_code = 1


class ConfigError(SchemadeskError):
    """A profile, project file or setting is wrong; the message names the file or key."""

    exit_code = 2


class ConnectionFailed(SchemadeskError):
    """The server could not be reached or refused us (password, TLS, missing database)."""

    exit_code = 3


class KeyringUnavailable(SchemadeskError):
    """No usable OS keyring: passwords can only be asked for or read from ``~/.pgpass``."""


class PostgresNotFound(SchemadeskError):
    """No PostgreSQL server binaries (initdb, postgres) were found for the demo."""

    exit_code = 4


class ReadOnlyViolation(SchemadeskError):
    """A changing action was attempted on a read-only profile."""

    exit_code = 5
