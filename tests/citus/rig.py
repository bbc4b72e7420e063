"""A real Citus cluster for the tests: a coordinator and two workers, each a throwaway cluster
(``db.local_cluster``) with ``shared_preload_libraries = 'citus'``, registered with each other.

Citus itself is built from the shared source tarball by ``.ci/build-citus`` (never part of the
project); without ``citus.so`` the Citus tests are skipped with that reason.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from psycopg import sql

from schemadesk.core.pg_binaries import find_server_bindir
from schemadesk.db.local_cluster import LocalCluster, start_cluster

DATABASE = "tenants"


def citus_library(bindir: Path | None = None) -> Path:
    """Where ``citus.so`` is for the local server binaries (Debian's layout: ../lib)."""
    bindir = bindir or find_server_bindir()
    return bindir.parent / "lib" / "citus.so"


@dataclass
class CitusRig:
    """Three running nodes; ``dsn()`` of the coordinator, ``dsn(worker)`` of a node."""

    coordinator: LocalCluster
    workers: list[LocalCluster] = field(default_factory=list)

    def dsn(self, node: LocalCluster | None = None, user: str = "postgres") -> str:
        """Conninfo of ``DATABASE`` on a node (the coordinator by default), over its socket."""
        return (node or self.coordinator).conninfo(DATABASE, user=user)

    def worker_at(self, port: int) -> LocalCluster:
        return next(w for w in self.workers if w.port == port)

    def stop(self) -> None:
        for node in (*self.workers, self.coordinator):
            with contextlib.suppress(Exception):
                node.stop()


def _trust_loopback(node: LocalCluster) -> None:
    """The nodes connect to each other over TCP as the current role: trust on 127.0.0.1."""
    hba = node.datadir / "pg_hba.conf"
    hba.write_text("host all all 127.0.0.1/32 trust\n" + hba.read_text())
    with psycopg.connect(node.conninfo(), autocommit=True) as conn:
        conn.execute("SELECT pg_reload_conf()")
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(DATABASE)))
    with psycopg.connect(node.conninfo(DATABASE), autocommit=True) as conn:
        conn.execute("CREATE EXTENSION citus")


@contextlib.contextmanager
def citus_rig(workers: int = 2) -> Iterator[CitusRig]:
    """Start a coordinator and ``workers`` workers, register them; stop all at the end."""
    bindir = find_server_bindir()
    # The nodes need no TLS between them here (Citus asks for it by default, and the server's
    # libpq would look for client certificates in the HOME of whoever started the tests).
    settings = {
        "shared_preload_libraries": "citus",
        "max_connections": "200",
        "citus.node_conninfo": "sslmode=disable",
    }
    rig = CitusRig(start_cluster(bindir, settings=settings))
    try:
        for _ in range(workers):
            rig.workers.append(start_cluster(bindir, settings=settings))
        for node in (rig.coordinator, *rig.workers):
            _trust_loopback(node)
        with psycopg.connect(rig.dsn(), autocommit=True) as conn:
            conn.execute(
                "SELECT citus_set_coordinator_host('127.0.0.1', %s)", [rig.coordinator.port]
            )
            for worker in rig.workers:
                conn.execute("SELECT citus_add_node('127.0.0.1', %s)", [worker.port])
        yield rig
    finally:
        rig.stop()


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    """``schemadesk ARGS`` as a separate process, as a user runs it (output captured)."""
    return subprocess.run(
        [sys.executable, "-m", "schemadesk", *args],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
