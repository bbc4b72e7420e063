"""Loading the access catalog: hostile names come back exactly, every attribute is read, and
parts the login may not read are reported as "no access" instead of failing the load."""

from __future__ import annotations

import itertools
import math

import psycopg
from psycopg import sql

from schemadesk.core.access.acl import AclItem
from schemadesk.core.access.models import Membership, RoleSetting
from schemadesk.core.profiles import ConnectionProfile
from schemadesk.db.access import CatalogBuilder, fetch_catalog_rows, load_catalog, schema_sizes
from schemadesk.db.database import Database
from schemadesk.db.gateway import Gateway
from tests.access.conftest import HOSTILE, Roles, load

Conn = psycopg.Connection[tuple[object, ...]]


def test_hostile_names_are_listed_exactly(
    admin: Conn, roles: Roles, gateway: Gateway, database: Database
) -> None:
    role_names = [roles.create(h) for h in HOSTILE]
    for i, name in enumerate(HOSTILE):
        schema, owner = sql.Identifier(name), sql.Identifier(role_names[i])
        admin.execute(sql.SQL("CREATE SCHEMA {} AUTHORIZATION {}").format(schema, owner))
        for table in HOSTILE[:: 1 + i % 3]:
            admin.execute(
                sql.SQL("CREATE TABLE {} (id serial)").format(sql.Identifier(name, table))
            )
        admin.execute(
            sql.SQL("COMMENT ON SCHEMA {} IS {}").format(schema, sql.Literal(f"about {name}"))
        )
    catalog = load(gateway, database)
    assert {s.name for s in catalog.schemas} >= set(HOSTILE)
    for i, name in enumerate(HOSTILE):
        entry = catalog.schema(name)
        assert entry is not None
        assert entry.owner == role_names[i]
        assert entry.comment == f"about {name}"
        tables = {r.name for r in catalog.relations_in(name) if r.kind == "table"}
        assert tables == set(HOSTILE[:: 1 + i % 3])
        assert entry.tables == len(tables)
        assert entry.sequences == len(tables)  # one serial each
        assert all(r.owner == "postgres" for r in catalog.relations_in(name))
    assert {r.name for r in catalog.roles} >= set(role_names)
    assert catalog.role(roles.name("Mixed")) != catalog.role(roles.name("mixed"))


def test_role_attributes_settings_and_comments(
    admin: Conn, roles: Roles, gateway: Gateway, database: Database
) -> None:
    app = roles.create(
        "app", "LOGIN CREATEDB NOINHERIT CONNECTION LIMIT 7 VALID UNTIL '2031-01-02 03:04:05+00'"
    )
    boss = roles.create("boss", "SUPERUSER CREATEROLE REPLICATION BYPASSRLS")
    admin.execute(sql.SQL("COMMENT ON ROLE {} IS 'the app'").format(sql.Identifier(app)))
    admin.execute(sql.SQL("ALTER ROLE {} SET statement_timeout = '5s'").format(sql.Identifier(app)))
    admin.execute(
        sql.SQL("ALTER ROLE {} IN DATABASE {} SET statement_timeout = '7s'").format(
            sql.Identifier(app), sql.Identifier(admin.info.dbname)
        )
    )
    admin.execute(
        sql.SQL("ALTER ROLE {} IN DATABASE postgres SET work_mem = '8MB'").format(
            sql.Identifier(app)
        )
    )
    catalog = load(gateway, database)
    a, b = catalog.role(app), catalog.role(boss)
    assert a is not None
    assert b is not None
    assert (a.login, a.createdb, a.inherit, a.superuser, a.connection_limit) == (
        True,
        True,
        False,
        False,
        7,
    )
    assert a.valid_until is not None
    assert a.valid_until.year == 2031
    assert a.comment == "the app"
    assert set(a.settings) == {
        RoleSetting(None, "statement_timeout", "5s"),
        RoleSetting(admin.info.dbname, "statement_timeout", "7s"),
        RoleSetting("postgres", "work_mem", "8MB"),
    }
    assert a.setting("statement_timeout", admin.info.dbname) == "7s"
    assert a.setting("statement_timeout", "elsewhere") == "5s"
    assert (b.superuser, b.createrole, b.replication, b.bypassrls, b.login) == (
        True,
        True,
        True,
        True,
        False,
    )


