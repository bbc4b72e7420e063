"""What refuses a folder before any SQL runs: transaction control, bad folders, status gates."""

from __future__ import annotations

import json
from pathlib import Path

import psycopg
import pytest

from schemadesk.cli import main
from tests.migrations.helpers import catalog, ledger_rows, server_major, write_folder

pytestmark = pytest.mark.db

GOOD = {
    "001_users.sql": "CREATE TABLE {{tables.users}} (id int PRIMARY KEY);\n",
    "002_fill.sql": "INSERT INTO {{tables.users}} VALUES (1);\n",
}


def _args(dsn: str, folder: Path, *extra: str) -> list[str]:
    return ["--dsn", dsn, "--migrations", str(folder), "--schema", "app", *extra]


@pytest.mark.parametrize(
    ("statement", "keyword"),
    [
        ("COMMIT", "COMMIT"),
        ("rollback", "ROLLBACK"),
        ("end", "END"),
        ("/* c */ begin isolation level serializable", "BEGIN"),
        ("START TRANSACTION", "START TRANSACTION"),
        ("SAVEPOINT s", "SAVEPOINT"),
        ("PREPARE TRANSACTION 'x'", "PREPARE TRANSACTION"),
    ],
)
def test_a_transaction_statement_refuses_every_path_and_nothing_runs(
    db_dsn: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    statement: str,
    keyword: str,
) -> None:
    folder = write_folder(
        tmp_path / "m",
        {
            **GOOD,
            "003_commit.sql": f"INSERT INTO {{{{tables.users}}}} VALUES (2);\n  {statement};\n",
            "004_more.sql": "INSERT INTO {{tables.users}} VALUES (3);\n",
        },
    )
    before = catalog(db_dsn)
    where = f"app/003_commit.sql:2:{3 + statement.upper().index(keyword[:3])}"
    for command in (["apply", "--rehearse"], ["apply", "--yes"], ["plan"]):
        assert main([*command, *_args(db_dsn, folder)]) == 2, command
        err = capsys.readouterr().err
        assert f"blocked: {where}: {keyword} in a migration that runs in one transaction" in err
        assert "-- pgdbm:no-transaction" in err
    assert catalog(db_dsn) == before  # not even the files before it ran
    assert main(["status", *_args(db_dsn, folder), "--fail-on", "blocked"]) == 6
    out, err = capsys.readouterr()
    assert f"{where}: error: {keyword} in a migration" in out
    assert "app: 1 blocked" in err
    # A review report still gets written (it shows the blocker), but nothing is rehearsed.
    main(["report", *_args(db_dsn, folder), "--rehearse", "-o", str(tmp_path / "r")])
    assert f"blocked: {where}: {keyword}" in capsys.readouterr().err
    assert catalog(db_dsn) == before
    # Marked as managing its own transactions, the same statements run.
    if keyword in ("COMMIT", "ROLLBACK", "END"):
        text = (folder / "003_commit.sql").read_text()
        (folder / "003_commit.sql").write_text("-- pgdbm:no-transaction\n" + text)
        assert main(["apply", "--yes", *_args(db_dsn, folder)]) == 0
        assert len(ledger_rows(db_dsn, "app.schema_migrations")) == 4


