"""Apply, rehearse, cancel, accept a checksum, find ledgers: against a real server."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path
from typing import Any

import psycopg
import pytest

from schemadesk.core.errors import ReadOnlyViolation
from schemadesk.core.migrations.errors import PlanRefused
from schemadesk.core.migrations.models import ApplyEvent, ApplyEventKind, MigrationState
from schemadesk.core.migrations.project import Project, single_module
from schemadesk.core.profiles import ConnectionProfile
from schemadesk.db.actions import run_migrations
from schemadesk.db.gateway import Gateway
from schemadesk.db.migrations import service
from schemadesk.db.migrations.ledger import create_ledger, find_ledgers, read_ledger
from tests.migrations.helpers import catalog, ledger_rows, sd_apply_sync, write_folder

pytestmark = pytest.mark.db

THIRD_FAILS = {
    "001_ok.sql": "CREATE TABLE {{tables.kept}} (id int);\n",
    "002_bad.sql": (
        "CREATE TABLE {{tables.a}} (id int NOT NULL);\n"
        "INSERT INTO {{tables.a}} VALUES (1);\n"
        "INSERT INTO {{tables.a}} VALUES ('not a number');\n"
        "INSERT INTO {{tables.a}} VALUES (2);\n"
    ),
    "003_never.sql": "CREATE TABLE {{tables.never}} (id int);\n",
}


def _state(dsn: str) -> tuple[Any, ...]:
    snap = catalog(dsn)
    return (
        snap["relations"],
        snap["columns"],
        snap["data"],
        ledger_rows(dsn, "app.schema_migrations"),
    )


def test_failure_on_third_statement_leaves_database_and_ledger_as_before(
    db_dsn: str, tmp_path: Path
) -> None:
    folder = write_folder(tmp_path / "m", THIRD_FAILS)
    module = single_module(folder, "app").modules[0]
    limited = sd_apply_sync(db_dsn, module, limit=1)
    assert [r.filename for r in limited.applied] == ["001_ok.sql"]
    before = _state(db_dsn)
    events: list[ApplyEvent] = []
    result = sd_apply_sync(db_dsn, module, events=events)
    assert result.error is not None
    assert (result.error.filename, result.error.line, result.error.column) == ("002_bad.sql", 3, 34)
    assert result.error.sqlstate == "22P02"
    assert result.error.message == 'invalid input syntax for type integer: "not a number"'
    assert _state(db_dsn) == before
    assert [(e.kind, e.filename) for e in events] == [
        (ApplyEventKind.STARTED, "002_bad.sql"),
        (ApplyEventKind.FAILED, "002_bad.sql"),
    ]
    with psycopg.connect(db_dsn) as conn:
        assert conn.execute("SELECT to_regclass('app.a')").fetchone() == (None,)


def test_error_without_server_position_is_located_by_statement(db_dsn: str, tmp_path: Path) -> None:
    files = dict(THIRD_FAILS)
    files["002_bad.sql"] = files["002_bad.sql"].replace("'not a number'", "NULL")
    folder = write_folder(tmp_path / "m", files)
    module = single_module(folder, "app").modules[0]
    result = sd_apply_sync(db_dsn, module)
    assert [r.filename for r in result.applied] == ["001_ok.sql"]
    assert result.error is not None
    assert result.error.sqlstate == "23502"  # not null violation: the server gives no position
    assert (result.error.line, result.error.column) == (3, 1)
    assert ledger_rows(db_dsn, "app.schema_migrations") == [
        ("001_ok.sql", ledger_rows(db_dsn, "app.schema_migrations")[0][1], "app")
    ]
    with psycopg.connect(db_dsn) as conn:
        assert conn.execute("SELECT to_regclass('app.a')").fetchone() == (None,)


def test_no_transaction_failure_points_at_its_statement(db_dsn: str, tmp_path: Path) -> None:
    folder = write_folder(
        tmp_path / "m",
        {
            "1.sql": "CREATE TABLE {{tables.t}} (a int);",
            "2.sql": (
                "-- pgdbm:no-transaction\n"
                "CREATE INDEX CONCURRENTLY t_a ON {{tables.t}} (a);\n"
                "CREATE INDEX CONCURRENTLY t_b ON {{tables.t}} (nope);\n"
            ),
        },
    )
    module = single_module(folder, "app").modules[0]
    result = sd_apply_sync(db_dsn, module)
    assert result.error is not None
    assert (result.error.filename, result.error.line, result.error.column) == ("2.sql", 3, 1)
    with psycopg.connect(db_dsn) as conn:
        # Autocommit: the first index stays, as under pgdbm; the lock is released.
        assert conn.execute("SELECT to_regclass('app.t_a')").fetchone() == ("app.t_a",)
        assert conn.execute(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
        ).fetchone() == (0,)
        assert conn.execute("SHOW search_path").fetchone() == ('"$user", public',)
    assert [r[0] for r in ledger_rows(db_dsn, "app.schema_migrations")] == ["1.sql"]


def test_rehearsal_runs_everything_and_changes_nothing(db_dsn: str, tmp_path: Path) -> None:
    folder = write_folder(
        tmp_path / "m",
        {
            "1.sql": "CREATE TABLE {{tables.t}} (a int);",
            "2.sql": "INSERT INTO {{tables.t}} VALUES (1);",
            "3.sql": "-- pgdbm:no-transaction\nCREATE INDEX CONCURRENTLY i ON {{tables.t}} (a);",
            "4.sql": "INSERT INTO t VALUES (2);",
        },
    )
    module = single_module(folder, "app").modules[0]
    before = catalog(db_dsn)
    events: list[ApplyEvent] = []
    result = sd_apply_sync(db_dsn, module, rehearse=True, events=events)
    assert result.rehearsal
    assert result.ok, result.error
    assert result.not_rehearsed == ("app/3.sql",)
    assert [r.outcome for r in result.results] == [
        ApplyEventKind.APPLIED,
        ApplyEventKind.APPLIED,
        ApplyEventKind.NOT_REHEARSABLE,
        ApplyEventKind.APPLIED,
    ]
    assert all(r.elapsed_ms > 0 for r in result.applied)
    assert catalog(db_dsn) == before  # not even the schema or the ledger


def test_rehearsal_reports_the_failure_location(db_dsn: str, tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "m", THIRD_FAILS)
    module = single_module(folder, "app").modules[0]
    before = catalog(db_dsn)
    result = sd_apply_sync(db_dsn, module, rehearse=True)
    assert result.error is not None
    assert (result.error.filename, result.error.line, result.error.column) == ("002_bad.sql", 3, 34)
    assert catalog(db_dsn) == before
    files = dict(THIRD_FAILS)
    files["002_bad.sql"] = files["002_bad.sql"].replace("'not a number'", "NULL")
    folder2 = write_folder(tmp_path / "m2", files)
    result = sd_apply_sync(db_dsn, single_module(folder2, "app").modules[0], rehearse=True)
    assert result.error is not None
    assert (result.error.line, result.error.column, result.error.sqlstate) == (3, 1, "23502")
    assert catalog(db_dsn) == before


def test_cancellation_between_migrations(db_dsn: str, tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "m", {f"{i:03}.sql": "SELECT 1;" for i in range(5)})
    module = single_module(folder, "app").modules[0]
    cancel = threading.Event()
    events: list[ApplyEvent] = []

    def on_event(event: ApplyEvent) -> None:
        events.append(event)
        if event.kind is ApplyEventKind.APPLIED and event.index == 1:
            cancel.set()

    async def run() -> Any:
        from tests.migrations.helpers import sd_apply

        class Recorder(list[ApplyEvent]):
            def append(self, event: ApplyEvent) -> None:
                on_event(event)

        return await sd_apply(db_dsn, module, events=Recorder(), cancel=cancel)

    result = asyncio.run(run())
    assert result.cancelled
    assert [r.filename for r in result.applied] == ["000.sql", "001.sql"]
    assert events[-1].kind is ApplyEventKind.CANCELLED
    assert events[-1].filename == "002.sql"
    assert [r[0] for r in ledger_rows(db_dsn, "app.schema_migrations")] == ["000.sql", "001.sql"]


def test_ledger_discovery_by_shape(db_dsn: str, tmp_path: Path) -> None:
    async def setup() -> Any:
        async with await psycopg.AsyncConnection.connect(db_dsn, autocommit=True) as conn:
            for schema, ledger in (("users", "schema_migrations"), ("orders", "history")):
                module = single_module(tmp_path, schema, ledger=ledger).modules[0]
                await create_ledger(conn, module)
                assert await read_ledger(conn, module) == ()
            await conn.execute(
                "INSERT INTO orders.history (filename, checksum, module_name) VALUES "
                "('1.sql', 'x', 'orders'), ('2.sql', 'y', NULL)"
            )
            await conn.execute("CREATE TABLE public.lookalike (filename text, checksum text)")
            missing = single_module(tmp_path, "nowhere").modules[0]
            assert await read_ledger(conn, missing) is None
            return await find_ledgers(conn)

    found = asyncio.run(setup())
    assert [(f.schema, f.name, f.rows, f.modules) for f in found] == [
        ("orders", "history", 2, ("orders",)),
        ("users", "schema_migrations", 0, ()),
    ]
    with psycopg.connect(db_dsn) as conn:
        idx = conn.execute(
            "SELECT indexname FROM pg_indexes WHERE schemaname = 'orders' ORDER BY 1"
        ).fetchall()
    assert idx == [
        ("history_filename_module_name_key",),
        ("history_pkey",),
        ("idx_history_module",),
    ]


def test_service_status_accept_checksum_and_read_only(db_dsn: str, tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "m", {"1.sql": "CREATE TABLE {{tables.t}} (a int);"})
    project = Project(root=tmp_path, modules=single_module(folder, "app").modules)
    with Gateway() as gateway:
        profile, _ = ConnectionProfile.from_dsn(db_dsn)
        database = gateway.open(profile).result()
        snaps = gateway.call(service.snapshots_of(database, project))
        plan = service.plan_of(snaps)
        assert [s.filename for s in plan.steps] == ["1.sql"]
        result = gateway.call(run_migrations(database, project, plan))
        assert result.ok
        (folder / "1.sql").write_text("CREATE TABLE {{tables.t}} (a bigint);")
        snaps = gateway.call(service.snapshots_of(database, project))
        assert snaps[0].status.rows[0].state is MigrationState.DRIFTED
        with pytest.raises(PlanRefused, match="changed after it was applied"):
            gateway.call(run_migrations(database, project, service.plan_of(snaps)))
        assert gateway.call(service.accept_checksum(database, snaps[0], "1.sql")) == 1
        snaps = gateway.call(service.snapshots_of(database, project))
        assert snaps[0].status.rows[0].state is MigrationState.APPLIED
        with pytest.raises(PlanRefused, match="is not drifted"):
            gateway.call(service.accept_checksum(database, snaps[0], "1.sql"))

        ro_profile, _ = ConnectionProfile.from_dsn(db_dsn, name="ro", read_only=True)
        ro = gateway.open(ro_profile).result()
        (folder / "2.sql").write_text("CREATE TABLE {{tables.u}} (a int);")
        snaps = gateway.call(service.snapshots_of(ro, project))
        with pytest.raises(ReadOnlyViolation):
            gateway.call(run_migrations(ro, project, service.plan_of(snaps)))
        with pytest.raises(ReadOnlyViolation):
            gateway.call(run_migrations(ro, project, service.plan_of(snaps), rehearse=True))


def test_error_inside_a_do_block_points_at_its_line(db_dsn: str, tmp_path: Path) -> None:
    folder = write_folder(
        tmp_path / "m",
        {
            "1.sql": (
                "CREATE TABLE {{tables.t}} (a int NOT NULL);\n"
                "DO $body$\n"
                "BEGIN\n"
                "    INSERT INTO {{tables.t}} VALUES (1);\n"
                "    INSERT INTO {{tables.t}} VALUES (NULL);\n"
                "END\n"
                "$body$;\n"
            )
        },
    )
    result = sd_apply_sync(db_dsn, single_module(folder, "app").modules[0])
    assert result.error is not None
    assert result.error.sqlstate == "23502"
    assert result.error.context is not None
    assert "inline_code_block line 4" in result.error.context
    assert (result.error.line, result.error.column) == (5, 5)
