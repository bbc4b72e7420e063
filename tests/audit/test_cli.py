"""``schemadesk report | audit`` and the audit records of the changing commands, end to end."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import psycopg
import pytest

from schemadesk.cli import main
from schemadesk.core.audit import AuditLog, Outcome, scan_for_secrets
from tests.audit.conftest import FAILING, FILES, PasswordLogin
from tests.migrations.helpers import ledger_rows, write_folder

pytestmark = pytest.mark.db


def _args(dsn: str, folder: Path) -> list[str]:
    return ["--dsn", dsn, "--migrations", str(folder), "--schema", "app"]


def _schema_exists(dsn: str, name: str) -> bool:
    with psycopg.connect(dsn) as conn:
        row = conn.execute("SELECT to_regnamespace(%s) IS NOT NULL", [name]).fetchone()
    assert row is not None
    return bool(row[0])


def test_failed_apply_is_recorded_with_its_line_locally_and_in_the_database(
    db_dsn: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with psycopg.connect(db_dsn, autocommit=True) as conn:
        conn.execute("CREATE SCHEMA trail")
    monkeypatch.setenv("SCHEMADESK_AUDIT_SCHEMA", "trail")
    folder = write_folder(tmp_path / "m", {**FILES, "003_events.sql": FAILING})
    assert main(["apply", *_args(db_dsn, folder), "--yes"]) == 1
    assert "003_events.sql:3:" in capsys.readouterr().err

    (record,) = AuditLog().read()
    assert record.outcome is Outcome.FAILED
    assert record.kind == "apply-migrations"
    assert record.error is not None
    assert (record.error.file, record.error.line, record.error.sqlstate) == (
        "app/003_events.sql",
        3,
        "22P02",
    )
    assert [s.outcome for s in record.steps] == ["applied", "applied", "failed"]
    assert all(s.duration_ms is not None for s in record.steps)
    assert record.duration_ms > 0
    assert """INSERT INTO "app".events VALUES ('x');""" in record.sql
    assert record.checksums["app/003_events.sql"] == record.steps[2].checksum
    assert record.target.database == psycopg.conninfo.conninfo_to_dict(db_dsn)["dbname"]
    assert record.target.schema == "app"

    # The failed migration rolled back; its record, written afterwards, stayed.
    with psycopg.connect(db_dsn) as conn:
        assert conn.execute("SELECT to_regclass('app.events')").fetchone() == (None,)
        rows = conn.execute(
            "SELECT id, outcome, error FROM trail.schemadesk_audit ORDER BY at"
        ).fetchall()
    assert rows == [(record.id, "failed", record.error.describe())]
    assert [r[0] for r in ledger_rows(db_dsn, "app.schema_migrations")] == list(FILES)

    assert main(["audit", "--json", "--outcome", "failed"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(r["number"], r["id"]) for r in listed] == [(1, record.id)]
    assert main(["audit", "--json", "--outcome", "succeeded"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["audit"]) == 0
    out = capsys.readouterr().out
    assert "app/003_events.sql:3:" in out
    assert record.id[:8] in out


def test_apply_reviewed_refuses_a_changed_file_and_runs_the_reviewed_one(
    db_dsn: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_folder(tmp_path / "m", FILES)
    report = tmp_path / "review.html"
    assert main(["report", *_args(db_dsn, folder), "--output", str(report)]) == 0
    err = capsys.readouterr().err
    assert f"review report written to {report}" in err
    assert "content SHA-256" in err
    html = report.read_text(encoding="utf-8")
    assert "app/002_name.sql" in html

    original = (folder / "002_name.sql").read_text(encoding="utf-8")
    (folder / "002_name.sql").write_text(
        "ALTER TABLE {{tables.users}} ADD COLUMN name varchar(80);\n", encoding="utf-8"
    )
    assert main(["apply", *_args(db_dsn, folder), "--reviewed", str(report), "--yes"]) == 5
    err = capsys.readouterr().err
    assert "app/002_name.sql: the file changed since the review" in err
    assert "app/001_users.sql" not in err
    assert not _schema_exists(db_dsn, "app")
    assert AuditLog().read() == []  # refused before anything ran: nothing to record

    (folder / "002_name.sql").write_text(original, encoding="utf-8")
    assert main(["apply", *_args(db_dsn, folder), "--reviewed", str(report), "--yes"]) == 0
    assert "the plan matches the review" in capsys.readouterr().err
    (record,) = AuditLog().read()
    assert record.outcome is Outcome.SUCCEEDED
    assert [s.label for s in record.steps] == ["app/001_users.sql", "app/002_name.sql"]
    assert [r[0] for r in ledger_rows(db_dsn, "app.schema_migrations")] == list(FILES)


def test_apply_reviewed_refuses_an_added_step_and_a_tampered_report(
    db_dsn: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_folder(tmp_path / "m", FILES)
    report = tmp_path / "review.md"
    assert main(["report", *_args(db_dsn, folder), "--output", str(report)]) == 0
    assert report.read_text(encoding="utf-8").startswith("<!--schemadesk:body-->\n# Apply 2")
    capsys.readouterr()

    write_folder(folder, {"003_more.sql": "ALTER TABLE {{tables.users}} ADD x int;\n"})
    assert main(["apply", *_args(db_dsn, folder), "--reviewed", str(report), "--yes"]) == 5
    assert "app/003_more.sql: planned, but not in the report (added)" in capsys.readouterr().err
    (folder / "003_more.sql").unlink()

    text = report.read_text(encoding="utf-8")
    report.write_text(text.replace("ADD COLUMN name text", "ADD COLUMN name int"), "utf-8")
    assert main(["apply", *_args(db_dsn, folder), "--reviewed", str(report), "--yes"]) == 5
    assert "the report was edited after it was written" in capsys.readouterr().err
    assert not _schema_exists(db_dsn, "app")


def test_report_of_a_past_action_and_accept_checksum_recorded(
    db_dsn: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_folder(tmp_path / "m", FILES)
    assert main(["apply", *_args(db_dsn, folder), "--yes"]) == 0
    (folder / "002_name.sql").write_text(
        "ALTER TABLE {{tables.users}} ADD COLUMN name text; -- edited\n", encoding="utf-8"
    )
    assert main(["accept-checksum", *_args(db_dsn, folder), "002_name.sql", "--yes"]) == 0
    applied, accepted = AuditLog().read()
    assert accepted.kind == "accept-checksum"
    assert accepted.outcome is Outcome.SUCCEEDED
    assert accepted.steps[0].label == "app/002_name.sql"
    assert "UPDATE" in accepted.sql
    assert accepted.steps[0].checksum in accepted.sql

    past = tmp_path / "past.md"
    capsys.readouterr()
    assert main(["report", "--from-audit", "1", "--output", str(past)]) == 0
    text = past.read_text(encoding="utf-8")
    assert applied.id in text
    assert "| Outcome | **succeeded** |" in text
    assert main(["report", "--from-audit", "-1", "--format", "html"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("<!DOCTYPE html>")
    assert accepted.id in out
    assert main(["report", "--from-audit", "7"]) == 2
    assert "no audit record #7" in capsys.readouterr().err


def test_no_password_in_the_log_the_table_or_the_reports(
    password_login: PasswordLogin,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    login = password_login
    without = login.dsn.replace(f" password={login.password}", "")
    with pytest.raises(psycopg.OperationalError, match="password"):
        psycopg.connect(without).close()  # the password is needed, and so is used
    assert scan_for_secrets(login.dsn, [login.password])  # the scanner sees it where it is

    monkeypatch.setenv("SCHEMADESK_AUDIT_SCHEMA", "audit")
    folder = write_folder(tmp_path / "m", FILES)
    args = _args(login.dsn, folder)
    html, md, past = tmp_path / "r.html", tmp_path / "r.md", tmp_path / "past.html"
    assert main(["report", *args, "--rehearse", "--findings", "--output", str(html)]) == 0
    assert main(["report", *args, "--output", str(md)]) == 0
    assert main(["apply", *args, "--reviewed", str(html), "--yes"]) == 0
    write_folder(folder, {"003_events.sql": FAILING})
    assert main(["apply", *args, "--yes"]) == 1
    grant = ["--role", login.grantee, "--schema", "app", "USAGE", "--yes"]
    assert main(["grant", "--dsn", login.dsn, *grant]) == 0
    assert main(["revoke", "--dsn", login.dsn, *grant]) == 0
    assert main(["report", "--from-audit", "-1", "--output", str(past)]) == 0
    assert main(["audit", "--json"]) == 0
    assert main(["audit"]) == 0
    out, err = capsys.readouterr()
    reviewed = html.read_text(encoding="utf-8")
    assert "2 migration(s) ran and were rolled back" in reviewed  # --rehearse
    assert f"<code>{login.role}</code>" in reviewed  # the login, never its password

    records = AuditLog().read()
    assert [(r.kind, str(r.outcome)) for r in records] == [
        ("rehearse", "succeeded"),
        ("apply-migrations", "succeeded"),
        ("apply-migrations", "failed"),
        ("change-set", "succeeded"),
        ("change-set", "succeeded"),
    ]
    assert {r.db_user for r in records} == {login.role}
    assert {r.target.host for r in records} == {"127.0.0.1"}
    assert 'GRANT USAGE ON SCHEMA "app" TO' in records[3].sql
    with psycopg.connect(login.admin_dsn) as conn:
        table: list[Any] = conn.execute(
            "SELECT t::text FROM audit.schemadesk_audit t ORDER BY at"
        ).fetchall()
    assert len(table) == 5

    outputs = {
        "audit.jsonl": AuditLog().path.read_text(encoding="utf-8"),
        "audit table": "\n".join(row[0] for row in table),
        "report.html": html.read_text(encoding="utf-8"),
        "report.md": md.read_text(encoding="utf-8"),
        "past.html": past.read_text(encoding="utf-8"),
        "stdout": out,
        "stderr": err,
    }
    for name, text in outputs.items():
        assert login.role in text or name == "stderr", name  # each output is about this login
        assert scan_for_secrets(text, [login.password]) == [], name
