"""Terminal tables measure each cell once now: the same text as the table that measured every
cell twice, on any cells (wide characters, escapes, newlines, cells past ``WIDEST``)."""

from __future__ import annotations

import io
import sys
from collections.abc import Sequence
from contextlib import redirect_stdout

from hypothesis import given, settings
from hypothesis import strategies as st

from schemadesk.cli.table import WIDEST, display_width, print_table
from schemadesk.core.terminal_text import visible_line

CELLS = st.one_of(
    st.text(max_size=8),
    st.text("日本語ЖaZ \t\x1b\n\"'", max_size=WIDEST + 8),
    st.just("x" * (WIDEST + 3)),
)


def _old_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """The table as it was printed before (each cell measured for its column and its padding)."""
    shown = [[visible_line(cell) for cell in row] for row in rows]
    widths = [display_width(h) for h in headers]
    for row in shown:
        widths = [max(w, min(display_width(c), WIDEST)) for w, c in zip(widths, row, strict=True)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            c + " " * max(0, w - display_width(c)) for c, w in zip(cells, widths, strict=True)
        ).rstrip()

    lines = [line(headers), line(["-" * w for w in widths]), *(line(r) for r in shown)]
    return "\n".join(lines) + "\n"


@settings(max_examples=300)
@given(st.integers(1, 4).flatmap(lambda n: st.tuples(
    st.lists(st.text("abc日", min_size=1, max_size=6), min_size=n, max_size=n),
    st.lists(st.lists(CELLS, min_size=n, max_size=n), max_size=12),
)))  # fmt: skip
def test_the_same_table_as_before(table: tuple[list[str], list[list[str]]]) -> None:
    headers, rows = table
    out = io.StringIO()
    with redirect_stdout(out):
        print_table(headers, rows)
    assert out.getvalue() == _old_table(headers, rows)


def test_more_than_a_write_of_lines_is_the_same_table() -> None:
    rows = [[f"r{i}", "日" * (i % 50), "\x1b[31m"] for i in range(2500)]
    out = io.StringIO()
    with redirect_stdout(out):
        print_table(("a", "b", "c"), rows)
    assert out.getvalue() == _old_table(("a", "b", "c"), rows)
    assert sys.stdout is not out
