"""The acting loop in the real window against a real database: plan, preview, rehearse,
confirm (typed on protected profiles), progress, refreshed views; failures, cancel, grants."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from PySide6.QtCore import Qt

from schemadesk.core.audit import AuditLog
from schemadesk.core.migrations.files import checksum as pgdbm_checksum
from schemadesk.core.migrations.models import MigrationState
from schemadesk.core.migrations.project import single_module
from schemadesk.core.profiles import ConnectionProfile
from schemadesk.db.gateway import Gateway
from schemadesk.ui.audit_view import AuditDialog
from schemadesk.ui.main_window import MainWindow
from tests.fix_ui import UiLoop
from tests.until import until

pytestmark = pytest.mark.ui

FILES = {
    "001_items.sql": "CREATE TABLE {{tables.items}} (id int PRIMARY KEY);\n",
    "002_price.sql": "ALTER TABLE {{tables.items}} ADD COLUMN price numeric;\n",
    "003_seed.sql": "INSERT INTO {{tables.items}} (id, price) VALUES (1, 9.5);\n",
}


def _window(qtbot: object, gateway: Gateway, folder: Path) -> MainWindow:
    window = MainWindow(gateway, single_module(folder, "shop"))
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    window.show()
    return window


def _folder(tmp_path: Path, files: dict[str, str]) -> Path:
    folder = tmp_path / "migrations"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text)
    return folder


def _states(window: MainWindow) -> dict[str, MigrationState]:
    model = window.migrations_view.model
    return {model.row_at(r).filename: model.row_at(r).state for r in range(model.rowCount())}


def _ledger(dsn: str) -> list[str]:
    with psycopg.connect(dsn) as conn:
        rows = conn.execute("SELECT filename FROM shop.schema_migrations ORDER BY id").fetchall()
    return [r[0] for r in rows]


def _confirm(window: MainWindow, ui_loop: UiLoop, typed: str | None = None) -> None:
    ui_loop.run(until(lambda: window.flow.dialog is not None and window.flow.dialog.isVisible()))
    dialog = window.flow.dialog
    assert dialog is not None
    if typed is not None:
        assert not dialog.confirm_button.isEnabled()  # protected: nothing until the name is typed
        dialog.typed.setText(typed)
    assert dialog.confirm_button.isEnabled()
    dialog.confirm_button.click()


def test_rehearse_then_apply_on_a_protected_profile(
    qtbot: object, ui_loop: UiLoop, gateway: Gateway, primary_dsn: str, tmp_path: Path
) -> None:
    window = _window(qtbot, gateway, _folder(tmp_path, FILES))
    dbname = psycopg.conninfo.conninfo_to_dict(primary_dsn)["dbname"]
    window.open_profile(ConnectionProfile(name="prod", conninfo=primary_dsn, protected=True))
    ui_loop.run(window.wait_loaded())
    window.show_view("migrations")
    assert set(_states(window).values()) == {MigrationState.PENDING}

    window.migrations_view.rehearse_button.click()
    ui_loop.run(until(lambda: window.flow.dialog is not None))
    dialog = window.flow.dialog
    assert dialog is not None
    assert 'ALTER TABLE "shop".items ADD COLUMN price numeric;' in dialog.action.sql
    assert "advisory_xact_lock(hashtext('pgdbm_migration_' || 'shop'))" in dialog.action.sql
    assert dialog.action.statement_count == 3
    assert not dialog.confirm_button.isDefault()
    assert not dialog.confirm_button.autoDefault()
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    assert dialog.isVisible()  # Enter never confirms
    _confirm(window, ui_loop, typed=dbname)
    ui_loop.run(until(lambda: "rolled back" in window.progress.message.text()))
    assert [window.progress.state_of(r) for r in range(3)] == ["done"] * 3
    with psycopg.connect(primary_dsn) as conn:
        assert conn.execute("SELECT to_regclass('shop.items')").fetchone() == (None,)

    window.migrations_view.apply_button.click()
    ui_loop.run(until(lambda: window.flow.dialog is not None))
    assert window.flow.dialog is not None
    assert window.flow.dialog.rehearsal_label.text().startswith("3 rehearsed")
    _confirm(window, ui_loop, typed=dbname)
    ui_loop.run(until(lambda: window.progress.message.text().startswith("3 applied")))
    assert _ledger(primary_dsn) == list(FILES)
    ui_loop.run(until(lambda: set(_states(window).values()) == {MigrationState.APPLIED}))

    # Both confirmed actions are in the audit trail, with the exact SQL that ran.
    records = list(AuditLog())
    assert [(r.kind, str(r.outcome)) for r in records] == [
        ("rehearse", "succeeded"),
        ("apply-migrations", "succeeded"),
    ]
    assert records[1].profile == "prod"
    assert records[1].target.database == dbname
    assert 'ALTER TABLE "shop".items ADD COLUMN price numeric;' in records[1].sql
    assert [s.checksum for s in records[1].steps] == [
        pgdbm_checksum(text) for text in FILES.values()
    ]
    dialog = AuditDialog(parent=window)
    assert dialog.model.rowCount() == 2
    assert dialog.model.row_at(0).kind == "apply-migrations"  # newest first
    dialog.text.setText("rehearse")
    assert [r.kind for r in dialog.model.shown()] == ["rehearse"]
    dialog.close()
    window.close()


def test_a_failing_migration_stops_there_and_its_line_is_marked(
    qtbot: object, ui_loop: UiLoop, gateway: Gateway, primary_dsn: str, tmp_path: Path
) -> None:
    files = {
        **{k: v for k, v in FILES.items() if k != "003_seed.sql"},
        "003_broken.sql": "-- comment\nSELECT 1;\nSELECT no_such_column FROM {{tables.items}};\n",
    }
    window = _window(qtbot, gateway, _folder(tmp_path, files))
    window.open_profile(ConnectionProfile(name="t", conninfo=primary_dsn))
    ui_loop.run(window.wait_loaded())
    window.migrations_view.apply_button.click()
    _confirm(window, ui_loop)
    ui_loop.run(until(lambda: window.progress.message.text().startswith("failed")))
    assert "003_broken.sql:3:" in window.progress.message.text()
    assert [window.progress.state_of(r) for r in range(3)] == ["done", "done", "failed"]
    assert _ledger(primary_dsn) == ["001_items.sql", "002_price.sql"]
    view = window.migrations_view
    assert view.current_row is not None
    assert view.current_row.filename == "003_broken.sql"
    assert view.preview.mode == "raw"
    assert "003_broken.sql:3:" in view.ledger_label.text()
    (record,) = list(AuditLog())
    assert str(record.outcome) == "failed"
    assert record.error is not None
    assert record.error.line == 3
    window.close()


def test_a_half_run_no_transaction_file_says_what_it_left_committed(
    qtbot: object, ui_loop: UiLoop, gateway: Gateway, primary_dsn: str, tmp_path: Path
) -> None:
    files = {
        **{k: v for k, v in FILES.items() if k != "003_seed.sql"},
        "003_half.sql": "-- pgdbm:no-transaction\nINSERT INTO {{tables.items}} VALUES (1);\n"
        "INSERT INTO {{tables.items}} VALUES (2);\nSELECT 1/0;\n",
    }
    window = _window(qtbot, gateway, _folder(tmp_path, files))
    window.open_profile(ConnectionProfile(name="t", conninfo=primary_dsn))
    ui_loop.run(window.wait_loaded())
    window.migrations_view.apply_button.click()
    _confirm(window, ui_loop)
    ui_loop.run(until(lambda: window.progress.message.text().startswith("failed")))
    said = "2 of 3 statements of 003_half.sql were committed; no ledger row was written"
    assert said in window.progress.message.text()
    (record,) = list(AuditLog())
    assert record.error is not None
    assert said in (record.error.partial or "")
    window.close()


@pytest.fixture
def shop_owner(primary_dsn: str) -> Iterator[str]:
    """A role owning the schema ``shop`` (roles outlive databases: dropped afterwards)."""
    with psycopg.connect(primary_dsn, autocommit=True) as conn:
        conn.execute("CREATE ROLE shop_owner")
        conn.execute("CREATE SCHEMA shop AUTHORIZATION shop_owner")
    yield "shop_owner"
    with psycopg.connect(primary_dsn, autocommit=True) as conn:
        conn.execute("REASSIGN OWNED BY shop_owner TO CURRENT_USER")
        conn.execute("DROP OWNED BY shop_owner")
        conn.execute("DROP ROLE shop_owner")


@pytest.mark.usefixtures("shop_owner")
def test_run_as_the_owner_every_migration_starts_as_the_owner(
    qtbot: object, ui_loop: UiLoop, gateway: Gateway, primary_dsn: str, tmp_path: Path
) -> None:
    files = {
        "001_items.sql": FILES["001_items.sql"],
        "002_reset.sql": "RESET ROLE;\n",  # back to the login, inside the migration
        "003_more.sql": "CREATE TABLE {{tables.more}} (id int);\n",
    }
    window = _window(qtbot, gateway, _folder(tmp_path, files))
    window.open_profile(ConnectionProfile(name="t", conninfo=primary_dsn))
    ui_loop.run(window.wait_loaded())
    window.migrations_view.apply_button.click()
    ui_loop.run(until(lambda: window.flow.dialog is not None and window.flow.dialog.isVisible()))
    dialog = window.flow.dialog
    assert dialog is not None
    dialog.run_as.setCurrentIndex(dialog.run_as.findData("shop_owner"))
    ui_loop.run(until(lambda: dialog.action.steps[-1].sql == "RESET ROLE;"))
    # Shown: SET ROLE first, each migration's reset back to the owner, RESET ROLE last.
    assert dialog.action.steps[0].sql == 'SET ROLE "shop_owner";'
    assert all('SET ROLE "shop_owner";' in s.sql for s in dialog.action.steps[1:4])
    _confirm(window, ui_loop)
    ui_loop.run(until(lambda: "applied" in window.progress.message.text()))
    assert window.progress.message.text().startswith("3 applied"), window.progress.message.text()
    assert [window.progress.state_of(r) for r in range(5)] == ["done"] * 5
    with psycopg.connect(primary_dsn) as conn:
        owners = conn.execute(
            "SELECT tablename::text, tableowner::text FROM pg_tables"
            " WHERE schemaname = 'shop' ORDER BY 1"
        ).fetchall()
    assert owners == [
        ("items", "shop_owner"),
        ("more", "shop_owner"),  # 002's RESET ROLE did not reach 003
        ("schema_migrations", "shop_owner"),
    ]
    window.close()


def test_cancel_between_migrations_leaves_the_rest_pending(
    qtbot: object, ui_loop: UiLoop, gateway: Gateway, primary_dsn: str, tmp_path: Path
) -> None:
    files = {"000_slow.sql": "SELECT pg_sleep(1.5);\n", **FILES}
    window = _window(qtbot, gateway, _folder(tmp_path, files))
    window.open_profile(ConnectionProfile(name="t", conninfo=primary_dsn))
    ui_loop.run(window.wait_loaded())
    window.migrations_view.apply_button.click()
    _confirm(window, ui_loop)
    ui_loop.run(until(lambda: window.progress.state_of(0) == "running"))
    window.progress.cancel_button.click()
    ui_loop.run(until(lambda: window.progress.message.text().startswith("cancelled")))
    assert _ledger(primary_dsn) == ["000_slow.sql"]
    ui_loop.run(until(lambda: _states(window).get("002_price.sql") is MigrationState.PENDING))
    assert window.progress.state_of(1) == "cancelled"
    window.close()


def test_a_grant_applies_and_the_privilege_matrix_shows_it(
    qtbot: object, ui_loop: UiLoop, gateway: Gateway, primary_dsn: str, tmp_path: Path
) -> None:
    with psycopg.connect(primary_dsn, autocommit=True) as conn:
        conn.execute("CREATE SCHEMA shop; CREATE TABLE shop.items (id int)")
        conn.execute("DROP ROLE IF EXISTS flow_reader; CREATE ROLE flow_reader")
    try:
        window = _window(qtbot, gateway, _folder(tmp_path, {}))
        window.open_profile(ConnectionProfile(name="t", conninfo=primary_dsn))
        ui_loop.run(window.wait_loaded())
        session = window.current
        assert session is not None
        assert session.catalog is not None
        from schemadesk.core.access.changes import grant_privileges

        change = grant_privileges(session.catalog, "flow_reader", "shop", ["USAGE"])
        window._start_action(window.flow.apply_change_set(session, change, "shop"))
        ui_loop.run(until(lambda: window.flow.dialog is not None))
        assert window.flow.dialog is not None
        assert window.flow.dialog.action.sql.strip().endswith(
            'GRANT USAGE ON SCHEMA "shop" TO "flow_reader";'
        )
        _confirm(window, ui_loop)
        ui_loop.run(until(lambda: "desired state" in window.progress.message.text()))

        def matrix_cell() -> str:
            model = window.roles_view.matrix_model
            roles = [model.headerData(r, Qt.Orientation.Vertical) for r in range(model.rowCount())]
            cols = [
                model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())
            ]
            if "flow_reader" not in roles or "shop" not in cols:
                return ""
            return str(model.index(roles.index("flow_reader"), cols.index("shop")).data())

        ui_loop.run(until(lambda: matrix_cell().startswith("U")))
        window.close()
    finally:
        with psycopg.connect(primary_dsn, autocommit=True) as conn:
            conn.execute("DROP SCHEMA shop CASCADE; DROP ROLE flow_reader")


def test_read_only_profile_can_reach_no_changing_action(
    qtbot: object, ui_loop: UiLoop, gateway: Gateway, primary_dsn: str, tmp_path: Path
) -> None:
    window = _window(qtbot, gateway, _folder(tmp_path, FILES))
    window.open_profile(ConnectionProfile(name="ro", conninfo=primary_dsn, read_only=True))
    ui_loop.run(window.wait_loaded())
    view = window.migrations_view
    assert not view.apply_button.isEnabled()
    assert not view.rehearse_button.isEnabled()
    assert not view.accept_button.isEnabled()
    session = window.current
    assert session is not None
    assert not session.schema_details.grant_button.isEnabled()
    assert not session.schema_details.fix_all.isEnabled()

    from schemadesk.core.errors import ReadOnlyViolation

    for attempt in (
        window.flow.apply_pending(session),
        window.flow.apply_pending(session, rehearse=True),
    ):
        with pytest.raises(ReadOnlyViolation):
            ui_loop.run(attempt)
    assert window.flow.dialog is None

    async def server_refuses() -> None:
        assert session.database is not None
        async with session.database.connection() as conn:
            await conn.execute("CREATE TABLE must_not_exist (id int)")

    with pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
        gateway.call(server_refuses())
    window.close()


def test_a_held_lock_shows_who_holds_it_then_waits_or_cancels(
    qtbot: object, ui_loop: UiLoop, gateway: Gateway, primary_dsn: str, tmp_path: Path
) -> None:
    window = _window(qtbot, gateway, _folder(tmp_path, FILES))
    window.open_profile(ConnectionProfile(name="t", conninfo=primary_dsn))
    ui_loop.run(window.wait_loaded())
    lock = "SELECT pg_advisory_lock(hashtext('pgdbm_migration_' || 'shop'))"
    with psycopg.connect(primary_dsn, autocommit=True, application_name="pgdbm-ci") as other:
        other.execute(lock)
        pid = other.info.backend_pid

        # Cancel while waiting: nothing ran.
        window.migrations_view.apply_button.click()
        _confirm(window, ui_loop)
        ui_loop.run(until(lambda: f"held by pid {pid}" in window.progress.message.text()))
        assert "pgdbm-ci" in window.progress.message.text()
        assert window.progress.state_of(0) == "waiting for the lock"
        window.progress.cancel_button.click()
        ui_loop.run(until(lambda: window.progress.message.text().startswith("cancelled")))
        with psycopg.connect(primary_dsn) as conn:
            assert conn.execute("SELECT to_regclass('shop.schema_migrations')").fetchone() in (
                (None,),
                ("shop.schema_migrations",),
            )
            assert _ledger_or_empty(conn) == []

        # Wait: the apply goes on as soon as the holder lets go.
        window.migrations_view.apply_button.click()
        _confirm(window, ui_loop)
        ui_loop.run(until(lambda: f"held by pid {pid}" in window.progress.message.text()))
        other.execute("SELECT pg_advisory_unlock(hashtext('pgdbm_migration_' || 'shop'))")
        ui_loop.run(until(lambda: window.progress.message.text().startswith("3 applied")))
    assert _ledger(primary_dsn) == list(FILES)
    window.close()


def _ledger_or_empty(conn: psycopg.Connection[tuple[object, ...]]) -> list[str]:
    exists = conn.execute("SELECT to_regclass('shop.schema_migrations')").fetchone()
    if exists is None or exists[0] is None:
        return []
    return [r[0] for r in conn.execute("SELECT filename FROM shop.schema_migrations")]  # type: ignore[misc]
