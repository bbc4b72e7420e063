"""F5 re-reads only what changed since the last load (issue 25: ten thousand tenant schemas).

A refresh first asks the server whether anything was committed since the catalog was read,
and which catalogs changed; what did not change is kept. Checked by what a person sees (the new
grant, the new schema, the view that did not flash "Loading…") and by counting the catalog
queries sent, never by the clock.
"""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest
from psycopg import sql

from schemadesk.core.profiles import ConnectionProfile
from schemadesk.db.access import owned_objects
from schemadesk.db.access.loader import queries_sent
from schemadesk.ui.connection_session import ConnectionSession
from schemadesk.ui.main_window import MainWindow
from tests.fix_ui import UiLoop
from tests.until import until

pytestmark = pytest.mark.ui


@pytest.fixture
def opened(main_window: MainWindow, ui_loop: UiLoop, primary_dsn: str) -> Iterator[str]:
    """A database with one tenant (owner, rw role, a table) open in the window; its prefix."""
    prefix = str(psycopg.conninfo.conninfo_to_dict(primary_dsn)["dbname"])
    owner, rw = sql.Identifier(f"{prefix}_owner"), sql.Identifier(f"{prefix}_rw")
    with psycopg.connect(primary_dsn, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(owner))
        conn.execute(sql.SQL("CREATE ROLE {} LOGIN").format(rw))
        conn.execute(sql.SQL("CREATE SCHEMA tenant_a AUTHORIZATION {}").format(owner))
        conn.execute("CREATE TABLE tenant_a.orders (id int)")
    main_window.open_profile(ConnectionProfile(name="f5", conninfo=primary_dsn))
    ui_loop.run(main_window.wait_loaded())
    try:
        yield prefix
    finally:
        main_window.close_current()
        ui_loop.settle(0.2)
        with psycopg.connect(primary_dsn, autocommit=True) as conn:
            for role in (owner, rw):
                conn.execute(sql.SQL("DROP OWNED BY {} CASCADE").format(role))
                conn.execute(sql.SQL("DROP ROLE {}").format(role))


def _refreshed(main_window: MainWindow, ui_loop: UiLoop) -> ConnectionSession:
    """Press F5 and wait until every view of the session has loaded again."""
    session = main_window.current
    assert session is not None
    done: list[bool] = []
    session.views_loaded.connect(lambda: done.append(True))
    main_window.refresh()
    ui_loop.run(until(lambda: bool(done)))
    return session


def test_f5_with_nothing_changed_keeps_the_catalog_and_sends_no_catalog_query(
    main_window: MainWindow, ui_loop: UiLoop, opened: str
) -> None:
    session = main_window.current
    assert session is not None
    catalog, findings = session.catalog, session.findings
    loading: list[str] = []
    session.pages["schemas"].show_loading = loading.append  # type: ignore[method-assign]
    sent = queries_sent()
    _refreshed(main_window, ui_loop)
    assert queries_sent() == sent
    assert session.catalog is catalog
    assert session.findings is findings
    assert loading == []  # the list did not flash "Loading…"
    assert "tenant_a" in main_window.schemas_view.visible_names()


def test_the_loaded_window_keeps_no_memo_of_its_convention_check(
    main_window: MainWindow, ui_loop: UiLoop, opened: str, primary_dsn: str
) -> None:
    """The check's memoised chains and evaluations (26 MiB at 10,000 schemas) go when it ends;
    the findings it made stay."""
    with psycopg.connect(primary_dsn, autocommit=True) as conn:  # a schema the check's rw
        owner = sql.Identifier(f"{opened}_owner")  # part follows through the role graph
        conn.execute(
            sql.SQL("CREATE SCHEMA {} AUTHORIZATION {}").format(sql.Identifier(opened), owner)
        )
    session = _refreshed(main_window, ui_loop)
    assert session.graph is not None
    assert session.graph.memoised() == 0
    assert any(f.code == "rw-default-privileges" for f in session.findings[opened])


