"""On a Citus coordinator the catalog, ``schemadesk schemas`` and the check say where each tenant
lives and what kind each table is; Citus's own schemas are the extension's, never "fixed"."""

from __future__ import annotations

import json

import psycopg
import pytest
from psycopg import sql

from schemadesk.core.access.conventions import Convention, check_conventions
from schemadesk.core.access.models import Catalog
from schemadesk.core.profiles import ConnectionProfile
from schemadesk.db.access import load_catalog
from schemadesk.db.gateway import Gateway
from tests.citus.rig import CitusRig, cli

pytestmark = pytest.mark.citus
Conn = psycopg.Connection[tuple[object, ...]]


def _tenant(coordinator: Conn, name: str, *tables: str) -> None:
    coordinator.execute("SET citus.enable_schema_based_sharding TO on")
    coordinator.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(name)))
    coordinator.execute("RESET citus.enable_schema_based_sharding")
    for table in tables:
        coordinator.execute(
            sql.SQL("CREATE TABLE {} (id int PRIMARY KEY)").format(sql.Identifier(name, table))
        )
        coordinator.execute(
            sql.SQL("INSERT INTO {} SELECT generate_series(1, 1000)").format(
                sql.Identifier(name, table)
            )
        )


def _catalog(citus: CitusRig) -> Catalog:
    with Gateway() as gateway:
        database = gateway.open(ConnectionProfile(name="c", conninfo=citus.dsn())).result()
        return gateway.call(load_catalog(database))


def test_the_catalog_says_where_each_tenant_lives_and_each_table_kind(
    citus: CitusRig, coordinator: Conn, prefix: str
) -> None:
    tenant, empty, plain = prefix + "shop", prefix + "empty", prefix + "plain"
    _tenant(coordinator, tenant, "orders", 'we"ird')
    _tenant(coordinator, empty)
    coordinator.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(plain)))
    for table in ("only_here", "spread", "everywhere"):
        coordinator.execute(
            sql.SQL("CREATE TABLE {} (id int)").format(sql.Identifier(plain, table))
        )
    coordinator.execute("SELECT create_distributed_table(%s, 'id')", [f"{plain}.spread"])
    coordinator.execute("SELECT create_reference_table(%s)", [f"{plain}.everywhere"])

    catalog = _catalog(citus)
    cluster = catalog.citus
    assert cluster is not None
    assert cluster.version.startswith("13.2")
    assert sorted(w.port for w in cluster.workers) == sorted(w.port for w in citus.workers)
    shop = catalog.schema(tenant)
    assert shop is not None
    assert shop.citus is not None
    assert shop.citus.distributed
    assert shop.citus.colocation_id is not None
    assert len(shop.citus.nodes) == 1  # the whole tenant on one worker
    assert shop.citus.nodes[0] in {w.address for w in cluster.workers}
    assert shop.citus.size_bytes is not None
    assert shop.citus.size_bytes > 0
    nothing = catalog.schema(empty)
    assert nothing is not None
    assert nothing.citus is not None
    assert nothing.citus.distributed
    assert nothing.citus.nodes == ()
    local = catalog.schema(plain)
    assert local is not None
    assert local.citus is not None
    assert not local.citus.distributed
    assert cluster.table_kind(tenant, 'we"ird') == "schema"
    assert cluster.table_kind(plain, "spread") == "distributed"
    assert cluster.table_kind(plain, "everywhere") == "reference"
    assert cluster.table_kind(plain, "only_here") == "local"
    # Citus's own schemas are the extension's: listed as such, never checked or fixed.
    for own in ("citus", "citus_internal"):
        entry = catalog.schema(own)
        assert entry is not None
        assert entry.extension == "citus"
    assert not {"citus", "citus_internal", "columnar"} & {
        f.schema for f in check_conventions(catalog, Convention())
    }


def test_cli_schemas_shows_the_cluster_columns_on_a_coordinator_only(
    citus: CitusRig, coordinator: Conn, prefix: str, db_dsn: str
) -> None:
    tenant = prefix + "cli"
    _tenant(coordinator, tenant, "orders")
    listed = cli("schemas", "--dsn", citus.dsn(), "--json")
    assert listed.returncode == 0, listed.stderr
    by_name = {s["name"]: s for s in json.loads(listed.stdout)}
    where = by_name[tenant]["citus"]
    assert where["distributed"] is True
    assert isinstance(where["colocation_id"], int)
    assert len(where["nodes"]) == 1
    assert where["size_bytes"] > 0
    assert by_name["citus"]["extension"] == "citus"
    table = cli("schemas", "--dsn", citus.dsn())
    header = table.stdout.splitlines()[0].split()
    assert header[4:9] == ["est.", "size", "distributed", "colocation", "node"]  # est. size
    line = next(x for x in table.stdout.splitlines() if x.startswith(tenant + " "))
    assert where["nodes"][0] in line
    # A plain server: no Citus key, no Citus column.
    plain = cli("schemas", "--dsn", db_dsn, "--json")
    assert all("citus" not in s for s in json.loads(plain.stdout))
    assert "distributed" not in cli("schemas", "--dsn", db_dsn).stdout.splitlines()[0]
