"""The Alembic shapes in schemadesk.toml: the README's examples load as they say, bad input
names the file and table, tenants expand from names, a pattern or the database's tables."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from schemadesk.core.alembic.config import AlembicModule, resolve_branch
from schemadesk.core.alembic.tenants import expand
from schemadesk.core.errors import ConfigError
from schemadesk.core.migrations.project import Project, load_project

README = Path(__file__).resolve().parents[2] / "README.md"


def _readme_toml() -> str:
    text = README.read_text(encoding="utf-8")
    section = text[text.index("### Alembic") :]
    match = re.search(r"```toml\n(.*?)```", section, re.DOTALL)
    assert match is not None
    return match.group(1)


def load_project_text(tmp_path: Path, text: str) -> Project:
    (tmp_path / "schemadesk.toml").write_text(text, encoding="utf-8")
    return load_project(tmp_path)


def test_the_readme_shapes_load_as_documented(tmp_path: Path) -> None:
    project = load_project_text(tmp_path, _readme_toml())
    by_name = {m.name: m for m in project.alembic_modules}
    auth = by_name["auth"]
    assert (auth.branch, auth.version_table_schema, auth.version_table) == (
        "auth",
        "public",
        "alembic_version_auth",
    )
    billing = by_name["billing"]
    assert billing.branch == "billing"
    assert (billing.version_table_schema, billing.version_table) == ("ops", "billing_versions")
    assert billing.x_arguments == ("schema=billing", "tenant_mode=strict")
    assert billing.url_env == "DATABASE_URL"
    (group,) = project.alembic_tenants
    assert group.schemas == ("tenant_a", "tenant_b")
    tenant = group.module_for("tenant_a")
    assert (tenant.branch, tenant.head_target) == (None, "head")
    assert tenant.x_arguments == ("tenant=tenant_a",)
    assert (tenant.version_table_schema, tenant.version_table) == ("tenant_a", "alembic_version")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[alembic.tenants]]\nconfig = "a.ini"\n', "'schemas' is required"),
        ('[[alembic.tenants]]\nconfig = "a.ini"\nschemas = 3\n', "'schemas' must be"),
        ('[[alembic.tenants]]\nconfig = "a.ini"\nschemas = ["a", "a"]\n', "names a schema twice"),
        ('[[alembic.tenants]]\nschemas = ["a"]\n', "'config' is required"),
        (
            '[[alembic.tenants]]\nconfig = "a.ini"\nschemas = "t_*"\nversion_table = "v_{x}"\n',
            "may hold {schema}",
        ),
        (
            '[[alembic.tenants]]\nconfig = "a.ini"\nschemas = "t_*"\nx = ["schema=b"]\n',
            "must not set schema=",
        ),
        (
            '[[modules]]\nname = "m"\nkind = "alembic"\nconfig = "a.ini"\nurl_env = "A B"\n',
            "must name an environment variable",
        ),
        ('[[modules]]\nname = "m"\nkind = "alembic"\nconfig = "a.ini"\nx = "k=v"\n', "'x'"),
        (
            '[[alembic.tenants]]\nconfig = "a.ini"\nschemas = "t*"\nschema_x = "tenant"\n'
            'x = ["tenant=b"]\n',
            "must not set tenant=",
        ),
        ('[alembic]\nconfig = "a.ini"\nschema_env = "1X"\n', "'schema_env' must name"),
        (
            '[alembic]\nconfig = "a.ini"\nversion_table_schema = 5\n'
            "[alembic.schema_version_tables]\na = 'alembic_version_a'\n",
            "must be a string",
        ),
    ],
)
def test_bad_shapes_name_the_file_and_table(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=re.escape(message)) as raised:
        load_project_text(tmp_path, text)
    assert "schemadesk.toml" in str(raised.value)


def test_tenants_expand_from_names_a_pattern_or_the_version_tables_found(
    tmp_path: Path,
) -> None:
    project = load_project_text(
        tmp_path,
        '[alembic]\nconfig = "a.ini"\n'
        '[[alembic.tenants]]\nname = "by_pattern"\nschemas = "tenant_*"\n'
        '[[alembic.tenants]]\nname = "found"\nschemas = "discover"\n'
        'version_table = "alembic_version_{schema}"\nversion_table_schema = "public"\n',
    )
    existing = ["public", "tenant_a", "tenant_b", "tenantless", "pg_catalog", "shop"]
    tables = [("public", "alembic_version_shop"), ("tenant_a", "alembic_version")]
    modules = expand(project.alembic_tenants, existing, tables, taken=["tenant_b"])
    names = [(m.name, m.schema, m.version_table_schema, m.version_table) for m in modules]
    assert names == [
        ("tenant_a", "tenant_a", "tenant_a", "alembic_version"),
        # a pgdbm module is called tenant_b: the tenant is named after its group
        ("by_pattern.tenant_b", "tenant_b", "tenant_b", "alembic_version"),
        ("shop", "shop", "public", "alembic_version_shop"),
    ]


def test_an_ad_hoc_module_takes_the_label_if_declared_else_the_chain() -> None:
    module = AlembicModule("s", "s", Path("a.ini"), None, "", "s", auto=True)
    labelled = resolve_branch(module, {"s", "other"})
    assert (labelled.branch, labelled.version_table) == ("s", "alembic_version_s")
    chain = resolve_branch(module, {"other"})
    assert (chain.branch, chain.version_table, chain.head_target) == (
        None,
        "alembic_version",
        "head",
    )
    named = resolve_branch(AlembicModule("s", "s", None, None, "v", "s", auto=True), ())
    assert named.version_table == "v"
