"""One use case, two front ends: the same grant through ``schemadesk grant`` and through the
window leaves the same audit record (kind, title, SQL, target, run-as, outcome)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from schemadesk.cli import main
from schemadesk.core.access.changes import grant_privileges
from schemadesk.core.audit import AuditLog, Outcome
from schemadesk.core.migrations.project import single_module
from schemadesk.core.profiles import ConnectionProfile
from schemadesk.db.gateway import Gateway
from schemadesk.ui.main_window import MainWindow
from tests.audit.parity import same_parts
from tests.fix_ui import UiLoop
from tests.until import until

pytestmark = pytest.mark.ui


@pytest.fixture
def owned_shop(primary_dsn: str) -> Iterator[None]:
    """Schema ``shop`` owned by ``parity_owner``; ``parity_reader`` to grant to."""
    with psycopg.connect(primary_dsn, autocommit=True) as conn:
        conn.execute("CREATE ROLE parity_owner; CREATE ROLE parity_reader")
        conn.execute("CREATE SCHEMA shop AUTHORIZATION parity_owner")
    yield
    with psycopg.connect(primary_dsn, autocommit=True) as conn:
        conn.execute("DROP SCHEMA shop CASCADE; DROP ROLE parity_reader; DROP ROLE parity_owner")


def _revoke(dsn: str) -> None:
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("REVOKE USAGE ON SCHEMA shop FROM parity_reader")


@pytest.mark.usefixtures("owned_shop")
def test_a_grant_as_the_owner_is_audited_alike_by_the_cli_and_the_window(
    *,
    qtbot: object,
    ui_loop: UiLoop,
    gateway: Gateway,
    primary_dsn: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = ["grant", "--dsn", primary_dsn, "--role", "parity_reader", "--schema", "shop"]
    assert main([*argv, "USAGE", "--run-as", "owner", "--yes"]) == 0
    out = capsys.readouterr().out
    assert out.startswith('SET LOCAL ROLE "parity_owner";\n'), out  # the SQL says as whom
    _revoke(primary_dsn)

    folder = tmp_path / "migrations"
    folder.mkdir()
    window = MainWindow(gateway, single_module(folder, "shop"))
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    window.show()
    window.open_profile(ConnectionProfile.from_dsn(primary_dsn)[0])
    ui_loop.run(window.wait_loaded())
    session = window.current
    assert session is not None
    assert session.catalog is not None
    change = grant_privileges(session.catalog, "parity_reader", "shop", ["USAGE"])
    window._start_action(window.flow.apply_change_set(session, change, "shop"))
    ui_loop.run(until(lambda: window.flow.dialog is not None and window.flow.dialog.isVisible()))
    dialog = window.flow.dialog
    assert dialog is not None
    dialog.run_as.setCurrentIndex(dialog.run_as.findData("parity_owner"))
    ui_loop.run(until(lambda: dialog.action.target.run_as == "parity_owner"))
    dialog.confirm_button.click()
    ui_loop.run(until(lambda: "desired state" in window.progress.message.text()))
    window.close()

    cli, gui = list(AuditLog())
    assert cli.outcome is Outcome.SUCCEEDED
    assert cli.target.run_as == "parity_owner"
    assert cli.target.schema == "shop"
    assert same_parts(cli) == same_parts(gui)
    assert cli.id != gui.id


@pytest.fixture
def shop_schema(primary_dsn: str) -> Iterator[None]:
    yield
    with psycopg.connect(primary_dsn, autocommit=True) as conn:
        conn.execute("DROP SCHEMA IF EXISTS shop CASCADE")


@pytest.mark.usefixtures("shop_schema")
def test_accept_checksum_is_one_action_with_one_title_in_both_front_ends(
    *, qtbot: object, ui_loop: UiLoop, gateway: Gateway, primary_dsn: str, tmp_path: Path
) -> None:
    folder = tmp_path / "migrations"
    folder.mkdir()
    edited = folder / "001_items.sql"
    edited.write_text("CREATE TABLE {{tables.items}} (id int);\n")
    args = ["--dsn", primary_dsn, "--migrations", str(folder), "--schema", "shop"]
    assert main(["apply", *args, "--yes"]) == 0
    edited.write_text("CREATE TABLE {{tables.items}} (id int); -- edited\n")
    assert main(["accept-checksum", *args, "001_items.sql", "--yes"]) == 0
    edited.write_text("CREATE TABLE {{tables.items}} (id int); -- edited twice\n")

    window = MainWindow(gateway, single_module(folder, "shop"))
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    window.show()
    window.open_profile(ConnectionProfile.from_dsn(primary_dsn)[0])
    ui_loop.run(window.wait_loaded())
    session = window.current
    assert session is not None
    window._start_action(window.flow.accept_new_checksum(session, "shop", "001_items.sql"))
    ui_loop.run(until(lambda: window.flow.dialog is not None and window.flow.dialog.isVisible()))
    dialog = window.flow.dialog
    assert dialog is not None
    dialog.confirm_button.click()
    ui_loop.run(until(lambda: "accepted" in window.progress.message.text()))
    window.close()

    _applied, cli, gui = list(AuditLog())
    alike = [
        (r.kind, r.title, r.target, r.outcome, r.warnings, [s.label for s in r.steps])
        for r in (cli, gui)
    ]
    assert alike[0] == alike[1]
    assert cli.title == "Accept the new checksum of shop/001_items.sql"
    assert cli.outcome is Outcome.SUCCEEDED
    # Each recorded the checksum it wrote into the ledger, in the SQL that ran.
    assert cli.steps[0].checksum != gui.steps[0].checksum
    assert all(r.steps[0].checksum in r.sql for r in (cli, gui))


@pytest.mark.usefixtures("shop_schema")
def test_a_window_rehearsal_that_meets_a_held_lock_is_audited_and_the_panel_finishes(
    *, qtbot: object, ui_loop: UiLoop, gateway: Gateway, primary_dsn: str, tmp_path: Path
) -> None:
    folder = tmp_path / "migrations"
    folder.mkdir()
    (folder / "001_items.sql").write_text("CREATE TABLE {{tables.items}} (id int);\n")
    window = MainWindow(gateway, single_module(folder, "shop"))
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    window.show()
    window.open_profile(ConnectionProfile.from_dsn(primary_dsn)[0])
    ui_loop.run(window.wait_loaded())
    lock = "hashtext('pgdbm_migration_' || 'shop')"
    with psycopg.connect(primary_dsn, autocommit=True) as other:
        other.execute(f"SELECT pg_advisory_lock({lock})")
        window.migrations_view.rehearse_button.click()
        ui_loop.run(
            until(lambda: window.flow.dialog is not None and window.flow.dialog.isVisible())
        )
        dialog = window.flow.dialog
        assert dialog is not None
        dialog.confirm_button.click()
        ui_loop.run(until(lambda: "holds the migration lock" in window.progress.message.text()))
        other.execute(f"SELECT pg_advisory_unlock({lock})")
    window.close()
    (record,) = list(AuditLog())
    assert record.kind == "rehearse"
    assert record.outcome is Outcome.FAILED
    assert record.error is not None
    assert "another applier holds the migration lock" in record.error.message
