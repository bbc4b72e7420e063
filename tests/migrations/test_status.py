"""Status without a database: applied, pending, drifted, missing, blocked; git drift diffs."""

from __future__ import annotations

import subprocess
from datetime import datetime
from pathlib import Path

from schemadesk.core.migrations.files import checksum, discover
from schemadesk.core.migrations.git_drift import find_recorded_version
from schemadesk.core.migrations.models import LedgerRow, MigrationState
from schemadesk.core.migrations.plan import build_plan
from schemadesk.core.migrations.project import single_module
from schemadesk.core.migrations.status import compute_status
from tests.migrations.helpers import write_folder

NOW = datetime(2026, 1, 2, 3, 4, 5)


def _row(i: int, filename: str, digest: str, module: str | None = "app") -> LedgerRow:
    return LedgerRow(i, filename, digest, module, NOW, "postgres", 7)


def test_every_state(tmp_path: Path) -> None:
    folder = write_folder(
        tmp_path / "m",
        {
            "001_a.sql": "CREATE TABLE {{tables.a}} (id int);",
            "002_b.sql": "CREATE TABLE {{tables.b}} (id int); -- changed since",
            "003_c.sql": "CREATE TABLE {{tables.c}} (id int);",
            "004_d.sql": "SELECT {{ tables.x }};",
        },
    )
    module = single_module(folder, "app").modules[0]
    files = discover(folder)
    ledger = [
        _row(1, "001_a.sql", files[0].checksum or ""),
        _row(2, "002_b.sql", checksum("CREATE TABLE {{tables.b}} (id int);")),
        _row(3, "000_gone.sql", "ab" * 32, None),  # NULL module: counts for every module
        _row(4, "003_c.sql", "cd" * 32, "other_module"),  # another module's row
    ]
    status = compute_status(module, files, ledger)
    states = {r.filename: r.state for r in status.rows}
    assert states == {
        "000_gone.sql": MigrationState.MISSING,
        "001_a.sql": MigrationState.APPLIED,
        "002_b.sql": MigrationState.DRIFTED,
        "003_c.sql": MigrationState.BLOCKED,
        "004_d.sql": MigrationState.BLOCKED,
    }
    drifted = status.drifted[0]
    assert drifted.recorded_checksum == ledger[1].checksum
    assert drifted.file_checksum == files[1].checksum
    applied = next(r for r in status.rows if r.state is MigrationState.APPLIED)
    assert (applied.applied_at, applied.applied_by, applied.execution_time_ms) == (
        NOW,
        "postgres",
        7,
    )
    d = next(r for r in status.rows if r.filename == "004_d.sql")
    assert [(p.code, p.line, p.column) for p in d.problems] == [("unknown-placeholder", 1, 8)]
    plan = build_plan([(module, files, status)])
    assert not plan.runnable
    assert "002_b.sql: changed after it was applied" in plan.blockers[0]
    assert [s.filename for s in plan.steps] == ["003_c.sql", "004_d.sql"]
    assert any("004_d.sql:1:8" in w for w in plan.warnings)


def test_no_ledger_means_everything_pending(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "m", {"1.sql": "SELECT 1", "2.sql": "SELECT 2"})
    module = single_module(folder, "app").modules[0]
    status = compute_status(module, discover(folder), None)
    assert not status.ledger_exists
    assert [r.state for r in status.rows] == [MigrationState.PENDING] * 2
    plan = build_plan([(module, discover(folder), status)])
    assert plan.runnable
    step = plan.steps[0]
    assert step.lock_sql == (
        "SELECT pg_try_advisory_xact_lock(hashtext('pgdbm_migration_' || 'app'))"
    )
    assert step.sql == "SELECT 1"


def test_broken_files_block_the_plan(tmp_path: Path) -> None:
    folder = write_folder(
        tmp_path / "m",
        {"1.sql": b"\xef\xbb\xbfSELECT 1", "2.sql": "SELECT {{tables.9x}}", "3.sql": ""},
    )
    module = single_module(folder, "app").modules[0]
    files = discover(folder)
    plan = build_plan([(module, files, compute_status(module, files, None))])
    assert len(plan.blockers) == 3
    assert "byte order mark" in plan.blockers[0]
    assert "2.sql:1:8: invalid table name '9x'" in plan.blockers[1]
    assert "empty file" in plan.blockers[2]


