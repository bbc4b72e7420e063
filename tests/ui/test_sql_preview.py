"""The SQL preview pane on its own: highlighting, marks, problems, modes, diff, schema box, copy."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette, QTextCharFormat
from PySide6.QtWidgets import QApplication

from schemadesk.ui.sql_preview import (
    Problem,
    Span,
    SqlPreview,
    is_valid_schema_name,
    spans_from_offsets,
)
from schemadesk.ui.sql_preview.colours import DARK, LIGHT
from schemadesk.ui.sql_preview.diff import align
from schemadesk.ui.sql_preview.editor import SqlEditor

pytestmark = pytest.mark.ui

RAW = """\
-- orders of a customer
CREATE TABLE {{tables.orders}} (id bigint, note text DEFAULT 'none');
CREATE INDEX orders_id ON {{tables.orders}} (id);
SELECT {{ tables.unknown }} FROM {{tables.orders}};
"""
RENDERED = RAW.replace("{{tables.orders}}", '"billing".orders')


@pytest.fixture
def preview(qtbot: Any) -> SqlPreview:
    widget = SqlPreview()
    qtbot.addWidget(widget)
    widget.resize(900, 600)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def units(text: str) -> int:
    """Length of ``text`` in UTF-16 code units: Qt's positions."""
    return len(text.encode("utf-16-le")) // 2


def format_at(editor: SqlEditor, line: int, unit: int) -> QTextCharFormat:
    """The highlighter's format at a 1-based line and 0-based UTF-16 position."""
    block = editor.document().findBlockByNumber(line - 1)
    ranges = block.layout().formats()
    found = [QTextCharFormat(r.format) for r in ranges if r.start <= unit < r.start + r.length]
    assert len(found) <= 1, "format ranges overlap"
    return found[0] if found else QTextCharFormat()


def colour_at(editor: SqlEditor, line: int, unit: int) -> str:
    fmt = format_at(editor, line, unit)
    return fmt.foreground().color().name() if fmt.hasProperty(fmt.Property.ForegroundBrush) else ""


def background_at(editor: SqlEditor, line: int, unit: int) -> str:
    fmt = format_at(editor, line, unit)
    return fmt.background().color().name() if fmt.hasProperty(fmt.Property.BackgroundBrush) else ""


# -- highlighting -------------------------------------------------------------------------------


def test_keywords_strings_comments_and_numbers_get_their_own_formats(
    preview: SqlPreview,
) -> None:
    line = "SELECT 'text', 42 FROM t -- note"
    preview.show_statements("Change set", line + "\n")
    editor = preview.raw_editor
    scheme = editor.scheme
    assert colour_at(editor, 1, line.index("SELECT")) == scheme.keyword
    assert format_at(editor, 1, line.index("SELECT")).fontWeight() > 400
    assert colour_at(editor, 1, line.index("FROM") + 3) == scheme.keyword
    assert colour_at(editor, 1, line.index("text")) == scheme.string
    assert colour_at(editor, 1, line.index("42")) == scheme.number
    assert colour_at(editor, 1, line.index("note")) == scheme.comment
    assert format_at(editor, 1, line.index("note")).fontItalic()
    assert colour_at(editor, 1, line.index(" t ") + 1) == ""  # a plain name stays plain
    assert len({scheme.keyword, scheme.string, scheme.comment, scheme.number}) == 4


def test_dollar_bodies_multiline_strings_and_comments_keep_their_context(
    preview: SqlPreview,
) -> None:
    text = (
        "SELECT $q$ first line\n"  # 1: a body without a language is a string
        "second -- not a comment\n"  # 2
        "$q$, /* a comment\n"  # 3
        "SELECT still comment */ 1;\n"  # 4
        "CREATE FUNCTION f() RETURNS int AS $$\n"  # 5: a body in a language is code
        "BEGIN\n"  # 6
        "  RETURN 1; -- it's fine\n"  # 7: the apostrophe opens no string
        "END;\n"  # 8
        "$$ LANGUAGE plpgsql;\n"  # 9
        "SELECT 2;\n"  # 10
    )
    editor = preview.raw_editor
    lexed_before = editor.highlighter.lexed_chars
    preview.show_statements("Change set", text)
    scheme = editor.scheme
    lines = text.split("\n")
    body = editor.line_backgrounds()
    assert {n for n, c in body.items() if c.name() == scheme.body} == {2, 6, 7, 8}
    # The opening and closing lines have the body colour only from/until the delimiter.
    assert background_at(editor, 1, lines[0].index("$q$")) == scheme.body
    assert background_at(editor, 1, lines[0].index("SELECT")) == ""
    assert background_at(editor, 5, lines[4].index("$$")) == scheme.body
    assert background_at(editor, 5, lines[4].index("AS")) == ""
    assert background_at(editor, 9, 0) == scheme.body
    assert background_at(editor, 9, lines[8].index("LANGUAGE")) == ""
    assert colour_at(editor, 1, lines[0].index("first")) == scheme.string
    assert colour_at(editor, 2, 0) == scheme.string
    assert colour_at(editor, 2, lines[1].index("not")) == scheme.string
    assert colour_at(editor, 4, lines[3].index("SELECT")) == scheme.comment
    assert colour_at(editor, 4, lines[3].index("1;")) == scheme.number
    assert colour_at(editor, 7, lines[6].index("RETURN")) == scheme.keyword
    assert colour_at(editor, 7, lines[6].index("fine")) == scheme.comment
    assert colour_at(editor, 8, 0) == scheme.keyword  # END, after "it's"
    assert colour_at(editor, 10, 0) == scheme.keyword
    assert editor.highlighter.lexed_chars == lexed_before + len(text)


