"""Alembic modules in schemadesk.toml: keys, defaults, the [alembic] mapping, mistakes."""

from __future__ import annotations

from pathlib import Path

import pytest

from schemadesk.core.alembic.config import detected_module
from schemadesk.core.errors import ConfigError
from schemadesk.core.migrations.project import load_project
from tests.alembic_engine.conftest import DATA, INI


def _project(tmp_path: Path, text: str) -> Path:
    (tmp_path / "schemadesk.toml").write_text(text, encoding="utf-8")
    return tmp_path


def test_demo_project_lists_its_alembic_modules() -> None:
    demo = Path(__file__).resolve().parents[2] / "resources" / "demo"
    project = load_project(demo)
    assert [m.name for m in project.modules] == ["users", "orders"]
    modules = {m.name: m for m in project.alembic_modules}
    assert set(modules) == {"auth", "inventory"}
    auth = modules["auth"]
    assert (auth.schema, auth.branch, auth.version_table, auth.version_table_schema) == (
        "auth",
        "auth",
        "alembic_version_auth",
        "auth",
    )
    assert auth.config == (demo / "alembic" / "alembic.ini").resolve()
    assert auth.x_arguments == ("schema=auth",)
    assert auth.head_target == "auth@head"


def test_mapping_and_defaults() -> None:
    project = load_project(DATA)
    modules = {m.name: m for m in project.alembic_modules}
    assert set(modules) == {"accounts", "catalog", "orders"}
    assert project.modules == ()
    orders = modules["orders"]  # schema only: branch and version table from the seed's pattern
    assert (orders.branch, orders.version_table, orders.config) == (
        "orders",
        "alembic_version_orders",
        INI.resolve(),
    )
    assert modules["catalog"].version_table == "alembic_version_catalog"
    assert all(m.paired and not m.detected for m in modules.values())


def test_module_entry_wins_over_the_mapping(tmp_path: Path) -> None:
    root = _project(
        tmp_path,
        f"""
        [alembic]
        config = "{INI}"
        schema_version_tables = {{ shop = "versions_of_shop" }}

        [[modules]]
        name = "shop-module"
        kind = "alembic"
        schema = "shop"
        branch = "shop_line"
        version_table = "shop_versions"
        """,
    )
    (module,) = load_project(root).alembic_modules
    assert (module.name, module.branch, module.version_table) == (
        "shop-module",
        "shop_line",
        "shop_versions",
    )


def test_pyproject_config_is_accepted(tmp_path: Path) -> None:
    root = _project(
        tmp_path,
        '[[modules]]\nname = "a"\nkind = "alembic"\nconfig = "pyproject.toml"\n',
    )
    (module,) = load_project(root).alembic_modules
    assert module.config == (tmp_path / "pyproject.toml").resolve()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[modules]]\nname = "a"\nkind = "alembic"\n', "'config' is required"),
        (
            '[[modules]]\nname = "a"\nkind = "alembic"\nconfig = "x.ini"\nbrnach = "a"\n',
            "unknown key",
        ),
        ('[[modules]]\nname = "a"\nkind = "alembic"\nconfig = "x.cfg"\n', "neither"),
        ('[[modules]]\nkind = "alembic"\nconfig = "x.ini"\n', "'name' is required"),
        ('[alembic]\nschema_version_tables = { a = "t" }\n', "'config' is required"),
        ('[alembic]\nconfig = "x.ini"\nschema_version_tables = { a = 1 }\n', "must map"),
        (
            '[[modules]]\nname = "a"\npath = "m"\n\n'
            '[[modules]]\nname = "a"\nkind = "alembic"\nconfig = "x.ini"\n',
            "two modules named",
        ),
        (
            f'[[modules]]\nname = "a"\nkind = "alembic"\nconfig = "x.ini"\nschema = "{"s" * 64}"\n',
            "longer than 63",
        ),
    ],
)
def test_mistakes_are_named(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "m").mkdir()
    with pytest.raises(ConfigError, match=message):
        load_project(_project(tmp_path, text))


def test_detected_modules_are_named_after_the_table() -> None:
    module = detected_module("auth", "alembic_version_auth")
    assert (module.name, module.branch, module.detected) == ("auth", "auth", True)
    plain = detected_module("public", "alembic_version")
    assert (plain.name, plain.version_table) == ("public", "alembic_version")
    clash = detected_module("x", "alembic_version_auth", taken=["auth"])
    assert clash.name == "x.alembic_version_auth"
