"""Every pending migration of the demo runs: what the window's apply buttons will do.

pgdbm modules through schemadesk's engine (orders after accepting the drifted file's new
checksum, as the user would), Alembic modules through Alembic, each as the schema's owner.
"""

from __future__ import annotations

import argparse
import asyncio
from typing import Any

import psycopg
import pytest
from psycopg import sql

from schemadesk.core.migrations.models import MigrationState, Plan
from schemadesk.core.migrations.plan import for_role
from schemadesk.core.migrations.project import load_project
from schemadesk.db.migrations import runner
from schemadesk.db.migrations.service import load_snapshots, plan_of
from schemadesk.demo import content
from tests.demo.test_seed import rows, run_seed

pytestmark = pytest.mark.db


async def _engine_to_head(dsn: str) -> list[str]:
    project = load_project(content.project_file())
    applied: list[str] = []
    async with await psycopg.AsyncConnection.connect(dsn, autocommit=True) as conn:
        snapshots = await load_snapshots(conn, project, git_drift=False)
        for snapshot in snapshots:
            for row in snapshot.status.drifted:
                assert row.recorded_checksum is not None
                assert row.file_checksum is not None
                changed = await runner.accept_checksum(
                    conn, snapshot.module, row.filename, row.recorded_checksum, row.file_checksum
                )
                assert changed == 1
        snapshots = await load_snapshots(conn, project, git_drift=False)
        plan = plan_of(snapshots)
        assert plan.runnable, plan.blockers
        for module in project.modules:
            steps = tuple(s for s in plan.steps if s.module == module.name)
            owner = f"{module.schema}_owner"
            await conn.execute(sql.SQL("SET ROLE {}").format(sql.Identifier(owner)))
            try:
                as_owner = for_role(Plan(steps), {module.name: module}, owner)
                result = await runner.apply_plan(conn, {module.name: module}, as_owner)
            finally:
                await conn.execute("RESET ROLE")
            assert result.ok, result.error
            applied += [f"{r.module}/{r.filename}" for r in result.applied]
        after = await load_snapshots(conn, project, git_drift=False)
    for snapshot in after:
        states = {row.state for row in snapshot.status.rows}
        assert states <= {MigrationState.APPLIED, MigrationState.MISSING}, snapshot.status.rows
    return applied


def _alembic_to_head(dsn: str, plan: content.AlembicPlan) -> None:
    from alembic import command
    from alembic.config import Config
    from psycopg import conninfo as pg_conninfo
    from sqlalchemy import create_engine, pool

    cfg = Config(
        str(content.alembic_ini()),
        cmd_opts=argparse.Namespace(x=[f"schema={plan.schema}", f"role={plan.schema}_owner"]),
    )
    cfg.attributes["configure_logger"] = False
    engine = create_engine(
        "postgresql+psycopg://",
        connect_args=pg_conninfo.conninfo_to_dict(dsn),
        poolclass=pool.NullPool,
    )
    try:
        with engine.connect() as connection:
            cfg.attributes["connection"] = connection
            command.upgrade(cfg, f"{plan.branch}@head")
    finally:
        engine.dispose()


def test_every_pending_migration_of_the_demo_applies(db_dsn: str) -> None:
    summary = run_seed(db_dsn)
    applied = asyncio.run(_engine_to_head(db_dsn))
    assert applied == [
        f"{m.name}/{name}" for m in summary.modules if m.kind == "pgdbm" for name in m.pending
    ]
    # the planted objects work: the status trigger writes history, the index exists
    with psycopg.connect(db_dsn, autocommit=True) as conn:
        conn.execute("UPDATE orders.orders SET status = 'cancelled' WHERE status = 'pending'")
    assert rows(
        db_dsn, "SELECT old_status::text, new_status::text FROM orders.order_status_history"
    ) == [("pending", "cancelled")]
    assert rows(
        db_dsn, "SELECT count(*) FROM pg_indexes WHERE indexname = 'users_email_lower_idx'"
    ) == [(1,)]

    pytest.importorskip("alembic")
    for plan in content.ALEMBIC_MODULES:
        _alembic_to_head(db_dsn, plan)
        heads = rows(
            db_dsn,
            sql.SQL("SELECT version_num FROM {}").format(
                sql.Identifier(plan.schema, plan.version_table)
            ),
        )
        assert heads == [(plan.revisions[-1],)]
    strays: list[Any] = rows(
        db_dsn,
        "SELECT n.nspname, c.relname, pg_get_userbyid(c.relowner) FROM pg_class c"
        " JOIN pg_namespace n ON n.oid = c.relnamespace"
        " WHERE n.nspname IN ('users', 'orders', 'auth', 'inventory')"
        " AND pg_get_userbyid(c.relowner) <> n.nspname || '_owner'",
    )
    assert strays == []
