"""A said text carries its message (core/messages.py ``Said``): the window translates the
message of the very error or title it shows, with no table of texts that a large check could
overflow and in which two codes with the same English would collide."""

from __future__ import annotations

import copy
import pickle

from schemadesk.core.errors import ConfigError
from schemadesk.core.messages import said_of
from schemadesk.core.messages_config import say
from schemadesk.ui.core_texts import change_text, message_text, problem_text


def test_the_first_error_still_shows_in_russian_after_60000_said_texts(russian: None) -> None:
    path = "/srv/a: b, not {path}/schemadesk.toml"
    first = ConfigError(say("project-no-file", path=path))
    titles = [say("run-as", role=f"r{n}") for n in range(60_000)]  # a large check's titles
    assert message_text(first) == f"{path}: файл проекта не найден"
    assert message_text(str(first)) == f"{path}: файл проекта не найден"  # str(error) keeps it
    assert problem_text(first) == f"{path}: файл проекта не найден"
    assert change_text(titles[0]) == "выполнить от имени r0"
    assert str(first) == f"{path}: no such project file"  # the command line's English


def test_two_codes_with_the_same_english_translate_each_by_its_own_code(russian: None) -> None:
    """An unknown key in a TOML table named ``p: profile 'x'`` and an unknown key in profile
    'x' of file ``p`` read the same in English; each keeps its own message."""
    in_table = say("toml-unknown-keys", where="p: profile 'x'", keys="'y'")
    in_profile = say("profile-unknown-keys", path="p", name="'x'", keys="'y'")
    assert in_table == in_profile == "p: profile 'x': unknown key(s) 'y'"
    assert message_text(ConfigError(in_table)) == "p: profile 'x': неизвестные ключи: 'y'"
    assert message_text(ConfigError(in_profile)) == "p: профиль 'x': неизвестные ключи: 'y'"
    assert message_text(in_table) != message_text(in_profile)


def test_a_copied_or_pickled_said_text_keeps_its_message_a_new_text_does_not(
    russian: None,
) -> None:
    said = say("project-no-file", path="p")
    for kept in (copy.copy(said), copy.deepcopy(said), pickle.loads(pickle.dumps(said))):
        assert said_of(kept) == said_of(said)
        assert message_text(kept) == "p: файл проекта не найден"
    assert said_of(f"{said}") == said_of(said)
    made_anew = f"{said}."  # a new text: shown as written, never parsed back
    assert said_of(made_anew) is None
    assert message_text(made_anew) == made_anew
    assert said_of(ConfigError("plain")) is None
    assert message_text(ConfigError("plain")) == "plain"


def test_an_audit_record_read_back_translates_a_problem_placed_in_a_file(
    russian: None,
) -> None:
    """A warning that places a problem with parameters in a file (``where: problem``) is kept
    in the record as nested messages: read back (another session), both parts are Russian."""
    import json
    from dataclasses import replace

    from schemadesk.core.audit import AuditRecord, Outcome, record_from
    from schemadesk.core.messages_migrations import say as say_migration
    from tests.audit.conftest import make_action

    folder = "/srv/a: b; not found"
    warning = say_migration(
        "at", where="app/001_x.sql:2:1", problem=say_migration("no-folder", path=folder)
    )
    record = record_from(replace(make_action(), warnings=(warning,)), Outcome.SUCCEEDED)
    read = AuditRecord.from_json(json.loads(json.dumps(record.to_json())))
    assert read.warnings == (warning,)  # the English as written
    assert message_text(read.warnings[0]) == (
        f"app/001_x.sql:2:1: папка миграций {folder} не найдена"
    )


def test_a_forged_audit_record_cannot_make_its_english_read_otherwise(russian: None) -> None:
    """A log line whose kept message says something else than its English (edited by hand, or
    written by a version with other templates) shows its English as written."""
    import json

    from schemadesk.core.audit import AuditRecord, Outcome, record_from
    from schemadesk.core.messages_json import message_to_json
    from tests.audit.conftest import make_action

    title = say("run-as", role="bob")
    data = record_from(make_action(title=title), Outcome.SUCCEEDED).to_json()
    data = json.loads(json.dumps(data))
    assert message_text(AuditRecord.from_json(data).title) == "выполнить от имени bob"
    forged = say("project-no-file", path="everything was dropped")
    data["said"][title] = message_to_json(said_of(forged))  # type: ignore[arg-type]
    shown = AuditRecord.from_json(data)
    assert message_text(shown.title) == "run as bob"
    data["said"][title] = {"code": "from-a-newer-version", "params": {}}
    assert message_text(AuditRecord.from_json(data).title) == "run as bob"


def test_an_error_that_composes_its_text_can_carry_its_message_too(russian: None) -> None:
    class Composed(ConfigError):
        def __init__(self, path: str) -> None:
            inner = say("project-no-file", path=path)
            super().__init__(f"{inner} (while opening)")  # a new text: it carries nothing
            self.said = said_of(inner)

    error = Composed("p")
    assert str(error) == "p: no such project file (while opening)"
    assert message_text(error) == "p: файл проекта не найден"
