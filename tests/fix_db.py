"""The throwaway PostgreSQL clusters the database tests run on.

One cluster per available major, started once per session: the local server binaries, plus every
bin folder listed in ``SCHEMADESK_PG_BINDIRS`` (os.pathsep-separated; ``.ci/run`` fetches 13, 14,
16, 17 and 18). ``SCHEMADESK_TEST_DSN`` replaces all of that with one server of your own.
Every test that asks for ``db_dsn`` gets a fresh database, dropped afterwards.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from schemadesk.core.pg_binaries import find_server_bindir
from schemadesk.db.local_cluster import LocalCluster, start_cluster

_counter = itertools.count()
MAJORS_RAN: set[str] = set()


@dataclass
class TestServer:
    """A server the tests may use: a started cluster, or the one SCHEMADESK_TEST_DSN names."""

    __test__ = False  # not a test class
    label: str
    admin_conninfo: str  # superuser, database "postgres"
    cluster: LocalCluster | None = None

    def conninfo(self, dbname: str) -> str:
        return psycopg.conninfo.make_conninfo(self.admin_conninfo, dbname=dbname)

    @property
    def major(self) -> int:
        with psycopg.connect(self.admin_conninfo) as conn:
            return conn.info.server_version // 10000

    def create_database(self) -> str:
        name = f"t{os.getpid()}_{next(_counter)}"
        with psycopg.connect(self.admin_conninfo, autocommit=True) as conn:
            conn.execute(
                sql.SQL("CREATE DATABASE {} TEMPLATE template0").format(sql.Identifier(name))
            )
        return name

    def drop_database(self, name: str) -> None:
        with psycopg.connect(self.admin_conninfo, autocommit=True) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def _bindirs() -> list[Path]:
    if os.environ.get("SCHEMADESK_TEST_DSN"):
        return []
    dirs = [find_server_bindir()]
    for entry in os.environ.get("SCHEMADESK_PG_BINDIRS", "").split(os.pathsep):
        if entry.strip() and Path(entry) not in dirs:
            dirs.append(Path(entry))
    return dirs


def _major_label(bindir: Path) -> str:
    """``pg17`` from ``postgres (PostgreSQL) 17.10`` or ``... 15.18 (Debian 15.18-0+deb12u1)``."""
    import re
    import subprocess

    out = subprocess.run(
        [str(bindir / "postgres"), "--version"], capture_output=True, text=True, check=False
    )
    match = re.search(r"\(PostgreSQL\) (\d+)", out.stdout)
    if match is None:
        raise RuntimeError(f"{bindir}/postgres --version said {out.stdout or out.stderr!r}")
    return "pg" + match[1]


_BINDIRS = _bindirs()
_PARAMS = _BINDIRS or ["dsn"]
_IDS = [_major_label(b) for b in _BINDIRS] or ["external"]


def _start(bindir: Path | str) -> Iterator[TestServer]:
    if isinstance(bindir, str):
        dsn = os.environ["SCHEMADESK_TEST_DSN"]
        yield TestServer(label="external", admin_conninfo=dsn)
        return
    cluster = start_cluster(bindir)
    try:
        yield TestServer(
            label=_major_label(bindir), admin_conninfo=cluster.conninfo(), cluster=cluster
        )
    finally:
        cluster.stop()


@pytest.fixture(scope="session", params=_PARAMS, ids=_IDS)
def pg_server(request: pytest.FixtureRequest) -> Iterator[TestServer]:
    """A running server, once per available PostgreSQL major (tests using it run on each)."""
    for server in _start(request.param):
        MAJORS_RAN.add(server.label)
        yield server


@pytest.fixture(scope="session")
def primary_server() -> Iterator[TestServer]:
    """The local major only: for window tests, which need not repeat on every major."""
    for server in _start(_PARAMS[0]):
        MAJORS_RAN.add(server.label)
        yield server


def _fresh(server: TestServer) -> Iterator[str]:
    name = server.create_database()
    try:
        yield server.conninfo(name)
    finally:
        server.drop_database(name)


@pytest.fixture
def db_dsn(pg_server: TestServer) -> Iterator[str]:
    """Conninfo (superuser, unix socket) of a fresh, empty database on each major."""
    yield from _fresh(pg_server)


@pytest.fixture
def primary_dsn(primary_server: TestServer) -> Iterator[str]:
    """Conninfo of a fresh database on the local major (window tests)."""
    yield from _fresh(primary_server)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if MAJORS_RAN:
        terminalreporter.write_line(
            "PostgreSQL majors the database tests ran on: " + ", ".join(sorted(MAJORS_RAN))
        )
