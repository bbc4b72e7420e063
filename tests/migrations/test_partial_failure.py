"""A no-transaction file that fails half-way says so: how many of its statements were committed,
that no ledger row was written and that the file must be fixed — in the CLI, the progress
events the window shows, the audit record and ``status``."""

from __future__ import annotations

import json
from pathlib import Path

import psycopg
import pytest

from schemadesk.cli import main
from schemadesk.core.audit import AuditLog
from schemadesk.core.migrations.models import ApplyEvent, ApplyEventKind
from schemadesk.core.migrations.project import single_module
from tests.migrations.helpers import sd_apply_sync, write_folder

pytestmark = pytest.mark.db

HALF = (
    "-- pgdbm:no-transaction\n"
    "CREATE TABLE app.a1 (id int);\n"
    "INSERT INTO app.a1 VALUES (1);\n"
    "CREATE TABLE app.a3 (id int);\n"
    "SELECT 1/0;\n"
    "CREATE TABLE app.a5 (id int);\n"
)
SAID = (
    "3 of 5 statements of 007_x.sql were committed; no ledger row was written;"
    " the file must be fixed to be re-runnable"
)


def _folder(tmp_path: Path) -> Path:
    return write_folder(tmp_path / "m", {"001_base.sql": "SELECT 1;\n", "007_x.sql": HALF})


def test_the_engine_and_the_progress_events_say_it(db_dsn: str, tmp_path: Path) -> None:
    events: list[ApplyEvent] = []
    result = sd_apply_sync(
        db_dsn, single_module(_folder(tmp_path), "app").modules[0], events=events
    )
    assert result.error is not None
    assert result.error.partial == SAID
    assert (result.error.line, result.error.column) == (5, 1)
    failed = [e for e in events if e.kind is ApplyEventKind.FAILED]
    assert SAID in failed[0].message  # what the window's progress panel shows
    with psycopg.connect(db_dsn) as conn:
        assert conn.execute("SELECT count(*) FROM app.a1").fetchone() == (1,)
        names = conn.execute("SELECT filename FROM app.schema_migrations").fetchall()
    assert names == [("001_base.sql",)]


def test_cli_audit_and_status_say_it(
    db_dsn: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--dsn", db_dsn, "--migrations", str(_folder(tmp_path)), "--schema", "app"]
    assert main(["apply", "--yes", *args]) == 1
    err = capsys.readouterr().err
    assert f"\n{SAID}\n" in err
    assert "007_x.sql:5:1: division by zero [22012]; " + SAID in err

    record = AuditLog().read()[-1]
    assert record.error is not None
    assert record.error.partial == SAID
    assert record.error.describe().endswith(SAID)

    assert main(["status", *args]) == 0
    out = capsys.readouterr().out
    assert f"app/007_x.sql: warning: {SAID} (audit record {record.id[:8]}" in out
    assert main(["status", *args, "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)[0]["rows"]
    assert [r["partial"] is not None for r in rows] == [False, True]


def test_a_failure_at_the_first_statement_committed_nothing(db_dsn: str, tmp_path: Path) -> None:
    folder = write_folder(
        tmp_path / "m", {"001.sql": "-- pgdbm:no-transaction\nSELECT 1/0;\nSELECT 1;\n"}
    )
    result = sd_apply_sync(db_dsn, single_module(folder, "app").modules[0])
    assert result.error is not None
    assert result.error.partial is None
