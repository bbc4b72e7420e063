"""A fleet for rollout tests: three throwaway clusters, two fresh databases on each, fifty
tenant schemas in every database, and a targets file naming them in stages."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from schemadesk.cli import main
from schemadesk.db.local_cluster import start_cluster
from tests.fix_db import TestServer

TENANTS = tuple(f"tenant_{i:02d}" for i in range(1, 51))
FILES = {  # two files: each is DDL, seconds over 600 runs on a loaded machine
    "001_items.sql": "CREATE TABLE {{tables.items}} (id int PRIMARY KEY, note text);\n",
    "002_seed.sql": (
        "INSERT INTO {{tables.items}} VALUES (1, 'first');\nSELECT public.pace();\n"
        "CREATE INDEX items_note ON {{tables.items}} (note);\n"
    ),
}
FAST_PACE = "CREATE OR REPLACE FUNCTION public.pace() RETURNS void LANGUAGE sql AS $$ SELECT $$"


@dataclass
class Fleet:
    """Six databases (``c1a``, ``c1b``, ... ``c3b``) on three servers, and their targets file."""

    servers: list[TestServer]
    folder: Path
    databases: dict[str, str] = field(default_factory=dict)  # target name -> conninfo

    def write_targets(self, stages: dict[str, list[str]], **rollout: object) -> Path:
        """A targets file: ``stages`` maps a stage to its targets, in order."""
        lines = ["[rollout]"]
        lines += [f"{k} = {json.dumps(v)}" for k, v in rollout.items()]
        lines += ["", "[[rollout.tenants]]", 'name = "tenant"', f'path = "{self.folder}"']
        lines += ['schemas = "tenant_*"', ""]
        for stage in stages:
            lines += ["[[rollout.stages]]", f'name = "{stage}"', ""]
        for stage, names in stages.items():
            for name in names:
                dsn = json.dumps(self.databases[name])
                lines += ["[[targets]]", f'name = "{name}"', f"dsn = {dsn}"]
                lines += [f'stage = "{stage}"', ""]
        path = self.folder.parent / "targets.toml"
        path.write_text("\n".join(lines), encoding="utf-8")
        return path

    def run(self, targets: Path, *args: str) -> int:
        """``schemadesk rollout`` in this process."""
        return main(["rollout", "--targets", str(targets), "--yes", *args])

    def ledger(self, name: str) -> dict[str, list[str]]:
        """Every tenant's ledger rows (file names, in order) in one database."""
        found: dict[str, list[str]] = {}
        with psycopg.connect(self.databases[name]) as conn:
            for schema in TENANTS:
                exists = conn.execute(
                    "SELECT to_regclass(%s) IS NOT NULL", [f"{schema}.schema_migrations"]
                ).fetchone()
                if not exists or not exists[0]:
                    found[schema] = []
                    continue
                rows = conn.execute(
                    sql.SQL("SELECT filename FROM {} ORDER BY id").format(
                        sql.Identifier(schema, "schema_migrations")
                    )
                ).fetchall()
                found[schema] = [r[0] for r in rows]
        return found

    def seeded(self, name: str) -> dict[str, int]:
        """How many rows migration 002 left in each tenant's table (once: 1)."""
        counts: dict[str, int] = {}
        with psycopg.connect(self.databases[name]) as conn:
            for schema in TENANTS:
                there = conn.execute("SELECT to_regclass(%s)", [f"{schema}.items"]).fetchone()
                if there == (None,):
                    counts[schema] = 0
                    continue
                row = conn.execute(
                    sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(schema, "items"))
                ).fetchone()
                counts[schema] = int(row[0]) if row else 0
        return counts

    def execute(self, name: str, statement: str) -> None:
        with psycopg.connect(self.databases[name], autocommit=True) as conn:
            conn.execute(statement)  # type: ignore[arg-type]


_LEFT_ON_SHARED: list[str] = []  # the shared server's databases, dropped at the session's end


@pytest.fixture(scope="session")
def three_servers(pg_server: TestServer) -> Iterator[list[TestServer]]:
    """The test server and two more clusters of the same major. Databases are dropped when
    the session ends (the two clusters go whole): a DROP DATABASE per test waits for a
    checkpoint, seconds each on a loaded machine."""
    if pg_server.cluster is None:
        pytest.skip("rollout tests start clusters of their own: not with SCHEMADESK_TEST_DSN")
    extra = [start_cluster(pg_server.cluster.bindir) for _ in range(2)]
    try:
        yield [pg_server] + [
            TestServer(label=pg_server.label, admin_conninfo=c.conninfo(), cluster=c) for c in extra
        ]
    finally:
        for c in extra:
            c.stop()
        for dbname in _LEFT_ON_SHARED:
            pg_server.drop_database(dbname)


@pytest.fixture
def fleet(three_servers: list[TestServer], tmp_path: Path) -> Fleet:
    """Six fresh databases with fifty tenant schemas each (dropped when the session ends)."""
    folder = tmp_path / "tenant"
    folder.mkdir()
    for name, text in FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    made = Fleet(three_servers, folder)
    for i, server in enumerate(three_servers, 1):
        for part in "ab":
            dbname = server.create_database()
            if i == 1:
                _LEFT_ON_SHARED.append(dbname)
            made.databases[f"c{i}{part}"] = server.conninfo(dbname)
    for name in made.databases:
        made.execute(name, "; ".join(f"CREATE SCHEMA {s}" for s in TENANTS) + "; " + FAST_PACE)
    return made
