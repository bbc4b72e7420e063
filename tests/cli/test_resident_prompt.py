"""A password prompt never happens in the resident's child (no terminal there: getpass would
echo): the caller runs the command itself, and the prompt works as in-process."""

from __future__ import annotations

import os
import pty
import subprocess
from pathlib import Path
from typing import Any

import psycopg
import pytest

from tests.cli.conftest import SCRIPT, Resident
from tests.until import wait_until

pytestmark = pytest.mark.db

PASSWORD = "pw-7711-secret"


def _drain(fd: int) -> bytes:
    os.set_blocking(fd, False)
    seen = b""
    while True:
        try:
            chunk = os.read(fd, 4096)
        except (BlockingIOError, OSError):
            return seen
        if not chunk:
            return seen
        seen += chunk


def test_a_password_prompt_falls_back_to_the_caller(
    resident: Resident, primary_server: Any, tmp_path: Path
) -> None:
    if primary_server.cluster is None:
        pytest.skip("needs a throwaway cluster of the suite (TCP with scram)")
    with psycopg.connect(primary_server.admin_conninfo, autocommit=True) as conn:
        conn.execute("DROP ROLE IF EXISTS rs_bob")
        conn.execute(f"CREATE ROLE rs_bob LOGIN PASSWORD '{PASSWORD}'")
    dsn = primary_server.cluster.tcp_conninfo(user="rs_bob")
    before = resident.served()
    primary, secondary = pty.openpty()
    terminal = b""

    def prompted() -> bool:
        nonlocal terminal
        terminal += _drain(primary)
        return b"Password for" in terminal

    try:
        app = subprocess.Popen(
            # A session of its own whose controlling terminal is the pty, as in a terminal
            # window: the shell, a session leader without one, acquires it by opening it.
            ["sh", "-c", 'exec "$0" "$@" < "$TTY"', str(SCRIPT), "schemas", "--dsn", dsn],
            start_new_session=True,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=resident.env(PGPASSFILE=str(tmp_path / "none"), TTY=os.ttyname(secondary)),
        )
        try:
            wait_until(prompted, "the password prompt")
            os.write(primary, PASSWORD.encode() + b"\n")  # after it: getpass flushes input
            out, err = app.communicate(timeout=60)
        finally:
            if app.poll() is None:
                app.kill()
        terminal += _drain(primary)
    finally:
        os.close(secondary)
        os.close(primary)
        with psycopg.connect(primary_server.admin_conninfo, autocommit=True) as conn:
            conn.execute("DROP ROLE rs_bob")
    assert app.returncode == 0, err
    assert b"public" in out
    assert terminal.count(b"Password for") == 1  # asked once, by the caller
    assert PASSWORD.encode() not in terminal  # not echoed
    assert b"Warning" not in err  # no getpass fallback to an echoing stdin
    assert resident.served() == before + 1  # the child was asked first, and declined
