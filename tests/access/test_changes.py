"""Change sets: every generated statement runs on hostile names and does what it says, nothing
can break out of an identifier or a value, and a change set that fails half-way changes nothing."""

from __future__ import annotations

import dataclasses

import psycopg
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from psycopg import sql

from schemadesk.core.access import changes as ch
from schemadesk.core.access.acl import PUBLIC, AclItem, parse_acl, parse_acl_array
from schemadesk.core.access.guards import ChangeSetReason as Why
from schemadesk.core.access.models import Catalog, CatalogContext, Relation, Role, Schema
from schemadesk.db.access import apply_change_set
from schemadesk.db.database import Database
from schemadesk.db.gateway import Gateway
from tests.access.conftest import HOSTILE, Roles, has, load

Conn = psycopg.Connection[tuple[object, ...]]


def test_every_statement_runs_on_hostile_names_and_does_what_it_says(
    admin: Conn, roles: Roles, gateway: Gateway, database: Database
) -> None:
    owners = {h: roles.create("o " + h) for h in HOSTILE}
    grantees = {h: roles.name("g " + h) for h in HOSTILE}
    for h in HOSTILE:
        admin.execute(
            sql.SQL("CREATE SCHEMA {} AUTHORIZATION {}").format(
                sql.Identifier(h), sql.Identifier(owners[h])
            )
        )
        admin.execute(sql.SQL("SET ROLE {}").format(sql.Identifier(owners[h])))
        for t in (h, "plain"):
            admin.execute(sql.SQL("CREATE TABLE {} (id serial)").format(sql.Identifier(h, t)))
        admin.execute(
            sql.SQL("CREATE FUNCTION {}() RETURNS int LANGUAGE sql AS 'SELECT 1'").format(
                sql.Identifier(h, h)
            )
        )
        admin.execute("RESET ROLE")
    catalog = load(gateway, database)
    dbname = admin.info.dbname
    grant = ch.ChangeSet.combine(
        "everything",
        (
            part
            for h in HOSTILE
            for part in (
                ch.create_role(grantees[h], login=True),
                ch.grant_privileges(
                    _with_role(catalog, grantees[h]),
                    grantees[h],
                    h,
                    ["USAGE", "CREATE"],
                    with_grant_option=True,
                ),
                ch.grant_privileges(catalog, grantees[h], h, ["SELECT", "UPDATE"], on="tables"),
                ch.grant_privileges(catalog, grantees[h], h, ["DELETE"], on="tables", objects=[h]),
                ch.grant_privileges(catalog, grantees[h], h, ["USAGE"], on="sequences"),
                ch.grant_privileges(catalog, grantees[h], h, ["EXECUTE"], on="functions"),
                ch.grant_default_privileges(
                    catalog,
                    for_role=owners[h],
                    schema=h,
                    object_type="tables",
                    grantee=grantees[h],
                    privileges=["SELECT", "INSERT"],
                ),
                ch.grant_membership(catalog, owners[h], grantees[h]),
                ch.set_role_setting(catalog, grantees[h], "statement_timeout", "5s"),
                ch.set_role_setting(catalog, grantees[h], "work_mem", "8MB", database=dbname),
            )
        ),
    )
    for h in HOSTILE:
        roles.track(grantees[h])
    result = gateway.call(apply_change_set(database, grant))
    assert result.verified, result.unmet
    for h in HOSTILE:
        g = grantees[h]
        assert has(
            admin, "SELECT has_schema_privilege(%s, %s, 'USAGE, CREATE WITH GRANT OPTION')", g, h
        )
        table = sql.Identifier(h, h).as_string(admin)
        assert has(admin, "SELECT has_table_privilege(%s, %s, 'SELECT, UPDATE, DELETE')", g, table)
        rel = result.catalog.relation(h, h)
        assert rel is not None
        mine = [i for i in rel.acl if i.grantee == g]
        assert [i.privileges for i in mine] == [frozenset({"SELECT", "UPDATE", "DELETE"})]
        assert has(admin, "SELECT pg_has_role(%s, %s, 'MEMBER')", g, owners[h])
        role = result.catalog.role(g)
        assert role is not None
        assert role.login
        assert role.setting("statement_timeout", dbname) == "5s"
        assert role.setting("work_mem", dbname) == "8MB"

    # Rights held directly are as easy to take back.
    catalog = result.catalog
    revoke = ch.ChangeSet.combine(
        "take it back",
        (
            part
            for h in HOSTILE
            for part in (
                ch.revoke_privileges(catalog, grantees[h], h, ["ALL"]),
                ch.revoke_privileges(catalog, grantees[h], h, ["ALL"], on="tables"),
                ch.revoke_privileges(catalog, grantees[h], h, ["ALL"], on="sequences"),
                ch.revoke_privileges(catalog, grantees[h], h, ["ALL"], on="functions"),
                ch.revoke_default_privileges(
                    catalog,
                    for_role=owners[h],
                    schema=h,
                    object_type="tables",
                    grantee=grantees[h],
                    privileges=["ALL"],
                ),
                ch.revoke_membership(catalog, owners[h], grantees[h]),
                ch.set_role_setting(catalog, grantees[h], "statement_timeout", None),
            )
        ),
    )
    result = gateway.call(apply_change_set(database, revoke))
    assert result.verified, result.unmet
    for h in HOSTILE:
        g = grantees[h]
        assert not has(admin, "SELECT has_schema_privilege(%s, %s, 'USAGE')", g, h)
        table = sql.Identifier(h, h).as_string(admin)
        assert not has(admin, "SELECT has_table_privilege(%s, %s, 'SELECT')", g, table)
        assert not has(admin, "SELECT pg_has_role(%s, %s, 'MEMBER')", g, owners[h])
    # Nothing left to do: the same requests now give empty change sets.
    catalog = result.catalog
    assert ch.revoke_privileges(catalog, grantees[HOSTILE[0]], HOSTILE[0], ["ALL"]).empty
    assert ch.grant_privileges(catalog, owners[HOSTILE[0]], HOSTILE[0], ["USAGE"]).empty


