"""``check --fix`` on hostile names: ``--sql-only`` prints psycopg's own rendering of the fixes
(with the connection, as before the fast script); ``--json`` says each statement; applying
(``--yes``) sends exactly the printed statements, in order, inside one transaction on one
connection, and what the fixes promise holds afterwards."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg import sql

from schemadesk.cli import main
from schemadesk.core.access.conventions import check_conventions, fix_findings
from schemadesk.db.database import Database
from schemadesk.db.gateway import Gateway
from tests.access.conftest import Roles
from tests.access.test_finding_texts import BARE, Conn, _broken_catalog, _convention


def _config(tmp_path: Path, roles: Roles) -> Path:
    conv = _convention(roles)
    config = tmp_path / "schemadesk.toml"
    config.write_text(
        "[conventions]\n"
        f"owner_role = {json.dumps(conv.owner_role)}\n"
        f"rw_role = {json.dumps(conv.rw_role)}\n"
        f"migrator_role = {json.dumps(conv.migrator_role)}\n"
        f"include = {json.dumps(list(conv.include))}\n",
        encoding="utf-8",
    )
    return config


def test_check_fix_prints_and_applies_the_same_sql(  # noqa: PLR0917 (fixtures)
    admin: Conn,
    roles: Roles,
    gateway: Gateway,
    database: Database,
    db_dsn: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    catalog = _broken_catalog(admin, roles, gateway, database)
    for suffix in ("_owner", "_rw"):  # the fix creates them: dropped after the test
        roles.track(roles.prefix + BARE + suffix)
    change = fix_findings(check_conventions(catalog, _convention(roles)))
    old = "".join(s.sql.as_string(admin) + ";\n" for s in change.statements)
    assert "ALTER ROLE" in old  # a literal (a timeout) is among them
    base = ["check", "--fix", "--dsn", db_dsn, "--config", str(_config(tmp_path, roles))]

    capsys.readouterr()
    assert main([*base, "--sql-only"]) == 0
    printed = capsys.readouterr().out
    assert printed == old
    assert main([*base, "--sql-only", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["sql"] == printed
    assert report["statements"] == [s.summary for s in change.statements]
    assert not report["applied"]

    sent: list[tuple[int, psycopg.pq.TransactionStatus, str]] = []
    execute = psycopg.AsyncConnection.execute

    async def recording(self: psycopg.AsyncConnection[Any], query: Any, *args: Any) -> Any:
        if isinstance(query, sql.Composed) and not args:  # a change set's (no parameters)
            sent.append((id(self), self.info.transaction_status, query.as_string(self)))
        return await execute(self, query, *args)

    monkeypatch.setattr(psycopg.AsyncConnection, "execute", recording)
    assert main([*base, "--yes"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(printed)
    assert f"applied {len(change.statements)} statement(s) in one transaction" in out
    assert "".join(text + ";\n" for _, _, text in sent) == printed
    assert {conn for conn, _, _ in sent} == {sent[0][0]}  # one connection
    assert {status for _, status, _ in sent} == {psycopg.pq.TransactionStatus.INTRANS}
    assert f"verified: {len(change.expectations)} expectation(s) hold in the catalog" in out
