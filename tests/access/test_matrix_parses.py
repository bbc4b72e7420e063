"""``privileges --role R`` parses only the table ACLs that may grant R something.

At 10,000 tenant schemas the tables come as 10,000 (owner, ACL) groups, each ACL its own text,
nearly none naming the role asked about; parsing them all was 60-80 ms after the server's
rows came. The groups keep the text, and a plain role's matrix parses an ACL only when it
names one of the role's sources (the role, a role it inherits from) or PUBLIC. Counted here
from the ACL parse cache, with the counts the command prints checked against the server's own.
"""

from __future__ import annotations

import psycopg
import pytest
from psycopg import sql

from schemadesk.cli import main
from schemadesk.core.access import acl
from tests.access.conftest import Roles

Conn = psycopg.Connection[tuple[object, ...]]
TENANTS = 12

# Each table ACL of the test's schemas, and how many rows the role may SELECT per schema.
ACLS = """
SELECT n.nspname, c.relacl::text,
       count(*) FILTER (WHERE has_table_privilege(%(role)s, c.oid, 'SELECT'))
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE starts_with(n.nspname, %(prefix)s) AND c.relkind = 'r'
 GROUP BY 1, 2
"""


@pytest.fixture
def cleared() -> None:
    """The ACL parse caches empty before the command (parsed texts from earlier tests gone)."""
    for _ in acl.forgetting_parsed(10_000):
        pass


def _build(admin: Conn, roles: Roles, prefix: str) -> tuple[str, str]:
    """Tenant schemas whose tables each grant their own role; one grants the asked role's
    group (a name with a space), one grants PUBLIC."""
    ident = sql.Identifier
    group = roles.create("the group")
    asked = roles.create("asked", "NOLOGIN INHERIT")
    admin.execute(sql.SQL("GRANT {} TO {}").format(ident(group), ident(asked)))
    for i in range(TENANTS):
        schema = f"{prefix}t{i:02d}"
        tenant = roles.create(f"tenant{i:02d}")
        admin.execute(sql.SQL("CREATE SCHEMA {}").format(ident(schema)))
        for table in ("a", "b"):
            admin.execute(sql.SQL("CREATE TABLE {} (id int)").format(ident(schema, table)))
            grant = sql.SQL("GRANT SELECT ON {} TO {}")
            admin.execute(grant.format(ident(schema, table), ident(tenant)))
    admin.execute(
        sql.SQL("GRANT SELECT ON {} TO {}").format(ident(f"{prefix}t00", "a"), ident(group))
    )
    admin.execute(sql.SQL("GRANT SELECT ON {} TO PUBLIC").format(ident(f"{prefix}t01", "b")))
    return asked, group


def test_a_plain_roles_matrix_parses_only_the_acls_naming_it(
    admin: Conn, roles: Roles, db_dsn: str, cleared: None, capsys: pytest.CaptureFixture[str]
) -> None:
    prefix = roles.name("")[:20] + "_"
    asked, group = _build(admin, roles, prefix)
    capsys.readouterr()
    assert main(["privileges", "--role", asked, "--dsn", db_dsn]) == 0
    out = capsys.readouterr().out
    rows = admin.execute(ACLS, {"role": asked, "prefix": prefix}).fetchall()
    assert len(rows) == TENANTS + 2  # a schema's two tables share a text, but in t00 and t01
    parsed = {str(text) for _, text, _ in rows if str(text) in acl._ARRAYS}
    naming = {str(t) for _, t, _ in rows if group in str(t) or ",=" in str(t) or "{=" in str(t)}
    assert len(naming) == 2
    assert parsed == naming  # the 12 ACLs granting only a tenant's role were never parsed
    held: dict[str, int] = {}
    for schema, _, n in rows:
        held[str(schema)] = held.get(str(schema), 0) + int(str(n))
    for schema, n in held.items():
        line = next(line for line in out.splitlines() if line.startswith(schema + " "))
        assert f"SEL {n}/2" in line, line
    assert held[f"{prefix}t00"] == held[f"{prefix}t01"] == 1


def test_a_role_named_with_a_quote_has_every_acl_parsed(
    admin: Conn, roles: Roles, db_dsn: str, cleared: None, capsys: pytest.CaptureFixture[str]
) -> None:
    """A name with '"' is spelled otherwise in an array's text: the text proves nothing, so
    each ACL is parsed, and the counts stay the server's."""
    prefix = roles.name("")[:20] + "_"
    _build(admin, roles, prefix)
    quoted = roles.create('qu"oted', "NOLOGIN INHERIT")
    admin.execute(
        sql.SQL("GRANT SELECT ON {} TO {}").format(
            sql.Identifier(f"{prefix}t05", "a"), sql.Identifier(quoted)
        )
    )
    capsys.readouterr()
    assert main(["privileges", "--role", quoted, "--dsn", db_dsn]) == 0
    out = capsys.readouterr().out
    rows = admin.execute(ACLS, {"role": quoted, "prefix": prefix}).fetchall()
    assert all(str(text) in acl._ARRAYS for _, text, _ in rows)
    line = next(line for line in out.splitlines() if line.startswith(f"{prefix}t05 "))
    assert "SEL 1/2" in line, line
    other = next(line for line in out.splitlines() if line.startswith(f"{prefix}t02 "))
    assert "SEL 0/2" in other, other
