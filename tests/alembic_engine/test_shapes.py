"""Alembic as teams set it up, on every major: the seed's `alembic init` env.py, an env.py
reading DATABASE_URL, one tenant chain over many schemas, and an env.py that reaches another
database. After each apply, Alembic's own `alembic current` agrees per schema."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import psycopg
import pytest

from schemadesk.core.alembic.models import AlembicSnapshot
from schemadesk.core.migrations.models import MigrationState
from schemadesk.core.migrations.project import Project, load_project
from schemadesk.db.alembic import service
from schemadesk.db.alembic.guard import EnvReachedElsewhere
from tests.alembic_engine import repos
from tests.alembic_engine.conftest import Opened, sqlalchemy_url
from tests.fix_db import TestServer

pytestmark = pytest.mark.db

SEED_TABLES = {"auth": "alembic_version_auth", "inventory": "alembic_version_inventory"}


def _seed_repo(root: Path) -> None:
    """The seed's layout: one repository, a branch label per schema, CREATE SCHEMA first."""
    repos.alembic_init(root)
    repos.seed_env(root, SEED_TABLES)
    for schema, first, second in (
        ("auth", "a1", "a2"),
        ("inventory", "b1", "b2"),
    ):
        repos.revision(
            root, first, None, f'op.execute("CREATE SCHEMA IF NOT EXISTS {schema};")', label=schema
        )
        repos.revision(
            root,
            second,
            first,
            f'op.create_table("things", sa.Column("id", sa.Integer, primary_key=True), '
            f'schema="{schema}")',
        )


def _snapshots(opened: Opened, project: Project) -> dict[str, AlembicSnapshot]:
    found = opened.gateway.call(service.alembic_snapshots(opened.database, project))
    return {s.module.name: s for s in found}


def _apply_all(opened: Opened, project: Project, names: list[str]) -> None:
    snaps = _snapshots(opened, project)
    for name in names:
        result = opened.gateway.call(service.apply_alembic(opened.database, snaps[name]))
        assert result.ok, result.error


def _catalog(dsn: str) -> list[tuple[str, str]]:
    """Every user schema and relation: what a refused run must leave as it was."""
    with psycopg.connect(dsn) as conn:
        rows = conn.execute(
            "SELECT n.nspname::text, coalesce(c.relname::text, '') FROM pg_namespace n"
            " LEFT JOIN pg_class c ON c.relnamespace = n.oid"
            " WHERE n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'"
            " ORDER BY 1, 2"
        ).fetchall()
    return [(str(a), str(b)) for a, b in rows]


def test_the_seeds_alembic_init_env_py_connects_on_its_own_to_the_confirmed_database(
    opened: Opened, tmp_path: Path
) -> None:
    root = tmp_path / "game"
    _seed_repo(root)
    (root / "schemadesk.toml").write_text(
        '[alembic]\nconfig = "alembic.ini"\nversion_table_schema = "public"\n'
        "[alembic.schema_version_tables]\n"
        'auth = "alembic_version_auth"\ninventory = "alembic_version_inventory"\n',
        encoding="utf-8",
    )
    project = load_project(root)
    app_logger = logging.getLogger("schemadesk.test.kept")
    snaps = _snapshots(opened, project)
    assert snaps["auth"].pending == ("a1", "a2")
    assert snaps["auth"].pairing is None
    preview = opened.gateway.call(service.preview_of(snaps["auth"]))
    assert "CREATE TABLE auth.things" in preview.sql
    assert "alembic_version_auth" in preview.sql
    _apply_all(opened, project, ["auth", "inventory"])
    # env.py's fileConfig(alembic.ini) ran in this process: the application keeps its logging
    assert not app_logger.disabled
    url = sqlalchemy_url(opened.dsn)
    for schema, head in (("auth", "a2"), ("inventory", "b2")):
        assert repos.alembic_current(root, url, schema) == {head}
    after = _snapshots(opened, project)
    assert after["auth"].heads == ("a2",)
    assert after["auth"].version_table.schema == "public"
    assert not after["auth"].pending


