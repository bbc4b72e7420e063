"""Object details loaded from a real server: every kind, exactly as the catalog holds it."""

from __future__ import annotations

from typing import Any

import psycopg
import pytest
from psycopg import sql

from schemadesk.core.objects.models import (
    Domain,
    Function,
    MaterializedView,
    SchemaObjects,
    Sequence,
    Table,
    Type,
    View,
)
from schemadesk.db.database import Database
from schemadesk.db.gateway import Gateway
from schemadesk.db.objects import SchemaNotFound, load_schema_objects, queries_sent
from tests.objects.seed import TestRoles, seed

Conn = psycopg.Connection[Any]


def load(gateway: Gateway, database: Database, schema: str) -> SchemaObjects:
    return gateway.call(load_schema_objects(database.pool, schema))


def one(objects: SchemaObjects, name: str) -> Any:
    found = objects.named(name)
    assert len(found) == 1, [o.signature for o in found]
    return found[0]


def test_every_kind_with_its_details(
    admin: Conn, test_roles: TestRoles, gateway: Gateway, database: Database
) -> None:
    seed(admin, "shop", test_roles)
    objects = load(gateway, database, "shop")
    assert objects.owner == "postgres"
    assert [t.name for t in objects.tables] == [
        "customers", "orders", "orders_2024", "orders_rest", "scratch", "scratch_child",
    ]  # fmt: skip
    assert [v.name for v in objects.views] == ["big_customers"]
    assert [m.name for m in objects.materialized_views] == ["order_totals"]
    assert [s.name for s in objects.sequences] == [
        "counter", "customers_id_seq", "customers_serial_no_seq", "orders_id_seq",
    ]  # fmt: skip
    assert [f.signature for f in objects.functions] == [
        "add(a integer, b integer)",
        "add(a text, b text)",
        "reset_counter()",
        "total_of(integer)",
        "touch()",
    ]  # fmt: skip  (the range type's constructors are the type's, not listed)
    assert [t.name for t in objects.types] == ["mood", "pair", "span"]
    assert [d.name for d in objects.domains] == ["positive"]

    customers: Table = one(objects, "customers")
    cols = {c.name: c for c in customers.columns}
    assert (cols["id"].identity, cols["id"].nullable) == ("always", False)
    assert (cols["name"].collation, cols["name"].nullable) == (("pg_catalog", "C"), False)
    assert (cols["email"].comment, cols["email"].nullable) == ("unique, may be null", True)
    assert cols["score"].type == "shop.positive"
    assert [(i.grantee, i.privileges) for i in cols["email"].acl] == [
        (test_roles.member, frozenset({"UPDATE"}))
    ]
    assert cols["name"].acl == ()
    assert cols["mood"].default == "'ok'::shop.mood"
    assert cols["doubled"].generated == "stored"
    assert cols["doubled"].generated_expression == "(id * 2)"
    assert cols["doubled"].default is None
    assert cols["serial_no"].default == "nextval('shop.customers_serial_no_seq'::regclass)"
    assert [c.position for c in customers.columns] == list(range(1, 8))
    assert customers.comment == "who buys"
    assert (customers.rls_enabled, customers.rls_forced) == (True, True)
    assert {(c.name, c.kind) for c in customers.constraints} == {
        ("customers_pkey", "primary key"),
        ("customers_email_key", "unique"),
        ("name_not_empty", "check"),
    }
    by_index = {i.name: i for i in customers.indexes}
    assert by_index["customers_pkey"].primary
    assert by_index["customers_pkey"].constraint == "customers_pkey"
    assert by_index["customers_lower_name"].constraint is None
    assert "lower(name)" in by_index["customers_lower_name"].definition
    assert [t.name for t in customers.triggers] == ["customers_touch"]
    assert customers.triggers[0].state == "enabled"
    policies = {p.name: p for p in customers.policies}
    assert (policies["own_rows"].command, policies["own_rows"].permissive) == ("SELECT", False)
    assert policies["own_rows"].roles == (test_roles.reader, test_roles.team)
    assert policies["own_rows"].using == "(name = CURRENT_USER)"
    assert policies["insert_any"].roles == ("",)  # PUBLIC
    assert policies["insert_any"].with_check == "true"
    grantees = {item.grantee for item in customers.acl}
    assert {test_roles.reader, test_roles.team} <= grantees
    assert (customers.size_bytes or 0) > 0

    orders: Table = one(objects, "orders")
    assert orders.table_kind == "partitioned table"
    assert orders.partition_key == "RANGE (placed)"
    fk = next(c for c in orders.constraints if c.kind == "foreign key")
    assert "REFERENCES shop.customers(id) ON DELETE CASCADE" in fk.definition
    part: Table = one(objects, "orders_2024")
    assert part.partition_of == ("shop", "orders")
    assert part.partition_bound == "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')"
    assert all(not c.local for c in part.constraints)  # the parent's primary key
    assert [(i.name, i.inherited) for i in part.indexes] == [
        ("orders_2024_pkey", True), ("orders_2024_total_idx", True),
    ]  # fmt: skip
    assert "orders_2024_total_idx" not in part.ddl  # created by the parent's index
    assert one(objects, "orders_rest").partition_bound == "DEFAULT"
    scratch: Table = one(objects, "scratch")
    assert (scratch.unlogged, scratch.options) == (True, ("fillfactor=70",))
    child: Table = one(objects, "scratch_child")
    assert child.inherits == (("shop", "scratch"),)
    assert [c.inherited for c in child.columns] == [True, False]

    view: View = one(objects, "big_customers")
    assert view.options == ("security_barrier=true",)
    assert "id > 100" in view.definition  # qualified as customers.id before PostgreSQL 16
    assert [c.name for c in view.columns] == ["id", "name"]
    matview: MaterializedView = one(objects, "order_totals")
    assert not matview.populated
    assert [i.name for i in matview.indexes] == ["order_totals_customer"]

    counter: Sequence = one(objects, "counter")
    assert (counter.data_type, counter.start, counter.increment, counter.cache) == (
        "integer", 10, 5, 2,
    )  # fmt: skip
    assert (counter.cycle, counter.owned_by) == (True, None)
    identity: Sequence = one(objects, "customers_id_seq")
    assert (identity.identity, identity.owned_by, identity.ddl) == (True, ("customers", "id"), "")
    serial: Sequence = one(objects, "customers_serial_no_seq")
    assert (serial.owned_by, serial.identity) == (("customers", "serial_no"), False)

    add_text: Function = one(objects, "add(a text, b text)")
    assert (add_text.security_definer, add_text.volatility) == (True, "stable")
    assert (add_text.result, add_text.language) == ("text", "sql")
    assert all(not i.is_public for i in add_text.acl)  # EXECUTE revoked from PUBLIC
    assert len(objects.named("add")) == 2
    assert one(objects, "reset_counter").result is None
    aggregate: Function = one(objects, "total_of")
    assert (aggregate.function_kind, aggregate.definition) == ("aggregate", "")
    assert "CREATE OR REPLACE FUNCTION shop.touch()" in one(objects, "touch").ddl

    mood: Type = one(objects, "mood")
    assert mood.type_kind == "enum"
    assert mood.labels == ("sad", "ok", 'it\'s "great"')
    pair: Type = one(objects, "pair")
    assert [(a.name, a.type, a.collation) for a in pair.attributes] == [
        ("a", "integer", None), ("b", "text", ("pg_catalog", "C")),
    ]  # fmt: skip
    assert one(objects, "span").subtype == "numeric"
    positive: Domain = one(objects, "positive")
    assert (positive.base_type, positive.default, positive.nullable) == ("integer", "1", False)
    assert [(c.name, c.definition) for c in positive.constraints] == [
        ("positive_check", "CHECK (VALUE > 0)")
    ]


