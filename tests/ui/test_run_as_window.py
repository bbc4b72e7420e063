"""Who migrations run as, and which rehearsal an apply is shown, in the real window against a
real database: the schema's owner by default when the login may SET ROLE to it (what they
create is then the owner's), the choice carried from the rehearsal to the apply, and a
rehearsal that failed or was of other files or another role needing an explicit override."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from schemadesk.core.audit import AuditLog
from schemadesk.core.migrations.project import single_module
from schemadesk.core.profiles import ConnectionProfile
from schemadesk.db.gateway import Gateway
from schemadesk.ui.confirm_dialog import ConfirmDialog
from schemadesk.ui.main_window import MainWindow
from tests.fix_ui import UiLoop
from tests.until import until

pytestmark = pytest.mark.ui

FILES = {
    "001_orders.sql": "CREATE TABLE {{tables.orders}} (id int PRIMARY KEY, status text);\n",
    "002_history.sql": (
        "CREATE FUNCTION {{schema}}.record_status_change() RETURNS trigger\n"
        "LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;\n"
    ),
}


@pytest.fixture
def owner(primary_dsn: str) -> Iterator[str]:
    """A NOLOGIN owner role of schema ``shop``, as the seed's convention has it."""
    name = f"shop_owner_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(primary_dsn, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE SCHEMA shop AUTHORIZATION {}").format(sql.Identifier(name)))
    yield name
    with psycopg.connect(primary_dsn, autocommit=True) as conn:
        conn.execute("DROP SCHEMA shop CASCADE")
        conn.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(name)))


def _window(qtbot: object, gateway: Gateway, tmp_path: Path, files: dict[str, str]) -> MainWindow:
    folder = tmp_path / "migrations"
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text)
    window = MainWindow(gateway, single_module(folder, "shop"))
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    window.show()
    return window


def _dialog(window: MainWindow, ui_loop: UiLoop) -> ConfirmDialog:
    ui_loop.run(until(lambda: window.flow.dialog is not None and window.flow.dialog.isVisible()))
    assert window.flow.dialog is not None
    return window.flow.dialog


def _owners(dsn: str) -> dict[str, str]:
    with psycopg.connect(dsn) as conn:
        rows = conn.execute(
            "SELECT c.relname, pg_get_userbyid(c.relowner) FROM pg_class c"
            " WHERE c.relnamespace = 'shop'::regnamespace AND c.relkind = 'r'"
            " UNION ALL SELECT p.proname, pg_get_userbyid(p.proowner) FROM pg_proc p"
            " WHERE p.pronamespace = 'shop'::regnamespace"
        ).fetchall()
    return {str(name): str(role) for name, role in rows}


def test_migrations_run_as_the_schema_owner_by_default_and_it_owns_what_they_create(
    qtbot: object,
    ui_loop: UiLoop,
    gateway: Gateway,
    primary_dsn: str,
    *,
    tmp_path: Path,
    owner: str,
) -> None:
    window = _window(qtbot, gateway, tmp_path, FILES)
    window.open_profile(ConnectionProfile(name="dev", conninfo=primary_dsn))
    ui_loop.run(window.wait_loaded())
    window.show_view("migrations")
    window.migrations_view.apply_button.click()
    dialog = _dialog(window, ui_loop)
    assert dialog.run_as.currentData() == owner  # the default, shown before anything runs
    assert dialog.action.sql.startswith(f'-- {dialog.action.steps[0].label}\nSET ROLE "{owner}";')
    assert dialog.action.target.run_as == owner
    dialog.confirm_button.click()
    ui_loop.run(until(lambda: window.progress.message.text().startswith("2 applied")))
    # What the migrations created is the owner's: no convention finding to fix afterwards.
    assert _owners(primary_dsn) == {"schema_migrations": owner, "orders": owner,
                                    "record_status_change": owner}  # fmt: skip
    (record,) = list(AuditLog())
    assert record.target.run_as == owner
    window.close()


