"""The schemas view's filter matches every column as shown, numbers included (counts, sizes,
findings), as it did before the filter's texts were made once per schema; it never asks for a
size a person has not seen (a keystroke over 10,000 schemas must not stat 200,000 files)."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest
from psycopg import sql

from schemadesk.core.profiles import ConnectionProfile
from schemadesk.ui.main_window import MainWindow
from tests.fix_ui import UiLoop
from tests.until import until

pytestmark = pytest.mark.ui

# Names and tables chosen so that no name, owner or comment holds a digit: a match on "7" or
# "11" can only come from a number the view shows.
SHAPES = {"alpha": 7, "beta": 11, "gamma": 0}


@pytest.fixture
def opened(main_window: MainWindow, ui_loop: UiLoop, primary_dsn: str) -> Iterator[list[str]]:
    """Three schemas of 7, 11 and no tables, open in the window; the sizes it asked for."""
    with psycopg.connect(primary_dsn, autocommit=True) as conn, conn.transaction():
        for schema, tables in SHAPES.items():
            conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
            for t in range(tables):
                name = sql.Identifier(schema, "t" + "x" * (t + 1))
                conn.execute(sql.SQL("CREATE TABLE {} (note text)").format(name))
    asked: list[str] = []
    main_window.open_profile(ConnectionProfile(name="numbers", conninfo=primary_dsn))
    session = main_window.current
    assert session is not None
    session.schemas_model.sizes_wanted.connect(asked.extend)
    ui_loop.run(main_window.wait_loaded())
    yield asked
    main_window.close_current()
    ui_loop.settle(0.2)


def _filtered(main_window: MainWindow, text: str) -> list[str]:
    main_window.schemas_view.filter_edit.setText(text)
    return [n for n in main_window.schemas_view.visible_names() if n in SHAPES]


def test_the_filter_matches_the_counts_shown(main_window: MainWindow, opened: list[str]) -> None:
    model = main_window.schemas_model
    tables = model.COLUMNS.index("tables")
    shown = {
        model.schema_at(r).name: model.index(r, tables).data() for r in range(model.rowCount())
    }
    assert shown["alpha"] == "7"
    assert shown["beta"] == "11"
    assert _filtered(main_window, "7") == ["alpha"]
    assert _filtered(main_window, "11") == ["beta"]
    assert _filtered(main_window, "alp") == ["alpha"]  # the words still match
    assert _filtered(main_window, "") == ["alpha", "beta", "gamma"]


def test_the_filter_matches_a_size_once_read_and_asks_for_none(
    main_window: MainWindow, ui_loop: UiLoop, opened: list[str]
) -> None:
    model = main_window.schemas_model
    size = model.COLUMNS.index("size")
    row = main_window.schemas_view.visible_names().index("gamma")
    ui_loop.run(until(lambda: model.index(row, size).data() != "…"))
    empty = model.index(row, size).data()  # an empty schema: "0 bytes"
    assert "0" in empty
    before = list(opened)
    assert "gamma" in _filtered(main_window, empty)
    # Typing and clearing filters asked for no size beyond those the view had shown.
    assert _filtered(main_window, "no such text") == []
    assert opened == before


def test_the_filter_matches_the_findings_count(
    main_window: MainWindow, ui_loop: UiLoop, opened: list[str]
) -> None:
    session = main_window.current
    assert session is not None
    ui_loop.run(until(lambda: session.graph is not None))
    findings = {name: len(found) for name, found in session.findings.items() if name in SHAPES}
    assert findings  # schemas without an owner role of their own each have findings
    model = main_window.schemas_model
    column = model.COLUMNS.index("findings")
    names = main_window.schemas_view.visible_names()
    text = model.index(names.index("beta"), column).data()
    assert text == str(findings["beta"])
    assert "beta" in _filtered(main_window, text)
