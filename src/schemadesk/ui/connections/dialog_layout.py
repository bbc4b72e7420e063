"""The connections dialog's keyboard order and first size (no words of its own)."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from schemadesk.ui.connections.profiles_dialog import ProfilesDialog


def tab_order(dialog: ProfilesDialog) -> None:
    chain: list[QWidget] = [
        dialog.list,
        dialog.new_button,
        dialog.duplicate_button,
        dialog.delete_button,
        dialog.form.name_edit,
    ]
    for first, second in itertools.pairwise(chain):
        QWidget.setTabOrder(first, second)
    last_of_form = list(dialog.form.session_edits.values())[-1]
    chain = [
        last_of_form,
        dialog.test_button,
        dialog.cancel_test_button,
        dialog.save_button,
        dialog.connect_button,
        dialog.close_button,
    ]
    for first, second in itertools.pairwise(chain):
        QWidget.setTabOrder(first, second)


def fit_to_content(dialog: ProfilesDialog) -> None:
    """Large enough that the form shows without scrolling, in any language."""
    form_hint = dialog.form.sizeHint()
    list_width = max(dialog.list.sizeHintForColumn(0), dialog.new_button.sizeHint().width() * 3)
    width = max(form_hint.width() + list_width + 80, 760)
    height = form_hint.height() + dialog.buttons.sizeHint().height() + 120
    screen = dialog.screen().availableGeometry() if dialog.screen() else None
    if screen is not None:  # a small screen: the form scrolls instead
        width = min(width, screen.width() * 9 // 10)
        height = min(height, screen.height() * 9 // 10)
    dialog.resize(width, height)
    dialog.splitter.setSizes([list_width + 20, width - list_width - 20])
