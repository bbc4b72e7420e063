"""Map a server error back to the migration file: line, column, SQLSTATE and message."""

from __future__ import annotations

import re

import psycopg

from schemadesk.core.migrations.models import PlanStep, SqlErrorLocation
from schemadesk.core.migrations.project import ModuleConfig
from schemadesk.core.migrations.template import render

_DO_LINE = re.compile(r"PL/pgSQL function inline_code_block line (\d+)")
_DO_BODY = re.compile(r"(?is)\s*DO\s+(?:LANGUAGE\s+\w+\s+)?(\$[A-Za-z_0-9]*\$)")


def _inside_do_block(text: str, statement: int, context: str | None) -> int | None:
    """For an error raised inside a ``DO`` block: the offset of the body line the server names
    (PL/pgSQL counts lines from the opening ``$$``), at its first non-blank character."""
    if not context:
        return None
    where = _DO_LINE.search(context)
    body = _DO_BODY.match(text, statement)
    if where is None or body is None:
        return None
    pos = body.end()
    for _ in range(int(where.group(1)) - 1):
        nl = text.find("\n", pos)
        if nl == -1:
            return None
        pos = nl + 1
    while pos < len(text) and text[pos] in " \t":
        pos += 1
    return pos


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
        if not diag.statement_position:
            offset = _inside_do_block(rendered.text, offset, diag.context) or offset
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
