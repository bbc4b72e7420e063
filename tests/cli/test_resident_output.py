"""Through the resident, a command prints and exits exactly as the same command in-process."""

from __future__ import annotations

import os
import pty
import subprocess
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg.conninfo import conninfo_to_dict

from schemadesk.core.lint.squawk import SquawkMissing, squawk_path
from tests.cli.conftest import SCRIPT, Resident

pytestmark = pytest.mark.db

SEED = """
CREATE ROLE app_owner; CREATE ROLE app_rw; CREATE ROLE app_ro;
CREATE SCHEMA app AUTHORIZATION app_owner;
CREATE TABLE app.t (id int GENERATED ALWAYS AS IDENTITY, doc jsonb);
GRANT USAGE ON SCHEMA app TO app_rw, app_ro;
GRANT SELECT ON app.t TO app_ro;
CREATE SCHEMA "数据库";
"""


ROLES = ("app_owner", "app_rw", "app_ro")


@pytest.fixture
def seeded(primary_dsn: str) -> Iterator[str]:
    """The test database with a schema, a table and roles (dropped again: roles are the
    cluster's, and other tests list them)."""
    with psycopg.connect(primary_dsn, autocommit=True) as conn:
        conn.execute(SEED)
    try:
        yield primary_dsn
    finally:
        with psycopg.connect(primary_dsn, autocommit=True) as conn:
            conn.execute("DROP SCHEMA app CASCADE")
            for role in ROLES:
                conn.execute(f"DROP OWNED BY {role}; DROP ROLE {role}")


@pytest.mark.parametrize(
    "argv",
    [
        ["schemas"],
        ["schemas", "--json"],
        ["roles"],
        ["roles", "--json"],
        ["check"],
        ["check", "--json"],
        ["privileges", "--role", "app_ro"],
        ["privileges", "--role", "app_ro", "--json"],
    ],
)
def test_reading_verbs_are_byte_identical(resident: Resident, seeded: str, argv: list[str]) -> None:
    through, alone = resident.both(*argv, "--dsn", seeded)
    assert through == alone
    assert through[0] in (0, 6), through[2]
    assert through[1]  # something was printed


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        (["schemas", "--dsn", "host=/nonexistent-sd dbname=x"], 3),
        (["privileges", "--dsn", "dbname=x"], 2),  # --role missing: argparse's usage error
        (["no-such-verb"], 2),
        (["--version"], 0),
        (["--help"], 0),
        (["resident", "--help"], 0),
    ],
)
def test_errors_help_and_exit_codes_are_the_same(
    resident: Resident, argv: list[str], code: int
) -> None:
    through, alone = resident.both(*argv)
    assert through == alone
    assert through[0] == code


def test_the_callers_environment_is_the_childs(resident: Resident, seeded: str) -> None:
    """libpq's PG* variables (read by C code), SCHEMADESK_DATA_DIR (the log path in --help),
    PYTHONIOENCODING and the locale (how stdout encodes) are the caller's, not the resident's."""
    info = conninfo_to_dict(seeded)
    env = resident.env(
        PGHOST=str(info["host"]),
        PGPORT=str(info.get("port", "5432")),
        PGUSER=str(info.get("user", "")),
        PGDATABASE=str(info["dbname"]),
        PGAPPNAME="from-the-caller",
        PYTHONIOENCODING="latin-1:replace",
        LC_ALL="C.UTF-8",
        SCHEMADESK_DATA_DIR=str(resident.runtime / "elsewhere"),
    )
    through, alone = resident.both("schemas", env=env)
    assert through == alone
    assert through[0] == 0, through[2]
    assert b"app_owner" in through[1]
    assert "数据库".encode() not in through[1]
    assert b"???" in through[1]
    helped, _ = resident.both("--help", env=env)
    assert str(resident.runtime / "elsewhere").encode() in helped[1]


def test_another_interpreter_state_runs_in_process(resident: Resident, seeded: str) -> None:
    """LC_ALL=C turns CPython's UTF-8 mode on at start, which a forked child cannot: the
    resident declines, and the command runs in-process with the same result."""
    env = resident.env(LC_ALL="C")
    before = resident.served()
    through = resident.run("schemas", "--dsn", seeded, env=env)
    alone = resident.run("schemas", "--dsn", seeded, env=env, resident=False)
    assert resident.served() == before
    assert (through.returncode, through.stdout, through.stderr) == (
        alone.returncode,
        alone.stdout,
        alone.stderr,
    )
    assert through.returncode == 0
    assert "数据库".encode() in through.stdout


