"""Lint findings reach the SQL preview as markers: gutter, list rows with the rule, positions
in the template; a finding that arrives after another file was shown is dropped."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from schemadesk.core.lint import LintInput
from schemadesk.core.migrations.files import load_file
from schemadesk.core.migrations.project import load_project
from schemadesk.core.migrations.template import render
from schemadesk.core.profiles import ConnectionProfile
from schemadesk.core.report import read_report
from schemadesk.core.session_settings import SessionSettings
from schemadesk.db.gateway import Gateway
from schemadesk.ui.main_window import MainWindow
from schemadesk.ui.migration_preview import placeholder_spans, rendered_problems
from schemadesk.ui.sql_preview import SqlPreview
from schemadesk.ui.sql_preview.lint_markers import LintMarkers
from tests.fix_ui import UiLoop
from tests.ui.test_report_export import export_through_the_menu, open_window
from tests.until import until

pytestmark = pytest.mark.ui

CORPUS = Path(__file__).parents[1] / "lint" / "data" / "corpus"


def _show(preview: SqlPreview, name: str) -> LintInput:
    file = load_file(CORPUS / name)
    assert file.content is not None
    rendered = render(file.content, "shop")
    preview.show_migration(
        name,
        file.content,
        rendered.text,
        placeholder_spans(rendered.placeholders),
        rendered_problems(rendered, file.problems),
        schema="shop",
    )
    return LintInput("shop", "shop", file)


def test_findings_are_marked_at_their_template_line(ui_loop: UiLoop, qtbot: object) -> None:
    preview = SqlPreview()
    qtbot.addWidget(preview)  # type: ignore[attr-defined]
    preview.resize(900, 500)
    markers = LintMarkers(preview)
    linted: list[str] = []
    markers.linted.connect(linted.append)
    item = _show(preview, "006_foreign_key.sql")

    async def lint() -> None:  # the window asks from its running loop
        markers.request(item)
        await until(lambda: linted)

    ui_loop.run(lint())
    found = {(p.line, p.column, p.severity) for p in preview.problems()}
    assert (3, 31, "warning") in found  # VALIDATE in the same transaction as NOT VALID
    assert (4, 34, "warning") in found
    rows = [
        preview.problems_list.topLevelItem(i).text(2)  # type: ignore[union-attr]
        for i in range(preview.problems_list.topLevelItemCount())
    ]
    assert any("[squawk: constraint-missing-not-valid]" in row for row in rows)
    assert preview.problems_title.text() == f"Problems ({len(rows)})"
    assert preview.mode == "raw"  # markers join the shown text; the reader's view stays


def test_a_late_answer_for_another_file_is_dropped(ui_loop: UiLoop, qtbot: object) -> None:
    preview = SqlPreview()
    qtbot.addWidget(preview)  # type: ignore[attr-defined]
    markers = LintMarkers(preview)
    linted: list[str] = []
    markers.linted.connect(linted.append)

    async def lint_twice() -> None:
        markers.request(_show(preview, "009_renames_and_drops.sql"))
        markers.request(_show(preview, "004_index.sql"))  # before the first answer arrives
        await until(lambda: linted)

    ui_loop.run(lint_twice())
    ui_loop.settle(0.3)
    assert linted == ["004_index.sql"]
    assert {p.line for p in preview.problems()} == {1}
    assert not any("ban-drop-table" in p.message for p in preview.problems())


@pytest.mark.db
def test_the_window_lints_with_the_projects_lint_table_and_the_profile(
    ui_loop: UiLoop, gateway: object, qtbot: object, db_dsn: str, tmp_path: Path
) -> None:
    (tmp_path / "migrations").mkdir()
    for name in ("004_index.sql", "009_renames_and_drops.sql"):
        shutil.copy(CORPUS / name, tmp_path / "migrations" / name)
    (tmp_path / "schemadesk.toml").write_text(
        '[[modules]]\nname = "shop"\npath = "migrations"\nschema = "shop"\n\n'
        '[lint]\ndisable = ["ban-drop-table"]\n'
    )
    window = MainWindow(gateway, load_project(tmp_path))  # type: ignore[arg-type]
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    window.show()
    profile = ConnectionProfile(
        name="t", conninfo=db_dsn, session=SessionSettings(lock_timeout="0")
    )
    window.open_profile(profile)
    ui_loop.run(window.wait_loaded())
    window.show_view("migrations")
    view = window.migrations_view
    linted: list[str] = []

    async def show(name: str) -> None:
        assert view.select_file(name)
        assert view.lint_markers is not None  # built with the first file shown
        view.lint_markers.linted.connect(linted.append)  # squawk answers on a later turn
        await until(lambda: name in linted)

    assert view.select_module("shop")
    ui_loop.run(show("009_renames_and_drops.sql"))
    messages = [p.message for p in view.preview.problems()]
    assert any("[squawk: ban-drop-column]" in m for m in messages)
    assert not any("ban-drop-table" in m for m in messages)  # the project switched it off
    # The profile runs without a lock_timeout: squawk's rule stays, and schemadesk's own says so.
    assert any("[squawk: require-lock-timeout]" in m for m in messages)
    assert any("[schemadesk: no-lock-timeout]" in m for m in messages)
    window.close()
    ui_loop.settle()


@pytest.mark.db
def test_the_windows_review_report_has_the_lint_section(
    qtbot: object, ui_loop: UiLoop, gateway: Gateway, primary_dsn: str, tmp_path: Path
) -> None:
    window = open_window(qtbot, gateway, tmp_path, primary_dsn)
    ui_loop.run(window.wait_loaded())
    report = tmp_path / "review.html"
    export_through_the_menu(window, ui_loop, report)
    lint = read_report(report).typed.lint
    # 001_items.sql: "id int PRIMARY KEY", squawk's 32-bit integer rule, at its column.
    assert ("shop/001_items.sql", 1, 35, "prefer-bigint-over-int") in {
        (e.file, e.line, e.column, e.rule) for e in lint
    }
    assert "Lint findings (" in report.read_text(encoding="utf-8")
    window.close()
    ui_loop.settle()
