"""``schemadesk diff`` on two large catalogs (``build_large_catalog.py``), on demand.

    python tests/bench/bench_diff.py --dsn "host=... user=postgres dbname=postgres" \
        --from-db diff_a --to-db diff_b [--runs 3] [--json]

Each run is a fresh process (its peak RSS, VmHWM, is the diff's own): open both databases, load
both sides side by side on the gateway (catalog + ledgers + Alembic heads), pair the schemas,
compare, plan the access change set for B, render its SQL. Reported: medians of the steps and
of the whole (wall and this process's CPU time: on a loaded machine the CPU time is what the
diff costs), the peak RSS, how many differences and statements; and the load average.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys

_RUN = """
import json, sys, time
t0 = time.perf_counter()
from schemadesk.core.profiles import ConnectionProfile
from schemadesk.db.gateway import Gateway
from schemadesk.db.diff import load_sides
from schemadesk.usecases.diff import compare_sides
from schemadesk.db.actions import change_set_text

def hwm():
    with open("/proc/self/status") as f:
        return next(int(l.split()[1]) for l in f if l.startswith("VmHWM:")) / 1024

a_dsn, b_dsn = sys.argv[1], sys.argv[2]
with Gateway() as gw:
    a = gw.open(ConnectionProfile(name="a", conninfo=a_dsn)).result()
    b = gw.open(ConnectionProfile(name="b", conninfo=b_dsn)).result()
    t1 = time.perf_counter()
    c1 = time.process_time()
    left, right = gw.call(load_sides(a, b))
    t2 = time.perf_counter()
    c2 = time.process_time()
    found = compare_sides(left, right)
    t3 = time.perf_counter()
    c3 = time.process_time()
    text = gw.call(change_set_text(b, found.change_set))
    t4 = time.perf_counter()
    c4 = time.process_time()
print(json.dumps({
    "open_ms": (t1 - t0) * 1000, "load_ms": (t2 - t1) * 1000, "compare_ms": (t3 - t2) * 1000,
    "render_ms": (t4 - t3) * 1000, "diff_ms": (t4 - t1) * 1000, "rss_mib": hwm(),
    "load_cpu_ms": (c2 - c1) * 1000, "compare_cpu_ms": (c3 - c2) * 1000,
    "diff_cpu_ms": (c4 - c1) * 1000,
    "pairs": len(found.report.pairs), "differences": len(found.report.differences),
    "statements": len(found.change_set.statements), "sql_bytes": len(text),
}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dsn", required=True, help="conninfo of the server (any database)")
    parser.add_argument("--from-db", default="diff_a")
    parser.add_argument("--to-db", default="diff_b")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="end with one JSON line of medians")
    args = parser.parse_args()
    from psycopg.conninfo import make_conninfo

    a = make_conninfo(args.dsn, dbname=args.from_db)
    b = make_conninfo(args.dsn, dbname=args.to_db)
    runs = []
    for i in range(args.runs):
        out = subprocess.run(
            [sys.executable, "-c", _RUN, a, b], capture_output=True, text=True, check=True
        )
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
        print(f"run {i + 1}: " + ", ".join(f"{k} {v:.0f}" for k, v in runs[-1].items()))
    medians = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    medians["load_average"] = os.getloadavg()[0]
    print("median: " + ", ".join(f"{k} {v:.1f}" for k, v in medians.items()))
    if args.json:
        print(json.dumps(medians))


if __name__ == "__main__":
    main()
