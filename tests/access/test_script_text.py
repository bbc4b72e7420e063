"""The script a connection runs, rendered the fast way (``change_sql.script_text``), is what
psycopg renders with that connection, on hostile names and values; where the two could differ
(a NUL, which libpq's quoting stops at; a lone surrogate; a connection not speaking UTF-8) it
is psycopg's own text, or psycopg's own error."""

from __future__ import annotations

import pytest
from psycopg import sql

from schemadesk.core.access.change_model import ChangeSet, Statement
from schemadesk.core.access.change_sql import compose, script_text
from schemadesk.core.access.changes import create_role, set_role_setting
from schemadesk.core.access.models import Catalog, CatalogContext
from tests.access.test_finding_texts import Conn

HOSTILE = [
    "plain",
    'q"uote',
    '""',
    "new\nline",
    "{}",
    "%s%%",
    "x" * 63,
    "é" * 31 + "x",
    "back\\slash'",
    "it's",
    "",
    "本 Ж",
]


def _statements(name: str) -> list[sql.Composed]:
    return [
        compose("CREATE ROLE {} NOLOGIN", sql.Identifier(name)),
        compose(
            "GRANT {} ON {} TO {}",
            sql.SQL("SELECT"),
            sql.Identifier(name, name),
            sql.Identifier(name),
        ),
        compose(
            "ALTER ROLE {} SET {} = {}",
            sql.Identifier(name),
            sql.Identifier(name),
            sql.Literal(name),
        ),
        compose("SELECT {}, {}, {}", sql.Literal(name + "\\"), sql.Literal(42), sql.Literal(None)),
    ]


def _psycopg(statements: list[sql.Composed], conn: Conn) -> str:
    return "".join(s.as_string(conn) + ";\n" for s in statements)


@pytest.mark.parametrize("name", HOSTILE)
def test_the_script_is_psycopgs_with_the_connection(admin: Conn, name: str) -> None:
    statements = _statements(name)
    assert script_text(statements, admin) == _psycopg(statements, admin)
    change = ChangeSet("t", tuple(Statement(s, "s") for s in statements))
    assert change.render(admin) == _psycopg(statements, admin)
    # a literal with a backslash: libpq's E'' quoting, not the text without a connection
    assert "E'" in script_text(statements[3:], admin)


def test_the_builders_fixes_render_as_psycopg_with_the_connection(admin: Conn) -> None:
    for name in HOSTILE:
        catalog = Catalog(CatalogContext(150000, "db", "postgres", "postgres", True, False))
        sets = [
            create_role(name),
            set_role_setting(catalog, name, "search_path", name + "\\'"),
            set_role_setting(catalog, name, name, name, database=name),
        ]
        for change in sets:
            rendered = change.render(admin)
            assert rendered == _psycopg([s.sql for s in change.statements], admin)


def test_a_nul_in_a_name_is_rendered_as_libpq_quotes_it(admin: Conn) -> None:
    """libpq's quoting stops at a NUL: the script is psycopg's text, the name cut there."""
    statements = [compose("CREATE ROLE {}", sql.Identifier("cut\x00here"))]
    text = script_text(statements, admin)
    assert text == _psycopg(statements, admin)
    assert "here" not in text


def test_a_lone_surrogate_fails_as_psycopg_fails(admin: Conn) -> None:
    statements = [compose("CREATE ROLE {}", sql.Identifier("bad\udcff"))]
    with pytest.raises(UnicodeEncodeError):
        _psycopg(statements, admin)
    with pytest.raises(UnicodeEncodeError):
        script_text(statements, admin)


def test_a_connection_in_latin1_renders_as_psycopg_does(admin: Conn) -> None:
    admin.execute("SET client_encoding TO 'LATIN1'")
    assert admin.info.encoding != "utf-8"
    statements = _statements('é q"uote') + _statements("back\\slash")
    assert script_text(statements, admin) == _psycopg(statements, admin)
    with pytest.raises(UnicodeEncodeError):  # not in LATIN1: psycopg's error, as before
        script_text(_statements("本"), admin)
