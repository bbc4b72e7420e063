"""Status, apply and refusals against the real test database, checked with Alembic itself."""

from __future__ import annotations

import dataclasses
import threading
from pathlib import Path

import psycopg
import pytest

from schemadesk.core.alembic import lock
from schemadesk.core.alembic.errors import ChangedMeanwhile, PairingRefused
from schemadesk.core.alembic.models import AlembicSnapshot
from schemadesk.core.errors import ConfigError, ReadOnlyViolation
from schemadesk.core.migrations.models import ApplyEvent, ApplyEventKind, MigrationState
from schemadesk.core.migrations.project import Project, load_project
from schemadesk.core.profiles import ConnectionProfile
from schemadesk.db.alembic import service
from tests.alembic_engine.conftest import INI, Opened, alembic_cli, module_of, revisions_in
from tests.fix_db import TestServer

pytestmark = pytest.mark.db
pytest.importorskip("alembic")


def _rows(dsn: str, query: str) -> list[tuple[object, ...]]:
    with psycopg.connect(dsn) as conn:
        return list(conn.execute(query).fetchall())  # type: ignore[arg-type]


def _snapshots(opened: Opened, project: Project | None) -> dict[str, AlembicSnapshot]:
    found = opened.gateway.call(service.alembic_snapshots(opened.database, project))
    return {s.module.name: s for s in found}


def _seed(dsn: str) -> None:
    """accounts at head, catalog halfway, orders on one side of its merge: by Alembic's CLI."""
    alembic_cli(INI, dsn, "accounts", "upgrade", "accounts@head")
    alembic_cli(INI, dsn, "catalog", "upgrade", "c20000000002")
    alembic_cli(INI, dsn, "orders", "upgrade", "d30000000002")


def test_status_matches_alembic_current_and_heads(opened: Opened, project: Project) -> None:
    _seed(opened.dsn)
    snaps = _snapshots(opened, project)
    heads = revisions_in(alembic_cli(INI, opened.dsn, "accounts", "heads").stdout)
    for name in ("accounts", "catalog", "orders"):
        snap = snaps[name]
        current = revisions_in(alembic_cli(INI, opened.dsn, name, "current").stdout)
        assert snap.scripts is not None
        assert set(snap.scripts.current) == current, name
        assert set(snap.heads) <= current
        assert snap.scripts is not None
        # the branch's head is one of what `alembic heads` lists
        assert snap.scripts.lineage[-1] in heads
        states = {r.state for r in snap.status.rows}
        assert MigrationState.APPLIED not in states
        unverifiable = [r.filename[:12] for r in snap.status.rows if r.state == "unverifiable"]
        assert unverifiable == list(snap.scripts.applied)
        assert snap.status.ledger_table == f"alembic_version_{name}"
        assert snap.status.ledger_exists
    assert snaps["accounts"].pending == ()
    assert snaps["catalog"].pending == ("c20000000003",)
    assert set(snaps["orders"].pending) == {
        "d30000000003",
        "d30000000004",
        "c20000000001",
        "d30000000005",
    }


def test_apply_then_alembic_current_agrees(
    opened: Opened, project: Project, pg_server: TestServer
) -> None:
    _seed(opened.dsn)
    snap = _snapshots(opened, project)["orders"]
    events: list[ApplyEvent] = []
    seen_threads: set[int] = set()

    def on_event(event: ApplyEvent) -> None:
        seen_threads.add(threading.get_ident())
        events.append(event)

    result = opened.gateway.call(service.apply_alembic(opened.database, snap, on_event=on_event))
    assert result.ok, result.error
    assert [r.filename for r in result.applied] == [
        "d30000000003_create_notes.py",
        "d30000000004_merge_orders_and_notes.py",
        "d30000000005_create_order_lines.py",
    ]
    assert [(e.kind, e.index, e.total) for e in events] == [
        (kind, i, 3) for i in range(3) for kind in (ApplyEventKind.STARTED, ApplyEventKind.APPLIED)
    ]
    assert seen_threads == {opened.gateway._thread.ident}  # events arrive on the gateway loop
    current = revisions_in(alembic_cli(INI, opened.dsn, "orders", "current").stdout)
    # the same as Alembic's own one-shot upgrade from the same state, on another database
    name = pg_server.create_database()
    try:
        other = pg_server.conninfo(name)
        _seed(other)
        alembic_cli(INI, other, "orders", "upgrade", "orders@head")
        assert current == revisions_in(alembic_cli(INI, other, "orders", "current").stdout)
    finally:
        pg_server.drop_database(name)
    assert "d30000000005" in current
    after = _snapshots(opened, project)["orders"]
    assert after.scripts is not None
    assert set(after.scripts.current) == current
    # the version table holds the head only; `alembic current` adds its depends_on
    assert after.heads == ("d30000000005",)
    assert after.pending == ()
    assert {r.state for r in after.status.rows} == {MigrationState.UNVERIFIABLE}
    assert _rows(opened.dsn, "SELECT to_regclass('orders.order_lines') IS NOT NULL") == [(True,)]
    # catalog's own version table is untouched by the depends_on revisions orders ran
    assert revisions_in(alembic_cli(INI, opened.dsn, "catalog", "current").stdout) == {
        "c20000000002"
    }


