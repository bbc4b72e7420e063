"""Text from the catalog, files and servers shown as the exact characters, never as markup.

Qt renders a label, a message box text or a tooltip as rich text when ``Qt.mightBeRichText``
guesses so: a role named ``<b>x</b>`` would show bold and ``<a href=...>`` a link. These helpers
make such widgets plain, or escape a tooltip whose text would be taken for markup; a menu
item's text escapes the ``&`` Qt reads as a shortcut mark."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt  # Qt's text functions live in QtGui
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from schemadesk.core.terminal_text import visible_line


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A label that shows its text exactly, whatever it holds."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    return label


def plain_tip(text: str) -> str:
    """``text`` as a tooltip shows it: unchanged unless Qt would take it for markup, then
    escaped (lines and spaces kept) so the tooltip still reads the exact characters."""
    if not text or not GuiQt.mightBeRichText(text):
        return text
    return '<p style="white-space:pre">' + html.escape(text).replace("\n", "<br>") + "</p>"


def menu_text(name: str) -> str:
    """A name (a role, a schema, a file's path) as part of a menu item's text: Qt reads ``&``
    there as the mark of a shortcut and hides it (``R&D`` showed as "RD", with D underlined),
    so it is doubled; control characters are escaped as everywhere a name is shown."""
    return visible_line(name).replace("&", "&&")


def plain_box(box: QMessageBox) -> QMessageBox:
    """Make a message box's text and informative text plain (details are always plain);
    call it after setting the informative text, which Qt builds its label for on first use."""
    box.setTextFormat(Qt.TextFormat.PlainText)
    informative = box.findChild(QLabel, "qt_msgbox_informativelabel")
    if informative is not None:
        informative.setTextFormat(Qt.TextFormat.PlainText)
    return box
