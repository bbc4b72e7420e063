"""An Alembic tenant chain rolled out: every matching schema of two databases upgraded to its
head, Alembic's own ``alembic current`` agreeing, and a second run finding nothing to do."""

from __future__ import annotations

import json
from pathlib import Path

import psycopg
import pytest

from schemadesk.cli import main
from tests.alembic_engine import repos
from tests.alembic_engine.conftest import sqlalchemy_url
from tests.fix_db import TestServer

TENANTS = ("tenant_a", "tenant_b", "tenant_c")


def test_a_tenant_chain_is_rolled_out_to_every_tenant_of_every_target(
    pg_server: TestServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    made = [pg_server.create_database() for _ in range(2)]
    try:
        _roll_out(pg_server, [pg_server.conninfo(d) for d in made], tmp_path, capsys)
    finally:
        for dbname in made:
            pg_server.drop_database(dbname)


def _roll_out(
    server: TestServer, dsns: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "saas"
    repos.alembic_init(root)
    repos.tenant_env(root)
    repos.revision(
        root, "t1", None, 'op.create_table("items", sa.Column("id", sa.Integer, primary_key=True))'
    )
    repos.revision(root, "t2", "t1", 'op.add_column("items", sa.Column("note", sa.Text))')
    (root / "schemadesk.toml").write_text(
        '[[alembic.tenants]]\nname = "tenants"\nconfig = "alembic.ini"\nschemas = "tenant_*"\n',
        encoding="utf-8",
    )
    for dsn in dsns:
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute("; ".join(f"CREATE SCHEMA {t}" for t in TENANTS))  # type: ignore[arg-type]
    targets = tmp_path / "fleet.toml"
    targets.write_text(
        f'[rollout]\nproject = "{root / "schemadesk.toml"}"\n\n'
        + "".join(
            f'[[targets]]\nname = "db{i}"\ndsn = {json.dumps(dsn)}\n\n'
            for i, dsn in enumerate(dsns)
        ),
        encoding="utf-8",
    )
    assert main(["rollout", "--targets", str(targets), "--yes", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    applied = {(r["target"], r["schema"]): r["applied"] for r in report["result"]["rows"]}
    assert applied == {(f"db{i}", t): 2 for i in range(2) for t in TENANTS}
    for dsn in dsns:
        for tenant in TENANTS:
            assert repos.alembic_current(root, sqlalchemy_url(dsn), tenant) == {"t2"}
    assert main(["rollout", "--targets", str(targets), "--yes", "--json"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert [t["steps"] for t in again["plan"]["targets"]] == [0, 0]
