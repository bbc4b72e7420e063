"""Fixtures of the Citus tests: one coordinator + two workers per session (about 6 s to start).

Tests marked ``citus`` are skipped, with one line saying why, only when ``citus.so`` is not
installed; ``.ci/run`` builds it first (``.ci/build-citus``), so on CI they always run.
Each test uses schemas and roles of its own names: the cluster is shared by the session.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import psycopg
import pytest
from psycopg import sql

from schemadesk.core.errors import PostgresNotFound
from tests.citus.rig import CitusRig, citus_library, citus_rig
from tests.fix_ui import isolated_qsettings, main_window, ui_loop  # noqa: F401

_names = itertools.count()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "citus: needs a Citus cluster (coordinator + 2 workers; .ci/build-citus)"
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    try:
        library = citus_library()
    except PostgresNotFound:  # no server binaries at all: the database tests say so already
        reason = "no PostgreSQL server binaries, so no Citus either"
    else:
        if library.is_file():
            return
        reason = f"Citus is not installed ({library} missing; .ci/build-citus)"
    skip = pytest.mark.skip(reason=reason)
    for item in items:
        if item.get_closest_marker("citus") is not None:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def citus() -> Iterator[CitusRig]:
    """The running Citus cluster of this session."""
    with citus_rig() as rig:
        yield rig


@pytest.fixture
def coordinator(citus: CitusRig) -> Iterator[psycopg.Connection[tuple[object, ...]]]:
    """Superuser connection (autocommit) to the coordinator's database."""
    with psycopg.connect(citus.dsn(), autocommit=True) as conn:
        yield conn


@pytest.fixture
def prefix(citus: CitusRig) -> Iterator[str]:
    """A name prefix of this test's own; its schemas and roles are dropped afterwards."""
    name = f"c{next(_names)}_"
    yield name
    with psycopg.connect(citus.dsn(), autocommit=True) as conn:
        schemas = conn.execute(
            "SELECT nspname FROM pg_namespace WHERE starts_with(nspname, %s)", [name]
        ).fetchall()
        for (schema,) in schemas:
            conn.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(schema)))
        roles = conn.execute(
            "SELECT rolname FROM pg_roles WHERE starts_with(rolname, %s)", [name]
        ).fetchall()
        for (role,) in roles:
            conn.execute(sql.SQL("DROP OWNED BY {} CASCADE").format(sql.Identifier(role)))
            conn.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(role)))
