"""Hostile migration folders: escape sequences, newlines in names, symlinks out of the folder
or in a loop, unreadable files and folders, a closed stdout."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from tests.hostile.helpers import assert_clean, run

pytestmark = pytest.mark.db

SECRET = "Hyp0-S3cret-pw"
HIDING = "DROP TABLE IF EXISTS public.victim; -- \x1b[1A\x1b[2K\x1b[1A\n"


def _args(command: str, dsn: str, folder: Path, *extra: str) -> list[str]:
    return [command, "--dsn", dsn, "--migrations", str(folder), "--schema", "app", *extra]


def _tables(dsn: str) -> set[str]:
    with psycopg.connect(dsn) as conn:
        return {r[0] for r in conn.execute("SELECT tablename FROM pg_tables")}


def test_escape_sequences_in_a_migration_are_shown_and_warned(db_dsn: str, tmp_path: Path) -> None:
    folder = tmp_path / "m"
    folder.mkdir()
    (folder / "001_hide.sql").write_text(HIDING)
    status = run(_args("status", db_dsn, folder))
    assert_clean(status)
    assert "001_hide.sql:1:40: warning: holds the control character \\x1b" in status.out
    plan = run(_args("plan", db_dsn, folder))
    assert_clean(plan)
    assert plan.code == 0
    # The DROP line the escapes tried to erase is there, the escapes shown, not obeyed.
    assert "DROP TABLE IF EXISTS public.victim; -- \\x1b[1A\\x1b[2K\\x1b[1A\n" in plan.out
    assert "warning: app/001_hide.sql:1:40: holds the control character" in plan.err
    as_json = run(_args("plan", db_dsn, folder, "--json"))
    assert_clean(as_json)
    step = json.loads(as_json.out)["steps"][0]
    assert step["sql"] == HIDING  # the data is exact; only its display is escaped


def test_a_file_name_with_a_newline_never_prints_as_a_line(db_dsn: str, tmp_path: Path) -> None:
    folder = tmp_path / "m"
    folder.mkdir()
    (folder / "001_ok.sql").write_text("CREATE TABLE {{tables.ok}} (id int);\n")
    (folder / "002_x.sql\nDROP TABLE victim;\n.sql").write_text("SELECT 1;\n")
    for command in ("status", "plan", "apply"):
        result = run(_args(command, db_dsn, folder, *(["--yes"] if command == "apply" else [])))
        assert_clean(result)
        bad = [x for x in result.text.splitlines() if x.startswith("DROP TABLE victim")]
        assert not bad, (command, result.text)
        assert "002_x.sql\\nDROP TABLE victim;\\n.sql" in result.text
    assert result.code == 2  # apply: the name blocks the plan, nothing ran
    assert "ok" not in _tables(db_dsn)


def test_a_symlink_out_of_the_folder_is_refused_as_pgdbm_refuses_it(
    db_dsn: str, tmp_path: Path
) -> None:
    folder = tmp_path / "m"
    folder.mkdir()
    outside = tmp_path / "outside.sql"
    outside.write_text("CREATE TABLE {{tables.outside}} (secret text);\n")
    (folder / "001_ok.sql").write_text("CREATE TABLE {{tables.ok}} (id int);\n")
    (folder / "002_out.sql").symlink_to(outside)
    (folder / "003_passwd.sql").symlink_to("/etc/passwd")
    (folder / "004_inside.sql").symlink_to(folder / "001_ok.sql")  # inside: followed, as pgdbm
    status = run(_args("status", db_dsn, folder))
    assert_clean(status)
    assert f"Migration file '{outside.resolve()}' is outside the migrations directory" in status.out
    assert "Migration file '/etc/passwd' is outside the migrations directory" in status.out
    apply = run(_args("apply", db_dsn, folder, "--yes"))
    assert_clean(apply)
    assert apply.code == 2
    assert "root:" not in apply.text  # /etc/passwd was never read, never printed
    assert "CREATE TABLE" not in apply.text or "outside" not in apply.out
    assert not {"ok", "outside"} & _tables(db_dsn)


def test_symlink_loops_and_dangling_links_are_reported(db_dsn: str, tmp_path: Path) -> None:
    folder = tmp_path / "m"
    folder.mkdir()
    (folder / "001_a.sql").symlink_to(folder / "002_b.sql")
    (folder / "002_b.sql").symlink_to(folder / "001_a.sql")
    (folder / "003_gone.sql").symlink_to(tmp_path / "nowhere.sql")
    status = run(_args("status", db_dsn, folder))
    assert_clean(status)
    assert "001_a.sql: error: is a symlink loop; pgdbm skips it silently" in status.out
    assert "003_gone.sql: error: is a symlink to nothing" in status.out
    assert run(_args("apply", db_dsn, folder, "--yes")).code == 2


@pytest.mark.parametrize("what", ["file", "folder"])
def test_unreadable_files_and_folders_are_exit_2_with_the_path(
    db_dsn: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, what: str
) -> None:
    folder = tmp_path / "m"
    folder.mkdir()
    path = folder / "001_locked.sql"
    path.write_text("SELECT 1;\n")
    locked = path if what == "file" else folder
    locked.chmod(0)
    if os.geteuid() == 0:
        # root reads anything: let the kernel's answer for everyone else come from here.
        denied = PermissionError(13, "Permission denied", str(locked))
        if what == "file":
            monkeypatch.setattr(Path, "read_bytes", lambda self: (_ for _ in ()).throw(denied))
        else:
            monkeypatch.setattr(os, "listdir", lambda p: (_ for _ in ()).throw(denied))
    try:
        for command in ("status", "plan", "apply"):
            extra = ["--yes"] if command == "apply" else []
            result = run(_args(command, db_dsn, folder, *extra))
            assert_clean(result)
            assert result.code == 2, result.text
            assert f"schemadesk: error: cannot read {locked}: Permission denied" in result.err
    finally:
        locked.chmod(0o755)


def test_a_closed_stdout_ends_quietly(db_dsn: str, tmp_path: Path) -> None:
    folder = tmp_path / "m"
    folder.mkdir()
    for i in range(1500):  # far more than a pipe holds: the writer meets the closed end
        (folder / f"{i:05d}_t.sql").write_text(f"CREATE TABLE {{{{tables.t{i}}}}} (id int);\n")
    app = subprocess.Popen(
        [sys.executable, "-m", "schemadesk", *_args("status", db_dsn, folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert app.stdout is not None
    assert app.stderr is not None
    first = app.stdout.readline()
    app.stdout.close()  # what `| head -n 1` does
    with app.stderr:
        err = app.stderr.read().decode()
    assert app.wait(timeout=120) == 0
    assert first.startswith(b"module app")
    assert err == ""  # no BrokenPipeError, no "Exception ignored"
