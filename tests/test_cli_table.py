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
