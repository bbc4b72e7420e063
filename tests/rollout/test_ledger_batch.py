"""Planning reads every tenant's ledger in a round trip or two: what it reads must be exactly
what the migration engine's own per-module read gives (``ledger.ledger_state``)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import psycopg

from schemadesk.core.migrations.project import ModuleConfig
from schemadesk.db.migrations.ledger import ledger_state
from schemadesk.db.rollout import ledger_states


def test_the_batched_ledger_read_equals_the_engines_read_module_by_module(db_dsn: str) -> None:
    with psycopg.connect(db_dsn, autocommit=True) as conn:
        conn.execute(
            "CREATE SCHEMA a; CREATE SCHEMA b; CREATE SCHEMA c;"
            " CREATE TABLE a.schema_migrations (id serial PRIMARY KEY, filename text,"
            "  checksum text, module_name text, applied_at timestamptz DEFAULT now(),"
            "  applied_by text, execution_time_ms int);"
            " CREATE TABLE c.schema_migrations (LIKE a.schema_migrations INCLUDING ALL);"
            " INSERT INTO a.schema_migrations (filename, checksum, module_name) VALUES"
            "  ('002_b.sql', 'x2', 'a'), ('001_a.sql', 'x1', 'a'), ('001_a.sql', 'o', 'other'),"
            "  ('000_z.sql', 'n', NULL), ('Z_upper.sql', 'u', 'a'), ('a_lower.sql', 'l', 'a')"
        )
    folder = Path("/nonexistent")
    modules = [
        ModuleConfig("a", folder, schema="a"),  # a ledger with its own, others' and NULL rows
        ModuleConfig("b", folder, schema="b"),  # a schema without a ledger
        ModuleConfig("gone", folder, schema="gone"),  # no schema at all
        ModuleConfig("c", folder, schema="c"),  # an empty ledger
        ModuleConfig("other", folder, schema="a", module_name="other"),
        ModuleConfig("shared", folder, schema="a", pool="shared", ledger="Schema_Migrations"),
    ]

    async def both() -> tuple[list[object], list[object]]:
        conn = await psycopg.AsyncConnection.connect(db_dsn, autocommit=True)
        async with conn:
            one_by_one = [await ledger_state(conn, m) for m in modules]
            batched = await ledger_states(conn, modules)
        return list(one_by_one), list(batched)

    one_by_one, batched = asyncio.run(both())
    assert batched == one_by_one
    assert [len(s[1] or ()) for s in batched] == [5, 0, 0, 0, 2, 1]  # sanity: it read rows
