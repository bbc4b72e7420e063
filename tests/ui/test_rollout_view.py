"""The Rollout view: opened from View ▸ Rollout…, it plans two databases (one protected, so the
number of targets must be typed), shows a failure with its file and line, and Retry failed
runs only the target that failed, which then applies only what it lacked."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from unittest.mock import patch

import psycopg
import pytest
from PySide6.QtWidgets import QFileDialog

from schemadesk.core.profiles import ConnectionProfile, ProfileStore
from schemadesk.core.rollout.models import TargetState
from schemadesk.core.rollout.review_report import read_rollout_report
from schemadesk.ui.main_window import MainWindow
from schemadesk.ui.rollout_view import RolloutDialog
from tests.fix_db import TestServer
from tests.fix_ui import UiLoop
from tests.until import until

TENANTS = [f"tenant_{i}" for i in range(1, 5)]


def _database(server: TestServer, broken: bool, made: list[str]) -> str:
    made.append(server.create_database())
    dsn = server.conninfo(made[-1])
    with psycopg.connect(dsn, autocommit=True) as conn:
        for s in TENANTS:
            conn.execute(f"CREATE SCHEMA {s}")  # type: ignore[arg-type]
        if broken:
            conn.execute("CREATE TABLE tenant_3.items (id int)")
    return dsn


def _targets(tmp_path: Path, first: str, second: str) -> Path:
    folder = tmp_path / "tenant"
    folder.mkdir()
    (folder / "001_items.sql").write_text("CREATE TABLE {{tables.items}} (id int);\n")
    (folder / "002_more.sql").write_text("ALTER TABLE {{tables.items}} ADD note text;\n")
    ProfileStore().save(ConnectionProfile(name="eu-1", conninfo=first, protected=True))
    path = tmp_path / "targets.toml"
    path.write_text(
        "[[rollout.tenants]]\n"
        f'name = "tenant"\npath = "{folder}"\nschemas = "tenant_*"\n\n'
        '[[targets]]\nprofile = "eu-1"\n\n'
        f'[[targets]]\nname = "eu-2"\ndsn = {json.dumps(second)}\n',
        encoding="utf-8",
    )
    return path


def _ledger(dsn: str, schema: str) -> list[str]:
    with psycopg.connect(dsn) as conn:
        rows = conn.execute(f"SELECT filename FROM {schema}.schema_migrations ORDER BY id")  # type: ignore[arg-type]
        return [r[0] for r in rows]


def _review_report(dialog: RolloutDialog, path: Path) -> None:
    """Review report… writes every planned target into one report; nothing runs."""
    assert dialog.report_button.isEnabled()
    with patch.object(QFileDialog, "getSaveFileName", return_value=(str(path), "")):
        dialog.report_button.click()
    manifest = read_rollout_report(path)
    assert [(t.name, len(t.steps)) for t in manifest.targets] == [("eu-1", 8), ("eu-2", 8)]
    assert manifest.content_sha256 in dialog.summary.text()
    assert dialog.typed.isVisible()  # still waiting for Run


def test_rollout_view_confirms_typed_shows_the_failing_line_and_retries_it(
    main_window: MainWindow, ui_loop: UiLoop, primary_server: TestServer, tmp_path: Path, qtbot: Any
) -> None:
    made: list[str] = []
    try:
        _run_view(main_window, ui_loop, primary_server, tmp_path, made)
    finally:
        for dbname in made:
            primary_server.drop_database(dbname)


def _run_view(
    main_window: MainWindow, ui_loop: UiLoop, server: TestServer, tmp_path: Path, made: list[str]
) -> None:
    first, second = _database(server, False, made), _database(server, True, made)
    targets = _targets(tmp_path, first, second)
    entry = next(
        a for a in main_window.menuBar().actions() if a.menu() is not None and "View" in a.text()
    )
    rollout_entry = next(a for a in entry.menu().actions() if "Rollout" in a.text())
    rollout_entry.trigger()
    dialog = main_window.findChild(RolloutDialog)
    assert dialog is not None
    assert dialog.isVisible()
    dialog.path.setText(str(targets))
    dialog.continue_on_error.setChecked(True)  # eu-2's failure must not stop eu-1
    dialog.plan_button.click()
    ui_loop.run(until(dialog.typed.isVisible))
    model = dialog.model
    assert [(r.name, r.state, r.total) for r in model.rows] == [
        ("eu-1", TargetState.PENDING, 8),
        ("eu-2", TargetState.PENDING, 8),
    ]
    _review_report(dialog, tmp_path / "review.html")
    assert not dialog.run_button.isEnabled()  # eu-1 is protected: the count must be typed
    dialog.typed.setText("3")
    assert not dialog.run_button.isEnabled()
    dialog.typed.setText("2")
    assert dialog.run_button.isEnabled()
    dialog.run_button.click()
    ui_loop.run(until(dialog.retry_button.isEnabled))
    states = {r.name: r for r in model.rows}
    assert states["eu-1"].state is TargetState.DONE
    assert states["eu-2"].state is TargetState.FAILED
    assert states["eu-2"].failure.startswith("tenant_3: 001_items.sql:1: ")
    assert _ledger(second, "tenant_2") == ["001_items.sql", "002_more.sql"]

    with psycopg.connect(second, autocommit=True) as conn:
        conn.execute("DROP TABLE tenant_3.items")
    dialog.retry_button.click()
    ui_loop.run(until(dialog.run_button.isEnabled))
    assert [(r.name, r.total) for r in model.rows] == [("eu-2", 4)]  # tenant_3 and tenant_4
    dialog.run_button.click()
    ui_loop.run(
        until(lambda: model.rows[0].state is TargetState.DONE and dialog.plan_button.isEnabled())
    )
    for schema in TENANTS:
        assert _ledger(second, schema) == ["001_items.sql", "002_more.sql"]
    assert model.rows[0].done == 4
    dialog.close()


@pytest.mark.parametrize("how", ["cancel", "close"])
def test_cancel_or_close_in_the_view_stops_after_the_migration_in_progress(
    main_window: MainWindow,
    ui_loop: UiLoop,
    primary_server: TestServer,
    tmp_path: Path,
    how: str,
) -> None:
    made: list[str] = []
    try:
        _cancel_view(ui_loop, primary_server, tmp_path, made, main_window, how)
    finally:
        for dbname in made:
            primary_server.drop_database(dbname)


def _cancel_view(  # noqa: PLR0917
    ui_loop: UiLoop,
    server: TestServer,
    tmp_path: Path,
    made: list[str],
    window: MainWindow,
    how: str,
) -> None:
    dsn = _database(server, False, made)
    folder = tmp_path / "tenant"
    folder.mkdir()
    (folder / "001_items.sql").write_text("CREATE TABLE {{tables.items}} (id int);\n")
    # 002 waits for an advisory lock the test holds: the run is mid-migration, deterministically.
    (folder / "002_wait.sql").write_text("SELECT pg_advisory_xact_lock(4242);\n")
    path = tmp_path / "targets.toml"
    path.write_text(
        f'[[rollout.tenants]]\nname = "t"\npath = "{folder}"\nschemas = "tenant_*"\n\n'
        f'[[targets]]\nname = "one"\ndsn = {json.dumps(dsn)}\n',
        encoding="utf-8",
    )
    dialog = RolloutDialog(window.gateway, window)
    dialog.show()
    dialog.path.setText(str(path))
    with psycopg.connect(dsn, autocommit=True) as holder:
        holder.execute("SELECT pg_advisory_lock(4242)")
        dialog.plan_button.click()
        ui_loop.run(until(dialog.run_button.isEnabled))
        dialog.run_button.click()
        ui_loop.run(until(lambda: dialog.model.rows[0].current == "tenant_1/002_wait.sql"))
        assert dialog.cancel_button.isEnabled()
        if how == "cancel":
            dialog.cancel_button.click()
        else:  # closing while it runs: stopped the same way, the view stays until it has
            dialog.close()
            assert dialog.isVisible()
        assert not dialog.cancel_button.isEnabled()
        holder.execute("SELECT pg_advisory_unlock(4242)")
    ui_loop.run(until(lambda: dialog.model.rows[0].state is TargetState.CANCELLED))
    if how == "close":
        ui_loop.run(until(lambda: not dialog.isVisible()))
        assert _ledger(dsn, "tenant_1") == ["001_items.sql", "002_wait.sql"]
        return
    ui_loop.run(until(dialog.plan_button.isEnabled))
    assert _ledger(dsn, "tenant_1") == ["001_items.sql", "002_wait.sql"]  # finished, not cut
    with psycopg.connect(dsn) as conn:
        left = conn.execute("SELECT to_regclass('tenant_2.schema_migrations')").fetchone()
    assert left == (None,)  # nothing after the stop
    assert dialog.retry_button.isEnabled()
    dialog.close()
