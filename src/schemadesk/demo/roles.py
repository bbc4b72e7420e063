"""Roles and grants of the demo, after the seed's model (``seeds/004``, section 4).

Per schema ``s``: ``s_owner`` (NOLOGIN) owns the schema and every object in it, and migrations
run as it (``SET ROLE``); one shared ``migrator`` login is a member of every owner, so it can
``SET ROLE`` to each; ``s_rw`` (LOGIN) is the application: USAGE on the schema,
SELECT/INSERT/UPDATE/DELETE on tables, USAGE/SELECT on sequences, the same for future objects
through default privileges ``FOR ROLE s_owner IN SCHEMA s``, and ``statement_timeout`` /
``idle_in_transaction_session_timeout`` set on the role in the demo database.

Owners also get CREATE on the database: the first revision of each Alembic branch runs
``CREATE SCHEMA IF NOT EXISTS``, which PostgreSQL refuses without it even when the schema exists.

Roles are cluster-wide: every statement here is safe to repeat (another database on the same
cluster may have been seeded before).
"""

from __future__ import annotations

from typing import Any

import psycopg
from psycopg import errors, sql

from schemadesk.demo.summary import BrokenGrant

MIGRATOR = "migrator"
RW_TABLE_PRIVILEGES = ("SELECT", "INSERT", "UPDATE", "DELETE")
RW_SEQUENCE_PRIVILEGES = ("USAGE", "SELECT")
_TABLE_PRIVILEGES_SQL = sql.SQL("SELECT, INSERT, UPDATE, DELETE")
_SEQUENCE_PRIVILEGES_SQL = sql.SQL("USAGE, SELECT")
RW_SETTINGS = (("statement_timeout", "5s"), ("idle_in_transaction_session_timeout", "10s"))

BROKEN_GRANT = BrokenGrant(
    role="orders_rw",
    privilege="TRUNCATE",
    schema="orders",
    table="orders",
    explanation=(
        "orders_rw may TRUNCATE orders.orders: the application role should have "
        "SELECT/INSERT/UPDATE/DELETE only (a support script once needed it and nobody revoked it)"
    ),
)


def owner_role(schema: str) -> str:
    """``<schema>_owner``."""
    return f"{schema}_owner"


def rw_role(schema: str) -> str:
    """``<schema>_rw``."""
    return f"{schema}_rw"


async def ensure_role(
    conn: psycopg.AsyncConnection[Any], name: str, *, login: bool, comment: str
) -> bool:
    """Create the role unless it exists (attributes are set either way); True when created."""
    cur = await conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [name])
    created = False
    if await cur.fetchone() is None:
        try:
            await conn.execute(sql.SQL("CREATE ROLE {}").format(sql.Identifier(name)))
            created = True
        except errors.DuplicateObject:
            pass  # created by a concurrent seed on the same cluster in the meantime
    attributes = sql.SQL("LOGIN") if login else sql.SQL("NOLOGIN")
    await conn.execute(
        sql.SQL("ALTER ROLE {} {} NOSUPERUSER NOCREATEDB NOCREATEROLE INHERIT").format(
            sql.Identifier(name), attributes
        )
    )
    await conn.execute(
        sql.SQL("COMMENT ON ROLE {} IS {}").format(sql.Identifier(name), sql.Literal(comment))
    )
    return created


async def provision_schema(conn: psycopg.AsyncConnection[Any], schema: str, comment: str) -> None:
    """Owner and rw roles, the schema owned by the owner, rw's rights now and for the future.

    Runs before any migration, so the default privileges cover every object migrations create.
    """
    owner, rw = owner_role(schema), rw_role(schema)
    await ensure_role(conn, owner, login=False, comment=f"Owns schema {schema}; runs migrations")
    await ensure_role(conn, rw, login=True, comment=f"Application role of schema {schema}")
    await ensure_role(conn, MIGRATOR, login=True, comment="Runs migrations as each schema owner")
    ident = {
        "schema": sql.Identifier(schema),
        "owner": sql.Identifier(owner),
        "rw": sql.Identifier(rw),
    }
    await conn.execute(sql.SQL("GRANT {} TO {}").format(ident["owner"], sql.Identifier(MIGRATOR)))
    dbname = sql.Identifier(conn.info.dbname)
    await conn.execute(sql.SQL("GRANT CREATE ON DATABASE {} TO {}").format(dbname, ident["owner"]))
    await conn.execute(
        sql.SQL("CREATE SCHEMA IF NOT EXISTS {schema} AUTHORIZATION {owner}").format(**ident)
    )
    await conn.execute(sql.SQL("ALTER SCHEMA {schema} OWNER TO {owner}").format(**ident))
    await conn.execute(
        sql.SQL("COMMENT ON SCHEMA {} IS {}").format(ident["schema"], sql.Literal(comment))
    )
    await conn.execute(sql.SQL("GRANT USAGE ON SCHEMA {schema} TO {rw}").format(**ident))
    defaults = "ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA {schema} GRANT {privs} "
    for statement in (
        sql.SQL(defaults + "ON TABLES TO {rw}").format(privs=_TABLE_PRIVILEGES_SQL, **ident),
        sql.SQL(defaults + "ON SEQUENCES TO {rw}").format(privs=_SEQUENCE_PRIVILEGES_SQL, **ident),
    ):
        await conn.execute(statement)
    for setting, value in RW_SETTINGS:
        await conn.execute(
            sql.SQL("ALTER ROLE {} IN DATABASE {} SET {} = {}").format(
                sql.Identifier(rw), dbname, sql.Identifier(setting), sql.Literal(value)
            )
        )


async def grant_existing(conn: psycopg.AsyncConnection[Any], schema: str) -> None:
    """Grant rw's rights on the objects that exist now (the default privileges cover the rest)."""
    rw = sql.Identifier(rw_role(schema))
    schema_id = sql.Identifier(schema)
    await conn.execute(
        sql.SQL("GRANT {} ON ALL TABLES IN SCHEMA {} TO {}").format(
            _TABLE_PRIVILEGES_SQL, schema_id, rw
        )
    )
    await conn.execute(
        sql.SQL("GRANT {} ON ALL SEQUENCES IN SCHEMA {} TO {}").format(
            _SEQUENCE_PRIVILEGES_SQL, schema_id, rw
        )
    )


async def break_one_grant(conn: psycopg.AsyncConnection[Any]) -> BrokenGrant:
    """The one deliberate mistake: see ``BROKEN_GRANT``."""
    grant = BROKEN_GRANT
    await conn.execute(
        sql.SQL("GRANT TRUNCATE ON TABLE {} TO {}").format(
            sql.Identifier(grant.schema, grant.table),
            sql.Identifier(grant.role),
        )
    )
    return grant


async def close_public_schema(conn: psycopg.AsyncConnection[Any]) -> None:
    """PostgreSQL 15's default on every major: PUBLIC may not create in schema ``public``.

    Keeps the demo's findings to the one deliberate mistake on PostgreSQL 13 and 14 too.
    """
    await conn.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
