"""A signal after the person confirmed, outside any wait: between two steps, or as the audit
record of a committed step is written. It is noted, never raised there: the record is kept
whole, no step starts after it, and the exit code says whether steps were left undone.

Sent from inside the run (the audit log's ``append``), in this process: the moment is exact,
not a race. Before this, ``Stopped`` was raised at the next bytecode, inside ``append``: the
record of a committed upgrade was lost and the command said "interrupted"."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import psycopg
import pytest

from schemadesk.cli import main
from schemadesk.core.audit import AuditLog, AuditRecord, Outcome
from tests.alembic_engine.conftest import DATA

pytestmark = pytest.mark.db
pytest.importorskip("alembic")


@pytest.fixture
def signal_on_audit(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """SIGTERM to this process as each audit record is about to be written; the kinds seen."""
    kept: list[str] = []
    append = AuditLog.append

    def append_after_a_signal(log: AuditLog, record: AuditRecord) -> None:
        os.kill(os.getpid(), signal.SIGTERM)
        append(log, record)
        kept.append(record.title)

    monkeypatch.setattr(AuditLog, "append", append_after_a_signal)
    return kept


def test_a_signal_as_an_upgrade_is_audited_keeps_its_record_and_starts_nothing_more(
    db_dsn: str, isolated_dirs: Path, signal_on_audit: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """Three Alembic modules (accounts, catalog, orders); SIGTERM as the first one's record is
    written: that record is kept, the other two never start, exit 130."""
    argv = ["apply", "--dsn", db_dsn, "--project", str(DATA), "--yes"]
    assert main(argv) == 130
    err = capsys.readouterr().err
    assert err.count("stopping after the migration in progress") == 1
    assert "interrupted" not in err
    records = list(AuditLog())
    assert len(records) == 1 == len(signal_on_audit)
    assert records[0].outcome is Outcome.SUCCEEDED
    assert "to orders (" in records[0].title  # the first module run
    with psycopg.connect(db_dsn) as conn:
        # orders' last revision depends on catalog's first (the catalog schema), not more.
        accounts, items = conn.execute(
            "SELECT to_regnamespace('accounts'), to_regclass('catalog.items')"
        ).fetchone() or (None, None)
    assert (accounts, items) == (None, None)  # the other two modules never started


def test_a_signal_as_the_last_record_is_written_lets_the_run_end_whole(
    db_dsn: str, isolated_dirs: Path, signal_on_audit: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """A grant, one transaction: SIGTERM as its record is written. Everything had run: the
    record is kept, the grant holds, exit 0, and the stop is acknowledged, not dropped."""
    with psycopg.connect(db_dsn, autocommit=True) as conn:
        conn.execute("CREATE SCHEMA shop; CREATE ROLE sig_reader")
    try:
        argv = ["grant", "--dsn", db_dsn, "--role", "sig_reader", "--schema", "shop", "USAGE"]
        assert main([*argv, "--yes"]) == 0
        err = capsys.readouterr().err
        assert "nothing was left to stop" in err
        assert "interrupted" not in err
        assert [r.outcome for r in AuditLog()] == [Outcome.SUCCEEDED]
        with psycopg.connect(db_dsn) as conn:
            row = conn.execute("SELECT has_schema_privilege('sig_reader', 'shop', 'USAGE')")
            assert row.fetchone() == (True,)
    finally:
        with psycopg.connect(db_dsn, autocommit=True) as conn:
            conn.execute("DROP SCHEMA shop CASCADE; DROP OWNED BY sig_reader; DROP ROLE sig_reader")
