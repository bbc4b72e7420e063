"""The diff reads the access catalog its own way (relations on a connection of their own, JIT
off): it must be the very catalog every other view reads, sequences owned by columns and column
privileges included."""

from __future__ import annotations

import psycopg

from schemadesk.core.profiles import ConnectionProfile
from schemadesk.db.access import load_catalog
from schemadesk.db.diff import load_side
from schemadesk.db.diff.loader import load_diff_catalog
from schemadesk.db.gateway import Gateway


def test_the_diff_reads_the_same_catalog_as_the_window(gateway: Gateway, db_dsn: str) -> None:
    with psycopg.connect(db_dsn, autocommit=True) as conn:
        conn.execute(
            "CREATE SCHEMA loaded; CREATE TABLE loaded.orders (id serial, note text); "
            "CREATE VIEW loaded.v AS SELECT id FROM loaded.orders; "
            "CREATE SEQUENCE loaded.free; GRANT SELECT (note) ON loaded.orders TO PUBLIC"
        )
        try:
            database = gateway.open(ConnectionProfile(name="d", conninfo=db_dsn)).result()
            ours = gateway.call(load_diff_catalog(database))
            theirs = gateway.call(load_catalog(database))
            side = gateway.call(load_side(database))
        finally:
            conn.execute("DROP SCHEMA loaded CASCADE")
    assert ours == theirs
    owned = {r.name: r.owned_by for r in ours.relations_in("loaded")}
    assert owned == {"orders": None, "v": None, "free": None, "orders_id_seq": "orders"}
    assert side.columns.acls[("loaded", "orders")]["note"][0].privileges == {"SELECT"}
