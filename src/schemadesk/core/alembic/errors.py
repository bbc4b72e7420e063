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


class ChangedMeanwhile(SchemadeskError):
    """The version table moved between reading it and holding the module's lock (another
    applier ran): the confirmed plan is stale, so nothing was run."""

    exit_code = 5

    def __init__(self, module: str, table: str, was: tuple[str, ...], now: tuple[str, ...]) -> None:
        def heads(revisions: tuple[str, ...]) -> str:
            return ", ".join(sorted(revisions)) or "no revision"

        super().__init__(
            f"module {module}: {table} changed since it was read (it held {heads(was)}, now "
            f"{heads(now)}); nothing was run: refresh and review the plan again"
        )
