"""Point 9 of issue 19: the grant dialog starts from the selected role, offers what the CLI
offers (sequences, functions, default privileges, memberships, PUBLIC, grant option), and keeps
OK disabled while nothing is asked; what it asks for lands in the database as previewed."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from schemadesk.core.migrations.project import single_module
from schemadesk.core.profiles import ConnectionProfile
from schemadesk.db.gateway import Gateway
from schemadesk.ui.grant_dialog import GrantDialog
from schemadesk.ui.main_window import MainWindow
from tests.fix_ui import UiLoop
from tests.until import until

pytestmark = pytest.mark.ui
ROLES = ("gd_reader", "gd_owner")


@pytest.fixture
def shop(primary_dsn: str) -> Iterator[str]:
    with psycopg.connect(primary_dsn, autocommit=True) as conn:
        conn.execute("DROP ROLE IF EXISTS gd_reader; DROP ROLE IF EXISTS gd_owner")
        conn.execute("CREATE ROLE gd_reader; CREATE ROLE gd_owner")
        conn.execute(
            "CREATE SCHEMA shop AUTHORIZATION gd_owner; CREATE SEQUENCE shop.ids;"
            " CREATE TABLE shop.items (id int); CREATE FUNCTION shop.f() RETURNS int"
            " LANGUAGE sql AS 'SELECT 1'"
        )
    yield primary_dsn
    with psycopg.connect(primary_dsn, autocommit=True) as conn:
        conn.execute("DROP SCHEMA shop CASCADE")
        conn.execute("DROP OWNED BY gd_reader, gd_owner")
        conn.execute("DROP ROLE gd_reader; DROP ROLE gd_owner")


def _open(qtbot: object, gateway: Gateway, dsn: str, tmp_path: Path, ui_loop: UiLoop) -> MainWindow:
    (tmp_path / "m").mkdir()
    window = MainWindow(gateway, single_module(tmp_path / "m", "shop"))
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    window.show()
    window.open_profile(ConnectionProfile(name="t", conninfo=dsn))
    ui_loop.run(window.wait_loaded())
    return window


def _in_dialog(window: MainWindow, fill: Callable[[GrantDialog], None]) -> list[BaseException]:
    """Run ``fill`` on the modal dialog once it is open; its failures are returned."""
    failures: list[BaseException] = []

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        try:
            assert isinstance(dialog, GrantDialog)
            fill(dialog)
        except BaseException as exc:  # reported by the test afterwards
            failures.append(exc)
            if isinstance(dialog, GrantDialog):
                dialog.reject()

    QTimer.singleShot(0, act)
    return failures


def _confirm_sql(window: MainWindow, ui_loop: UiLoop) -> str:
    ui_loop.run(until(lambda: window.flow.dialog is not None and window.flow.dialog.isVisible()))
    dialog = window.flow.dialog
    assert dialog is not None
    text = dialog.action.sql
    dialog.confirm_button.click()
    ui_loop.run(until(lambda: "desired state" in window.progress.message.text()))
    return text


def test_the_selected_role_sequences_and_grant_option(
    qtbot: object, ui_loop: UiLoop, gateway: Gateway, shop: str, tmp_path: Path
) -> None:
    window = _open(qtbot, gateway, shop, tmp_path, ui_loop)
    window.show_view("roles")
    assert window.roles_view.select_role("gd_reader")
    session = window.current
    assert session is not None

    def fill(dialog: GrantDialog) -> None:
        assert dialog.role.currentText() == "gd_reader"  # the role selected in Roles
        assert dialog.schema.currentText() == "shop"
        assert "  " not in dialog.windowTitle()
        assert not dialog.ok.isEnabled()  # nothing ticked: nothing to preview
        assert dialog.hint.text() == "Tick at least one right."
        dialog.on.setCurrentIndex(dialog.on.findData("sequences"))
        assert set(dialog.boxes["sequences"]) == {"USAGE", "SELECT", "UPDATE"}
        dialog.boxes["sequences"]["USAGE"].setChecked(True)
        assert dialog.ok.isEnabled()
        dialog.grant_option.setChecked(True)
        dialog.ok.click()

    failures = _in_dialog(window, fill)
    window._grant(session, "shop")
    assert not failures, failures
    text = _confirm_sql(window, ui_loop)
    assert 'GRANT USAGE ON SEQUENCE "shop"."ids" TO "gd_reader" WITH GRANT OPTION;' in text
    with psycopg.connect(shop) as conn:
        held = conn.execute(
            "SELECT has_sequence_privilege('gd_reader', 'shop.ids', 'USAGE WITH GRANT OPTION')"
        ).fetchone()
    assert held == (True,)
    window.close()


def test_default_privileges_public_and_membership(
    qtbot: object, ui_loop: UiLoop, gateway: Gateway, shop: str, tmp_path: Path
) -> None:
    window = _open(qtbot, gateway, shop, tmp_path, ui_loop)
    session = window.current
    assert session is not None

    def defaults(dialog: GrantDialog) -> None:
        dialog.role.setCurrentIndex(dialog.role.findText("gd_reader"))
        dialog.on.setCurrentIndex(dialog.on.findData("functions"))
        assert dialog.default.isVisible()
        dialog.default.setChecked(True)
        dialog.boxes["functions"]["EXECUTE"].setChecked(True)
        dialog.ok.click()

    failures = _in_dialog(window, defaults)
    window._grant(session, "shop")
    assert not failures, failures
    text = _confirm_sql(window, ui_loop)
    assert text.count("ALTER DEFAULT PRIVILEGES") == 1
    with psycopg.connect(shop, autocommit=True) as conn:
        conn.execute("SET ROLE gd_owner; CREATE FUNCTION shop.later() RETURNS int "
                     "LANGUAGE sql AS 'SELECT 2'; RESET ROLE")  # fmt: skip
        later = conn.execute(
            "SELECT has_function_privilege('gd_reader', 'shop.later()', 'EXECUTE')"
        ).fetchone()
    assert later == (True,)

    def membership(dialog: GrantDialog) -> None:
        dialog.on.setCurrentIndex(dialog.on.findData("membership"))
        dialog.role.setCurrentIndex(dialog.role.findText("PUBLIC"))
        assert not dialog.ok.isEnabled()  # PUBLIC joins no role
        dialog.role.setCurrentIndex(dialog.role.findText("gd_reader"))
        assert not dialog.ok.isEnabled()  # which role to join is not chosen yet
        dialog.member_of.setCurrentIndex(dialog.member_of.findText("gd_owner"))
        assert dialog.ok.isEnabled()
        dialog.ok.click()

    failures = _in_dialog(window, membership)
    window._grant(session, "shop")
    assert not failures, failures
    assert 'GRANT "gd_owner" TO "gd_reader"' in _confirm_sql(window, ui_loop)
    with psycopg.connect(shop) as conn:
        member = conn.execute("SELECT pg_has_role('gd_reader', 'gd_owner', 'MEMBER')").fetchone()
    assert member == (True,)
    window.close()


def test_public_as_grantee_on_the_schema(
    qtbot: object, ui_loop: UiLoop, gateway: Gateway, shop: str, tmp_path: Path
) -> None:
    window = _open(qtbot, gateway, shop, tmp_path, ui_loop)
    session = window.current
    assert session is not None

    def public(dialog: GrantDialog) -> None:
        dialog.role.setCurrentIndex(dialog.role.findText("PUBLIC"))
        dialog.boxes["schema"]["USAGE"].setChecked(True)
        dialog.ok.click()

    failures = _in_dialog(window, public)
    window._grant(session, "shop")
    assert not failures, failures
    assert 'GRANT USAGE ON SCHEMA "shop" TO PUBLIC' in _confirm_sql(window, ui_loop)
    window.close()
