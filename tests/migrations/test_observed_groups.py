"""Steps observed together (``core.migrations.observed_steps``): what a rehearsal reports for each
step is the same whether its locks were read after it alone or after a group of steps — every
step that locked, rewrote or resized a relation that existed before the plan is still said on
its own, in the modes PostgreSQL documents; the plan's new relations are said once."""

from __future__ import annotations

import asyncio
import re
import threading
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg import sql

from schemadesk.core.migrations import script
from schemadesk.core.migrations.files import discover
from schemadesk.core.migrations.models import ApplyEvent, ApplyEventKind, ApplyResult, Plan
from schemadesk.core.migrations.observed import (
    FOUND,
    KNOWN,
    WATCHED,
    StepObservation,
    sizes_query,
)
from schemadesk.core.migrations.observed_steps import GroupPolicy
from schemadesk.core.migrations.plan import build_plan
from schemadesk.core.migrations.project import ModuleConfig, single_module
from schemadesk.core.migrations.status import compute_status
from schemadesk.db.migrations import rehearse
from schemadesk.db.migrations.ledger import read_ledger
from tests.fix_db import TestServer
from tests.migrations.helpers import sd_apply_sync, write_folder
from tests.migrations.test_preview_is_what_runs import _statements_of

pytestmark = pytest.mark.db

BASE = {
    "001_base.sql": (
        "CREATE TABLE {{tables.orders}} (id serial PRIMARY KEY, qty int NOT NULL, note text);\n"
        "INSERT INTO {{tables.orders}} (qty, note)"
        " SELECT g % 100 + 1, repeat('x', 50) FROM generate_series(1, 2000) g;\n"
        "CREATE TABLE {{tables.customers}} (id int PRIMARY KEY);\n"
        "INSERT INTO {{tables.customers}} SELECT g FROM generate_series(1, 100) g;\n"
        "CREATE TABLE {{tables.audit_t}} (id int);\n"
        "ANALYZE {{tables.orders}};\n"
    ),
}
# Steps on the plan's own new tables between steps on the tables that were there: a group
# mixes both, and the read after it must still say which step did what.
PENDING = {
    "002_new_a.sql": "CREATE TABLE {{tables.a}} (id serial PRIMARY KEY, name text);\n",
    "003_select.sql": "SELECT count(*) FROM shop.orders;\n",
    "004_new_b.sql": (
        "CREATE TABLE {{tables.b}} (id int);\nCREATE INDEX b_id ON {{tables.b}} (id);\n"
    ),
    "005_do.sql": "DO $$ BEGIN PERFORM 1 FROM shop.customers LIMIT 1; END $$;\n",
    "006_own.sql": "ALTER TABLE {{tables.a}} ADD COLUMN note text DEFAULT random()::text;\n",
    "007_index.sql": "CREATE INDEX orders_qty ON shop.orders (qty);\n",
    "008_volatile.sql": "ALTER TABLE shop.orders ADD COLUMN r float DEFAULT random();\n",
    "009_fk.sql": (
        "ALTER TABLE shop.orders ADD CONSTRAINT orders_qty_fk FOREIGN KEY (qty)"
        " REFERENCES shop.customers NOT VALID;\n"
    ),
    "010_validate.sql": "ALTER TABLE shop.orders VALIDATE CONSTRAINT orders_qty_fk;\n",
    "011_rows.sql": "INSERT INTO {{tables.a}} (name) SELECT 'x' FROM generate_series(1, 10);\n",
    "012_advisory.sql": "SELECT pg_advisory_xact_lock(4242);\n",
    "013_other.sql": "SELECT * FROM elsewhere.outside;\n",
    "014_new_c.sql": "CREATE TABLE {{tables.c}} (id int);\n",
    "015_function.sql": (
        "CREATE FUNCTION {{schema}}.touch() RETURNS void LANGUAGE plpgsql"
        " AS $f$ BEGIN LOCK TABLE shop.audit_t IN EXCLUSIVE MODE; END $f$;\n"
        "SELECT {{schema}}.touch();\n"
    ),
    "016_new_d.sql": "CREATE TABLE {{tables.d}} (id int);\n",
    "017_drop.sql": "DROP TABLE shop.customers CASCADE;\n",
    # Locks an earlier step already holds: only a rewrite or a new size tells these apart.
    "018_lock.sql": "LOCK TABLE shop.audit_t IN ROW EXCLUSIVE MODE;\n",
    "019_new_e.sql": "CREATE TABLE {{tables.e}} (id int);\n",
    "020_grow.sql": "INSERT INTO shop.audit_t SELECT g FROM generate_series(1, 5000) g;\n",
    "021_new_f.sql": "CREATE TABLE {{tables.f}} (id int);\n",
    "022_retype.sql": "ALTER TABLE shop.orders ALTER COLUMN qty TYPE bigint;\n",
}
ALONE = GroupPolicy(few_steps=10**9)  # every step read on its own
GROUPED = GroupPolicy(few_steps=0, largest=8, group_ms=float("inf"), long_ms=float("inf"))


