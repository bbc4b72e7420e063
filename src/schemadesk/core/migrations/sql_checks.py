"""Statements that do not belong in a migration run in one transaction, found with the lexer.

A transactional migration runs, with its ledger row, inside a transaction the engine opened
(pgdbm does the same). A top-level ``COMMIT`` or ``BEGIN`` in it ends or nests that
transaction, so the file and its ledger row are no longer one unit and a rehearsal could
commit: an error. A session-level ``SET``/``RESET`` outlives the migration: a warning. Only
top-level statements count, never text inside strings, dollar bodies (``DO`` blocks, function
bodies), comments or a ``BEGIN ATOMIC`` body.
"""

from __future__ import annotations

from schemadesk.core.messages_migrations import say
from schemadesk.core.migrations.lexer import TopStatement, notable_statements
from schemadesk.core.migrations.models import FileProblem, Severity
from schemadesk.core.migrations.template import LineIndex

_TX_FIRST = frozenset({"BEGIN", "COMMIT", "END", "ROLLBACK", "ABORT", "SAVEPOINT", "RELEASE"})
_TX_PAIRS = frozenset(
    {
        ("START", "TRANSACTION"),
        ("PREPARE", "TRANSACTION"),
        ("COMMIT", "PREPARED"),
        ("ROLLBACK", "PREPARED"),
    }
)
# SET forms whose effect ends with the transaction (or that only check it).
_SET_TRANSACTION_SCOPED = frozenset({"LOCAL", "TRANSACTION", "CONSTRAINTS"})


def transaction_keyword(statement: TopStatement) -> str | None:
    """``COMMIT``, ``START TRANSACTION``... when the statement controls transactions."""
    head = statement.head
    if head[:2] in _TX_PAIRS:
        return " ".join(head[:2])
    if head[:1] and head[0] in _TX_FIRST:
        return head[0]
    return None


def session_setting(statement: TopStatement) -> str | None:
    """``SET``, ``SET ROLE``, ``RESET``... when the statement changes the session itself."""
    head = statement.head
    if head[:1] == ("RESET",):
        return "RESET"
    if head[:1] != ("SET",) or (head[1:2] and head[1] in _SET_TRANSACTION_SCOPED):
        return None
    if head[1:3] in (("SESSION", "AUTHORIZATION"), ("SESSION", "CHARACTERISTICS")):
        return " ".join(head[:3])
    if head[1:2] == ("ROLE",):
        return "SET ROLE"
    return "SET"


def transaction_control(content: str) -> tuple[int, str] | None:
    """Offset and keyword of the first top-level statement that controls the transaction."""
    for statement in notable_statements(content):
        keyword = transaction_keyword(statement)
        if keyword is not None:
            return statement.start, keyword
    return None


def statement_problems(content: str) -> tuple[FileProblem, ...]:
    """Transaction control (errors) and session-level settings (warnings) in a file that runs
    in one transaction, each at the line and column of its first word."""
    found: list[tuple[TopStatement, str, bool]] = []
    for statement in notable_statements(content):
        keyword = transaction_keyword(statement)
        if keyword is not None:
            found.append((statement, keyword, True))
            continue
        setting = session_setting(statement)
        if setting is not None:
            found.append((statement, setting, False))
    if not found:
        return ()
    lines = LineIndex(content)
    problems: list[FileProblem] = []
    for statement, keyword, blocking in found:
        line, column = lines.position(statement.start)
        if blocking:
            problems.append(
                FileProblem(
                    "transaction-control",
                    Severity.ERROR,
                    say("transaction-control", keyword=keyword),
                    line,
                    column,
                )
            )
        else:
            problems.append(
                FileProblem(
                    "session-setting",
                    Severity.WARNING,
                    say("session-setting", keyword=keyword),
                    line,
                    column,
                )
            )
    return tuple(problems)
