"""Plain aligned tables for terminal output."""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Sequence
from typing import Final

from schemadesk.core.terminal_text import visible_line

# A cell wider than this overflows its column instead of widening the column for every row:
# the migrator's "member of" cell lists 10,000 owners at 10,000 tenant schemas, and padding
# 20,000 rows to it made ``schemadesk roles`` print gigabytes of spaces (11 s of 12).
WIDEST: Final = 40


def display_width(text: str) -> int:
    """Columns a string takes on a terminal (wide CJK characters count two)."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def print_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """Print rows under headers, each column as wide as its widest cell (up to ``WIDEST``)."""
    shown = [[visible_line(cell) for cell in row] for row in rows]
    # Each cell's width measured once (20,000 roles: it was measured for the column, then
    # again for its padding).
    sized = [[len(c) if c.isascii() else display_width(c) for c in row] for row in shown]
    widths = [display_width(h) for h in headers]
    for i, column in enumerate(zip(*sized, strict=True)):
        widths[i] = max(widths[i], min(max(column), WIDEST))

    def line(cells: Sequence[str], sizes: Sequence[int]) -> str:
        return "  ".join(
            c + " " * (w - n) if w > n else c for c, n, w in zip(cells, sizes, widths, strict=True)
        ).rstrip()

    # A thousand lines per write: printing 20,000 roles line by line spent most of the time in
    # the output guard's per-write work (the same text either way).
    lines = [
        line(headers, [display_width(h) for h in headers]),
        line(["-" * w for w in widths], widths),
    ]
    for row, sizes in zip(shown, sized, strict=True):
        lines.append(line(row, sizes))
        if len(lines) >= 1000:
            sys.stdout.write("\n".join(lines) + "\n")
            lines.clear()
    if lines:
        sys.stdout.write("\n".join(lines) + "\n")
