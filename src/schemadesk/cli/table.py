"""Plain aligned tables for terminal output."""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Sequence
from typing import Final

from schemadesk.core.terminal_text import has_line_controls, visible_line

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
    # One write: 20,000 roles line by line spent most of the time in the output guard's
    # per-write work (the same text either way).
    sys.stdout.write(table_text(headers, rows))


def table_text(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """The table ``print_table`` prints, as one string."""
    # Names from the catalog almost never hold a control character or a wide one: one look
    # over all the text says so, and then no cell needs escaping or measuring by character
    # (20,000 roles: the escape regex and the width per cell were most of the printing).
    every = "".join(["".join(row) for row in rows])
    if has_line_controls(every):
        rows = [
            [visible_line(c) for c in row] if has_line_controls("".join(row)) else row
            for row in rows
        ]
    plain = every.isascii()
    widths = [display_width(h) for h in headers]
    for i, column in enumerate(zip(*rows, strict=True)):
        widest = max(map(len if plain else display_width, column))
        widths[i] = max(widths[i], min(widest, WIDEST))
    padded = "  ".join(f"{{:<{w}}}" for w in widths).format  # pads by len: ASCII cells only
    lines = [_line(headers, widths), _line(["-" * w for w in widths], widths)]
    if plain:
        lines += [padded(*row).rstrip() for row in rows]
    else:
        lines += [
            padded(*row).rstrip() if "".join(row).isascii() else _line(row, widths) for row in rows
        ]
    return "\n".join(lines) + "\n"


def _line(cells: Sequence[str], widths: Sequence[int]) -> str:
    """One row padded by display width (wide characters count two)."""
    sizes = [display_width(c) for c in cells]
    return "  ".join(
        c + " " * (w - n) if w > n else c for c, n, w in zip(cells, sizes, widths, strict=True)
    ).rstrip()
