"""The shared audit trail: the same records as the local log, in a table of the database.

``<schema>.schemadesk_audit`` in a schema of the team's choosing. A record is written in its own
transaction once the action has ended, so the record of a failed action survives that action's
rollback.
"""

from __future__ import annotations

import json
from typing import Any

import psycopg
from psycopg import sql
from psycopg.pq import TransactionStatus

from schemadesk.core.audit import AuditRecord
from schemadesk.core.errors import SchemadeskError
from schemadesk.core.messages_tools import say
from schemadesk.db.database import Database

AUDIT_TABLE = "schemadesk_audit"

CREATE_AUDIT_TABLE = sql.SQL(
    """CREATE TABLE IF NOT EXISTS {table} (
    id text PRIMARY KEY,
    at timestamptz NOT NULL,
    os_user text NOT NULL,
    db_user text NOT NULL,
    profile text NOT NULL,
    host text NOT NULL,
    port integer NOT NULL,
    database text NOT NULL,
    schema_name text,
    run_as text,
    kind text NOT NULL,
    title text NOT NULL,
    outcome text NOT NULL CHECK (outcome IN ('succeeded', 'failed', 'cancelled')),
    duration_ms double precision NOT NULL,
    sql text NOT NULL,
    error text,
    record jsonb NOT NULL,
    written_by text NOT NULL DEFAULT current_user,
    written_at timestamptz NOT NULL DEFAULT now()
)"""
)

INSERT_AUDIT = sql.SQL(
    "INSERT INTO {table} (id, at, os_user, db_user, profile, host, port, database, schema_name,"
    " run_as, kind, title, outcome, duration_ms, sql, error, record)"
    " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s::jsonb)"
    " ON CONFLICT (id) DO NOTHING"
)

SELECT_AUDIT = sql.SQL("SELECT record::text FROM {table} ORDER BY at, written_at")


class AuditWriteRefused(SchemadeskError):
    """The connection is inside a transaction: the audit row would share its fate."""


def _table(schema: str) -> sql.Identifier:
    return sql.Identifier(schema, AUDIT_TABLE)


async def ensure_audit_table(conn: psycopg.AsyncConnection[Any], schema: str) -> None:
    """Create ``<schema>.schemadesk_audit`` when it is missing (the schema must exist)."""
    async with conn.transaction():
        await conn.execute(CREATE_AUDIT_TABLE.format(table=_table(schema)))


async def write_audit(conn: psycopg.AsyncConnection[Any], schema: str, record: AuditRecord) -> None:
    """Insert ``record`` in a transaction of its own (idempotent by record id).

    Refuses a connection that is inside a transaction: the action's transaction must have ended
    (committed or rolled back) so that the row outlives it.
    """
    if conn.info.transaction_status is not TransactionStatus.IDLE:
        raise AuditWriteRefused(say("audit-own-transaction"))
    t = record.target
    values = (
        record.id,
        record.at,
        record.os_user,
        record.db_user,
        record.profile,
        t.host,
        t.port,
        t.database,
        t.schema,
        t.run_as,
        record.kind,
        record.title,
        str(record.outcome),
        record.duration_ms,
        record.sql,
        record.error.describe() if record.error else None,
        json.dumps(record.to_json(), ensure_ascii=False),
    )
    async with conn.transaction():
        await conn.execute(INSERT_AUDIT.format(table=_table(schema)), values)


async def read_audit(conn: psycopg.AsyncConnection[Any], schema: str) -> list[AuditRecord]:
    """Every record of the shared trail, oldest first."""
    cur = await conn.execute(SELECT_AUDIT.format(table=_table(schema)))
    return [AuditRecord.from_json(json.loads(row[0])) for row in await cur.fetchall()]


async def record_in_database(database: Database, schema: str, record: AuditRecord) -> None:
    """Create the table if needed and write ``record``, on a pooled connection of its own."""
    async with database.connection() as conn:
        await ensure_audit_table(conn, schema)
        await write_audit(conn, schema, record)
