"""The local audit log: records from planned actions, JSON lines, permissions, filters, secrets."""

from __future__ import annotations

import json
import os
import stat
import sys
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from schemadesk.core.actions import ActionKind, change_set_action
from schemadesk.core.audit import (
    MASK,
    AuditError,
    AuditLog,
    AuditRecord,
    Outcome,
    record_from,
    record_from_apply,
    redact_sql,
    scan_for_secrets,
)
from schemadesk.core.errors import ConfigError
from schemadesk.core.migrations.models import (
    ApplyEventKind,
    ApplyResult,
    SqlErrorLocation,
    StepResult,
)
from schemadesk.core.profiles import default_data_dir
from tests.audit.conftest import make_action

T0 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def _records() -> list[AuditRecord]:
    ok = record_from(make_action(), Outcome.SUCCEEDED, total_ms=12.5, when=T0)
    failed = record_from(
        make_action(database="stock", profile="staging"),
        Outcome.FAILED,
        step_outcomes={"sales/001_init.sql": "applied", "sales/002_more.sql": "failed"},
        durations_ms={"sales/001_init.sql": 3.0, "sales/002_more.sql": 1.5},
        total_ms=4.5,
        error=AuditError("column exists", "sales/002_more.sql", 1, 28, "42701"),
        when=T0 + timedelta(hours=1),
    )
    grant = record_from(
        change_set_action(
            "Grant USAGE on sales to app",
            [("grant USAGE on schema sales to app", 'GRANT USAGE ON SCHEMA "sales" TO "app"')],
            make_action().target,
        ),
        Outcome.CANCELLED,
        when=T0 + timedelta(days=1),
    )
    return [ok, failed, grant]


def test_default_path_is_the_data_dir(isolated_dirs: Path) -> None:
    assert AuditLog().path == default_data_dir() / "audit.jsonl"
    assert AuditLog().path == isolated_dirs / "data" / "audit.jsonl"


