"""UI-side inputs of the SQL preview: marked spans and problems, as plain frozen values.

Positions are 1-based lines and columns counted in characters (Python code points), the way
the template renderer reports them; the widget converts to Qt's UTF-16 positions itself.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

Mode = Literal["raw", "rendered", "diff"]
MODES: tuple[Mode, ...] = ("raw", "rendered", "diff")

Severity = Literal["error", "warning", "info"]

# Known span kinds get their own background; any other kind gets a neutral one.
SPAN_KINDS = (
    "placeholder",
    "unknown_placeholder",
    "invalid_name",
    "in_literal",
    "removed",  # the diff's changed words, left
    "added",  # and right
)

# pgdbm's rule for schema (and table) names in templates.
SCHEMA_NAME = re.compile(r"[a-zA-Z_][a-zA-Z0-9_]{0,62}")


def is_valid_schema_name(name: str) -> bool:
    """True when pgdbm accepts ``name`` as a schema: ``^[a-zA-Z_][a-zA-Z0-9_]{0,62}$``."""
    return SCHEMA_NAME.fullmatch(name) is not None


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of one line to mark with a background (a placeholder, say).

    ``kind`` is one of ``SPAN_KINDS`` (``placeholder``, ``unknown_placeholder``,
    ``invalid_name``, ``in_literal``, and the diff's ``removed``/``added``) or any other word
    for a neutral mark.
    """

    line: int
    column: int
    length: int
    kind: str = "placeholder"


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong at a place in the text, shown as a marker, an underline and a list row.

    ``line`` ``None`` is a whole-text problem (listed, not marked); ``column`` ``None`` marks
    the whole line; ``length`` ``None`` underlines to the end of the token at ``column``.
    """

    line: int | None
    column: int | None
    message: str
    severity: str = "error"  # "error" | "warning" | "info" (Severity)
    length: int | None = None


def spans_from_offsets(text: str, ranges: Iterable[tuple[int, int, str]]) -> list[Span]:
    """Spans for ``(start, end, kind)`` character offsets into ``text``; split at line ends.

    For the engine's offsets into a rendered text (``rendered_start``/``rendered_end``).
    """
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    spans: list[Span] = []
    for start, end, kind in ranges:
        k = bisect.bisect_right(starts, start) - 1
        position = start
        while position < end and k < len(starts):
            line_end = starts[k + 1] - 1 if k + 1 < len(starts) else len(text)
            stop = min(end, line_end)
            if stop > position:
                spans.append(Span(k + 1, position - starts[k] + 1, stop - position, kind))
            k += 1
            if k < len(starts):
                position = starts[k]
    return spans


def lines_of(text: str) -> Sequence[str]:
    """The lines a text editor shows for ``text`` (``\\n``, ``\\r\\n`` and ``\\r`` end lines)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