def _with_role(catalog: Catalog, name: str) -> Catalog:
    role = Role(name, 0, False, False, False, False, True, False, False, -1, None)
    return dataclasses.replace(catalog, roles=(*catalog.roles, role))


def test_revoke_removes_grants_made_by_other_grantors(
    admin: Conn, roles: Roles, gateway: Gateway, database: Database
) -> None:
    owner, middle, target = roles.create("owner"), roles.create("mid dle"), roles.create("tar;get")
    admin.execute(sql.SQL("CREATE SCHEMA s AUTHORIZATION {}").format(sql.Identifier(owner)))
    admin.execute(
        sql.SQL("GRANT USAGE ON SCHEMA s TO {} WITH GRANT OPTION").format(sql.Identifier(middle))
    )
    admin.execute(sql.SQL("SET ROLE {}").format(sql.Identifier(middle)))
    admin.execute(sql.SQL("GRANT USAGE ON SCHEMA s TO {}").format(sql.Identifier(target)))
    admin.execute("RESET ROLE")
    catalog = load(gateway, database)
    change = ch.revoke_privileges(catalog, target, "s", ["USAGE"])
    assert "SET ROLE" in change.render()
    result = gateway.call(apply_change_set(database, change))
    assert result.verified, result.unmet
    assert not has(admin, "SELECT has_schema_privilege(%s, 's', 'USAGE')", target)


