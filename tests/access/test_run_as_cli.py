"""``--run-as`` on the changing access commands: the SQL says as whom, a role without the
right changes nothing and is audited failed, an owner without a schema is a clear error."""

from __future__ import annotations

import psycopg
import pytest
from psycopg import sql

from schemadesk.cli import main
from schemadesk.core.audit import AuditLog, Outcome
from tests.access.conftest import Roles

Conn = psycopg.Connection[tuple[object, ...]]


def _has_usage(admin: Conn, role: str, schema: str) -> bool:
    cur = admin.execute("SELECT has_schema_privilege(%s, %s, 'USAGE')", [role, schema])
    row = cur.fetchone()
    assert row is not None
    return bool(row[0])


def test_a_run_as_role_without_the_right_changes_nothing_and_is_audited_failed(
    admin: Conn, roles: Roles, db_dsn: str, capsys: pytest.CaptureFixture[str]
) -> None:
    owner, reader, outsider = roles.create("own"), roles.create("read"), roles.create("out")
    schema = roles.name("s")
    admin.execute(
        sql.SQL("CREATE SCHEMA {} AUTHORIZATION {}").format(
            sql.Identifier(schema), sql.Identifier(owner)
        )
    )
    argv = ["grant", "--dsn", db_dsn, "--role", reader, "--schema", schema, "USAGE", "--yes"]
    assert main([*argv, "--run-as", outsider]) == 1
    captured = capsys.readouterr()
    assert f'SET LOCAL ROLE "{outsider}";' in captured.out
    assert "schemadesk: error:" in captured.err
    assert not _has_usage(admin, reader, schema)  # one transaction: nothing half-applied
    (record,) = list(AuditLog())
    assert record.outcome is Outcome.FAILED
    assert record.target.run_as == outsider
    assert record.error is not None


def test_run_as_owner_needs_a_schema(
    roles: Roles, db_dsn: str, capsys: pytest.CaptureFixture[str]
) -> None:
    member, group = roles.create("m"), roles.create("g")
    argv = ["grant", "--dsn", db_dsn, "--role", member, "--member-of", group, "--yes"]
    assert main([*argv, "--run-as", "owner"]) == 2
    assert "--run-as owner needs" in capsys.readouterr().err
    assert list(AuditLog()) == []
