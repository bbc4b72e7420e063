"""What a rehearsal reports each step locked and rewrote, checked against what PostgreSQL
documents for each command (the "Explicit Locking" chapter and the ALTER TABLE and CREATE
INDEX pages): one pending migration per rehearsal, so that each step's locks are its own."""

from __future__ import annotations

import json
from pathlib import Path

import psycopg
import pytest

from schemadesk.cli import main
from schemadesk.core.migrations.models import ApplyResult
from schemadesk.core.migrations.observed import StepObservation, observe_query, tag_of
from schemadesk.core.migrations.observed_text import NOT_REHEARSED, lines
from schemadesk.core.migrations.project import ModuleConfig, single_module
from tests.migrations.helpers import sd_apply_sync, write_folder

pytestmark = pytest.mark.db

BASE = {
    "001_orders.sql": (
        "CREATE TABLE {{tables.orders}} (id serial PRIMARY KEY, qty int NOT NULL, note text);\n"
        "INSERT INTO {{tables.orders}} (qty, note)"
        " SELECT g % 100 + 1, repeat('x', 50) FROM generate_series(1, 2000) g;\n"
        "CREATE TABLE {{tables.customers}} (id int PRIMARY KEY);\n"
        "INSERT INTO {{tables.customers}} SELECT g FROM generate_series(1, 100) g;\n"
        "ANALYZE {{tables.orders}};\n"
    ),
}
ORDERS, CUSTOMERS = "shop.orders", "shop.customers"


def _module(folder: Path) -> ModuleConfig:
    return single_module(folder, "shop").modules[0]


def _rehearsed(db_dsn: str, tmp_path: Path, files: dict[str, str]) -> ApplyResult:
    folder = write_folder(tmp_path / "m", BASE)
    assert sd_apply_sync(db_dsn, _module(folder)).ok
    for name, text in files.items():
        (folder / name).write_text(text)
    result = sd_apply_sync(db_dsn, _module(folder), rehearse=True)
    assert result.ok, result.error
    assert [o.filename for o in result.observed] == sorted(files)
    return result


def _one(db_dsn: str, tmp_path: Path, sql: str) -> StepObservation:
    return _rehearsed(db_dsn, tmp_path, {"002_step.sql": sql}).observed[0]


def _modes(obs: StepObservation, relation: str) -> set[str]:
    return {lk.mode for lk in obs.locks if lk.relation == relation}


def test_add_column_with_a_volatile_default_rewrites_under_access_exclusive(
    db_dsn: str, tmp_path: Path
) -> None:
    obs = _one(db_dsn, tmp_path, "ALTER TABLE shop.orders ADD COLUMN r float DEFAULT random();\n")
    assert "ACCESS EXCLUSIVE" in _modes(obs, ORDERS)
    assert obs.strongest == "ACCESS EXCLUSIVE"
    assert ORDERS in obs.rewrites
    assert "shop.orders_pkey" in obs.rewrites  # its indexes are rebuilt with it
    orders = next(r for r in obs.relations if r.relation == ORDERS)
    assert orders.size_before
    assert orders.size_after
    assert orders.rows == 2000
    first = lines(obs)[0]
    assert first.startswith("ACCESS EXCLUSIVE")
    assert " on shop.orders — rewritten (" in first
    assert "~2,000 rows" in first
    # The module's migration lock, named as schemadesk's own.
    assert any(lk.ours and lk.mode == "EXCLUSIVE" for lk in obs.locks)
    assert any("pgdbm_migration_shop (the migration lock)" in line for line in lines(obs))


def test_a_constant_default_is_no_rewrite(db_dsn: str, tmp_path: Path) -> None:
    obs = _one(db_dsn, tmp_path, "ALTER TABLE shop.orders ADD COLUMN flag int DEFAULT 0;\n")
    assert "ACCESS EXCLUSIVE" in _modes(obs, ORDERS)
    assert obs.rewrites == ()  # PostgreSQL 11+ stores a constant default in the catalog


def test_alter_column_type_rewrites_under_access_exclusive(db_dsn: str, tmp_path: Path) -> None:
    obs = _one(db_dsn, tmp_path, "ALTER TABLE shop.orders ALTER COLUMN qty TYPE bigint;\n")
    assert obs.strongest == "ACCESS EXCLUSIVE"
    assert "ACCESS EXCLUSIVE" in _modes(obs, ORDERS)
    assert ORDERS in obs.rewrites


def test_create_index_takes_share_and_rewrites_nothing(db_dsn: str, tmp_path: Path) -> None:
    obs = _one(db_dsn, tmp_path, "CREATE INDEX orders_qty ON shop.orders (qty);\n")
    assert _modes(obs, ORDERS) == {"SHARE"}
    assert obs.rewrites == ()
    index = next(r for r in obs.relations if r.relation == "shop.orders_qty")
    assert index.created
    assert index.kind == "index"
    assert index.size_after
    assert "SHARE on shop.orders — " in "\n".join(lines(obs))


def test_set_not_null_takes_access_exclusive_without_a_rewrite(db_dsn: str, tmp_path: Path) -> None:
    obs = _one(db_dsn, tmp_path, "ALTER TABLE shop.orders ALTER COLUMN note SET NOT NULL;\n")
    assert "ACCESS EXCLUSIVE" in _modes(obs, ORDERS)
    assert obs.rewrites == ()


