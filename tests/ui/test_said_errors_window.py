"""Where a window user meets the last errors that were English only: a project's bad ``[lint]``
on the migrations page, a rollout refused for its targets' problems in the Rollout view (a
Russian plural), a ``[conventions]`` privilege that is not one. Each in Russian, the hostile names
and paths whole; the English as the command line prints it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from schemadesk.core.errors import SchemadeskError
from schemadesk.core.profiles import ConnectionProfile
from schemadesk.ui.main_window import MainWindow
from schemadesk.ui.rollout_view import RolloutDialog
from tests.fix_ui import UiLoop
from tests.until import until

HOSTILE = "a lacks b, not 'c': 1 target problem(s)"


def _project(tmp_path: Path, lint: str) -> Path:
    folder = tmp_path / f"{HOSTILE} [lint]"
    (folder / "migrations").mkdir(parents=True)
    (folder / "migrations" / "001_a.sql").write_text("SELECT 1;\n", encoding="utf-8")
    project = folder / "schemadesk.toml"
    project.write_text(
        f'[[modules]]\nname = "app"\npath = "migrations"\nschema = "app"\n\n[lint]\n{lint}\n',
        encoding="utf-8",
    )
    return project


def test_a_bad_lint_table_is_said_in_russian_on_the_migrations_page(
    russian: None, main_window: MainWindow, ui_loop: UiLoop, primary_dsn: str, tmp_path: Path
) -> None:
    value = "100 parsecs, not 'MB'"
    project = _project(tmp_path, f"large_table = {json.dumps(value)}")
    assert main_window.open_project(project)
    main_window.open_profile(ConnectionProfile(name=HOSTILE, conninfo=primary_dsn, read_only=True))
    session = main_window.current
    assert session is not None
    page = session.pages["migrations"]
    ui_loop.run(until(lambda: page._error_text.text() != ""))
    shown = page._error_text.text()
    where = f"{project}: [lint] large_table"
    assert shown == f"{where}: {value!r} — не размер (примеры: 104857600, '100MB')", shown


def test_a_rollout_refused_for_unreachable_targets_counts_them_in_russian(
    russian: None, main_window: MainWindow, ui_loop: UiLoop, primary_dsn: str, tmp_path: Path
) -> None:
    """Two targets whose database does not exist: the view says the refusal in Russian with
    the plural form of two and each target's name whole; nothing ran."""
    folder = tmp_path / "tenant"
    folder.mkdir()
    (folder / "001_items.sql").write_text("CREATE TABLE {{tables.items}} (id int);\n")
    gone = (
        primary_dsn.replace("dbname=", "dbname=no_such_db_") if "dbname=" in primary_dsn else None
    )
    if gone is None:
        pytest.skip("the test server's DSN names no database")
    first, second = HOSTILE, "eu-2; nothing was run: x"
    path = tmp_path / "targets.toml"
    path.write_text(
        f'[[rollout.tenants]]\nname = "t"\npath = "{folder}"\nschemas = "tenant_*"\n\n'
        f"[[targets]]\nname = {json.dumps(first)}\ndsn = {json.dumps(gone)}\n\n"
        f"[[targets]]\nname = {json.dumps(second)}\ndsn = {json.dumps(gone)}\n",
        encoding="utf-8",
    )
    dialog = RolloutDialog(main_window.gateway, main_window)
    dialog.show()
    dialog.path.setText(str(path))
    dialog.plan_button.click()
    ui_loop.run(until(lambda: "ничего не запущено" in dialog.summary.text()))
    ui_loop.run(until(dialog.plan_button.isEnabled))
    shown = dialog.summary.text()
    assert shown.startswith("2 проблемы с целями; ничего не запущено: "), shown
    assert f"{first}: не удалось подключиться к " in shown, shown
    assert f"; {second}: не удалось подключиться к " in shown, shown
    assert not dialog.run_button.isEnabled()
    dialog.close()


def test_a_conventions_privilege_that_is_none_names_the_kind_in_russian(
    russian: None, main_window: MainWindow, ui_loop: UiLoop, primary_dsn: str, tmp_path: Path
) -> None:
    """A ``[conventions]`` privilege list naming what a table has not: said on the schemas and
    roles pages (the load ends; it used to wait forever), the kind of object translated."""
    project = _project(tmp_path, "")
    typed = "SELECT on tables, ALL"
    text = project.read_text(encoding="utf-8")
    project.write_text(text + f"[conventions]\nrw_table_privileges = [{json.dumps(typed)}]\n")
    assert main_window.open_project(project)
    main_window.open_profile(ConnectionProfile(name=HOSTILE, conninfo=primary_dsn, read_only=True))
    with pytest.raises(SchemadeskError):
        ui_loop.run(main_window.wait_loaded())
    session = main_window.current
    assert session is not None
    wanted = (
        f"{project} [conventions]: rw_table_privileges: {typed.upper()!r} — не право на таблицу"
    )
    for page in ("schemas", "roles"):
        assert session.pages[page]._error_text.text() == wanted, page
    assert session.pages["migrations"]._error_text.text() == ""  # the migrations still load
