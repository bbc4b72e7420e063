"""``apply --run-as`` and ``report --run-as``: the same default as the window (the schema's
owner when the login may SET ROLE to it), said before anything runs, recorded in the audit
log; a role the login may not become is refused before anything runs."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from schemadesk.cli import main
from schemadesk.core.audit import AuditLog
from tests.migrations.helpers import write_folder

pytestmark = pytest.mark.db

FILES = {
    "001_orders.sql": "CREATE TABLE {{tables.orders}} (id int PRIMARY KEY);\n",
    "002_fn.sql": "CREATE FUNCTION {{schema}}.f() RETURNS int LANGUAGE sql AS 'SELECT 1';\n",
}


@pytest.fixture
def owner(primary_dsn: str) -> Iterator[str]:
    name = f"app_owner_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(primary_dsn, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE SCHEMA app AUTHORIZATION {}").format(sql.Identifier(name)))
    yield name
    with psycopg.connect(primary_dsn, autocommit=True) as conn:
        conn.execute("DROP SCHEMA app CASCADE")
        conn.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(name)))


def _args(dsn: str, folder: Path, *extra: str) -> list[str]:
    return ["--dsn", dsn, "--migrations", str(folder), "--schema", "app", *extra]


def _owners(dsn: str) -> set[str]:
    with psycopg.connect(dsn) as conn:
        rows = conn.execute(
            "SELECT pg_get_userbyid(relowner) FROM pg_class"
            " WHERE relnamespace = 'app'::regnamespace AND relkind = 'r'"
            " UNION SELECT pg_get_userbyid(proowner) FROM pg_proc"
            " WHERE pronamespace = 'app'::regnamespace"
        ).fetchall()
    return {str(r[0]) for r in rows}


def _login(dsn: str) -> str:
    with psycopg.connect(dsn) as conn:
        row = conn.execute("SELECT current_user::text").fetchone()
    assert row is not None
    return str(row[0])


def test_apply_runs_as_the_owner_by_default(
    primary_dsn: str, owner: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_folder(tmp_path, FILES)
    assert main(["apply", *_args(primary_dsn, folder), "--yes"]) == 0
    err = capsys.readouterr().err
    assert f"runs as: {owner} (SET ROLE {owner}" in err
    assert _owners(primary_dsn) == {owner}
    (record,) = list(AuditLog())
    assert record.target.run_as == owner
    assert f'SET ROLE "{owner}";' in record.sql


def test_apply_run_as_login_leaves_the_login_owning(
    primary_dsn: str, owner: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_folder(tmp_path, FILES)
    assert main(["apply", *_args(primary_dsn, folder), "--yes", "--run-as", "login"]) == 0
    login = _login(primary_dsn)
    assert f"runs as: the login {login}" in capsys.readouterr().err
    assert _owners(primary_dsn) == {login}
    (record,) = list(AuditLog())
    assert record.target.run_as is None


def test_a_role_the_login_may_not_become_is_refused_before_anything_runs(
    primary_dsn: str, owner: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_folder(tmp_path, FILES)
    login = f"deployer_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(primary_dsn, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(login)))
    dsn = psycopg.conninfo.make_conninfo(primary_dsn, user=login)
    try:
        for asked in ("owner", "no_such_role"):
            assert main(["apply", *_args(dsn, folder), "--yes", "--run-as", asked]) == 2
            assert f"the login {login} may not SET ROLE to" in capsys.readouterr().err
        assert _owners(primary_dsn) == set()
        assert list(AuditLog()) == []
    finally:
        with psycopg.connect(primary_dsn, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(login)))


def test_a_report_reviews_the_plan_as_apply_runs_it(
    primary_dsn: str, owner: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_folder(tmp_path, FILES)
    report = tmp_path / "review.md"
    assert main(["report", *_args(primary_dsn, folder), "-o", str(report)]) == 0
    assert f'SET ROLE "{owner}";' in report.read_text()
    # The report's run-as and apply's are the same default: --reviewed accepts it.
    assert main(["apply", *_args(primary_dsn, folder), "--yes", "--reviewed", str(report)]) == 0
    assert _owners(primary_dsn) == {owner}
    capsys.readouterr()


def test_apply_after_a_failed_rehearsal_needs_despite_rehearsal(
    primary_dsn: str, owner: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_folder(
        tmp_path, {**FILES, "003_bad.sql": "SELECT nope FROM {{tables.orders}};\n"}
    )
    assert main(["apply", *_args(primary_dsn, folder), "--rehearse"]) == 1
    capsys.readouterr()
    assert main(["apply", *_args(primary_dsn, folder), "--yes"]) == 5
    err = capsys.readouterr().err
    assert "the last rehearsal of this plan failed" in err
    assert "--despite-rehearsal" in err
    assert _owners(primary_dsn) == set()  # nothing ran
    # Fixed since: the rehearsal was of other files; still said, still an explicit choice.
    (folder / "003_bad.sql").write_text("SELECT 1;\n")
    assert main(["apply", *_args(primary_dsn, folder), "--yes"]) == 5
    assert "other files or checksums" in capsys.readouterr().err
    assert main(["apply", *_args(primary_dsn, folder), "--rehearse"]) == 0
    capsys.readouterr()
    assert main(["apply", *_args(primary_dsn, folder), "--yes"]) == 0
    assert "rehearsal: matches" in capsys.readouterr().err
    assert _owners(primary_dsn) == {owner}


def test_despite_rehearsal_applies_after_a_failed_one(
    primary_dsn: str, owner: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_folder(tmp_path, FILES)
    assert main(["apply", *_args(primary_dsn, folder), "--rehearse", "--run-as", "login"]) == 0
    capsys.readouterr()
    # Rehearsed as the login, applied as the owner (the default): another role.
    assert main(["apply", *_args(primary_dsn, folder), "--yes"]) == 5
    assert "rehearsed as another role" in capsys.readouterr().err
    argv = ["apply", *_args(primary_dsn, folder), "--yes", "--despite-rehearsal"]
    assert main(argv) == 0
    assert _owners(primary_dsn) == {owner}
