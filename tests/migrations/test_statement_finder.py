"""The statement finder the runner uses (rehearsal refusal, locating a failure; the lexer that
also finds the file problems) against the server: the statements it finds are the ones
PostgreSQL answers, in tricky files too."""

from __future__ import annotations

import asyncio

import psycopg
import pytest

from schemadesk.core.migrations.lexer import statements as top_statements
from schemadesk.core.migrations.sql_checks import transaction_control
from schemadesk.db.migrations.locate import FileFailed, run_file
from tests.migrations.helpers import server_major

TRICKY = [
    "SELECT 'a;b'; SELECT E'it\\'s; fine'; SELECT $t$ ; COMMIT; $t$;",
    '/* nested /* ; */ still ; comment */ SELECT 1; -- COMMIT;\nSELECT "x;y" FROM'
    ' (SELECT 1 AS "x;y") s;',
    "CREATE FUNCTION f() RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n  SELECT CASE WHEN true"
    " THEN 1 END;\n  SELECT 2;\nEND;\nSELECT f();",
    "DO $$BEGIN PERFORM 1; END$$; SELECT U&'d\\0061t;a';;; SELECT 3",
    "CREATE TABLE t (e int); SELECT e'x;' FROM t; SELECT t.e FROM t WHERE e = 1",
]


def statements(text: str) -> list[tuple[int, str]]:
    """Each statement's offset and first word, as locate_failure reads them."""
    return [(s.start, s.head[0] if s.head else "") for s in top_statements(text)]


@pytest.mark.db
@pytest.mark.parametrize("text", TRICKY)
def test_the_statements_found_are_the_ones_the_server_answers(db_dsn: str, text: str) -> None:
    if "BEGIN ATOMIC" in text and server_major(db_dsn) < 14:
        pytest.skip("BEGIN ATOMIC is PostgreSQL 14+ syntax")

    async def answered() -> tuple[str, ...]:
        async with await psycopg.AsyncConnection.connect(db_dsn, autocommit=True) as conn:
            await conn.execute("BEGIN")
            try:
                await run_file(conn, (text + ";\nSELECT 1/0").encode())
            except FileFailed as failed:
                return failed.completed
            finally:
                await conn.execute("ROLLBACK")
        raise AssertionError("1/0 did not fail")

    tags = asyncio.run(answered())
    found = statements(text)
    assert len(found) == len(tags)
    for (_, word), tag in zip(found, tags, strict=True):
        assert tag.startswith(word)
    assert transaction_control(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SELECT 1;\ncommit;", (10, "COMMIT")),
        ("SELECT 1; /* c */ end", (18, "END")),
        ("prepare\ttransaction 'x'", (0, "PREPARE TRANSACTION")),
        ("PREPARE p AS SELECT 1", None),
        ("SELECT E'\\';' ; Rollback to s", (16, "ROLLBACK")),
        ("SELECT 'x\n;COMMIT' ; SELECT 1", None),
        ("SELECT 1 -- ; COMMIT", None),
        (
            "CREATE PROCEDURE p() BEGIN ATOMIC SELECT 1; END; START TRANSACTION",
            (49, "START TRANSACTION"),
        ),
    ],
)
def test_transaction_control_at_a_statement_start_only(
    text: str, expected: tuple[int, str] | None
) -> None:
    assert transaction_control(text) == expected
