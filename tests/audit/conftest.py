"""Fixtures of the audit and report tests: planned actions, migration folders, a password login."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from dataclasses import dataclass

import psycopg
import pytest
from psycopg import sql

from schemadesk.core.actions import ActionKind, ActionStep, ActionTarget, PlannedAction
from tests.fix_db import TestServer

FILES = {
    "001_users.sql": "CREATE TABLE {{tables.users}} (id int PRIMARY KEY);\n",
    "002_name.sql": "ALTER TABLE {{tables.users}} ADD COLUMN name text;\n",
}

# Fails on its third statement, on line 3 of the file: 'x' is not an integer.
FAILING = (
    "CREATE TABLE {{tables.events}} (id int);\n"
    "INSERT INTO {{tables.events}} VALUES (1);\n"
    "INSERT INTO {{tables.events}} VALUES ('x');\n"
)


def make_action(
    *,
    database: str = "shop",
    steps: tuple[tuple[str, str, str | None], ...] = (
        ("sales/001_init.sql", "CREATE TABLE sales.orders (id int);\n", "a" * 64),
        ("sales/002_more.sql", "ALTER TABLE sales.orders ADD note text;\n", "b" * 64),
    ),
    kind: ActionKind = ActionKind.APPLY_MIGRATIONS,
    title: str = "Apply 2 migrations",
    profile: str = "prod",
) -> PlannedAction:
    """A planned action without a database (report and log tests)."""
    target = ActionTarget(profile, "db.example", 5432, database, "alice", "sales", "sales_owner")
    return PlannedAction(
        kind=kind,
        title=title,
        target=target,
        steps=tuple(ActionStep(label, text, checksum) for label, text, checksum in steps),
        os_user="tester",
    )


@dataclass(frozen=True)
class PasswordLogin:
    """A LOGIN role with a password, owning a fresh database reached over TCP (scram)."""

    role: str
    password: str
    dbname: str
    dsn: str  # carries the password
    admin_dsn: str  # superuser, same database
    grantee: str  # a NOLOGIN role to grant rights to


@pytest.fixture
def password_login(pg_server: TestServer) -> Iterator[PasswordLogin]:
    if pg_server.cluster is None:
        pytest.skip("needs a throwaway cluster (its TCP port asks for a password)")
    token = secrets.token_hex(4)
    role, grantee = f"auditor_{token}", f"reader_{token}"
    password = "Pw-" + secrets.token_urlsafe(18)
    dbname = pg_server.create_database()
    with psycopg.connect(pg_server.admin_conninfo, autocommit=True) as conn:
        conn.execute(
            sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(
                sql.Identifier(role), sql.Literal(password)
            )
        )
        conn.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(grantee)))
        conn.execute(
            sql.SQL("ALTER DATABASE {} OWNER TO {}").format(
                sql.Identifier(dbname), sql.Identifier(role)
            )
        )
    admin_dsn = pg_server.conninfo(dbname)
    with psycopg.connect(admin_dsn, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE SCHEMA audit AUTHORIZATION {}").format(sql.Identifier(role)))
    dsn = pg_server.cluster.tcp_conninfo(dbname=dbname, user=role) + f" password={password}"
    try:
        yield PasswordLogin(role, password, dbname, dsn, admin_dsn, grantee)
    finally:
        pg_server.drop_database(dbname)
        with psycopg.connect(pg_server.admin_conninfo, autocommit=True) as conn:
            for name in (role, grantee):
                conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(name)))
