"""The window in Russian for one test: ``from tests.ui.fix_language import russian``."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from schemadesk.ui.i18n import install_translations, remove_translations


@pytest.fixture
def russian(qapp: QApplication) -> Iterator[None]:
    """Russian catalogues installed (and QLocale's default set back afterwards)."""
    before = QLocale()
    assert install_translations(qapp, "ru") == "ru"
    yield
    remove_translations(qapp)
    QLocale.setDefault(before)
