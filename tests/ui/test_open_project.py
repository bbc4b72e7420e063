"""Point 7 of issue 19: File ▸ Open project…, recent projects, and the project remembered per
profile, against the seeded demo database."""

from __future__ import annotations

from pathlib import Path

import pytest

from schemadesk.core.profiles import ConnectionProfile
from schemadesk.db.gateway import Gateway
from schemadesk.demo.content import demo_dir
from schemadesk.ui.main_window import MainWindow
from tests.fix_ui import UiLoop
from tests.ui.test_migrations_view import _seed
from tests.until import until

pytestmark = pytest.mark.ui


def _window(qtbot: object, gateway: Gateway) -> MainWindow:
    window = MainWindow(gateway)
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    window.show()
    return window


def _pgdbm_modules(window: MainWindow) -> set[str]:
    return {
        name for name in window.migrations_view.visible_modules() if name in ("users", "orders")
    }


def test_open_a_project_then_the_profile_brings_it_back(
    qtbot: object, ui_loop: UiLoop, gateway: Gateway, primary_dsn: str, tmp_path: Path
) -> None:
    _seed(primary_dsn)
    profile = ConnectionProfile(name="demo/with slash", conninfo=primary_dsn)
    window = _window(qtbot, gateway)
    window.open_profile(profile)
    ui_loop.run(window.wait_loaded())
    assert _pgdbm_modules(window) == set()  # no project yet: no pgdbm modules

    # A folder that is no project: refused with its path, nothing changes.
    (tmp_path / "empty").mkdir()
    assert not window.open_project(tmp_path / "empty")
    assert window.error_box is not None
    assert str(tmp_path / "empty") in window.error_box.text()
    assert window.project is None

    assert window.open_project(demo_dir())  # the folder holding schemadesk.toml
    ui_loop.run(until(lambda: _pgdbm_modules(window) == {"users", "orders"}))
    assert window.projects.recent() == [str(demo_dir())]
    assert [a.text() for a in window.projects.recent_menu.actions()] == [str(demo_dir())]
    window.close()

    # A new window (as after a restart) opening the same profile: the project comes back.
    again = _window(qtbot, gateway)
    again.open_profile(profile)
    ui_loop.run(again.wait_loaded())
    assert _pgdbm_modules(again) == {"users", "orders"}
    # Another profile on the same database has no project remembered.
    again.open_profile(ConnectionProfile(name="other", conninfo=primary_dsn))
    ui_loop.run(again.wait_loaded())
    assert _pgdbm_modules(again) == set()
    again.close()
    ui_loop.settle()


def test_the_recent_menu_opens_a_project_and_says_when_there_is_none(
    qtbot: object, ui_loop: UiLoop, gateway: Gateway, primary_dsn: str
) -> None:
    window = _window(qtbot, gateway)
    actions = window.projects.recent_menu.actions()
    assert [(a.text(), a.isEnabled()) for a in actions] == [("No recent projects", False)]
    window.projects.add_recent(demo_dir() / "schemadesk.toml")
    window.open_profile(ConnectionProfile(name="t", conninfo=primary_dsn))
    ui_loop.run(window.wait_loaded())
    window.projects.recent_menu.actions()[0].trigger()
    assert window.project is not None
    assert window.project.source == (demo_dir() / "schemadesk.toml").resolve()
    window.close()
    ui_loop.settle()