def _module(folder: Path) -> ModuleConfig:
    return single_module(folder, "shop").modules[0]


@pytest.fixture
def folder(db_dsn: str, tmp_path: Path) -> Path:
    folder = write_folder(tmp_path / "m", BASE)
    assert sd_apply_sync(db_dsn, _module(folder)).ok
    with psycopg.connect(db_dsn, autocommit=True) as conn:
        conn.execute("CREATE SCHEMA elsewhere; CREATE TABLE elsewhere.outside (id int)")
    return folder


def _rehearse(
    dsn: str,
    folder: Path,
    policy: GroupPolicy,
    *,
    events: list[ApplyEvent] | None = None,
    cancel: threading.Event | None = None,
) -> ApplyResult:
    module = _module(folder)

    async def run() -> ApplyResult:
        async with await psycopg.AsyncConnection.connect(dsn, autocommit=True) as conn:
            files = discover(module.path)
            status = compute_status(module, files, await read_ledger(conn, module))
            plan = build_plan([(module, files, status)])
            return await rehearse.rehearse_plan(
                conn,
                {module.name: module},
                plan,
                on_event=events.append if events is not None else None,
                cancel=cancel,
                policy=policy,
            )

    return asyncio.run(run())


def _by_step(result: ApplyResult) -> dict[str, StepObservation]:
    return {o.filename: o for o in result.observed}


def _locks(obs: StepObservation) -> set[tuple[str | None, str]]:
    return {(lk.relation, lk.mode) for lk in obs.locks if not lk.ours}


def _reads_only(obs: StepObservation, table: str) -> bool:
    """ACCESS SHARE on ``table``, and nothing else but ACCESS SHARE (the planner also locks
    the table's indexes)."""
    locks = _locks(obs)
    return (table, "ACCESS SHARE") in locks and {m for _r, m in locks} == {"ACCESS SHARE"}


def _facts(obs: StepObservation) -> list[Any]:
    """What a step did to the relations that existed before, but their sizes: PostgreSQL does
    not shrink a file on rollback, so a second rehearsal (or a group run again) starts from
    the pages the first one added."""
    return [
        (r.relation, r.kind, r.rewritten, r.dropped, r.held_before)
        for r in obs.relations
        if not r.created
    ]


