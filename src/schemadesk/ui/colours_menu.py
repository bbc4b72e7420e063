"""View ▸ Colours: follow the system, light or dark, applied at once and kept for next time."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from schemadesk.ui.palette import apply_color_scheme

SETTING = "appearance/color_scheme"


class ColoursMenu(QMenu):
    """Three exclusive choices; the Settings dialog writes the same setting."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("&Colours"))
        self.group = QActionGroup(self)
        self.choices: dict[str, QAction] = {}
        for key, label in (
            ("system", self.tr("Follow the &system")),
            ("light", self.tr("&Light")),
            ("dark", self.tr("&Dark")),
        ):
            action = QAction(label, self)
            action.setCheckable(True)
            action.triggered.connect(lambda _checked=False, k=key: self.choose(k))
            self.group.addAction(action)
            self.addAction(action)
            self.choices[key] = action
        self.aboutToShow.connect(self._show_saved)
        self._show_saved()

    def _show_saved(self) -> None:
        saved = str(QSettings().value(SETTING, "system"))
        self.choices.get(saved, self.choices["system"]).setChecked(True)

    def choose(self, key: str) -> None:
        """Apply a scheme now and keep it for the next start."""
        QSettings().setValue(SETTING, key)
        apply_color_scheme(key)
        self.choices[key].setChecked(True)
