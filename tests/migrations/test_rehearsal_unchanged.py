"""A rehearsal changes nothing: ledger, catalog, data and sequences are byte-identical after
every kind of rehearsal, and one that would end its own transaction is stopped."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import psycopg
import pytest

from schemadesk.cli import main
from schemadesk.core.migrations.errors import PlanRefused
from schemadesk.core.migrations.files import discover
from schemadesk.core.migrations.models import ApplyResult, Plan
from schemadesk.core.migrations.plan import plan_step
from schemadesk.core.migrations.project import ModuleConfig, single_module
from schemadesk.db.migrations import rehearse
from schemadesk.db.migrations.runner import LockBusy, rehearse_plan
from tests.migrations.helpers import catalog, sd_apply_sync, server_major, write_folder

pytestmark = pytest.mark.db

BASE = {
    "001_users.sql": "CREATE TABLE {{tables.users}} (id serial PRIMARY KEY, name text);\n",
    "002_seed.sql": "INSERT INTO {{tables.users}} (name) VALUES ('a'), ('b');\n",
}


NO_TRANSACTION = "-- pgdbm:no-transaction\nCREATE INDEX CONCURRENTLY i ON app.users (name);\n"


def snapshot(dsn: str) -> str:
    """Everything a rehearsal could change, as one text: the catalog, every table's rows (the
    ledgers' too, with their timestamps), sequences, roles' settings."""
    snap: dict[str, Any] = catalog(dsn)
    with psycopg.connect(dsn) as conn:
        ledgers = conn.execute(
            "SELECT quote_ident(table_schema) || '.' || quote_ident(table_name)"
            " FROM information_schema.columns WHERE column_name = 'applied_by' ORDER BY 1"
        ).fetchall()
        snap["ledgers"] = {
            t: conn.execute(f"SELECT * FROM {t} ORDER BY id").fetchall() for (t,) in ledgers
        }
        snap["sequences"] = conn.execute(
            "SELECT schemaname, sequencename, last_value FROM pg_sequences ORDER BY 1, 2"
        ).fetchall()
        snap["settings"] = conn.execute(
            "SELECT setdatabase, setrole, setconfig FROM pg_db_role_setting ORDER BY 1, 2"
        ).fetchall()
    return repr(snap)


def _module(folder: Path) -> ModuleConfig:
    return single_module(folder, "app").modules[0]


def _rehearse(dsn: str, module: ModuleConfig, plan: Plan | None = None) -> ApplyResult:
    if plan is None:
        files = discover(module.path)
        plan = Plan(tuple(plan_step(module, f, prepare=i == 0) for i, f in enumerate(files)))

    async def run() -> ApplyResult:
        async with await psycopg.AsyncConnection.connect(dsn, autocommit=True) as conn:
            return await rehearse_plan(conn, {module.name: module}, plan)

    return asyncio.run(run())


@pytest.mark.parametrize(
    "files",
    [
        pytest.param({}, id="fresh-database"),
        pytest.param({"003_more.sql": "ALTER TABLE app.users ADD COLUMN x int;\n"}, id="ok"),
        pytest.param({"003_bad.sql": "SELECT 1;\nSELECT 1/0;\n"}, id="failing-step"),
        pytest.param(
            {"003_sets.sql": "SET search_path TO pg_catalog;\nSET statement_timeout = 1234;\n"},
            id="session-sets",
        ),
        pytest.param(
            {
                "003_nt.sql": NO_TRANSACTION,
                "004_after.sql": "ALTER TABLE app.users ADD COLUMN y int;\n",
            },
            id="no-transaction-skipped",
        ),
    ],
)
def test_every_kind_of_rehearsal_leaves_the_database_byte_identical(
    db_dsn: str, tmp_path: Path, files: dict[str, str]
) -> None:
    folder = write_folder(tmp_path / "m", BASE)
    if files:  # the base is applied; the new files are what the rehearsal runs
        assert sd_apply_sync(db_dsn, _module(folder)).ok
        for name, text in files.items():
            (folder / name).write_text(text)
    before = snapshot(db_dsn)
    result = sd_apply_sync(db_dsn, _module(folder), rehearse=True)
    assert snapshot(db_dsn) == before
    assert result.rehearsal
    assert result.ok == ("003_bad.sql" not in files)


@pytest.mark.parametrize(
    "text",
    [
        "INSERT INTO app.users (name) VALUES ('x');\nCOMMIT;\nSELECT 1;\n",
        "INSERT INTO app.users (name) VALUES ('x');\nROLLBACK;\nCREATE TABLE app.leak ();\n",
        "/* a /* nested */ comment */ end;\nCREATE TABLE app.leak ();\n",
        "SELECT 1;\nrollback and chain;\nCREATE TABLE app.leak ();\nCOMMIT;\n",
        "PREPARE TRANSACTION 'x';\n",
    ],
)
def test_a_file_that_would_end_the_rehearsal_is_refused_before_anything_runs(
    db_dsn: str, tmp_path: Path, text: str
) -> None:
    folder = write_folder(tmp_path / "m", {**BASE, "003_tx.sql": text})
    before = snapshot(db_dsn)
    with pytest.raises(PlanRefused, match=r"app/003_tx.sql:\d+:\d+: .* controls the transaction"):
        _rehearse(db_dsn, _module(folder))
    assert snapshot(db_dsn) == before


@pytest.mark.parametrize(
    "text",
    [
        "SELECT 'COMMIT;';\nSELECT $$ ROLLBACK; $$;\n-- COMMIT;\n",
        "CREATE FUNCTION app.f() RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n SELECT 1;\nEND;\n",
        "DO $$BEGIN PERFORM 1; END$$;\n",
    ],
)
def test_transaction_words_elsewhere_are_rehearsed(db_dsn: str, tmp_path: Path, text: str) -> None:
    if "BEGIN ATOMIC" in text and server_major(db_dsn) < 14:
        pytest.skip("BEGIN ATOMIC is PostgreSQL 14+ syntax")
    folder = write_folder(tmp_path / "m", {**BASE, "003_words.sql": text})
    before = snapshot(db_dsn)
    assert _rehearse(db_dsn, _module(folder)).ok
    assert snapshot(db_dsn) == before


@pytest.mark.parametrize(
    "text",
    [
        "SELECT 1;\nROLLBACK AND CHAIN;\nSELECT 2;\n",
        "RELEASE SAVEPOINT schemadesk_step;\n",
    ],
)
def test_without_the_refusal_the_runner_still_stops_a_replaced_transaction(
    db_dsn: str, tmp_path: Path, text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The file checks and the refusal are defences in front; the runner's own guard holds
    # without them: it sees that the step's transaction is not the one it opened.
    monkeypatch.setattr(rehearse, "refuse_transaction_control", lambda *a: None)
    folder = write_folder(tmp_path / "m", {**BASE, "003_tx.sql": text, "004.sql": "SELECT 1;"})
    before = snapshot(db_dsn)
    result = _rehearse(db_dsn, _module(folder))
    assert snapshot(db_dsn) == before
    assert result.error is not None
    assert result.error.transaction_ended
    assert result.error.filename == "003_tx.sql"
    assert [r.filename for r in result.applied] == ["001_users.sql", "002_seed.sql"]


def test_without_the_refusal_a_file_failing_in_a_replaced_transaction_changes_nothing(
    db_dsn: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(rehearse, "refuse_transaction_control", lambda *a: None)
    text = "SELECT 1;\nROLLBACK AND CHAIN;\nCREATE TABLE public.leak ();\nSELECT 1/0;\n"
    folder = write_folder(tmp_path / "m", {**BASE, "003_tx.sql": text})
    before = snapshot(db_dsn)
    result = _rehearse(db_dsn, _module(folder))
    assert snapshot(db_dsn) == before
    assert result.error is not None
    assert (result.error.filename, result.error.line) == ("003_tx.sql", 4)


def test_a_busy_lock_stops_the_rehearsal_unchanged(db_dsn: str, tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "m", BASE)
    before = snapshot(db_dsn)
    with psycopg.connect(db_dsn) as holder:
        holder.execute("SELECT pg_advisory_lock(hashtext('pgdbm_migration_app'))")
        pid = holder.info.backend_pid
        with pytest.raises(LockBusy) as caught:
            _rehearse(db_dsn, _module(folder))
    assert snapshot(db_dsn) == before
    busy = caught.value  # who holds it, as fields the window words for itself
    assert (busy.module, busy.key) == ("app", "pgdbm_migration_app")
    assert busy.holder is not None
    assert busy.holder.pid == pid
    assert "pg_advisory_lock" in busy.holder.query


def test_apply_rehearse_with_a_commit_file_exits_non_zero_and_changes_nothing(
    db_dsn: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_folder(
        tmp_path / "m", {**BASE, "003_commit.sql": "INSERT INTO app.users VALUES (9);\nCOMMIT;\n"}
    )
    before = snapshot(db_dsn)
    args = ["--dsn", db_dsn, "--migrations", str(folder), "--schema", "app"]
    assert main(["apply", "--rehearse", *args]) != 0
    assert "003_commit.sql:2:1" in capsys.readouterr().err
    assert snapshot(db_dsn) == before
    assert main(["report", "--rehearse", *args, "-o", str(tmp_path / "r.html")]) != 0
    assert snapshot(db_dsn) == before
