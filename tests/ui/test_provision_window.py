"""Point 8 of issue 19: Provision a schema… in the window, through the confirmation flow, with
the same builder as ``schemadesk provision``; refusals before anything is asked."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from schemadesk.core.profiles import ConnectionProfile
from schemadesk.db.gateway import Gateway
from schemadesk.ui.main_window import MainWindow
from schemadesk.ui.provision_dialog import ProvisionDialog
from tests.fix_ui import UiLoop
from tests.until import until

pytestmark = pytest.mark.ui
ROLES = ("pw_billing_owner", "pw_billing_rw")


def _roles(dsn: str) -> set[str]:
    with psycopg.connect(dsn) as conn:
        return {r[0] for r in conn.execute("SELECT rolname FROM pg_roles").fetchall()}


@pytest.fixture
def dsn(primary_dsn: str) -> Iterator[str]:
    before = _roles(primary_dsn)
    yield primary_dsn
    with psycopg.connect(primary_dsn, autocommit=True) as conn:
        conn.execute("DROP SCHEMA IF EXISTS pw_billing CASCADE")
        for role in sorted(_roles(primary_dsn) - before):  # only what the test created
            conn.execute(psycopg.sql.SQL("DROP OWNED BY {0}; DROP ROLE {0}").format(
                psycopg.sql.Identifier(role)))  # fmt: skip


def test_provision_a_schema_from_the_window(
    qtbot: object, ui_loop: UiLoop, gateway: Gateway, dsn: str
) -> None:
    window = MainWindow(gateway)
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    window.show()
    window.open_profile(ConnectionProfile(name="t", conninfo=dsn))
    ui_loop.run(window.wait_loaded())
    failures: list[BaseException] = []

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        try:
            assert isinstance(dialog, ProvisionDialog)
            assert not dialog.ok.isEnabled()  # nothing typed
            dialog.schema.setText("pg_catalog")
            assert not dialog.ok.isEnabled()
            assert dialog.hint.text() == "A system schema is never provisioned."
            dialog.schema.setText("x" * 60)
            assert not dialog.ok.isEnabled()  # x…x_owner would pass 63 bytes
            dialog.schema.setText("public")
            assert dialog.ok.isEnabled()
            assert "only what it lacks" in dialog.hint.text()
            dialog.schema.setText("pw_billing")
            assert "owner pw_billing_owner, read-write pw_billing_rw" in dialog.roles.text()
            dialog.ok.click()
        except BaseException as exc:  # reported by the test afterwards
            failures.append(exc)
            if isinstance(dialog, ProvisionDialog):
                dialog.reject()

    QTimer.singleShot(0, fill)
    window.provision_action.trigger()
    assert not failures, failures
    ui_loop.run(until(lambda: window.flow.dialog is not None and window.flow.dialog.isVisible()))
    confirm = window.flow.dialog
    assert confirm is not None
    assert 'CREATE SCHEMA "pw_billing" AUTHORIZATION "pw_billing_owner"' in confirm.action.sql
    with psycopg.connect(dsn) as conn:  # nothing before the confirmation
        assert conn.execute("SELECT to_regnamespace('pw_billing')").fetchone() == (None,)
    confirm.confirm_button.click()
    ui_loop.run(until(lambda: "desired state" in window.progress.message.text()))
    with psycopg.connect(dsn) as conn:
        owner = conn.execute(
            "SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = 'pw_billing'"
        ).fetchone()
    assert owner == ("pw_billing_owner",)
    ui_loop.run(until(lambda: "pw_billing" in window.schemas_view.visible_names()))
    window.close()
