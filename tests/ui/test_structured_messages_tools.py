"""The last English errors of core and db, said and translated by code: privileges and aclitem
texts, a Citus move's checks and refusals, lint and squawk, session settings and conninfo,
Alembic's offline preview, a read-only change set, a rollout's refusal (a Qt plural) and the
throwaway cluster. Names made of the templates' own words come out whole in Russian, and the
English is what the command line printed before the messages existed."""

from __future__ import annotations

import re
import string
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import schemadesk.core.messages_acl
import schemadesk.core.messages_citus
import schemadesk.core.messages_db
import schemadesk.core.messages_tools  # noqa: F401 (the codes tested here)
from schemadesk.core.messages import _ENGLISH, Message, say
from schemadesk.ui.core_texts.problems_acl import ACL_TEXTS
from schemadesk.ui.core_texts.problems_citus import CITUS_TEXTS
from schemadesk.ui.core_texts.problems_db import DB_TEXTS
from schemadesk.ui.core_texts.problems_tools import PLURAL_TEXTS, TOOL_TEXTS

CYRILLIC = re.compile("[а-яё]")

# Words and punctuation of the English templates tested here, and Qt's and Python's marks.
PIECES = [
    "bob",
    " is not a privilege on ",
    "tables",
    " (known: ",
    ", ALL)",
    "aclitem ",
    "'",
    "=",
    ": ",
    "; ",
    " cannot log in",
    "(fix: ",
    "none",
    "; nothing was run: ",
    " target problem(s)",
    "{what}",
    "{n}",
    "%n",
    "%1",
    " [session]",
    "no message",
    "the session is read-only; nothing was changed",  # a said text as a name stays a name
]
names = st.lists(st.sampled_from(PIECES), min_size=1, max_size=4).map("".join)

# A said text standing for a check or a problem inside another message, with its hostile name.
NESTED_CODES = {"what", "detail", "fix", "checks", "problems"}


def _codes() -> dict[str, list[str]]:
    """Every code of this round, with the fields of its English."""
    codes = sorted({**ACL_TEXTS, **CITUS_TEXTS, **TOOL_TEXTS, **PLURAL_TEXTS, **DB_TEXTS})
    return {c: [f for _, f, _, _ in string.Formatter().parse(_ENGLISH[c]) if f] for c in codes}


def _param(code: str, name: str, data: st.DataObject, names_out: list[str]) -> Any:
    """A parameter: a hostile name, a nested kind the window translates, or said texts."""
    draw = data.draw
    if name == "n":
        return draw(st.integers(0, 30), label=f"{code}.n")
    if code == "not-a-privilege" and name == "what" and draw(st.booleans()):
        return Message(f"privilege-on-{draw(st.sampled_from(['tables', 'database', 'types']))}")
    if code == "conventions-privilege" and name == "kind":
        return Message(f"privilege-kind-{draw(st.sampled_from(['table', 'sequence', 'schema']))}")
    if name == "known" and code == "citus-no-node" and draw(st.booleans()):
        return Message("citus-no-workers")
    if name == "size":
        about = Message("citus-size-about", {"bytes": "1,024"})
        return draw(st.sampled_from([Message("citus-size-tenant"), about]))
    if name == "message" and draw(st.booleans()):
        return Message("squawk-no-message")
    if code == "rollout-pgdbm-only" and name == "what" and draw(st.booleans()):
        return Message("rollout-review-report")
    if code == "ssh-tunnel-failed" and name == "reason" and draw(st.booleans()):
        identity = draw(names, label=f"{code}.identity")
        names_out.append(identity)
        return Message("ssh-key-encrypted", {"identity": identity})
    if name == "hint":  # where to get PostgreSQL, by platform, with the wheel's own words
        platform = draw(st.sampled_from(["windows", "macos", "linux"]))
        return Message(f"pg-hint-{platform}", {"wheel": Message("pg-wheel")})
    if code == "pg-not-found" and name == "where" and draw(st.booleans()):
        return Message("pg-looked-nowhere")
    if code == "conninfo-invalid" and name == "what" and draw(st.booleans()):
        inner = draw(names, label=f"{code}.what")
        names_out.append(inner)
        return Message("conninfo-of-profile", {"name": inner})
    if code.startswith("citus-check-") and name in NESTED_CODES:
        target = draw(names, label=f"{code}.{name}")
        names_out.append(target)
        return (say("citus-check-node-known", target=target),)
    if name in ("checks", "problems"):
        target = draw(names, label=f"{code}.{name}")
        names_out.append(target)
        check = say("citus-check-node-active", target=target)
        if name == "checks":
            return (say("citus-check-fix", what=(check,), detail=("",), fix=("SELECT 1",)),)
        return (say("at", where=target, problem=say("apply-read-only")),)
    value = draw(names, label=f"{code}.{name}")
    names_out.append(value)
    return value


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_every_new_code_keeps_hostile_names_whole_in_russian(
    russian: None, data: st.DataObject
) -> None:
    """Each code alone and placed in a blocker (``where: problem``): Cyrillic, and every name
    drawn from the words of the English templates whole."""
    from schemadesk.ui.core_texts import message_text, problem_text

    for code, fields in _codes().items():
        params: dict[str, Any] = {}
        hostile: list[str] = []
        for name in dict.fromkeys(fields):
            params[name] = _param(code, name, data, hostile)
        text = say(code, **params)
        shown = message_text(text)
        assert CYRILLIC.search(shown), (code, shown)
        for name in hostile:
            assert name in shown, (code, name, shown)
        where = data.draw(names, label=f"{code}.where")
        assert problem_text(say("at", where=where, problem=text)) == f"{where}: {shown}"


