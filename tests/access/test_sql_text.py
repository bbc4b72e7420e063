"""The fix SQL's fast path gives psycopg's own: ``compose`` equals ``sql.SQL.format`` and
``sql_text`` equals ``as_string`` (without a connection, and with one: what runs), on hostile
names; the fixes ``check`` prints are what psycopg renders of the same statements."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from psycopg import sql

from schemadesk.core.access.change_sql import compose, sql_text
from schemadesk.core.access.conventions import check_conventions
from schemadesk.db.database import Database
from schemadesk.db.gateway import Gateway
from tests.access.conftest import Roles
from tests.access.test_finding_texts import Conn, _broken_catalog, _convention

HOSTILE = ['x"{owner}{s};\n本', "y {rw} 日", "z{n}'s", '"', "", "a.b", "{}", "%s", "NULL", "Ж" * 63]
NAMES = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"))


def _statement(a: str, b: str) -> tuple[sql.Composed, sql.Composed]:
    """One statement built both ways: psycopg's format and ``compose``."""
    parts = (
        sql.Identifier(a, b),
        sql.SQL(", ").join([sql.Identifier(b), sql.Identifier(a)]),
        sql.Literal(a),
    )
    template = "GRANT {} ON {} TO {} {{not a field}} SET x = {}"
    inner = sql.SQL("ALTER ROLE {}").format(sql.Identifier(a))
    return (
        sql.SQL(template).format(inner, *parts),
        compose(template, compose("ALTER ROLE {}", sql.Identifier(a)), *parts),
    )


@pytest.mark.parametrize("name", HOSTILE)
def test_compose_and_render_match_psycopg(name: str) -> None:
    formatted, composed = _statement(name, name[::-1] + "_t")
    assert composed == formatted  # the same fragments: a statement compares equal either way
    assert sql_text(composed) == formatted.as_string(None)
    assert "{not a field}" in sql_text(composed)  # doubled braces are literal, as in format


@given(NAMES, NAMES)
def test_any_name_renders_as_psycopg_does(a: str, b: str) -> None:
    formatted, composed = _statement(a, b)
    assert sql_text(composed) == formatted.as_string(None)


def test_compose_refuses_what_it_does_not_fill() -> None:
    with pytest.raises(ValueError, match=r"only \{\} fields"):
        compose("GRANT {0} TO {}", sql.SQL("x"), sql.SQL("y"))
    with pytest.raises(ValueError, match=r"only \{\} fields"):
        compose("GRANT {name}", sql.SQL("x"))


def test_every_fix_renders_as_psycopg_does(
    admin: Conn, roles: Roles, gateway: Gateway, database: Database
) -> None:
    """Every kind of finding's fix on hostile names: the text printed is psycopg's own,
    without a connection and with one (what the server is sent)."""
    catalog = _broken_catalog(admin, roles, gateway, database)
    statements = [
        st
        for conv in (_convention(roles), _convention(roles, "ghost"))
        for f in check_conventions(catalog, conv)
        for st in f.fix.statements
    ]
    assert len({st.render() for st in statements}) > 20
    for statement in statements:
        assert statement.render() == statement.sql.as_string(None)
        assert statement.render() == statement.sql.as_string(admin)