def test_no_transaction_file_on_a_pooler(tmp_path: Path) -> None:
    folder = write_folder(
        tmp_path / "m", {"1.sql": "-- pgdbm:no-transaction\nCREATE INDEX CONCURRENTLY i ON t (a)"}
    )
    module = single_module(folder, "app").modules[0]
    files = discover(folder)
    status = compute_status(module, files, None, pooler=True)
    assert [p.code for p in status.rows[0].problems] == ["no-transaction-on-pooler"]
    plan = build_plan([(module, files, status)])
    assert not plan.runnable
    plan = build_plan([(module, files, compute_status(module, files, None))])
    step = plan.steps[0]
    assert step.no_transaction
    assert step.lock_sql.startswith("SELECT pg_try_advisory_lock(")
    assert [s.text for s in step.statements] == [
        "-- pgdbm:no-transaction\nCREATE INDEX CONCURRENTLY i ON t (a)"
    ]


def test_mixed_case_schema_is_warned(tmp_path: Path) -> None:
    module = single_module(tmp_path, "Billing").modules[0]
    status = compute_status(module, (), None)
    assert [p.code for p in status.problems] == ["mixed-case-schema"]


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


def test_drift_diff_from_the_commit_with_the_recorded_checksum(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    folder = write_folder(
        repo / "services/app/migrations", {"001.sql": "CREATE TABLE a (id int);\n"}
    )
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "first")
    recorded = checksum("CREATE TABLE a (id int);\n")
    (folder / "001.sql").write_text("CREATE TABLE a (id int, name text);\n")
    _git(repo, "commit", "-q", "-am", "second")
    (folder / "001.sql").write_text("CREATE TABLE a (id bigint, name text);\n")  # uncommitted
    first = subprocess.run(
        ["git", "rev-list", "--max-parents=0", "HEAD"],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    file = discover(folder)[0]
    drift = find_recorded_version(file, recorded)
    assert drift is not None
    assert drift.commit == first
    assert "-CREATE TABLE a (id int);\n+CREATE TABLE a (id bigint, name text);" in drift.diff
    assert drift.diff.startswith("--- a/services/app/migrations/001.sql")
    # Through compute_status too.
    module = single_module(folder, "app").modules[0]
    status = compute_status(
        module, [file], [_row(1, "001.sql", recorded)], find_drift=find_recorded_version
    )
    assert status.rows[0].drift == drift
    # A checksum no commit has, and a folder outside git: no diff.
    assert find_recorded_version(file, "00" * 32) is None
    outside = write_folder(tmp_path / "plain", {"001.sql": "SELECT 1"})
    assert find_recorded_version(discover(outside)[0], recorded) is None


def test_transaction_control_in_a_transactional_file_blocks_it(tmp_path: Path) -> None:
    folder = write_folder(
        tmp_path / "m",
        {
            "1.sql": "BEGIN;\nCREATE TABLE a (i int);\n/* done */ COMMIT;\n",
            "2.sql": "CREATE FUNCTION f() RETURNS int LANGUAGE sql\nBEGIN ATOMIC SELECT 1; END;\n"
            "DO $$ BEGIN PERFORM 1; END $$;\n",
            "3.sql": "-- pgdbm:no-transaction\nBEGIN;\nCOMMIT;\n",
        },
    )
    module = single_module(folder, "app").modules[0]
    rows = compute_status(module, discover(folder), None).rows
    assert [(p.code, p.severity.value, p.line, p.column) for p in rows[0].problems] == [
        ("transaction-control", "error", 1, 1),
        ("transaction-control", "error", 3, 12),
    ]
    assert rows[1].problems == ()
    assert rows[2].problems == ()
    plan = build_plan([(module, discover(folder), compute_status(module, discover(folder), None))])
    assert not plan.runnable  # the window, apply and rehearse all refuse a plan with blockers
    assert plan.blockers[0].startswith("app/1.sql:1:1: BEGIN in a migration")
