"""SIGTERM and SIGHUP during an apply stop it between migrations, as Ctrl-C does, and the
audit log says so."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from tests.until import wait_until

pytestmark = pytest.mark.db

RELEASE = "release-771177"
# Waits, without holding a lock (lock_timeout would end it), until the test connects with
# this application_name: the test decides when the migration in progress finishes. (The
# activity view is read once per transaction unless its snapshot is cleared.)
WAIT = (
    "DO $$ BEGIN WHILE NOT EXISTS (SELECT FROM pg_stat_activity WHERE application_name = "
    f"'{RELEASE}') LOOP PERFORM pg_sleep(0.02); PERFORM pg_stat_clear_snapshot(); END LOOP;"
    " END $$;\n"
)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_stops_between_migrations_and_is_audited(
    db_dsn: str, tmp_path: Path, isolated_dirs: Path, signum: signal.Signals
) -> None:
    folder = tmp_path / "m"
    folder.mkdir()
    (folder / "001_first.sql").write_text("CREATE TABLE {{tables.first}} (id int);\n")
    (folder / "002_wait.sql").write_text("CREATE TABLE {{tables.second}} (id int);\n" + WAIT)
    (folder / "003_third.sql").write_text("CREATE TABLE {{tables.third}} (id int);\n")
    app = subprocess.Popen(
        [sys.executable, "-m", "schemadesk", "apply", "--yes", "--dsn", db_dsn,
         "--migrations", str(folder), "--schema", "app"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # The signal at its default, whatever the suite inherited (a SIGHUP ignored under nohup
        # would stay ignored in the child, on purpose: the next test).
        preexec_fn=lambda: signal.signal(signum, signal.SIG_DFL),  # noqa: PLW1509 - one sigaction
    )  # fmt: skip
    assert app.stderr is not None
    try:

        def waiting() -> bool:
            with psycopg.connect(db_dsn) as conn:
                row = conn.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE state = 'active'"
                    " AND query LIKE %s AND application_name = 'schemadesk'",
                    [f"%{RELEASE}%"],
                ).fetchone()
            return bool(row and row[0])

        wait_until(waiting, "002_wait.sql to run")
        app.send_signal(signum)
        seen = []
        for line in app.stderr:  # the stop is acknowledged before the migration may finish
            seen.append(line)
            if "stopping after the migration in progress" in line:
                break
        with psycopg.connect(db_dsn, application_name=RELEASE):
            _out, err = app.communicate(timeout=60)
    finally:
        if app.poll() is None:
            app.kill()
            app.communicate()
    err = "".join(seen) + err
    assert app.returncode == 130, err
    assert "Traceback" not in err
    with psycopg.connect(db_dsn) as conn:
        ledger = [r[0] for r in conn.execute("SELECT filename FROM app.schema_migrations")]
    assert ledger == ["001_first.sql", "002_wait.sql"]  # the one in progress finished, no more
    log = isolated_dirs / "data" / "audit.jsonl"
    records = [json.loads(line) for line in log.read_text().splitlines()]
    assert [r["outcome"] for r in records] == ["cancelled"]
    assert [s["outcome"] for s in records[0]["steps"]] == ["applied", "applied", "not run"]


def _as_nohup_starts_it() -> None:
    """In the child, before exec: SIGHUP ignored, as ``nohup`` leaves it."""
    signal.signal(signal.SIGHUP, signal.SIG_IGN)


def test_a_hangup_under_nohup_leaves_the_apply_running(
    db_dsn: str, tmp_path: Path, isolated_dirs: Path
) -> None:
    folder = tmp_path / "m"
    folder.mkdir()
    (folder / "001_first.sql").write_text("CREATE TABLE {{tables.first}} (id int);\n" + WAIT)
    (folder / "002_second.sql").write_text("CREATE TABLE {{tables.second}} (id int);\n")
    app = subprocess.Popen(
        [sys.executable, "-m", "schemadesk", "apply", "--yes", "--dsn", db_dsn,
         "--migrations", str(folder), "--schema", "app"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_as_nohup_starts_it,  # noqa: PLW1509 - one sigaction, no lock taken
    )  # fmt: skip
    try:

        def waiting() -> bool:
            with psycopg.connect(db_dsn) as conn:
                row = conn.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE state = 'active'"
                    " AND query LIKE %s AND application_name = 'schemadesk'",
                    [f"%{RELEASE}%"],
                ).fetchone()
            return bool(row and row[0])

        wait_until(waiting, "001_first.sql to run")
        # The terminal hangs up. An ignored signal is dropped when sent, so nothing of it is
        # left to arrive after the release below: the run goes on, or it stopped here.
        app.send_signal(signal.SIGHUP)
        with psycopg.connect(db_dsn, application_name=RELEASE):
            _out, err = app.communicate(timeout=60)
    finally:
        if app.poll() is None:
            app.kill()
            app.communicate()
    assert app.returncode == 0, err
    assert "stopping" not in err
    with psycopg.connect(db_dsn) as conn:
        ledger = [r[0] for r in conn.execute("SELECT filename FROM app.schema_migrations")]
    assert ledger == ["001_first.sql", "002_second.sql"]  # both applied: the hangup changed nothing
    log = isolated_dirs / "data" / "audit.jsonl"
    records = [json.loads(line) for line in log.read_text().splitlines()]
    assert [r["outcome"] for r in records] == ["succeeded"]
