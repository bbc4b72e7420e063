"""File ▸ Export review report… in the real window: the report ``schemadesk report`` would write,
accepted by ``schemadesk apply --reviewed``; cancelling the dialog writes nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QLineEdit

from schemadesk.cli import main
from schemadesk.core.migrations.project import single_module
from schemadesk.core.profiles import ConnectionProfile
from schemadesk.core.report import read_report
from schemadesk.db.gateway import Gateway
from schemadesk.ui.i18n import install_translations, remove_translations
from schemadesk.ui.main_window import MainWindow
from tests.fix_ui import UiLoop
from tests.until import until

pytestmark = pytest.mark.ui

FILES = {
    "001_items.sql": "CREATE TABLE {{tables.items}} (id int PRIMARY KEY);\n",
    "002_price.sql": "ALTER TABLE {{tables.items}} ADD COLUMN price numeric;\n",
}


def open_window(qtbot: object, gateway: Gateway, tmp_path: Path, dsn: str) -> MainWindow:
    """The window on a fresh database with two pending migrations of schema ``shop``."""
    folder = tmp_path / "migrations"
    folder.mkdir()
    for name, text in FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    window = MainWindow(gateway, single_module(folder, "shop"))
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    window.show()
    window.open_profile(ConnectionProfile(name="prod", conninfo=dsn))
    return window


def export_through_the_menu(window: MainWindow, ui_loop: UiLoop, path: Path | None) -> None:
    """File ▸ Export review report…, then the save dialog: ``path`` typed, or cancelled."""
    file_menu = window.menuBar().actions()[0].menu()
    assert window.export_report_action in file_menu.actions()  # type: ignore[union-attr]
    window.export_report_action.trigger()
    ui_loop.run(until(lambda: window.report_export is not None and window.report_export.dialog
                       is not None and window.report_export.dialog.isVisible()))  # fmt: skip
    assert window.report_export is not None
    dialog = window.report_export.dialog
    assert dialog is not None
    if path is None:
        dialog.reject()
        return
    name = dialog.findChild(QLineEdit, "fileNameEdit")  # where a person types the name
    assert name is not None
    assert name.text().startswith("review-")  # a name is suggested
    name.setText(str(path))
    dialog.accept()
    ui_loop.run(until(lambda: window.report_box is not None))


def _language(qapp: QApplication, language: str) -> Iterator[None]:
    before = QLocale()
    assert install_translations(qapp, language) == language
    yield
    remove_translations(qapp)
    QLocale.setDefault(before)


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    """The English catalogue, as the application installs it (its plural forms)."""
    yield from _language(qapp, "en")


@pytest.fixture
def russian(qapp: QApplication) -> Iterator[None]:
    yield from _language(qapp, "ru")


@pytest.mark.usefixtures("english")
def test_exported_report_is_what_apply_reviewed_accepts(
    qtbot: object,
    ui_loop: UiLoop,
    gateway: Gateway,
    primary_dsn: str,
    tmp_path: Path,
) -> None:
    window = open_window(qtbot, gateway, tmp_path, primary_dsn)
    ui_loop.run(window.wait_loaded())

    export_through_the_menu(window, ui_loop, None)
    ui_loop.settle(0.2)
    assert window.report_box is None
    assert not list(tmp_path.glob("*.html"))  # cancelled: nothing written

    report = tmp_path / "review.html"
    export_through_the_menu(window, ui_loop, report)
    review = read_report(report)
    text = report.read_text(encoding="utf-8")
    assert "<h1>Apply 2 migrations</h1>" in text
    steps = review.manifest["steps"]
    assert [s["label"] for s in steps] == ["shop/001_items.sql", "shop/002_price.sql"]
    assert 'ALTER TABLE "shop".items ADD COLUMN price numeric;' in steps[1]["sql"]
    assert review.manifest["language"] == "en"
    assert "texts" not in review.manifest  # the window's English is the shell's
    assert window.report_box is not None
    assert review.content_sha256 in window.report_box.informativeText()
    assert str(report) in window.status.currentMessage()

    folder = str(tmp_path / "migrations")
    cli = ["--dsn", primary_dsn, "--migrations", folder, "--schema", "shop"]
    assert main(["apply", *cli, "--reviewed", str(report), "--yes"]) == 0


@pytest.mark.usefixtures("russian")
def test_window_in_russian_writes_the_report_in_russian(
    qtbot: object,
    ui_loop: UiLoop,
    gateway: Gateway,
    primary_dsn: str,
    tmp_path: Path,
) -> None:
    window = open_window(qtbot, gateway, tmp_path, primary_dsn)
    ui_loop.run(window.wait_loaded())
    report = tmp_path / "review.md"
    export_through_the_menu(window, ui_loop, report)
    text = report.read_text(encoding="utf-8")
    assert text.startswith("<!--schemadesk:body-->\n# Применить 2 миграции\n")
    for heading in ("## Где выполняется", "## Шаги и точный SQL (2)", "шагов: 2, команд: 2"):
        assert heading in text
    for english_word in ("Target", "step(s)", "Steps and exact SQL"):
        assert english_word not in text
    assert read_report(report).manifest["language"] == "ru"
    assert window.report_box is not None
    assert window.report_box.windowTitle() == "Отчёт для согласования записан"

    # The Russian report reviews the same plan: the shell applies it.
    folder = str(tmp_path / "migrations")
    cli = ["--dsn", primary_dsn, "--migrations", folder, "--schema", "shop"]
    assert main(["apply", *cli, "--reviewed", str(report), "--yes"]) == 0


def test_export_without_a_project_says_why(
    qtbot: object, ui_loop: UiLoop, gateway: Gateway, primary_dsn: str
) -> None:
    window = MainWindow(gateway)
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    window.show()
    window.export_report_action.trigger()
    ui_loop.settle(0.1)
    assert window.status.currentMessage() == "Open a connection first."

    window.open_profile(ConnectionProfile(name="p", conninfo=primary_dsn))
    ui_loop.run(window.wait_loaded())
    window.export_report_action.trigger()
    ui_loop.run(until(lambda: "--project" in window.status.currentMessage()))
    assert window.report_export is None or window.report_export.dialog is None  # nothing asked
