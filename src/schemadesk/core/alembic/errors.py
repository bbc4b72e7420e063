"""Errors of the Alembic engine, one line each, naming the module, schema or revision file."""

from __future__ import annotations

from collections.abc import Sequence

from schemadesk.core.errors import ConfigError, SchemadeskError
from schemadesk.core.messages_alembic import Message, say

INSTALL_HINT = "pip install 'schemadesk[alembic]'"


class AlembicUnavailable(ConfigError):
    """Alembic or SQLAlchemy cannot be imported: only the database state can be shown."""

    def __init__(self, missing: Sequence[str] = ()) -> None:
        if missing:
            super().__init__(
                say("alembic-missing-names", names=", ".join(missing), hint=INSTALL_HINT)
            )
        else:
            super().__init__(say("alembic-missing", hint=INSTALL_HINT))


class PairingRefused(SchemadeskError):
    """A branch label and a schema that do not belong together: nothing was run."""

    exit_code = 5


class ChangedMeanwhile(SchemadeskError):
    """The version table moved between reading it and holding the module's lock (another
    applier ran): the confirmed plan is stale, so nothing was run."""

    exit_code = 5

    def __init__(self, module: str, table: str, was: tuple[str, ...], now: tuple[str, ...]) -> None:
        def heads(revisions: tuple[str, ...]) -> str | Message:
            return ", ".join(sorted(revisions)) or Message("no-revision")

        super().__init__(
            say("changed-meanwhile", module=module, table=table, was=heads(was), now=heads(now))
        )
