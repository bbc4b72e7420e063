"""Two databases for the comparison tests: A and B built alike, then B made to differ in one
thing of each kind. Roles are the cluster's, named after A's database so tests never collide,
and dropped afterwards (DROP OWNED in both databases first)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import psycopg
import pytest
from psycopg import sql

from schemadesk.cli import main
from tests.fix_db import TestServer

Conn = psycopg.Connection[tuple[Any, ...]]

LEDGER = (
    "CREATE TABLE {s}.schema_migrations (id serial PRIMARY KEY, filename text NOT NULL, "
    "checksum text NOT NULL, module_name text, applied_at timestamptz NOT NULL DEFAULT now(), "
    "applied_by text, execution_time_ms int)"
)
ALEMBIC = "CREATE TABLE {s}.alembic_version (version_num varchar(32) PRIMARY KEY)"


@dataclass
class Pair:
    """Databases A and B (conninfo), a superuser connection to each, and the role prefix."""

    a: str
    b: str
    ca: Conn
    cb: Conn
    px: str
    roles: list[str] = field(default_factory=list)

    def role(self, suffix: str, options: str = "NOLOGIN") -> str:
        """Create role ``px_suffix`` (once for the cluster) and return its name."""
        name = f"{self.px}_{suffix}"
        self.ca.execute(sql.SQL("CREATE ROLE {} " + options).format(sql.Identifier(name)))  # type: ignore[arg-type]
        self.roles.append(name)
        return name

    def both(self, statement: str, **names: str) -> None:
        for conn in (self.ca, self.cb):
            run(conn, statement, **names)


def run(conn: Conn, statement: str, **names: str) -> None:
    """``statement`` with ``{name}`` marks filled by quoted identifiers."""
    composed = sql.SQL(statement).format(**{k: sql.Identifier(v) for k, v in names.items()})  # type: ignore[arg-type]
    conn.execute(composed)


def drop_roles(conns: list[Conn], roles: list[str]) -> None:
    for conn in conns:
        for name in roles:
            conn.execute(sql.SQL("DROP OWNED BY {} CASCADE").format(sql.Identifier(name)))
    for name in roles:
        conns[0].execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(name)))


@pytest.fixture
def two(pg_server: TestServer, db_dsn: str) -> Iterator[Pair]:
    """Two fresh databases on one cluster (roles shared, as on one server)."""
    other = pg_server.create_database()
    try:
        b_dsn = pg_server.conninfo(other)
        with (
            psycopg.connect(db_dsn, autocommit=True) as ca,
            psycopg.connect(b_dsn, autocommit=True) as cb,
        ):
            pair = Pair(db_dsn, b_dsn, ca, cb, ca.info.dbname)
            try:
                yield pair
            finally:
                drop_roles([ca, cb], pair.roles)
    finally:
        pg_server.drop_database(other)


def diff_json(capsys: pytest.CaptureFixture[str], *argv: str, code: int | None = None) -> Any:
    """``schemadesk diff ... --json``: its JSON, after checking the exit code when given."""
    capsys.readouterr()
    got = main(["diff", *argv, "--json"])
    out = capsys.readouterr().out
    if code is not None:
        assert got == code, out
    return json.loads(out)


def codes(report: Any) -> set[tuple[str, str]]:
    """(category, subject) of every difference."""
    return {(d["category"], d["subject"]) for d in report["differences"]}
