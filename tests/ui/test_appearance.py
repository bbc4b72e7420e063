"""Point 12 of issue 19: View ▸ Colours ▸ Dark darkens the window at once and after a restart."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QPlainTextEdit

from schemadesk.ui.colours_menu import ColoursMenu
from schemadesk.ui.palette import apply_color_scheme
from schemadesk.ui.settings_dialog import SettingsDialog, apply_saved_appearance
from schemadesk.ui.sql_preview.editor import SqlEditor

pytestmark = pytest.mark.ui
WINDOW = QPalette.ColorRole.Window
BASE = QPalette.ColorRole.Base


@pytest.fixture(autouse=True)
def back_to_the_system(qapp: QApplication) -> Iterator[None]:
    yield
    apply_color_scheme("system")  # the QApplication is shared by every later test


def test_dark_from_the_menu_darkens_every_widget_at_once(qtbot: Any, qapp: QApplication) -> None:
    editor = SqlEditor()
    plain = QPlainTextEdit()
    qtbot.addWidget(editor)
    qtbot.addWidget(plain)
    menu = ColoursMenu()
    qtbot.addWidget(menu)
    assert qapp.palette().color(WINDOW).lightness() > 128  # the tests' start: light

    menu.choices["dark"].trigger()
    qapp.processEvents()  # widgets hear of a new application palette through posted events
    assert qapp.palette().color(WINDOW).lightness() < 64
    assert plain.palette().color(BASE).lightness() < 64  # an existing widget follows
    assert editor.scheme.dark  # the SQL colours switch with it
    assert QSettings().value("appearance/color_scheme") == "dark"
    assert menu.choices["dark"].isChecked()

    menu.choices["system"].trigger()
    qapp.processEvents()
    assert qapp.palette().color(WINDOW).lightness() > 128
    assert not editor.scheme.dark


def test_dark_chosen_in_settings_is_back_after_a_restart(qtbot: Any, qapp: QApplication) -> None:
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    dialog.scheme.setCurrentIndex(dialog.scheme.findData("dark"))
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    assert qapp.palette().color(WINDOW).lightness() < 64

    apply_color_scheme("system")  # as a fresh start would be before the saved choice
    assert qapp.palette().color(WINDOW).lightness() > 128
    apply_saved_appearance()  # what app.py does at start-up
    assert qapp.palette().color(WINDOW).lightness() < 64
    assert ColoursMenu().choices["dark"].isChecked()


def test_light_is_light_and_disabled_text_stays_readable_in_dark(qapp: QApplication) -> None:
    apply_color_scheme("light")
    assert qapp.palette().color(BASE).lightness() > 200
    apply_color_scheme("dark")
    palette = qapp.palette()
    disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
    assert abs(disabled.lightness() - palette.color(BASE).lightness()) > 60