def test_the_login_stays_the_default_when_it_may_not_set_role_to_the_owner(
    qtbot: object,
    ui_loop: UiLoop,
    gateway: Gateway,
    primary_dsn: str,
    *,
    tmp_path: Path,
    owner: str,
) -> None:
    login = f"deployer_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(primary_dsn, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(login)))
        conn.execute(
            sql.SQL("GRANT CREATE, USAGE ON SCHEMA shop TO {}").format(sql.Identifier(login))
        )
    dsn = psycopg.conninfo.make_conninfo(primary_dsn, user=login)
    try:
        window = _window(qtbot, gateway, tmp_path, FILES)
        window.open_profile(ConnectionProfile(name="dev", conninfo=dsn))
        ui_loop.run(window.wait_loaded())
        window.migrations_view.apply_button.click()
        dialog = _dialog(window, ui_loop)
        assert dialog.run_as.currentData() == ""  # the login itself
        assert not dialog.run_as.isEnabled()  # nothing else it may become
        assert "\nSET ROLE " not in dialog.action.sql
        dialog.cancel_button.click()
        ui_loop.run(until(lambda: window.flow.dialog is None))
        window.close()
    finally:
        with psycopg.connect(primary_dsn, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP OWNED BY {}").format(sql.Identifier(login)))
            conn.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(login)))


def test_the_rehearsal_carries_its_role_and_binds_to_its_plan(
    qtbot: object,
    ui_loop: UiLoop,
    gateway: Gateway,
    primary_dsn: str,
    *,
    tmp_path: Path,
    owner: str,
) -> None:
    window = _window(qtbot, gateway, tmp_path, FILES)
    window.open_profile(ConnectionProfile(name="dev", conninfo=primary_dsn))
    ui_loop.run(window.wait_loaded())
    window.migrations_view.rehearse_button.click()
    dialog = _dialog(window, ui_loop)
    dialog.run_as.setCurrentIndex(dialog.run_as.findData(""))  # rehearse as the login
    ui_loop.run(until(lambda: dialog.action.target.run_as is None))
    dialog.confirm_button.click()
    ui_loop.run(until(lambda: "rolled back" in window.progress.message.text()))

    # The apply starts as the rehearsal ran (the login), and shows that rehearsal.
    window.migrations_view.apply_button.click()
    dialog = _dialog(window, ui_loop)
    assert dialog.run_as.currentData() == ""
    assert dialog.rehearsal_label.text().startswith("2 rehearsed")
    assert not dialog.override.isVisible()
    assert dialog.confirm_button.isEnabled()
    # As another role than the rehearsal's: said, and confirming needs the override.
    dialog.run_as.setCurrentIndex(dialog.run_as.findData(owner))
    ui_loop.run(until(lambda: dialog.action.target.run_as == owner))
    assert "rehearsed as another role" in dialog.rehearsal_label.text()
    assert dialog.override.isVisible()
    assert not dialog.confirm_button.isEnabled()
    dialog.override.setChecked(True)
    assert dialog.confirm_button.isEnabled()
    dialog.cancel_button.click()
    ui_loop.run(until(lambda: window.flow.dialog is None))

    # A file added since: the rehearsal was of another plan; an override again.
    (tmp_path / "migrations" / "003_more.sql").write_text("SELECT 1;\n")
    window.refresh()
    ui_loop.run(window.wait_loaded())
    ui_loop.run(until(lambda: window.migrations_view.model.rowCount() == 3))
    window.migrations_view.apply_button.click()
    dialog = _dialog(window, ui_loop)
    assert "other files or checksums" in dialog.rehearsal_label.text()
    assert not dialog.confirm_button.isEnabled()
    dialog.cancel_button.click()
    ui_loop.run(until(lambda: window.flow.dialog is None))
    window.close()


def test_a_failed_rehearsal_is_shown_failed_and_applying_needs_an_override(
    qtbot: object,
    ui_loop: UiLoop,
    gateway: Gateway,
    primary_dsn: str,
    *,
    tmp_path: Path,
    owner: str,
) -> None:
    files = {**FILES, "003_broken.sql": "SELECT no_such_column FROM {{tables.orders}};\n"}
    window = _window(qtbot, gateway, tmp_path, files)
    window.open_profile(ConnectionProfile(name="dev", conninfo=primary_dsn))
    ui_loop.run(window.wait_loaded())
    window.migrations_view.rehearse_button.click()
    _dialog(window, ui_loop).confirm_button.click()
    ui_loop.run(until(lambda: window.progress.message.text().startswith("failed")))
    ui_loop.run(until(lambda: window.flow.dialog is None))

    window.migrations_view.apply_button.click()
    dialog = _dialog(window, ui_loop)
    assert dialog.run_as.currentData() == owner  # carried from the rehearsal
    assert "failed" in dialog.rehearsal_label.text()
    assert dialog.override.isVisible()
    assert not dialog.confirm_button.isEnabled()
    dialog.cancel_button.click()
    ui_loop.run(until(lambda: window.flow.dialog is None))
    window.close()
