"""Creating and seeding the demo database on a local cluster."""

from __future__ import annotations

from typing import Any

import psycopg
from psycopg import sql

from schemadesk.db.gateway import Gateway

DEMO_DATABASE = "demo"


def prepare_demo_database(admin_conninfo: str) -> bool:
    """Create and seed the demo database unless it exists; True when it was seeded now."""
    with Gateway() as gateway:
        return gateway.call(_prepare(admin_conninfo))


async def _prepare(admin_conninfo: str) -> bool:
    from schemadesk.demo.seed import seed_demo

    async with await psycopg.AsyncConnection.connect(admin_conninfo, autocommit=True) as admin:
        cur = await admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DEMO_DATABASE])
        if await cur.fetchone():
            return False
        await admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(DEMO_DATABASE)))
    demo_conninfo = psycopg.conninfo.make_conninfo(admin_conninfo, dbname=DEMO_DATABASE)
    conn: psycopg.AsyncConnection[Any]
    async with await psycopg.AsyncConnection.connect(demo_conninfo, autocommit=True) as conn:
        await seed_demo(conn)
    return True
