"""The SQL preview pane: highlighted, line-numbered SQL with placeholders and problems marked.

It shows what it is given and never renders or fetches by itself::

    preview = SqlPreview(parent)
    preview.show_migration(
        "003_orders.sql", raw, rendered,                # rendered None: not rendered
        spans=[Span(4, 14, 16, "placeholder")],         # backgrounds, positions in ``raw``
        problems=[Problem(7, 3, "unknown placeholder {{tables.x}}", "warning")],
        schema="billing",                               # shown in the title line and the box
        rendered_spans=[...],                           # optional, positions in ``rendered``
    )
    preview.render_for_schema_requested.connect(owner.rerender)  # a valid name (pgdbm rule)
    preview.set_texts(raw, rendered_for_other, spans, problems, schema="other")  # the answer
    preview.show_statements("Change set", sql_text)     # one text: no mode toggle, no box
    preview.highlight_error_line(12, "syntax error at or near ...")  # None clears

``SqlPreview``
    ``show_migration(title, raw, rendered, spans=(), problems=(), *, schema=None,
    rendered_spans=())``, ``set_texts(raw, rendered, spans=(), problems=(), *, schema=None,
    rendered_spans=())`` (keeps the title, the mode and, for the same raw text, the scroll
    position), ``show_statements(title, sql_text, problems=())``, ``clear()``,
    ``highlight_error_line(line: int | None, message: str | None = None)``,
    ``mode`` (``"raw"`` | ``"rendered"`` | ``"diff"``), ``set_mode(mode)`` (unknown name:
    ``ValueError``; a mode the content lacks is ignored), ``available_modes()``,
    ``current_text()`` (raw, rendered, statements, or a unified diff in diff mode), ``copy()``,
    ``problems()``, ``current_editor()``.

    Signals: ``render_for_schema_requested(str)``, ``mode_changed(str)``, ``text_copied(str)``.

``Span(line, column, length, kind)`` and ``Problem(line, column, message, severity, length)``
    Frozen values in ``types``. Lines and columns are 1-based and count characters (code
    points), as the template renderer reports them. ``spans_from_offsets(text, ranges)`` turns
    character offsets (the engine's ``rendered_start``/``rendered_end``) into spans.

Problems are listed under the editor (a click jumps to the line), marked in the gutter, carry
their message as a tooltip, and are underlined from their column to the end of the token (in
raw and diff; in rendered mode columns move, so only the line is marked).

Highlighting lexes the whole text once with Pygments' ``PostgresLexer``: the first lines at
once, the rest in slices of a few milliseconds from the event loop (``editor.highlighter.done``,
``highlighting_finished``). Colours follow the palette (a light and a dark scheme).
"""

from schemadesk.ui.sql_preview.preview import SqlPreview
from schemadesk.ui.sql_preview.types import (
    MODES,
    Mode,
    Problem,
    Severity,
    Span,
    is_valid_schema_name,
    spans_from_offsets,
)

__all__ = [
    "MODES",
    "Mode",
    "Problem",
    "Severity",
    "Span",
    "SqlPreview",
    "is_valid_schema_name",
    "spans_from_offsets",
]
