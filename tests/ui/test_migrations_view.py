"""The migrations view on the seeded demo database: states, rendered SQL, problem markers."""

from __future__ import annotations

import asyncio

import psycopg
import pytest

from schemadesk.core.migrations.models import MigrationState
from schemadesk.core.migrations.project import load_project
from schemadesk.core.profiles import ConnectionProfile
from schemadesk.demo import SeedSummary, seed_demo
from schemadesk.demo.content import project_file
from schemadesk.ui.main_window import MainWindow
from tests.fix_ui import UiLoop
from tests.until import until

pytestmark = pytest.mark.ui


def _seed(dsn: str) -> SeedSummary:
    async def go() -> SeedSummary:
        async with await psycopg.AsyncConnection.connect(dsn, autocommit=True) as conn:
            return await seed_demo(conn)

    loop = asyncio.new_event_loop()  # not asyncio.run: it would unset the test's qasync loop
    try:
        return loop.run_until_complete(go())
    finally:
        loop.close()


def test_modules_states_and_rendered_preview(ui_loop: UiLoop, gateway: object, qtbot: object,
                                             primary_dsn: str) -> None:  # fmt: skip
    summary = _seed(primary_dsn)
    window = MainWindow(gateway, load_project(project_file()))  # type: ignore[arg-type]
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    window.show()
    window.open_profile(ConnectionProfile(name="demo", conninfo=primary_dsn))
    ui_loop.run(window.wait_loaded())
    window.show_view("migrations")
    view = window.migrations_view

    users = summary.module("users")
    assert view.select_module("users")
    states = {view.model.row_at(r).filename: view.model.row_at(r).state
              for r in range(view.model.rowCount())}  # fmt: skip
    assert {f for f, s in states.items() if s is MigrationState.APPLIED} == set(users.applied)
    assert {f for f, s in states.items() if s is MigrationState.MISSING} == set(users.missing)
    assert {f for f, s in states.items() if s in (MigrationState.PENDING, MigrationState.BLOCKED)
            } == set(users.pending)  # fmt: skip
    summary_text = view.modules.currentItem().text(2)
    assert f"{len(users.applied)} applied" in summary_text

    # The rendered SQL of an applied file names the module's schema, quoted as pgdbm does.
    assert view.select_file(users.applied[0])
    view.preview.set_mode("rendered")
    assert '"users".' in view.preview.current_text()
    view.preview.set_mode("raw")
    assert "{{tables." in view.preview.current_text()

    # Render the same file for another schema.
    view.preview.render_for_schema_requested.emit("staging")
    view.preview.set_mode("rendered")
    assert '"staging".' in view.preview.current_text()

    orders = summary.module("orders")
    assert view.select_module("orders")
    drifted = orders.drifted[0]
    assert view.select_file(drifted)
    assert "Drifted" in view.ledger_label.text()

    counts = window.smoke_summary()["migrations"]
    assert counts["drifted"] >= 1
    assert counts["missing"] >= 1
    window.close()
    ui_loop.settle()


def test_alembic_modules_beside_pgdbm_preview_and_apply_from_the_window(
    ui_loop: UiLoop, gateway: object, qtbot: object, primary_dsn: str
) -> None:
    summary = _seed(primary_dsn)
    auth = summary.module("auth")
    window = MainWindow(gateway, load_project(project_file()))  # type: ignore[arg-type]
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    window.show()
    window.open_profile(ConnectionProfile(name="demo", conninfo=primary_dsn))
    ui_loop.run(window.wait_loaded())
    window.show_view("migrations")
    view = window.migrations_view
    assert {"users", "orders", "auth", "inventory"} <= set(view.snapshots)

    assert view.select_module("auth")
    states = [view.model.row_at(r).state for r in range(view.model.rowCount())]
    assert MigrationState.UNVERIFIABLE in states  # Alembic has no checksums: never "applied"
    assert states.count(MigrationState.PENDING) == len(auth.pending)
    assert view.rehearse_button.isEnabled()  # env.py takes the connection: rehearsable
    assert view.apply_button.isEnabled()
    ui_loop.run(until(lambda: "alembic_version_auth" in view.preview.current_text()))

    def auth_heads() -> list[str]:
        with psycopg.connect(primary_dsn) as conn:
            return [r[0] for r in conn.execute("SELECT version_num FROM auth.alembic_version_auth")]

    seeded = auth_heads()
    view.rehearse_button.click()
    ui_loop.run(until(lambda: window.flow.dialog is not None and window.flow.dialog.isVisible()))
    assert window.flow.dialog is not None
    window.flow.dialog.confirm_button.click()
    ui_loop.run(until(lambda: "rolled back" in window.progress.message.text()))
    assert auth_heads() == seeded  # every upgrade ran, and went
    window.flow.dialog = None

    view.apply_button.click()
    ui_loop.run(until(lambda: window.flow.dialog is not None and window.flow.dialog.isVisible()))
    dialog = window.flow.dialog
    assert dialog is not None
    # As the schema's owner (the login may become it), then each pending upgrade.
    assert dialog.action.steps[0].sql == 'SET ROLE "auth_owner";'
    assert len(dialog.action.steps) == 1 + len(auth.pending)
    dialog.confirm_button.click()
    ui_loop.run(until(lambda: window.progress.message.text().startswith(f"{len(auth.pending)} ")))
    with psycopg.connect(primary_dsn) as conn:
        heads = [r[0] for r in conn.execute("SELECT version_num FROM auth.alembic_version_auth")]
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from schemadesk.demo.content import alembic_ini

    script = ScriptDirectory.from_config(Config(str(alembic_ini())))
    assert heads == [script.get_revision("auth@head").revision]  # type: ignore[union-attr]
    ui_loop.run(until(lambda: view.current is not None and not view.current.status.pending))
    window.close()
