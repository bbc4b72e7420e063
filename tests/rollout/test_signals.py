"""Ctrl-C (SIGINT) and SIGTERM during ``schemadesk rollout``: the migration in progress ends
whole, nothing after it starts, exit 130, and the rollout is audited as cancelled.

The child starts with SIGINT at its default, as a shell starts a foreground command, whatever
the suite inherited: a non-interactive shell starts a background job (``pytest ... &``) with
SIGINT ignored, a child inherits that, and Python, as POSIX asks, keeps it ignored. The Ctrl-C
sent would then be dropped by the kernel, and the profile's 5 s lock_timeout would end the
migration instead (the "flake" of the full-suite runs, every time in the background).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from tests.fix_db import TestServer
from tests.until import wait_until


def _as_a_terminal_starts_it() -> None:
    """In the child, before exec: Ctrl-C at its default, as in a foreground command."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.parametrize(
    ("sent", "again"),
    [(signal.SIGINT, 0), (signal.SIGTERM, 0), (signal.SIGINT, 200)],
    ids=["SIGINT", "SIGTERM", "impatient"],
)
def test_a_signal_stops_the_rollout_between_steps(
    db_dsn: str, pg_server: TestServer, tmp_path: Path, sent: signal.Signals, again: int
) -> None:
    """``again``: a person pressing Ctrl-C over and over, and a supervisor's SIGTERMs among
    them, once the stop was acknowledged: still one stop, after the migration in progress."""
    with psycopg.connect(db_dsn, autocommit=True) as conn:
        conn.execute("CREATE SCHEMA tenant_1; CREATE SCHEMA tenant_2")
    folder = tmp_path / "tenant"
    folder.mkdir()
    (folder / "001_items.sql").write_text("CREATE TABLE {{tables.items}} (id int);\n")
    # 002 waits for a lock the test holds: the signal arrives mid-migration, deterministically.
    (folder / "002_wait.sql").write_text("SELECT pg_advisory_xact_lock(4243);\n")
    targets = tmp_path / "targets.toml"
    targets.write_text(
        f'[[rollout.tenants]]\nname = "t"\npath = "{folder}"\nschemas = "tenant_*"\n\n'
        f'[[targets]]\nname = "one"\ndsn = {json.dumps(db_dsn)}\n',
        encoding="utf-8",
    )
    data = tmp_path / "data"
    env = {**os.environ, "SCHEMADESK_DATA_DIR": str(data)}
    with psycopg.connect(db_dsn, autocommit=True) as holder:
        holder.execute("SELECT pg_advisory_lock(4243)")
        app = subprocess.Popen(
            [sys.executable, "-m", "schemadesk", "rollout", "--targets", str(targets), "--yes"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            preexec_fn=_as_a_terminal_starts_it,  # noqa: PLW1509 - one sigaction, no lock taken
        )

        def waiting() -> bool:
            row = holder.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                " AND application_name = 'schemadesk' AND wait_event_type = 'Lock'"
            ).fetchone()
            return bool(row and row[0])

        assert app.stderr is not None
        seen = []
        try:
            # Waiting on the lock means running inside ``stop_signals`` (SIGTERM's handler), and
            # SIGINT's handler is the interpreter's own from its start: both listen by now.
            wait_until(waiting, "the rollout to wait inside migration 002")
            app.send_signal(sent)
            # The lock is let go once the stop is acknowledged: released at once, a loaded
            # machine could finish 002 and start the next step before the handler had run.
            for line in app.stderr:
                seen.append(line)
                if "stopping after the migration in progress" in line:
                    break
            for number in range(again):
                app.send_signal(signal.SIGTERM if number % 3 == 0 else signal.SIGINT)
            holder.execute("SELECT pg_advisory_unlock(4243)")
            _out, err = app.communicate(timeout=60)
        finally:
            if app.poll() is None:
                app.kill()
                app.communicate()
    err = "".join(seen) + err
    assert app.returncode == 130, err
    assert err.count("stopping after the migration in progress") == 1
    assert "interrupted" not in err  # never stopped inside the wait: the step ended whole
    with psycopg.connect(db_dsn) as conn:
        done = [r[0] for r in conn.execute("SELECT filename FROM tenant_1.schema_migrations")]
        left = conn.execute("SELECT to_regclass('tenant_2.schema_migrations')").fetchone()
    assert sorted(done) == ["001_items.sql", "002_wait.sql"]  # the one in progress: whole
    assert left == (None,)  # nothing after the stop
    records = [
        json.loads(line) for line in (data / "audit.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert [r["outcome"] for r in records if r["kind"] == "rollout"] == ["cancelled"]
