"""Catalog load time and memory on the large catalog (``build_large_catalog.py``), on demand.

    python tests/bench/bench_catalog.py --dsn "host=... user=postgres dbname=bench_catalog"

Peer, measured in the same run: ``psql`` as a fresh process running the very same queries (the
text of the loader's named constants) with its output discarded. Reported: medians of ``--runs``
runs for the five lists (schemas with their ACLs, roles with settings, memberships, default
privileges: ``psql`` vs the gateway, warm pool and cold start) and for the full model (adds
tables, views, sequences and functions, and what the loader reads beside them: the extensions'
relations and functions, the types, the routines' argument types; ``psql_full_legacy_ms`` is the
earlier peer without those four); peak Python allocations (tracemalloc) and process RSS.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import psycopg

from schemadesk.core.access.conventions import check_conventions
from schemadesk.core.access.matrix import privilege_matrix
from schemadesk.core.profiles import ConnectionProfile
from schemadesk.db.access import load_catalog
from schemadesk.db.access import owned_objects as owned
from schemadesk.db.access import queries as q
from schemadesk.db.access.loader import Part
from schemadesk.db.gateway import Gateway

FIVE: tuple[Part, ...] = ("schemas", "roles", "memberships", "default_privileges")

# Peak RSS (VmHWM: ru_maxrss would carry over the parent's peak across fork + exec) of a fresh
# process, connected, then after loading the full model once.
_RSS_PROBE = """
import sys
from schemadesk.core.profiles import ConnectionProfile
from schemadesk.db.access import load_catalog
from schemadesk.db.gateway import Gateway

def hwm():
    with open("/proc/self/status") as f:
        return next(int(l.split()[1]) for l in f if l.startswith("VmHWM:")) / 1024

with Gateway() as gw:
    db = gw.open(ConnectionProfile(name="rss", conninfo=sys.argv[1])).result()
    before = hwm()
    catalog = gw.call(load_catalog(db))
    after = hwm()
