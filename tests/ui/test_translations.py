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
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import PySide6
import pytest
from psycopg import sql
from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import QApplication

from schemadesk.core.access.conventions import check_conventions
from schemadesk.core.profiles import ConnectionProfile
from schemadesk.db.gateway import Gateway
from schemadesk.ui.core_texts import (
    finding_parameters,
    finding_texts,
    problem_text,
    translated_action,
)
from schemadesk.ui.i18n import install_translations, remove_translations, translations_dir
from schemadesk.ui.main_window import MainWindow
from tests.access.conftest import Roles, admin, database, load, roles  # noqa: F401 (fixtures)
from tests.access.test_conventions import BREAKS, SCHEMA, _convention, _provisioned
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


@pytest.fixture
def russian(qapp: QApplication) -> Iterator[None]:
    before = QLocale()
    assert install_translations(qapp, "ru") == "ru"
    yield
    remove_translations(qapp)
    QLocale.setDefault(before)


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


# -- texts core writes in English ------------------------------------------------------------------


@pytest.fixture
def access(admin: Any, roles: Roles, gateway: Gateway, database: Any) -> tuple[Any, ...]:  # noqa: F811
    """The access tests' cluster roles, superuser connection and database, for core's findings."""
    return admin, roles, gateway, database


@pytest.mark.parametrize("case", list(BREAKS))
def test_each_convention_finding_is_shown_in_russian(
    russian: None, access: tuple[Any, ...], case: str
) -> None:
    admin_conn, test_roles, gateway, db = access
    conv, names = _provisioned(admin_conn, test_roles, gateway, db)
    admin_conn.execute(sql.SQL(BREAKS[case]).format(**names))
    (finding,) = check_conventions(load(gateway, db), conv, [SCHEMA])
    assert finding_parameters(finding) is not None, (finding.title, finding.explanation)
    title, explanation = finding_texts(finding)
    for text in (title, explanation):
        assert text not in (finding.title, finding.explanation)
        assert "{" not in text.replace(SCHEMA, ""), text
        assert re.search("[а-яё]", text), text
    for english in ("has the rights", "direct grant", "via membership", "on the schema"):
        assert english not in explanation  # rw-ddl's reasons are translated too


def test_missing_roles_findings_are_shown_in_russian(
    russian: None, access: tuple[Any, ...]
) -> None:
    admin_conn, test_roles, gateway, db = access
    conv = _convention(test_roles)
    admin_conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(SCHEMA)))
    findings = check_conventions(load(gateway, db), conv, [SCHEMA])
    assert {"owner-missing", "migrator-missing", "rw-missing"} <= {f.code for f in findings}
    for finding in findings:
        title, explanation = finding_texts(finding)
        assert title != finding.title, finding.code
        assert explanation != finding.explanation, finding.code


def test_migration_file_problems_are_shown_in_russian(russian: None) -> None:
    from schemadesk.core.migrations.template import render

    rendered = render("-- for {{schema}}\nSELECT * FROM {{ tables.users }};\n", "app")
    messages = [p.message for p in rendered.problems]
    assert len(messages) == 2, messages
    for message in messages:
        shown = problem_text(message)
        assert shown != message
        assert re.search("[а-яё]", shown), shown
    from schemadesk.core.messages_migrations import say

    in_plan = say("at", where="app/001_users.sql:2:15", problem=messages[-1])  # a plan's warning
    assert in_plan == f"app/001_users.sql:2:15: {messages[-1]}"
    assert problem_text(in_plan) == f"app/001_users.sql:2:15: {problem_text(messages[-1])}"
    assert problem_text("something core says that is new") == "something core says that is new"


def test_translated_action_changes_only_what_a_person_reads(russian: None) -> None:
    from schemadesk.core.actions import (
        ActionKind,
        ActionStep,
        ActionTarget,
        PlannedAction,
    )
    from schemadesk.core.messages_access import migrations_title, said_title

    lock = said_title("lock-transaction", key="pgdbm_migration_users")
    assert lock == "transaction advisory lock pgdbm_migration_users"
    step = ActionStep("users/001_init.sql", "SELECT 1;", locks=(lock,))
    assert migrations_title(rehearse=False, count=3) == "Apply 3 migrations"
    action = PlannedAction(
        ActionKind.APPLY_MIGRATIONS,
        "Apply 3 migrations",
        ActionTarget("p", "h", 5432, "db", "me"),
        (step, step, step),
    )
    shown = translated_action(action)
    assert shown.title == "Применить 3 миграции"
    assert shown.locks == ("рекомендательная блокировка транзакции pgdbm_migration_users",)
    assert [s.sql for s in shown.steps] == [s.sql for s in action.steps]
    assert (shown.kind, shown.target) == (action.kind, action.target)
    assert action.title == "Apply 3 migrations"  # the record (audit log) stays English


