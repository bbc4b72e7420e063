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
    widths = [display_width(h) for h in headers]
    for row in shown:
        widths = [max(w, min(display_width(c), WIDEST)) for w, c in zip(widths, row, strict=True)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            c + " " * max(0, w - display_width(c)) for c, w in zip(cells, widths, strict=True)
        ).rstrip()

    # A thousand lines per write: printing 20,000 roles line by line spent most of the time in
    # the output guard's per-write work (the same text either way).
    lines = [line(headers), line(["-" * w for w in widths])]
    for row in shown:
        lines.append(line(row))
        if len(lines) >= 1000:
            sys.stdout.write("\n".join(lines) + "\n")
            lines.clear()
    if lines:
        sys.stdout.write("\n".join(lines) + "\n")
