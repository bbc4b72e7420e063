"""Errors of the migration engine, each one line and naming the file or module at fault."""

from __future__ import annotations

from schemadesk.core.errors import SchemadeskError
from schemadesk.core.migrations.models import SqlErrorLocation


class MigrationFailed(SchemadeskError):
    """A migration's SQL failed on the server; ``location`` points into the file."""

    exit_code = 1

    def __init__(self, location: SqlErrorLocation) -> None:
        self.location = location
        where = location.filename
        if location.line is not None:
            where += f":{location.line}"
            if location.column is not None:
                where += f":{location.column}"
        elif location.unlocated:
            where += " (line unknown: the server gave no position)"
        state = f" [{location.sqlstate}]" if location.sqlstate else ""
        said = f"{where}: {location.message}{state}"
        super().__init__(f"{said}; {location.partial}" if location.partial else said)


class PlanRefused(SchemadeskError):
    """The plan cannot run as it is (drifted files, broken files); the message says why."""

    exit_code = 2
