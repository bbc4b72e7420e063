"""Point 13 of issue 19: Qt's own file dialog speaks Russian too ("Папка", not "Folder")."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QFileInfo, QLocale
from PySide6.QtWidgets import QApplication, QFileIconProvider

from schemadesk.ui.i18n import install_translations, remove_translations

pytestmark = pytest.mark.ui


@pytest.fixture
def russian(qapp: QApplication) -> Iterator[None]:
    before = QLocale()
    assert install_translations(qapp, "ru") == "ru"
    yield
    remove_translations(qapp)
    QLocale.setDefault(before)


def test_the_file_dialog_names_a_folder_in_russian(russian: None, tmp_path: Path) -> None:
    assert QFileIconProvider().type(QFileInfo(str(tmp_path))) == "Папка"
    # The alias answers only for the contexts it names: the rest is untouched.
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Отмена"
    assert QCoreApplication.translate("MainWindow", "&File") == "&Файл"
    assert QCoreApplication.translate("NoSuchContext", "Folder") == "Folder"


def test_english_keeps_qt_s_english(qapp: QApplication, tmp_path: Path) -> None:
    assert install_translations(qapp, "en") == "en"
    try:
        assert QFileIconProvider().type(QFileInfo(str(tmp_path))) == "Folder"
    finally:
        remove_translations(qapp)
