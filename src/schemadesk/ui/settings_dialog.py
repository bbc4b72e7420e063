"""Settings (Ctrl+,): appearance and language, kept in the app's QSettings."""

from __future__ import annotations

from PySide6.QtCore import QLocale, QSettings
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget

from schemadesk.ui.i18n import shipped_languages
from schemadesk.ui.palette import apply_color_scheme


def apply_saved_appearance() -> None:
    """The colours saved in Settings, applied at start-up."""
    apply_color_scheme(str(QSettings().value("appearance/color_scheme", "system")))


class SettingsDialog(QDialog):
    """Appearance (applies at once) and language (applies on restart)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        settings = QSettings()
        self.scheme = QComboBox()
        for key, label in (
            ("system", self.tr("Follow the system")),
            ("light", self.tr("Light")),
            ("dark", self.tr("Dark")),
        ):
            self.scheme.addItem(label, key)
        self.scheme.setCurrentIndex(
            max(0, self.scheme.findData(settings.value("appearance/color_scheme", "system")))
        )
        self.language = QComboBox()
        self.language.addItem(self.tr("Follow the system"), "system")
        for code in shipped_languages():  # each in its own language: findable by its speakers
            name = "English" if code == "en" else QLocale(code).nativeLanguageName()
            self.language.addItem(name[:1].upper() + name[1:], code)
        self.language.setCurrentIndex(
            max(0, self.language.findData(settings.value("ui/language", "system")))
        )
        form = QFormLayout(self)
        form.addRow(self.tr("Colours:"), self.scheme)
        form.addRow(self.tr("Language:"), self.language)
        note = QLabel(self.tr("A new language applies the next time schemadesk starts."))
        note.setWordWrap(True)
        form.addRow(note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def accept(self) -> None:
        settings = QSettings()
        scheme = str(self.scheme.currentData())
        settings.setValue("appearance/color_scheme", scheme)
        settings.setValue("ui/language", str(self.language.currentData()))
        apply_color_scheme(scheme)
        super().accept()
