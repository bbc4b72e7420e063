"""The demo database's Alembic modules: status, preview and apply as the window will do them."""

from __future__ import annotations

import psycopg
import pytest

from schemadesk.core.actions import ActionTarget
from schemadesk.core.alembic.preview import alembic_action
from schemadesk.core.migrations.models import MigrationState
from schemadesk.core.migrations.project import load_project
from schemadesk.db.alembic import service
from schemadesk.demo import content
from tests.alembic_engine.conftest import Opened, alembic_cli, revisions_in
from tests.demo.test_seed import run_seed

pytestmark = pytest.mark.db
pytest.importorskip("alembic")


def test_demo_modules_preview_and_apply_as_their_owner(opened: Opened) -> None:
    run_seed(opened.dsn)
    project = load_project(content.demo_dir() / "schemadesk.toml")
    snaps = {
        s.module.name: s
        for s in opened.gateway.call(service.alembic_snapshots(opened.database, project))
    }
    assert {"auth", "inventory"} <= set(snaps)
    ini = content.alembic_ini()
    for plan in content.ALEMBIC_MODULES:
        snap = snaps[plan.name]
        assert snap.heads == (plan.seeded_head,)
        assert snap.pending == plan.pending
        assert snap.status.count(MigrationState.UNVERIFIABLE) >= len(plan.seeded)
        assert snap.status.count(MigrationState.APPLIED) == 0
        preview = opened.gateway.call(service.preview_of(snap))
        action = alembic_action(
            preview, ActionTarget("demo", "localhost", 5432, "demo", "postgres", plan.schema)
        )
        assert [s.label for s in action.steps] == [
            f"{plan.name}/{snap.scripts.filename(r)}"  # type: ignore[union-attr]
            for r in plan.pending
        ]
        assert f"SET version_num='{plan.revisions[-1]}'" in action.sql
        result = opened.gateway.call(
            service.apply_alembic(opened.database, snap, run_as=f"{plan.schema}_owner")
        )
        assert result.ok, result.error
        current = revisions_in(alembic_cli(ini, opened.dsn, plan.schema, "current").stdout)
        (after,) = opened.gateway.call(
            service.alembic_snapshots(opened.database, project, modules=[plan.name])
        )
        assert after.heads == (plan.revisions[-1],)
        assert after.scripts is not None
        assert set(after.scripts.current) == current  # `alembic current` adds depends_on
        assert after.pending == ()
    with psycopg.connect(opened.dsn) as conn:
        owner = conn.execute(
            "SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = 'auth.api_tokens'::regclass"
        ).fetchone()
    assert owner == ("auth_owner",)
