"""``schemadesk check`` sends the same number of statements for 2 tenant schemas as for 40.

A check that asked the server once per schema would take 10,000 round trips on a 10,000-tenant
database. Every statement the process sends is counted where psycopg sends it (the real server
answers each one); the count is the same whatever the schema count, and the findings grow.
"""

from __future__ import annotations

import json
from typing import Any

import psycopg
import pytest
from psycopg import sql

from schemadesk.cli import main

Conn = psycopg.Connection[tuple[object, ...]]


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every question the gateway's connections ask the server, in order."""
    seen: list[str] = []
    real = psycopg.AsyncCursor.execute

    async def counting(self: Any, query: Any, *args: Any, **kwargs: Any) -> Any:
        text = query if isinstance(query, str) else repr(query)
        # A new pooled connection's session settings, and the pool's empty checks, depend on
        # how many connections the pool happened to open: not the check's questions.
        if text.strip() and "set_config(" not in text:
            seen.append(text[:80])
        return await real(self, query, *args, **kwargs)

    monkeypatch.setattr(psycopg.AsyncCursor, "execute", counting)
    return seen


def _tenants(admin: Conn, first: int, last: int) -> None:
    for i in range(first, last):
        schema = sql.Identifier(f'te"nant {i:03}')
        admin.execute(sql.SQL("CREATE SCHEMA {}").format(schema))
        for t in range(3):
            table = sql.Identifier(f'te"nant {i:03}', f"t{t}")
            admin.execute(sql.SQL("CREATE TABLE {} (id serial PRIMARY KEY)").format(table))


def _check(capsys: pytest.CaptureFixture[str], dsn: str, sent: list[str]) -> tuple[int, int]:
    sent.clear()
    capsys.readouterr()
    assert main(["check", "--dsn", dsn, "--json"]) == 0
    findings = json.loads(capsys.readouterr().out)
    return len(sent), len(findings)


def test_check_sends_a_constant_number_of_statements(
    admin: Conn, db_dsn: str, sent: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    _tenants(admin, 0, 2)
    few, few_findings = _check(capsys, db_dsn, sent)
    _tenants(admin, 2, 40)
    many, many_findings = _check(capsys, db_dsn, sent)
    assert few > 0
    assert many == few, "\n".join(sent)
    assert many_findings > 10 * few_findings // 2  # every new tenant was checked
