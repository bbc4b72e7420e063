"""Two appliers at the same moment on one module: every migration applied exactly once."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import psycopg
import pytest

from schemadesk.core.migrations.models import ApplyEvent, ApplyEventKind, ApplyResult
from schemadesk.core.migrations.project import single_module
from tests.migrations.helpers import DATA, ledger_rows, pgdbm_apply, sd_apply, write_folder

pytestmark = pytest.mark.db

N = 12


def _slow_folder(root: Path) -> Path:
    files = {"000_table.sql": "CREATE TABLE {{tables.applied}} (filename text);"}
    for i in range(1, N):
        name = f"{i:03}_step.sql"
        files[name] = (
            f"INSERT INTO {{{{tables.applied}}}} VALUES ('{name}');\nSELECT pg_sleep(0.01);\n"
        )
    files["050_notx.sql"] = (
        "-- pgdbm:no-transaction\n"
        "INSERT INTO {{tables.applied}} VALUES ('050_notx.sql');\n"
        "SELECT pg_sleep(0.01);\n"
    )
    return write_folder(root, files)


def _check_once(dsn: str) -> None:
    rows = ledger_rows(dsn, "app.schema_migrations")
    names = [r[0] for r in rows]
    assert len(names) == len(set(names)) == N + 1
    with psycopg.connect(dsn) as conn:
        applied = [r[0] for r in conn.execute("SELECT filename FROM app.applied").fetchall()]
    assert sorted(applied) == sorted(n for n in names if n != "000_table.sql")


def test_two_schemadesk_appliers(db_dsn: str, tmp_path: Path) -> None:
    module = single_module(_slow_folder(tmp_path / "m"), "app").modules[0]

    async def both() -> list[ApplyResult]:
        return list(await asyncio.gather(sd_apply(db_dsn, module), sd_apply(db_dsn, module)))

    results = asyncio.run(both())
    _assert_each_applied_once(results, sorted(module.path.glob("*.sql")))
    _check_once(db_dsn)


def _assert_each_applied_once(results: list[ApplyResult], files: list[Path]) -> None:
    """What a user cares about: no applier failed, and each file was applied by exactly one.

    How many steps the second applier skipped depends on when it read the ledger (before or
    after the first one committed some), so that count is not asserted.
    """
    assert all(r.error is None for r in results), [r.error for r in results]
    outcomes = {r.outcome for res in results for r in res.results}
    assert outcomes <= {ApplyEventKind.APPLIED, ApplyEventKind.SKIPPED}
    applied = sorted(r.filename for res in results for r in res.applied)
    assert applied == sorted(p.name for p in files)


def test_two_schemadesk_appliers_with_create_index_concurrently(db_dsn: str) -> None:
    module = single_module(DATA / "kitchen", "app").modules[0]

    async def both() -> list[ApplyResult]:
        return list(await asyncio.gather(sd_apply(db_dsn, module), sd_apply(db_dsn, module)))

    results = asyncio.run(both())
    _assert_each_applied_once(results, list((DATA / "kitchen").glob("[!.]*.sql")))


def test_waiting_applier_does_not_deadlock_a_concurrent_index_build(db_dsn: str) -> None:
    """pgdbm waits for the lock inside a statement, which deadlocks with CREATE INDEX
    CONCURRENTLY run by the lock holder (PostgreSQL cancels the waiter); schemadesk polls."""
    module = single_module(DATA / "kitchen", "app").modules[0]

    async def scenario() -> ApplyResult:
        async with await psycopg.AsyncConnection.connect(db_dsn, autocommit=True) as holder:
            await holder.execute("CREATE TABLE side (x int)")
            await holder.execute("SELECT pg_advisory_lock(hashtext('pgdbm_migration_app'))")
            events: list[ApplyEvent] = []
            task = asyncio.create_task(sd_apply(db_dsn, module, events=events))
            # Until the applier says it waits for the lock (no fixed sleep: under load it may
            # take long to get there, and the index build must happen while it waits).
            while not any(e.kind is ApplyEventKind.WAITING for e in events):
                assert not task.done(), task.result().error
                await asyncio.sleep(0.01)
            await holder.execute("CREATE INDEX CONCURRENTLY side_x ON side (x)")
            await holder.execute("SELECT pg_advisory_unlock(hashtext('pgdbm_migration_app'))")
            return await task

    result = asyncio.run(scenario())
    assert result.error is None, result.error
    assert len(result.applied) == len(list((DATA / "kitchen").glob("[!.]*.sql")))


@pytest.mark.parametrize("folder", ["slow", "tiny"])
def test_schemadesk_beside_pgdbm(db_dsn: str, tmp_path: Path, folder: str) -> None:
    if folder == "slow":
        path = _slow_folder(tmp_path / "m")
    else:
        path = write_folder(
            tmp_path / "m",
            {f"{i:03}.sql": f"CREATE TABLE {{{{tables.t{i}}}}} (id int);" for i in range(30)},
        )
    module = single_module(path, "app").modules[0]
    # The module was deployed before: its schema and ledger exist. (On a fresh database pgdbm
    # creates them without its lock, and races any other applier, pgdbm included.)
    asyncio.run(sd_apply(db_dsn, module, limit=1))

    async def both() -> tuple[Any, ...]:
        return tuple(
            await asyncio.gather(pgdbm_apply(db_dsn, path, "app"), sd_apply(db_dsn, module))
        )

    by_pgdbm, by_us = asyncio.run(both())
    assert by_us.error is None, by_us.error
    ours = [r.filename for r in by_us.applied]
    theirs = [m["filename"] for m in by_pgdbm.get("applied", [])]
    assert not set(ours) & set(theirs)
    expected = sorted(p.name for p in path.glob("[!.]*.sql"))
    assert sorted(ours + theirs) == expected[1:]
    rows = ledger_rows(db_dsn, "app.schema_migrations")
    assert sorted(r[0] for r in rows) == expected
    if folder == "slow":
        _check_once(db_dsn)
