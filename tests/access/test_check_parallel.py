"""``check --jobs N``: the findings said by several processes are byte for byte what one process
says (text, JSON, ``--fail-on``, ``--schema``), on hostile names, through the real command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from schemadesk.cli import fork_spread, main
from schemadesk.cli.check_parallel import SPREAD_FROM, jobs_for, runs_of
from tests.access.conftest import HOSTILE, Roles
from tests.cli.forks import forks_counted

Conn = psycopg.Connection[tuple[object, ...]]
SCRIPT = Path(sys.executable).parent / "schemadesk"  # the console script a user runs
NAMES = (
    *HOSTILE,
    "esc\x1b[2Kgone",
    "bidi\u202etxt.exe",
    "cr\rback",
    *(f"svc_{i}" for i in range(8)),
)


@pytest.fixture
def broken(admin: Conn, roles: Roles, tmp_path: Path) -> list[str]:
    """Schemas that break the convention in several ways each; the CLI's arguments to check them."""
    for i, name in enumerate(NAMES):
        ident = sql.Identifier(name)
        admin.execute(sql.SQL("CREATE SCHEMA {}").format(ident))
        admin.execute(sql.SQL("CREATE TABLE {}.t (id serial PRIMARY KEY, doc jsonb)").format(ident))
        if i % 2:  # every other schema has its roles, some of their rights missing
            owner, rw = roles.create(f"{i}_owner"), roles.create(f"{i}_rw")
            admin.execute(
                sql.SQL("ALTER SCHEMA {} OWNER TO {}").format(ident, sql.Identifier(owner))
            )
            admin.execute(sql.SQL("GRANT SELECT ON {}.t TO {}").format(ident, sql.Identifier(rw)))
        if i % 3 == 0:
            admin.execute(sql.SQL("GRANT CREATE ON SCHEMA {} TO PUBLIC").format(ident))
    # Role names made from the schema's position: a 63-byte schema name still names a role.
    config = tmp_path / "schemadesk.toml"
    config.write_text(
        "[conventions]\n"
        f"owner_role = {json.dumps(roles.prefix + '{schema}_owner')}\n"
        f"rw_role = {json.dumps(roles.prefix + '{schema}_rw')}\n"
        f"migrator_role = {json.dumps(roles.prefix + 'migrator')}\n",
        encoding="utf-8",
    )
    return ["--config", str(config)]


def _check(db_dsn: str, *args: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "SCHEMADESK_RESIDENT": "0"}
    return subprocess.run(
        [str(SCRIPT), "check", "--dsn", db_dsn, *args], capture_output=True, env=env, check=False
    )


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--json"],
        ["--fail-on", "warning"],
        ["--schema", "svc_3", "--schema", NAMES[5], "--schema", "pg_catalog", "--schema", "svc_3"],
    ],
    ids=["text", "json", "fail-on", "schemas"],
)
def test_several_processes_print_what_one_prints(
    broken: list[str], db_dsn: str, args: list[str]
) -> None:
    one = _check(db_dsn, *broken, *args, "--jobs", "1")
    assert one.returncode == (6 if "--fail-on" in args else 0), one.stderr
    assert one.stdout.count(b"error: ") + one.stdout.count(b'"severity": "error"') >= 4
    for jobs in ("2", "3", "7", "40"):  # more processes than schemas: one schema each at most
        many = _check(db_dsn, *broken, *args, "--jobs", jobs)
        assert many.stdout == one.stdout, jobs
        assert many.stderr == one.stderr
        assert many.returncode == one.returncode
    if "--json" in args:
        assert len(json.loads(one.stdout)) >= 20


def test_nothing_found_says_so_once(admin: Conn, db_dsn: str, tmp_path: Path) -> None:
    admin.execute("CREATE SCHEMA a; CREATE SCHEMA b")
    config = tmp_path / "schemadesk.toml"
    config.write_text('[conventions]\ninclude = ["nothing*"]\n', encoding="utf-8")
    for jobs in ("1", "3"):
        done = _check(db_dsn, "--config", str(config), "--jobs", jobs)
        assert done.stdout == b"no findings: every checked schema follows the convention\n"
        assert _check(db_dsn, "--config", str(config), "--json", "--jobs", jobs).stdout == b"[]\n"


def test_the_processes_are_really_forked(
    broken: list[str],
    db_dsn: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    forks = forks_counted(monkeypatch)
    monkeypatch.setattr(fork_spread, "can_fork", lambda: True)  # whatever threads pytest has
    capsys.readouterr()
    assert main(["check", "--dsn", db_dsn, *broken, "--jobs", "3"]) == 0
    spread_out = capsys.readouterr().out
    assert len(forks) == 2
    assert main(["check", "--dsn", db_dsn, *broken, "--jobs", "1"]) == 0
    assert capsys.readouterr().out == spread_out
    assert len(forks) == 2


def test_jobs_by_default_one_per_core_only_for_large_catalogs() -> None:
    assert jobs_for(None, SPREAD_FROM - 1) == 1
    assert jobs_for(None, SPREAD_FROM) == min(fork_spread.usable_cores(), 32)
    assert jobs_for(5, 3) == 3
    assert jobs_for(1, 50_000) == 1
    assert runs_of(list("abcdefg"), 3) == [["a", "b", "c"], ["d", "e"], ["f", "g"]]
    assert runs_of(list("ab"), 5) == [["a"], ["b"]]


def test_jobs_must_be_a_positive_number(capsys: pytest.CaptureFixture[str]) -> None:
    for bad in ("0", "-2", "two"):
        with pytest.raises(SystemExit) as stopped:
            main(["check", "--dsn", "dbname=unused", "--jobs", bad])
        assert stopped.value.code == 2
        assert "--jobs" in capsys.readouterr().err
