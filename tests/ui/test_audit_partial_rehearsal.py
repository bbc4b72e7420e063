"""The audit view shows a rehearsal that left out no-transaction files as rehearsed partly, in
the window's language, with the files it left out; also a record of an older version, whose
outcome says "succeeded" (the steps say what was not rehearsed)."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

from schemadesk.core.actions import ActionKind
from schemadesk.core.audit import AuditLog, Outcome, record_from
from schemadesk.ui.audit_view import AuditDialog
from tests.audit.conftest import make_action

INDEX = "sales/002_more.sql"
# Titles never said in this process (a said one shows translated: see test_audit_language.py).
REHEARSAL, APPLY = (f"{word} {uuid.uuid4().hex[:8]}" for word in ("Rehearsal", "Apply"))


def _older_partial_rehearsal(path: Path) -> None:
    action = make_action(kind=ActionKind.REHEARSE, title=REHEARSAL)
    record = record_from(action, Outcome.SUCCEEDED, step_outcomes={INDEX: "not-rehearsable"})
    data = record.to_json()
    del data["said"]  # written before records kept their messages
    path.write_text(json.dumps(data) + "\n", encoding="utf-8")
    full = record_from(make_action(title=APPLY), Outcome.SUCCEEDED)
    AuditLog(path).append(full)


def test_a_partial_rehearsal_shows_as_such_in_russian(
    russian: None, qtbot: object, tmp_path: Path
) -> None:
    path = tmp_path / "audit.jsonl"
    _older_partial_rehearsal(path)
    dialog = AuditDialog(AuditLog(path))
    model = dialog.model
    outcomes = {model.data(model.index(r, 4)): model.data(model.index(r, 5)) for r in range(2)}
    assert outcomes == {
        REHEARSAL: "прогнано частично",
        APPLY: "успешно",
    }, outcomes

    dialog.outcome.setCurrentIndex(dialog.outcome.findData("succeeded"))
    assert model.rowCount() == 1
    assert model.data(model.index(0, 4)) == APPLY
    chosen = dialog.outcome.findData("rehearsed-partly")
    assert dialog.outcome.itemText(chosen) == "прогнано частично"
    dialog.outcome.setCurrentIndex(chosen)
    assert model.rowCount() == 1
    dialog.table.selectRow(0)
    detail = dialog.detail.text()
    assert f"{REHEARSAL} — прогнано частично" in detail, detail
    assert f"⚠ без пробного прогона (вне транзакции): {INDEX}" in detail, detail
    dialog.close()
