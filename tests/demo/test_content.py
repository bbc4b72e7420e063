"""The demo project on disk: the project file, the migration folders, their planted problems."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from pgdbm import AsyncDatabaseManager, DatabaseConfig
from pgdbm.migrations import AsyncMigrationManager

from schemadesk.core.migrations.files import discover
from schemadesk.core.migrations.project import load_project
from schemadesk.core.migrations.template import render
from schemadesk.demo import content


def pgdbm_text(path: Path) -> str:
    return path.read_text(encoding="utf-8")  # as pgdbm reads a migration


def pgdbm_checksum(text: str) -> str:
    # pgdbm's own method; it reads nothing from the instance.
    return str(AsyncMigrationManager._calculate_checksum(None, text))  # type: ignore[arg-type]


def folder(plan: content.PgdbmPlan) -> Path:
    return content.demo_dir() / plan.folder


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
        assert (content.project_file().parent / modules[name]["path"]).is_dir()
    for name in ("auth", "inventory"):
        assert set(modules[name]) == alembic_keys
        assert modules[name]["branch"] == name == modules[name]["schema"]
        assert modules[name]["version_table"] == f"alembic_version_{name}"
        assert (content.project_file().parent / modules[name]["config"]) == content.alembic_ini()
    assert content.alembic_ini().is_file()


def test_the_engine_loads_the_project_file() -> None:
    project = load_project(content.project_file())
    assert [m.name for m in project.modules] == ["users", "orders"]
    assert [m.schema for m in project.modules] == ["users", "orders"]
    assert [m.path for m in project.modules] == [folder(p) for p in content.PGDBM_MODULES]
    assert len(project.other_modules) == 2  # auth, inventory: Alembic's


@pytest.mark.parametrize("plan", content.PGDBM_MODULES, ids=lambda p: p.name)
def test_each_pgdbm_folder_has_five_to_eight_files_and_the_plan_fits_it(
    plan: content.PgdbmPlan,
) -> None:
    names = [f.filename for f in discover(folder(plan))]
    assert 5 <= len(names) <= 8
    assert set(plan.applied) <= set(names)
    assert set(plan.drifted) <= set(names)
    assert not set(plan.missing) & set(names)
    for name in plan.missing + plan.drifted:
        assert content.history_file(plan, name).is_file()
    for name in plan.drifted:
        old = pgdbm_text(content.history_file(plan, name))
        new = pgdbm_text(folder(plan) / name)
        assert pgdbm_checksum(old) != pgdbm_checksum(new)
    pending = [n for n in names if n not in plan.applied + plan.drifted]
    assert pending, "every module keeps something pending"


def test_the_planted_file_level_cases_are_there() -> None:
    users, orders = content.PGDBM_MODULES
    files = {f.filename: f for f in discover(folder(users))}
    no_tx = [name for name, f in files.items() if f.no_transaction]
    assert no_tx == ["006_users_email_lower_idx.sql"]
    assert "CREATE INDEX CONCURRENTLY" in (files[no_tx[0]].content or "")
    assert no_tx[0] not in users.applied  # the seed never runs it: it stays pending
    assert "$$" in (files["003_touch_updated_at.sql"].content or "")
    assert "$body$" in pgdbm_text(folder(orders) / "006_order_status_history.sql")
    # the placeholder the preview must flag, and only there
    flagged = {
        name: [p.code for p in render(f.content or "", users.schema).problems]
        for name, f in files.items()
    }
    assert flagged.pop("007_add_last_login.sql") == ["unknown-placeholder"]
    assert not any(flagged.values()), flagged


@pytest.mark.parametrize("plan", content.PGDBM_MODULES, ids=lambda p: p.name)
def test_rendering_and_checksums_agree_with_pgdbm(plan: content.PgdbmPlan) -> None:
    manager = AsyncDatabaseManager(DatabaseConfig(schema=plan.schema))
    files = {f.filename: f for f in discover(folder(plan))}
    paths = [folder(plan) / n for n in files] + [
        content.history_file(plan, n) for n in plan.drifted + plan.missing
    ]
    for path in paths:
        text = pgdbm_text(path)
        assert render(text, plan.schema).text == manager.prepare_query(text), path.name
        if path.name in files and path.parent == folder(plan):
            assert files[path.name].checksum == pgdbm_checksum(text), path.name
