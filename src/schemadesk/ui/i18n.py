"""The window's language: which one, and the translators that give it.

The language is the ``ui/language`` setting ("en", "ru", ...; "system" or unset: the system
locale's first UI language we ship). ``install_translations`` runs once, before any window is built:
schemadesk's own catalogue (``schemadesk.resources/translations/schemadesk_<lang>.qm``, also
for English, whose plural forms come from it), Qt's own (``qtbase_<lang>.qm``: standard buttons,
context menus), and the default QLocale, so numbers, dates and sizes follow the language.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import ClassVar

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

SOURCE_LANGUAGE = "en"
SETTING = "ui/language"


def translations_dir() -> Path:
    """Where the compiled catalogues are (a real folder in the wheel and in a checkout)."""
    return Path(str(resources.files("schemadesk.resources") / "translations"))


def shipped_languages() -> tuple[str, ...]:
    """English (the source) and every language with a compiled catalogue: a new
    ``schemadesk_<lang>.qm`` is a new language, nothing else to change."""
    found = sorted(p.stem.split("_", 1)[1] for p in translations_dir().glob("schemadesk_*.qm"))
    return tuple(dict.fromkeys([SOURCE_LANGUAGE, *found]))


def system_language(locale: QLocale | None = None) -> str:
    """The first of the system's UI languages we ship, else English."""
    shipped = shipped_languages()
    for name in (locale or QLocale.system()).uiLanguages():
        prefix = name.replace("_", "-").split("-")[0].lower()
        if prefix in shipped:
            return prefix
    return SOURCE_LANGUAGE


def chosen_language(setting: object = None) -> str:
    """The language to start in: the setting when it names a shipped one, else the system's."""
    value = QSettings().value(SETTING, "system") if setting is None else setting
    text = str(value or "system")
    return text if text in shipped_languages() else system_language()


def install_translations(app: QCoreApplication, language: str | None = None) -> str:
    """Install the catalogues for ``language`` (default: ``chosen_language()``) and set the
    default locale; returns the language installed. Call before building any window."""
    lang = language if language in shipped_languages() else chosen_language()
    assert lang is not None
    remove_translations(app)
    catalogues = [(str(translations_dir()), f"schemadesk_{lang}")]
    if lang != SOURCE_LANGUAGE:
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        catalogues.append((qt_dir, f"qtbase_{lang}"))
    for folder, name in catalogues:
        translator = QTranslator(app)  # parented: lives as long as the application
        translator.setObjectName("schemadesk-translator")
        if translator.load(name, folder):
            QCoreApplication.installTranslator(translator)
        else:
            translator.deleteLater()
    if lang != SOURCE_LANGUAGE:
        aliases = QtContextAliases(app)  # after qtbase: asked first, falls back to its texts
        aliases.setObjectName("schemadesk-translator")
        QCoreApplication.installTranslator(aliases)
    system = QLocale.system()
    same = system_language(system) == lang and system.language() != QLocale.Language.C
    QLocale.setDefault(system if same else QLocale(lang))
    return lang


class QtContextAliases(QTranslator):
    """Qt 6 asks for some of its texts under contexts its shipped catalogues do not have yet:
    the file dialog's "Folder", "Drive" and "File" (``QAbstractFileIconProvider``, translated
    under ``QFileDialog`` in ``qtbase_<lang>.qm``) stayed English in every language."""

    ALIASES: ClassVar[dict[str, str]] = {"QAbstractFileIconProvider": "QFileDialog"}

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        """The text under the context Qt's catalogue has it in; None (a null QString: "not
        here", where "" would be an empty translation) when there is none."""
        alias = self.ALIASES.get(str(context))
        if alias is None:
            return None
        text = QCoreApplication.translate(alias, source, disambiguation, n)
        return None if text == source else text

    def isEmpty(self) -> bool:
        return False


def remove_translations(app: QCoreApplication) -> None:
    """Take out the catalogues ``install_translations`` put in (the source texts show again)."""
    for translator in app.findChildren(QTranslator, "schemadesk-translator"):
        QCoreApplication.removeTranslator(translator)
        translator.setObjectName("")  # found no more, even before it is deleted
        translator.deleteLater()
