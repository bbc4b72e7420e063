"""The catalog stays compact (issue 25: the window's memory at 10,000 tenant schemas), counted in
objects, never in RSS: every model is slotted (no dict per relation, role or ACL item), the
texts of rows are one object per distinct name from the moment they arrive (a tenant catalog
repeats the same table names thousands of times; copies kept until the build left 60 MiB of
Python's arenas free but unreturnable), and hostile names survive it unchanged."""

from __future__ import annotations

from collections import deque

import psycopg
from psycopg import sql

from schemadesk.core.access import models
from schemadesk.core.access.acl import AclItem
from schemadesk.db.access import CatalogBuilder, fetch_catalog_rows
from schemadesk.db.database import Database
from schemadesk.db.gateway import Gateway
from tests.access.conftest import HOSTILE

Conn = psycopg.Connection[tuple[object, ...]]
TENANTS = ("tenant_a", "tenant_b", "tenant_c")
TABLES = ("orders", "lines", HOSTILE[0])


def _tenants(admin: Conn) -> None:
    for schema in TENANTS:
        admin.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
        for table in TABLES:
            admin.execute(
                sql.SQL("CREATE TABLE {} (id bigint GENERATED ALWAYS AS IDENTITY)").format(
                    sql.Identifier(schema, table)
                )
            )


def test_every_catalog_model_is_slotted() -> None:
    for model in (
        models.Relation,
        models.Role,
        models.Schema,
        models.Membership,
        models.Function,
        models.DefaultPrivilege,
        models.RoleSetting,
        AclItem,
    ):
        assert "__slots__" in vars(model), model
    relation = models.Relation("s", "t", "table", "o", (), True)
    assert not hasattr(relation, "__dict__")  # 400,000 of them at 10,000 schemas


def test_the_rows_names_are_one_object_per_name_as_they_arrive(
    admin: Conn, gateway: Gateway, database: Database
) -> None:
    _tenants(admin)
    rows = gateway.call(fetch_catalog_rows(database, ("relations",)))
    names: dict[str, list[str]] = {}
    for row in rows.rows["relations"]:
        if row[0] in TENANTS:
            for name in (*row[5], *(row[6] or ())):
                names.setdefault(name, []).append(name)
    assert set(TABLES) <= set(names)
    for name, copies in names.items():
        assert len(copies) >= len(TENANTS)  # each tenant has it
        assert all(c is copies[0] for c in copies), name  # one string, not one per schema


def test_the_models_share_their_names_and_keep_hostile_ones_whole(
    admin: Conn, gateway: Gateway, database: Database
) -> None:
    _tenants(admin)
    catalog = CatalogBuilder(gateway.call(fetch_catalog_rows(database))).build()
    by_schema = [{r.name: r for r in catalog.relations_in(s)} for s in TENANTS]
    assert set(TABLES) <= set(by_schema[0])
    for table in TABLES:
        first = by_schema[0][table]
        for other in by_schema[1:]:
            assert other[table].name is first.name
            assert other[table].owner is first.owner
    hostile = by_schema[2][HOSTILE[0]]
    assert hostile.name == HOSTILE[0]  # interned, not changed
    sequence = next(r for r in by_schema[2].values() if r.owned_by == HOSTILE[0])
    assert catalog.relation("tenant_c", sequence.owned_by or "") is hostile


def test_the_acl_caches_are_let_go_in_steps_and_parse_alike_after() -> None:
    from schemadesk.core.access.acl import forgetting_parsed, parse_acl_array, parsed

    deque(forgetting_parsed(), maxlen=0)
    texts = [f"{{a{i}=r/b,c=arw/b}}" for i in range(5)]
    before = [parse_acl_array(t) for t in texts]
    assert parsed() == 5 + 5 + 1  # five arrays, five first items, one item shared by all
    steps = sum(1 for _ in forgetting_parsed(per_step=2))
    assert steps >= 11 / 2  # never more than two entries a step
    assert parsed() == 0
    again = [parse_acl_array(t) for t in texts]
    assert again == before  # the same items, parsed anew