def test_grants_group_objects_that_need_the_same_rights(
    admin: Conn, roles: Roles, gateway: Gateway, database: Database
) -> None:
    app = roles.create("app")
    admin.execute("CREATE SCHEMA s")
    for t in ("a", "b", "c", "d"):
        admin.execute(f"CREATE TABLE s.{t} (id int)")
    admin.execute(sql.SQL("GRANT SELECT ON s.a TO {}").format(sql.Identifier(app)))
    catalog = load(gateway, database)
    change = ch.grant_privileges(catalog, app, "s", ["SELECT", "INSERT"], on="tables")
    text = change.render()
    assert text.count("GRANT") == 2
    assert 'GRANT INSERT ON TABLE "s"."a" TO' in text
    assert 'GRANT SELECT, INSERT ON TABLE "s"."b", "s"."c", "s"."d" TO' in text
    fresh = ch.grant_privileges(catalog, app, "s", ["UPDATE"], on="tables")
    assert fresh.render().startswith('GRANT UPDATE ON ALL TABLES IN SCHEMA "s" TO')
    exact = ch.plan_privileges(catalog, app, "s", ["INSERT"], on="tables", objects=["a"])
    assert exact.render() == (
        f'GRANT INSERT ON TABLE "s"."a" TO {sql.Identifier(app).as_string(None)};\n'
        f'REVOKE SELECT ON TABLE "s"."a" FROM {sql.Identifier(app).as_string(None)};\n'
    )
    with pytest.raises(ch.ChangeSetError) as wrong:
        ch.grant_privileges(catalog, app, "s", ["EXECUTE"], on="tables")
    assert (wrong.value.reason, wrong.value.names) == (
        Why.NOT_A_PRIVILEGE,
        ("EXECUTE",),
    )
    with pytest.raises(ch.ChangeSetError) as missing:
        ch.grant_privileges(catalog, app, "s", ["SELECT"], on="tables", objects=["zz"])
    assert (missing.value.reason, missing.value.names) == (
        Why.MISSING_OBJECT,
        ("s", "zz"),
    )


# --------------------------------------------------------------------------- property test

identifier = st.one_of(
    st.sampled_from(
        [*HOSTILE, "PUBLIC", "ALL", "user", "current_user", "'; DROP TABLE canary; --", '";--']
    ),
    st.text(
        st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
        min_size=1,
        max_size=24,
    ),
).filter(
    lambda s: (
        len(s.encode()) <= 63
        and not s.lower().startswith("pg_")
        and s.lower() not in ("public", "none", "information_schema")
    )
)
values = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40
)


def _synthetic(owner: str, schema: str, table: str, version: int, database: str) -> Catalog:
    ctx = CatalogContext(version, database, "postgres", "postgres", True, version >= 160000)
    acl = (AclItem(owner, owner, frozenset({"USAGE", "CREATE"})),)
    return Catalog(
        ctx,
        schemas=(Schema(schema, owner, 1, 0, 0, 0, 0, None, acl, True, True),),
        relations=(
            Relation(
                schema,
                table,
                "table",
                owner,
                (AclItem(owner, owner, frozenset({"SELECT", "INSERT"})),),
                True,
            ),
        ),
    )


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(owner=identifier, grantee=identifier, schema=identifier, table=identifier, value=values)
def test_no_statement_can_be_broken_out_of(  # noqa: PLR0917
    admin: Conn, owner: str, grantee: str, schema: str, table: str, value: str
) -> None:
    assume(owner != grantee)
    known = {r[0] for r in admin.execute("SELECT rolname FROM pg_roles").fetchall()}
    assume(owner not in known and grantee not in known)
    admin.execute("CREATE TABLE IF NOT EXISTS public.canary (id int)")
    version = admin.info.server_version
    with admin.transaction(force_rollback=True):
        catalog = _synthetic(owner, schema, table, version, admin.info.dbname)
        change = ch.ChangeSet.combine(
            "all kinds",
            [
                ch.create_role(owner),
                ch.create_role(grantee, login=True),
                ch.create_schema(schema, owner),
            ],
        )
        for st_ in change.statements:
            admin.execute(st_.sql)
        admin.execute(sql.SQL("CREATE TABLE {} (id int)").format(sql.Identifier(schema, table)))
        admin.execute(
            sql.SQL("ALTER TABLE {} OWNER TO {}").format(
                sql.Identifier(schema, table), sql.Identifier(owner)
            )
        )
        catalog = _with_role(_with_role(catalog, owner), grantee)
        follow = ch.ChangeSet.combine(
            "grants",
            [
                ch.grant_privileges(catalog, grantee, schema, ["USAGE"], with_grant_option=True),
                ch.grant_privileges(catalog, grantee, schema, ["SELECT"], on="tables"),
                ch.grant_default_privileges(
                    catalog,
                    for_role=owner,
                    schema=schema,
                    object_type="tables",
                    grantee=grantee,
                    privileges=["SELECT"],
                ),
                ch.grant_membership(catalog, owner, grantee),
                ch.set_role_setting(catalog, grantee, "schemadesk.note", value),
                ch.revoke_privileges(catalog, PUBLIC, schema, ["USAGE"]),
                ch.grant_privileges(
                    catalog, grantee, admin.info.dbname, ["TEMPORARY"], on="database"
                ),
            ],
        )
        rel = catalog.relation(schema, table)
        assert rel is not None
        follow = follow + ch.set_object_owner(rel, grantee)
        for st_ in follow.statements:
            admin.execute(st_.sql)
        new_roles = admin.execute(
            "SELECT rolname FROM pg_roles WHERE rolname <> ALL(%s)", [list(known)]
        ).fetchall()
        assert {r[0] for r in new_roles} == {owner, grantee}
        row = admin.execute(
            "SELECT pg_get_userbyid(nspowner), nspacl::text[] FROM pg_namespace WHERE nspname = %s",
            [schema],
        ).fetchone()
        assert row is not None
        assert row[0] == owner
        assert AclItem(grantee, owner, frozenset({"USAGE"}), frozenset({"USAGE"})) in parse_acl(
            row[1]  # type: ignore[arg-type]
        )
        assert has(
            admin,
            "SELECT has_table_privilege(%s, %s, 'SELECT')",
            grantee,
            sql.Identifier(schema, table).as_string(admin),
        )
        assert has(admin, "SELECT pg_has_role(%s, %s, 'MEMBER')", grantee, owner)
        row = admin.execute(
            "SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = %s::regclass",
            [sql.Identifier(schema, table).as_string(admin)],
        ).fetchone()
        assert row == (grantee,)
        row = admin.execute(
            "SELECT datacl::text FROM pg_database WHERE datname = current_database()"
        ).fetchone()
        assert row is not None
        assert any(i.grantee == grantee for i in parse_acl_array(row[0]))  # type: ignore[arg-type]
        setting = admin.execute(
            "SELECT s.setconfig FROM pg_db_role_setting s JOIN pg_roles r ON r.oid = s.setrole "
            "WHERE r.rolname = %s",
            [grantee],
        ).fetchone()
        assert setting is not None
        assert setting[0] == [f"schemadesk.note={value}"]
        defaults = admin.execute(
            "SELECT count(*) FROM pg_default_acl d "
            "JOIN pg_namespace n ON n.oid = d.defaclnamespace "
            "WHERE n.nspname = %s AND pg_get_userbyid(d.defaclrole) = %s",
            [schema, owner],
        ).fetchone()
        assert defaults == (1,)
        assert has(admin, "SELECT to_regclass('public.canary') IS NOT NULL")


