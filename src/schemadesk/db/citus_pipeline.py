"""Several statements sent one by one, in one pipeline: how a Citus coordinator must get them.

Citus forwards a distributed statement to the worker inside a prepared statement, and a
prepared statement holds one command: text with several statements sent as one query fails
on a coordinator ("cannot insert multiple commands into a prepared statement"). So on Citus the
migration runner sends each statement on its own, split as PostgreSQL's parser splits them
(``core.migrations.lexer.statements``), in pipeline mode so that a batch still costs one round
trip. The statements are the very ones the previews show, only not joined into one text.
"""

from __future__ import annotations

from typing import Any

import psycopg
from psycopg import sql
from psycopg.pq import ExecStatus

from schemadesk.core.migrations.lexer import statements


class PieceFailed(Exception):
    """Statement ``done`` (0-based) of a split text failed; it starts at ``offset`` of the text."""

    def __init__(self, error: psycopg.Error, done: int, offset: int) -> None:
        super().__init__(str(error))
        self.error = error
        self.done = done
        self.offset = offset


class Answers:
    """The answers of the statements of a split text, read like one multi-statement cursor's
    (``description``, ``fetchall``, ``fetchone``, ``rowcount``, ``nextset``)."""

    def __init__(self, cursors: list[psycopg.AsyncCursor[Any]]) -> None:
        self._cursors = cursors
        self._at = 0

    @property
    def _cur(self) -> psycopg.AsyncCursor[Any]:
        return self._cursors[self._at]

    @property
    def description(self) -> list[psycopg.Column] | None:
        """The current answer's columns (``None``: it returned no rows)."""
        return self._cur.description

    @property
    def rowcount(self) -> int:
        """Rows the current statement returned or changed."""
        return self._cur.rowcount

    async def fetchall(self) -> list[Any]:
        """The current answer's rows."""
        return await self._cur.fetchall()

    async def fetchone(self) -> Any:
        """The current answer's next row."""
        return await self._cur.fetchone()

    def nextset(self) -> bool | None:
        """Move to the next statement's answer; ``None`` after the last."""
        if self._at + 1 >= len(self._cursors):
            return None
        self._at += 1
        return True


def pieces(text: str) -> list[tuple[int, str]]:
    """The statements of ``text`` with their offsets, as the server's parser splits them."""
    return [(s.start, text[s.start : s.end]) for s in statements(text)]


def as_text(conn: psycopg.AsyncConnection[Any], query: sql.Composable | bytes) -> str:
    """The text a query sends (what the previews print)."""
    if isinstance(query, bytes):
        return query.decode(conn.info.encoding)
    return query.as_string(conn)


async def send_split(conn: psycopg.AsyncConnection[Any], text: str) -> Answers:
    """Send each statement of ``text`` in order, in one pipeline; the first error is raised as
    the server gave it (the statements before it ran, the ones after it did not)."""
    try:
        return await send_pieces(conn, text)
    except PieceFailed as failed:
        raise failed.error from None


async def send_pieces(conn: psycopg.AsyncConnection[Any], text: str) -> Answers:
    """``send_split``, raising ``PieceFailed`` that names the statement that failed."""
    found = pieces(text)
    cursors: list[psycopg.AsyncCursor[Any]] = []
    encoding = conn.info.encoding
    try:
        async with conn.pipeline():
            for _offset, statement in found:
                cur = conn.cursor()
                # bytes: the statement is sent as it is, never read as a template
                await cur.execute(statement.encode(encoding), prepare=False)
                cursors.append(cur)
    except psycopg.Error as exc:
        done = sum(1 for c in cursors if _succeeded(c))
        if done >= len(found):
            raise
        raise PieceFailed(exc, done, found[done][0]) from exc
    return Answers(cursors)


def _succeeded(cur: psycopg.AsyncCursor[Any]) -> bool:
    result = cur.pgresult
    return result is not None and result.status in (ExecStatus.COMMAND_OK, ExecStatus.TUPLES_OK)