print(before, after)
"""


def _median(
    fn: Callable[[], object], runs: int, clock: Callable[[], float] = time.perf_counter
) -> float:
    times = []
    for _ in range(runs):
        start = clock()
        fn()
        times.append((clock() - start) * 1000)
    return statistics.median(times)


def _psql_script(dsn: str, full: bool, legacy: bool = False) -> Path:
    with psycopg.connect(dsn) as conn:
        server = conn.info.server_version
        memberships = q.MEMBERSHIPS_PG16 if server >= 160000 else q.MEMBERSHIPS_PRE16
        parts = [q.CONTEXT, q.SCHEMAS, q.SCHEMA_COUNTS, q.ROLES, q.ROLE_SETTINGS, memberships]
        parts += [q.DEFAULT_PRIVILEGES]
        if full:  # and what else load_catalog reads for them (extensions' objects, types)
            parts += [q.RELATIONS, q.FUNCTIONS]
            if not legacy:
                parts += [q.EXTENSION_RELATIONS, *(query for _, _, query in owned.JOBS)]
        # The loader reads with JIT off (SET LOCAL in each query's transaction): so does psql.
        text = "SET jit = off;\n" + "".join(p.as_string(conn).strip() + ";\n" for p in parts)
    path = Path(tempfile.mkstemp(suffix=".sql")[1])
    path.write_text(text, encoding="utf-8")
    return path


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dsn", required=True)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--json", action="store_true", help="end with one JSON line of medians")
    args = parser.parse_args()
    psql = shutil.which("psql") or "/usr/lib/postgresql/15/bin/psql"
    five_sql, full_sql = _psql_script(args.dsn, False), _psql_script(args.dsn, True)
    legacy_sql = _psql_script(args.dsn, True, legacy=True)
    schema_sql = Path(tempfile.mkstemp(suffix=".sql")[1])
    with psycopg.connect(args.dsn) as conn:
        schema_sql.write_text(
            "SET jit = off;\n"
            + q.SCHEMAS.as_string(conn)
            + ";\n"
            + q.SCHEMA_COUNTS.as_string(conn)
            + ";\n",
            encoding="utf-8",
        )

    def run_psql(script: Path) -> Callable[[], object]:
        cmd = [psql, "-X", "-q", "-At", "-o", "/dev/null", "-f", str(script), args.dsn]
        return lambda: subprocess.run(cmd, check=True)

    profile = ConnectionProfile(name="bench", conninfo=args.dsn)
    samples: dict[str, list[float]] = {}
    with Gateway() as gateway:
        database = gateway.open(profile).result()
        gateway.call(load_catalog(database))  # warm the server's caches and the pool
        peers: dict[str, Callable[[], object]] = {
            "psql schemas": run_psql(schema_sql),
            "psql five": run_psql(five_sql),
            "psql full": run_psql(full_sql),
            "psql full, legacy": run_psql(legacy_sql),
            "gateway schemas": lambda: gateway.call(load_catalog(database, ["schemas"])),
            "gateway five": lambda: gateway.call(load_catalog(database, FIVE)),
            "gateway full": lambda: gateway.call(load_catalog(database)),
        }
        for _ in range(args.runs):  # interleaved, so that both peers see the same machine load
            for name, fn in peers.items():
                samples.setdefault(name, []).append(_median(fn, 1))

        def cold() -> None:
            with Gateway() as gw:
                db = gw.open(profile).result()
                gw.call(load_catalog(db, FIVE))

        cold_ms = _median(cold, args.runs)
        full = gateway.call(load_catalog(database))
        check_ms = _median(lambda: check_conventions(full), 3)
        # Its CPU (this thread's) beside it: on shared cores the wall clock waits for a core.
        check_cpu_ms = _median(lambda: check_conventions(full), 3, time.thread_time)
        some_role = next(r.name for r in full.roles if not r.is_predefined)
        matrix_ms = _median(lambda: privilege_matrix(full, [some_role]), 3)
        tracemalloc.start()
        catalog = gateway.call(load_catalog(database))
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    medians = {k: statistics.median(v) for k, v in samples.items()}
    probe = subprocess.run(
        [sys.executable, "-c", _RSS_PROBE, args.dsn], capture_output=True, text=True, check=True
    )
    rss_before, rss_after = (float(x) for x in probe.stdout.split())
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"catalog: {len(catalog.schemas)} schemas, {len(catalog.roles)} roles, "
        f"{len(catalog.memberships)} memberships, {len(catalog.relations)} relations, "
        f"{len(catalog.functions)} functions, {len(catalog.default_privileges)} default ACLs"
    )
    print(f"medians of {args.runs} runs (ms):")
    for name in ("schemas", "five", "full"):
        p, g = medians[f"psql {name}"], medians[f"gateway {name}"]
        print(f"  {name:8s} psql {p:7.1f}   gateway {g:7.1f}   ratio {g / p:4.2f}")
    legacy = medians["psql full, legacy"]
    print(f"  full: psql without the extensions' objects and types (earlier peer) {legacy:7.1f}")
    print(f"  five, cold (new gateway thread, pool, connect, load): {cold_ms:.1f}")
    print(
        f"  convention check of every schema (in memory): {check_ms:.1f} (CPU {check_cpu_ms:.1f})"
    )
    print(f"  privilege matrix, one role x every schema (in memory): {matrix_ms:.1f}")
    print(f"memory: tracemalloc peak of a full load {peak / 2**20:.1f} MiB")
    print(
        f"  fresh process, max RSS: {rss_before:.0f} MiB connected, {rss_after:.0f} MiB after "
        "loading the full model"
    )
    print(f"  this benchmark process (catalogs, findings, tracemalloc), max RSS {rss_mb:.0f} MiB")
    if args.json:
        figures = {
            "psql_full_ms": round(medians["psql full"], 1),
            "psql_full_legacy_ms": round(medians["psql full, legacy"], 1),
            "full_ms": round(medians["gateway full"], 1),
            "check_ms": round(check_ms, 1),
            "check_cpu_ms": round(check_cpu_ms, 1),
            "rss_mib": round(rss_after),
            "load": round(os.getloadavg()[0], 2),
        }
        print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
