"""``schemadesk status | plan | apply`` with Alembic modules, end to end."""

from __future__ import annotations

import io
import json
from pathlib import Path

import psycopg
import pytest

from schemadesk.cli import main
from tests.alembic_engine.conftest import DATA, INI, alembic_cli, revisions_in

pytestmark = pytest.mark.db
pytest.importorskip("alembic")


class FakeTerminal(io.StringIO):
    """stdin of a terminal where the user types what the buffer holds."""

    def isatty(self) -> bool:
        return True


def _project(dsn: str, *extra: str) -> list[str]:
    return ["--dsn", dsn, "--project", str(DATA), *extra]


def test_status_lists_alembic_modules_with_their_states(
    db_dsn: str, capsys: pytest.CaptureFixture[str]
) -> None:
    alembic_cli(INI, db_dsn, "catalog", "upgrade", "c20000000002")
    assert main(["status", *_project(db_dsn), "--json"]) == 0
    data = {m["module"]: m for m in json.loads(capsys.readouterr().out)}
    assert set(data) == {"accounts", "catalog", "orders"}
    catalog = data["catalog"]
    assert catalog["kind"] == "alembic"
    assert catalog["heads"] == ["c20000000002"]
    assert catalog["counts"]["unverifiable"] == 2
    assert catalog["counts"]["applied"] == 0
    assert catalog["pending"] == ["c20000000003"]
    assert main(["status", *_project(db_dsn)]) == 0
    out = capsys.readouterr().out
    assert "c20000000002_create_items.py" in out
    assert "unverifiable" in out


def test_plan_prints_the_offline_sql(db_dsn: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", *_project(db_dsn, "--only", "accounts")]) == 0
    out = capsys.readouterr().out
    assert "-x schema=accounts" in out
    assert "schema accounts does not exist yet" in out
    assert "CREATE TABLE accounts.users" in out
    assert "command.upgrade(cfg, 'accounts@head')" in out


def test_apply_asks_then_runs_and_alembic_agrees(
    db_dsn: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", FakeTerminal("n\n"))
    assert main(["apply", *_project(db_dsn, "--only", "catalog")]) == 5
    assert "CREATE TABLE catalog.items" in capsys.readouterr().out
    with psycopg.connect(db_dsn) as conn:
        assert conn.execute("SELECT to_regnamespace('catalog')").fetchone() == (None,)
    monkeypatch.setattr("sys.stdin", FakeTerminal("y\n"))
    assert main(["apply", *_project(db_dsn, "--only", "catalog")]) == 0
    err = capsys.readouterr().err
    assert "[3/3] catalog/c20000000003_items_price.py: applied" in err
    assert revisions_in(alembic_cli(INI, db_dsn, "catalog", "current").stdout) == {"c20000000003"}
    assert main(["apply", *_project(db_dsn, "--only", "catalog"), "--yes"]) == 0
    assert "nothing to apply" in capsys.readouterr().out


def test_a_mismatched_pair_from_the_command_line_is_refused(
    db_dsn: str, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["--dsn", db_dsn, "--alembic", str(INI), "--schema", "accounts", "--branch", "catalog"]
    assert main(["apply", *argv, "--yes"]) == 5
    err = capsys.readouterr().err
    assert "branch 'catalog' does not belong to schema 'accounts'" in err
    with psycopg.connect(db_dsn) as conn:
        assert conn.execute("SELECT to_regnamespace('accounts')").fetchone() == (None,)
    assert main(["plan", *argv]) == 5
    # the matching pair goes through
    good = ["--dsn", db_dsn, "--alembic", str(INI), "--schema", "accounts"]
    assert main(["apply", *good, "--yes", "--json"]) == 0
    done = json.loads(capsys.readouterr().out)
    assert [r["filename"] for r in done["alembic"][0]["result"]["results"]] == [
        "a10000000001_init_accounts_schema.py",
        "a10000000002_create_users.py",
    ]


def test_read_only_refuses(db_dsn: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["apply", "--read-only", *_project(db_dsn, "--only", "accounts"), "--yes"]) == 5
    assert "read-only" in capsys.readouterr().err


def test_a_failing_revision_exits_1_naming_the_file(
    db_dsn: str, repo_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = repo_copy / "repo" / "versions" / "c20000000002_create_items.py"
    bad.write_text(
        bad.read_text(encoding="utf-8").replace(
            "CREATE TABLE catalog.items", "CREATE TABLE nope.x"
        ),
        encoding="utf-8",
    )
    argv = ["--dsn", db_dsn, "--project", str(repo_copy), "--only", "catalog", "--yes"]
    assert main(["apply", *argv]) == 1
    err = capsys.readouterr().err
    assert "c20000000002_create_items.py" in err
    assert 'schema "nope" does not exist' in err


def test_status_without_a_project_shows_the_version_tables(
    db_dsn: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    alembic_cli(INI, db_dsn, "catalog", "upgrade", "c20000000002")
    monkeypatch.chdir(tmp_path)
    assert main(["status", "--dsn", db_dsn, "--json"]) == 0
    captured = capsys.readouterr()
    assert "no project here" in captured.err
    (catalog,) = json.loads(captured.out)
    assert (catalog["module"], catalog["heads"], catalog["detected"]) == (
        "catalog",
        ["c20000000002"],
        True,
    )
    assert [r["state"] for r in catalog["rows"]] == ["unverifiable"]
    assert main(["plan", "--dsn", db_dsn]) == 2  # plan and apply still need a project
