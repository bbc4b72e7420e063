"""SIGKILL in the middle of a migration: that migration is fully absent, earlier ones present."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg

from tests.fix_db import TestServer


def _wait(predicate: object, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def test_sigkill_mid_migration_leaves_it_absent_and_earlier_ones_present(
    primary_dsn: str, primary_server: TestServer, tmp_path: Path
) -> None:
    folder = tmp_path / "migrations"
    folder.mkdir()
    (folder / "001_first.sql").write_text("CREATE TABLE {{tables.first}} (id int);\n")
    (folder / "002_slow.sql").write_text(
        "CREATE TABLE {{tables.second}} (id int);\n"
        "INSERT INTO {{tables.second}} VALUES (1);\n"
        "SELECT pg_sleep(2);\n"
    )
    (folder / "003_third.sql").write_text("CREATE TABLE {{tables.third}} (id int);\n")
    app = subprocess.Popen(
        [sys.executable, "-m", "schemadesk", "apply", "--yes", "--dsn", primary_dsn,
         "--migrations", str(folder), "--schema", "shop"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    dbname = psycopg.conninfo.conninfo_to_dict(primary_dsn)["dbname"]

    def sleeping() -> bool:
        with psycopg.connect(primary_server.admin_conninfo) as admin:
            row = admin.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = %s"
                " AND query LIKE %s AND state = 'active'",
                [dbname, "%pg_sleep(2)%"],
            ).fetchone()
        return bool(row and row[0])

    try:
        _wait(sleeping, 60, "the slow migration to run")
        app.send_signal(signal.SIGKILL)
        app.wait(timeout=10)
    finally:
        if app.poll() is None:
            app.kill()

    def no_session_left() -> bool:
        with psycopg.connect(primary_server.admin_conninfo) as admin:
            row = admin.execute(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE datname = %s AND application_name = 'schemadesk'",
                [dbname],
            ).fetchone()
        return bool(row and row[0] == 0)

    # The server notices the dead client once the sleep ends and rolls its transaction back.
    _wait(no_session_left, 30, "the killed session to end")
    with psycopg.connect(primary_dsn) as conn:
        ledger = [r[0] for r in conn.execute("SELECT filename FROM shop.schema_migrations")]
        tables = {
            r[0] for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'shop'")
        }
    assert ledger == ["001_first.sql"]
    assert "first" in tables
    assert "second" not in tables  # the half-run migration left nothing behind
    assert "third" not in tables