def test_not_valid_then_validate(db_dsn: str, tmp_path: Path) -> None:
    result = _rehearsed(
        db_dsn,
        tmp_path,
        {
            "002_fk.sql": (
                "ALTER TABLE shop.orders ADD CONSTRAINT orders_qty_fk FOREIGN KEY (qty)"
                " REFERENCES shop.customers NOT VALID;\n"
            ),
            "003_validate.sql": "ALTER TABLE shop.orders VALIDATE CONSTRAINT orders_qty_fk;\n",
        },
    )
    add, validate = result.observed
    # ADD FOREIGN KEY: SHARE ROW EXCLUSIVE on both tables; NOT VALID skips the scan.
    assert "SHARE ROW EXCLUSIVE" in _modes(add, ORDERS)
    assert "SHARE ROW EXCLUSIVE" in _modes(add, CUSTOMERS)
    assert "ACCESS EXCLUSIVE" not in _modes(add, ORDERS)
    # VALIDATE CONSTRAINT: SHARE UPDATE EXCLUSIVE on the table, ROW SHARE on the referenced one.
    assert "SHARE UPDATE EXCLUSIVE" in _modes(validate, ORDERS)
    assert "ROW SHARE" in _modes(validate, CUSTOMERS)
    assert add.rewrites == validate.rewrites == ()


def test_a_lock_an_earlier_step_took_is_listed_there_and_said_so(
    db_dsn: str, tmp_path: Path
) -> None:
    first, second = _rehearsed(
        db_dsn,
        tmp_path,
        {
            "002_a.sql": "ALTER TABLE shop.orders ADD COLUMN r float DEFAULT random();\n",
            "003_b.sql": "ALTER TABLE shop.orders ALTER COLUMN qty TYPE bigint;\n",
        },
    ).observed
    assert "ACCESS EXCLUSIVE" in _modes(first, ORDERS)
    assert "ACCESS EXCLUSIVE" not in _modes(second, ORDERS)
    rewritten = next(r for r in second.relations if r.relation == ORDERS)
    assert rewritten.rewritten
    assert rewritten.held_before
    assert any("rewritten" in x and "lock taken by an earlier step" in x for x in lines(second))


def test_drop_table_names_what_it_dropped(db_dsn: str, tmp_path: Path) -> None:
    obs = _one(db_dsn, tmp_path, "DROP TABLE shop.customers;\n")
    assert "ACCESS EXCLUSIVE" in _modes(obs, CUSTOMERS)
    dropped = next(r for r in obs.relations if r.relation == CUSTOMERS)
    assert dropped.dropped
    assert dropped.size_before


def test_create_index_concurrently_is_not_rehearsed_and_is_linted(
    db_dsn: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = _rehearsed(
        db_dsn,
        tmp_path,
        {
            "002_cic.sql": (
                "-- pgdbm:no-transaction\nCREATE INDEX CONCURRENTLY orders_note"
                " ON shop.orders (note);\n"
            ),
            "003_after.sql": "ALTER TABLE shop.orders ALTER COLUMN note SET NOT NULL;\n",
        },
    )
    cic, after = result.observed
    assert not cic.rehearsed
    assert cic.locks == ()
    assert lines(cic) == [NOT_REHEARSED]
    assert "see the lint" in NOT_REHEARSED
    assert result.not_rehearsed == ("shop/002_cic.sql",)
    assert "ACCESS EXCLUSIVE" in _modes(after, ORDERS)
    # The lint reads it instead: squawk's robustness rule (no IF NOT EXISTS) at its line.
    code = main(["lint", "--migrations", str(tmp_path / "m"), "--schema", "shop", "--json"])
    found = json.loads(capsys.readouterr().out)
    assert code == 0
    on_cic = [f for f in found if f["file"].endswith("002_cic.sql")]
    assert [(f["rule"], f["line"]) for f in on_cic] == [("prefer-robust-stmts", 2)]


def test_the_server_leaves_out_every_lock_the_observer_has_seen(db_dsn: str) -> None:
    """The observer's tags and the query's agree: a lock seen once is neither sent nor joined
    again (else every step would re-read all the rehearsal's locks), whatever its mode."""
    with psycopg.connect(db_dsn) as conn:
        conn.execute("CREATE TABLE seen_t (id int PRIMARY KEY)")
        conn.execute("LOCK TABLE seen_t IN SHARE MODE")
        conn.execute("SELECT pg_advisory_xact_lock(42)")
        first = conn.execute(observe_query("k", [], [])).fetchall()
        kinds = {(r[0], r[1]) for r in first if r[4] == "seen_t"}
        assert kinds == {("relation", "AccessExclusiveLock"), ("relation", "ShareLock")}
        tags = [tag_of(r[0], r[2], r[9], r[10], r[1]) for r in first if r[0] == "relation"]
        again = conn.execute(observe_query("k", [int(t) for t in tags], [])).fetchall()
        assert [(r[0], r[1]) for r in again] == [("advisory", "ExclusiveLock")]
        conn.execute("LOCK TABLE seen_t IN ROW EXCLUSIVE MODE")  # a new mode: said again
        third = conn.execute(observe_query("k", [int(t) for t in tags], [])).fetchall()
        assert [(r[1], r[4]) for r in third if r[0] == "relation"] == [
            ("RowExclusiveLock", "seen_t")
        ]
        conn.rollback()