def test_a_group_reports_what_each_step_alone_would(db_dsn: str, folder: Path) -> None:
    write_folder(folder, PENDING)
    alone = _rehearse(db_dsn, folder, ALONE)
    grouped = _rehearse(db_dsn, folder, GROUPED)
    assert alone.ok, alone.error
    assert grouped.ok, grouped.error
    assert [o.filename for o in grouped.observed] == sorted(PENDING)
    one, many = _by_step(alone), _by_step(grouped)
    for name in PENDING:
        assert many[name].locks == one[name].locks, name
        assert _facts(many[name]) == _facts(one[name]), name
    # What PostgreSQL documents, step by step, though the reads came after groups of steps.
    assert _reads_only(many["003_select.sql"], "shop.orders")
    assert _reads_only(many["005_do.sql"], "shop.customers")
    assert _locks(many["007_index.sql"]) == {("shop.orders", "SHARE")}
    assert ("shop.orders", "ACCESS EXCLUSIVE") in _locks(many["008_volatile.sql"])
    assert "shop.orders" in many["008_volatile.sql"].rewrites
    assert {("shop.orders", "SHARE ROW EXCLUSIVE"), ("shop.customers", "SHARE ROW EXCLUSIVE")} <= (
        _locks(many["009_fk.sql"])
    )
    validate = _locks(many["010_validate.sql"])
    assert {("shop.orders", "SHARE UPDATE EXCLUSIVE"), ("shop.customers", "ROW SHARE")} <= validate
    advisory = [lk for lk in many["012_advisory.sql"].locks if lk.relation is None]
    assert [(lk.key, lk.ours) for lk in advisory] == [(4242, False)]
    assert _reads_only(many["013_other.sql"], "elsewhere.outside")
    assert ("shop.audit_t", "EXCLUSIVE") in _locks(many["015_function.sql"])
    dropped = [r for r in many["017_drop.sql"].relations if r.dropped]
    assert {r.relation for r in dropped} == {"shop.customers", "shop.customers_pkey"}
    assert ("shop.customers", "ACCESS EXCLUSIVE") in _locks(many["017_drop.sql"])
    grown = next(r for r in one["020_grow.sql"].relations if r.relation == "shop.audit_t")
    assert grown.held_before
    assert (grown.size_before or 0) < (grown.size_after or 0)
    retyped = next(r for r in many["022_retype.sql"].relations if r.relation == "shop.orders")
    assert retyped.rewritten
    assert retyped.held_before
    # The steps on the plan's own tables lock nothing anybody else could wait for.
    for name in ("002_new_a.sql", "004_new_b.sql", "006_own.sql", "011_rows.sql", "019_new_e.sql"):
        assert _locks(many[name]) == set(), name
    # The migration lock, once, with the module's first step.
    assert [lk.ours for lk in many["002_new_a.sql"].locks] == [True]


def test_the_plans_new_relations_are_said_once_with_the_steps_they_came_from(
    db_dsn: str, folder: Path
) -> None:
    write_folder(folder, PENDING)
    labels = [f"shop/{name}" for name in sorted(PENDING)]
    for policy in (ALONE, GROUPED):
        result = _rehearse(db_dsn, folder, policy)
        new = [
            (r.relation, o.label, r.created_since)
            for o in result.observed
            for r in o.relations
            if r.created
        ]
        names = [n for n, _l, _s in new]
        assert {"shop.a", "shop.b", "shop.b_id", "shop.c", "shop.d", "shop.orders_qty"} <= set(
            names
        )
        creator = {"shop.a": "002", "shop.b": "004", "shop.c": "014"}
        for name, said_at, since in new:
            if name not in creator:
                continue
            made = next(x for x in labels if x.startswith(f"shop/{creator[name]}"))
            # Said at the step that made it, or at the end of its group, naming where that
            # group began: the creating step lies in between.
            assert (since or said_at) <= made <= said_at, (name, said_at, since)
            if policy is ALONE:
                assert since is None
                assert said_at == made


def test_a_replayed_group_sends_no_progress_twice(db_dsn: str, folder: Path) -> None:
    write_folder(folder, PENDING)
    events: list[ApplyEvent] = []
    result = _rehearse(db_dsn, folder, GROUPED, events=events)
    assert result.ok
    started = [e.index for e in events if e.kind == ApplyEventKind.STARTED]
    assert started == list(range(len(PENDING)))
    assert [r.filename for r in result.results] == sorted(PENDING)