def test_language_follows_the_setting_else_the_system_locale() -> None:
    from schemadesk.ui.i18n import chosen_language, system_language

    assert system_language(QLocale("ru_RU")) == "ru"
    assert system_language(QLocale("de_DE")) == "en"  # not shipped: the source language
    assert system_language(QLocale("en_GB")) == "en"
    assert chosen_language("ru") == "ru"
    assert chosen_language("en") == "en"
    assert chosen_language("system") == system_language()


def test_change_titles_and_step_labels_are_shown_in_russian(russian: None) -> None:
    from schemadesk.core.access.conventions import fix_findings
    from schemadesk.core.messages_access import (
        object_label,
        objects_label,
        on_target,
        privileges_title,
        said_title,
    )
    from schemadesk.ui.core_texts import change_text

    table = objects_label([object_label("table", "app.t")], 0)
    shown = {
        fix_findings([]).title: "исправить нарушения соглашения",
        privileges_title("grant", ["USAGE"], on_target("schema", "app"), "app_rw", public=False): (
            "выдать USAGE на схему app роли app_rw"
        ),
        privileges_title("revoke", ["TRUNCATE"], table, "app_rw", public=False): (
            "отозвать TRUNCATE на таблицу app.t у роли app_rw"
        ),
        privileges_title("revoke", ["CREATE"], on_target("schema", "app"), "PUBLIC", public=True): (
            "отозвать CREATE на схему app у PUBLIC"
        ),
        said_title("run-as", role="app_owner"): "выполнить от имени app_owner",
    }
    assert list(shown)[1:] == [
        "grant USAGE on schema app to app_rw",
        "revoke TRUNCATE on table app.t from app_rw",
        "revoke CREATE on schema app from PUBLIC",
        "run as app_owner",
    ]
    for english, russian_text in shown.items():
        assert change_text(english) == russian_text
    assert change_text("a shape core has not used before") == "a shape core has not used before"


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


# -- every problem code core writes, and db's connection failures, reach the window translated ----

CORE = ROOT / "src" / "schemadesk" / "core"


def _codes_in_core() -> set[str]:
    """Every ``FileProblem`` code core can write: the literal first argument of each
    ``FileProblem(...)`` call, and the codes of tables of ``(code, severity, ...)`` tuples."""
    import ast

    codes: set[str] = set()
    for path in CORE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "FileProblem":
                first = node.args[0] if node.args else None
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    codes.add(first.value)
            elif (
                isinstance(node, ast.Tuple)
                and len(node.elts) >= 2
                and isinstance(node.elts[0], ast.Constant)
                and isinstance(node.elts[0].value, str)
                and getattr(node.elts[1], "attr", "") in ("ERROR", "WARNING", "INFO")
            ):
                codes.add(node.elts[0].value)
    return codes


def _pgdbm_problems(tmp_path: Path) -> list[Any]:
    from schemadesk.core.migrations.files import discover, load_file
    from schemadesk.core.migrations.project import single_module
    from schemadesk.core.migrations.status import file_problems, module_problems
    from schemadesk.core.migrations.template import render

    found = list(render("SELECT 1 FROM {{tables.bad-name}};\n", "app").problems)
    found += render("SELECT * FROM {{tables.1st.users}};\n", "app").problems
    found += render("SELECT 1;\n", "bad schema").problems
    found += render(
        "-- {{tables.a}}\nSELECT '{{tables.b}}', \"{{tables.c}}\";\n"
        "DO $$ BEGIN PERFORM 1 FROM {{tables.d}}; END $$;\nSELECT {{ schema }};\n",
        "app",
    ).problems
    folder = tmp_path / "m"
    folder.mkdir()
    module = single_module(folder, "App").modules[0]
    found += module_problems(module)
    found += module_problems(single_module(tmp_path / "none", "app").modules[0])
    for name, raw in {
        "1.sql": b"SELECT 1;\nCOMMIT;\nSET ROLE app_owner;\n",
        "2.sql": b"\xef\xbb\xbfSELECT 1;\n",
        "3.sql": b"SELECT '\xff';\n",
        "4.sql": b"",
        "5.sql": b"-- pgdbm:no-transaction\nCREATE INDEX CONCURRENTLY i ON t (c);\n",
        "6.sql": b"SELECT 1; -- \x1b[2K\n",
        "7\n.sql": b"SELECT 1;\n",
    }.items():
        (folder / name).write_bytes(raw)
        found += file_problems(module, load_file(folder / name), pooler=True)
    links = tmp_path / "links"  # out of the folder, in a loop, to nothing
    links.mkdir()
    (links / "1.sql").symlink_to(tmp_path / "m" / "1.sql")
    (links / "2.sql").symlink_to(links / "3.sql")
    (links / "3.sql").symlink_to(links / "2.sql")
    (links / "4.sql").symlink_to(tmp_path / "nowhere.sql")
    found += [p for f in discover(links) for p in f.problems]
    return found