def test_memberships_with_grantor_and_options(
    admin: Conn, roles: Roles, gateway: Gateway, database: Database, pg_server: object
) -> None:
    group, member, grantor = roles.create("group"), roles.create("member"), roles.create("gr")
    admin.execute(
        sql.SQL("GRANT {} TO {} WITH ADMIN OPTION").format(
            sql.Identifier(group), sql.Identifier(grantor)
        )
    )
    major = admin.info.server_version // 10000
    options = " WITH INHERIT FALSE, SET FALSE" if major >= 16 else ""
    admin.execute(
        sql.SQL("GRANT {} TO {}" + options + " GRANTED BY {}").format(  # type: ignore[operator]
            sql.Identifier(group), sql.Identifier(member), sql.Identifier(grantor)
        )
    )
    catalog = load(gateway, database)
    mine = {m for m in catalog.memberships if m.role == group}
    assert catalog.context.membership_options == (major >= 16)
    assert Membership(group, grantor, "postgres", True, True, True) in mine
    expected = (
        Membership(group, member, grantor, False, False, False)
        if major >= 16
        else Membership(group, member, grantor, False, True, True)
    )
    assert expected in mine


def test_privileges_on_objects_and_default_privileges(
    admin: Conn, roles: Roles, gateway: Gateway, database: Database
) -> None:
    owner, reader, granter = roles.create("own"), roles.create("read"), roles.create('g"r')
    o, r, g = (sql.Identifier(x) for x in (owner, reader, granter))
    admin.execute(sql.SQL("CREATE SCHEMA {} AUTHORIZATION {}").format(sql.Identifier("s p"), o))
    admin.execute(sql.SQL("SET ROLE {}").format(o))
    admin.execute('CREATE TABLE "s p"."t 1" (id int)')
    admin.execute('CREATE SEQUENCE "s p".seq')
    admin.execute(
        'CREATE FUNCTION "s p".f(a int, "b c" text) RETURNS int LANGUAGE sql AS $$ SELECT 1 $$'
    )
    admin.execute(sql.SQL('GRANT SELECT ON "s p"."t 1" TO {} WITH GRANT OPTION').format(g))
    admin.execute(sql.SQL('GRANT USAGE ON SCHEMA "s p" TO {}').format(g))
    admin.execute(sql.SQL('REVOKE EXECUTE ON FUNCTION "s p".f(int, text) FROM PUBLIC'))
    admin.execute("RESET ROLE")
    admin.execute(sql.SQL("SET ROLE {}").format(g))
    admin.execute(sql.SQL('GRANT SELECT ON "s p"."t 1" TO {}').format(r))
    admin.execute("RESET ROLE")
    admin.execute(
        sql.SQL(
            'ALTER DEFAULT PRIVILEGES FOR ROLE {} IN SCHEMA "s p" '
            "GRANT SELECT, UPDATE ON TABLES TO {}"
        ).format(o, r)
    )
    admin.execute(
        sql.SQL("ALTER DEFAULT PRIVILEGES FOR ROLE {} GRANT USAGE ON SEQUENCES TO {}").format(o, r)
    )
    catalog = load(gateway, database)
    table = catalog.relation("s p", "t 1")
    assert table is not None
    assert table.kind == "table"
    assert not table.acl_is_default
    assert AclItem(reader, granter, frozenset({"SELECT"})) in table.acl
    assert AclItem(granter, owner, frozenset({"SELECT"}), frozenset({"SELECT"})) in table.acl
    seq = catalog.relation("s p", "seq")
    assert seq is not None
    assert seq.kind == "sequence"
    assert seq.acl_is_default
    assert seq.acl == (AclItem(owner, owner, frozenset({"USAGE", "SELECT", "UPDATE"})),)
    (fn,) = catalog.functions_in("s p")
    assert (fn.name, fn.arguments, fn.kind, fn.owner) == (
        "f",
        'a integer, "b c" text',
        "function",
        owner,
    )
    assert all(not i.is_public for i in fn.acl)
    defaults = {(d.for_role, d.schema, d.object_type): d.acl for d in catalog.default_privileges}
    assert defaults[(owner, "s p", "tables")] == (
        AclItem(reader, owner, frozenset({"SELECT", "UPDATE"})),
    )
    assert AclItem(reader, owner, frozenset({"USAGE"})) in defaults[(owner, None, "sequences")]


