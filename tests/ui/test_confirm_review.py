"""The apply's confirmation shows, per migration, the timeouts it runs under, what the last
rehearsal saw it lock and rewrite, and its lint findings; a no-transaction file says it was
not rehearsed and shows its lint instead."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QTreeWidgetItem

from schemadesk.cli import main
from schemadesk.core.migrations.project import single_module
from schemadesk.core.profiles import ConnectionProfile
from schemadesk.db.gateway import Gateway
from schemadesk.ui.main_window import MainWindow
from tests.fix_ui import UiLoop
from tests.until import until

pytestmark = pytest.mark.ui

BASE = (
    "CREATE TABLE {{tables.items}} (id int PRIMARY KEY, price int);\n"
    "INSERT INTO {{tables.items}} SELECT g, g FROM generate_series(1, 300) g;\n"
)
PENDING = {
    "002_type.sql": (
        "SET lock_timeout = '2s';\nALTER TABLE {{tables.items}} ALTER COLUMN price TYPE bigint;\n"
    ),
    "003_cic.sql": (
        "-- pgdbm:no-transaction\nCREATE INDEX CONCURRENTLY items_price ON shop.items (price);\n"
    ),
}


def _children(row: QTreeWidgetItem) -> list[tuple[str, str]]:
    return [(row.child(i).text(0), row.child(i).text(1)) for i in range(row.childCount())]


def _dialog_after(window: MainWindow, ui_loop: UiLoop, button: object) -> object:
    button.click()  # type: ignore[attr-defined]
    ui_loop.run(until(lambda: window.flow.dialog is not None and window.flow.dialog.isVisible()))
    return window.flow.dialog


def test_rehearsal_then_the_apply_dialog_shows_locks_rewrites_timeouts_and_lint(
    qtbot: object,
    ui_loop: UiLoop,
    *,
    gateway: Gateway,
    primary_dsn: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = tmp_path / "migrations"
    folder.mkdir()
    (folder / "001_items.sql").write_text(BASE)
    base = ["--dsn", primary_dsn, "--migrations", str(folder), "--schema", "shop"]
    assert main(["apply", *base, "--yes", "--json"]) == 0
    capsys.readouterr()
    for name, text in PENDING.items():
        (folder / name).write_text(text)
    window = MainWindow(gateway, single_module(folder, "shop"))
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    window.show()
    window.open_profile(ConnectionProfile(name="dev", conninfo=primary_dsn))
    ui_loop.run(window.wait_loaded())
    window.show_view("migrations")

    view = window.migrations_view
    dialog = _dialog_after(window, ui_loop, view.apply_button)
    review = dialog.review  # type: ignore[attr-defined]
    assert review.isVisible()
    first = review.topLevelItem(0)
    assert ("Observed", "no rehearsal of this plan yet") in _children(first)
    dialog.reject()  # type: ignore[attr-defined]

    dialog = _dialog_after(window, ui_loop, view.rehearse_button)
    dialog.confirm_button.click()  # type: ignore[attr-defined]
    ui_loop.run(until(lambda: "rolled back" in window.progress.message.text()))

    dialog = _dialog_after(window, ui_loop, view.apply_button)
    review = dialog.review  # type: ignore[attr-defined]
    first, second = review.topLevelItem(0), review.topLevelItem(1)
    assert first.text(0) == "shop/002_type.sql"
    # (the window loads the English plural forms; the test runs without them)
    assert first.text(1) == "ACCESS EXCLUSIVE lock · 2 rewrite(s) · 2 lint finding(s)"
    assert first.isExpanded()  # a rewrite under ACCESS EXCLUSIVE: open for reading
    rows = _children(first)
    assert (
        "Runs under",
        "lock_timeout 5s (profile), statement_timeout 60s (profile); line 1: lock_timeout 2s",
    ) in rows
    observed = [text for kind, text in rows if kind == "Observed"]
    assert observed[0].startswith("ACCESS EXCLUSIVE on shop.items — rewritten (")
    assert second.text(1).startswith("not rehearsed · ")
    kinds = dict(_children(second))
    assert kinds["Observed"] == "not rehearsed (-- pgdbm:no-transaction): see the lint"
    assert "[prefer-robust-stmts]" in kinds["Lint"]
    assert "line 2" in kinds["Lint"]
    dialog.reject()  # type: ignore[attr-defined]
    window.close()
