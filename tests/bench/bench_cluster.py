"""A benchmark catalog's own cluster, cached under /var/tmp between runs (run on demand).

Building 10,000 keyed schemas costs minutes of server CPU; measuring them costs seconds. So the
cluster that holds a catalog lives in ``/var/tmp/schemadesk-bench/<shape>`` (the shape: schemas,
roles, plain or keyed, the server's major and the builder's version) and a rerun only starts the
server on it. A folder without the ``built`` mark (a build that was stopped) is finished: each
batch of schemas is one transaction, so the build goes on after the last batch committed.

    python tests/bench/bench_cluster.py --schemas 10000 --roles 20000   # build or reuse, serve

prints the database's conninfo and serves until interrupted, for the benchmarks' ``--dsn``.
"""

from __future__ import annotations

import argparse
import os
import signal
import time
from pathlib import Path

from psycopg import conninfo as pg_conninfo

from schemadesk.core.pg_binaries import find_server_bindir
from schemadesk.db.local_cluster import LocalCluster, start_cluster

ROOT = Path("/var/tmp/schemadesk-bench")
BUILDER_VERSION = 2  # bump when build_large_catalog's shape changes: old caches are not reused
DBNAME = "bench_catalog"

# Durability is pointless for a catalog that can be rebuilt; the build is DDL-bound.
BUILD_SETTINGS = {
    "autovacuum": "off",
    "wal_level": "minimal",
    "max_wal_senders": "0",
    # WAL past this is recycled at a checkpoint: at 20GB a 10,000-schema build kept 8 GB of it
    # on disk, which left no room for the 20,000-schema catalog beside it.
    "max_wal_size": "2GB",
    "checkpoint_timeout": "1h",
    "shared_buffers": "512MB",
    "max_locks_per_transaction": "1024",  # a batch of keyed tables holds thousands of locks
}


def shape_key(schemas: int, roles: int, plain: bool, major: int) -> str:
    """The cache folder's name for one catalog shape on one server major."""
    kind = "plain" if plain else "keyed"
    return f"s{schemas}-r{roles}-{kind}-pg{major}-b{BUILDER_VERSION}"


def _major(bindir: Path) -> int:
    import subprocess

    out = subprocess.run(
        [str(bindir / "postgres"), "--version"], check=True, capture_output=True, text=True
    )
    return int(out.stdout.split()[-1].split(".")[0])


def open_catalog(schemas: int, roles: int, *, plain: bool = False) -> tuple[LocalCluster, str]:
    """Start the cached cluster of that shape (building it first if needed); its conninfo."""
    import build_large_catalog

    bindir = find_server_bindir()
    root = ROOT / shape_key(schemas, roles, plain, _major(bindir))
    mark = root / "built"
    running = _served_by(root)
    if running is not None:  # another process serves it already: a second server cannot start
        raise SystemExit(f"already served by PID {running[0]}: {running[1]}")
    resume = root.exists() and not mark.exists()
    if resume:
        print(f"{root} holds an unfinished build: finishing it")
    ROOT.mkdir(parents=True, exist_ok=True)
    cluster = start_cluster(bindir, root=root, settings=BUILD_SETTINGS, keep=True, timeout=600)
    target = pg_conninfo.make_conninfo(cluster.conninfo(), dbname=DBNAME)
    if mark.exists():
        print(f"reusing the catalog cached in {root}")
        return cluster, target
    started = time.perf_counter()
    try:
        build_large_catalog.build(
            cluster.conninfo(),
            True,
            plain=plain,
            schemas=schemas,
            roles=roles,
            dbname=DBNAME,
            resume=resume,
        )
    except BaseException:
        cluster.stop()
        raise
    mark.write_text(f"built in {time.perf_counter() - started:.0f} s\n")
    return cluster, target


def _served_by(root: Path) -> tuple[int, str] | None:
    """(PID, conninfo) of a server already running on the cached folder, if one is."""
    try:
        lines = (root / "data" / "postmaster.pid").read_text().splitlines()
        pid, port = int(lines[0]), int(lines[3])
        os.kill(pid, 0)
    except (OSError, ValueError, IndexError):
        return None
    conninfo = pg_conninfo.make_conninfo(
        host=str(root / "sock"), port=port, dbname=DBNAME, user="postgres"
    )
    return pid, conninfo


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--schemas", type=int, required=True)
    parser.add_argument("--roles", type=int, required=True)
    parser.add_argument("--plain", action="store_true")
    args = parser.parse_args()
    cluster, target = open_catalog(args.schemas, args.roles, plain=args.plain)
    print(target, flush=True)
    # Both stop the server; a shell's background job starts with SIGINT ignored.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        cluster.stop()


if __name__ == "__main__":
    main()