def test_apply_from_an_empty_database(opened: Opened, project: Project) -> None:
    snap = _snapshots(opened, project)["accounts"]
    assert not snap.version_table.schema_exists
    assert not snap.status.ledger_exists
    result = opened.gateway.call(service.apply_alembic(opened.database, snap))
    assert result.ok, result.error
    assert revisions_in(alembic_cli(INI, opened.dsn, "accounts", "current").stdout) == {
        "a10000000002"
    }


def test_mismatched_label_and_schema_are_refused_before_anything_runs(
    opened: Opened, project: Project
) -> None:
    wrong = dataclasses.replace(module_of(project, "accounts"), branch="catalog")
    bad = Project(root=project.root, modules=(), alembic_modules=(wrong,))
    snap = _snapshots(opened, bad)["accounts"]
    assert snap.pairing is not None
    with pytest.raises(PairingRefused, match="branch 'catalog' does not belong to schema"):
        opened.gateway.call(service.apply_alembic(opened.database, snap))
    assert _rows(opened.dsn, "SELECT nspname FROM pg_namespace WHERE nspname = 'accounts'") == []


def test_a_revision_unknown_to_the_scripts_is_missing(opened: Opened, project: Project) -> None:
    _seed(opened.dsn)
    with psycopg.connect(opened.dsn) as conn:
        conn.execute("UPDATE catalog.alembic_version_catalog SET version_num = 'feedfacecafe'")
    snap = _snapshots(opened, project)["catalog"]
    missing = [r for r in snap.status.rows if r.state is MigrationState.MISSING]
    assert [r.filename for r in missing] == ["feedfacecafe"]
    assert "feedfacecafe" in missing[0].problems[0].message
    with pytest.raises(ConfigError, match="feedfacecafe"):
        opened.gateway.call(service.apply_alembic(opened.database, snap))


def test_version_tables_are_found_without_a_project_file(opened: Opened) -> None:
    _seed(opened.dsn)
    with psycopg.connect(opened.dsn) as conn:  # a plain one, in public, with two heads
        conn.execute("CREATE TABLE public.alembic_version (version_num varchar(32) PRIMARY KEY)")
        conn.execute("INSERT INTO public.alembic_version VALUES ('aaaaaaaaaaaa'), ('bbbbbbbbbbbb')")
        conn.execute("CREATE TABLE public.alembic_version_like (other text)")  # no version_num
    snaps = _snapshots(opened, None)
    assert set(snaps) == {"accounts", "catalog", "orders", "public"}
    assert snaps["catalog"].heads == ("c20000000002",)
    assert snaps["public"].heads == ("aaaaaaaaaaaa", "bbbbbbbbbbbb")
    for snap in snaps.values():
        assert snap.module.detected
        assert snap.scripts is None
        assert {r.state for r in snap.status.rows} == {MigrationState.UNVERIFIABLE}
        assert [r.filename for r in snap.status.rows] == list(snap.heads)