def test_a_fixed_number_of_queries_whatever_the_schema_holds(
    admin: Conn, gateway: Gateway, database: Database
) -> None:
    admin.execute("CREATE SCHEMA small; CREATE TABLE small.t (id int)")
    admin.execute("CREATE SCHEMA big")
    for i in range(40):
        admin.execute(sql.SQL("CREATE TABLE big.{} (id int PRIMARY KEY, n text)").format(
            sql.Identifier(f"t{i}")))  # fmt: skip
    before = queries_sent()
    assert len(load(gateway, database, "small").tables) == 1
    small = queries_sent() - before
    before = queries_sent()
    big = load(gateway, database, "big")
    assert len(big.tables) == 40
    assert all(t.indexes for t in big.tables)
    assert queries_sent() - before == small == 9


def test_objects_moved_in_from_another_schema_are_found(
    admin: Conn, gateway: Gateway, database: Database
) -> None:
    """The loader finds a schema's objects through their dependency on it: SET SCHEMA moves
    that dependency, so what moved in is listed and what moved out is not."""
    admin.execute(
        "CREATE SCHEMA a; CREATE SCHEMA b;"
        " CREATE TABLE a.t (id int); CREATE TABLE a.stays (id int);"
        " CREATE TYPE a.e AS ENUM ('x'); CREATE FUNCTION a.f() RETURNS int LANGUAGE sql"
        " AS 'SELECT 1'; CREATE SEQUENCE a.s; CREATE VIEW a.v AS SELECT 1 AS one;"
        " ALTER TABLE a.t SET SCHEMA b; ALTER TYPE a.e SET SCHEMA b;"
        " ALTER FUNCTION a.f() SET SCHEMA b; ALTER SEQUENCE a.s SET SCHEMA b;"
        " ALTER VIEW a.v SET SCHEMA b"
    )
    moved = load(gateway, database, "b")
    assert sorted(o.name for o in moved.objects()) == ["e", "f", "s", "t", "v"]
    assert [o.name for o in load(gateway, database, "a").objects()] == ["stays"]
    rows = admin.execute(
        "SELECT c.relname FROM pg_class c WHERE c.relnamespace = 'b'::regnamespace"
        " AND c.relkind IN ('r', 'v', 'S') ORDER BY 1"
    ).fetchall()
    assert [r[0] for r in rows] == sorted(o.name for o in moved.objects() if o.name in "stv")


def test_extension_objects_are_the_extensions(
    admin: Conn, gateway: Gateway, database: Database
) -> None:
    admin.execute("CREATE SCHEMA ext; CREATE EXTENSION pg_trgm SCHEMA ext;")
    admin.execute("CREATE TABLE ext.mine (id int)")
    found = load(gateway, database, "ext")
    assert [o.name for o in found.objects()] == ["mine"]


def test_a_missing_schema_is_said(gateway: Gateway, database: Database) -> None:
    with pytest.raises(SchemaNotFound) as caught:
        load(gateway, database, "no such schema")
    assert caught.value.schema == "no such schema"


def test_virtual_generated_columns(admin: Conn, gateway: Gateway, database: Database) -> None:
    if admin.info.server_version < 180000:
        pytest.skip("virtual generated columns exist from PostgreSQL 18")
    admin.execute(
        "CREATE SCHEMA g; CREATE TABLE g.t (a int, b int GENERATED ALWAYS AS (a + 1) VIRTUAL)"
    )
    column = load(gateway, database, "g").tables[0].columns[1]
    assert (column.generated, column.generated_expression) == ("virtual", "(a + 1)")
    assert "GENERATED ALWAYS AS ((a + 1)) VIRTUAL" in load(gateway, database, "g").tables[0].ddl
