"""The migration commands end to end: output, confirmation, refusals and exit codes."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from schemadesk.cli import main
from tests.migrations.helpers import DATA, ledger_rows, write_folder

pytestmark = pytest.mark.db

FILES = {
    "001_users.sql": "CREATE TABLE {{tables.users}} (id int PRIMARY KEY);\n",
    "002_name.sql": "ALTER TABLE {{tables.users}} ADD COLUMN name text;\n",
}


class FakeTerminal(io.StringIO):
    """stdin of a terminal where the user types ``answer``."""

    def isatty(self) -> bool:
        return True


def _args(dsn: str, folder: Path, *extra: str) -> list[str]:
    return ["--dsn", dsn, "--migrations", str(folder), "--schema", "app", *extra]


def test_render(capsys: pytest.CaptureFixture[str]) -> None:
    path = DATA / "kitchen" / "1_log.sql"
    assert main(["render", str(path), "--schema", "app"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith('CREATE TABLE "app".log (id serial, msg text);\n')
    assert f"{path}:2:43: warning: {{{{tables.users}}}} is inside a string literal" in err
    assert main(["render", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["text"].startswith("CREATE TABLE log ")
    assert data["placeholders"][0]["replacement"] == "log"


def test_render_refuses_what_pgdbm_refuses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = write_folder(tmp_path, {"x.sql": "SELECT * FROM {{tables.1x}};\n"}) / "x.sql"
    assert main(["render", str(bad), "--schema", "app"]) == 2
    assert "x.sql:1:15: error: invalid table name '1x'" in capsys.readouterr().err
    assert main(["render", str(tmp_path / "nope.sql")]) == 2


def test_status_plan_apply_and_status_again(
    db_dsn: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_folder(tmp_path / "m", FILES)
    assert main(["status", *_args(db_dsn, folder), "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status[0]["counts"]["pending"] == 2
    assert status[0]["ledger_exists"] is False

    assert main(["plan", *_args(db_dsn, folder)]) == 0
    out = capsys.readouterr().out
    assert 'CREATE TABLE "app".users (id int PRIMARY KEY);\n' in out
    assert "SELECT pg_try_advisory_xact_lock(hashtext('pgdbm_migration_' || 'app'));\n" in out
    assert 'CREATE SCHEMA IF NOT EXISTS "app";\n' in out  # the ledger does not exist yet
    assert (
        'INSERT INTO "app"."schema_migrations" (filename, checksum, module_name, '
        "execution_time_ms) VALUES ('002_name.sql', '"
    ) in out
    assert "RESET ALL;\n" in out

    monkeypatch.setattr(sys, "stdin", FakeTerminal("n\n"))
    assert main(["apply", *_args(db_dsn, folder)]) == 5
    assert "declined" in capsys.readouterr().err
    monkeypatch.setattr(sys, "stdin", FakeTerminal("y\n"))
    assert main(["apply", *_args(db_dsn, folder)]) == 0
    out, err = capsys.readouterr()
    assert 'ALTER TABLE "app".users ADD COLUMN name text;' in out
    assert "[1/2] app/001_users.sql: applied in" in err
    assert "[2/2] app/002_name.sql: applied in" in err
    assert [r[0] for r in ledger_rows(db_dsn, "app.schema_migrations")] == list(FILES)

    assert main(["status", *_args(db_dsn, folder)]) == 0
    out = capsys.readouterr().out
    assert "001_users.sql" in out
    assert "applied" in out
    assert main(["apply", *_args(db_dsn, folder), "--yes"]) == 0
    assert "nothing to apply" in capsys.readouterr().out

    assert main(["status", "--dsn", db_dsn, "--ledgers", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == [
        {"schema": "app", "name": "schema_migrations", "rows": 2, "modules": ["app"]}
    ]


def test_apply_refuses_to_prompt_without_a_terminal(db_dsn: str, tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "m", FILES)
    done = subprocess.run(
        [sys.executable, "-m", "schemadesk", "apply", *_args(db_dsn, folder)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONWARNINGS": "error"},
        check=False,
        timeout=60,
    )
    assert done.returncode == 5, done.stderr
    assert "without a terminal" in done.stderr
    with psycopg.connect(db_dsn) as conn:
        assert conn.execute("SELECT to_regnamespace('app')").fetchone() == (None,)


def test_read_only_profile_refuses_apply_and_rehearsal(
    db_dsn: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_folder(tmp_path / "m", FILES)
    for extra in ((), ("--rehearse",)):
        code = main(["apply", "--read-only", *_args(db_dsn, folder), "--yes", *extra])
        assert code == 5
        assert "read-only" in capsys.readouterr().err


def test_rehearse_changes_nothing(
    db_dsn: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_folder(tmp_path / "m", FILES)
    assert main(["apply", "--rehearse", *_args(db_dsn, folder), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["result"]["rehearsal"] is True
    assert [r["outcome"] for r in data["result"]["results"]] == ["applied", "applied"]
    with psycopg.connect(db_dsn) as conn:
        assert conn.execute("SELECT to_regnamespace('app')").fetchone() == (None,)


def test_failure_exit_code_and_location(
    db_dsn: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = {**FILES, "003_bad.sql": "SELECT 1;\nSELECT 2;\nSELECT nope FROM {{tables.users}};\n"}
    folder = write_folder(tmp_path / "m", files)
    assert main(["apply", *_args(db_dsn, folder), "--yes"]) == 1
    err = capsys.readouterr().err
    assert "[3/3] app/003_bad.sql: FAILED" in err
    assert 'error: 003_bad.sql:3:8: column "nope" does not exist [42703]' in err
    assert [r[0] for r in ledger_rows(db_dsn, "app.schema_migrations")] == list(FILES)


def test_drift_blocks_until_accepted(
    db_dsn: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_folder(tmp_path / "m", FILES)
    assert main(["apply", *_args(db_dsn, folder), "--yes"]) == 0
    (folder / "001_users.sql").write_text(
        "CREATE TABLE {{tables.users}} (id bigint PRIMARY KEY);\n"
    )
    (folder / "003_more.sql").write_text("SELECT 1;\n")
    capsys.readouterr()
    assert main(["status", *_args(db_dsn, folder), "--json"]) == 0
    counts = json.loads(capsys.readouterr().out)[0]["counts"]
    assert (counts["drifted"], counts["blocked"]) == (1, 1)
    assert main(["apply", *_args(db_dsn, folder), "--yes"]) == 2
    assert "changed after it was applied" in capsys.readouterr().err
    assert main(["accept-checksum", *_args(db_dsn, folder), "001_users.sql"]) == 5
    assert main(["accept-checksum", *_args(db_dsn, folder), "001_users.sql", "--yes"]) == 0
    assert "app/001_users.sql: accepted" in capsys.readouterr().out
    assert main(["apply", *_args(db_dsn, folder), "--yes"]) == 0
    assert [r[0] for r in ledger_rows(db_dsn, "app.schema_migrations")] == [
        *FILES,
        "003_more.sql",
    ]


def test_project_file_and_guessed_layout(
    db_dsn: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write_folder(tmp_path / "services/users/migrations", FILES)
    write_folder(
        tmp_path / "services/orders/migrations", {"001.sql": "CREATE TABLE {{tables.o}} ();"}
    )
    monkeypatch.chdir(tmp_path)
    assert main(["apply", "--dsn", db_dsn, "--yes"]) == 0
    err = capsys.readouterr().err
    assert "services/<name>/migrations" in err
    assert ledger_rows(db_dsn, "users.schema_migrations")[0][2] == "users"
    assert ledger_rows(db_dsn, "orders.schema_migrations")[0][2] == "orders"
    (tmp_path / "schemadesk.toml").write_text(
        '[[modules]]\nname = "svc"\npath = "services/users/migrations"\nschema = "users"\n'
        'module_name = "users"\n'
    )
    assert main(["status", "--dsn", db_dsn, "--project", str(tmp_path), "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert [s["module"] for s in status] == ["svc"]
    assert status[0]["counts"]["applied"] == 2
    assert main(["--project", str(tmp_path), "plan", "--dsn", db_dsn]) == 0
    assert "nothing to apply" in capsys.readouterr().out