def test_detected_tables_do_not_duplicate_configured_modules(
    opened: Opened, project: Project
) -> None:
    _seed(opened.dsn)
    with psycopg.connect(opened.dsn) as conn:
        conn.execute("CREATE SCHEMA legacy")
        conn.execute("CREATE TABLE legacy.alembic_version (version_num varchar(32) PRIMARY KEY)")
    snaps = _snapshots(opened, project)
    assert set(snaps) == {"accounts", "catalog", "orders", "legacy"}
    assert not snaps["accounts"].module.detected
    assert snaps["legacy"].module.detected


def test_a_failing_revision_is_named_and_earlier_upgrades_stay(
    opened: Opened, repo_copy: Path
) -> None:
    broken = repo_copy / "repo" / "versions" / "a10000000003_broken.py"
    broken.write_text(
        '"""broken"""\nfrom alembic import op\n\nrevision = "a10000000003"\n'
        'down_revision = "a10000000002"\nbranch_labels = None\ndepends_on = None\n\n\n'
        "def upgrade() -> None:\n"
        '    op.execute("ALTER TABLE accounts.users ADD COLUMN login text")\n',
        encoding="utf-8",
    )
    project = load_project(repo_copy)
    snap = _snapshots(opened, project)["accounts"]
    result = opened.gateway.call(service.apply_alembic(opened.database, snap))
    assert result.error is not None
    assert result.error.filename == "a10000000003_broken.py"
    assert result.error.sqlstate == "42701"  # duplicate_column
    assert [r.outcome for r in result.results] == [
        ApplyEventKind.APPLIED,
        ApplyEventKind.APPLIED,
        ApplyEventKind.FAILED,
    ]
    ini = repo_copy / "repo" / "alembic.ini"
    assert revisions_in(alembic_cli(ini, opened.dsn, "accounts", "current").stdout) == {
        "a10000000002"
    }


def test_cancel_stops_between_upgrades(opened: Opened, project: Project) -> None:
    snap = _snapshots(opened, project)["catalog"]
    cancel = threading.Event()

    def on_event(event: ApplyEvent) -> None:
        if event.kind is ApplyEventKind.APPLIED:
            cancel.set()

    result = opened.gateway.call(
        service.apply_alembic(opened.database, snap, on_event=on_event, cancel=cancel)
    )
    assert result.cancelled
    assert len(result.applied) in (1, 2)  # the event reaches the loop while the next may start
    current = revisions_in(alembic_cli(INI, opened.dsn, "catalog", "current").stdout)
    assert current == {result.applied[-1].filename[:12]}


def test_read_only_profile_is_refused(opened: Opened, project: Project) -> None:
    snap = _snapshots(opened, project)["accounts"]
    profile, _ = ConnectionProfile.from_dsn(opened.dsn, name="ro", read_only=True)
    database = opened.gateway.open(profile).result()
    with pytest.raises(ReadOnlyViolation):
        opened.gateway.call(service.apply_alembic(database, snap))
    assert _rows(opened.dsn, "SELECT nspname FROM pg_namespace WHERE nspname = 'accounts'") == []


def test_run_as_a_role_owns_what_it_creates(opened: Opened, project: Project) -> None:
    with psycopg.connect(opened.dsn, autocommit=True) as conn:
        role = f"accounts_owner_{conn.info.dbname}"
        conn.execute(f"DROP ROLE IF EXISTS {role}")
        conn.execute(f"CREATE ROLE {role}")
        conn.execute(f"GRANT CREATE ON DATABASE {conn.info.dbname} TO {role}")
    try:
        snap = _snapshots(opened, project)["accounts"]
        result = opened.gateway.call(service.apply_alembic(opened.database, snap, run_as=role))
        assert result.ok, result.error
        owner = _rows(
            opened.dsn, "SELECT pg_get_userbyid(relowner) FROM pg_class WHERE relname = 'users'"
        )
        assert owner == [(role,)]
    finally:
        with psycopg.connect(opened.dsn, autocommit=True) as conn:
            conn.execute("DROP SCHEMA IF EXISTS accounts CASCADE")
            conn.execute(f"DROP OWNED BY {role}")
            conn.execute(f"DROP ROLE IF EXISTS {role}")


