"""``schemadesk demo``: a throwaway PostgreSQL, seeded to show every feature, in the window."""

from __future__ import annotations

import argparse
import shlex
import signal
import sys
import time
from pathlib import Path
from typing import Any

from schemadesk.core.migrations.project import load_project
from schemadesk.core.pg_binaries import find_server_bindir
from schemadesk.core.profiles import ConnectionProfile
from schemadesk.db.demo_database import DEMO_DATABASE, prepare_demo_database
from schemadesk.db.local_cluster import start_cluster
from schemadesk.demo.content import project_file


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "demo",
        help="start a throwaway PostgreSQL with demo data and open the window on it",
        description="Starts a private PostgreSQL cluster (initdb + postgres from the local "
        "server binaries; SCHEMADESK_PG_BINDIR picks them), seeds the demo database and opens "
        "the window. The cluster is removed on exit unless --keep is given.",
    )
    parser.add_argument(
        "--keep",
        metavar="DIR",
        type=Path,
        help="keep the cluster in DIR after exit (and reuse it if DIR already holds one)",
    )
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="open the window offscreen, wait for every view to load, print a JSON summary, exit",
    )
    parser.add_argument(
        "--serve",
        action="store_true",
        help="no window: print the demo database's conninfo (line 1) and the demo project's "
        "schemadesk.toml (line 2), and keep the server up until Ctrl+C",
    )
    parser.set_defaults(run=run)


def _wait_for_interrupt() -> None:
    def interrupt(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)  # stop as cleanly on SIGTERM as on Ctrl+C
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass


def run(args: argparse.Namespace) -> int:
    bindir = find_server_bindir()
    keep_dir: Path | None = args.keep.resolve() if args.keep else None
    if not args.serve:
        print(f"schemadesk: starting a demo PostgreSQL from {bindir} …", file=sys.stderr)
    cluster = start_cluster(bindir, root=keep_dir, keep=keep_dir is not None)
    try:
        seeded = prepare_demo_database(cluster.conninfo())
        conninfo = cluster.conninfo(DEMO_DATABASE)
        if args.serve:
            toml = project_file()
            # Line 1 the conninfo, line 2 the project: status and plan need both.
            print(conninfo, flush=True)
            print(toml, flush=True)
            print(
                f"schemadesk: demo database {'seeded' if seeded else 'reused'}; Ctrl+C stops it\n"
                f"  schemadesk status --dsn {shlex.quote(conninfo)} --project "
                f"{shlex.quote(str(toml))}",
                file=sys.stderr,
                flush=True,
            )
            _wait_for_interrupt()
            return 0
        from schemadesk.app import open_window

        profile = ConnectionProfile(name="demo", conninfo=conninfo)
        project = load_project(project_file())
        return open_window(profile, project=project, smoke_test=args.smoke_test)
    finally:
        cluster.stop()
        if keep_dir is not None and not args.serve:
            print(f"schemadesk: demo cluster kept in {keep_dir}", file=sys.stderr)
