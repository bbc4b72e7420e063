"""Map a server error back to the migration file: line, column, SQLSTATE and message."""

from __future__ import annotations

import psycopg

from schemadesk.core.migrations.models import PlanStep, SqlErrorLocation
from schemadesk.core.migrations.project import ModuleConfig
from schemadesk.core.migrations.template import render


def locate(
    exc: psycopg.Error,
    step: PlanStep,
    module: ModuleConfig,
    *,
    base_offset: int = 0,
    fallback_offset: int | None = None,
) -> SqlErrorLocation:
    """Where in ``step``'s file the error happened.

    The server's ``position`` (1-based, in characters of the text sent) is shifted by
    ``base_offset`` (the offset of the statement sent within the rendered SQL) and mapped through
    the rendering to the file. Without a position, ``fallback_offset`` (the start of the
    statement found to fail) is used, if known.
    """
    diag = exc.diag
    offset: int | None = None
    if diag.statement_position:
        offset = base_offset + int(diag.statement_position) - 1
    elif fallback_offset is not None:
        offset = fallback_offset
    line = column = None
    if offset is not None:
        rendered = render(step.source, module.template_schema)
        line, column = rendered.source_position(offset)
    message = diag.message_primary or str(exc).split("\n")[0]
    return SqlErrorLocation(
        filename=step.filename,
        line=line,
        column=column,
        sqlstate=exc.sqlstate,
        message=message,
        detail=diag.message_detail,
        hint=diag.message_hint,
        context=diag.context,
    )