def test_a_dependency_already_applied_elsewhere_is_flagged(
    opened: Opened, project: Project
) -> None:
    _seed(opened.dsn)  # catalog recorded c20000000001; orders' upgrade will run it again
    snaps = _snapshots(opened, project)
    (problem,) = [p for p in snaps["orders"].status.problems if p.code == "dependency-runs-again"]
    assert "c20000000001_init_catalog_schema.py" in problem.message
    assert "catalog.alembic_version_catalog" in problem.message
    assert not [p for p in snaps["catalog"].status.problems if p.code == "dependency-runs-again"]


def test_an_env_py_that_ignores_the_handed_connection_reaches_the_confirmed_database(
    opened: Opened, repo_copy: Path
) -> None:
    """It connects on its own (sqlalchemy.url, which schemadesk sets to the profile's target):
    applied there, checked by Alembic's own `alembic current`; it cannot be rehearsed."""
    env = repo_copy / "repo" / "env.py"
    text = env.read_text(encoding="utf-8")
    assert 'config.attributes.get("connection")' in text
    env.write_text(text.replace('config.attributes.get("connection")', "None"), encoding="utf-8")
    snap = _snapshots(opened, load_project(repo_copy))["accounts"]
    preview = opened.gateway.call(service.preview_of(snap))
    assert any("connects on its own" in w for w in preview.warnings)
    with pytest.raises(ConfigError, match="does not rehearse"):
        opened.gateway.call(service.apply_alembic(opened.database, snap, rehearse=True))
    result = opened.gateway.call(service.apply_alembic(opened.database, snap))
    assert result.ok, result.error
    ini = repo_copy / "repo" / "alembic.ini"
    current = revisions_in(alembic_cli(ini, opened.dsn, "accounts", "current").stdout)
    assert current == {"a10000000002"}


def test_a_second_applier_waits_for_the_module_lock_and_says_who_holds_it(
    opened: Opened, project: Project
) -> None:
    """Alembic has no lock; schemadesk's appliers of one module exclude each other, and the one
    that waits names the holder (so a person knows whom to ask) and can be cancelled unharmed."""
    snap = _snapshots(opened, project)["accounts"]
    waiting: list[str] = []
    cancel = threading.Event()

    def on_event(event: ApplyEvent) -> None:
        if event.kind is ApplyEventKind.WAITING:
            waiting.append(event.message)
            cancel.set()

    with psycopg.connect(opened.dsn, autocommit=True) as holder:
        holder.execute("SET application_name = 'the other applier'")
        holder.execute(lock.try_lock(snap.module))
        result = opened.gateway.call(
            service.apply_alembic(opened.database, snap, on_event=on_event, cancel=cancel)
        )
        assert result.cancelled
        assert result.applied == ()
        assert len(waiting) == 1
        assert "module accounts" in waiting[0]
        assert f"pid {holder.info.backend_pid}" in waiting[0]
        assert "the other applier" in waiting[0]
        assert _rows(opened.dsn, "SELECT 1 FROM pg_namespace WHERE nspname = 'accounts'") == []

    # The holder is gone: the same apply now runs to the head.
    result = opened.gateway.call(service.apply_alembic(opened.database, snap))
    assert result.ok, result.error
    head = revisions_in(alembic_cli(INI, opened.dsn, "accounts", "current").stdout)
    assert head == {"a10000000002"}


def test_a_plan_made_stale_by_another_applier_is_refused_before_anything_runs(
    opened: Opened, project: Project
) -> None:
    """The person confirmed upgrades from what the version table held then; when another
    applier moved it meanwhile, running that confirmation would not be what was reviewed."""
    snap = _snapshots(opened, project)["catalog"]
    assert snap.heads == ()
    alembic_cli(INI, opened.dsn, "catalog", "upgrade", "c20000000002")  # someone else, meanwhile
    with pytest.raises(ChangedMeanwhile) as refused:
        opened.gateway.call(service.apply_alembic(opened.database, snap))
    message = str(refused.value)
    assert "module catalog" in message
    assert "c20000000002" in message
    assert "nothing was run" in message
    current = revisions_in(alembic_cli(INI, opened.dsn, "catalog", "current").stdout)
    assert current == {"c20000000002"}
