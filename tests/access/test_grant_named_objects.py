"""A grant naming several objects (a check's fix names every sequence a tenant's rw role
lacks a right on) is the statement psycopg's own composition makes, on hostile names, and
its summary names the first three objects: its targets' labels and references are made only
when asked, and its list is one flat ``Composed``."""

from __future__ import annotations

import pytest
from psycopg import sql

from schemadesk.core.access.change_sql import ON_ONE, composed, privilege_list, sql_text
from schemadesk.core.access.changes import grant_privileges
from schemadesk.core.access.expectations import ExpectGrant, ExpectSchemaOwner
from schemadesk.db.database import Database
from schemadesk.db.gateway import Gateway
from tests.access.conftest import Roles, load
from tests.access.test_finding_texts import Conn

SCHEMA = 'x"{s};\n本'
TABLES = ['t"{owner}', "a.b", "{}", "Ж" * 31, "%s"]  # Ж: two bytes, within 63


@pytest.mark.parametrize("name", ['x"{s};\n本', "", "{}", "a.b"])
def test_composed_equals_psycopgs_composed(name: str) -> None:
    parts: list[sql.Composable] = [sql.SQL("GRANT "), sql.Identifier(name, name), sql.SQL(";")]
    assert composed(parts) == sql.Composed(parts)
    assert sql_text(composed(parts)) == sql.Composed(parts).as_string(None)


def test_grant_on_named_objects_is_psycopgs_statement(
    admin: Conn, roles: Roles, gateway: Gateway, database: Database
) -> None:
    rw = roles.create('rw"{n}')
    admin.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(SCHEMA)))
    for t in TABLES:
        admin.execute(
            sql.SQL("CREATE TABLE {}.{} ()").format(sql.Identifier(SCHEMA), sql.Identifier(t))
        )
    held = TABLES[1]  # holds the right already: left out of the statement
    admin.execute(
        sql.SQL("GRANT SELECT ON {} TO {}").format(sql.Identifier(SCHEMA, held), sql.Identifier(rw))
    )
    catalog = load(gateway, database)
    change = grant_privileges(catalog, rw, SCHEMA, ["SELECT"], on="tables", objects=TABLES)
    (statement,) = change.statements
    named = sorted(
        (t for t in TABLES if t != held), key=[r.name for r in catalog.relations_in(SCHEMA)].index
    )
    before = sql.SQL("GRANT {} ON {} TO {}{}").format(
        privilege_list(["SELECT"]),
        sql.SQL("{} {}").format(
            ON_ONE["tables"], sql.SQL(", ").join(sql.Identifier(SCHEMA, t) for t in named)
        ),
        sql.Identifier(rw),
        sql.SQL(""),
    )
    assert statement.render() == before.as_string(None) == statement.sql.as_string(admin)
    shown = [f"table {SCHEMA}.{t}" for t in named[:3]]
    assert ", ".join(shown) + " and 1 more" in statement.summary
    assert [e.name for e in change.expectations] == [r.name for r in catalog.relations_in(SCHEMA)]
    admin.execute(statement.sql)
    assert change.unmet(load(gateway, database)) == ()


def test_a_grant_expectation_is_equal_only_to_its_own_kind() -> None:
    """Expectations are deduplicated when change sets add up: a tuple of the same fields, or
    another expectation, is never taken for a grant's."""
    privs = frozenset({"SELECT"})
    grant = ExpectGrant("table", "s", "t", "r", privs)
    assert grant == ExpectGrant("table", "s", "t", "r", privs, True, False)
    assert len({grant, ExpectGrant("table", "s", "t", "r", privs)}) == 1
    assert grant != tuple(grant)
    assert tuple(grant) not in (grant,)
    assert grant != ExpectGrant("table", "s", "t", "r", privs, present=False)
    assert ExpectSchemaOwner("s", "r") not in (grant,)
    with pytest.raises(AttributeError):
        grant.name = "other"  # type: ignore[misc]
