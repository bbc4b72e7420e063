"""Titles and step labels of default privileges and memberships in the window's language: the
confirmation in Russian names hostile roles (made of the English title's own words) whole, the
kind of object and a membership's options translated, the SQL as it runs; the audit log keeps
the English the command line prints."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from schemadesk.core.audit import AuditLog
from schemadesk.db.gateway import Gateway
from schemadesk.ui.grant_dialog import GrantDialog
from schemadesk.ui.main_window import MainWindow
from tests.fix_ui import UiLoop
from tests.ui.test_grant_dialog import _in_dialog, _open
from tests.until import until

pytestmark = pytest.mark.ui
READER = "tt r in schema x give y to z"
OWNER = "tt o, not p (granted by q)"


@pytest.fixture
def shop(primary_dsn: str) -> Iterator[str]:
    reader, owner = sql.Identifier(READER), sql.Identifier(OWNER)
    with psycopg.connect(primary_dsn, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE ROLE {}; CREATE ROLE {}").format(reader, owner))
        conn.execute(sql.SQL("CREATE SCHEMA shop AUTHORIZATION {}").format(owner))
    yield primary_dsn
    with psycopg.connect(primary_dsn, autocommit=True) as conn:
        conn.execute("DROP SCHEMA shop CASCADE")
        conn.execute(sql.SQL("DROP OWNED BY {}, {}").format(reader, owner))
        conn.execute(sql.SQL("DROP ROLE {}; DROP ROLE {}").format(reader, owner))


def _confirmed(window: MainWindow, ui_loop: UiLoop) -> tuple[str, str]:
    """The confirmation's title and first step label as shown; then confirmed and run."""
    ui_loop.run(until(lambda: window.flow.dialog is not None and window.flow.dialog.isVisible()))
    dialog = window.flow.dialog
    assert dialog is not None
    shown = (dialog.action.title, dialog.action.steps[0].label)
    dialog.confirm_button.click()
    ui_loop.run(until(lambda: "нужное состояние" in window.progress.message.text()))
    return shown


def test_default_privileges_and_a_membership_are_titled_in_russian(  # noqa: PLR0917
    russian: None, qtbot: object, ui_loop: UiLoop, gateway: Gateway, shop: str, tmp_path: Path
) -> None:
    window = _open(qtbot, gateway, shop, tmp_path, ui_loop)
    session = window.current
    assert session is not None

    def defaults(dialog: GrantDialog) -> None:
        dialog.role.setCurrentIndex(dialog.role.findText(READER))
        dialog.on.setCurrentIndex(dialog.on.findData("functions"))
        dialog.default.setChecked(True)
        dialog.boxes["functions"]["EXECUTE"].setChecked(True)
        dialog.ok.click()

    failures = _in_dialog(window, defaults)
    window._grant(session, "shop")
    assert not failures, failures
    title, label = _confirmed(window, ui_loop)
    wanted = f"овые функции роли {OWNER} в схеме shop: выдавать EXECUTE роли {READER}"
    assert title == "Н" + wanted, title
    assert label == "н" + wanted, label

    def membership(dialog: GrantDialog) -> None:
        dialog.on.setCurrentIndex(dialog.on.findData("membership"))
        dialog.role.setCurrentIndex(dialog.role.findText(READER))
        dialog.member_of.setCurrentIndex(dialog.member_of.findText(OWNER))
        dialog.admin.setChecked(True)
        dialog.ok.click()

    failures = _in_dialog(window, membership)
    window._grant(session, "shop")
    assert not failures, failures
    title, label = _confirmed(window, ui_loop)
    assert title == f"Включить {READER} в роль {OWNER}", title
    assert label == f"включить {READER} в роль {OWNER} (может передавать её дальше)", label

    english = [r.title for r in AuditLog()]
    assert f"new functions of {OWNER} in schema shop give EXECUTE to {READER}" in english
    assert f"make {READER} a member of {OWNER}" in english
    window.close()
