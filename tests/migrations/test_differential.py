"""schemadesk against pgdbm 0.5.0 itself: same ledger rows, same catalog, interop both ways."""

from __future__ import annotations

import shutil
from pathlib import Path

import psycopg
import pytest

from schemadesk.core.migrations.files import discover
from schemadesk.core.migrations.project import ModuleConfig, single_module
from tests.migrations.helpers import (
    DATA,
    catalog,
    ledger_rows,
    pgdbm_apply_sync,
    sd_apply_sync,
)

pytestmark = pytest.mark.db

KITCHEN = DATA / "kitchen"


def _module(folder: Path, schema: str | None, **kw: str) -> ModuleConfig:
    return single_module(folder, schema, **kw).modules[0]


@pytest.mark.parametrize("schema", ["app", None], ids=["schema", "no-schema"])
def test_same_ledger_and_catalog_as_pgdbm(db_dsn: str, second_dsn: str, schema: str | None) -> None:
    pgdbm_apply_sync(db_dsn, KITCHEN, schema)
    result = sd_apply_sync(second_dsn, _module(KITCHEN, schema))
    assert result.ok, result.error
    table = f"{schema or 'public'}.schema_migrations"
    expected = ledger_rows(db_dsn, table)
    assert [r[0] for r in expected] == [f.filename for f in discover(KITCHEN)]
    assert expected[:3] == [
        ("00_base.sql", discover(KITCHEN)[0].checksum, schema or "default"),
        ("10_name.sql", discover(KITCHEN)[1].checksum, schema or "default"),
        ("1_log.sql", discover(KITCHEN)[2].checksum, schema or "default"),
    ]
    assert ledger_rows(second_dsn, table) == expected
    assert catalog(second_dsn) == catalog(db_dsn)


def test_module_name_and_custom_ledger_table_match_pgdbm(db_dsn: str, second_dsn: str) -> None:
    pgdbm_apply_sync(db_dsn, KITCHEN, "svc", module_name="user_service", table="history")
    module = _module(KITCHEN, "svc", module_name="user_service", ledger="history")
    assert sd_apply_sync(second_dsn, module).ok
    assert ledger_rows(second_dsn, "svc.history") == ledger_rows(db_dsn, "svc.history")
    assert {r[2] for r in ledger_rows(db_dsn, "svc.history")} == {"user_service"}
    assert catalog(second_dsn) == catalog(db_dsn)


def test_shared_pool_mode_matches_pgdbm(db_dsn: str, second_dsn: str) -> None:
    folder = DATA / "shared"
    for dsn in (db_dsn, second_dsn):
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute("CREATE SCHEMA orders")  # a shared pool does not create it
    pgdbm_apply_sync(db_dsn, folder, "orders", shared=True)
    module = _module(folder, "orders", pool="shared")
    assert module.search_path == ("pg_catalog",)
    assert sd_apply_sync(second_dsn, module).ok
    assert ledger_rows(second_dsn, "orders.schema_migrations") == ledger_rows(
        db_dsn, "orders.schema_migrations"
    )
    snap = catalog(db_dsn)
    assert snap["data"]["orders.items"] == (
        ['{"id": 1, "note": "pg_catalog"}', '{"id": 2, "note": "\\"orders\\""}'],
    )
    assert catalog(second_dsn) == snap


def test_shared_pool_unqualified_create_fails_like_pgdbm(db_dsn: str, tmp_path: Path) -> None:
    folder = tmp_path / "m"
    folder.mkdir()
    (folder / "001.sql").write_text("CREATE TABLE loose (id int);\n")
    with psycopg.connect(db_dsn, autocommit=True) as conn:
        conn.execute("CREATE SCHEMA orders")
    from pgdbm.errors import MigrationError

    with pytest.raises(MigrationError) as info:
        pgdbm_apply_sync(db_dsn, folder, "orders", shared=True)
    result = sd_apply_sync(db_dsn, _module(folder, "orders", pool="shared"))
    assert result.error is not None
    assert result.error.sqlstate == "42501"  # search_path is pg_catalog only
    assert result.error.message == str(info.value.__cause__).split("\n")[0]
    assert (result.error.line, result.error.column) == (1, 1)


def _copy(files: list[Path], to: Path) -> Path:
    to.mkdir(parents=True, exist_ok=True)
    for f in files:
        shutil.copy(f, to / f.name)
    return to


@pytest.mark.parametrize("first", ["pgdbm", "schemadesk"])
def test_interop_half_by_one_rest_by_the_other(
    db_dsn: str, second_dsn: str, tmp_path: Path, first: str
) -> None:
    files = sorted(KITCHEN.glob("[!.]*.sql"), key=lambda p: p.name)
    half = _copy(files[:4], tmp_path / "half")
    full = _copy(files, tmp_path / "full")
    if first == "pgdbm":
        pgdbm_apply_sync(db_dsn, half, "app")
        result = sd_apply_sync(db_dsn, _module(full, "app"))
        assert [r.filename for r in result.applied] == [f.name for f in files[4:]]
    else:
        result = sd_apply_sync(db_dsn, _module(half, "app"))
        assert len(result.applied) == 4
        outcome = pgdbm_apply_sync(db_dsn, full, "app")
        assert [m["filename"] for m in outcome["applied"]] == [f.name for f in files[4:]]
    # The reference: pgdbm alone, in one go.
    pgdbm_apply_sync(second_dsn, full, "app")
    assert ledger_rows(db_dsn, "app.schema_migrations") == ledger_rows(
        second_dsn, "app.schema_migrations"
    )
    assert catalog(db_dsn) == catalog(second_dsn)
    # And nothing is left for either tool.
    assert pgdbm_apply_sync(db_dsn, full, "app")["status"] == "up_to_date"
    assert sd_apply_sync(db_dsn, _module(full, "app")).results == ()