def test_a_failing_step_leaves_the_steps_before_it_in_its_group_said(
    db_dsn: str, folder: Path
) -> None:
    write_folder(
        folder,
        {
            "002_new_a.sql": "CREATE TABLE {{tables.a}} (id int);\n",
            "003_new_b.sql": "CREATE TABLE {{tables.b}} (id int);\n",
            "004_new_c.sql": "CREATE TABLE {{tables.c}} (id int);\n",
            "005_select.sql": "SELECT count(*) FROM shop.orders;\n",
            "006_fails.sql": "SELECT 1 / 0;\n",
        },
    )
    result = _rehearse(db_dsn, folder, GROUPED)
    assert not result.ok
    assert result.error is not None
    assert result.error.filename == "006_fails.sql"
    said = _by_step(result)
    assert sorted(said) == ["002_new_a.sql", "003_new_b.sql", "004_new_c.sql", "005_select.sql"]
    assert _reads_only(said["005_select.sql"], "shop.orders")


def test_cancelled_inside_a_group_its_steps_are_still_said(db_dsn: str, folder: Path) -> None:
    write_folder(folder, PENDING)
    cancel = threading.Event()
    events: list[ApplyEvent] = []

    def on_event(event: ApplyEvent) -> None:
        events.append(event)
        if event.kind == ApplyEventKind.APPLIED and event.filename == "005_do.sql":
            cancel.set()

    module = _module(folder)

    async def run() -> ApplyResult:
        async with await psycopg.AsyncConnection.connect(db_dsn, autocommit=True) as conn:
            files = discover(module.path)
            status = compute_status(module, files, await read_ledger(conn, module))
            plan = build_plan([(module, files, status)])
            return await rehearse.rehearse_plan(
                conn, {module.name: module}, plan, on_event=on_event, cancel=cancel,
                policy=GROUPED,
            )  # fmt: skip

    result = asyncio.run(run())
    assert result.cancelled
    said = _by_step(result)
    assert sorted(said) == sorted(PENDING)[:4]  # 002 to 005: the read was due after 009
    assert _reads_only(said["003_select.sql"], "shop.orders")
    assert _reads_only(said["005_do.sql"], "shop.customers")


def test_the_observations_own_reads_hide_no_later_lock(db_dsn: str, folder: Path) -> None:
    """Sizing a relation takes ACCESS SHARE on it; the observation gives that back at once, so
    a later step that only reads the table is still seen taking it."""
    write_folder(
        folder,
        {
            "002_lock.sql": "LOCK TABLE shop.audit_t IN SHARE MODE;\n",
            "003_read.sql": "SELECT count(*) FROM shop.audit_t;\n",
        },
    )
    for policy in (ALONE, GROUPED):
        lock, read = _rehearse(db_dsn, folder, policy).observed
        assert _locks(lock) == {("shop.audit_t", "SHARE")}
        assert _reads_only(read, "shop.audit_t")


@pytest.fixture
def logged(pg_server: TestServer, db_dsn: str) -> str:
    if pg_server.cluster is None:
        pytest.skip("needs a test cluster of our own to read its log")
    with psycopg.connect(db_dsn, autocommit=True) as conn:
        name = sql.Identifier(conn.info.dbname)
        conn.execute(sql.SQL("ALTER DATABASE {} SET log_statement = 'all'").format(name))
    return db_dsn


def _as_previewed(statement: str) -> str:
    # The lists a read carries grow as the rehearsal runs; the preview names them, and says
    # that a group's read sizes only what existed before ('false' for its 'true').
    statement = re.sub(r"unnest\('\{[^}]*\}'::int8\[\]\)", f"unnest({KNOWN})", statement)
    oids = FOUND if statement.startswith("SELECT c.oid,") else WATCHED
    statement = re.sub(r"unnest\('\{[^}]*\}'::oid\[\]\)", f"unnest({oids})", statement)
    return statement.replace("AND (false OR l.relation", "AND (true OR l.relation")


