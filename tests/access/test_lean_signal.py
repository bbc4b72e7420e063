"""A lean read stopped by SIGTERM while the server makes it wait: ``roles`` says it was
interrupted, exits 130 without a traceback, and leaves no session behind on the server."""

from __future__ import annotations

import signal
import subprocess
import sys

import psycopg

from tests.until import wait_until

Conn = psycopg.Connection[tuple[object, ...]]

WAITING = """
SELECT count(*) FROM pg_stat_activity
 WHERE application_name = 'schemadesk' AND wait_event_type = 'Lock'
"""
SESSIONS = "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'schemadesk'"


def _count(admin: Conn, query: str) -> int:
    row = admin.execute(query).fetchone()
    assert row is not None
    return int(str(row[0]))


def test_sigterm_while_the_roles_read_waits_stops_it_cleanly(db_dsn: str) -> None:
    with (
        psycopg.connect(db_dsn, autocommit=True) as admin,
        psycopg.connect(db_dsn) as locker,
    ):
        # The memberships' catalog locked: ``roles`` reads its roles, then waits on this lock
        # (a login does not read it). Its lock_timeout is 5 s; the signal comes long before.
        locker.execute("LOCK TABLE pg_catalog.pg_auth_members IN ACCESS EXCLUSIVE MODE")
        app = subprocess.Popen(
            [sys.executable, "-m", "schemadesk", "roles", "--dsn", db_dsn],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            wait_until(lambda: _count(admin, WAITING) == 1, "roles waiting on the lock", 30)
            app.send_signal(signal.SIGTERM)
            out, err = app.communicate(timeout=30)
        finally:
            if app.poll() is None:
                app.kill()
        locker.rollback()
        assert app.returncode == 130, err
        assert "interrupted by SIGTERM" in err
        assert "Traceback" not in err
        assert out == ""  # nothing half-printed
        wait_until(lambda: _count(admin, SESSIONS) == 0, "its session gone", 30)
