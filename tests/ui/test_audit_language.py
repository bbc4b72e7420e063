"""The audit view shows records in the window's language, also those an earlier session wrote:
a record keeps the messages (code and parameters) its English texts were said from."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from pathlib import Path

from schemadesk.core.audit import AuditLog
from schemadesk.ui.audit_view import AuditDialog

# Another process (an earlier session) records a failed grant: its title names a role made of
# the English template's words, a warning is a file's problem placed in a plan, and the error is
# Alembic's "changed since it was read".
EARLIER_SESSION = """
import sys
from pathlib import Path

from schemadesk.core.actions import ActionKind, ActionStep, ActionTarget, PlannedAction
from schemadesk.core.alembic.errors import ChangedMeanwhile
from schemadesk.core.audit import AuditLog, Outcome, error_of, record_from
from schemadesk.core.messages_access import on_target, privileges_title
from schemadesk.core.messages_migrations import say

role = sys.argv[2]
title = privileges_title("grant", ["USAGE"], on_target("schema", "app"), role, public=False)
warning = say("at", where="app/001_x.sql:2:1", problem=say("empty-file"))
action = PlannedAction(
    ActionKind.CHANGE_SET,
    title,
    ActionTarget("p", "h", 5432, "db", "me"),
    (ActionStep(title, "GRANT USAGE ON SCHEMA app TO x;"),),
    warnings=(warning,),
)
error = error_of(ChangedMeanwhile(role, "app.alembic_version", (), ("a1",)))
AuditLog(Path(sys.argv[1])).append(record_from(action, Outcome.FAILED, error=error))
"""


def _written_elsewhere(path: Path, role: str) -> None:
    subprocess.run(
        [sys.executable, "-c", EARLIER_SESSION, str(path), role], check=True, timeout=120
    )


def test_records_of_an_earlier_session_show_in_russian(
    russian: None, qtbot: object, tmp_path: Path
) -> None:
    path = tmp_path / "audit.jsonl"
    role = f"a lacks b, not {uuid.uuid4().hex[:8]} to {{role}}"  # never said in this process
    _written_elsewhere(path, role)
    (record,) = AuditLog(path).read()
    assert record.title == f"grant USAGE on schema app to {role}"  # the log stays English
    assert {m["code"] for m in record.said.values()} == {"grant", "at", "changed-meanwhile"}

    dialog = AuditDialog(AuditLog(path))
    title = dialog.model.data(dialog.model.index(0, 4))
    assert title == f"Выдать USAGE на схему app роли {role}", title
    detail = dialog.detail.text()
    assert "app/001_x.sql:2:1: пустой файл" in detail, detail
    assert f"модуль {role}: " in detail, detail
    assert "changed since it was read" not in detail
    dialog.close()


def test_records_written_before_messages_were_kept_show_as_written(
    russian: None, qtbot: object, tmp_path: Path
) -> None:
    path = tmp_path / "audit.jsonl"
    role = f"zed_{uuid.uuid4().hex[:8]}"
    _written_elsewhere(path, role)
    data = json.loads(path.read_text(encoding="utf-8"))
    del data["said"]  # a record of an older version: English only
    path.write_text(json.dumps(data) + "\n", encoding="utf-8")

    dialog = AuditDialog(AuditLog(path))
    title = dialog.model.data(dialog.model.index(0, 4))
    assert title == f"Grant USAGE on schema app to {role}", title
    assert f"module {role}: app.alembic_version changed since it was read" in dialog.detail.text()
    dialog.close()
