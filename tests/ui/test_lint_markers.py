"""Lint findings reach the SQL preview as markers: gutter, list rows with the rule, positions
in the template; a finding that arrives after another file was shown is dropped."""

from __future__ import annotations

from pathlib import Path

import pytest

from schemadesk.core.lint import LintInput
from schemadesk.core.migrations.files import load_file
from schemadesk.core.migrations.template import render
from schemadesk.ui.migration_preview import placeholder_spans, rendered_problems
from schemadesk.ui.sql_preview import SqlPreview
from schemadesk.ui.sql_preview.lint_markers import LintMarkers
from tests.fix_ui import UiLoop
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
