"""Fixtures of the access tests: a gateway, a superuser connection, and cluster roles that are
unique to the test (named from its database) and dropped afterwards."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest
from psycopg import sql

from schemadesk.core.access.models import Catalog
from schemadesk.core.profiles import ConnectionProfile
from schemadesk.db.access import load_catalog
from schemadesk.db.database import Database
from schemadesk.db.gateway import Gateway

# Names that break naive quoting; every one is a valid PostgreSQL identifier of <= 63 bytes.
HOSTILE = (
    "with space",
    'dq"uote',
    "semi;-- DROP TABLE x",
    "back\\slash",
    "dot.ted",
    "new\nline",
    "select",
    "Mixed",
    "mixed",
    "日本語スキーマ",
    "emoji 🚀🔥",
    "eq=/,x*",
    "'single'",
    "$1 ",
    "a" * 63,
    "é" * 31 + "x",  # 63 bytes
)


class Roles:
    """Creates cluster roles with the test's prefix and drops them at the end."""

    def __init__(self, admin: psycopg.Connection[tuple[object, ...]], prefix: str) -> None:
        self.admin = admin
        self.prefix = prefix
        self.created: list[str] = []

    def name(self, suffix: str) -> str:
        """``prefix + suffix``, cut to 63 bytes on a character boundary."""
        full = self.prefix + suffix
        while len(full.encode()) > 63:
            full = full[:-1]
        return full

    def create(self, suffix: str, options: str = "NOLOGIN") -> str:
        name = self.name(suffix)
        self.admin.execute(
            sql.SQL("CREATE ROLE {} " + options).format(sql.Identifier(name))  # type: ignore[arg-type]
        )
        self.created.append(name)
        return name

    def track(self, name: str) -> str:
        self.created.append(name)
        return name

    def drop_all(self) -> None:
        self.admin.execute("RESET ROLE")
        self.admin.execute(
            sql.SQL("ALTER DATABASE {} OWNER TO CURRENT_USER").format(
                sql.Identifier(self.admin.info.dbname)
            )
        )
        cur = self.admin.execute(
            "SELECT rolname FROM pg_roles WHERE starts_with(rolname, %s)", [self.prefix]
        )
        names = sorted({r[0] for r in cur.fetchall()} | set(self.created))
        existing = [n for n in names if self._exists(n)]
        # DROP OWNED for every role before any DROP ROLE: a grant made by one of them to another
        # goes with its grantor's CASCADE. (One statement for all of them trips a server bug on
        # shared default ACL entries: "could not find tuple for default ACL".)
        for name in existing:
            self.admin.execute(sql.SQL("DROP OWNED BY {} CASCADE").format(sql.Identifier(name)))
        for name in existing:
            self.admin.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(name)))

    def _exists(self, name: str) -> bool:
        cur = self.admin.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [name])
        return cur.fetchone() is not None


@pytest.fixture
def admin(db_dsn: str) -> Iterator[psycopg.Connection[tuple[object, ...]]]:
    """Superuser connection (autocommit) to the test's database."""
    with psycopg.connect(db_dsn, autocommit=True) as conn:
        yield conn


@pytest.fixture
def roles(admin: psycopg.Connection[tuple[object, ...]]) -> Iterator[Roles]:
    dbname = admin.info.dbname
    factory = Roles(admin, f"{dbname}·")
    try:
        yield factory
    finally:
        factory.drop_all()


@pytest.fixture
def database(gateway: Gateway, db_dsn: str) -> Database:
    return gateway.open(ConnectionProfile(name="access", conninfo=db_dsn)).result()


def load(gateway: Gateway, database: Database) -> Catalog:
    return gateway.call(load_catalog(database))


def has(admin: psycopg.Connection[tuple[object, ...]], query: str, *args: object) -> bool:
    """The one boolean ``query`` answers (a has_*_privilege check)."""
    row = admin.execute(query, list(args)).fetchone()  # type: ignore[arg-type]
    assert row is not None
    return bool(row[0])