def _alembic_problems(tmp_path: Path) -> tuple[list[Any], list[str]]:
    """Problems of Alembic modules' status, and the preview's warnings and refusals."""
    import dataclasses
    import shutil

    pytest.importorskip("alembic")
    from schemadesk.core.alembic.errors import AlembicUnavailable, ChangedMeanwhile
    from schemadesk.core.alembic.models import VersionTable
    from schemadesk.core.alembic.preview import build_preview
    from schemadesk.core.alembic.status import build_snapshot, with_cross_schema_problems
    from schemadesk.core.errors import SchemadeskError
    from schemadesk.core.migrations.models import FileProblem, Severity
    from schemadesk.core.migrations.project import load_project
    from tests.alembic_engine.conftest import DATA, module_of

    def table(schema: str, *heads: str, **kw: Any) -> VersionTable:
        return VersionTable(schema, f"alembic_version_{schema}", heads, **kw)

    copy = tmp_path / "alembic"
    shutil.copytree(DATA, copy, ignore=shutil.ignore_patterns("__pycache__"))
    project = load_project(copy)
    accounts, orders = module_of(project, "accounts"), module_of(project, "orders")
    catalog = module_of(project, "catalog")
    snaps = [
        build_snapshot(accounts, table("accounts", "0123456789ab")),  # unknown-revision
        build_snapshot(accounts, table("accounts", "c20000000001")),  # foreign-head
        build_snapshot(accounts, table("accounts", exists=True, readable=False)),
        build_snapshot(dataclasses.replace(accounts, config=None), table("accounts", "x")),
        build_snapshot(dataclasses.replace(accounts, branch="catalog"), table("accounts")),
        build_snapshot(dataclasses.replace(accounts, branch="a10000000002"), table("accounts")),
        build_snapshot(dataclasses.replace(accounts, config=copy / "gone.ini"), table("a")),
        *with_cross_schema_problems(
            (
                build_snapshot(orders, table("orders")),
                build_snapshot(catalog, table("catalog", "c20000000001")),
            )
        ),
    ]
    others = list(  # the offline preview's warnings: several heads, no schema yet, foreign
        build_preview(
            build_snapshot(
                orders,
                table(
                    "orders", "d30000000002", "d30000000003", "a10000000001", schema_exists=False
                ),
            )
        ).warnings
    )
    env = copy / "repo" / "env.py"
    env.write_text(
        env.read_text(encoding="utf-8").replace('config.attributes.get("connection")', "None"),
        encoding="utf-8",
    )
    others += build_preview(build_snapshot(accounts, table("accounts"))).warnings  # connects alone
    others += [  # another applier moved the version table between the plan and the lock
        str(ChangedMeanwhile("accounts", "accounts.alembic_version_accounts", was, now))
        for was, now in (((), ("a10000000001",)), (("a10000000001",), ("a10000000002",)))
    ]
    for snap in (snaps[0], snaps[3]):  # refused: an unknown revision; no scripts
        with pytest.raises(SchemadeskError) as refused:
            build_preview(snap)
        others.append(str(refused.value))
    first = copy / "repo" / "versions" / "a10000000001_init_accounts_schema.py"
    first.write_text(
        first.read_text(encoding="utf-8").replace(
            'op.execute("CREATE SCHEMA IF NOT EXISTS accounts")', "pass"
        ),
        encoding="utf-8",
    )
    unpaired = dataclasses.replace(accounts, schema="elsewhere", paired=False)
    snaps.append(build_snapshot(unpaired, table("elsewhere")))
    (copy / "repo" / "versions" / "d30000000003_create_notes.py").write_text("import nowhere\n")
    snaps.append(build_snapshot(orders, table("orders")))  # a revision that does not import
    problems = [p for s in snaps for p in s.status.problems]
    problems += [
        FileProblem("alembic-not-installed", Severity.WARNING, str(AlembicUnavailable(d)))
        for d in (("alembic", "sqlalchemy"), ())
    ]
    return problems, others


def _translated(message: str) -> bool:
    """Said in Russian: Cyrillic in it, and no English phrase left (three English words in a
    row, outside quoted names, paths, placeholders and a Python exception's own text)."""
    words = re.sub(r"'[^']*'|\S*[./_=]\S*|\{\{.*?\}\}|\w+Error: .*", "", message)
    return bool(re.search("[а-яё]", message)) and not re.search(r"[a-z]+ [a-z]+ [a-z]+", words)


