"""Benchmark: one 50 MB migration (211,855 INSERTs) — schemadesk's CLI against pgdbm 0.5.0.

Run on demand (not collected by pytest): ``python tests/bench/bench_large_file.py [--runs 3]``.
Each tool runs as its own process (so peak memory is its own), on a fresh database of one
throwaway cluster (fsync off, as in the test suite), interleaved run by run:

- pgdbm: ``AsyncMigrationManager.apply_pending_migrations()`` with its own pool for the schema;
- schemadesk apply: ``schemadesk apply --migrations DIR --schema app --yes``;
- schemadesk plan: ``schemadesk plan`` on a fresh database (prints the 50 MB of SQL);
- schemadesk render: ``schemadesk render FILE --schema app``.

Prints wall time and peak RSS (medians) and their ratios to pgdbm's apply, measured in the same
run. The issue's bar: within 1.5x pgdbm's time and 3x its peak memory.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg
from psycopg import sql

from schemadesk.core.pg_binaries import find_server_bindir
from schemadesk.db.local_cluster import LocalCluster, start_cluster

ROWS = 211_855

PGDBM = """
import asyncio, sys
from pgdbm import AsyncDatabaseManager, AsyncMigrationManager, DatabaseConfig

async def main(dsn, folder):
    db = AsyncDatabaseManager(DatabaseConfig(connection_string=dsn, schema="app",
                                             min_connections=1, max_connections=2))
    await db.connect()
    try:
        manager = AsyncMigrationManager(db, folder, module_name="app")
        await manager.apply_pending_migrations()
    finally:
        await db.disconnect()

asyncio.run(main(sys.argv[1], sys.argv[2]))
"""


def write_file(path: Path) -> None:
    """A seed migration: one table, then ROWS one-line INSERTs of about 236 bytes each."""
    with path.open("w", encoding="utf-8") as f:
        f.write(
            "CREATE TABLE {{tables.items}} (id int PRIMARY KEY, name text, note text, "
            "payload jsonb);\n"
        )
        for i in range(ROWS):
            f.write(
                f"INSERT INTO {{{{tables.items}}}} (id, name, note, payload) VALUES ({i}, "
                f"'item {i:07}', 'a note with ''quotes'', a ; semicolon and -- no comment "
                f'{i % 97}\', \'{{"k": {i}, "tags": ["a", "b", "c"], "text": '
                '"lorem ipsum dolor sit amet, conse"}\');\n'
            )


def fresh_database(cluster: LocalCluster, name: str) -> str:
    with psycopg.connect(cluster.conninfo(), autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return cluster.conninfo(name)


def asyncpg_dsn(cluster: LocalCluster, name: str) -> str:
    info = psycopg.conninfo.conninfo_to_dict(cluster.conninfo(name))
    host = str(info["host"]).replace("/", "%2F")
    return f"postgresql://{info.get('user', 'postgres')}@/{name}?host={host}&port={info['port']}"


def run(argv: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one process; its output is thrown away."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    spent = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{argv[:4]} failed ({proc.returncode}): {err.decode()[-2000:]}")
    return spent, usage.ru_maxrss / 1024


def count(dsn: str) -> int:
    with psycopg.connect(dsn) as conn:
        row = conn.execute("SELECT count(*) FROM app.items").fetchone()
        return row[0] if row else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", action="append", help="pgdbm, apply, plan or render")
    args = parser.parse_args()
    tools = args.only or ["pgdbm", "apply", "plan", "render"]
    cli = [sys.executable, "-m", "schemadesk"]
    with tempfile.TemporaryDirectory(prefix="schemadesk-bench-") as tmp:
        folder = Path(tmp) / "migrations"
        folder.mkdir()
        path = folder / "001_seed.sql"
        write_file(path)
        print(f"{path.name}: {path.stat().st_size / 1e6:.1f} MB, {ROWS} INSERTs", flush=True)
        cluster = start_cluster(find_server_bindir())
        try:
            found: dict[str, list[tuple[float, float]]] = {t: [] for t in tools}
            for n in range(args.runs):
                for tool in tools:  # interleaved: a busy moment hits every tool
                    name = f"bench_{tool}_{n}"
                    dsn = fresh_database(cluster, name)
                    target = ["--dsn", dsn, "--migrations", str(folder), "--schema", "app"]
                    pgdbm = [sys.executable, "-c", PGDBM, asyncpg_dsn(cluster, name), str(folder)]
                    argv = {
                        "pgdbm": pgdbm,
                        "apply": [*cli, "apply", *target, "--yes"],
                        "plan": [*cli, "plan", *target],
                        "render": [*cli, "render", str(path), "--schema", "app"],
                    }[tool]
                    spent, rss = run(argv)
                    if tool in ("pgdbm", "apply"):
                        assert count(dsn) == ROWS, tool
                    found[tool].append((spent, rss))
                    print(f"run {n + 1}: {tool:7} {spent:6.2f} s {rss:7.0f} MB", flush=True)
        finally:
            cluster.stop()
    print(f"median of {args.runs} runs (wall time, peak RSS), ratios to pgdbm's apply:")
    base_t = statistics.median(t for t, _ in found.get("pgdbm", [(1.0, 1.0)]))
    base_m = statistics.median(m for _, m in found.get("pgdbm", [(1.0, 1.0)]))
    for tool, values in found.items():
        t = statistics.median(v[0] for v in values)
        m = statistics.median(v[1] for v in values)
        print(f"  {tool:7} {t:6.2f} s ({t / base_t:4.2f}x)  {m:7.0f} MB ({m / base_m:4.2f}x)")
    if "pgdbm" in found:  # the same run's ratios: a busy moment of the machine hits both
        for tool, values in found.items():
            if tool != "pgdbm":
                ratios = [v[0] / p[0] for v, p in zip(values, found["pgdbm"], strict=True)]
                print(f"  {tool:7} per-run time ratios: " + ", ".join(f"{r:.2f}" for r in ratios))
    return 0


if __name__ == "__main__":
    sys.exit(main())
