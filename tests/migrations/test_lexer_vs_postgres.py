"""The lexer's statements against PostgreSQL's own parser (pglast: the server's grammar).

For every file, schemadesk must split top-level statements where PostgreSQL does and classify
the same ones as transaction control and session-level settings; otherwise a COMMIT could
slip through into a rehearsal, or a harmless DO block could be refused.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from schemadesk.core.migrations.lexer import notable_statements, statements
from schemadesk.core.migrations.sql_checks import session_setting, transaction_keyword
from schemadesk.core.migrations.template import render
from tests.migrations.helpers import DATA

pglast_parser = pytest.importorskip("pglast.parser")

Row = tuple[int, str, bool, bool]


def ours(sql: str) -> list[Row]:
    rows = [
        (
            s.start,
            sql[s.start : s.end].rstrip(),
            transaction_keyword(s) is not None,
            session_setting(s) is not None,
        )
        for s in statements(sql)
    ]
    # The checks' fast path, which skips ordinary statements in bulk, finds the same ones.
    flagged = [r for r in rows if r[2] or r[3]]
    notable = {s.start for s in notable_statements(sql)}
    assert [r for r in rows if r[0] in notable and (r[2] or r[3])] == flagged
    return rows


def postgres(sql: str) -> list[Row]:
    slices = pglast_parser.split(sql, with_parser=True, only_slices=True)
    trees = json.loads(pglast_parser.parse_sql_json(sql)).get("stmts", [])
    rows = []
    for piece, tree in zip(slices, trees, strict=True):
        ((kind, node),) = tree["stmt"].items()
        session = (
            kind == "VariableSetStmt"
            and not node.get("is_local", False)
            and not node.get("name", "").startswith("TRANSACTION")
        )
        rows.append((piece.start, sql[piece].rstrip(), kind == "TransactionStmt", session))
    return rows


# Every way of hiding or writing a statement that COMPAT.md and the issue name.
CASES = [
    "BEGIN;\nCREATE TABLE a (i int);\n/* done */ COMMIT;\n",
    "START TRANSACTION ISOLATION LEVEL SERIALIZABLE; END; ABORT; end work; commit and chain",
    "SAVEPOINT s; RELEASE s; RELEASE SAVEPOINT s; ROLLBACK TO SAVEPOINT s; rollback to s",
    "PREPARE TRANSACTION 'x'; COMMIT PREPARED 'x'; ROLLBACK PREPARED 'y';",
    "PREPARE q AS SELECT 1; EXECUTE q; DEALLOCATE q;",
    "CREATE FUNCTION f() RETURNS int LANGUAGE sql\nBEGIN ATOMIC SELECT 1; END;\n"
    "DO $$ BEGIN PERFORM 1; COMMIT; END $$;\n",
    "CREATE OR REPLACE PROCEDURE p(a int) LANGUAGE sql BEGIN ATOMIC\n"
    "  INSERT INTO t VALUES (CASE WHEN a > 0 THEN 1 ELSE 2 END);\n"
    "  SELECT CASE WHEN a > 1 THEN 'begin' END;\nEND;\nCOMMIT;",
    "CREATE FUNCTION g(x int) RETURNS int RETURN x + 1; ROLLBACK;",
    "CREATE FUNCTION h() RETURNS void AS 'BEGIN; COMMIT;' LANGUAGE sql; END;",
    "CREATE RULE r AS ON INSERT TO t DO ALSO (NOTIFY a; NOTIFY b); BEGIN;",
    "DO 'BEGIN COMMIT; END'; DO $body$ BEGIN COMMIT; END $body$ LANGUAGE plpgsql;",
    "SELECT 'a;b', E'it\\'s; COMMIT', $$;COMMIT;$$, $x$ $$ ; $x$, \"a;b\" FROM t; COMMIT",
    "SELECT U&'d\\0061t; BEGIN' , B'1010', X'ff', N'n;' ; begin isolation level read committed",
    "/* outer /* inner; COMMIT; */ still; */ SELECT 1; -- COMMIT;\nSELECT 2 -- last; BEGIN\n",
    "SELECT e'\\\\'; SELECT ee'x'; SELECT 1 AS e; SELECT a$b$c FROM t; SELECT $1::int;",
    "SELECT E'a\\\n;COMMIT;'; SELECT 'x' -- ;\n; SELECT \"e\"'y'; ROLLBACK",
    "SET search_path TO a, public; SET LOCAL search_path TO a; SET ROLE owner; SET LOCAL ROLE o;",
    "SET SESSION AUTHORIZATION DEFAULT; SET statement_timeout = 200; SET SESSION x.y = 1;",
    "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE; SET CONSTRAINTS ALL DEFERRED; RESET ALL;",
    "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY; RESET search_path; SET TIME ZONE UTC",
    "SELECT 'é;' AS \"naïve;\", 'ü' ;; ; COMMIT ; SELECT '{{tables.x}};'",
    "CREATE TABLE t (a int CHECK (a > 0), b text DEFAULT ';'); INSERT INTO t VALUES (1, '(;');",
]


@pytest.mark.parametrize("sql", CASES)
def test_the_compat_cases_split_and_classify_as_postgres_does(sql: str) -> None:
    assert ours(sql) == postgres(sql)


def test_the_migration_folders_of_the_tests_split_as_postgres_does() -> None:
    compared = 0
    for path in sorted(DATA.glob("*/*.sql")):
        sql = render(path.read_text(encoding="utf-8"), "app").text
        try:
            expected = postgres(sql)
        except pglast_parser.ParseError:
            continue  # a file that is broken on purpose: the server refuses it anyway
        assert ours(sql) == expected, path.name
        compared += 1
    assert compared >= 8


_WORDS = st.sampled_from(
    [
        "SELECT 1",
        "SELECT 'a;b''c'",
        "SELECT E'x\\';y'",
        "SELECT $$;$$",
        "SELECT $t$ $$; $t$",
        'SELECT 1 AS "q;""r"',
        "CREATE TABLE t (a int DEFAULT 1, b text)",
        "INSERT INTO t VALUES (1, 'COMMIT;')",
        "DO $$ BEGIN PERFORM 1; END $$",
        "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; "
        "SELECT CASE WHEN true THEN 2 END; END",
        "CREATE RULE r AS ON UPDATE TO t DO ALSO (NOTIFY a; NOTIFY b)",
        "BEGIN",
        "begin work",
        "COMMIT",
        "END",
        "ABORT",
        "ROLLBACK",
        "START TRANSACTION",
        "SAVEPOINT s",
        "RELEASE s",
        "ROLLBACK TO s",
        "PREPARE TRANSACTION 'p'",
        "COMMIT PREPARED 'p'",
        "PREPARE q AS SELECT 1",
        "SET search_path TO a",
        "SET LOCAL lock_timeout = '1s'",
        "SET ROLE r",
        "RESET ROLE",
        "SET TRANSACTION READ ONLY",
    ]
)
_GAP = "/* x */"
_GAPS = st.sampled_from([" ", "\n", "\t", " -- c;COMMIT\n", "/* BEGIN; /* n */ ; */", "\n\n  "])


@st.composite
def files(draw: st.DrawFn) -> str:
    parts = []
    for statement in draw(st.lists(_WORDS, min_size=1, max_size=8)):
        parts.append(draw(_GAPS) + statement + draw(st.sampled_from(["", " ", "\n", _GAP])) + ";")
    if draw(st.booleans()):
        parts[-1] = parts[-1].rstrip(";")
    return "".join(parts)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files())
def test_generated_files_split_and_classify_as_postgres_does(sql: str) -> None:
    assert ours(sql) == postgres(sql)
