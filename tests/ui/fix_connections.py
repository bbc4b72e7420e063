"""Fixtures and helpers of the connections dialog tests (test_connections_*.py import them)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QComboBox, QMessageBox, QWidget

from schemadesk.core.profiles import ProfileStore
from schemadesk.db.gateway import Gateway
from schemadesk.ui.connections import (
    ProfilesDialog,
)
from schemadesk.ui.connections.form_parts import Mode
from tests.fix_ui import UiLoop

SUCCESS = re.compile(r"^PostgreSQL \d+(\.\d+)*\S* — \d+\.\d ms round trip$")


@pytest.fixture
def no_message_boxes(monkeypatch: pytest.MonkeyPatch) -> None:
    """A modal question would hang an offscreen test: any unexpected one fails it instead."""

    def unexpected(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError(f"unexpected question: {args[1:3]}")

    monkeypatch.setattr(QMessageBox, "question", unexpected)


@pytest.fixture
def open_dialog(qtbot: Any, ui_loop: UiLoop, gateway: Gateway) -> Iterator[Callable[[], Any]]:
    """Opens the dialog on what profiles.toml holds at that moment."""
    dialogs: list[ProfilesDialog] = []

    def opener() -> ProfilesDialog:
        dialog = ProfilesDialog(gateway)
        qtbot.addWidget(dialog)
        dialog.show()
        dialogs.append(dialog)
        return dialog

    yield opener
    for dialog in dialogs:
        dialog.tasks.cancel_all()
    ui_loop.settle()


def type_into(qtbot: Any, widget: QWidget, text: str) -> None:
    """Replace a line edit's text by typing, as a person would (fires textEdited)."""
    widget.setFocus()
    widget.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    if text:
        qtbot.keyClicks(widget, text)


def choose_mode(qtbot: Any, combo: QComboBox, mode: Mode) -> None:
    """Pick a mode with the keyboard, as a person would."""
    combo.setFocus()
    while combo.currentData() != mode.value:
        before = combo.currentIndex()
        qtbot.keyClick(combo, Qt.Key.Key_Down)
        assert combo.currentIndex() != before, f"{mode} is not in the combo"


def click(qtbot: Any, button: QWidget) -> None:
    """Click near the left edge: a check box only takes clicks on its box and its text."""
    spot = QPoint(min(8, button.width() // 2), button.height() // 2)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=spot)


def stored_text() -> str:
    return ProfileStore().path.read_text(encoding="utf-8")