def test_f5_after_a_grant_shows_it_reading_only_the_changed_parts(
    main_window: MainWindow, ui_loop: UiLoop, opened: str, primary_dsn: str
) -> None:
    session = main_window.current
    assert session is not None
    assert session.catalog is not None
    rw = f"{opened}_rw"
    # The first F5 after a change reads everything (the first load takes only the snapshot)
    # and notes what each catalog holds; from the second on, only what changed is read.
    with psycopg.connect(primary_dsn, autocommit=True) as conn:
        conn.execute("COMMENT ON SCHEMA tenant_a IS 'first change'")
    sent = queries_sent()
    _refreshed(main_window, ui_loop)
    # three context queries (the lists, the schemas' counts, the rest), every job, and the
    # owned-object jobs (types and routines: pg_type is not fingerprinted, so they are read on
    # every refresh that finds a change)
    assert queries_sent() - sent == 3 + 9 + len(owned_objects.JOBS)
    assert session.catalog is not None
    first = session.catalog
    assert not any(i.grantee == rw for i in first.relation("tenant_a", "orders").acl)  # type: ignore[union-attr]
    with psycopg.connect(primary_dsn, autocommit=True) as conn:
        conn.execute(sql.SQL("GRANT SELECT ON tenant_a.orders TO {}").format(sql.Identifier(rw)))
    sent = queries_sent()
    _refreshed(main_window, ui_loop)
    assert session.catalog is not first
    orders = session.catalog.relation("tenant_a", "orders")
    assert orders is not None
    assert any(i.grantee == rw and "SELECT" in i.privileges for i in orders.acl)
    # pg_class changed (tables, schemas' counts); roles, memberships, settings, functions and
    # default privileges were kept: three context queries and the four jobs reading pg_class.
    assert queries_sent() - sent == 3 + 4 + len(owned_objects.JOBS)
    assert session.catalog.role(rw) is not None  # kept rows still make the whole catalog


def test_f5_after_a_new_schema_lists_it(
    main_window: MainWindow, ui_loop: UiLoop, opened: str, primary_dsn: str
) -> None:
    with psycopg.connect(primary_dsn, autocommit=True) as conn:
        conn.execute("CREATE SCHEMA tenant_b")
    _refreshed(main_window, ui_loop)
    assert "tenant_b" in main_window.schemas_view.visible_names()
    assert "tenant_a" in main_window.schemas_view.visible_names()


def test_f5_after_a_new_role_membership_shows_it(
    main_window: MainWindow, ui_loop: UiLoop, opened: str, primary_dsn: str
) -> None:
    owner, rw = f"{opened}_owner", f"{opened}_rw"
    with psycopg.connect(primary_dsn, autocommit=True) as conn:
        conn.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(owner), sql.Identifier(rw)))
    session = _refreshed(main_window, ui_loop)
    assert session.catalog is not None
    assert any(m.role == owner and m.member == rw for m in session.catalog.memberships)


def test_f5_after_a_role_setting_is_reset_shows_none(
    main_window: MainWindow, ui_loop: UiLoop, opened: str, primary_dsn: str
) -> None:
    """F5 keeps the roles' models (not their rows) when pg_authid did not change; a setting
    removed since must not survive in a kept role."""
    rw = sql.Identifier(f"{opened}_rw")
    with psycopg.connect(primary_dsn, autocommit=True) as conn:
        conn.execute(sql.SQL("ALTER ROLE {} SET work_mem = '7MB'").format(rw))
    _refreshed(main_window, ui_loop)  # reads everything, notes the fingerprint
    with psycopg.connect(primary_dsn, autocommit=True) as conn:
        conn.execute(sql.SQL("ALTER ROLE {} SET lock_timeout = '3s'").format(rw))
    session = _refreshed(main_window, ui_loop)
    assert session.catalog is not None
    role = session.catalog.role(f"{opened}_rw")
    assert role is not None
    assert {s.name for s in role.settings} == {"work_mem", "lock_timeout"}
    with psycopg.connect(primary_dsn, autocommit=True) as conn:
        conn.execute(sql.SQL("ALTER ROLE {} RESET ALL").format(rw))
    sent = queries_sent()
    session = _refreshed(main_window, ui_loop)
    assert queries_sent() - sent < 3 + 9 + len(owned_objects.JOBS)  # the roles were kept
    role = session.catalog.role(f"{opened}_rw") if session.catalog else None
    assert role is not None
    assert role.settings == ()
    row = main_window.roles_view.visible_roles().index(f"{opened}_rw")
    assert main_window.roles_view.roles_model.index(row, 1).data() == ""  # Settings column
