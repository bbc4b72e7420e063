"""Point 11 of issue 19: "blocked", "unverifiable" (and every other state) are explained where
they show, with what to do, on the seeded demo database."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from schemadesk.core.migrations.models import MigrationState
from schemadesk.core.migrations.project import load_project
from schemadesk.core.profiles import ConnectionProfile
from schemadesk.db.gateway import Gateway
from schemadesk.demo.content import project_file
from schemadesk.ui.main_window import MainWindow
from tests.fix_ui import UiLoop
from tests.ui.test_migrations_view import _seed

pytestmark = pytest.mark.ui
TIP = Qt.ItemDataRole.ToolTipRole


def test_every_state_shown_is_explained_with_what_to_do(
    qtbot: object, ui_loop: UiLoop, gateway: Gateway, primary_dsn: str
) -> None:
    _seed(primary_dsn)
    window = MainWindow(gateway, load_project(project_file()))
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    window.show()
    window.open_profile(ConnectionProfile(name="demo", conninfo=primary_dsn))
    ui_loop.run(window.wait_loaded())
    window.show_view("migrations")
    view = window.migrations_view
    model = view.model
    seen: dict[MigrationState, str] = {}
    for module in view.visible_modules():
        assert view.select_module(module)
        item = view.modules.currentItem()
        summary_tip = item.toolTip(2)
        assert summary_tip.startswith(item.text(2))  # the summary, then the explanations
        for row in range(model.rowCount()):
            state = model.row_at(row).state
            tip = str(model.index(row, 1).data(TIP))
            assert tip != model.state_text(state)  # never the word again
            seen[state] = tip
            if state is not MigrationState.APPLIED:
                assert model.state_explanation(state) in summary_tip
    assert MigrationState.BLOCKED in seen  # the demo has a pending file after a drifted one
    assert MigrationState.UNVERIFIABLE in seen  # and Alembic modules
    assert "after a drifted file" in seen[MigrationState.BLOCKED]
    assert "Resolve the drifted file" in seen[MigrationState.BLOCKED]  # what to do
    assert "keeps no checksum" in seen[MigrationState.UNVERIFIABLE]
    assert "Accept new checksum" in seen[MigrationState.DRIFTED]
    window.close()
    ui_loop.settle()
