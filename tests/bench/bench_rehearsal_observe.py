"""Benchmark: what observing locks and rewrites costs a rehearsal, on the 500-migration project
of ``bench_migrations`` (20 modules × 25 migrations).

Run on demand (not collected by pytest): ``python tests/bench/bench_rehearsal_observe.py
[--runs 7]``. One throwaway cluster, two databases: *fresh* (the whole project rehearsed) and
*half* (the first 12 migrations of every module applied, so the snapshot and each step's
observation see tables with rows and indexes; the other 260 rehearsed). A rehearsal leaves
the database as it found it, so every run rehearses the same state. Each run times the
rehearsal alone (plan built beforehand) with observation off and on, interleaved so that a
busy moment of the shared machine hits both; prints the medians and their ratio, of wall time
and of CPU time (this process and its server backend: what the observation itself costs,
which a loaded machine's waits do not blur; Linux only), and the median of each run's own
ratio (the two rehearsals of one run ran back to back: a load that changes over minutes
cancels out of it).
"""

from __future__ import annotations

import argparse
import asyncio
import os
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


def _cpu(pid: int) -> float:
    """CPU seconds the server backend ``pid`` has used (Linux /proc): the scheduler's count in
    nanoseconds, else user + system in clock ticks (10 ms each: 3-5 % of a rehearsal's 0.2-0.4 s
    of backend time, more than the difference measured)."""
    schedstat = Path(f"/proc/{pid}/schedstat")
    if schedstat.exists():
        return int(schedstat.read_text().split()[0]) / 1e9
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def _rehearse(dsn: str, project: Project, *, observe: bool) -> tuple[float, float, int]:
    """Wall seconds and CPU seconds (this process and its server backend) of one rehearsal."""
    async with await psycopg.AsyncConnection.connect(dsn, autocommit=True) as conn:
        plan = await _plan(conn, project)
        modules = {m.name: m for m in project.modules}
        pid = conn.info.backend_pid
        cpu0, start = _cpu(pid) + time.process_time(), time.perf_counter()
        result = await runner.rehearse_plan(conn, modules, plan, observe=observe)
        spent = time.perf_counter() - start
        cpu = _cpu(pid) + time.process_time() - cpu0
    assert result.ok, result.error
    assert len(result.observed) == (len(plan.steps) if observe else 0)
    return spent, cpu, len(plan.steps)


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
            cpus: dict[tuple[str, bool], list[float]] = {k: [] for k in times}
            steps: dict[str, int] = {}
            for run in range(args.runs):
                for db, dsn in dsns.items():
                    order = (False, True) if run % 2 == 0 else (True, False)
                    for on in order:
                        spent, cpu, steps[db] = asyncio.run(_rehearse(dsn, project, observe=on))
                        times[db, on].append(spent)
                        cpus[db, on].append(cpu)
                        label = "on " if on else "off"
                        said = f"{spent:6.3f} s, CPU {cpu:6.3f} s"
                        print(f"run {run + 1}: {db:5} observe {label} {said}",
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
        off, on = statistics.median(cpus[db, False]), statistics.median(cpus[db, True])
        print(f"  {db:5} CPU (client + its backend): off {off:6.3f} s, on {on:6.3f} s,"
              f" overhead {(on / off - 1) * 100:+5.1f} %")  # fmt: skip
        for what, got in (("wall", times), ("CPU", cpus)):
            pairs = [b / a - 1 for a, b in zip(got[db, False], got[db, True], strict=True)]
            print(f"  {db:5} {what} overhead of each run, median: "
                  f"{statistics.median(pairs) * 100:+5.1f} %"
                  f" (runs {min(pairs) * 100:+.0f} to {max(pairs) * 100:+.0f} %)")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
