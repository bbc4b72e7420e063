"""Errors of the Alembic engine, one line each, naming the module, schema or revision file."""

from __future__ import annotations

from schemadesk.core.errors import ConfigError, SchemadeskError

INSTALL_HINT = "pip install 'schemadesk[alembic]'"


class AlembicUnavailable(ConfigError):
    """Alembic or SQLAlchemy cannot be imported: only the database state can be shown."""

    def __init__(self, detail: str = "") -> None:
        why = f" ({detail})" if detail else ""
        super().__init__(
            f"Alembic is not installed{why}: only the version tables' state can be shown; "
            f"to preview and apply revisions: {INSTALL_HINT}"
        )


class PairingRefused(SchemadeskError):
    """A branch label and a schema that do not belong together: nothing was run."""

    exit_code = 5


class AlembicFailed(SchemadeskError):
    """Alembic stopped on a revision; the message names the revision file."""