def test_an_emoji_before_a_keyword_does_not_shift_the_formats(preview: SqlPreview) -> None:
    line = "SELECT '🐘🙂' AS x FROM t;"
    preview.show_statements("Change set", line)
    editor = preview.raw_editor
    scheme = editor.scheme
    prefix = line[: line.index("FROM")]
    start = units(prefix)
    assert start == len(prefix) + 2  # two characters outside the BMP: two units more
    assert all(colour_at(editor, 1, start + k) == scheme.keyword for k in range(4))
    assert colour_at(editor, 1, start - 1) == ""  # the space before FROM
    assert colour_at(editor, 1, start + 4) == ""
    closing_quote = units(line[: line.index("' AS")])
    assert colour_at(editor, 1, closing_quote) == scheme.string
    assert colour_at(editor, 1, closing_quote + 2) == scheme.keyword  # AS


def test_placeholder_spans_get_their_background(preview: SqlPreview) -> None:
    lines = RAW.split("\n")
    known = lines[1].index("{{tables.orders}}")
    unknown = lines[3].index("{{ tables.unknown }}")
    spans = [
        Span(2, known + 1, len("{{tables.orders}}"), "placeholder"),
        Span(4, unknown + 1, len("{{ tables.unknown }}"), "unknown_placeholder"),
    ]
    preview.show_migration("001.sql", RAW, RENDERED, spans, [], schema="billing")
    editor = preview.raw_editor
    scheme = editor.scheme
    placeholder = scheme.span("placeholder").name()
    assert background_at(editor, 2, known) == placeholder
    assert background_at(editor, 2, known + len("{{tables.orders}}") - 1) == placeholder
    assert background_at(editor, 2, known - 1) == ""
    assert background_at(editor, 2, known + len("{{tables.orders}}")) == ""
    assert background_at(editor, 4, unknown) == scheme.span("unknown_placeholder").name()
    assert placeholder != scheme.span("unknown_placeholder").name()
    # The token colours stay under the background.
    assert colour_at(editor, 2, known + 2) == scheme.keyword  # "tables" lexes as a keyword


def test_a_dark_palette_gets_the_dark_colours(preview: SqlPreview) -> None:
    preview.show_statements("Change set", "SELECT 1;")
    assert preview.raw_editor.scheme is LIGHT
    palette = QPalette(preview.palette())
    palette.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#e0e0e0"))
    preview.setPalette(palette)
    QApplication.processEvents()
    assert preview.raw_editor.scheme is DARK
    assert colour_at(preview.raw_editor, 1, 0) == DARK.keyword


# -- problems -----------------------------------------------------------------------------------


def _problems() -> list[Problem]:
    lines = RAW.split("\n")
    return [
        Problem(4, lines[3].index("{{") + 1, "unknown placeholder {{ tables.unknown }}", "error"),
        Problem(
            3, lines[2].index("orders_id") + 1, "index name is not schema-qualified", "warning"
        ),
        Problem(None, None, "the file has no transaction marker", "info"),
    ]


