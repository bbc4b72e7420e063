"""The shared trail in the database: its own transaction, so a failed action's record survives."""

from __future__ import annotations

import asyncio
from typing import Any

import psycopg
import pytest

from schemadesk.core.audit import AuditError, AuditRecord, Outcome, record_from
from schemadesk.db.audit import (
    AuditWriteRefused,
    ensure_audit_table,
    read_audit,
    write_audit,
)
from tests.audit.conftest import make_action

pytestmark = pytest.mark.db


def _failed_record() -> AuditRecord:
    return record_from(
        make_action(),
        Outcome.FAILED,
        total_ms=7.0,
        error=AuditError("division by zero", "sales/002_more.sql", 3, 8, "22012"),
    )


async def _fail_then_record(dsn: str, record: AuditRecord) -> None:
    async with await psycopg.AsyncConnection.connect(dsn) as conn:  # not autocommit
        await conn.execute("CREATE SCHEMA trail")
        await conn.commit()
        await ensure_audit_table(conn, "trail")
        await ensure_audit_table(conn, "trail")  # idempotent
        # The action: its first statement works, its second fails; it is rolled back whole.
        await conn.execute("CREATE TABLE public.made_by_action (id int)")
        with pytest.raises(psycopg.errors.DivisionByZero):
            await conn.execute("SELECT 1 / 0")
        with pytest.raises(AuditWriteRefused, match="own transaction"):
            await write_audit(conn, "trail", record)  # would die with the action
        await conn.rollback()
        await write_audit(conn, "trail", record)
        await write_audit(conn, "trail", record)  # the same record twice: one row


async def _read(dsn: str) -> list[AuditRecord]:
    async with await psycopg.AsyncConnection.connect(dsn, autocommit=True) as conn:
        return await read_audit(conn, "trail")


def test_record_survives_the_failed_actions_rollback(db_dsn: str) -> None:
    record = _failed_record()
    asyncio.run(_fail_then_record(db_dsn, record))
    assert asyncio.run(_read(db_dsn)) == [record]
    with psycopg.connect(db_dsn) as conn:
        assert conn.execute("SELECT to_regclass('public.made_by_action')").fetchone() == (None,)
        row: Any = conn.execute(
            "SELECT outcome, error, database, schema_name, run_as, db_user, kind,"
            " record->'error'->>'line', written_by = current_user"
            " FROM trail.schemadesk_audit"
        ).fetchone()
    assert row == (
        "failed",
        "sales/002_more.sql:3:8: division by zero [22012]",
        "shop",
        "sales",
        "sales_owner",
        "alice",
        "apply-migrations",
        "3",
        True,
    )


async def _insert_bad_outcome(dsn: str) -> None:
    async with await psycopg.AsyncConnection.connect(dsn, autocommit=True) as conn:
        await conn.execute("CREATE SCHEMA trail")
        await ensure_audit_table(conn, "trail")
        await conn.execute(
            "INSERT INTO trail.schemadesk_audit (id, at, os_user, db_user, profile, host, port,"
            " database, kind, title, outcome, duration_ms, sql, record)"
            " VALUES ('x', now(), 'u', 'u', 'p', 'h', 1, 'd', 'k', 't', 'maybe', 0, '', '{}')"
        )


def test_table_accepts_only_known_outcomes(db_dsn: str) -> None:
    with pytest.raises(psycopg.errors.CheckViolation):
        asyncio.run(_insert_bad_outcome(db_dsn))
