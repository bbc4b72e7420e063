"""schemadesk.toml and the layouts guessed without one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from schemadesk.core.errors import ConfigError
from schemadesk.core.migrations.project import (
    discover_layout,
    find_project,
    load_project,
    single_module,
)
from tests.migrations.helpers import write_folder


def test_project_file_with_defaults_and_options(tmp_path: Path) -> None:
    (tmp_path / "schemadesk.toml").write_text(
        """
[[modules]]
name = "users"
path = "services/users/migrations"
schema = "users"

[[modules]]
name = "orders"
path = "db/orders"
schema = "orders"
ledger = "schema_migration_history"
pool = "shared"
module_name = "order_service"

[[modules]]
name = "plain"
path = "plain"

[[modules]]
name = "auth"
kind = "alembic"
config = "alembic.ini"
"""
    )
    project = find_project(tmp_path)
    users, orders, plain = project.modules
    assert users.path == tmp_path / "services/users/migrations"
    assert (users.ledger, users.pool, users.module_name) == ("schema_migrations", "own", "users")
    assert users.search_path == ("users", "public")
    assert users.creates_schema
    assert orders.module_name == "order_service"
    assert orders.search_path == ("pg_catalog",)
    assert not orders.creates_schema
    assert orders.ledger_schema == "orders"
    assert plain.template_schema is None
    assert plain.ledger_schema == "public"
    assert plain.search_path is None
    assert project.other_modules == ("auth (alembic)",)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("[[modules]]\nname = 'x'\n", "'path' is required"),
        ("[[modules]]\nname = 'x'\npath = 'p'\npool = 'mine'\n", "pool must be"),
        ("[[modules]]\nname = 'x'\npath = 'p'\nschema = 'a-b'\n", "is not a name pgdbm accepts"),
        ("[[modules]]\nname = 'x'\npath = 'p'\nledger = 'x;y'\n", "not a plain identifier"),
        ("[[modules]]\nname = 'x'\npath = 'p'\ncolour = 'red'\n", "unknown key(s) colour"),
        ("[[modules]]\nname = 'x'\npath = 'p'\n[[modules]]\nname = 'x'\npath = 'q'\n", "two"),
        ("modules = 3\n", "no [[modules]]"),
        ("[[modules\n", "schemadesk.toml"),
    ],
)
def test_project_file_errors_name_the_file(tmp_path: Path, body: str, message: str) -> None:
    (tmp_path / "schemadesk.toml").write_text(body)
    with pytest.raises(ConfigError, match=re.escape(message)) as e:
        load_project(tmp_path)
    assert str(tmp_path) in str(e.value)


def test_layout_services(tmp_path: Path) -> None:
    write_folder(tmp_path / "services/users/migrations", {"001.sql": "SELECT 1"})
    write_folder(tmp_path / "services/orders/migrations", {"001.sql": "SELECT 1"})
    write_folder(tmp_path / "services/empty/migrations", {})
    project = discover_layout(tmp_path)
    assert [(m.name, m.schema, m.module_name) for m in project.modules] == [
        ("orders", "orders", "orders"),
        ("users", "users", "users"),
    ]
    assert "services/<name>/migrations" in project.assumptions[0]


def test_layout_migrations_subfolders_and_single_folder(tmp_path: Path) -> None:
    write_folder(tmp_path / "a/migrations/billing", {"001.sql": "SELECT 1"})
    project = discover_layout(tmp_path / "a")
    assert [(m.name, m.schema) for m in project.modules] == [("billing", "billing")]
    write_folder(tmp_path / "b/migrations", {"001.sql": "SELECT 1"})
    single = discover_layout(tmp_path / "b")
    assert [(m.name, m.schema, m.module_name) for m in single.modules] == [
        ("default", None, "default")
    ]
    assert "without a schema" in single.assumptions[0]
    with pytest.raises(ConfigError, match=r"no schemadesk\.toml"):
        discover_layout(tmp_path / "nothing-here")


def test_single_module_defaults_like_pgdbm(tmp_path: Path) -> None:
    assert single_module(tmp_path, "users").modules[0].module_name == "users"
    assert single_module(tmp_path, None).modules[0].module_name == "default"
    assert single_module(tmp_path, "users", "svc").modules[0].module_name == "svc"
    assert single_module(tmp_path, None, pool="shared").modules[0].module_name == "public"


def test_the_demo_project_loads() -> None:
    demo = Path(__file__).parents[2] / "resources" / "demo"
    if not (demo / "schemadesk.toml").exists():
        pytest.fail("the demo project file is gone")
    project = load_project(demo)
    assert {m.name for m in project.modules} >= {"users", "orders"}