def test_membership_options_by_server_version(
    admin: Conn, roles: Roles, gateway: Gateway, database: Database
) -> None:
    group, member = roles.create("gr oup"), roles.create("mem;ber")
    admin.execute(sql.SQL("CREATE SCHEMA s AUTHORIZATION {}").format(sql.Identifier(group)))
    catalog = load(gateway, database)
    if not catalog.context.membership_options:
        with pytest.raises(ch.ChangeSetError) as older:
            ch.grant_membership(catalog, group, member, inherit=False)
        assert older.value.reason is Why.NEEDS_NEWER_SERVER
        change = ch.grant_membership(catalog, group, member, admin=True)
        assert change.render().endswith("WITH ADMIN OPTION;\n")
        result = gateway.call(apply_change_set(database, change))
        assert result.verified, result.unmet
        return
    change = ch.grant_membership(catalog, group, member, inherit=False, set_option=False)
    assert change.render().endswith("WITH INHERIT FALSE, SET FALSE;\n")
    result = gateway.call(apply_change_set(database, change))
    assert result.verified, result.unmet
    assert not has(admin, "SELECT pg_has_role(%s, %s, 'USAGE')", member, group)
    assert not has(admin, "SELECT pg_has_role(%s, %s, 'SET')", member, group)
    assert has(admin, "SELECT pg_has_role(%s, %s, 'MEMBER')", member, group)
    # Asking again with other options changes the existing grant.
    change = ch.grant_membership(result.catalog, group, member, inherit=True, set_option=True)
    result = gateway.call(apply_change_set(database, change))
    assert result.verified, result.unmet
    assert has(admin, "SELECT pg_has_role(%s, %s, 'USAGE')", member, group)
    assert ch.grant_membership(result.catalog, group, member, inherit=True).empty
