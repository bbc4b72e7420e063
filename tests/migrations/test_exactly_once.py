"""A failed migration is never run again: side effects happen exactly as often as under pgdbm.

Each case fails where the server gives no position (runtime errors), the case in which the
engine used to replay the file statement by statement to find the line. The same folder is
applied by pgdbm 0.5.0 on one database and by schemadesk on another; what the file did before
failing (rows, a sequence, a program run by the server, a lock wait) is counted on both.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import tempfile
from pathlib import Path

import psycopg
import pytest

from schemadesk.core.migrations.files import discover
from schemadesk.core.migrations.models import ApplyResult, Plan
from schemadesk.core.migrations.plan import plan_step
from schemadesk.core.migrations.project import ModuleConfig, single_module
from schemadesk.db.migrations.runner import apply_plan
from tests.migrations.helpers import pgdbm_apply_sync, write_folder

pytestmark = pytest.mark.db

SETUP = "CREATE TABLE public.t (id int); CREATE SEQUENCE public.s; CREATE SEQUENCE public.tries"


def _setup(*dsns: str) -> None:
    for dsn in dsns:
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(SETUP)


def _apply_unchecked(dsn: str, module: ModuleConfig) -> ApplyResult:
    """schemadesk's runner on every file, whatever the file checks would say (the runner's
    own behaviour is under test, not the checks in front of it)."""
    files = discover(module.path)
    plan = Plan(tuple(plan_step(module, f, prepare=i == 0) for i, f in enumerate(files)))

    async def run() -> ApplyResult:
        async with await psycopg.AsyncConnection.connect(dsn, autocommit=True) as conn:
            return await apply_plan(conn, {module.name: module}, plan)

    return asyncio.run(run())


def _pgdbm(dsn: str, folder: Path) -> None:
    with contextlib.suppress(Exception):  # it fails, as it should; counted afterwards
        pgdbm_apply_sync(dsn, folder, "app")


def _one(dsn: str, query: str) -> object:
    with psycopg.connect(dsn) as conn:
        row = conn.execute(query).fetchone()
        assert row is not None
        return row[0]


def _both(db_dsn: str, second_dsn: str, folder: Path) -> ApplyResult:
    _setup(db_dsn, second_dsn)
    _pgdbm(db_dsn, folder)
    result = _apply_unchecked(second_dsn, single_module(folder, "app").modules[0])
    assert not result.ok
    assert result.error is not None
    return result


def test_commit_inside_a_failing_file_commits_its_row_once(
    db_dsn: str, second_dsn: str, tmp_path: Path
) -> None:
    folder = write_folder(
        tmp_path / "m", {"001.sql": "INSERT INTO public.t VALUES (1);\nCOMMIT;\nSELECT 1/0;\n"}
    )
    result = _both(db_dsn, second_dsn, folder)
    count = "SELECT count(*) FROM public.t"
    assert _one(db_dsn, count) == 1  # pgdbm
    assert _one(second_dsn, count) == 1  # once, not twice
    assert result.error is not None
    assert (result.error.line, result.error.column) == (3, 1)
    assert result.error.transaction_ended  # said: the file ended the migration's transaction
    assert "pgdbm:no-transaction" in (result.error.hint or "")
    assert _one(second_dsn, "SELECT count(*) FROM app.schema_migrations") == 0


def test_copy_from_program_runs_once(db_dsn: str, second_dsn: str, tmp_path: Path) -> None:
    runs = Path(tempfile.mkdtemp(prefix="sd-copy-"))
    os.chmod(runs, 0o777)  # the server's account appends to it
    try:
        log = runs / "runs.log"
        program = f"echo ran >> {log}; echo 7"
        folder = write_folder(
            tmp_path / "m",
            {"001.sql": f"COPY public.t FROM PROGRAM '{program}';\nSELECT 1/0;\n"},
        )
        _setup(db_dsn, second_dsn)
        _pgdbm(db_dsn, folder)
        pgdbm_runs = len(log.read_text().splitlines())
        log.unlink()
        result = _apply_unchecked(second_dsn, single_module(folder, "app").modules[0])
        assert pgdbm_runs == 1
        assert len(log.read_text().splitlines()) == 1
        assert result.error is not None
        assert result.error.line == 2
    finally:
        for f in runs.iterdir():
            f.unlink()
        runs.rmdir()


def test_nextval_before_the_failure_advances_the_sequence_once(
    db_dsn: str, second_dsn: str, tmp_path: Path
) -> None:
    folder = write_folder(
        tmp_path / "m", {"001.sql": "SELECT nextval('public.s');\n\nSELECT 1/0;\n"}
    )
    result = _both(db_dsn, second_dsn, folder)
    last = "SELECT last_value FROM public.s"
    assert _one(db_dsn, last) == _one(second_dsn, last) == 1
    assert result.error is not None
    assert (result.error.line, result.error.sqlstate) == (3, "22012")


def test_a_lock_timeout_is_waited_for_once(db_dsn: str, second_dsn: str, tmp_path: Path) -> None:
    folder = write_folder(
        tmp_path / "m",
        {
            "001.sql": "SELECT nextval('public.tries');\n"
            "SET LOCAL lock_timeout = '50ms';\n"
            "LOCK TABLE public.t IN ACCESS EXCLUSIVE MODE;\n"
        },
    )
    _setup(db_dsn, second_dsn)
    holders = [psycopg.connect(dsn) for dsn in (db_dsn, second_dsn)]
    try:
        for holder in holders:  # holds the table's lock until the end of the test
            holder.execute("LOCK TABLE public.t IN ACCESS SHARE MODE")
        _pgdbm(db_dsn, folder)
        result = _apply_unchecked(second_dsn, single_module(folder, "app").modules[0])
    finally:
        for holder in holders:
            holder.close()
    tries = "SELECT last_value FROM public.tries"
    assert _one(db_dsn, tries) == _one(second_dsn, tries) == 1
    assert result.error is not None
    assert (result.error.line, result.error.column, result.error.sqlstate) == (3, 1, "55P03")


def test_the_failing_statement_is_found_as_the_server_splits(db_dsn: str, tmp_path: Path) -> None:
    # pgdbm's splitter cuts inside the quoted name; the server does not.
    folder = write_folder(
        tmp_path / "m",
        {"001.sql": 'CREATE TABLE "x;y" (id int);\nINSERT INTO "x;y" VALUES (1);\nSELECT 1/0;'},
    )
    result = _apply_unchecked(db_dsn, single_module(folder, "app").modules[0])
    assert result.error is not None
    assert (result.error.line, result.error.column) == (3, 1)
    assert not result.error.transaction_ended
    assert _one(db_dsn, "SELECT to_regclass('app.\"x;y\"') IS NULL") is True


@pytest.mark.parametrize(
    "text",
    [
        "INSERT INTO public.t VALUES (1);\nCOMMIT;\n",
        "INSERT INTO public.t VALUES (1);\nCOMMIT;\nBEGIN;\nINSERT INTO public.t VALUES (2);\n",
        "ROLLBACK;\nINSERT INTO public.t VALUES (1);\n",
    ],
)
def test_a_file_that_ends_its_transaction_gets_no_ledger_row_and_stops_the_run(
    db_dsn: str, tmp_path: Path, text: str
) -> None:
    _setup(db_dsn)
    folder = write_folder(
        tmp_path / "m", {"001.sql": text, "002.sql": "INSERT INTO public.t VALUES (3);\n"}
    )
    result = _apply_unchecked(db_dsn, single_module(folder, "app").modules[0])
    assert result.error is not None
    assert result.error.transaction_ended
    assert result.error.filename == "001.sql"
    assert "pgdbm:no-transaction" in (result.error.hint or "")
    assert _one(db_dsn, "SELECT count(*) FROM app.schema_migrations") == 0
    # What the file committed itself stays (as under pgdbm); its second transaction and the
    # next file did not run to a commit.
    assert _one(db_dsn, "SELECT count(*) FROM public.t WHERE id <> 1") == 0
