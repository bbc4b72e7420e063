"""Signals through the resident: Ctrl-C on the caller reaches the child; a killed caller's
child does not outlive it; Ctrl-\\ quits both, Ctrl-Z stops both and ``fg`` continues both."""

from __future__ import annotations

import os
import pty
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

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


def _foreground() -> None:
    """As a shell starts a foreground command: Ctrl-C, Ctrl-\\ and hangups at their defaults (a
    suite run as a background job would otherwise hand its ignored SIGINT and SIGQUIT down)."""
    for number in (signal.SIGINT, signal.SIGQUIT, signal.SIGHUP):
        signal.signal(number, signal.SIG_DFL)


def _nohup() -> None:
    """As ``nohup`` starts a command: hangups ignored."""
    signal.signal(signal.SIGHUP, signal.SIG_IGN)


def _start_blocked(
    resident: Resident, dsn: str, *, through: bool, start: Callable[[], None] = _foreground
) -> subprocess.Popen[bytes]:
    env = resident.env() if through else resident.env(SCHEMADESK_RESIDENT="0")
    app = subprocess.Popen(
        [str(SCRIPT), "schemas", "--exact-sizes", "--dsn", dsn],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=start,  # noqa: PLW1509 - only signal dispositions, before exec
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


@pytest.mark.parametrize("through", [True, False], ids=["resident", "in-process"])
def test_a_hangup_under_nohup_leaves_the_command_running(
    resident: Resident, primary_dsn: str, locked: psycopg.Connection, through: bool
) -> None:
    """``nohup schemadesk ... &``: a hangup is ignored through the resident as in-process."""
    app = _start_blocked(resident, primary_dsn, through=through, start=_nohup)
    try:
        app.send_signal(signal.SIGHUP)  # dropped by the kernel: the caller ignores it
        locked.rollback()  # the lock goes: the command can finish
        out, err = app.communicate(timeout=60)
    finally:
        if app.poll() is None:
            app.kill()
    assert app.returncode == 0, err
    assert b"held" in out


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


@pytest.mark.parametrize("through", [True, False], ids=["resident", "in-process"])
def test_ctrl_backslash_quits_as_a_plain_run_does(
    resident: Resident, primary_dsn: str, locked: psycopg.Connection, through: bool
) -> None:
    """Python has no handler for SIGQUIT: a plain run dies by it, and so does the caller
    whose child it killed (a shell says "Quit" either way)."""
    app = _start_blocked(resident, primary_dsn, through=through)
    children = resident.status()["children"]
    try:
        app.send_signal(signal.SIGQUIT)
        out, err = app.communicate(timeout=60)
    finally:
        if app.poll() is None:
            app.kill()
    assert app.returncode == -signal.SIGQUIT, err
    assert (out, err) == (b"", b"")
    assert len(children) == (1 if through else 0)
    for child in children:
        assert not alive(child["pid"])
    wait_until(lambda: not _blocked(primary_dsn), "the quit read to end")


def test_a_resized_terminal_does_not_disturb_the_command(
    resident: Resident, primary_dsn: str, locked: psycopg.Connection
) -> None:
    """SIGWINCH reaches the child, which ignores it as any Python process does."""
    app = _start_blocked(resident, primary_dsn, through=True)
    app.send_signal(signal.SIGWINCH)
    locked.rollback()
    out, err = app.communicate(timeout=60)
    assert app.returncode == 0, err
    assert b"held" in out


# A shell's job control in a few lines: a session of its own on the pty, the command in a
# process group of its own in the foreground; it reports the command stopped, continues it
# (``fg``) when told on stdin, then reports its exit status.
JOB_SHELL = """
import os, signal, sys
terminal = os.open(sys.argv[1], os.O_RDWR)  # a session leader's first terminal is its own
signal.signal(signal.SIGTTOU, signal.SIG_IGN)
pid = os.fork()
if pid == 0:
    os.setpgid(0, 0)
    os.dup2(terminal, 0)
    os.execv(sys.argv[2], sys.argv[2:])
try:
    os.setpgid(pid, pid)
except OSError:
    pass
os.tcsetpgrp(terminal, pid)
_, status = os.waitpid(pid, os.WUNTRACED)
print("stopped" if os.WIFSTOPPED(status) else "not stopped", flush=True)
sys.stdin.readline()
os.tcsetpgrp(terminal, pid)
os.killpg(pid, signal.SIGCONT)
_, status = os.waitpid(pid, 0)
print("exit", os.waitstatus_to_exitcode(status), flush=True)
"""


def _state(pid: int) -> str:
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]


def test_ctrl_z_stops_the_child_with_its_caller_and_fg_continues_both(
    resident: Resident, primary_dsn: str, locked: psycopg.Connection
) -> None:
    if not Path("/proc/self/stat").exists():
        pytest.skip("reads a process's state from /proc")
    primary, secondary = pty.openpty()
    command = [str(SCRIPT), "schemas", "--exact-sizes", "--dsn", primary_dsn]
    shell = subprocess.Popen(
        [sys.executable, "-c", JOB_SHELL, os.ttyname(secondary), *command],
        start_new_session=True,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=resident.env(),
    )
    assert shell.stdin is not None
    assert shell.stdout is not None
    try:
        wait_until(lambda: _blocked(primary_dsn), "the command to wait for the locked table")
        child = resident.status()["children"][0]["pid"]
        os.write(primary, b"\x1a")  # Ctrl-Z, typed on the terminal
        assert shell.stdout.readline() == b"stopped\n"  # the caller, as the shell sees it
        wait_until(lambda: _state(child) == "T", "the child to stop with its caller")
        shell.stdin.write(b"fg\n")
        shell.stdin.flush()
        wait_until(lambda: _state(child) != "T", "fg to continue the child")
        locked.rollback()
        out, _ = shell.communicate(timeout=60)
    finally:
        if shell.poll() is None:
            shell.kill()
        os.close(secondary)
        os.close(primary)
    assert out.endswith(b"exit 0\n")
    assert b"held" in out


@pytest.mark.parametrize("through", [True, False], ids=["resident", "in-process"])
def test_ctrl_z_without_job_control_stops_nothing(
    resident: Resident, primary_dsn: str, locked: psycopg.Connection, through: bool
) -> None:
    """A caller in a session of its own (an orphaned group: no shell to continue it) is not
    stopped by the kernel, and its child is not left stopped either."""
    env = resident.env() if through else resident.env(SCHEMADESK_RESIDENT="0")
    app = subprocess.Popen(
        [str(SCRIPT), "schemas", "--exact-sizes", "--dsn", primary_dsn],
        start_new_session=True,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        wait_until(lambda: _blocked(primary_dsn), "the command to wait for the locked table")
        app.send_signal(signal.SIGTSTP)
        locked.rollback()
        out, err = app.communicate(timeout=60)
    finally:
        if app.poll() is None:
            app.kill()
    assert app.returncode == 0, err
    assert b"held" in out
