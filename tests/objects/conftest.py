"""Fixtures of the object-detail tests: a superuser connection, the test's roles, a database."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import psycopg
import pytest

from schemadesk.core.profiles import ConnectionProfile
from schemadesk.db.database import Database
from schemadesk.db.gateway import Gateway
from tests.objects.seed import TestRoles, roles_of


@pytest.fixture
def admin(db_dsn: str) -> Iterator[psycopg.Connection[Any]]:
    with psycopg.connect(db_dsn, autocommit=True) as conn:
        yield conn


@pytest.fixture
def test_roles(admin: psycopg.Connection[Any]) -> Iterator[TestRoles]:
    yield from roles_of(admin)


@pytest.fixture
def database(gateway: Gateway, db_dsn: str) -> Database:
    return gateway.open(ConnectionProfile(name="objects", conninfo=db_dsn)).result()
