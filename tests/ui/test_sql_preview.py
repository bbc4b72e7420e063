"""The SQL preview pane on its own: highlighting, marks and problems (modes, diff, schema box
and copy: test_sql_preview_modes.py)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette, QTextCharFormat
from PySide6.QtWidgets import QApplication

from schemadesk.ui.sql_preview import (
    Problem,
    Span,
    SqlPreview,
)
from schemadesk.ui.sql_preview.colours import DARK, LIGHT
from tests.ui.fix_sql_preview import RAW, RENDERED, background_at, colour_at, format_at, units

pytestmark = pytest.mark.ui

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
