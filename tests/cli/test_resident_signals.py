"""Signals through the resident: Ctrl-C on the caller reaches the child; a killed caller's
child does not outlive it."""

from __future__ import annotations

import signal
import subprocess
from collections.abc import Iterator

import psycopg
import pytest
from psycopg.conninfo import conninfo_to_dict

from tests.cli.conftest import SCRIPT, Resident, alive
from tests.until import wait_until

pytestmark = pytest.mark.db


@pytest.fixture
def locked(primary_dsn: str) -> Iterator[psycopg.Connection]:
    """A table the test holds ACCESS EXCLUSIVE: reading its exact size waits on the server."""
    with psycopg.connect(primary_dsn, autocommit=True) as conn:
        conn.execute("CREATE SCHEMA held; CREATE TABLE held.t (id int)")
    with psycopg.connect(primary_dsn) as holder:
        holder.execute("LOCK TABLE held.t IN ACCESS EXCLUSIVE MODE")
        yield holder
        holder.rollback()


def _blocked(dsn: str) -> bool:
    name = conninfo_to_dict(dsn)["dbname"]
    with psycopg.connect(dsn) as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s"
            " AND wait_event_type = 'Lock' AND application_name = 'schemadesk'",
            [name],
        ).fetchone()
    return bool(row and row[0])


def _start_blocked(resident: Resident, dsn: str, *, through: bool) -> subprocess.Popen[bytes]:
    env = resident.env() if through else resident.env(SCHEMADESK_RESIDENT="0")
    app = subprocess.Popen(
        [str(SCRIPT), "schemas", "--exact-sizes", "--dsn", dsn],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    wait_until(lambda: _blocked(dsn), "the command to wait for the locked table")
    return app


@pytest.mark.parametrize("through", [True, False], ids=["resident", "in-process"])
def test_ctrl_c_on_the_caller_interrupts_the_child(
    resident: Resident, primary_dsn: str, locked: psycopg.Connection, through: bool
) -> None:
    before = resident.served()
    app = _start_blocked(resident, primary_dsn, through=through)
    try:
        app.send_signal(signal.SIGINT)
        out, err = app.communicate(timeout=60)
    finally:
        if app.poll() is None:
            app.kill()
    assert app.returncode == 130, err
    assert err == b"schemadesk: interrupted\n"
    assert out == b""
    assert resident.served() == before + (1 if through else 0)
    wait_until(lambda: not _blocked(primary_dsn), "the interrupted read to end")


def test_a_killed_callers_child_goes_too(
    resident: Resident, primary_dsn: str, locked: psycopg.Connection
) -> None:
    app = _start_blocked(resident, primary_dsn, through=True)
    children = resident.status()["children"]
    assert [c["argv"][1:2] for c in children] == [["schemas"]]
    child = children[0]["pid"]
    app.kill()  # SIGKILL: the caller cannot say anything
    app.communicate(timeout=60)
    wait_until(lambda: not alive(child), "the orphaned child to end")
    wait_until(lambda: not _blocked(primary_dsn), "its session to end")
    assert resident.status()["children"] == []