def test_transaction_words_inside_bodies_strings_and_comments_run(
    db_dsn: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_folder(
        tmp_path / "m",
        {
            "001.sql": "CREATE TABLE {{tables.t}} (s text);\n"
            "-- COMMIT;\n/* ROLLBACK; /* nested */ END; */\n"
            "INSERT INTO {{tables.t}} VALUES ('COMMIT;'), (E'\\';BEGIN;'), ($q$;ABORT;$q$);\n"
            "DO $$ BEGIN PERFORM 1; END $$;\n"
            "DO 'BEGIN PERFORM 2; END';\n"
            "CREATE FUNCTION {{tables.f}}() RETURNS int LANGUAGE sql\n"
            "BEGIN ATOMIC SELECT CASE WHEN true THEN 1 END; SELECT 2; END;\n"
            'CREATE TABLE {{tables.";commit"}} ();\n',
        },
    )
    atomic = server_major(db_dsn) >= 14  # BEGIN ATOMIC is PostgreSQL 14+ syntax
    if not atomic:
        text = (folder / "001.sql").read_text()
        (folder / "001.sql").write_text(text.replace("BEGIN ATOMIC ", "AS $f$ ").replace(
            "SELECT 2; END;", "SELECT 2; $f$;"))  # fmt: skip
    (folder / "001.sql").write_text(
        (folder / "001.sql").read_text().replace('{{tables.";commit"}}', '"app";"";commit"";"')
    )
    assert main(["apply", "--yes", *_args(db_dsn, folder)]) == 2  # the table name splits
    assert "001.sql:9:" in capsys.readouterr().err
    text = (folder / "001.sql").read_text().replace('"app";"";commit"";"', '"app".";commit"')
    (folder / "001.sql").write_text(text)
    assert main(["apply", "--yes", *_args(db_dsn, folder)]) == 0
    with psycopg.connect(db_dsn) as conn:
        assert conn.execute("SELECT app.f()").fetchone() == (2,), atomic
        assert conn.execute("SELECT count(*) FROM app.t").fetchone() == (3,)


def test_a_session_setting_is_warned_but_runs(
    db_dsn: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_folder(
        tmp_path / "m",
        {
            "001.sql": "SET LOCAL lock_timeout = '1s';\nSET statement_timeout = '1min';\n"
            "SET TRANSACTION ISOLATION LEVEL READ COMMITTED;\n SET ROLE postgres;\nRESET ROLE;\n"
            "SET SESSION AUTHORIZATION DEFAULT;\nCREATE TABLE {{tables.t}} ();\n",
            "002.sql": "-- pgdbm:no-transaction\nSET statement_timeout = '1min';\n",
        },
    )
    assert main(["plan", *_args(db_dsn, folder)]) == 0
    err = capsys.readouterr().err
    warned = [line for line in err.splitlines() if line.startswith("warning:")]
    assert [line.split(": ")[1] for line in warned] == [
        "app/001.sql:2:1",
        "app/001.sql:4:2",
        "app/001.sql:5:1",
        "app/001.sql:6:1",
    ]
    assert "SET ROLE in a migration that runs in one transaction changes the session" in err
    assert "SET LOCAL" in warned[0]
    assert main(["apply", "--yes", *_args(db_dsn, folder)]) == 0


@pytest.mark.parametrize("layout", ["missing", "empty", "only-dotfiles", "a-file"])
def test_a_missing_or_empty_migrations_folder_is_bad_input(
    db_dsn: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], layout: str
) -> None:
    folder = tmp_path / "migrations"
    if layout == "empty":
        folder.mkdir()
    elif layout == "only-dotfiles":
        write_folder(folder, {".old.sql": "SELECT 1;", "notes.txt": "x"})
    elif layout == "a-file":
        folder.write_text("SELECT 1;")
    for command in (["status"], ["plan"], ["apply", "--yes"], ["apply", "--rehearse"]):
        assert main([*command, *_args(db_dsn, folder)]) == 2, command
        out, err = capsys.readouterr()
        assert str(folder) in err
        assert "up to date" not in out + err
    with psycopg.connect(db_dsn) as conn:
        assert conn.execute("SELECT to_regnamespace('app')").fetchone() == (None,)


def test_a_mistyped_module_folder_in_a_project_is_bad_input(
    db_dsn: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_folder(tmp_path / "services/users/migrations", GOOD)
    (tmp_path / "schemadesk.toml").write_text(
        '[[modules]]\nname = "users"\npath = "services/users/migrations"\nschema = "users"\n'
        '[[modules]]\nname = "orders"\npath = "services/order/migrations"\nschema = "orders"\n'
    )
    project = ["--dsn", db_dsn, "--project", str(tmp_path)]
    assert main(["plan", *project]) == 2
    assert "module orders: migrations folder" in capsys.readouterr().err
    assert main(["plan", *project, "--only", "users"]) == 0


def test_status_fail_on_gates_a_ci_job(
    db_dsn: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_folder(tmp_path / "m", GOOD)
    gates = ("pending", "drifted", "missing", "blocked")

    def failing() -> set[str]:
        found = set()
        for gate in gates:
            code = main(["status", *_args(db_dsn, folder), "--fail-on", gate])
            assert code in (0, 6), gate
            if code == 6:
                found.add(gate)
        capsys.readouterr()
        return found

    assert failing() == {"pending"}
    assert main(["status", *_args(db_dsn, folder), "--fail-on", "pending", "--json"]) == 6
    out, err = capsys.readouterr()
    assert json.loads(out)[0]["counts"]["pending"] == 2
    assert "schemadesk: status --fail-on: app: 2 pending" in err
    assert main(["apply", "--yes", *_args(db_dsn, folder)]) == 0
    assert failing() == set()
    (folder / "001_users.sql").write_text("CREATE TABLE {{tables.users}} (id bigint);\n")
    (folder / "002_fill.sql").unlink()
    (folder / "003_new.sql").write_text("SELECT 1;\n")
    assert failing() == {"drifted", "missing", "blocked"}
    assert main(["status", *_args(db_dsn, folder), "--fail-on", "pending"]) == 0
    capsys.readouterr()
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "lint --fail-on or status --fail-on" in capsys.readouterr().out


def test_an_unreadable_alembic_module_is_never_up_to_date(
    db_dsn: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("alembic")
    ini = tmp_path / "alembic.ini"
    ini.write_text("[alembic]\nscript_location = %(here)s/no_such_folder\n")
    args = ["--dsn", db_dsn, "--alembic", str(ini), "--schema", "app"]
    for command in (["plan"], ["apply", "--yes"]):
        assert main([*command, *args]) == 2, command
        out, err = capsys.readouterr()
        assert "up to date" not in out + err
        assert "no_such_folder" in err  # the reason, naming what could not be read
    assert main(["status", *args, "--fail-on", "blocked"]) == 2  # bad input, whatever the gate
    assert "no_such_folder" in capsys.readouterr().err
