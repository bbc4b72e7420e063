"""The one audit ``finally`` both front ends use: a run that raises is recorded too."""

from __future__ import annotations

from pathlib import Path

import pytest

from schemadesk.core.audit import AuditLog, AuditRecord, Outcome
from schemadesk.core.errors import SchemadeskError
from schemadesk.usecases.audit import Audited, Sink, keep_record
from tests.audit.conftest import make_action


def _keep(warnings: list[str]) -> Sink:
    return lambda record: keep_record(record, None, warnings.append)


def test_an_action_that_raises_is_recorded_failed_with_its_error() -> None:
    warnings: list[str] = []
    with pytest.raises(SchemadeskError), Audited(make_action(), _keep(warnings)):
        raise SchemadeskError("lock pgdbm_migration_sales is held by pid 42")
    (record,) = list(AuditLog())
    assert record.outcome is Outcome.FAILED
    assert record.error is not None
    assert record.error.message == "lock pgdbm_migration_sales is held by pid 42"
    assert [s.outcome for s in record.steps] == ["not run", "not run"]
    assert not warnings


def test_ctrl_c_is_recorded_cancelled() -> None:
    with pytest.raises(KeyboardInterrupt), Audited(make_action(), _keep([])):
        raise KeyboardInterrupt
    assert [r.outcome for r in AuditLog()] == [Outcome.CANCELLED]


def test_the_block_sets_the_record_from_the_engine_result() -> None:
    kept: list[AuditRecord] = []
    action = make_action()
    with Audited(action, kept.append) as run:
        run.record = None  # nothing set: the action succeeded
    with Audited(action, kept.append) as run:
        from schemadesk.core.audit import record_from

        run.record = record_from(action, Outcome.FAILED)  # e.g. the ledger row had changed
    assert [r.outcome for r in kept] == [Outcome.SUCCEEDED, Outcome.FAILED]


def test_an_unwritable_log_is_a_warning_never_an_exception(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("SCHEMADESK_DATA_DIR", str(blocker))
    warnings: list[str] = []
    with Audited(make_action(), _keep(warnings)):
        pass
    assert len(warnings) == 1
    assert warnings[0].startswith("audit log not written:")
