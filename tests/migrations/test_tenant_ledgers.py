"""One pgdbm ledger per tenant schema: the window and ``status`` read them all in a constant
number of round trips (issue 25), and each module still sees exactly its own history."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any, ClassVar

import psycopg
import pytest
from psycopg import sql

from schemadesk.core.migrations import statements
from schemadesk.core.migrations.files import checksum
from schemadesk.core.migrations.models import MigrationState
from schemadesk.core.migrations.project import ModuleConfig, Project
from schemadesk.db.migrations.service import load_snapshots
from tests.migrations.helpers import write_folder

pytestmark = pytest.mark.db


class CountingCursor(psycopg.AsyncCursor[Any]):
    """Counts every query sent: each ``execute`` is one round trip."""

    sent: ClassVar[list[str]] = []
    _execute = psycopg.AsyncCursor.execute

    async def execute(self, query: Any, *args: Any, **kwargs: Any) -> Any:
        CountingCursor.sent.append(str(query))
        return await CountingCursor._execute(self, query, *args, **kwargs)


def _tenants(db_dsn: str, folder: Path, prefix: str, count: int) -> Project:
    """``count`` tenant modules over the same folder; tenant i has applied its first i % 3
    files, and every third tenant has no ledger (nor schema) at all."""
    modules = tuple(
        ModuleConfig(name=f"{prefix}_{i:03d}", path=folder, schema=f"{prefix}_{i:03d}")
        for i in range(count)
    )
    with psycopg.connect(db_dsn, autocommit=True) as conn:
        for i, module in enumerate(modules):
            if i % 3 == 2:
                continue
            conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(module.name)))
            conn.execute(statements.create_ledger(module))
            for name in ["002_b.sql", "001_a.sql"][2 - i % 3 :]:  # written out of order
                conn.execute(
                    sql.SQL(
                        "INSERT INTO {} (filename, checksum, module_name) VALUES ({}, {}, {})"
                    ).format(
                        statements.ledger_table(module),
                        sql.Literal(name),
                        sql.Literal(checksum(f"SELECT {name[2]};")),
                        sql.Literal(module.module_name),
                    )
                )
    return Project(root=folder.parent, modules=modules)


def _read(db_dsn: str, project: Project) -> tuple[int, list[Any]]:
    async def run() -> tuple[int, list[Any]]:
        async with await psycopg.AsyncConnection.connect(
            db_dsn, autocommit=True, cursor_factory=CountingCursor
        ) as conn:
            CountingCursor.sent.clear()
            found = await load_snapshots(conn, project, git_drift=False)
            return len(CountingCursor.sent), list(found)

    return asyncio.run(run())


def test_tenant_ledgers_are_read_in_the_same_round_trips_for_6_or_60_tenants(
    db_dsn: str, tmp_path: Path
) -> None:
    folder = write_folder(tmp_path / "m", {"001_a.sql": "SELECT 1;", "002_b.sql": "SELECT 2;"})
    few, few_found = _read(db_dsn, _tenants(db_dsn, folder, "few", 6))
    many, many_found = _read(db_dsn, _tenants(db_dsn, folder, "many", 60))
    assert few == many <= 2
    for i, snapshot in enumerate(many_found):
        applied = [r.filename for r in snapshot.status.rows if r.state is MigrationState.APPLIED]
        assert applied == ["001_a.sql", "002_b.sql"][: i % 3 if i % 3 < 2 else 0], i
        assert snapshot.status.schema_exists == (i % 3 != 2)
    assert len(few_found) == 6