def test_an_env_py_reading_database_url_gets_the_profiles_target_for_the_run_only(
    opened: Opened, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "svc"
    _seed_repo(root)
    repos.url_from_environment(root)
    (root / "schemadesk.toml").write_text(
        '[[modules]]\nname = "auth"\nkind = "alembic"\nconfig = "alembic.ini"\n'
        'version_table_schema = "public"\nurl_env = "DATABASE_URL"\n',
        encoding="utf-8",
    )
    elsewhere = "postgresql+psycopg://nobody@/nowhere?host=/nonexistent"
    monkeypatch.setenv("DATABASE_URL", elsewhere)
    project = load_project(root)
    snap = _snapshots(opened, project)["auth"]
    preview = opened.gateway.call(service.preview_of(snap))
    assert "CREATE TABLE auth.things" in preview.sql
    result = opened.gateway.call(service.apply_alembic(opened.database, snap))
    assert result.ok, result.error
    assert os.environ["DATABASE_URL"] == elsewhere  # given back as it was
    url = sqlalchemy_url(opened.dsn)
    current = repos.alembic_current(root, url, "auth", environment={"DATABASE_URL": url})
    assert current == {"a2"}


def _tenant_repo(root: Path) -> None:
    repos.alembic_init(root)
    repos.tenant_env(root)
    repos.revision(
        root, "t1", None, 'op.create_table("items", sa.Column("id", sa.Integer, primary_key=True))'
    )
    repos.revision(root, "t2", "t1", 'op.add_column("items", sa.Column("note", sa.Text))')


def test_one_tenant_chain_without_branch_labels_applied_to_three_schemas(
    opened: Opened, tmp_path: Path
) -> None:
    root = tmp_path / "saas"
    _tenant_repo(root)
    tenants = ["tenant_a", "tenant_b", "tenant_c"]
    (root / "schemadesk.toml").write_text(
        '[[alembic.tenants]]\nname = "tenants"\nconfig = "alembic.ini"\n'
        f"schemas = {tenants!r}\n".replace("'", '"'),
        encoding="utf-8",
    )
    project = load_project(root)
    snaps = _snapshots(opened, project)
    for tenant in tenants:
        snap = snaps[tenant]
        assert snap.module.branch is None
        assert (snap.version_table.schema, snap.version_table.name) == (tenant, "alembic_version")
        assert snap.pending == ("t1", "t2")
        states = [r.state for r in snap.status.rows]
        assert states == [MigrationState.PENDING, MigrationState.PENDING]
    _apply_all(opened, project, tenants)
    url = sqlalchemy_url(opened.dsn)
    for tenant in tenants:
        assert repos.alembic_current(root, url, tenant) == {"t2"}
    with psycopg.connect(opened.dsn) as conn:
        versions = conn.execute(
            "SELECT table_schema::text FROM information_schema.tables"
            " WHERE table_name = 'alembic_version' ORDER BY 1"
        ).fetchall()
        items = conn.execute(
            "SELECT table_schema::text FROM information_schema.columns"
            " WHERE table_name = 'items' AND column_name = 'note' ORDER BY 1"
        ).fetchall()
    assert [v for (v,) in versions] == tenants
    assert [i for (i,) in items] == tenants
    # The same tenants by a pattern and discovered from the database: the same state.
    for schemas in ('"tenant_*"', '"discover"'):
        (root / "schemadesk.toml").write_text(
            f'[[alembic.tenants]]\nconfig = "alembic.ini"\nschemas = {schemas}\n',
            encoding="utf-8",
        )
        found = _snapshots(opened, load_project(root))
        assert sorted(found) == tenants, schemas
        assert all(found[t].heads == ("t2",) and not found[t].pending for t in tenants)


def test_an_env_py_whose_url_points_at_another_database_is_refused_before_anything_runs(
    opened: Opened, tmp_path: Path, pg_server: TestServer
) -> None:
    other = pg_server.create_database()
    try:
        other_dsn = pg_server.conninfo(other)
        root = tmp_path / "stray"
        _seed_repo(root)
        repos.url_fixed(root, sqlalchemy_url(other_dsn))
        (root / "schemadesk.toml").write_text(
            '[[modules]]\nname = "auth"\nkind = "alembic"\nconfig = "alembic.ini"\n'
            'version_table_schema = "public"\n',
            encoding="utf-8",
        )
        snap = _snapshots(opened, load_project(root))["auth"]
        before = (_catalog(opened.dsn), _catalog(other_dsn))
        with pytest.raises(EnvReachedElsewhere) as refused:
            opened.gateway.call(service.apply_alembic(opened.database, snap))
        message = str(refused.value)
        assert f'database "{other}"' in message
        assert "nothing was run" in message
        assert (_catalog(opened.dsn), _catalog(other_dsn)) == before
    finally:
        pg_server.drop_database(other)
