"""``check``'s second round on its fixes: what a printed fix never reads is never made (the
grants' expectations), and the quicker compositions are equal to the ones they replace, on
hostile names (quotes, newlines, ``{}``, ``%``, 63-byte names)."""

from __future__ import annotations

import pickle
from typing import Any

import pytest
from psycopg import sql

from schemadesk.cli.check_print import fix_sql
from schemadesk.core.access import changes
from schemadesk.core.access.change_defaults import _default_statement
from schemadesk.core.access.change_model import ChangeSet
from schemadesk.core.access.change_sql import (
    DEFAULT_ON,
    compose,
    grantee_sql,
    privilege_list,
    sql_text,
)
from schemadesk.core.access.change_targets import Target, targets_of
from schemadesk.core.access.conventions import check_conventions
from schemadesk.core.access.expectations import ExpectGrant
from schemadesk.db.database import Database
from schemadesk.db.gateway import Gateway
from tests.access.conftest import Roles
from tests.access.test_finding_texts import Conn, _broken_catalog, _convention

HOSTILE = [
    "plain",
    'q"uote',
    '""',
    "new\nline",
    "{}",
    "{0}{s}",
    "100%",
    "%s%%",
    "x" * 63,
    "é" * 31 + "x",  # 63 bytes in UTF-8
    "back\\slash'",
    "",
]


def test_printing_a_check_makes_no_expectation(
    admin: Conn,
    roles: Roles,
    gateway: Gateway,
    database: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A check's fixes print their SQL without making what a grant expects (200,000 grants at
    10,000 schemas); read afterwards, the expectations are made once and kept."""
    catalog = _broken_catalog(admin, roles, gateway, database)
    findings = check_conventions(catalog, _convention(roles))
    made: list[object] = []
    real = changes._grant_expectations

    def counted(*args: Any, **kwargs: Any) -> tuple[Any, ...]:
        made.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(changes, "_grant_expectations", counted)
    printed = [fix_sql(f) for f in findings]
    assert any("GRANT" in text for text in printed)
    assert made == []
    fixes = [f.fix for f in findings]
    grants = [e for fix in fixes for e in fix.expectations if isinstance(e, ExpectGrant)]
    assert grants  # the broken schemas lack grants: their fixes expect them
    count = len(made)
    assert [e for fix in fixes for e in fix.expectations if isinstance(e, ExpectGrant)] == grants
    assert len(made) == count  # kept, not made again


@pytest.mark.parametrize("name", HOSTILE)
def test_expectations_made_when_read_equal_those_given(name: str) -> None:
    """A change set given a function for its expectations is equal to one given them, hashes
    alike, pickles to one holding them, and joins keeping the same order."""
    expect = (ExpectGrant("table", name, f"{name}t", f"{name}r", frozenset({"SELECT"}), True),)
    statement = changes.Statement(compose("SELECT {}", sql.Identifier(name)), "s")
    eager = ChangeSet("t", (statement,), expect)
    lazy = ChangeSet("t", (statement,), lambda: expect)
    assert lazy == eager
    assert hash(lazy) == hash(eager)
    assert lazy.expectations is lazy.expectations
    assert pickle.loads(pickle.dumps(ChangeSet("t", (), lambda: expect))) == ChangeSet(
        "t", (), expect
    )
    other = ChangeSet("o", (statement,), lambda: (*expect, *expect))
    assert (eager + other).expectations == (lazy + other).expectations == expect
    with pytest.raises(AttributeError):
        lazy.expectations = ()  # type: ignore[misc]


@pytest.mark.parametrize("name", HOSTILE)
def test_a_text_literal_renders_as_psycopgs(name: str) -> None:
    """Setting values are rendered once per value, as psycopg renders each."""
    for value in (name, f"{name}'s", "10s"):
        statement = compose(
            "ALTER ROLE {} SET {} = {}",
            sql.Identifier(name),
            sql.Identifier(name),
            sql.Literal(value),
        )
        assert sql_text(statement) == statement.as_string(None)
        assert sql_text(sql.Literal(value)) == sql.Literal(value).as_string(None)
    assert sql_text(sql.Literal(3)) == "3"


@pytest.mark.parametrize("name", HOSTILE)
def test_a_default_grant_is_composed_as_format_composed_it(name: str) -> None:
    """``ALTER DEFAULT PRIVILEGES``: the parts ``sql.SQL(...).format`` made, rendered alike."""
    for verb, template in (
        ("GRANT", "GRANT {} ON {} TO {}"),
        ("REVOKE", "REVOKE {} ON {} FROM {}"),
    ):
        for schema in (name, None):
            made = _default_statement(
                verb,  # type: ignore[arg-type]
                for_role=f"{name}_o",
                schema=schema,
                object_type="sequences",
                grantee=name,
                privileges=["USAGE", "SELECT"],
            )
            action = sql.SQL(template).format(
                privilege_list(["SELECT", "USAGE"]), DEFAULT_ON["sequences"], grantee_sql(name)
            )
            in_schema = (
                sql.SQL(" IN SCHEMA {}").format(sql.Identifier(schema))
                if schema is not None
                else sql.SQL("")
            )
            before = sql.SQL("ALTER DEFAULT PRIVILEGES FOR ROLE {}{} {}").format(
                sql.Identifier(f"{name}_o"), in_schema, action
            )
            assert sql_text(made) == before.as_string(None)
            assert made.as_string(None) == before.as_string(None)


def test_a_grant_on_named_hostile_objects_is_the_composition_of_before(
    admin: Conn, roles: Roles, gateway: Gateway, database: Database
) -> None:
    """A grant naming objects: its targets and their references equal the named tuple's and
    ``sql.Identifier``'s, and its text psycopg's rendering of the same parts."""
    catalog = _broken_catalog(admin, roles, gateway, database)
    schema = next(s.name for s in catalog.schemas if catalog.relations_in(s.name))
    grantee = roles.create('gr"antee{}%')
    targets = targets_of(catalog, schema, "tables", None)
    assert targets
    for t in targets:
        assert t == Target(t.what, t.schema, t.name, t.owner, t.acl)
        assert type(t) is Target
    names = [t.name for t in targets if t.name is not None]
    change = changes.grant_privileges(
        catalog, grantee, schema, ["SELECT"], on="tables", objects=names
    )
    assert len(change.statements) == 1
    statement = change.statements[0]
    refs = sql.SQL(", ").join(sql.Identifier(schema, n) for n in names)
    before = sql.SQL("GRANT {} ON TABLE {} TO {}{}").format(
        privilege_list(["SELECT"]), refs, sql.Identifier(grantee), sql.SQL("")
    )
    assert statement.render() == before.as_string(None)
    assert statement.sql.as_string(None) == before.as_string(None)
    assert change.expectations == tuple(
        ExpectGrant("table", schema, n, grantee, frozenset({"SELECT"}), True, False) for n in names
    )
