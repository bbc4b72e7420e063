"""Terminal tables: one very wide cell (the migrator's 10,000 memberships at 10,000 tenant
schemas) overflows its own row instead of padding every other row to its width."""

from __future__ import annotations

import pytest

from schemadesk.cli.table import WIDEST, print_table


def test_a_very_wide_cell_overflows_its_row_and_the_others_stay_aligned(
    capsys: pytest.CaptureFixture[str],
) -> None:
    wide = ", ".join(f"svc_{i:05d}_owner" for i in range(1000))
    print_table(
        ("role", "member of", "comment"),
        [("bench_migrator", wide, "moves things"), ("svc_00001_rw", "", "app"), ("x", "y", "z")],
    )
    header, rule, first, second, third = capsys.readouterr().out.splitlines()
    assert wide in first  # nothing is cut: the cell is shown whole
    assert len(second) < len("svc_00001_rw") + WIDEST + 10  # not padded to the wide cell
    assert second.index("app") == third.index("z") == header.index("comment")
    assert len(rule) < 100


def test_wide_characters_still_count_two_columns(capsys: pytest.CaptureFixture[str]) -> None:
    print_table(("name", "note"), [("日本", "a"), ("ab", "b")])
    _, _, first, second = capsys.readouterr().out.splitlines()
    assert first == "日本  a"
    assert second == "ab    b"


def test_a_long_table_is_whole_and_escaped_across_its_writes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """20,000 roles are written a thousand lines at a time: no row lost, doubled or unescaped."""
    rows = [(f"role_{i:05d}", "x\ny\x1b[2K" if i == 1500 else "") for i in range(2500)]
    print_table(("role", "member of"), rows)
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 + 2500
    assert [line.split()[0] for line in lines[2:]] == [name for name, _ in rows]
    assert lines[2 + 1500] == "role_01500  x\\ny\\x1b[2K"
