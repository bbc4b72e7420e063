"""The window translates core's messages by code and parameters, never by reading English back.

Names may hold any word or comma of core's English templates (an owner ``bob, not alice``, a
role ``a lacks b``): the Russian text must carry them whole.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from schemadesk.core.access.changes import ChangeSet
from schemadesk.core.access.convention_model import Finding
from schemadesk.core.access.effective import Reason
from schemadesk.core.messages import Message, english, fill
from schemadesk.ui.core_texts import finding_texts

UI = Path(__file__).resolve().parents[2] / "src" / "schemadesk" / "ui"
CYRILLIC = re.compile("[а-яё]")

# Words and punctuation of core's English templates, and placeholders of the translations.
PIECES = [
    "bob",
    ", not ",
    "alice",
    " lacks ",
    " via ",
    " → ",
    "{owner}",
    "{s}",
    " (granted by x)",
    "; ",
    " on ",
    " table(s) in ",
    " cannot act as ",
    "direct grant",
    "%1",
    "%n",
]
names = st.lists(st.sampled_from(PIECES), min_size=1, max_size=5).map("".join)


def _finding(code: str, params: dict[str, object], schema: str = "app") -> Finding:
    return Finding(schema, code, "error", "core's title", "core's text", ChangeSet("x"), (), params)  # type: ignore[arg-type]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(owner=names, actual=names, rw=names, grantor=names, team=names, schema=names)
def test_names_with_template_words_reach_the_russian_text_whole(
    russian: None, *, owner: str, actual: str, rw: str, grantor: str, team: str, schema: str
) -> None:
    title, explanation = finding_texts(
        _finding("schema-owner", {"actual": actual, "owner": owner}, schema)
    )
    assert CYRILLIC.search(title), title
    for name in (schema, actual, owner):
        assert name in title, (name, title)
    assert owner in explanation

    title, _ = finding_texts(_finding("rw-tables-missing", {"rw": rw, "privs": "SELECT", "n": 3}))
    assert rw in title, title
    assert CYRILLIC.search(title)

    reasons = (
        Message("ddl-create", {"reason": Reason("membership", (rw, team), grantor)}),
        Message("ddl-owner-rights", {"owner": owner, "chain": f"{rw} → {owner}"}),
    )
    title, explanation = finding_texts(_finding("rw-ddl", {"rw": rw, "reasons": reasons}))
    assert rw in title, title
    for name in (f"{rw} → {team}", grantor, f"{rw} → {owner}"):
        assert name in explanation, (name, explanation)
    for english_word in ("has the rights", "via membership", "on the schema", "granted by ("):
        assert english_word not in explanation.replace(grantor, "").replace(owner, "").replace(
            rw, ""
        ).replace(team, "")


def test_a_setting_whose_value_reads_not_set_is_not_translated(russian: None) -> None:
    now = (
        Message("setting", {"name": "statement_timeout", "value": "(not set)"}),
        Message("setting-unset", {"name": "idle_in_transaction_session_timeout"}),
    )
    _, explanation = finding_texts(
        _finding("rw-settings", {"rw": "app_rw", "wanted": "x = 1", "now": now})
    )
    assert "statement_timeout = (not set)" in explanation
    assert "idle_in_transaction_session_timeout = (not set)" not in explanation


def test_english_fills_each_mark_once() -> None:
    message = Message("ddl-owner-rights", {"owner": "{chain}", "chain": "a → {owner}"})
    assert english(message) == "has the rights of {chain} via a → {owner}"
    assert fill("{a} {b} {c}", {"a": "{b}", "b": "x"}) == "{b} x {c}"


def test_no_regular_expression_in_the_window_reads_core_texts() -> None:
    """ui/core_texts translates by code: it imports no ``re`` (nor does the rest of ui/ keep a
    lazily compiled pattern table)."""
    assert not (UI / "lazy_pattern.py").exists()
    for path in sorted((UI / "core_texts").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                assert all(a.name != "re" for a in node.names), path.name
            if isinstance(node, ast.ImportFrom):
                assert node.module != "re", path.name


def test_connection_failures_and_lock_holders_keep_hostile_names_whole(russian: None) -> None:
    import psycopg

    from schemadesk.db.connect_errors import describe_connection_error
    from schemadesk.db.migrations.run_state import describe_holders
    from schemadesk.ui.core_texts import message_text

    target = "a: cannot connect to b@h:5432/x"
    refused = psycopg.OperationalError(
        'connection to server at "h", port 1 failed: Connection refused'
    )
    shown = message_text(describe_connection_error(refused, target))
    assert shown.startswith(f"не удалось подключиться к {target}: "), shown
    assert "в подключении отказано" in shown

    holder = (7, "bob, from x", "from y", "10.0.0.7", "2026-03-01", "SELECT 1; since: 2")
    shown = message_text(describe_holders("shop", [holder]))
    assert "(bob, from x, from y, с адреса 10.0.0.7)" in shown, shown
    assert shown.endswith(": SELECT 1; since: 2"), shown


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(role=names, schema=names, table=names)
def test_action_titles_and_labels_keep_hostile_names_whole(
    russian: None, role: str, schema: str, table: str
) -> None:
    from schemadesk.core.messages_access import (
        object_label,
        objects_label,
        on_target,
        privileges_title,
        said_title,
    )
    from schemadesk.ui.core_texts import change_text, lock_text

    title = change_text(
        privileges_title("grant", ["USAGE"], on_target("schema", schema), role, public=False)
    )
    assert title.startswith("выдать USAGE на схему "), title
    assert title == f"выдать USAGE на схему {schema} роли {role}"
    one = objects_label([object_label("table", f"{schema}.{table}")], 0)
    label = change_text(privileges_title("revoke", ["SELECT"], one, role, public=False))
    assert label == f"отозвать SELECT на таблицу {schema}.{table} у роли {role}"
    assert change_text(said_title("run-as", role=role)) == f"выполнить от имени {role}"
    lock = lock_text(said_title("lock-session", key=f"pgdbm_migration_{table}"))
    assert lock.endswith(f"pgdbm_migration_{table}"), lock
    assert CYRILLIC.search(lock), lock


def _problem_codes() -> dict[str, list[str]]:
    """Every problem, blocker and preview warning code, with the fields of its English."""
    import string

    import schemadesk.core.messages_access  # noqa: F401
    from schemadesk.core.messages import _ENGLISH
    from schemadesk.ui.core_texts.problems_alembic import ALEMBIC_TEXTS
    from schemadesk.ui.core_texts.problems_config import CONFIG_TEXTS
    from schemadesk.ui.core_texts.problems_migrations import MIGRATION_TEXTS
    from schemadesk.ui.core_texts.refusals import REFUSAL_TEXTS

    return {
        code: [f for _, f, _, _ in string.Formatter().parse(_ENGLISH[code]) if f]
        for code in sorted({**MIGRATION_TEXTS, **ALEMBIC_TEXTS, **REFUSAL_TEXTS, **CONFIG_TEXTS})
    }


# A said text as a name: it must stay a name, never be recalled and translated.
PROBLEM_PIECES = [*PIECES, "empty file; pgdbm refuses it", "no revision", ": ", " (", "'"]
problem_names = st.lists(st.sampled_from(PROBLEM_PIECES), min_size=1, max_size=4).map("".join)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_problems_and_blockers_keep_hostile_names_whole(russian: None, data: st.DataObject) -> None:
    """Every migration and Alembic problem, change-set refusal and error in a project, profile
    or TOML file, alone and placed in a plan's
    blocker (``where: problem``), its names drawn from the words of the English templates."""
    from schemadesk.core.messages import Message, say
    from schemadesk.ui.core_texts import message_text, problem_text

    for code, fields in _problem_codes().items():
        params: dict[str, Any] = {}
        names: list[str] = []
        for name in dict.fromkeys(fields):
            if name == "place":
                params[name] = Message("inside-comment")
            elif name == "what" and data.draw(st.booleans()):  # a bad name's kind, translated
                params[name] = Message("name-kind-version-table")
            elif name in ("was", "now") and data.draw(st.booleans()):
                params[name] = Message("no-revision")
            elif name == "reasons":  # a module's problems, each said on its own
                inner = data.draw(problem_names, label=f"{code}.reasons")
                params[name] = (say("empty-file"), say("no-folder", path=inner))
                names.append(inner)
            elif name == "items":  # a change set's refusals, each said on its own
                inner = data.draw(problem_names, label=f"{code}.items")
                params[name] = (
                    say("system-schema", schema=inner),
                    say("name-too-long", name=inner, size=70, limit=63),
                )
                names.append(inner)
            else:
                params[name] = data.draw(problem_names, label=f"{code}.{name}")
                names.append(params[name])
        text = say(code, **params)
        shown = problem_text(text)
        assert message_text(text) == shown
        assert CYRILLIC.search(shown), (code, shown)
        for name in names:
            assert name in shown, (code, name, shown)
        where = data.draw(problem_names, label=f"{code}.where") + ":2:15"
        blocker = problem_text(say("at", where=where, problem=text))
        assert blocker == f"{where}: {shown}", (code, blocker)


def test_a_hostile_project_or_profile_file_is_refused_in_russian_with_its_names_whole(
    russian: None, tmp_path: Path
) -> None:
    """What the window's error box shows when the project or profiles file it opens is wrong:
    the ConfigError's text, recalled and translated, the names and path as they were written."""
    import pytest

    from schemadesk.core.errors import ConfigError
    from schemadesk.core.migrations.project import load_project
    from schemadesk.core.profiles import ProfileStore
    from schemadesk.ui.core_texts import message_text

    folder = tmp_path / "a: b, not {path}"
    folder.mkdir()
    project = folder / "schemadesk.toml"
    name = "x', not 'y"
    long = "a lacks b, not c " * 5  # over 63 bytes (stripped: it ends "c")
    project.write_text(
        f'[[modules]]\nname = "{name}"\npath = "m"\npool = "own, not shared"\n'
        f'[[modules]]\nname = "z"\nkind = "alembic"\nschema = "{long}"\nconfig = "a.ini"\n',
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as caught:
        load_project(project)
    english_text = str(caught.value)
    assert english_text == (
        f"{project}: [[modules]] #1: pool must be 'own' or 'shared', not 'own, not shared'"
    )
    shown = message_text(english_text)
    assert (
        shown
        == f"{project}: [[modules]] #1: pool должен быть 'own' или 'shared', а не 'own, not shared'"
    )

    project.write_text(project.read_text(encoding="utf-8").replace("own, not shared", "own"))
    with pytest.raises(ConfigError) as caught:
        load_project(project)
    shown = message_text(str(caught.value))
    assert (
        shown
        == f"{project}: [[modules]] #2: имя (схема) {long.strip()!r} пустое или длиннее 63 байт"
    )

    profiles = folder / "profiles.toml"
    profiles.write_text('[profiles."a lacks b"]\nconninfo = ""\npassword = "x"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        ProfileStore(profiles).get("a lacks b")
    shown = message_text(str(caught.value))
    assert shown.startswith(f"{profiles}: у профиля 'a lacks b' есть ключ password"), shown


# The only ``re`` uses left in ui/, none of them reading a text core or db wrote.
RE_IN_UI = {
    "sql_preview/diff.py": "splits the two SQL texts compared into words",
    "sql_preview/types.py": "pgdbm's rule for a schema name the person types; line starts",
    "schema_details.py": "fills %1 and %2 of the window's own translated sentence",
    "compare.py": "splits the schema pairs the person types (``a, b=c``) at commas and spaces",
}


def test_no_other_regular_expression_in_the_window_reads_core_texts() -> None:
    """A new ``re`` in ui/ must say here why it reads no text of core or db."""
    found = set()
    for path in sorted(UI.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if "re" in names or (isinstance(node, ast.ImportFrom) and node.module == "re"):
                found.add(path.relative_to(UI).as_posix())
    assert found == set(RE_IN_UI)


def test_a_read_only_profile_refuses_in_russian_naming_the_action(
    russian: None, gateway: Any, db_dsn: str
) -> None:
    """The refusal a read-only profile gives (what the window's error box shows): its name
    whole, the refused action translated too; the English as the command line prints it."""
    import pytest

    from schemadesk.core.errors import ReadOnlyViolation
    from schemadesk.core.profiles import ConnectionProfile
    from schemadesk.ui.core_texts import message_text

    name = "prod, not 'x' is read-only: apply"
    db = gateway.open(ConnectionProfile(name=name, conninfo=db_dsn, read_only=True)).result()
    with pytest.raises(ReadOnlyViolation) as caught:
        db.refuse_writes("accepting a checksum")
    assert str(caught.value) == f"profile {name!r} is read-only: accepting a checksum refused"
    shown = message_text(str(caught.value))
    assert shown == (
        f"профиль {name!r} только для чтения: действие «принятие контрольной суммы» отклонено"
    )
