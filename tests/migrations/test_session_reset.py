"""Every migration starts from the profile's session state: a SET, SET ROLE or SET SESSION
AUTHORIZATION in one migration reaches neither the ledger write, nor the next migration, nor
another module, nor what runs on the connection after the run (deliberately unlike pgdbm,
whose pooled connections carry such settings on to whatever runs next on them)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import psycopg
import pytest

from schemadesk.core.migrations.files import discover
from schemadesk.core.migrations.models import ApplyResult, SessionBaseline
from schemadesk.core.migrations.plan import build_plan
from schemadesk.core.migrations.project import ModuleConfig, single_module
from schemadesk.core.migrations.status import compute_status
from schemadesk.db.migrations.ledger import read_ledger
from schemadesk.db.migrations.runner import apply_plan, rehearse_plan
from tests.migrations.helpers import write_folder

pytestmark = pytest.mark.db

BASELINE = SessionBaseline((("statement_timeout", "5min"), ("lock_timeout", "7s")))
SEEN = (
    "CREATE TABLE {{tables.seen}} AS SELECT current_user::text AS who, session_user::text AS"
    " login, current_setting('statement_timeout') AS timeout, current_setting('search_path')"
    " AS path;\n"
)


def _run(
    dsn: str, modules: Sequence[ModuleConfig], *, rehearse: bool = False
) -> tuple[ApplyResult, tuple[Any, ...]]:
    """Apply (or rehearse) the modules in order on one connection; then what that connection's
    session looks like."""

    async def run() -> tuple[ApplyResult, tuple[Any, ...]]:
        async with await psycopg.AsyncConnection.connect(dsn, autocommit=True) as conn:
            await conn.execute("SELECT set_config('statement_timeout', '5min', false)")
            await conn.execute("SELECT set_config('lock_timeout', '7s', false)")
            items = []
            for m in modules:
                files = discover(m.path)
                items.append((m, files, compute_status(m, files, await read_ledger(conn, m))))
            plan = build_plan(items, BASELINE)
            runner = rehearse_plan if rehearse else apply_plan
            result = await runner(conn, {m.name: m for m in modules}, plan)
            cur = await conn.execute(
                "SELECT current_user::text, session_user::text,"
                " current_setting('statement_timeout'), current_setting('lock_timeout'),"
                " current_setting('search_path')"
            )
            row = await cur.fetchone()
            assert row is not None
            return result, tuple(row)

    return asyncio.run(run())


@pytest.fixture
def lowpriv(db_dsn: str) -> Iterator[str]:
    """A role without privileges (roles outlive databases: dropped afterwards)."""
    with psycopg.connect(db_dsn, autocommit=True) as conn:
        conn.execute("CREATE ROLE lowpriv")
    yield "lowpriv"
    with psycopg.connect(db_dsn, autocommit=True) as conn:
        conn.execute("DROP OWNED BY lowpriv")
        conn.execute("DROP ROLE lowpriv")


def _rows(dsn: str, query: str) -> list[tuple[Any, ...]]:
    with psycopg.connect(dsn) as conn:
        return conn.execute(query).fetchall()


@pytest.mark.parametrize("no_transaction", [False, True], ids=["transactional", "no-transaction"])
def test_set_role_and_timeout_in_one_module_reach_nothing_after_it(
    db_dsn: str, tmp_path: Path, lowpriv: str, no_transaction: bool
) -> None:
    head = "-- pgdbm:no-transaction\n" if no_transaction else ""
    a = write_folder(
        tmp_path / "a",
        {
            "001.sql": f"{head}SET ROLE lowpriv;\nSET statement_timeout = 200;\n"
            "SET search_path TO pg_catalog;\n",
            "002.sql": SEEN,
        },
    )
    b = write_folder(tmp_path / "b", {"001.sql": "SELECT pg_sleep(0.3);\n" + SEEN})
    modules = [single_module(a, "a").modules[0], single_module(b, "b").modules[0]]
    result, after = _run(db_dsn, modules)
    assert result.ok, result.error
    login = after[1]
    # The next migration of the same module, and the other module, start from the profile's
    # state: not lowpriv, not 200 ms (b sleeps 300 ms), their own search path.
    assert _rows(db_dsn, "SELECT * FROM a.seen") == [(login, login, "5min", "a, public")]
    assert _rows(db_dsn, "SELECT * FROM b.seen") == [(login, login, "5min", "b, public")]
    # The ledger writes and b's ledger DDL ran as the login.
    assert _rows(db_dsn, "SELECT DISTINCT applied_by FROM a.schema_migrations") == [(login,)]
    assert _rows(db_dsn, "SELECT DISTINCT applied_by FROM b.schema_migrations") == [(login,)]
    owners = "SELECT DISTINCT tableowner::text FROM pg_tables WHERE tablename = 'schema_migrations'"
    assert _rows(db_dsn, owners) == [(login,)]
    # And whatever runs on the connection afterwards (the pool's next user).
    assert after == (login, login, "5min", "7s", '"$user", public')


def test_set_search_path_does_not_move_the_next_files_tables(db_dsn: str, tmp_path: Path) -> None:
    with psycopg.connect(db_dsn, autocommit=True) as conn:
        conn.execute("CREATE SCHEMA elsewhere")
    folder = write_folder(
        tmp_path / "m",
        {"001.sql": "SET search_path TO elsewhere;\n", "002.sql": "CREATE TABLE loose (id int);\n"},
    )
    result, after = _run(db_dsn, [single_module(folder, None).modules[0]])
    assert result.ok, result.error
    where = "SELECT schemaname::text FROM pg_tables WHERE tablename = 'loose'"
    assert _rows(db_dsn, where) == [("public",)]
    assert after[-1] == '"$user", public'


def test_set_session_authorization_is_undone(db_dsn: str, tmp_path: Path, lowpriv: str) -> None:
    folder = write_folder(
        tmp_path / "m", {"001.sql": "SET SESSION AUTHORIZATION lowpriv;\n", "002.sql": SEEN}
    )
    result, after = _run(db_dsn, [single_module(folder, "app").modules[0]])
    assert result.ok, result.error
    login = after[1]
    assert login != "lowpriv"
    assert _rows(db_dsn, "SELECT who, login FROM app.seen") == [(login, login)]


def test_a_rehearsal_resets_between_steps_too(db_dsn: str, tmp_path: Path, lowpriv: str) -> None:
    folder = write_folder(
        tmp_path / "m",
        {
            "001.sql": "SET ROLE lowpriv;\nSET statement_timeout = 200;\n",
            "002.sql": "SELECT pg_sleep(0.3);\n"
            "DO $$BEGIN ASSERT current_user <> 'lowpriv'; END$$;\n",
        },
    )
    result, after = _run(db_dsn, [single_module(folder, "app").modules[0]], rehearse=True)
    assert result.ok, result.error
    assert after[0] != "lowpriv"
    assert after[2:4] == ("5min", "7s")


def test_the_shared_audit_write_after_a_set_role_file_succeeds(
    db_dsn: str, tmp_path: Path, lowpriv: str, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    from schemadesk.cli import main

    with psycopg.connect(db_dsn, autocommit=True) as conn:
        conn.execute("CREATE SCHEMA ops")
    monkeypatch.setenv("SCHEMADESK_AUDIT_SCHEMA", "ops")
    folder = write_folder(
        tmp_path / "m", {"001.sql": "SET ROLE lowpriv;\nSET statement_timeout = 200;\n"}
    )
    args = ["--dsn", db_dsn, "--migrations", str(folder), "--schema", "app", "--yes"]
    assert main(["apply", *args]) == 0
    assert "audit" not in capsys.readouterr().err  # no "not written" warning
    rows = _rows(db_dsn, "SELECT count(*) FROM ops.schemadesk_audit")
    assert rows == [(1,)]


@pytest.mark.parametrize(
    "text",
    [
        "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY;\n",
        "SET default_transaction_read_only = on;\n",
        "SET datestyle = 'SQL, DMY';\nSET client_min_messages = error;\n",
    ],
)
def test_a_hostile_session_setting_does_not_stop_the_next_file(
    db_dsn: str, tmp_path: Path, text: str
) -> None:
    folder = write_folder(tmp_path / "m", {"001.sql": text, "002.sql": SEEN})
    result, _after = _run(db_dsn, [single_module(folder, "app").modules[0]])
    assert result.ok, result.error
    assert [r.filename for r in result.applied] == ["001.sql", "002.sql"]
    with psycopg.connect(db_dsn) as conn:
        assert conn.execute("SELECT count(*) FROM app.seen").fetchone() == (1,)
