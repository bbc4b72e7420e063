"""Object details of one 20-table schema on the large catalog (``build_large_catalog.py``),
on demand (target: 100 ms).

    python tests/bench/bench_object_details.py --dsn "host=... user=postgres dbname=bench_catalog"

Measured through the gateway, as the window and ``schemadesk show`` load them: medians of
``--runs`` runs of ``load_schema_objects`` for the same schema again (``warm``) and for a
schema not loaded before in this run (``first``: its catalog rows may not be in the server's
buffers yet); the grants with reasons of every object of the schema, given the catalog's roles
and memberships (``grants``, what the window computes as objects are clicked, summed over all
40 objects). Peer in the same run: ``psql``, a fresh process, ``\\d+`` of each of the 20 tables
(what a DBA types to see them).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from schemadesk.core.access.effective import RoleGraph
from schemadesk.core.objects.grants import object_holders
from schemadesk.core.profiles import ConnectionProfile
from schemadesk.db.access import load_catalog
from schemadesk.db.gateway import Gateway
from schemadesk.db.objects import load_schema_objects


def _ms(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dsn", required=True)
    parser.add_argument("--schema", default="svc_01000", help="a 20-table schema")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--json", action="store_true", help="end with one JSON line of medians")
    args = parser.parse_args()
    psql = shutil.which("psql") or "/usr/lib/postgresql/15/bin/psql"
    profile = ConnectionProfile(name="bench", conninfo=args.dsn)
    samples: dict[str, list[float]] = {"warm": [], "first": [], "psql": [], "grants": []}
    with Gateway() as gateway:
        database = gateway.open(profile).result()
        objects = gateway.call(load_schema_objects(database.pool, args.schema))
        tables = [t.name for t in objects.tables]
        script = Path(tempfile.mkstemp(suffix=".sql")[1])
        script.write_text("".join(f"\\d+ {args.schema}.{t}\n" for t in tables), encoding="utf-8")
        catalog = gateway.call(load_catalog(database.pool, ("roles", "memberships")))
        graph = RoleGraph(catalog)
        number = int(args.schema.rsplit("_", 1)[1]) if "_" in args.schema else 0
        for run in range(args.runs):  # interleaved: every peer sees the same machine load
            samples["warm"].append(
                _ms(lambda: gateway.call(load_schema_objects(database.pool, args.schema)))
            )
            other = f"svc_{(number + 1 + run * 7) % 2000:05d}"  # a schema not yet loaded
            samples["first"].append(
                _ms(lambda: gateway.call(load_schema_objects(database.pool, other)))  # noqa: B023
            )
            samples["psql"].append(
                _ms(
                    lambda: subprocess.run(
                        [psql, "-X", "-q", "-o", "/dev/null", "-f", str(script), args.dsn],
                        check=True,
                    )
                )
            )
            samples["grants"].append(
                _ms(lambda: [object_holders(catalog, o, graph) for o in objects.objects()])
            )
        script.unlink()
    medians = {k: round(statistics.median(v), 1) for k, v in samples.items()}
    print(
        f"schema {args.schema}: {objects.count()} objects ({len(tables)} tables); "
        f"{len(catalog.roles)} roles; {args.runs} runs, medians"
    )
    print(f"  object details, same schema again   {medians['warm']:8.1f} ms")
    print(f"  object details, a schema first seen {medians['first']:8.1f} ms")
    print(f"  grants with reasons, all objects    {medians['grants']:8.1f} ms")
    print(f"  psql \\d+ of the 20 tables (peer)    {medians['psql']:8.1f} ms")
    load = os.getloadavg()[0]
    print(f"  load average {load:.1f} on {os.cpu_count()} cores")
    if args.json:
        print(json.dumps({**{f"{k}_ms": v for k, v in medians.items()}, "load": load}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
