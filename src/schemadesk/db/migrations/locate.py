"""Map a server error back to the migration file: line, column, SQLSTATE and message."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

import psycopg
from psycopg.pq import ExecStatus
from psycopg.pq.abc import PGresult

from schemadesk.core.migrations import lexer
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


class FileFailed(Exception):
    """A file's query failed: the server's error and the command tags of the statements that
    completed before it (one per statement, in order)."""

    def __init__(self, error: psycopg.Error, completed: tuple[str, ...]) -> None:
        super().__init__(str(error))
        self.error = error
        self.completed = completed


class _CountingCursor(psycopg.AsyncCursor[Any]):
    """Keeps the command tags of a multi-statement query's results before the failing one: the
    server answers every statement it ran, so their number is the failing statement's index."""

    completed: tuple[str, ...] = ()

    def _check_results(self, results: list[PGresult]) -> None:
        tags: list[str] = []
        for result in results:
            if result.status == ExecStatus.FATAL_ERROR:
                break
            tags.append((result.command_status or b"").decode("ascii", "replace"))
        self.completed = tuple(tags)
        super()._check_results(results)


async def run_file(conn: psycopg.AsyncConnection[Any], query: bytes) -> None:
    """Send a file as one query; ``FileFailed`` says how many statements completed first."""
    cur = _CountingCursor(conn)
    try:
        await cur.execute(query, prepare=False)
    except psycopg.Error as exc:
        raise FileFailed(exc, cur.completed) from exc


# Statements whose command tag need not start with their first word (END -> COMMIT,
# CREATE TABLE AS -> SELECT, WITH ... INSERT -> INSERT, EXECUTE -> the prepared statement's).
_ANY_TAG = {"", "WITH", "VALUES", "TABLE", "CREATE", "EXECUTE", "END", "ABORT", "ANALYSE"}


def _agree(tags: tuple[str, ...], words: list[str]) -> bool:
    return all(
        word in _ANY_TAG or tag.split(" ", 1)[0].upper() == word
        for tag, word in zip(tags, words, strict=True)
    )


def locate_failure(
    failed: FileFailed, step: PlanStep, module: ModuleConfig, *, transaction_ended: bool = False
) -> SqlErrorLocation:
    """Where a transactional file failed, without running anything again: the server's
    position, else the start of the statement after the ones the server answered (statements
    found as the server's lexer finds them, checked against the answers' command tags), else
    no line at all: never a guess."""
    exc = failed.error
    fallback = None
    if not exc.diag.statement_position:
        starts = [(s.start, s.head[0] if s.head else "") for s in lexer.statements(step.sql)]
        k = len(failed.completed)
        if k < len(starts) and _agree(failed.completed, [w for _, w in starts[:k]]):
            fallback = starts[k][0]
    found = locate(exc, step, module, fallback_offset=fallback)
    if found.line is None:
        found = replace(found, unlocated=True)
    if transaction_ended:
        return _ended(found)
    return found


def _ended(found: SqlErrorLocation) -> SqlErrorLocation:
    return replace(found, transaction_ended=True, hint=ENDED_HINT)


ENDED_HINT = (
    "the file ended the migration's transaction itself (COMMIT, ROLLBACK or the like in a"
    " transactional migration): what it ran before that may be committed, and no ledger row"
    " was written; if the file means to manage transactions, mark it -- pgdbm:no-transaction"
)


def transaction_ended(step: PlanStep) -> SqlErrorLocation:
    """The guard found that the step's file ended its transaction."""
    return SqlErrorLocation(
        filename=step.filename,
        line=None,
        column=None,
        sqlstate=None,
        message="the migration's transaction was ended inside the file",
        hint=ENDED_HINT,
        transaction_ended=True,
    )
