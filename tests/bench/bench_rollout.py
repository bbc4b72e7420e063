"""Benchmark: 25 migrations to 20 databases — ``schemadesk rollout --parallel 4`` against
pgdbm 0.5.0 applied to each database in turn, in the same run.

Run on demand (not collected by pytest): ``python tests/bench/bench_rollout.py [--runs 3]``.
One throwaway cluster (fsync off, as in the test suite); every run gets 2 × 20 fresh databases.
The workload is one module of the migration benchmark's (``bench_migrations.write_project``:
create table, add column, index, seed rows, repeated).

- rollout: ``main(["rollout", "--targets", FILE, "--parallel", "4", "--yes", "--json"])`` in
  this process: the targets file read, every database planned from its ledger, the plan
  summarised, then applied four databases at a time (each its own connection), audited.
- pgdbm: for each database, the guide's pattern: a pool, ``CREATE SCHEMA IF NOT EXISTS``,
  ``AsyncMigrationManager(...).apply_pending_migrations()``, the pool closed.

Prints the median of each, the ratio of medians and the per-run ratios.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import psycopg
from psycopg import sql
from tests.bench.bench_migrations import asyncpg_dsn, fresh_database, write_project

from schemadesk.cli import main as schemadesk_main
from schemadesk.core.pg_binaries import find_server_bindir
from schemadesk.db.local_cluster import LocalCluster, start_cluster

DATABASES = 20
PER_MODULE = 25
SCHEMA = "m00"


def write_targets(root: Path, dsns: list[str]) -> Path:
    module = root / "services" / SCHEMA / "migrations"
    lines = [
        "[rollout]",
        "per_server = 4",
        "",
        "[[modules]]",
        f'name = "{SCHEMA}"',
        f'path = "{module}"',
        f'schema = "{SCHEMA}"',
        "",
    ]
    for i, dsn in enumerate(dsns):
        lines += ["[[targets]]", f'name = "db{i:02}"', f"dsn = {json.dumps(dsn)}", ""]
    path = root / "targets.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def run_rollout(root: Path, dsns: list[str]) -> None:
    targets = write_targets(root, dsns)
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = schemadesk_main(
            ["rollout", "--targets", str(targets), "--parallel", "4", "--yes", "--json"]
        )
    if code != 0:
        raise SystemExit(f"rollout exited {code}: {out.getvalue()[-2000:]}")


async def run_pgdbm(folder: Path, dsns: list[str]) -> None:
    from pgdbm import AsyncDatabaseManager, AsyncMigrationManager, DatabaseConfig

    for dsn in dsns:  # each database in turn, as a shell loop over pgdbm would
        config = DatabaseConfig(
            connection_string=asyncpg_dsn(dsn), min_connections=1, max_connections=2
        )
        pool = await AsyncDatabaseManager.create_shared_pool(config)
        try:
            await AsyncDatabaseManager(pool=pool).execute(f'CREATE SCHEMA IF NOT EXISTS "{SCHEMA}"')
            db = AsyncDatabaseManager(pool=pool, schema=SCHEMA)
            manager = AsyncMigrationManager(db, str(folder), module_name=SCHEMA)
            await manager.apply_pending_migrations()
        finally:
            await pool.close()


def applied(dsn: str) -> int:
    with psycopg.connect(dsn) as conn:
        row = conn.execute(
            sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(SCHEMA, "schema_migrations"))
        ).fetchone()
    return int(row[0]) if row else 0


def databases(cluster: LocalCluster, tool: str, run: int) -> list[str]:
    return [fresh_database(cluster, f"b_{tool}_{run}_{i}") for i in range(DATABASES)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    bindir = find_server_bindir()
    with tempfile.TemporaryDirectory(prefix="schemadesk-bench-") as tmp:
        root = write_project(Path(tmp))
        folder = root / "services" / SCHEMA / "migrations"
        cluster = start_cluster(bindir)
        times: dict[str, list[float]] = {"rollout": [], "pgdbm": []}
        try:
            for run in range(args.runs):
                for tool, spent in times.items():  # interleaved: a busy moment hits both
                    dsns = databases(cluster, tool, run)
                    start = time.perf_counter()
                    if tool == "rollout":
                        run_rollout(root, dsns)
                    else:
                        asyncio.run(run_pgdbm(folder, dsns))
                    spent.append(time.perf_counter() - start)
                    assert all(applied(d) == PER_MODULE for d in dsns)
                    print(f"run {run + 1}: {tool:8} {spent[-1]:6.2f} s", file=sys.stderr)
        finally:
            cluster.stop()
    med = {tool: statistics.median(ts) for tool, ts in times.items()}
    print(f"{DATABASES} databases × {PER_MODULE} migrations, median of {args.runs}")
    for tool, m in med.items():
        print(f"  {tool:8} {m:6.2f} s")
    ratios = [r / p for r, p in zip(times["rollout"], times["pgdbm"], strict=True)]
    print(f"  rollout --parallel 4 / pgdbm in turn = {med['rollout'] / med['pgdbm']:.2f}")
    print("  per-run ratios: " + ", ".join(f"{r:.2f}" for r in ratios))
    return 0


if __name__ == "__main__":
    sys.exit(main())
