"""The throwaway PostgreSQL clusters the database tests run on.

One cluster per available major, started once per session: the local server binaries, plus every
bin folder listed in ``SCHEMADESK_PG_BINDIRS`` (os.pathsep-separated; ``.ci/run`` fetches 13, 14,
16, 17 and 18). ``SCHEMADESK_TEST_DSN`` replaces all of that with one server of your own.
Every test that asks for ``db_dsn`` gets a fresh database, dropped afterwards.

Without server binaries the suite still collects and its pure tests run: every database test
(one whose fixtures reach a server; it gets the ``db`` marker) is skipped with the one reason,
and the closing summary says how many did not run, which ``.ci/run`` treats as a failure.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from schemadesk.core.errors import PostgresNotFound
from schemadesk.core.pg_binaries import find_server_bindir
from schemadesk.db.gateway import Gateway
from schemadesk.db.local_cluster import LocalCluster, start_cluster

_counter = itertools.count()
MAJORS_RAN: set[str] = set()
# The fixtures that reach a server: a test using any of them is a database test.
SERVER_FIXTURES = frozenset({"pg_server", "primary_server", "server_bindir"})
NO_SERVER = "database test not run: "
# Each skipped test says the short reason; the closing summary gives the whole one, once.
NO_BINARIES = "no PostgreSQL server binaries (the run's closing lines say where it looked)"
DID_NOT_RUN = "Database tests that did not run:"
_not_run: list[str] = []


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


def _bindirs(find: Callable[[], Path] = find_server_bindir) -> tuple[list[Path], str]:
    """The server folders to test on, and why there are none (empty when there are)."""
    if os.environ.get("SCHEMADESK_TEST_DSN"):
        return [], ""
    dirs: list[Path] = []
    why = ""
    try:
        dirs.append(find())
    except PostgresNotFound as exc:
        why = str(exc)
    for entry in os.environ.get("SCHEMADESK_PG_BINDIRS", "").split(os.pathsep):
        if entry.strip() and Path(entry) not in dirs:
            dirs.append(Path(entry))
    return dirs, "" if dirs else why


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


_BINDIRS, _WHY_NONE = _bindirs()
_PARAMS: list[Path | str] = [*_BINDIRS] or ["none" if _WHY_NONE else "dsn"]
_IDS = [_major_label(b) for b in _BINDIRS] or ["no-server" if _WHY_NONE else "external"]


def _start(bindir: Path | str) -> Iterator[TestServer]:
    if bindir == "none":
        pytest.skip(NO_SERVER + NO_BINARIES)
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


@pytest.fixture(scope="session")
def server_bindir() -> Path:
    """The local server binaries, for tests that start a cluster of their own."""
    if not _BINDIRS or _WHY_NONE:
        pytest.skip(NO_SERVER + (NO_BINARIES if _WHY_NONE else "SCHEMADESK_TEST_DSN is set"))
    return _BINDIRS[0]


@pytest.fixture
def gateway() -> Iterator[Gateway]:
    """A started gateway (its loop thread), stopped after the test."""
    with Gateway() as gw:
        yield gw


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


@pytest.hookimpl(tryfirst=True)  # before -m selects by marker
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that reaches a server ``db`` (``-m "not db"`` runs the pure ones)."""
    for item in items:
        if SERVER_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.db)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.skipped and isinstance(report.longrepr, tuple):
        reason = str(report.longrepr[2]).removeprefix("Skipped: ")
        if reason.startswith(NO_SERVER):
            _not_run.append(reason.removeprefix(NO_SERVER))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _not_run:
        reasons = {_WHY_NONE if r == NO_BINARIES else r for r in _not_run}
        terminalreporter.write_line(f"{DID_NOT_RUN} {len(_not_run)}: {'; '.join(sorted(reasons))}")
    if MAJORS_RAN:
        terminalreporter.write_line(
            "PostgreSQL majors the database tests ran on: " + ", ".join(sorted(MAJORS_RAN))
        )
