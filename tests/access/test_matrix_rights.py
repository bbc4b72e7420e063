"""The privilege matrix counts a role's table rights without ``_evaluate``'s reasons for a plain
role: the same rights as ``_evaluate`` says, for plain, NOINHERIT, superuser and predefined-role
holders, on tables of hostile names with rights through PUBLIC, memberships and ownership."""

from __future__ import annotations

import psycopg
from psycopg import sql

from schemadesk.core.access.effective import RoleGraph, _evaluate
from schemadesk.core.access.matrix import _TableRights
from schemadesk.core.access.models import DML_PRIVILEGES, Catalog
from tests.access.conftest import HOSTILE, Roles

Conn = psycopg.Connection[tuple[object, ...]]
ident = sql.Identifier


def test_table_rights_are_evaluates_for_every_kind_of_role(
    admin: Conn, roles: Roles, gateway: object, database: object
) -> None:
    from schemadesk.db.access import load_catalog

    owner = roles.create("own=/er")
    group = roles.create('gr"oup')
    member = roles.create("mem\nber", "NOLOGIN INHERIT")
    deaf = roles.create("no inherit", "NOLOGIN NOINHERIT")
    boss = roles.create("bo ss", "SUPERUSER")
    reader = roles.create("read er")
    for who in (member, deaf):
        admin.execute(sql.SQL("GRANT {} TO {}").format(ident(group), ident(who)))
    if admin.info.server_version >= 140000:  # the predefined data roles came with 14
        admin.execute(sql.SQL("GRANT pg_read_all_data TO {}").format(ident(reader)))
    admin.execute(
        sql.SQL("CREATE SCHEMA {} AUTHORIZATION {}").format(ident("s 日本"), ident(owner))
    )
    for i, name in enumerate(HOSTILE[:8]):
        table = ident("s 日本", name)
        admin.execute(sql.SQL("CREATE TABLE {} (id int)").format(table))
        admin.execute(sql.SQL("ALTER TABLE {} OWNER TO {}").format(table, ident(owner)))
        grant = ("SELECT, INSERT", "UPDATE", "DELETE", "ALL")[i % 4]
        to = (ident(group), sql.SQL("PUBLIC"), ident(deaf), ident(member))[i % 4]
        admin.execute(sql.SQL(f"GRANT {grant} ON {{}} TO {{}}").format(table, to))  # type: ignore[arg-type]
    catalog: Catalog = gateway.call(load_catalog(database))  # type: ignore[attr-defined]
    graph = RoleGraph(catalog)
    tables = [r for r in catalog.relations_in("s 日本") if r.privilege_kind == "table"]
    assert len(tables) == 8
    seen = set()
    for role in (owner, group, member, deaf, boss, reader, "postgres"):
        rights = _TableRights(graph, role)
        for t in tables:
            expected = tuple(
                ep.privilege
                for ep in _evaluate(
                    graph, role, kind="table", owner=t.owner, acl=t.acl, privileges=DML_PRIVILEGES
                )
                if ep.held
            )
            assert rights.held(t.owner, t.acl) == expected, (role, t.name)
            seen.add(expected)
    assert len(seen) >= 4  # none, some, all: the roles differ
