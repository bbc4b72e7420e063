"""What a window holds after a load and after a closed connection (issue 25), counted in objects,
never in RSS: with the window's own collector policy the ACL parse caches are empty once the
catalog is built (their keys, the rows' texts, kept the rows' memory), the views show the
catalog as before, and closing the connection frees every model made from its catalog:
relations, schemas, roles, findings (frozen out of the collector's scans, they would otherwise
stay until the process ends)."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import psycopg
import pytest
from psycopg import sql

from schemadesk.app import WINDOW_COLLECTOR
from schemadesk.core.access.acl import parsed
from schemadesk.core.access.conventions import Finding
from schemadesk.core.access.models import Relation, Role, Schema
from schemadesk.core.long_lived import use_collector_policy
from schemadesk.core.models import SchemaInfo
from schemadesk.core.profiles import ConnectionProfile
from schemadesk.ui.main_window import MainWindow
from tests.fix_ui import UiLoop
from tests.until import until

pytestmark = pytest.mark.ui

PREFIX = "memtest_"  # every schema and role this test makes, so counts see nothing else
TENANTS = 12


@pytest.fixture
def owners(primary_dsn: str) -> Iterator[str]:
    """The prefix of this test's roles (roles are the cluster's: named after the database)."""
    prefix = str(psycopg.conninfo.conninfo_to_dict(primary_dsn)["dbname"]) + "_"
    yield prefix
    with psycopg.connect(primary_dsn, autocommit=True) as conn:
        for i in range(TENANTS):
            role = sql.Identifier(f"{prefix}{i:02d}_owner")
            conn.execute(sql.SQL("DROP OWNED BY {} CASCADE").format(role))
            conn.execute(sql.SQL("DROP ROLE {}").format(role))


@pytest.fixture
def opened(
    main_window: MainWindow, ui_loop: UiLoop, primary_dsn: str, owners: str
) -> Iterator[str]:
    """``TENANTS`` schemas with an owner, two tables and a grant each, loaded in the window
    under the window's collector policy (as ``app.open_window`` sets it); the roles' prefix."""
    with psycopg.connect(primary_dsn, autocommit=True) as conn, conn.transaction():
        for i in range(TENANTS):
            s, owner = sql.Identifier(f"{PREFIX}{i:02d}"), sql.Identifier(f"{owners}{i:02d}_owner")
            conn.execute(sql.SQL("CREATE ROLE {}").format(owner))
            conn.execute(sql.SQL("CREATE SCHEMA {} AUTHORIZATION {}").format(s, owner))
            for table in ("orders", "lines"):
                conn.execute(
                    sql.SQL("CREATE TABLE {}.{} (id serial)").format(s, sql.Identifier(table))
                )
            conn.execute(sql.SQL("GRANT SELECT ON ALL TABLES IN SCHEMA {} TO {}").format(s, owner))
    previous = use_collector_policy(WINDOW_COLLECTOR)
    try:
        main_window.open_profile(ConnectionProfile(name="memory", conninfo=primary_dsn))
        ui_loop.run(main_window.wait_loaded())
        session = main_window.current
        assert session is not None
        ui_loop.run(until(lambda: session.graph is not None))
        yield owners
    finally:
        use_collector_policy(previous)
        main_window.tasks.cancel_all()
        ui_loop.settle()


def _ours(owners: str) -> dict[str, int]:
    """This test's catalog models alive, by type (frozen ones too: the window froze them)."""
    gc.unfreeze()  # frozen objects are not listed by gc.get_objects
    counts = {"Relation": 0, "Schema": 0, "SchemaInfo": 0, "Role": 0, "Finding": 0}
    for obj in gc.get_objects():
        if isinstance(obj, Relation | Schema | SchemaInfo | Finding):
            name = obj.schema if isinstance(obj, Relation | Finding) else obj.name
        elif isinstance(obj, Role):
            name = PREFIX if obj.name.startswith(owners) else ""
        else:
            continue
        if name.startswith(PREFIX):
            counts[type(obj).__name__] += 1
    gc.freeze()
    return counts


def test_the_parse_caches_are_empty_after_the_load_and_the_views_whole(
    main_window: MainWindow, ui_loop: UiLoop, opened: str
) -> None:
    ui_loop.run(until(lambda: parsed() == 0))  # in steps on the window's loop, after the build
    session = main_window.current
    assert session is not None
    assert session.catalog is not None
    relation = session.catalog.relation(f"{PREFIX}03", "orders")
    assert relation is not None
    assert any(item.grantee == f"{opened}03_owner" for item in relation.acl)
    shown = [n for n in main_window.schemas_view.visible_names() if n.startswith(PREFIX)]
    assert len(shown) == TENANTS


def test_closing_the_connection_frees_every_model_of_its_catalog(
    main_window: MainWindow, ui_loop: UiLoop, opened: str
) -> None:
    alive = _ours(opened)
    assert alive["Relation"] >= TENANTS * 4  # two tables and their sequences each
    assert alive["Schema"] >= TENANTS
    assert alive["SchemaInfo"] >= TENANTS  # the schemas view's rows
    assert alive["Role"] >= TENANTS
    assert alive["Finding"] >= 1  # no rw role, no migrator: each tenant has findings
    main_window.close_current()
    ui_loop.settle(0.2)
    assert _ours(opened) == dict.fromkeys(alive, 0)
