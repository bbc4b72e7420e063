"""Translations are complete and current, and the window speaks Russian when asked to.

The sources are extracted afresh with the installed PySide6's own lupdate, so a new ``tr()``
string without a Russian translation fails here until ``packaging/update-translations`` has run
and the string is translated.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import psycopg
import PySide6
import pytest
from psycopg import sql
from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import QApplication

from schemadesk.core.profiles import ConnectionProfile
from schemadesk.db.gateway import Gateway
from schemadesk.ui.i18n import install_translations, remove_translations, translations_dir
from schemadesk.ui.main_window import MainWindow
from tests.fix_ui import UiLoop
from tests.until import until

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "resources" / "translations"
QT_TOOLS = Path(PySide6.__file__).parent
PLACEHOLDER = re.compile(r"%\d|%n|\{\w+\}")
UNDONE = ("unfinished", "vanished", "obsolete")

Key = tuple[str, str]  # context, source


def _sources() -> list[str]:
    ui = sorted(str(p) for p in (ROOT / "src" / "schemadesk" / "ui").rglob("*.py"))
    return [*ui, str(ROOT / "src" / "schemadesk" / "app.py")]


def _messages(ts: Path) -> dict[Key, ET.Element]:
    out = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            out[(name, message.findtext("source") or "")] = message
    return out


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> dict[Key, ET.Element]:
    """Every translatable string in the code now, as lupdate sees it."""
    ts = tmp_path_factory.mktemp("lupdate") / "current.ts"
    subprocess.run(
        [str(QT_TOOLS / "lupdate"), "-silent", "-locations", "none", *_sources(), "-ts", str(ts)],
        check=True,
        timeout=120,
    )
    return _messages(ts)


def _forms(message: ET.Element) -> list[str]:
    translation = message.find("translation")
    assert translation is not None
    if message.get("numerus") == "yes":
        return [form.text or "" for form in translation.iter("numerusform")]
    return [translation.text or ""]


PLURAL_FORMS = {"ru": 3}  # how many forms a language's plurals take (Qt's numerus rules)
TRANSLATED = sorted(
    ts.stem.split("_", 1)[1]
    for ts in TRANSLATIONS.glob("schemadesk_*.ts")
    if ts.stem != "schemadesk_en"  # English is the source: only its plurals are in its .ts
)


def test_russian_is_shipped() -> None:
    assert "ru" in TRANSLATED
    assert (translations_dir() / "schemadesk_ru.qm").is_file()


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_string_in_the_code_has_a_finished_translation(
    extracted: dict[Key, ET.Element], language: str
) -> None:
    name = f"schemadesk_{language}.ts"
    committed = _messages(TRANSLATIONS / name)
    problems = []
    for key, message in extracted.items():
        theirs = committed.get(key)
        if theirs is None:
            problems.append(f"not in {name} (run packaging/update-translations): {key}")
            continue
        translation = theirs.find("translation")
        assert translation is not None
        forms = _forms(theirs)
        plural = theirs.get("numerus") == "yes"
        if translation.get("type") in UNDONE or not all(f.strip() for f in forms):
            problems.append(f"not translated: {key}")
        elif (message.get("numerus") == "yes") != plural:
            problems.append(f"plural or not, the code and the .ts disagree: {key}")
        elif plural and len(forms) != PLURAL_FORMS.get(language, len(forms)):
            problems.append(f"{PLURAL_FORMS[language]} plural forms needed: {key}")
        else:
            wanted = set(PLACEHOLDER.findall(key[1]))
            lost = [f for f in forms if not wanted <= set(PLACEHOLDER.findall(f))]
            if lost:
                problems.append(f"a placeholder is lost in {lost}: {key}")
    stale = [key for key in committed if key not in extracted]
    problems += [f"no longer in the code (run packaging/update-translations): {k}" for k in stale]
    assert not problems, "\n".join(problems)


def test_every_plural_has_english_forms(extracted: dict[Key, ET.Element]) -> None:
    committed = _messages(TRANSLATIONS / "schemadesk_en.ts")
    plural = [key for key, message in extracted.items() if message.get("numerus") == "yes"]
    assert plural
    for key in plural:
        message = committed.get(key)
        assert message is not None, f"not in schemadesk_en.ts: {key}"
        forms = _forms(message)
        assert len(forms) == 2, key
        assert all(form.strip() and "(s)" not in form for form in forms), key


@pytest.mark.parametrize("language", [*TRANSLATED, "en"])
def test_compiled_catalogue_is_built_from_the_current_ts(language: str, tmp_path: Path) -> None:
    ts = TRANSLATIONS / f"schemadesk_{language}.ts"
    qm = tmp_path / "fresh.qm"
    subprocess.run(
        [str(QT_TOOLS / "lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True, timeout=60
    )
    shipped = translations_dir() / f"schemadesk_{language}.qm"
    assert shipped.read_bytes() == qm.read_bytes(), (
        f"{shipped.name} is older than {ts.name}: run packaging/update-translations"
    )


def test_russian_catalogues_translate_plurals_and_qt_buttons(russian: None) -> None:
    def loaded(n: int) -> str:
        return QCoreApplication.translate("MainWindow", "%n schema(s) loaded", "", n)

    assert [loaded(n) for n in (1, 3, 5, 21)] == [
        "Загружена 1 схема",
        "Загружены 3 схемы",
        "Загружено 5 схем",
        "Загружена 21 схема",
    ]
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Отмена"
    assert QLocale().toString(1234567) == "1\u00a0234\u00a0567"


def test_english_plurals_read_naturally(qapp: QApplication) -> None:
    before = QLocale()
    install_translations(qapp, "en")
    try:
        text = QCoreApplication.translate("MainWindow", "%n schema(s) loaded", "", 1)
        assert text == "1 schema loaded"
        text = QCoreApplication.translate("MainWindow", "%n schema(s) loaded", "", 5)
        assert text == "5 schemas loaded"
    finally:
        remove_translations(qapp)
        QLocale.setDefault(before)


@pytest.mark.ui
def test_window_opened_in_russian_speaks_russian(
    russian: None, qtbot: Any, ui_loop: UiLoop, primary_dsn: str
) -> None:
    with Gateway() as gateway:
        window = MainWindow(gateway)
        qtbot.addWidget(window)
        window.show()
        try:
            assert window.menuBar().actions()[0].text() == "&Файл"
            window.open_profile(ConnectionProfile(name="t", conninfo=primary_dsn))
            ui_loop.run(window.wait_loaded())
            database = window.nav.topLevelItem(0).child(0)
            assert database.child(0).text(0).startswith("Схемы")
            assert database.child(1).text(0).startswith("Роли")
            assert window.status.mode_label.text() == "чтение и запись"
            assert window.schemas_model.headerData(0, Qt.Orientation.Horizontal) == "Схема"

            expected = {1: "Загружена 1 схема", 3: "Загружены 3 схемы", 5: "Загружено 5 схем"}
            created = 0
            for count, text in expected.items():
                with psycopg.connect(primary_dsn, autocommit=True) as conn:
                    while created + 1 < count:  # "public" is the first
                        created += 1
                        conn.execute(
                            sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(f"s{created}"))
                        )
                window.refresh()
                ui_loop.run(until(lambda t=text: window.status.currentMessage() == t))
        finally:
            window.tasks.cancel_all()
            for session in window.sessions.values():
                session.tasks.cancel_all()
            ui_loop.settle()
            window.close()


def test_demo_under_a_russian_locale_opens_in_russian(tmp_path: Path, server_bindir: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
    env |= {"LANG": "ru_RU.UTF-8", "SCHEMADESK_CONFIG_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "schemadesk", "demo", "--smoke-test"],
        env=env,
        capture_output=True,
        text=True,
        timeout=110,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["ok"]
    assert report["language"] == "ru"


def test_language_follows_the_setting_else_the_system_locale() -> None:
    from schemadesk.ui.i18n import chosen_language, system_language

    assert system_language(QLocale("ru_RU")) == "ru"
    assert system_language(QLocale("de_DE")) == "en"  # not shipped: the source language
    assert system_language(QLocale("en_GB")) == "en"
    assert chosen_language("ru") == "ru"
    assert chosen_language("en") == "en"
    assert chosen_language("system") == system_language()


def test_review_report_headings_come_from_the_window_catalogue(qapp: QApplication) -> None:
    from schemadesk.core.report_texts import ENGLISH, placeholders, text_ids
    from schemadesk.ui.report_texts import report_texts

    # Untranslated, the window's table is core's English one, word for word: an English export
    # from the window reads like `schemadesk report`'s.
    assert report_texts() == ENGLISH
    before = QLocale()
    install_translations(qapp, "ru")
    try:
        russian_texts = report_texts()
    finally:
        remove_translations(qapp)
        QLocale.setDefault(before)
    assert russian_texts.language == "ru"
    same = [i for i in text_ids() if getattr(russian_texts, i) == getattr(ENGLISH, i)]
    assert same == []
    for i in text_ids():  # the renderer fills the same values in
        assert placeholders(getattr(russian_texts, i)) == placeholders(getattr(ENGLISH, i)), i
    assert russian_texts.target == "Где выполняется"
    assert russian_texts.counts == "шагов: {steps}, команд: {statements}"
