"""The preview is every statement: what the server logs (``log_statement = all``) for an apply
and a rehearsal is, statement for statement, what the plan's preview lists."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import re
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from schemadesk.cli.migrate_format import plan_text
from schemadesk.core.actions import ActionTarget, migrations_action
from schemadesk.core.migrations import observed, script
from schemadesk.core.migrations.files import discover
from schemadesk.core.migrations.models import ApplyResult, Plan, SessionBaseline
from schemadesk.core.migrations.plan import build_plan
from schemadesk.core.migrations.project import ModuleConfig, single_module
from schemadesk.core.migrations.status import compute_status
from schemadesk.db.migrations.ledger import read_ledger
from schemadesk.db.migrations.runner import apply_plan, rehearse_plan
from tests.fix_db import TestServer
from tests.migrations.helpers import write_folder

pytestmark = pytest.mark.db

BASELINE = SessionBaseline((("statement_timeout", "5min"), ("lock_timeout", "7s")), None)
_ENTRY = re.compile(r"^\d{4}-\d\d-\d\d [\d:.]+ \S+ \[(\d+)\] (\w+):  (.*)$")


def _statements_of(log: str, pid: int) -> list[str]:
    """The ``statement:`` entries one backend logged, multi-line texts joined back."""
    found: list[str] = []
    current: list[str] | None = None
    lines = log.split("\n")
    if lines[-1] == "":  # the newline that ends the last entry
        lines.pop()
    for line in lines:
        m = _ENTRY.match(line)
        if m is None:
            if current is not None:  # the server starts continuation lines with a tab
                current.append(line.removeprefix("\t"))
            continue
        if current is not None:
            found.append("\n".join(current))
        current = None
        if int(m[1]) == pid and m[2] == "LOG" and m[3].startswith("statement: "):
            current = [m[3].removeprefix("statement: ")]
    if current is not None:
        found.append("\n".join(current))
    return found


def _expected(plan: Plan, *, rehearse: bool) -> list[str]:
    start = script.text(script.rehearsal_start(plan.observe_schemas))
    out: list[str] = [*start, "BEGIN"] if rehearse else []
    for step in plan.steps:
        for part in step.rehearsal if rehearse else step.script:
            if not part.startswith(script.FILE):
                out.append(part)
            elif step.no_transaction:
                out += [s.text for s in step.statements]
            else:
                out.append(step.sql)
    return [*out, "ROLLBACK"] if rehearse else out


def _logged_run(
    server: TestServer, dsn: str, modules: list[ModuleConfig], *, rehearse: bool
) -> tuple[Plan, ApplyResult, list[str]]:
    assert server.cluster is not None
    log = server.cluster.root / "server.log"

    async def run() -> tuple[Plan, ApplyResult, list[str]]:
        async with await psycopg.AsyncConnection.connect(dsn, autocommit=True) as conn:
            await conn.execute("SELECT set_config('statement_timeout', '5min', false)")
            await conn.execute("SELECT set_config('lock_timeout', '7s', false)")
            items = []
            for m in modules:
                files = discover(m.path)
                items.append((m, files, compute_status(m, files, await read_ledger(conn, m))))
            plan = build_plan(items, BASELINE)
            start = log.stat().st_size
            runner = rehearse_plan if rehearse else apply_plan
            result = await runner(conn, {m.name: m for m in modules}, plan)
            await conn.execute("SELECT 'the end'")  # logged after everything the run sent
            text = log.read_bytes()[start:].decode()
            return plan, result, _statements_of(text, conn.info.backend_pid)

    plan, result, logged = asyncio.run(run())
    assert logged[-1] == "SELECT 'the end'"
    return plan, result, logged[:-1]


def _ms(texts: list[str]) -> str:
    joined = ";\n".join(texts)
    # A rehearsal's observation carries what earlier steps locked; the preview names the lists.
    joined = re.sub(r"unnest\('\{[^}]*\}'::int8\[\]\)", f"unnest({observed.KNOWN})", joined)
    joined = re.sub(r"unnest\('\{[^}]*\}'::oid\[\]\)", f"unnest({observed.WATCHED})", joined)
    return re.sub(r"(INSERT INTO [^\n]*, )\d+\)", rf"\g<1>{script.MS})", joined)


@pytest.fixture
def logged_db(pg_server: TestServer, db_dsn: str) -> str:
    if pg_server.cluster is None:
        pytest.skip("needs a test cluster of our own to read its log")
    with psycopg.connect(db_dsn, autocommit=True) as conn:
        conn.execute(
            sql.SQL("ALTER DATABASE {} SET log_statement = 'all'").format(
                sql.Identifier(conn.info.dbname)
            )
        )
    return db_dsn


@pytest.mark.parametrize("rehearse", [False, True], ids=["apply", "rehearse"])
def test_the_server_receives_exactly_the_previewed_statements(
    pg_server: TestServer, logged_db: str, tmp_path: Path, rehearse: bool
) -> None:
    a = write_folder(
        tmp_path / "a",
        {
            "001.sql": "CREATE TABLE {{tables.t}} (id int);\nSET ROLE NONE;\n",
            "002.sql": "-- pgdbm:no-transaction\n"
            "CREATE INDEX CONCURRENTLY i ON {{tables.t}} (id);\nSELECT 1;\n",
            "003.sql": "ALTER TABLE {{tables.t}} ADD COLUMN x int;\n",
        },
    )
    b = write_folder(tmp_path / "b", {"001.sql": "CREATE TABLE {{tables.u}} (id int);\n"})
    modules = [single_module(a, "a").modules[0], single_module(b, None).modules[0]]
    plan, result, logged = _logged_run(pg_server, logged_db, modules, rehearse=rehearse)
    assert result.ok, result.error
    expected = _expected(plan, rehearse=rehearse)
    assert _ms(logged) == ";\n".join(expected)
    # The previews print those very statements, in that order: CLI, JSON, the window's
    # confirmation and the review report (which shows the action's steps).
    text = plan_text(plan, rehearse=rehearse)
    action = migrations_action(plan, ActionTarget("p", "h", 5432, "d", "u"), rehearse=rehearse)
    as_json = json.loads(json.dumps(dataclasses.asdict(plan)))  # what plan --json prints
    assert [s["rehearsal" if rehearse else "script"] for s in as_json["steps"]] == [
        list(s.rehearsal if rehearse else s.script) for s in plan.steps
    ]
    for shown in (text, action.sql):
        at = 0
        for statement in expected:
            at = shown.index(statement, at) + len(statement)
    if not rehearse:
        assert 'CREATE SCHEMA IF NOT EXISTS "a"' in expected
        assert any(s.startswith("RESET ALL") for s in expected)
        assert any(s.startswith('INSERT INTO "public"."schema_migrations"') for s in expected)