def test_problems_are_listed_marked_underlined_and_explained(preview: SqlPreview) -> None:
    preview.show_migration("001.sql", RAW, RENDERED, [], _problems(), schema="billing")
    listed = preview.problems_list
    assert preview.problems_panel.isVisible()
    assert listed.topLevelItemCount() == 3
    rows = [
        (listed.topLevelItem(r).text(1), listed.topLevelItem(r).text(2))  # type: ignore[union-attr]
        for r in range(3)
    ]
    lines = RAW.split("\n")
    assert rows == [
        ("", "the file has no transaction marker"),
        (f"3:{lines[2].index('orders_id') + 1}", "index name is not schema-qualified"),
        (f"4:{lines[3].index('{{') + 1}", "unknown placeholder {{ tables.unknown }}"),
    ]
    editor = preview.raw_editor
    assert [p.severity for p in editor.problems_at(4)] == ["error"]
    assert [p.severity for p in editor.problems_at(3)] == ["warning"]
    assert editor.problems_at(1) == []
    assert editor.problem_tooltip(3) == "unknown placeholder {{ tables.unknown }}"  # block 3

    wave = QTextCharFormat.UnderlineStyle.WaveUnderline
    start = lines[3].index("{{")
    end = start + len("{{ tables.unknown }}")  # the whole placeholder, not just "{"
    assert all(format_at(editor, 4, u).underlineStyle() == wave for u in range(start, end))
    assert format_at(editor, 4, start - 1).underlineStyle() != wave
    assert format_at(editor, 4, end).underlineStyle() != wave
    assert format_at(editor, 4, start).underlineColor().name() == editor.scheme.error
    # A name: underlined to the end of its token.
    name = lines[2].index("orders_id")
    assert format_at(editor, 3, name + len("orders_id") - 1).underlineStyle() == wave
    assert format_at(editor, 3, name + len("orders_id")).underlineStyle() != wave
    assert format_at(editor, 3, name).underlineColor().name() == editor.scheme.warning


def test_without_problems_the_list_is_hidden(preview: SqlPreview) -> None:
    preview.show_migration("001.sql", RAW, RENDERED, [], _problems())
    assert preview.problems_panel.isVisible()
    preview.show_statements("Change set", "SELECT 1;")
    assert not preview.problems_panel.isVisible()
    assert preview.raw_editor.problems_at(1) == []


def test_clicking_a_problem_moves_the_cursor_to_its_line(preview: SqlPreview, qtbot: Any) -> None:
    long_raw = "".join(f"SELECT {n};\n" for n in range(1, 200)) + RAW
    problem = Problem(200 + 2, 8, "bad placeholder", "error")
    preview.show_migration("big.sql", long_raw, long_raw, [], [problem], schema="s")
    editor = preview.raw_editor
    assert editor.current_line() == 1
    listed = preview.problems_list
    item = listed.topLevelItem(0)
    assert item is not None
    rect = listed.visualItemRect(item)
    qtbot.mouseClick(listed.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert editor.current_line() == 202
    assert editor.textCursor().positionInBlock() == 7
    first_visible = editor.firstVisibleBlock().blockNumber() + 1
    assert first_visible < 202 < first_visible + 60  # scrolled to it

    preview.set_mode("diff")
    editor.go_to_line(1)
    qtbot.mouseClick(listed.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert preview.diff_view.left.current_line() == 202  # equal texts: rows are lines


def test_highlight_error_line_marks_the_line_in_every_mode(preview: SqlPreview) -> None:
    preview.show_migration("001.sql", RAW, RENDERED, [], [], schema="billing")
    preview.highlight_error_line(3)
    error = preview.raw_editor.scheme.error_line
    assert preview.raw_editor.error_line == 3
    assert preview.raw_editor.line_backgrounds()[3].name() == error
    assert preview.raw_editor.current_line() == 3
    preview.set_mode("rendered")
    assert preview.rendered_editor.error_line == 3
    preview.set_mode("diff")
    assert preview.diff_view.left.error_line == 3
    assert preview.diff_view.right.error_line == 3
    preview.highlight_error_line(None)
    assert preview.diff_view.left.error_line is None
    assert 3 not in preview.raw_editor.line_backgrounds()


def test_the_error_line_carries_the_server_message_and_markup_stays_text(
    preview: SqlPreview,
) -> None:
    problems = [Problem(4, 1, "expected <identifier> here", "warning")]
    preview.show_migration("001.sql", RAW, RENDERED, [], problems, schema="billing")
    preview.highlight_error_line(4, 'relation "x" does not exist')
    editor = preview.raw_editor
    assert editor.problem_tooltip(3) == 'relation "x" does not exist\nexpected <identifier> here'
    item = preview.problems_list.topLevelItem(0)
    assert item is not None
    assert "&lt;identifier&gt;" in item.toolTip(2)  # shown as typed, not taken for markup


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
    assert "staging" in preview.subtitle_label.text()
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
