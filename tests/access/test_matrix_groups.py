"""``privileges --role R`` reads tables grouped by owner and ACL: the same matrix as every table.

The matrix counts, per schema, the tables a role holds each DML right on; the verb now asks the
server for (owner, ACL, count) groups instead of every table and function. Here hostile schema,
table and role names, tables owned by different roles, rights through a membership, PUBLIC,
default privileges, a view, a materialized view, a partitioned table and a sequence: the cells
made from the groups equal the cells made from the whole catalog, and the counts the command
prints are the server's own (``has_table_privilege`` per table).
"""

from __future__ import annotations

import json

import psycopg
import pytest
from psycopg import sql

from schemadesk.cli import main
from schemadesk.core.access.effective import RoleGraph
from schemadesk.core.access.matrix import privilege_matrix
from schemadesk.db.access.table_groups import matrix_catalog
from schemadesk.db.database import Database
from schemadesk.db.gateway import Gateway
from tests.access.conftest import HOSTILE, Roles, load

Conn = psycopg.Connection[tuple[object, ...]]
SCHEMAS = ('ma"trix 日本', "semi;-- x", "empty one")

# The server's count of a schema's tables (the matrix's kinds) on which the role holds a right.
ORACLE = """
SELECT count(*) FILTER (WHERE has_table_privilege(%(role)s, c.oid, %(right)s)), count(*)
  FROM pg_class c
 WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = %(schema)s)
   AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
"""


def _build(admin: Conn, roles: Roles) -> list[str]:
    group = roles.create('gr"oup')
    member = roles.create("mem ber", "NOLOGIN INHERIT")
    outsider = roles.create("out;sider")
    owner = roles.create("own=/er")
    admin.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(group), sql.Identifier(member)))
    ident = sql.Identifier
    first, second, _ = SCHEMAS
    for schema in SCHEMAS:
        admin.execute(sql.SQL("CREATE SCHEMA {}").format(ident(schema)))
    admin.execute(sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(ident(first), ident(group)))
    admin.execute(sql.SQL("GRANT USAGE, CREATE ON SCHEMA {} TO PUBLIC").format(ident(second)))
    admin.execute(sql.SQL("GRANT CREATE ON SCHEMA {} TO {}").format(ident(first), ident(owner)))
    # Tables created by ``owner`` get the default privileges below (an ACL that is not NULL).
    admin.execute(
        sql.SQL("ALTER DEFAULT PRIVILEGES FOR ROLE {} IN SCHEMA {} GRANT SELECT ON TABLES TO {}")
        .format(ident(owner), ident(first), ident(group))
    )  # fmt: skip
    for i, name in enumerate(HOSTILE[:10]):
        table = ident(first, name)
        admin.execute(sql.SQL("CREATE TABLE {} (id int)").format(table))
        if i % 3 == 0:
            admin.execute(sql.SQL("ALTER TABLE {} OWNER TO {}").format(table, ident(owner)))
        if i % 4 == 1:
            grant = "GRANT INSERT, UPDATE ON {} TO {}"
            admin.execute(sql.SQL(grant).format(table, ident(group)))
        if i % 5 == 2:
            admin.execute(sql.SQL("GRANT DELETE, SELECT ON {} TO PUBLIC").format(table))
        if i % 4 == 3:
            admin.execute(sql.SQL("GRANT SELECT ON {} TO {}").format(table, ident(member)))
    admin.execute(sql.SQL("SET ROLE {}").format(ident(owner)))
    admin.execute(sql.SQL("CREATE TABLE {} (id int)").format(ident(first, "by owner")))
    admin.execute("RESET ROLE")
    admin.execute(sql.SQL("CREATE VIEW {} AS SELECT 1 AS x").format(ident(second, "v'iew")))
    admin.execute(sql.SQL("CREATE MATERIALIZED VIEW {} AS SELECT 1").format(ident(second, "m v")))
    admin.execute(
        sql.SQL("CREATE TABLE {} (id int) PARTITION BY RANGE (id)").format(ident(second, "part"))
    )
    admin.execute(sql.SQL("CREATE SEQUENCE {}").format(ident(second, "se;q")))
    admin.execute(
        sql.SQL("GRANT SELECT ON ALL TABLES IN SCHEMA {} TO PUBLIC").format(ident(second))
    )
    return [group, member, outsider, owner, "postgres"]


@pytest.fixture
def names(admin: Conn, roles: Roles) -> list[str]:
    """The roles compared: a group, its member, an outsider, a table owner, the superuser."""
    return _build(admin, roles)


def test_the_grouped_matrix_is_the_whole_catalogs_matrix(
    names: list[str], gateway: Gateway, database: Database
) -> None:
    full = load(gateway, database)
    partial, groups = gateway.call(matrix_catalog(database))
    assert not partial.relations  # the 400,000 rows of a large catalog are not read
    schemas = [s.name for s in full.schemas if not s.is_system]
    assert set(SCHEMAS) <= set(schemas)
    for role in names:
        whole = privilege_matrix(full, [role], schemas, RoleGraph(full))
        grouped = privilege_matrix(partial, [role], schemas, RoleGraph(partial), groups)
        assert grouped == whole, role


@pytest.mark.parametrize("as_json", [False, True])
def test_privileges_prints_the_servers_own_counts(
    names: list[str], admin: Conn, db_dsn: str, capsys: pytest.CaptureFixture[str], as_json: bool
) -> None:
    capsys.readouterr()
    for role in names:
        argv = ["privileges", "--role", role, "--dsn", db_dsn, *(["--json"] if as_json else [])]
        assert main(argv) == 0
        out = capsys.readouterr().out
        for schema in SCHEMAS:
            for right in ("SELECT", "INSERT", "UPDATE", "DELETE"):
                args = {"role": role, "right": right, "schema": schema}
                row = admin.execute(ORACLE, args).fetchone()
                assert row is not None
                held, tables = int(str(row[0])), int(str(row[1]))
                if as_json:
                    cell = next(c for c in json.loads(out) if c["schema"] == schema)
                    assert (cell["coverage"][right], cell["tables"]) == (held, tables), role
                elif tables:
                    assert f"{right[:3]} {held}/{tables}" in _line(out, schema), (role, schema)


def _line(out: str, schema: str) -> str:
    # The terminal table escapes control characters; none of these schema names has one.
    return next(line for line in out.splitlines() if line.startswith(schema + " "))
