"""The SQL preview pane on its own: modes, diff, schema box, copy, large files and helpers."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from schemadesk.ui.sql_preview import (
    Problem,
    Span,
    SqlPreview,
    is_valid_schema_name,
    spans_from_offsets,
)
from schemadesk.ui.sql_preview.diff import align
from tests.ui.fix_sql_preview import RAW, RENDERED, background_at, colour_at

pytestmark = pytest.mark.ui


# -- modes --------------------------------------------------------------------------------------


def test_modes_show_the_right_text(preview: SqlPreview, qtbot: Any) -> None:
    preview.show_migration("001.sql", RAW, RENDERED, [], [], schema="billing")
    assert preview.mode == "raw"
    assert preview.mode_bar.isVisible()
    assert preview.current_text() == RAW
    assert preview.pages.currentWidget() is preview.raw_editor
    assert preview.raw_editor.toPlainText() == RAW

    with qtbot.waitSignal(preview.mode_changed) as changed:
        qtbot.mouseClick(preview.mode_buttons["rendered"], Qt.MouseButton.LeftButton)
    assert changed.args == ["rendered"]
    assert preview.mode == "rendered"
    assert preview.current_text() == RENDERED
    assert preview.pages.currentWidget() is preview.rendered_editor
    assert preview.rendered_editor.toPlainText() == RENDERED

    preview.set_mode("diff")
    assert preview.pages.currentWidget() is preview.diff_view
    assert preview.diff_view.left.toPlainText() == RAW
    assert preview.diff_view.right.toPlainText() == RENDERED
    diff = preview.current_text()
    assert "-CREATE TABLE {{tables.orders}} (id bigint" in diff
    assert '+CREATE TABLE "billing".orders (id bigint' in diff

    with pytest.raises(ValueError, match="sideways"):
        preview.set_mode("sideways")


def test_a_single_text_hides_the_toggle_and_the_schema_box(preview: SqlPreview) -> None:
    preview.show_migration("001.sql", RAW, RENDERED, [], [], schema="billing")
    preview.set_mode("diff")
    statements = "GRANT USAGE ON SCHEMA billing TO reader;\n"
    preview.show_statements("Change set", statements)
    assert preview.mode == "raw"
    assert not preview.mode_bar.isVisible()
    assert not preview.schema_box.isVisible()
    assert preview.title_label.text() == "Change set"
    preview.set_mode("rendered")  # nothing to render: ignored
    assert preview.mode == "raw"
    assert preview.current_text() == statements


def test_rendering_for_another_schema_keeps_the_scroll_position(preview: SqlPreview) -> None:
    raw = "".join(f"SELECT {n} FROM {{{{tables.t}}}};\n" for n in range(300))
    preview.show_migration("long.sql", raw, raw.replace("{{tables.t}}", '"a".t'), [], [])
    preview.set_mode("rendered")
    preview.rendered_editor.verticalScrollBar().setValue(120)
    preview.set_texts(raw, raw.replace("{{tables.t}}", '"b".t'), [], [], schema="b")
    assert preview.rendered_editor.verticalScrollBar().value() == 120
    preview.show_migration("other.sql", "SELECT 1;\n" * 300, "SELECT 1;\n" * 300, [], [])
    assert preview.rendered_editor.verticalScrollBar().value() == 0


def test_set_texts_keeps_title_and_mode(preview: SqlPreview) -> None:
    preview.show_migration("001.sql", RAW, RENDERED, [], [], schema="billing")
    preview.set_mode("diff")
    staging = RAW.replace("{{tables.orders}}", '"staging".orders')
    preview.set_texts(RAW, staging, [], [], schema="staging")
    assert preview.mode == "diff"
    assert preview.title_label.text() == "001.sql"
    assert "staging" in preview.title_label.subtitle()
    assert preview.diff_view.right.toPlainText() == staging
    assert preview.schema_box.edit.text() == "staging"


# -- diff ---------------------------------------------------------------------------------------


def test_diff_tints_exactly_the_changed_lines(preview: SqlPreview) -> None:
    preview.show_migration("001.sql", RAW, RENDERED, [], [], schema="billing")
    preview.set_mode("diff")
    left, right = preview.diff_view.left, preview.diff_view.right
    assert left.tinted_lines() == {2: "removed", 3: "removed", 4: "removed"}
    assert right.tinted_lines() == {2: "added", 3: "added", 4: "added"}
    backgrounds = right.line_backgrounds()
    assert backgrounds[2].name() == right.scheme.added_line
    assert 1 not in backgrounds
    # Inside a changed line, only the changed words are marked.
    line = RENDERED.split("\n")[1]
    assert background_at(right, 2, line.index('"billing"')) == right.scheme.span("added").name()
    assert background_at(right, 2, line.index("(id")) == ""


def test_diff_aligns_inserted_and_deleted_lines_with_filler() -> None:
    raw = "a\nb\nc\nd"
    rendered = "a\nB\nc\nnew\nd"
    aligned = align(raw, rendered)
    assert aligned.left_text.split("\n") == ["a", "b", "c", "", "d"]
    assert aligned.right_text.split("\n") == ["a", "B", "c", "new", "d"]
    assert aligned.left_labels == (1, 2, 3, None, 4)
    assert aligned.right_labels == (1, 2, 3, 4, 5)
    assert aligned.left_tints == {2: "removed", 4: "filler"}
    assert aligned.right_tints == {2: "added", 4: "added"}
    assert aligned.changed_rows() == [2]
    assert aligned.left_row(4) == 5


def test_diff_panes_scroll_together(preview: SqlPreview) -> None:
    raw = "".join(f"SELECT {{{{schema}}}}.f({n});\n" for n in range(400))
    rendered = raw.replace("{{schema}}", '"s"')
    preview.show_migration("long.sql", raw, rendered, [], [], schema="s")
    preview.set_mode("diff")
    left, right = preview.diff_view.left, preview.diff_view.right
    left.verticalScrollBar().setValue(150)
    assert right.verticalScrollBar().value() == 150
    right.verticalScrollBar().setValue(20)
    assert left.verticalScrollBar().value() == 20
    assert left.label_of(0) == 1


# -- schema box ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "valid"),
    [
        ("billing", True),
        ("_x9", True),
        ("a" * 63, True),
        ("a" * 64, False),
        ("9lives", False),
        ("with-dash", False),
        ("склад", False),
        ("trailing\n", False),
        ("", False),
    ],
)
def test_schema_names_follow_the_pgdbm_rule(name: str, valid: bool) -> None:
    assert is_valid_schema_name(name) is valid


def test_schema_box_refuses_an_invalid_name_and_asks_for_a_valid_one(
    preview: SqlPreview, qtbot: Any
) -> None:
    preview.show_migration("001.sql", RAW, RENDERED, [], [], schema="billing")
    box = preview.schema_box
    assert box.edit.text() == "billing"
    box.edit.clear()
    qtbot.keyClicks(box.edit, "9-lives")
    with qtbot.assertNotEmitted(preview.render_for_schema_requested):
        qtbot.mouseClick(box.button, Qt.MouseButton.LeftButton)
    assert box.error.isVisible()
    assert "9-lives" in box.error_text

    box.edit.clear()
    qtbot.keyClicks(box.edit, "staging_2")
    assert not box.error.isVisible()  # a valid name clears the message while typing
    with qtbot.waitSignal(preview.render_for_schema_requested) as requested:
        qtbot.keyClick(box.edit, Qt.Key.Key_Return)
    assert requested.args == ["staging_2"]


# -- copy ---------------------------------------------------------------------------------------


def test_copy_puts_the_exact_text_of_the_mode_on_the_clipboard(
    preview: SqlPreview, qtbot: Any
) -> None:
    raw = "SELECT '🐘'\t, 1   \n-- trailing spaces   \n\nSELECT {{schema}}"  # no final newline
    rendered = raw.replace("{{schema}}", '"s"')
    preview.show_migration("x.sql", raw, rendered, [], [], schema="s")
    clipboard = QGuiApplication.clipboard()
    clipboard.clear()
    with qtbot.waitSignal(preview.text_copied):
        qtbot.mouseClick(preview.copy_button, Qt.MouseButton.LeftButton)
    assert clipboard.text() == raw
    preview.set_mode("rendered")
    preview.copy()
    assert clipboard.text() == rendered
    preview.set_mode("diff")
    preview.copy()
    assert clipboard.text() == preview.current_text()
    assert '+SELECT "s"' in clipboard.text()


# -- size and helpers ---------------------------------------------------------------------------


def test_a_large_file_is_lexed_once_in_slices(preview: SqlPreview, qtbot: Any) -> None:
    block = (
        "CREATE TABLE {{tables.t}} (id bigint PRIMARY KEY, name text NOT NULL DEFAULT 'x');\n"
        "CREATE FUNCTION {{schema}}.f() RETURNS int AS $$\nBEGIN\n  RETURN 1;\nEND;\n"
        "$$ LANGUAGE plpgsql;\n/* a\n comment */\n-- note\nSELECT 1;\n"
    )
    text = block * 500  # 5,000 lines
    editor = preview.raw_editor
    lexed_before = editor.highlighter.lexed_chars
    spans = [Span(n, 14, 12, "placeholder") for n in range(1, 5000, 10)]
    problems = [Problem(n, 1, "check", "warning") for n in range(2, 5000, 10)]
    preview.show_migration("big.sql", text, text.replace("{{schema}}", '"s"'), spans, problems)
    assert editor.blockCount() == 5001
    assert colour_at(editor, 1, 0) == editor.scheme.keyword  # the first screen at once
    assert not editor.highlighter.done  # the rest while the event loop runs
    qtbot.waitUntil(lambda: editor.highlighter.done, timeout=60_000)
    assert editor.highlighter.lexed_chars == lexed_before + len(text)  # once, as a whole
    assert colour_at(editor, 4999, 0) == editor.scheme.comment  # "-- note", near the end
    assert colour_at(editor, 5000, 0) == editor.scheme.keyword
    assert background_at(editor, 4991, 13) == editor.scheme.span("placeholder").name()
    left = preview.diff_view.left.highlighter
    lexed_before = left.lexed_chars
    preview.set_mode("diff")
    qtbot.waitUntil(lambda: left.done, timeout=60_000)
    assert left.lexed_chars == lexed_before + len(text)


def test_spans_from_offsets_splits_at_line_ends() -> None:
    text = "ab\ncdef\ng"
    assert spans_from_offsets(text, [(1, 5, "placeholder")]) == [
        Span(1, 2, 1, "placeholder"),
        Span(2, 1, 2, "placeholder"),
    ]
    assert spans_from_offsets(text, [(8, 9, "x")]) == [Span(3, 1, 1, "x")]