def test_parts_the_login_cannot_read_show_as_no_access(
    admin: Conn, roles: Roles, gateway: Gateway, db_dsn: str
) -> None:
    login = roles.create("login", "LOGIN")
    admin.execute("CREATE SCHEMA hidden")
    admin.execute("CREATE TABLE hidden.t (id int)")
    # pg_default_acl is per database: hiding it here touches no other test.
    admin.execute("REVOKE SELECT ON pg_catalog.pg_default_acl FROM PUBLIC")
    conninfo = psycopg.conninfo.make_conninfo(db_dsn, user=login)
    database = gateway.open(ConnectionProfile(name="limited", conninfo=conninfo)).result()
    catalog = gateway.call(load_catalog(database))
    assert not catalog.is_available("default_privileges")
    assert [u.part for u in catalog.unavailable] == ["default_privileges"]
    assert "no access" in catalog.unavailable[0].reason
    hidden = catalog.schema("hidden")
    assert hidden is not None
    assert not hidden.usable
    assert catalog.relation("hidden", "t") is not None
    assert catalog.roles
    assert catalog.schemas


def test_schema_sizes_estimated_and_exact(
    admin: Conn, gateway: Gateway, database: Database
) -> None:
    admin.execute('CREATE SCHEMA "big one"')
    admin.execute(
        "CREATE TABLE \"big one\".t AS SELECT g AS id, repeat('x', 500) AS note "
        "FROM generate_series(1, 5000) g"
    )
    admin.execute('CREATE INDEX ON "big one".t (id)')
    admin.execute('ANALYZE "big one".t')
    exact = gateway.call(schema_sizes(database, ["big one", "public"]))
    row = admin.execute(
        "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c "
        "WHERE c.relnamespace = '\"big one\"'::regnamespace AND c.relkind = 'r'"
    ).fetchone()
    assert row is not None
    assert exact == {"big one": row[0], "public": 0}
    entry = load(gateway, database).schema("big one")
    assert entry is not None
    # The estimate counts the pages of tables and indexes (not TOAST, free space and
    # visibility maps: rows of 500 bytes stay inline).
    assert 0.8 * exact["big one"] <= entry.size_bytes <= exact["big one"]


def test_catalog_built_in_slices_equals_the_catalog_built_at_once(
    admin: Conn, roles: Roles, gateway: Gateway, database: Database
) -> None:
    """The window builds the catalog a few hundred rows per step; it must see the same catalog
    as the command line, settings merged into their roles included, even when a build is
    abandoned halfway (a refresh) and started again."""
    app = roles.create("sliced", "LOGIN")
    admin.execute(sql.SQL("ALTER ROLE {} SET work_mem = '9MB'").format(sql.Identifier(app)))
    admin.execute("CREATE SCHEMA sliced")
    for i in range(CatalogBuilder.STEP_ROWS + 7):  # more than one step of relations
        admin.execute(sql.SQL("CREATE TABLE sliced.{} (id int)").format(sql.Identifier(f"t{i}")))
    at_once = gateway.call(load_catalog(database))
    rows = gateway.call(fetch_catalog_rows(database))
    builder = CatalogBuilder(rows)
    abandoned = builder.steps()
    next(abandoned)
    next(abandoned)
    abandoned.close()
    made = [builder.made for _ in builder.steps()]
    per_step = CatalogBuilder.STEP_ROWS
    # No step makes more than its share of models, and the relations took several steps
    # although the server sent them as one row (one schema, kind, owner and ACL).
    assert max(b - a for a, b in itertools.pairwise([0, *made])) <= per_step
    relations = sum(len(row[5]) for row in rows.rows["relations"])
    assert builder.made >= relations > per_step > len(rows.rows["relations"])
    assert len(made) >= math.ceil(builder.made / per_step)
    sliced = builder.build()
    assert sliced == at_once
    assert len(sliced.relations_in("sliced")) == CatalogBuilder.STEP_ROWS + 7
    role = sliced.role(app)
    assert role is not None
    assert [(s.name, s.value) for s in role.settings] == [("work_mem", "9MB")]