@pytest.mark.parametrize(
    ("n", "words"),
    [(1, "1 проблема с целью"), (3, "3 проблемы с целями"), (5, "5 проблем с целями")],
)
def test_a_rollout_refusal_counts_its_problems_in_russian_plural_forms(
    russian: None, n: int, words: str
) -> None:
    from schemadesk.ui.core_texts import message_text

    problems = tuple(say("at", where=f"t{i}", problem=say("apply-read-only")) for i in range(n))
    text = say("rollout-problems", n=n, problems=problems)
    assert text.startswith(f"{n} target problem(s); nothing was run: t0: the session")
    shown = message_text(text)
    assert shown.startswith(f"{words}; ничего не запущено: t0: сеанс только для чтения"), shown


def test_the_english_is_what_the_command_line_printed_before() -> None:
    """The f-strings these messages replaced, with hostile values, give the same text."""
    from schemadesk.core.access.acl import AclParseError, parse_aclitem, split_array
    from schemadesk.core.errors import ConfigError
    from schemadesk.core.lint.models import parse_size
    from schemadesk.core.lint.squawk import _exited
    from schemadesk.core.session_settings import SessionSettings

    text = '"a=r/b'
    with pytest.raises(AclParseError) as caught:
        parse_aclitem(text)
    assert str(caught.value) == f"unterminated quoted name in aclitem {text!r}"
    with pytest.raises(AclParseError) as caught:
        parse_aclitem("bob=rq/alice")
    assert str(caught.value) == "aclitem 'bob=rq/alice': unknown privilege letter 'q'"
    with pytest.raises(AclParseError) as caught:
        split_array('{"a=r/b}')
    assert str(caught.value) == """unterminated element in array literal '{"a=r/b}'"""
    with pytest.raises(ConfigError) as caught:
        parse_size("x.toml: [lint] large_table", "100 parsecs")
    assert str(caught.value) == (
        "x.toml: [lint] large_table: '100 parsecs' is not a size (examples: 104857600, '100MB')"
    )
    with pytest.raises(ConfigError) as caught:
        SessionSettings(lock_timeout="5 fortnights")
    assert str(caught.value) == (
        "session setting lock_timeout = '5 fortnights' is not a PostgreSQL duration "
        "(examples: '30s', '500ms', '5min', '0' for none)"
    )
    long = "error: \x1b[31m" + "x" * 400
    from schemadesk.core.terminal_text import visible_line

    assert _exited(2, long) == visible_line(f"squawk exited 2: {long}")[:300]
    assert _exited(2, None) == "squawk exited 2: no message"


def test_a_bad_conninfo_is_said_in_russian_and_a_password_in_it_stays_masked(
    russian: None,
) -> None:
    """libpq's reason may quote the password back: masked in English and in Russian; a name
    that itself reads like a password is masked as before (then shown as written)."""
    from schemadesk.core.errors import ConfigError
    from schemadesk.core.profiles import ConnectionProfile
    from schemadesk.ui.core_texts import message_text

    name = "prod: conninfo, not 'x'"
    with pytest.raises(ConfigError) as caught:
        ConnectionProfile(name=name, conninfo="host=h password='hunter2")
    english = str(caught.value)
    assert english.startswith(f"profile {name!r}: conninfo is not a valid conninfo or URI: ")
    assert "hunter2" not in english
    shown = message_text(english)
    assert shown.startswith(f"профиль {name!r}: conninfo — не корректная строка conninfo"), shown
    assert "hunter2" not in shown

    with pytest.raises(ConfigError) as caught:
        ConnectionProfile(name="a password=hunter2", conninfo="host=h port='1")
    assert "hunter2" not in str(caught.value)
    assert message_text(str(caught.value)) == str(caught.value)  # masked, so not said


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_every_new_title_keeps_hostile_names_whole_in_russian(
    russian: None, data: st.DataObject
) -> None:
    """Titles and step labels of default privileges, memberships, role settings and Citus
    actions: the kind and a membership's options translated, every name whole."""
    import schemadesk.core.citus_move  # noqa: F401 ("citus-move", "citus-move-step")
    from schemadesk.core.messages_titles import said_title
    from schemadesk.ui.core_texts import change_text
    from schemadesk.ui.core_texts.titles_access import ACCESS_TITLES

    options = Message(
        "flags-2", {"a": Message("membership-may-grant"), "b": Message("membership-no-inherit")}
    )
    for code in sorted(c for c in ACCESS_TITLES if not c.startswith("flags-")):
        fields = [f for _, f, _, _ in string.Formatter().parse(_ENGLISH[code]) if f]
        params: dict[str, Any] = {}
        for name in dict.fromkeys(fields):
            if name == "kind":
                params[name] = Message(
                    f"privilege-on-{data.draw(st.sampled_from(['tables', 'types']))}"
                )
            elif name == "flags":
                params[name] = options
            else:
                params[name] = data.draw(names, label=f"{code}.{name}")
        shown = change_text(said_title(code, **params))
        assert CYRILLIC.search(shown), (code, shown)
        for name, value in params.items():
            assert isinstance(value, Message) or value in shown, (code, name, shown)
        if "flags" in params:
            assert shown.endswith("(может передавать её дальше, не наследует её права)"), shown
        if "kind" in params:  # the kind of object in Russian, before any name
            assert shown.startswith(("новые таблицы роли ", "новые типы роли ")), shown
