"""The protocol's cost: round trips per migration, counted on a real connection."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any, ClassVar

import psycopg
import pytest

from schemadesk.core.migrations.files import discover
from schemadesk.core.migrations.plan import build_plan
from schemadesk.core.migrations.project import single_module
from schemadesk.core.migrations.status import compute_status
from schemadesk.db.migrations.ledger import read_ledger
from schemadesk.db.migrations.runner import apply_plan
from tests.migrations.helpers import write_folder

pytestmark = pytest.mark.db


class CountingCursor(psycopg.AsyncCursor[Any]):
    """Counts every query sent (each ``execute`` is one round trip), by any cursor class: the
    runner sends files through a cursor of its own."""

    sent: ClassVar[list[bytes | str]] = []
    _execute = psycopg.AsyncCursor.execute

    async def execute(self, query: Any, *args: Any, **kwargs: Any) -> Any:
        CountingCursor.sent.append(query if isinstance(query, bytes) else str(query))
        return await CountingCursor._execute(self, query, *args, **kwargs)


@pytest.fixture(autouse=True)
def _count_every_cursor(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(psycopg.AsyncCursor, "execute", CountingCursor.execute)


def test_transactional_migrations_take_two_round_trips_each(db_dsn: str, tmp_path: Path) -> None:
    n = 20
    folder = write_folder(
        tmp_path / "m",
        {f"{i:03}.sql": f"CREATE TABLE {{{{tables.t{i}}}}} (id int);" for i in range(n)},
    )
    module = single_module(folder, "app").modules[0]

    async def run() -> int:
        async with await psycopg.AsyncConnection.connect(
            db_dsn, autocommit=True, cursor_factory=CountingCursor
        ) as conn:
            files = discover(folder)
            plan = build_plan(
                [(module, files, compute_status(module, files, await read_ledger(conn, module)))]
            )
            CountingCursor.sent.clear()
            result = await apply_plan(conn, {module.name: module}, plan)
            assert result.ok
            assert len(result.applied) == n
            return len(CountingCursor.sent)

    trips = asyncio.run(run())
    # Per module once: lock, schema + ledger DDL (the plan knows the ledger is absent). Per
    # migration: the file, then its guard, session reset, ledger row + COMMIT + the next one's
    # BEGIN, lock and ledger check; the first migration's head stands alone.
    assert trips == 2 + 1 + 2 * n