def test_relative_paths_are_the_callers(resident: Resident, tmp_path: Path) -> None:
    (tmp_path / "001_first.sql").write_text("CREATE TABLE {{tables.first}} (id int);\n")
    through, alone = resident.both("render", "001_first.sql", "--schema", "app", cwd=tmp_path)
    assert through == alone
    assert through[0] == 0
    assert through[1] == b'CREATE TABLE "app".first (id int);\n'
    missing, alone = resident.both("render", "nope.sql", cwd=tmp_path)
    assert missing == alone
    assert missing[0] == 2
    assert b"nope.sql" in missing[2]


def test_a_confirmation_is_read_from_the_callers_terminal(
    resident: Resident, primary_dsn: str
) -> None:
    """The child asks on the caller's terminal and reads its answer: ``n`` declines (5)."""
    before = resident.served()
    primary, secondary = pty.openpty()
    try:
        os.write(primary, b"n\n")
        app = subprocess.run(
            [str(SCRIPT), "provision", "declined_here", "--dsn", primary_dsn],
            stdin=secondary,
            capture_output=True,
            env=resident.env(),
            timeout=60,
            check=False,
        )
    finally:
        os.close(secondary)
        os.close(primary)
    assert app.returncode == 5, app.stderr
    assert b"declined" in app.stderr
    assert resident.served() == before + 1
    with psycopg.connect(primary_dsn) as conn:
        found = conn.execute("SELECT 1 FROM pg_namespace WHERE nspname = 'declined_here'")
        assert found.fetchone() is None


def test_a_closed_reader_ends_the_run_quietly(resident: Resident, seeded: str) -> None:
    shell = f"'{SCRIPT}' roles --dsn '{seeded}' | head -c 10; echo \" $?\""
    through = subprocess.run(
        ["sh", "-c", shell], env=resident.env(), capture_output=True, timeout=60, check=True
    )
    alone = subprocess.run(
        ["sh", "-c", shell],
        env=resident.env(SCHEMADESK_RESIDENT="0"),
        capture_output=True,
        timeout=60,
        check=True,
    )
    assert (through.stdout, through.stderr) == (alone.stdout, alone.stderr)


def test_a_file_is_written_in_the_callers_folder_with_its_umask(
    resident: Resident, primary_dsn: str, tmp_path: Path
) -> None:
    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "001_first.sql").write_text("CREATE TABLE {{tables.first}} (id int);\n")
    before = resident.served()
    shell = 'umask 027 && exec "$0" "$@"'
    args = ["report", "--migrations", "m", "--schema", "app", "--dsn", primary_dsn]
    result = subprocess.run(
        ["sh", "-c", shell, str(SCRIPT), *args, "-o", "review.md"],
        cwd=tmp_path,
        env=resident.env(),
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert resident.served() == before + 1
    written = tmp_path / "review.md"
    assert written.stat().st_mode & 0o777 == 0o640
    assert "001_first.sql" in written.read_text()


def test_temporary_files_go_to_the_callers_tmpdir(resident: Resident, tmp_path: Path) -> None:
    """The resident worked out its own temporary folder while preloading; the child must use
    the caller's TMPDIR, as a fresh process does (lint hands squawk its files there)."""
    try:
        squawk_path()
    except SquawkMissing:
        pytest.skip("lint's temporary folder is made for squawk")
    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "001_first.sql").write_text("CREATE TABLE {{tables.first}} (id int);\n")
    mine = tmp_path / "tmp"
    mine.mkdir()
    os.utime(mine, ns=(0, 0))  # any entry made and removed there moves this on
    before = resident.served()
    result = resident.run(
        "lint", "--migrations", str(tmp_path / "m"), env=resident.env(TMPDIR=str(mine))
    )
    assert result.returncode == 0, result.stderr
    assert resident.served() == before + 1
    assert mine.stat().st_mtime_ns != 0
    assert list(mine.iterdir()) == []
