"""The window on a tenant chain: one row per tenant schema, its offline SQL, rehearse, apply.

The window reuses the CLI's service; this checks what a person sees and that Alembic agrees.
"""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from schemadesk.core.migrations.models import MigrationState
from schemadesk.core.migrations.project import load_project
from schemadesk.core.profiles import ConnectionProfile
from schemadesk.ui.main_window import MainWindow
from tests.alembic_engine import repos
from tests.alembic_engine.conftest import sqlalchemy_url
from tests.alembic_engine.test_shapes import _tenant_repo
from tests.fix_ui import UiLoop
from tests.until import until

pytestmark = pytest.mark.ui

TENANTS = ["tenant_a", "tenant_b", "tenant_c"]


def test_the_window_shows_rehearses_and_applies_one_tenant(
    ui_loop: UiLoop, gateway: object, qtbot: object, primary_dsn: str, tmp_path: Path
) -> None:
    """Three tenants by a pattern; tenant_b is applied through the confirmation dialog."""
    root = tmp_path / "saas"
    _tenant_repo(root)
    with psycopg.connect(primary_dsn, autocommit=True) as conn:
        for tenant in TENANTS:  # the tenant env.py's CREATE SCHEMA runs before Alembic's
            conn.execute(f"CREATE SCHEMA {tenant}")
    (root / "schemadesk.toml").write_text(
        '[[alembic.tenants]]\nconfig = "alembic.ini"\nschemas = "tenant_*"\n', encoding="utf-8"
    )
    window = MainWindow(gateway, load_project(root))  # type: ignore[arg-type]
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    window.show()
    window.open_profile(ConnectionProfile(name="saas", conninfo=primary_dsn))
    ui_loop.run(window.wait_loaded())
    window.show_view("migrations")
    view = window.migrations_view
    assert set(TENANTS) <= set(view.snapshots)
    assert view.select_module("tenant_b")
    states = [view.model.row_at(r).state for r in range(view.model.rowCount())]
    assert states == [MigrationState.PENDING, MigrationState.PENDING]
    ui_loop.run(until(lambda: "tenant_b.alembic_version" in view.preview.current_text()))

    def version_tables() -> list[str]:
        with psycopg.connect(primary_dsn) as conn:
            rows = conn.execute(
                "SELECT table_schema::text FROM information_schema.tables"
                " WHERE table_name = 'alembic_version' ORDER BY 1"
            ).fetchall()
        return [r for (r,) in rows]

    said: list[tuple[str, bool]] = []
    window.flow.action_finished.connect(lambda title, ok, _text: said.append((title, ok)))
    # env.py connects on its own: its commits cannot be held back, so no rehearsal, and says so
    view.rehearse_button.click()
    ui_loop.run(until(lambda: bool(said)))
    assert said[0] == ("Cannot rehearse", False)
    assert window.flow.dialog is None or not window.flow.dialog.isVisible()
    assert version_tables() == []

    view.apply_button.click()
    ui_loop.run(until(lambda: window.flow.dialog is not None and window.flow.dialog.isVisible()))
    dialog = window.flow.dialog
    assert dialog is not None
    assert len(dialog.action.steps) == 2
    assert "env.py connects on its own" in " ".join(dialog.action.warnings)
    dialog.confirm_button.click()
    ui_loop.run(until(lambda: window.progress.message.text().startswith("2 ")))
    url = sqlalchemy_url(primary_dsn)
    assert repos.alembic_current(root, url, "tenant_b") == {"t2"}
    assert repos.alembic_current(root, url, "tenant_a") == set()
    assert version_tables() == ["tenant_b"]
    window.close()