def test_a_grouped_rehearsal_sends_only_what_the_preview_says(
    pg_server: TestServer, logged: str, folder: Path
) -> None:
    write_folder(folder, PENDING)
    assert pg_server.cluster is not None
    log = pg_server.cluster.root / "server.log"
    module = _module(folder)

    async def run() -> tuple[Plan, ApplyResult, list[str]]:
        async with await psycopg.AsyncConnection.connect(logged, autocommit=True) as conn:
            files = discover(module.path)
            status = compute_status(module, files, await read_ledger(conn, module))
            plan = build_plan([(module, files, status)])
            start = log.stat().st_size
            result = await rehearse.rehearse_plan(conn, {module.name: module}, plan, policy=GROUPED)
            await conn.execute("SELECT 'the end'")
            text = log.read_bytes()[start:].decode()
            return plan, result, _statements_of(text, conn.info.backend_pid)

    plan, result, sent = asyncio.run(run())
    assert result.ok
    previewed = {*script.text(script.rehearsal_start(plan.observe_schemas)), "BEGIN", "ROLLBACK"}
    for step in plan.steps:
        previewed |= {p for p in step.rehearsal if not p.startswith(script.FILE)} | {step.sql}
    said = "".join(
        script.script_text(s, rehearse=True, first=i == 0) for i, s in enumerate(plan.steps)
    )
    groups = [script.GROUP_SAVEPOINT, script.GROUP_RELEASE, script.GROUP_ROLLBACK, sizes_query()]
    for statement in script.text(groups):
        assert statement in said  # named where the preview explains the reads
        previewed.add(statement)
    # A round trip is logged as one entry: compared statement by statement.
    pieces = {p.strip().rstrip(";") for s in previewed for p in s.split(";\n")}
    sent_pieces = [_as_previewed(p.strip().rstrip(";")) for s in sent[:-1] for p in s.split(";\n")]
    assert [p for p in sent_pieces if p and p not in pieces] == []
    # Groups were read together, and one that touched the tables there before ran again.
    assert any("AND (false OR l.relation" in s for s in sent)
    assert "ROLLBACK TO SAVEPOINT schemadesk_group" in sent


def test_a_size_a_rolled_back_first_run_blurred_is_not_said(db_dsn: str, folder: Path) -> None:
    """PostgreSQL keeps the pages a rolled-back INSERT added: when a group runs again, the
    tables its first run grew are said without sizes rather than with the first run's pages."""
    grow = "INSERT INTO shop.audit_t SELECT g FROM generate_series(1, 5000) g;\n"
    write_folder(
        folder,
        {
            "002_new_a.sql": "CREATE TABLE {{tables.a}} (id int);\n",
            "003_new_b.sql": "CREATE TABLE {{tables.b}} (id int);\n",
            "004_grow.sql": grow,
            "005_retype.sql": "ALTER TABLE shop.audit_t ALTER COLUMN id TYPE bigint;\n",
        },
    )
    grouped = _by_step(_rehearse(db_dsn, folder, GROUPED))
    grown = next(r for r in grouped["004_grow.sql"].relations if r.relation == "shop.audit_t")
    assert ("shop.audit_t", "ROW EXCLUSIVE") in _locks(grouped["004_grow.sql"])
    assert (grown.size_before, grown.size_after) == (None, None)
    # A rewrite writes a new file: its size is the step's own again.
    retyped = next(r for r in grouped["005_retype.sql"].relations if r.rewritten)
    assert retyped.size_before is None
    assert retyped.size_after
    alone = _by_step(_rehearse(db_dsn, folder, ALONE))
    assert next(r for r in alone["004_grow.sql"].relations).size_after
