"""``load_catalog`` builds each part as its rows arrive (issue 25: the full model's time beside
psql's): the catalog it gives is the one the window builds from the same rows in slices, model
for model and lookup for lookup, whatever the batches the rows came in; relations made without
the dataclass's ``__init__`` are as frozen and as equal as ``Relation(...)``; and the rows the
window keeps (the relations without their sequences' tables) share one string per name."""

from __future__ import annotations

import dataclasses

import psycopg
import pytest
from psycopg import sql

from schemadesk.core.access.models import Catalog, Relation
from schemadesk.db.access import CatalogBuilder, fetch_catalog_rows, load_catalog, reads
from schemadesk.db.access.row_models import relations
from schemadesk.db.access.rows import Built
from schemadesk.db.database import Database
from schemadesk.db.gateway import Gateway
from tests.access.conftest import HOSTILE, Roles

Conn = psycopg.Connection[tuple[object, ...]]
SCHEMAS = ("tenant_a", HOSTILE[1], HOSTILE[9])
TABLES = ("orders", HOSTILE[2], HOSTILE[5])


def _tenants(admin: Conn, roles: Roles) -> str:
    reader = roles.create("reader")
    for schema in SCHEMAS:
        admin.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
        for table in TABLES:
            name = sql.Identifier(schema, table)
            admin.execute(
                sql.SQL("CREATE TABLE {} (id bigint GENERATED ALWAYS AS IDENTITY)").format(name)
            )
        admin.execute(
            sql.SQL("GRANT SELECT ON {} TO {}").format(
                sql.Identifier(schema, TABLES[1]), sql.Identifier(reader)
            )
        )
        admin.execute(
            sql.SQL("ALTER DEFAULT PRIVILEGES IN SCHEMA {} GRANT SELECT ON TABLES TO {}").format(
                sql.Identifier(schema), sql.Identifier(reader)
            )
        )
    admin.execute(sql.SQL("ALTER ROLE {} SET work_mem = '8MB'").format(sql.Identifier(reader)))
    admin.execute(
        sql.SQL("CREATE FUNCTION {}() RETURNS int LANGUAGE sql AS 'SELECT 1'").format(
            sql.Identifier(SCHEMAS[1], "f")
        )
    )
    return reader


def _same(a: Catalog, b: Catalog) -> None:
    assert a == b
    for lookup in ("_relations", "_roles", "_schemas", "_grants", "_defaults"):
        assert getattr(a, lookup) == getattr(b, lookup), lookup


@pytest.fixture(params=[1, 2, 500, "fetchmany"])
def batch(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> int:
    """Rows handed over in batches of one, two, or all at once; and fetched two at a time as
    with a libpq before 17, which cannot hand rows over in chunks."""
    size = 2 if request.param == "fetchmany" else int(request.param)
    if request.param == "fetchmany":
        monkeypatch.setattr(reads, "_CHUNKED", False)
    monkeypatch.setattr(reads, "_BATCH", size)
    return size


def test_the_catalog_built_as_rows_arrive_is_the_one_built_from_the_rows(
    admin: Conn, roles: Roles, gateway: Gateway, database: Database, batch: int
) -> None:
    reader = _tenants(admin, roles)
    loaded = gateway.call(load_catalog(database))
    _same(loaded, CatalogBuilder(gateway.call(fetch_catalog_rows(database))).build())
    ours = [r for r in loaded.relations if r.schema in SCHEMAS]
    assert len(ours) == len(SCHEMAS) * len(TABLES) * 2  # each table and its identity sequence
    assert {(r.schema, r.name) for r in ours if r.kind == "table"} == {
        (s, t) for s in SCHEMAS for t in TABLES
    }
    granted = loaded.relation(SCHEMAS[2], TABLES[1])
    assert granted is not None
    assert any(item.grantee == reader for item in granted.acl)
    role = loaded.role(reader)
    assert role is not None
    assert role.setting("work_mem", "any") == "8MB"
    assert len(loaded.defaults_for(loaded.context.current_user, SCHEMAS[1], "tables")) == 1
    assert [f.name for f in loaded.functions_in(SCHEMAS[1])] == ["f"]


def test_the_check_path_builds_the_rest_on_arrival_and_links_the_relations(
    admin: Conn, roles: Roles, gateway: Gateway, database: Database
) -> None:
    from schemadesk.core.access.convention_model import Convention

    _tenants(admin, roles)
    checked = gateway.call(load_catalog(database, links_for=Convention()))
    _same(checked, CatalogBuilder(gateway.call(fetch_catalog_rows(database))).build())


def test_fetched_rows_stay_rows_unless_asked() -> None:
    assert reads.batch_builder("relations", ()) is None
    assert reads.batch_builder("schemas", reads.ON_ARRIVAL) is None  # needs the counts
    build = reads.batch_builder("relations", reads.ON_ARRIVAL)
    assert build is not None
    row = ("s", "S", "o", "{o=rwU/o}", True, ["b_seq", "a_seq"], ["b", None])
    assert build([row, row]) == [*relations(row), *relations(row)]
    assert not isinstance(build([row]), Built)  # ``rows_of`` makes the whole part one Built


def test_relations_made_fast_are_frozen_slotted_and_equal_to_the_dataclass() -> None:
    row = ("s", "r", "o", "{o=arwdDxt/o}", False, ["t", HOSTILE[5]], None)
    made = relations(row)
    expected = [
        Relation("s", name, "table", "o", made[0].acl, False, None) for name in ("t", HOSTILE[5])
    ]
    assert made == expected
    assert [hash(r) for r in made] == [hash(r) for r in expected]
    assert repr(made[1]) == repr(expected[1])
    with pytest.raises(dataclasses.FrozenInstanceError):
        made[0].name = "other"  # type: ignore[misc]
    assert not hasattr(made[0], "__dict__")
    assert dataclasses.replace(made[0], owner="p").owner == "p"
    assert made[0].privilege_kind == "table"


def test_the_windows_relation_rows_share_their_names_as_they_arrive(
    admin: Conn, roles: Roles, gateway: Gateway, database: Database
) -> None:
    _tenants(admin, roles)
    # What the window reads: the relations without their sequences' tables.
    rows = gateway.call(fetch_catalog_rows(database, ("relations",), linked=False))
    names: dict[str, list[str]] = {}
    for row in rows.rows["relations"]:
        if row[0] in SCHEMAS:
            for name in row[5]:
                names.setdefault(name, []).append(name)
    assert set(TABLES) <= set(names)
    for name in TABLES:
        copies = names[name]
        assert len(copies) == len(SCHEMAS)
        assert all(c is copies[0] for c in copies), name


def test_a_roles_settings_are_merged_into_an_equal_role() -> None:
    from datetime import UTC, datetime

    from schemadesk.core.access.models import Role, RoleSetting
    from schemadesk.db.access.row_models import with_settings

    until = datetime(2030, 1, 2, tzinfo=UTC)
    role = Role(HOSTILE[5], 7, True, False, True, False, True, False, True, 3, until, HOSTILE[1])
    found = [RoleSetting("db", "work_mem", "8MB"), RoleSetting(None, HOSTILE[2], "a=b")]
    merged = with_settings(role, found)
    assert merged == dataclasses.replace(role, settings=(found[1], found[0]))  # global first
    assert merged.setting(HOSTILE[2], "db") == "a=b"