def test_append_and_read_round_trip(isolated_dirs: Path) -> None:
    log = AuditLog()
    records = _records()
    for r in records:
        log.append(r)
    assert log.read() == records
    lines = log.path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3
    first = json.loads(lines[0])
    assert first["outcome"] == "succeeded"
    assert first["target"] == {
        "host": "db.example",
        "port": 5432,
        "database": "shop",
        "schema": "sales",
        "run_as": "sales_owner",
    }
    assert first["db_user"] == "alice"
    assert first["os_user"] == "tester"
    assert first["when"] == "2026-03-01T12:00:00.000+00:00"
    assert first["sql"] == make_action().sql
    assert [s["checksum"] for s in first["steps"]] == ["a" * 64, "b" * 64]
    assert [s["outcome"] for s in first["steps"]] == ["applied", "applied"]
    second = records[1]
    assert [s.duration_ms for s in second.steps] == [3.0, 1.5]
    assert second.error is not None
    assert second.error.describe() == "sales/002_more.sql:1:28: column exists [42701]"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_log_file_is_0600_and_its_folder_0700(isolated_dirs: Path) -> None:
    old = os.umask(0o022)
    try:
        log = AuditLog()
        log.append(_records()[0])
    finally:
        os.umask(old)
    assert stat.S_IMODE(log.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(log.path.parent.stat().st_mode) == 0o700
    log.path.chmod(0o644)  # widened by hand: the next append narrows it again
    log.append(_records()[1])
    assert stat.S_IMODE(log.path.stat().st_mode) == 0o600


def test_filters(isolated_dirs: Path) -> None:
    log = AuditLog()
    ok, failed, grant = _records()
    for r in (ok, failed, grant):
        log.append(r)
    assert log.read(since=T0 + timedelta(minutes=30)) == [failed, grant]
    assert log.read(until=T0 + timedelta(hours=1)) == [ok]  # until is exclusive
    assert log.read(since=datetime(2026, 3, 1, 12, 30), until=datetime(2026, 3, 2)) == [failed]
    assert log.read(profile="staging") == [failed]
    assert log.read(database="shop") == [ok, grant]
    assert log.read(kind=ActionKind.CHANGE_SET) == [grant]
    assert log.read(kind="apply-migrations", outcome=Outcome.FAILED) == [failed]
    assert log.read(outcome="cancelled") == [grant]
    assert log.read(text="GRANT usage") == [grant]
    assert log.read(text="column EXISTS") == [failed]
    assert log.read(text="002_more") == [ok, failed]
    assert log.read(text="nothing like this") == []


def test_find_by_number_and_id(isolated_dirs: Path) -> None:
    log = AuditLog()
    records = _records()
    for r in records:
        log.append(r)
    assert log.find("1") == records[0]
    assert log.find("-1") == records[-1]
    assert log.find("2") == records[1]
    assert log.find(records[1].id[:8]) == records[1]
    for bad in ("0", "4", "-4", "ffffffffff"):
        with pytest.raises(ConfigError):
            log.find(bad)


def test_torn_line_is_skipped_and_counted(isolated_dirs: Path) -> None:
    log = AuditLog()
    ok, failed, _ = _records()
    log.append(ok)
    with log.path.open("a", encoding="utf-8") as f:
        f.write('{"id": "half a rec')  # a crash in the middle of a write elsewhere
        f.write("\n")
    log.append(failed)
    assert log.read() == [ok, failed]
    assert log.skipped == 1


def test_concurrent_appends_never_interleave(isolated_dirs: Path) -> None:
    log = AuditLog()
    big = record_from(
        make_action(steps=(("x/001.sql", "SELECT 1;\n" * 4000, "c" * 64),)), Outcome.SUCCEEDED
    )

    def writer() -> None:
        for _ in range(20):
            AuditLog(log.path).append(big)

    threads = [threading.Thread(target=writer) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(log.read()) == 120
    assert log.skipped == 0


def test_migration_result_becomes_the_record() -> None:
    action = make_action()
    result = ApplyResult(
        results=(
            StepResult("sales", "001_init.sql", ApplyEventKind.APPLIED, 5.25, 4),
            StepResult("sales", "002_more.sql", ApplyEventKind.FAILED, 2.0),
        ),
        error=SqlErrorLocation("002_more.sql", 1, 41, "42601", 'syntax error at or near "text"'),
        total_ms=9.0,
    )
    record = record_from_apply(action, result)
    assert record.outcome is Outcome.FAILED
    assert [(s.outcome, s.duration_ms) for s in record.steps] == [
        ("applied", 5.25),
        ("failed", 2.0),
    ]
    assert record.duration_ms == 9.0
    assert record.error == AuditError(
        'syntax error at or near "text"', "sales/002_more.sql", 1, 41, "42601"
    )
    cancelled = record_from_apply(action, ApplyResult(results=result.results[:1], cancelled=True))
    assert cancelled.outcome is Outcome.CANCELLED
    assert [s.outcome for s in cancelled.steps] == ["applied", "not run"]
    done = record_from_apply(action, ApplyResult(results=result.results[:1]))
    assert done.outcome is Outcome.SUCCEEDED


def test_secret_literals_are_masked_in_records() -> None:
    secret = "s3cr3t-Hunter2"
    action = change_set_action(
        "Provision sales",
        [
            ("create login", f"CREATE ROLE \"sales_app\" LOGIN PASSWORD '{secret}'"),
            (
                "subscribe",
                f"CREATE SUBSCRIPTION s CONNECTION 'host=h password={secret} dbname=d' "
                "PUBLICATION p",
            ),
            ("column named password", "ALTER TABLE t ADD COLUMN password text"),
        ],
        make_action().target,
    )
    record = record_from(action, Outcome.SUCCEEDED)
    text = json.dumps(record.to_json())
    assert scan_for_secrets(text, [secret]) == []
    assert f"PASSWORD '{MASK}'" in record.sql
    assert f"password={MASK} dbname=d" in record.sql
    assert "ADD COLUMN password text" in record.sql  # not a secret: kept as it is
    assert redact_sql("postgresql://bob:pw1@db/x") == f"postgresql://bob:{MASK}@db/x"


def test_scanner_finds_every_encoding_and_never_prints_the_secret() -> None:
    secret = 'pa ss/"wö'
    texts = {
        "plain": f"x {secret} y",
        "url-encoded": "postgresql://u:pa%20ss%2F%22w%C3%B6@h/db",
        "json-escaped": json.dumps({"p": secret}, ensure_ascii=False),
        "json-ascii-escaped": json.dumps({"p": secret}),
        "html-escaped": "<td>pa ss/&quot;wö</td>",
    }
    for how, text in texts.items():
        hits = scan_for_secrets(text, ["", secret])
        assert any(f"secret #2 ({how})" in h for h in hits), (how, hits)
        assert all(secret not in h for h in hits)
    assert scan_for_secrets("ALTER ROLE a PASSWORD 'abc'", []) == [
        "unmasked PASSWORD literal at offset 13"
    ]
    assert scan_for_secrets("host=h password=abc", []) == ["unmasked conninfo password at offset 7"]
    assert scan_for_secrets("clean text", [secret]) == []
