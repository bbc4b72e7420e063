"""Relations arrive grouped (one row per schema, kind, owner and ACL, with the names that share
them): each relation must still come back with its own owner, ACL and, for a sequence, its own
table, whatever the names hold, and a tenant catalog must arrive in rows per schema, not per
table (at 10,000 schemas: 20,000 rows instead of 400,000, which a person feels as seconds)."""

from __future__ import annotations

import psycopg
from psycopg import sql

from schemadesk.db.access import CatalogBuilder, fetch_catalog_rows
from schemadesk.db.database import Database
from schemadesk.db.gateway import Gateway
from tests.access.conftest import HOSTILE, Roles

Conn = psycopg.Connection[tuple[object, ...]]


def test_each_relation_keeps_its_owner_acl_and_table(
    admin: Conn, roles: Roles, gateway: Gateway, database: Database
) -> None:
    other, reader = roles.create("other"), roles.create("reader")
    names = ["NULL", 'q"u,o{t}e', *HOSTILE[:4], "plain"]  # array literal specials
    s = sql.Identifier("grouped")
    admin.execute(sql.SQL("CREATE SCHEMA {}").format(s))
    for name in names:
        table = sql.Identifier("grouped", name)
        admin.execute(sql.SQL("CREATE TABLE {} (id serial, k int GENERATED ALWAYS AS IDENTITY)")
                      .format(table))  # fmt: skip
    # One table of another owner, one with a grant: each its own group.
    admin.execute(sql.SQL("ALTER TABLE grouped.plain OWNER TO {}").format(sql.Identifier(other)))
    admin.execute(
        sql.SQL("GRANT SELECT ON {} TO {}").format(
            sql.Identifier("grouped", "NULL"), sql.Identifier(reader)
        )
    )
    rows = gateway.call(fetch_catalog_rows(database, ("relations",)))
    catalog = CatalogBuilder(rows).build()
    tables = {r.name: r for r in catalog.relations_in("grouped") if r.kind == "table"}
    assert set(tables) == set(names)
    assert tables["plain"].owner == other
    assert {r.owner for n, r in tables.items() if n != "plain"} == {"postgres"}
    assert any(i.grantee == reader for i in tables["NULL"].acl)
    assert not any(i.grantee == reader for n, r in tables.items() if n != "NULL" for i in r.acl)
    # Every sequence (a serial and an identity per table) names its own table.
    sequences = [r for r in catalog.relations_in("grouped") if r.kind == "sequence"]
    assert len(sequences) == 2 * len(names)
    for seq in sequences:
        table = catalog.relation("grouped", seq.owned_by or "")
        assert table is not None
        assert seq.name.startswith(table.name[:20])
        assert seq.owner == table.owner  # a sequence follows its table's owner
    grouped = [row for row in rows.rows["relations"] if row[0] == "grouped"]
    # tables of postgres (one ACL), the granted one, the other owner's, and the sequences of
    # each owner: far fewer rows than relations.
    assert len(grouped) <= 5 < len(names) * 3


def test_a_tenant_catalog_arrives_in_rows_per_schema(
    admin: Conn, gateway: Gateway, database: Database
) -> None:
    statements = []
    for i in range(60):
        s = sql.Identifier(f"tenant_{i:03d}")
        statements.append(sql.SQL("CREATE SCHEMA {}").format(s))
        for t in ("a", "b", "c"):
            statements.append(
                sql.SQL("CREATE TABLE {} (id bigint GENERATED ALWAYS AS IDENTITY)").format(
                    sql.Identifier(f"tenant_{i:03d}", t)
                )
            )
    with admin.transaction():
        admin.execute(sql.SQL(";\n").join(statements))
    rows = gateway.call(fetch_catalog_rows(database, ("relations",)))
    tenant_rows = [row for row in rows.rows["relations"] if row[0].startswith("tenant_")]
    assert len(tenant_rows) == 60 * 2  # tables, sequences: two rows a schema, not six
    catalog = CatalogBuilder(rows).build()
    assert len(catalog.relations_in("tenant_007")) == 6


def test_a_schemas_relations_come_in_the_same_order_every_load(
    admin: Conn, gateway: Gateway, database: Database
) -> None:
    """``check`` prints a schema's objects in the order the catalog holds them: names made in
    any order come back sorted within their group (kind, owner, ACL), the same on every load,
    each sequence beside its own table's name."""
    s = sql.Identifier("ordered")
    admin.execute(sql.SQL("CREATE SCHEMA {}").format(s))
    names = ["m", "b", "z", "a", "q", "c"]
    for name in names:
        admin.execute(
            sql.SQL("CREATE TABLE {} (id serial)").format(sql.Identifier("ordered", name))
        )
    admin.execute("VACUUM FULL pg_catalog.pg_class")  # the heap order is not the name order
    loads = [
        CatalogBuilder(gateway.call(fetch_catalog_rows(database, ("relations",)))).build()
        for _ in range(2)
    ]
    listed = [[(r.kind, r.name, r.owned_by) for r in c.relations_in("ordered")] for c in loads]
    assert listed[0] == listed[1]
    assert [n for k, n, _ in listed[0] if k == "table"] == sorted(names)
    sequences = [(n, t) for k, n, t in listed[0] if k == "sequence"]
    assert sequences == [(f"{t}_id_seq", t) for t in sorted(names)]
