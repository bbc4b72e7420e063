"""Bidirectional controls ("trojan source"): a schema, role or comment holding U+202E shows its
text in another order than it holds. Every one of them is shown as ``\\u202e`` on the terminal
(``schemas``, ``roles``, ``check``) and in the escaper the window uses; ``--json`` keeps the real
character for a JSON reader (as a ``\\u`` escape), and the SQL that runs is never changed."""

from __future__ import annotations

import io
import json
import re
import uuid
from collections.abc import Iterator

import psycopg
import pytest
from psycopg import sql

from schemadesk.cli.output import SafeStream, dumps
from schemadesk.core.migrations.files import control_problems
from schemadesk.core.terminal_text import first_control, has_line_controls, visible, visible_line
from tests.hostile.helpers import assert_clean, run

# Written out here, not imported: the test's own idea of what reorders text on screen.
BIDI_CHARS = [
    *map(chr, range(0x202A, 0x202F)),  # LRE, RLE, PDF, LRO, RLO
    *map(chr, range(0x2066, 0x206A)),  # LRI, RLI, FSI, PDI
    "\u200e",  # LRM
    "\u200f",  # RLM
    "\u061c",  # ALM
    "\u2028",  # line separator (Qt breaks the line, PostgreSQL does not)
    "\u2029",  # paragraph separator
]
RAW_BIDI = re.compile("[" + "".join(BIDI_CHARS) + "]")
RLO = "\u202e"


@pytest.mark.parametrize("char", BIDI_CHARS, ids=lambda c: f"U+{ord(c):04X}")
def test_each_bidi_control_is_shown_as_its_code(char: str) -> None:
    escape = f"\\u{ord(char):04x}"
    assert visible_line(f"a{char}b") == f"a{escape}b"
    assert visible(f"-- a{char}b\nSELECT 1;\n") == f"-- a{escape}b\nSELECT 1;\n"
    assert has_line_controls(f"x{char}")
    assert first_control(f"SELECT 1;\n-- {char}\n") == (2, 4, escape)


def test_text_without_them_is_left_as_it_is() -> None:
    # Arabic, Hebrew and CJK letters are no controls: only the invisible reorderers are shown.
    for text in ("مرحبا", "שלום", "日本語", "emoji 🚀", "plain"):
        assert visible_line(text) == text
        assert visible(text) == text
        assert not has_line_controls(text)


def test_a_migration_holding_an_override_gets_a_warning_and_keeps_its_text() -> None:
    # The trojan-source shape: the comment seems to end where the override makes it look so.
    content = f"SELECT 1; -- {RLO}{{ ;1 TCELES\nSELECT 2;\n"
    (problem,) = control_problems("001_x.sql", content)
    assert (problem.code, problem.line, problem.column) == ("control-character", 1, 14)
    assert "\\u202e" in str(problem.message)
    (named,) = control_problems(f"001_{RLO}lqs.x", None)
    assert named.code == "control-character-name"


def test_json_keeps_the_character_as_data_and_shows_no_raw_one() -> None:
    data = {f"k{RLO}": [f"a{RLO}b\u2066c\u2069", "\u200fplain"]}
    text = dumps(data)
    assert RAW_BIDI.search(text) is None
    assert "a\\u202eb\\u2066c\\u2069" in text
    assert json.loads(text) == data


def test_the_output_guard_shows_them_whatever_printed_them() -> None:
    inner = io.StringIO()
    stream = SafeStream(inner)
    stream.write(f"schema inv{RLO}cod.exe\n")
    stream.write(f"no newline{RLO}")
    stream.flush()
    assert inner.getvalue() == "schema inv\\u202ecod.exe\nno newline\\u202e"


@pytest.fixture
def hostile(db_dsn: str) -> Iterator[tuple[str, str, str]]:
    """A schema, a role and a comment holding an override, an isolate and a mark."""
    tag = uuid.uuid4().hex[:6]
    schema, role = f"s{tag}{RLO}gpj.exe", f"r{tag}{RLO}nimda"
    comment = f"billing \u2066{RLO}secret\u2069 data\u200f"
    with psycopg.connect(db_dsn, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
        conn.execute(sql.SQL("CREATE TABLE {} (id int)").format(sql.Identifier(schema, "t")))
        conn.execute(sql.SQL("COMMENT ON SCHEMA {} IS {}").format(sql.Identifier(schema), comment))
        conn.execute(sql.SQL("CREATE ROLE {}").format(sql.Identifier(role)))
        conn.execute(sql.SQL("COMMENT ON ROLE {} IS {}").format(sql.Identifier(role), comment))
    try:
        yield schema, role, comment
    finally:
        with psycopg.connect(db_dsn, autocommit=True) as conn:
            # The role and any a provision made of the schema's name (cluster-wide).
            made = conn.execute(
                "SELECT rolname FROM pg_roles WHERE starts_with(rolname, %s)"
                " OR starts_with(rolname, %s)",
                [f"s{tag}", f"r{tag}"],
            ).fetchall()
            for (name,) in made:
                conn.execute(sql.SQL("DROP OWNED BY {}").format(sql.Identifier(name)))
            for (name,) in made:
                conn.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(name)))


