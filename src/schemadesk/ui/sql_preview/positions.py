"""Where each of the SQL preview's views is scrolled to, in file lines: switching between raw,
rendered and diff keeps the same line at the top."""

from __future__ import annotations

from typing import TYPE_CHECKING

from schemadesk.ui.sql_preview.types import Mode

if TYPE_CHECKING:
    from schemadesk.ui.sql_preview.preview import SqlPreview


def top_line(preview: SqlPreview, mode: Mode) -> int:
    """The 1-based file line at the top of a mode's view."""
    if mode == "diff":
        aligned = preview.diff_view.aligned
        row = preview.diff_view.left.verticalScrollBar().value()
        if aligned is None or not aligned.left_labels:
            return 1
        labels = aligned.left_labels[row:]
        return next((label for label in labels if label is not None), 1)
    editor = preview.rendered_editor if mode == "rendered" else preview.raw_editor
    return editor.verticalScrollBar().value() + 1


def scroll_to_line(preview: SqlPreview, mode: Mode, line: int) -> None:
    if mode == "diff":
        row = preview.diff_view.left_row(line)
        if row is not None:
            preview.diff_view.left.verticalScrollBar().setValue(row - 1)
        return
    editor = preview.rendered_editor if mode == "rendered" else preview.raw_editor
    editor.verticalScrollBar().setValue(line - 1)
