"""The renderer against pgdbm 0.5.0's own ``prepare_query``: byte-identical, plus problems."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pgdbm.core import AsyncDatabaseManager
from pgdbm.errors import SchemaError

from schemadesk.core.migrations.models import Severity
from schemadesk.core.migrations.template import render
from tests.migrations.helpers import DATA


def pgdbm_render(text: str, schema: str | None) -> str:
    manager = AsyncDatabaseManager.__new__(AsyncDatabaseManager)
    manager.schema = schema
    return manager.prepare_query(text)


CASES = [
    "CREATE TABLE {{tables.users}} (id int);",
    "SELECT * FROM {{tables.s.users}} JOIN {{tables.users}} USING (id)",
    "CREATE TYPE {{schema}}.status AS ENUM ('a'); SELECT {{schema}}",
    "-- {{tables.x}} in a comment\n'{{schema}}' /* {{tables.y}} */",
    "CREATE FUNCTION f() RETURNS int AS $$ SELECT count(*) FROM {{tables.t}} $$ LANGUAGE sql;",
    "{{ tables.x }} {{unknown}} {{tables.a.b.c}} {{tables.}} {{schema }} {{TABLES.x}}",
    "{{tables.{{schema}}}} {{tables.{{schema}}.t}} {{{tables.x}}} {{tables.x}}}",
    "{{tables.1abc}}",
    "{{tables.s.1abc}} and {{tables." + "x" * 64 + "}}",
    "{{tables._ok9.T_2}}",
    "no placeholders at all; just SQL\r\n",
    "",
    "{{schema}}.{{schema}}.{{schema}}",
    "caf\u00e9 {{tables.t}} \U0001f600 {{schema}}",
]


@pytest.mark.parametrize("schema", ["users", "Mixed_Case", None, "public", "bad-name", "9x"])
@pytest.mark.parametrize("text", CASES)
def test_render_is_byte_identical_to_pgdbm(text: str, schema: str | None) -> None:
    rendered = render(text, schema)
    try:
        expected = pgdbm_render(text, schema)
    except SchemaError:
        assert not rendered.ok
        assert any(p.code == "invalid-name" for p in rendered.problems)
        return
    assert rendered.ok
    assert rendered.text == expected


@pytest.mark.parametrize("schema", ["app", None])
def test_every_data_file_renders_as_pgdbm(schema: str | None) -> None:
    files = sorted(DATA.rglob("*.sql"))
    assert len(files) >= 8
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert render(text, schema).text == pgdbm_render(text, schema), path


_TOKENS = st.sampled_from(
    [
        "{{",
        "}}",
        "{",
        "}",
        "tables",
        "schema",
        ".",
        "a",
        "B",
        "_",
        "1",
        "x" * 63,
        " ",
        "\n",
        "'",
        "--",
        "/*",
        "*/",
        "$$",
        ";",
        "\u00e9",
        "tables.",
        "{{tables.",
        "{{schema}}",
    ]
)
_TEXT = st.lists(_TOKENS, max_size=40).map("".join)
_SCHEMA = st.one_of(st.none(), st.sampled_from(["app", "s_1", "Mixed", "_x"]))


@settings(max_examples=1500, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(text=_TEXT, schema=_SCHEMA)
@example(text="{{tables.{{schema}}.t}}", schema=None)
def test_render_matches_pgdbm_on_generated_text(text: str, schema: str | None) -> None:
    rendered = render(text, schema)
    try:
        expected = pgdbm_render(text, schema)
    except SchemaError:
        assert not rendered.ok
        return
    assert rendered.ok
    assert rendered.text == expected
    # The position map: a file offset for every rendered char, in order, inside the file.
    origin = [rendered.source_offset(i) for i in range(len(rendered.text))]
    assert origin == sorted(origin)
    assert all(0 <= o < len(text) for o in origin)
    if rendered.origin is not None:
        assert sum(piece[1] for piece in rendered.origin) == len(rendered.text)


@settings(max_examples=500, deadline=None)
@given(text=_TEXT, schema=_SCHEMA)
def test_untouched_text_maps_to_itself(text: str, schema: str | None) -> None:
    rendered = render(text, schema)
    spans = [(p.rendered_start, p.rendered_end) for p in rendered.placeholders if p.replacement]
    for i, ch in enumerate(rendered.text):
        if not any(a <= i < b for a, b in spans):
            assert text[rendered.source_offset(i)] == ch


def test_problems_have_file_lines_and_columns() -> None:
    text = (
        "CREATE TABLE {{tables.users}} (id int);\n"
        "-- see {{tables.users}}\n"
        "INSERT INTO {{tables.log}} VALUES ('{{schema}}');\n"
        "SELECT {{ tables.x }}, {{unknown}};\n"
        "SELECT * FROM {{tables.9lives}};\n"
        "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1 FROM {{tables.t}} $$ LANGUAGE sql;\n"
    )
    problems = {(p.code, p.line, p.column): p for p in render(text, "app").problems}
    assert set(problems) == {
        ("placeholder-in-comment", 2, 8),
        ("placeholder-in-string", 3, 37),
        ("unknown-placeholder", 4, 8),
        ("unknown-placeholder", 4, 24),
        ("invalid-name", 5, 15),
        ("placeholder-in-dollar-body", 6, 53),
    }
    assert problems[("invalid-name", 5, 15)].severity is Severity.ERROR
    assert problems[("placeholder-in-string", 3, 37)].severity is Severity.WARNING
    assert problems[("placeholder-in-dollar-body", 6, 53)].severity is Severity.INFO


def test_placeholder_spans_point_into_both_texts() -> None:
    text = "SELECT {{schema}}.f(), {{tables.users}}\nFROM {{tables.s.t}}"
    rendered = render(text, "app")
    assert rendered.text == 'SELECT "app".f(), "app".users\nFROM "s".t'
    spans = [(p.text, p.replacement, p.line, p.column) for p in rendered.placeholders]
    assert spans == [
        ("{{schema}}", '"app"', 1, 8),
        ("{{tables.users}}", '"app".users', 1, 24),
        ("{{tables.s.t}}", '"s".t', 2, 6),
    ]
    for p in rendered.placeholders:
        assert text[p.start : p.end] == p.text
        assert rendered.text[p.rendered_start : p.rendered_end] == p.replacement


def test_rendered_offsets_map_back_to_file_positions() -> None:
    text = "CREATE TABLE {{tables.a}} (id int);\nINSERT INTO {{tables.a}} VALUES ('x');\n"
    rendered = render(text, "app")
    offset = rendered.text.index("'x'")
    assert rendered.source_position(offset) == (2, 34)
    # Inside a replacement: the placeholder's start.
    assert rendered.source_position(rendered.text.index('"app"')) == (1, 14)
    no_schema = render("SELECT {{schema}}.f(), 'x'", None)
    assert no_schema.text == "SELECT f(), 'x'"
    assert no_schema.source_position(no_schema.text.index("'x'")) == (1, 24)
