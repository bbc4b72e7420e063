"""A rehearsal that left out no-transaction files is not "succeeded": ``audit`` lists it as
rehearsed-partly (``--json``: its verdict and the files), while the stored outcome, and the
shared table's column with its CHECK as deployed, stay ``succeeded``."""

from __future__ import annotations

import json
from pathlib import Path

import psycopg
import pytest

from schemadesk.cli import main
from schemadesk.core.audit import AuditLog, Outcome
from tests.migrations.helpers import ledger_rows, write_folder

pytestmark = pytest.mark.db

FILES = {
    "001_t.sql": "CREATE TABLE {{tables.t}} (a int);\n",
    "002_index.sql": (
        "-- pgdbm:no-transaction\nCREATE INDEX CONCURRENTLY t_a ON {{tables.t}} (a);\n"
    ),
}


def _args(dsn: str, folder: Path) -> list[str]:
    return ["--dsn", dsn, "--migrations", str(folder), "--schema", "app"]


def _audit_json(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, object]]:
    assert main(["audit", "--json", *args]) == 0
    listed: list[dict[str, object]] = json.loads(capsys.readouterr().out)
    return listed


def test_a_rehearsal_that_skipped_a_no_transaction_file_is_listed_as_partial(
    db_dsn: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with psycopg.connect(db_dsn, autocommit=True) as conn:
        conn.execute("CREATE SCHEMA trail")
    monkeypatch.setenv("SCHEMADESK_AUDIT_SCHEMA", "trail")
    folder = write_folder(tmp_path / "m", FILES)
    assert main(["apply", *_args(db_dsn, folder), "--rehearse"]) == 0
    capsys.readouterr()

    (record,) = AuditLog().read()
    assert record.outcome is Outcome.SUCCEEDED  # as stored: older readers know this word
    assert record.verdict == "rehearsed-partly"
    assert record.not_rehearsed == ("app/002_index.sql",)

    assert main(["audit"]) == 0
    out = capsys.readouterr().out
    assert "rehearsed-partly" in out
    assert "not rehearsed (no transaction): app/002_index.sql" in out
    (listed,) = _audit_json(capsys)
    assert (listed["outcome"], listed["verdict"]) == ("succeeded", "rehearsed-partly")
    assert listed["not_rehearsed"] == ["app/002_index.sql"]
    assert _audit_json(capsys, "--outcome", "succeeded") == []
    assert [r["id"] for r in _audit_json(capsys, "--outcome", "rehearsed-partly")] == [record.id]

    # The shared table took the record without a migration of its outcome column's CHECK.
    with psycopg.connect(db_dsn) as conn:
        rows = conn.execute("SELECT id, outcome FROM trail.schemadesk_audit").fetchall()
        (check,) = conn.execute(
            "SELECT pg_get_constraintdef(oid) FROM pg_constraint"
            " WHERE conrelid = 'trail.schemadesk_audit'::regclass AND contype = 'c'"
        ).fetchone() or ("",)
    assert rows == [(record.id, "succeeded")]
    assert "rehearsed" not in check
    assert "'cancelled'" in check

    # The apply says which rehearsal it had (no override needed: every file that can ran).
    assert main(["apply", *_args(db_dsn, folder), "--yes"]) == 0
    assert f"rehearsal: partial: rehearsed-partly at {record.when}" in capsys.readouterr().err
    assert [r[0] for r in ledger_rows(db_dsn, "app.schema_migrations")] == list(FILES)
    assert [r["verdict"] for r in _audit_json(capsys)] == ["rehearsed-partly", "succeeded"]

    assert main(["report", "--from-audit", "1", "--format", "md"]) == 0
    assert "**rehearsed partly**" in capsys.readouterr().out


def test_a_rehearsal_of_transactional_files_only_succeeded(
    db_dsn: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_folder(tmp_path / "m", {"001_t.sql": FILES["001_t.sql"]})
    assert main(["apply", *_args(db_dsn, folder), "--rehearse"]) == 0
    capsys.readouterr()
    (listed,) = _audit_json(capsys, "--outcome", "succeeded")
    assert (listed["verdict"], listed["not_rehearsed"]) == ("succeeded", [])