def test_every_problem_core_writes_is_shown_in_russian(russian: None, tmp_path: Path) -> None:
    from schemadesk.ui.core_texts import message_text

    alembic, others = _alembic_problems(tmp_path)
    problems = _pgdbm_problems(tmp_path) + alembic
    produced = {p.code for p in problems}
    # A new problem code in core fails here until it has a sample above and a translation.
    assert produced == _codes_in_core()
    untranslated = [
        (p.code, message_text(p.message))
        for p in problems
        if not _translated(message_text(p.message))
    ]
    untranslated += [
        ("preview", message_text(m)) for m in others if not _translated(message_text(m))
    ]
    assert untranslated == []
    assert len(others) == 9


def test_connection_failures_are_framed_in_russian(russian: None) -> None:
    from schemadesk.core.errors import ConnectionFailed
    from schemadesk.db.connect_errors import (
        CANNOT_OPEN_POOL,
        REASONS,
        describe_connection_error,
        describe_pool_failure,
    )
    from schemadesk.ui.core_texts import connection_error_text, message_text

    target = "app@db.example:5432/shop"
    libpq = {  # what libpq says, for each reason of ours
        "no-password": (
            'connection to server at "h", port 5432 failed: fe_sendauth: no password supplied'
        ),
        "refused": 'connection to server at "127.0.0.1", port 1 failed: Connection refused',
        "unknown-host": (
            'could not translate host name "nowhere" to address: Name or service not known'
        ),
        "timeout": 'connection to server at "10.9.9.9", port 5432 failed: timeout expired',
        "no-socket": (
            'connection to server on socket "/nowhere/.s.PGSQL.5432" failed: '
            "No such file or directory"
        ),
        "unknown": "",
    }
    assert set(libpq) == set(REASONS)  # a new reason in db fails here until it is translated
    for key, text in libpq.items():
        english = describe_connection_error(psycopg.OperationalError(text), target)
        assert english.endswith(REASONS[key]), key
        shown = connection_error_text(english)
        assert shown.startswith("не удалось подключиться к app@db.example:5432/shop: "), shown
        assert _translated(shown), shown
    server = describe_connection_error(
        psycopg.OperationalError('FATAL:  database "x" does not exist'), target
    )
    shown = connection_error_text(server)
    assert (
        shown == 'не удалось подключиться к app@db.example:5432/shop: database "x" does not exist'
    )
    pool = describe_pool_failure(Exception("PoolTimeout: pool initialization incomplete"), target)
    assert pool == CANNOT_OPEN_POOL.format(
        target=target, error="PoolTimeout: pool initialization incomplete"
    )
    assert message_text(pool).startswith("не удалось открыть пул подключений к app@db.example")
    assert message_text("what a server says") == "what a server says"

    # A real refused connection, as the window shows it on the connection's pages.
    profile = ConnectionProfile(name="gone", conninfo="host=127.0.0.1 port=1 dbname=x")
    with Gateway() as gateway, pytest.raises(ConnectionFailed) as failed:
        gateway.open(profile).result()
    assert "в подключении отказано" in message_text(str(failed.value))


def test_lock_waits_and_alembic_locks_are_shown_in_russian(russian: None, tmp_path: Path) -> None:
    from schemadesk.core.actions import ActionTarget
    from schemadesk.db.migrations.runner import describe_holders
    from schemadesk.ui.core_texts import message_text

    alone = message_text(describe_holders("shop", []))
    assert alone == "ожидание блокировки миграций модуля shop"
    holder = (4242, "alice", "pgdbm", "10.0.0.7", "2026-03-01 09:30:00+00", "SELECT pg_sleep(60)")
    shown = message_text(describe_holders("shop", [holder]))
    assert shown == (
        "ожидание блокировки миграций модуля shop: её держит pid 4242 "
        "(alice, pgdbm, с адреса 10.0.0.7) с 2026-03-01 09:30:00+00: SELECT pg_sleep(60)"
    )

    pytest.importorskip("alembic")
    from schemadesk.core.alembic.models import VersionTable
    from schemadesk.core.alembic.preview import alembic_action, build_preview
    from schemadesk.core.alembic.status import build_snapshot
    from schemadesk.core.migrations.project import load_project
    from tests.alembic_engine.conftest import DATA, module_of

    accounts = module_of(load_project(DATA), "accounts")
    table = VersionTable("accounts", "alembic_version_accounts", ())
    action = alembic_action(
        build_preview(build_snapshot(accounts, table)),
        ActionTarget("p", "h", 5432, "db", "me", "accounts"),
    )
    locks = {lock for step in translated_action(action).steps for lock in step.locks}
    assert locks
    assert all(_translated(lock) for lock in locks), locks
