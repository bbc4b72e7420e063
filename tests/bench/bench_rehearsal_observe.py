"""Benchmark: what observing locks and rewrites costs a rehearsal, on the 500-migration project
of ``bench_migrations`` (20 modules × 25 migrations).

Run on demand (not collected by pytest): ``python tests/bench/bench_rehearsal_observe.py
[--runs 7]``. One throwaway cluster, two databases: *fresh* (the whole project rehearsed) and
*half* (the first 12 migrations of every module applied, so the snapshot and each step's
observation see tables with rows and indexes; the other 260 rehearsed). A rehearsal leaves
the database as it found it, so every run rehearses the same state. Each run times the
rehearsal alone (plan built beforehand) with observation off and on, interleaved so that a
busy moment of the shared machine hits both; prints the medians and their ratio.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

import psycopg
from tests.bench.bench_migrations import MODULES, PER_MODULE, fresh_database, write_project

from schemadesk.core.migrations.models import Plan
from schemadesk.core.migrations.project import Project, discover_layout
from schemadesk.core.pg_binaries import find_server_bindir
from schemadesk.db.local_cluster import start_cluster
from schemadesk.db.migrations import runner, service

HALF = 12


async def _plan(conn: psycopg.AsyncConnection[object], project: Project) -> Plan:
    snaps = await service.load_snapshots(conn, project, git_drift=False)
    return service.plan_of(snaps)


async def _apply_half(dsn: str, project: Project) -> None:
    async with await psycopg.AsyncConnection.connect(dsn, autocommit=True) as conn:
        plan = await _plan(conn, project)
        by_module: dict[str, int] = {}
        steps = []
        for step in plan.steps:
            by_module[step.module] = by_module.get(step.module, 0) + 1
            if by_module[step.module] <= HALF:
                steps.append(step)
        modules = {m.name: m for m in project.modules}
        done = await runner.apply_plan(conn, modules, Plan(tuple(steps)))
        assert done.ok, done.error


async def _rehearse(dsn: str, project: Project, *, observe: bool) -> tuple[float, int]:
    async with await psycopg.AsyncConnection.connect(dsn, autocommit=True) as conn:
        plan = await _plan(conn, project)
        modules = {m.name: m for m in project.modules}
        start = time.perf_counter()
        result = await runner.rehearse_plan(conn, modules, plan, observe=observe)
        spent = time.perf_counter() - start
    assert result.ok, result.error
    assert len(result.observed) == (len(plan.steps) if observe else 0)
    return spent, len(plan.steps)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    bindir = find_server_bindir()
    with tempfile.TemporaryDirectory(prefix="schemadesk-bench-") as tmp:
        project = discover_layout(write_project(Path(tmp)))
        cluster = start_cluster(bindir)
        try:
            dsns = {
                "fresh": fresh_database(cluster, "bench_fresh"),
                "half": fresh_database(cluster, "bench_half"),
            }
            asyncio.run(_apply_half(dsns["half"], project))
            times = {(db, on): [] for db in dsns for on in (False, True)}
            steps: dict[str, int] = {}
            for run in range(args.runs):
                for db, dsn in dsns.items():
                    order = (False, True) if run % 2 == 0 else (True, False)
                    for on in order:
                        spent, steps[db] = asyncio.run(_rehearse(dsn, project, observe=on))
                        times[db, on].append(spent)
                        label = "on " if on else "off"
                        print(f"run {run + 1}: {db:5} observe {label} {spent:6.3f} s",
                              file=sys.stderr, flush=True)  # fmt: skip
        finally:
            cluster.stop()
    print(f"{MODULES} modules × {PER_MODULE} migrations; medians of {args.runs} runs")
    for db in dsns:
        off = statistics.median(times[db, False])
        on = statistics.median(times[db, True])
        print(
            f"  {db:5} ({steps[db]} steps rehearsed): off {off:6.3f} s, on {on:6.3f} s,"
            f" overhead {(on / off - 1) * 100:+5.1f} %"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
