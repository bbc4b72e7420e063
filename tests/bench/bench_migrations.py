"""Benchmark: 20 modules × 25 migrations on a fresh database — schemadesk, pgdbm 0.5.0, psql.

Run on demand (not collected by pytest): ``python tests/bench/bench_migrations.py [--runs 3]``.
Each run gets a fresh database on one throwaway cluster (fsync off, as in the test suite).

- schemadesk: the CLI's path — load the project, read every module's status (folder, ledger),
  plan, apply on one pooled connection (own-pool mode: schema created, search_path set).
- pgdbm: the guide's shared-pool pattern — one pool, per module ``CREATE SCHEMA IF NOT EXISTS``
  and ``AsyncMigrationManager(...).apply_pending_migrations()``.
- psql: one ``psql`` session running every rendered file as ``BEGIN; ...; COMMIT;`` (no ledger,
  no locks): the floor of "one commit per file".

Prints the median of each and the ratios measured in the same run.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

import psycopg
from psycopg import conninfo as pg_conninfo
from psycopg import sql

from schemadesk.core.migrations.files import discover
from schemadesk.core.migrations.project import Project, discover_layout
from schemadesk.core.migrations.template import render
from schemadesk.core.pg_binaries import find_server_bindir
from schemadesk.core.profiles import ConnectionProfile
from schemadesk.db.actions import run_migrations
from schemadesk.db.database import Database
from schemadesk.db.local_cluster import LocalCluster, start_cluster
from schemadesk.db.migrations import service

MODULES = 20
PER_MODULE = 25


def write_project(root: Path) -> Path:
    """services/<mNN>/migrations/NNN_*.sql: create table, add column, index, seed rows."""
    for m in range(MODULES):
        folder = root / "services" / f"m{m:02}" / "migrations"
        folder.mkdir(parents=True)
        table = 0
        for i in range(PER_MODULE):
            kind = i % 4
            if kind == 0:
                table += 1
                body = (
                    f"CREATE TABLE {{{{tables.t{table}}}}} (\n"
                    "    id serial PRIMARY KEY,\n"
                    "    name text NOT NULL,\n"
                    "    created_at timestamptz NOT NULL DEFAULT now()\n"
                    ");\n"
                )
                name = f"create_t{table}"
            elif kind == 1:
                body = f"ALTER TABLE {{{{tables.t{table}}}}} ADD COLUMN note text;\n"
                name = f"t{table}_note"
            elif kind == 2:
                body = f"CREATE INDEX t{table}_name_idx ON {{{{tables.t{table}}}}} (name);\n"
                name = f"t{table}_index"
            else:
                values = ", ".join(f"('row {r}', 'seed')" for r in range(10))
                body = f"INSERT INTO {{{{tables.t{table}}}}} (name, note) VALUES {values};\n"
                name = f"t{table}_seed"
            (folder / f"{i + 1:03}_{name}.sql").write_text(body)
    return root


def fresh_database(cluster: LocalCluster, name: str) -> str:
    with psycopg.connect(cluster.conninfo(), autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return cluster.conninfo(name)


def count_rows(dsn: str, project: Project) -> int:
    with psycopg.connect(dsn) as conn:
        total = 0
        for m in project.modules:
            row = conn.execute(
                sql.SQL("SELECT count(*) FROM {}").format(
                    sql.Identifier(m.schema or "", "schema_migrations")
                )
            ).fetchone()
            total += row[0] if row else 0
        return total


async def run_schemadesk(dsn: str, project: Project) -> None:
    profile, _ = ConnectionProfile.from_dsn(dsn)
    database = await Database.open(profile)
    try:
        snaps = await service.snapshots_of(database, project, git_drift=False)
        plan = service.plan_of(snaps)
        result = await run_migrations(database, project, plan)
        if not result.ok or len(result.applied) != MODULES * PER_MODULE:
            raise SystemExit(f"schemadesk apply failed: {result.error}")
    finally:
        await database.close()


def asyncpg_dsn(conninfo: str) -> str:
    info = pg_conninfo.conninfo_to_dict(conninfo)
    host = quote(str(info.get("host", "")), safe="")
    user = info.get("user", "postgres")
    return f"postgresql://{user}@/{info['dbname']}?host={host}&port={info['port']}"


async def run_pgdbm(dsn: str, project: Project) -> None:
    from pgdbm import AsyncDatabaseManager, AsyncMigrationManager, DatabaseConfig

    config = DatabaseConfig(
        connection_string=asyncpg_dsn(dsn), min_connections=1, max_connections=2
    )
    pool = await AsyncDatabaseManager.create_shared_pool(config)
    try:
        admin = AsyncDatabaseManager(pool=pool)
        for module in project.modules:
            await admin.execute(f'CREATE SCHEMA IF NOT EXISTS "{module.schema}"')
            db = AsyncDatabaseManager(pool=pool, schema=module.schema)
            manager = AsyncMigrationManager(db, str(module.path), module_name=module.module_name)
            await manager.apply_pending_migrations()
    finally:
        await pool.close()


def psql_script(project: Project) -> str:
    parts = []
    for module in project.modules:
        parts.append(f'CREATE SCHEMA IF NOT EXISTS "{module.schema}";\n')
        for f in discover(module.path):
            parts.append("BEGIN;\n" + render(f.content or "", module.schema).text + "COMMIT;\n")
    return "".join(parts)


def run_psql(dsn: str, project: Project, psql: Path) -> None:
    script = psql_script(project)
    subprocess.run(
        [str(psql), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", dsn, "-f", "-"],
        input=script,
        text=True,
        check=True,
        capture_output=True,
    )


def measure(tool: str, dsn: str, project: Project, psql: Path) -> float:
    """Seconds one tool takes to apply the whole project on a fresh database."""
    start = time.perf_counter()
    if tool == "schemadesk":
        asyncio.run(run_schemadesk(dsn, project))
    elif tool == "pgdbm":
        asyncio.run(run_pgdbm(dsn, project))
    else:
        run_psql(dsn, project, psql)
    spent = time.perf_counter() - start
    if tool != "psql":
        assert count_rows(dsn, project) == MODULES * PER_MODULE
    return spent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    bindir = find_server_bindir()
    psql = bindir / "psql"
    with tempfile.TemporaryDirectory(prefix="schemadesk-bench-") as tmp:
        project = discover_layout(write_project(Path(tmp)))
        total = MODULES * PER_MODULE
        cluster = start_cluster(bindir)
        try:
            times: dict[str, list[float]] = {"schemadesk": [], "pgdbm": [], "psql": []}
            for run in range(args.runs):
                # Interleaved, so that a busy moment of the shared machine hits every tool.
                for tool, spent in times.items():
                    dsn = fresh_database(cluster, f"bench_{tool}_{run}")
                    t = measure(tool, dsn, project, psql)
                    spent.append(t)
                    print(f"run {run + 1}: {tool:10} {t:6.2f} s", file=sys.stderr, flush=True)
        finally:
            cluster.stop()
    med = {tool: statistics.median(ts) for tool, ts in times.items()}
    print(
        f"{MODULES} modules × {PER_MODULE} migrations = {total} migrations, median of {args.runs}"
    )
    for tool, m in med.items():
        print(f"  {tool:10} {m:6.2f} s  {m / total * 1000:5.2f} ms/migration")
    per_run = [sd / pg for sd, pg in zip(times["schemadesk"], times["pgdbm"], strict=True)]
    print(f"  schemadesk / pgdbm = {med['schemadesk'] / med['pgdbm']:.2f} (ratio of medians)")
    print(
        "  per-run ratios to pgdbm: "
        + ", ".join(f"{r:.2f}" for r in per_run)
        + f" (median {statistics.median(per_run):.2f})"
    )
    print(f"  schemadesk / psql  = {med['schemadesk'] / med['psql']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
