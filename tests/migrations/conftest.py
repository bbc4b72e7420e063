"""Fixtures of the migration tests: a second fresh database on the same server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.fix_db import TestServer


@pytest.fixture
def second_dsn(pg_server: TestServer) -> Iterator[str]:
    """Another fresh database on the same server as ``db_dsn`` (for side-by-side runs)."""
    name = pg_server.create_database()
    try:
        yield pg_server.conninfo(name)
    finally:
        pg_server.drop_database(name)