def _shown(text: str) -> str:
    return (
        text.replace(RLO, "\\u202e")
        .replace("\u2066", "\\u2066")
        .replace("\u2069", "\\u2069")
        .replace("\u200f", "\\u200f")
    )


@pytest.mark.parametrize("verb", [["schemas"], ["roles"], ["check"]])
def test_the_verbs_show_hostile_names_escaped_and_json_keeps_them(
    db_dsn: str, hostile: tuple[str, str, str], verb: list[str]
) -> None:
    schema, role, comment = hostile
    text = run([*verb, "--dsn", db_dsn])
    assert_clean(text)
    assert text.code == 0, text.text
    assert RAW_BIDI.search(text.text) is None, text.text
    said = {"schemas": [schema, comment], "roles": [role, comment], "check": [schema]}[verb[0]]
    for name in said:
        assert _shown(name) in text.out
    as_json = run([*verb, "--json", "--dsn", db_dsn])
    assert_clean(as_json)
    assert as_json.code == 0, as_json.text
    assert RAW_BIDI.search(as_json.out) is None
    data = json.dumps(json.loads(as_json.out), ensure_ascii=False)  # what a reader gets
    for name in said:
        assert json.dumps(name, ensure_ascii=False)[1:-1] in data


def test_one_role_in_detail_shows_them_escaped(db_dsn: str, hostile: tuple[str, str, str]) -> None:
    _, role, comment = hostile
    result = run(["roles", role, "--dsn", db_dsn])
    assert_clean(result)
    assert result.code == 0, result.text
    assert RAW_BIDI.search(result.text) is None
    assert f"role {_shown(role)}\n" in result.out
    assert f"  comment: {_shown(comment)}\n" in result.out


def test_the_fix_sql_that_runs_keeps_the_real_name(
    db_dsn: str, hostile: tuple[str, str, str]
) -> None:
    schema, _, _ = hostile
    shown = run(["provision", schema, "--sql-only", "--dsn", db_dsn])
    assert_clean(shown)
    assert f'"{_shown(schema)}"' in shown.out  # the terminal sees the escape
    applied = run(["provision", schema, "--yes", "--dsn", db_dsn])
    assert applied.code == 0, applied.text
    with psycopg.connect(db_dsn) as conn:
        owner = conn.execute(
            "SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = %s", [schema]
        ).fetchone()
    assert owner is not None
    assert RLO in str(owner[0])  # the owner role made of the real name, not of its escape


# Characters that show as nothing: two names differing by one look the same.
INVISIBLE_CHARS = ["\u200b", "\u2060", "\u2063", "\ufeff", "\u00ad", "\u034f", "\u3164", "\u180e"]


@pytest.mark.parametrize("char", INVISIBLE_CHARS, ids=lambda c: f"U+{ord(c):04X}")
def test_each_invisible_character_is_shown_as_its_code(char: str) -> None:
    code = ord(char)
    escape = f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"  # as C1 controls are
    assert visible_line(f"admin{char}") == f"admin{escape}"
    assert visible(f"GRANT x TO admin{char};\n") == f"GRANT x TO admin{escape};\n"
    assert json.loads(dumps({"role": f"admin{char}"})) == {"role": f"admin{char}"}
    assert char not in dumps({"role": f"admin{char}"})


def test_joiners_that_words_and_emoji_hold_are_left_as_they_are() -> None:
    for text in ("می\u200cخواهم", "👩\u200d💻", "क्\u200dष"):  # Persian, emoji, Devanagari
        assert visible_line(text) == text


def test_a_role_named_like_another_but_for_a_zero_width_space_is_told_apart(
    db_dsn: str,
) -> None:
    """``roles`` and the check's fix: the SQL shown for the look-alike names it escaped, and
    the one that runs keeps the real name."""
    tag = uuid.uuid4().hex[:6]
    plain, twin = f"admin{tag}", f"admin{tag}\u200b"
    with psycopg.connect(db_dsn, autocommit=True) as conn:
        for name in (plain, twin):
            conn.execute(sql.SQL("CREATE ROLE {}").format(sql.Identifier(name)))
    try:
        listed = run(["roles", "--dsn", db_dsn])
        assert_clean(listed)
        assert "\u200b" not in listed.text
        lines = [line for line in listed.out.splitlines() if f"admin{tag}" in line]
        assert len(lines) == 2
        assert any(f"admin{tag}\\u200b" in line for line in lines)  # the twin, told apart
        granted = run(
            ["grant", "--role", twin, "--schema", "public", "USAGE", "--sql-only", "--dsn", db_dsn]
        )
        assert_clean(granted)
        assert f'TO "admin{tag}\\u200b";' in granted.out  # shown escaped
    finally:
        with psycopg.connect(db_dsn, autocommit=True) as conn:
            for name in (plain, twin):
                conn.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(name)))


def test_a_leading_bom_is_said_once_and_a_zero_width_space_inside_is_warned_of() -> None:
    assert control_problems("001_x.sql", "\ufeffSELECT 1;\n") == []  # the "bom" problem says it
    (problem,) = control_problems("001_x.sql", "\ufeffSELECT 1;\u200b\n")
    assert (problem.code, problem.line, problem.column) == ("control-character", 1, 11)
    (named,) = control_problems("001_init\u200b.sql", "SELECT 1;\n")
    assert named.code == "control-character-name"
