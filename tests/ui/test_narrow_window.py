"""At 1024x700 the window keeps what a person reads: the navigation gives up width (a seventh
of the window, 220 pixels from 1440 up, until the person drags it), and the SQL preview's
title shows the whole file name, its grey state and schema going first, then its middle,
with everything in the tooltip."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from schemadesk.ui.main_window import MainWindow
from schemadesk.ui.sql_preview import SqlPreview
from tests.fix_ui import UiLoop
from tests.ui.fix_sql_preview import RAW, RENDERED

NAME = "007_add_last_login_and_backfill_it_from_created_at.sql"


def _nav_width(window: MainWindow, ui_loop: UiLoop, width: int, height: int) -> int:
    window.resize(width, height)
    ui_loop.settle()
    QApplication.processEvents()
    return window.nav.width()


def test_the_navigation_gives_up_width_in_a_narrow_window_until_dragged(
    main_window: MainWindow, ui_loop: UiLoop
) -> None:
    narrow = _nav_width(main_window, ui_loop, 1024, 700)
    assert main_window.nav.minimumWidth() <= narrow <= 160, narrow
    assert _nav_width(main_window, ui_loop, 1440, 900) == 220
    main_window.splitter.moveSplitter(300, 1)  # as the person's drag does
    assert _nav_width(main_window, ui_loop, 1024, 700) == 300


def test_the_title_keeps_the_file_name_whole_and_loses_its_middle_last(
    preview: SqlPreview,
) -> None:
    preview.show_migration(NAME, RAW, RENDERED, [], [], schema="billing")
    preview.set_note("pending")
    label = preview.title_label
    whole = f"{NAME} — pending · schema billing"
    assert label.toolTip() == whole

    preview.resize(1000, 400)  # room for everything
    assert label.shown() == (NAME, "pending · schema billing")

    needed = label.fontMetrics().horizontalAdvance(NAME)
    preview.resize(preview.width() - label.width() + needed + 4, 400)
    assert label.shown() == (NAME, "")  # the grey words went first; the name is whole

    preview.resize(preview.width() - needed // 2, 400)
    title, subtitle = label.shown()
    assert subtitle == ""
    assert "…" in title
    assert title.startswith("007_")
    assert title.endswith(".sql")
    assert label.toolTip() == whole

    preview.show_statements("Change set", "SELECT 1;\n")  # the next text has no state
    assert label.subtitle() == ""
    assert label.toolTip() == "Change set"
