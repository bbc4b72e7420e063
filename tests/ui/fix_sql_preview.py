"""The SQL preview pane's test fixture and helpers, shared by test_sql_preview*.py."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtGui import QTextCharFormat

from schemadesk.ui.sql_preview import SqlPreview
from schemadesk.ui.sql_preview.editor import SqlEditor

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
