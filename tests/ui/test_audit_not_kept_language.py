"""An action that ran but whose audit record could not be kept says so in the window's language:
the status line names the action by its translated title, then why the log was not written."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from schemadesk.core.profiles import default_data_dir
from schemadesk.db.gateway import Gateway
from schemadesk.ui.grant_dialog import GrantDialog
from tests.fix_ui import UiLoop
from tests.ui.test_grant_dialog import _in_dialog, _open
from tests.until import until

pytestmark = pytest.mark.ui
MEMBER = "nk r, member: {x} %1"
GROUP = "nk g"


@pytest.fixture
def two_roles(primary_dsn: str) -> Iterator[str]:
    member, group = sql.Identifier(MEMBER), sql.Identifier(GROUP)
    with psycopg.connect(primary_dsn, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE ROLE {}; CREATE ROLE {}").format(member, group))
        conn.execute(sql.SQL("CREATE SCHEMA shop AUTHORIZATION {}").format(group))
    yield primary_dsn
    with psycopg.connect(primary_dsn, autocommit=True) as conn:
        conn.execute("DROP SCHEMA shop CASCADE")
        conn.execute(sql.SQL("DROP ROLE {}; DROP ROLE {}").format(member, group))


def test_an_audit_record_not_kept_names_the_action_in_russian(  # noqa: PLR0917
    russian: None, qtbot: object, ui_loop: UiLoop, gateway: Gateway, two_roles: str, tmp_path: Path
) -> None:
    window = _open(qtbot, gateway, two_roles, tmp_path, ui_loop)
    session = window.current
    assert session is not None
    log = default_data_dir() / "audit.jsonl"
    log.mkdir(parents=True)  # the log's path is a folder: appending to it fails

    def membership(dialog: GrantDialog) -> None:
        dialog.on.setCurrentIndex(dialog.on.findData("membership"))
        dialog.role.setCurrentIndex(dialog.role.findText(MEMBER))
        dialog.member_of.setCurrentIndex(dialog.member_of.findText(GROUP))
        dialog.ok.click()

    failures = _in_dialog(window, membership)
    window._grant(session, "shop")
    assert not failures, failures
    ui_loop.run(until(lambda: window.flow.dialog is not None and window.flow.dialog.isVisible()))
    assert window.flow.dialog is not None
    said: list[str] = []
    window.status.messageChanged.connect(said.append)
    window.flow.dialog.confirm_button.click()
    ui_loop.run(
        until(lambda: not window.progress.running and "готово" in window.status.currentMessage())
    )

    title, why = f"Включить {MEMBER} в роль {GROUP}", "журнал аудита не записан: "
    assert any(text.startswith(f"{title}: {why}") for text in said), said
    # the outcome said after it does not hide it: the status line and the panel keep it
    final = window.status.currentMessage()
    assert final.startswith(f"{title}: готово"), final
    assert f"; {why}" in final, final
    assert why in window.progress.message.text(), window.progress.message.text()
    assert not any("make " in text or "audit log" in text for text in said), said
    with psycopg.connect(two_roles) as conn:  # the action itself ran
        found = conn.execute(
            "SELECT count(*) FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member"
            " WHERE r.rolname = %s",
            (MEMBER,),
        ).fetchone()
    assert found == (1,)
    assert os.path.isdir(log)
    window.close()
