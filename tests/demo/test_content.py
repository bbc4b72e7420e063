"""The demo project on disk: the project file, the migration folders, their planted problems."""

from __future__ import annotations

import tomllib

import pytest
from pgdbm import AsyncDatabaseManager, DatabaseConfig
from pgdbm.migrations import AsyncMigrationManager

from schemadesk.demo import content, pgdbm_sql


def test_project_file_lists_the_four_modules_with_exactly_the_agreed_keys() -> None:
    data = tomllib.loads(content.project_file().read_text(encoding="utf-8"))
    modules = {m["name"]: m for m in data["modules"]}
    assert list(modules) == ["users", "orders", "auth", "inventory"]
    pgdbm_keys = {"name", "path", "schema", "ledger", "kind", "pool"}
    alembic_keys = {"name", "kind", "config", "schema", "branch", "version_table"}
    for name in ("users", "orders"):
        assert set(modules[name]) == pgdbm_keys
        assert modules[name]["kind"] == "pgdbm"
        assert modules[name]["pool"] == "own"
        assert modules[name]["ledger"] == "schema_migrations"
        folder = content.project_file().parent / modules[name]["path"]
        assert folder.is_dir()
    for name in ("auth", "inventory"):
        assert set(modules[name]) == alembic_keys
        assert modules[name]["branch"] == name == modules[name]["schema"]
        assert modules[name]["version_table"] == f"alembic_version_{name}"
        assert (content.project_file().parent / modules[name]["config"]) == content.alembic_ini()
    assert content.alembic_ini().is_file()


@pytest.mark.parametrize("plan", content.PGDBM_MODULES, ids=lambda p: p.name)
def test_each_pgdbm_folder_has_five_to_eight_files_and_the_plan_fits_it(
    plan: content.PgdbmPlan,
) -> None:
    names = [p.name for p in content.folder_files(plan)]
    assert 5 <= len(names) <= 8
    assert set(plan.applied) <= set(names)
    assert set(plan.drifted) <= set(names)
    assert not set(plan.missing) & set(names)
    for name in plan.missing + plan.drifted:
        assert content.history_file(plan, name).is_file()
    for name in plan.drifted:
        old = content.read_migration(content.history_file(plan, name))
        new = content.read_migration(content.demo_dir() / plan.folder / name)
        assert pgdbm_sql.checksum(old) != pgdbm_sql.checksum(new)
    pending = [n for n in names if n not in plan.applied + plan.drifted]
    assert pending, "every module keeps something pending"


def test_the_planted_file_level_cases_are_there() -> None:
    users = content.PGDBM_MODULES[0]
    texts = {p.name: content.read_migration(p) for p in content.folder_files(users)}
    no_tx = [n for n, t in texts.items() if pgdbm_sql.is_no_transaction(t)]
    assert no_tx == ["006_users_email_lower_idx.sql"]
    assert "CREATE INDEX CONCURRENTLY" in texts[no_tx[0]]
    assert no_tx[0] not in users.applied  # the seed never runs it: it stays pending
    assert "{{ tables.users }}" in texts["007_add_last_login.sql"]
    assert "$$" in texts["003_touch_updated_at.sql"]
    orders = content.PGDBM_MODULES[1]
    assert "$body$" in content.read_migration(
        content.demo_dir() / orders.folder / "006_order_status_history.sql"
    )


def _pgdbm_checksum(text: str) -> str:
    # pgdbm's own method; it reads nothing from the instance.
    return str(AsyncMigrationManager._calculate_checksum(None, text))  # type: ignore[arg-type]


@pytest.mark.parametrize("plan", content.PGDBM_MODULES, ids=lambda p: p.name)
def test_rendering_and_checksums_are_pgdbms_own(plan: content.PgdbmPlan) -> None:
    manager = AsyncDatabaseManager(DatabaseConfig(schema=plan.schema))
    paths = content.folder_files(plan) + [
        content.history_file(plan, n) for n in plan.drifted + plan.missing
    ]
    for path in paths:
        text = content.read_migration(path)
        assert pgdbm_sql.render(text, plan.schema) == manager.prepare_query(text), path.name
        assert pgdbm_sql.checksum(text) == _pgdbm_checksum(text), path.name
