"""Applying a change set: one transaction, all or nothing, refused on read-only sessions, and
errors that say why as fields (a reason, the statement, the server's SQLSTATE)."""

from __future__ import annotations

import psycopg
import pytest
from psycopg import sql

from schemadesk.core.access import changes as ch
from schemadesk.core.access.conventions import Convention, provision_schema
from schemadesk.core.access.guards import ChangeSetError, ChangeSetReason
from schemadesk.core.errors import ReadOnlyViolation
from schemadesk.core.profiles import ConnectionProfile
from schemadesk.db.access import ChangeSetFailed, apply_change_set
from schemadesk.db.database import Database
from schemadesk.db.gateway import Gateway
from tests.access.conftest import Roles, has, load

Conn = psycopg.Connection[tuple[object, ...]]


def test_a_change_set_that_fails_half_way_changes_nothing(
    admin: Conn, roles: Roles, gateway: Gateway, database: Database
) -> None:
    migrator = roles.create("migrator")
    conv = Convention(
        owner_role=roles.prefix + "{schema}_owner",
        rw_role=roles.prefix + "{schema}_rw",
        migrator_role=migrator,
    )
    roles.track(conv.owner_for("svc"))
    roles.track(conv.rw_for("svc"))
    before = load(gateway, database)
    change = provision_schema(before, "svc", conv)
    rendered = change.render()
    assert rendered.index("CREATE ROLE") < rendered.index("GRANT")
    admin.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(migrator)))  # in between
    with pytest.raises(ChangeSetFailed) as info:
        gateway.call(apply_change_set(database, change))
    failed = info.value  # which statement, and the server's own reason
    assert failed.sqlstate == "42704"  # undefined_object: the migrator is gone
    assert 1 < failed.number <= failed.total == len(change.statements)
    assert failed.summary == change.statements[failed.number - 1].summary
    after = load(gateway, database)
    assert after.schema("svc") is None
    assert after.role(conv.owner_for("svc")) is None
    assert after.role(conv.rw_for("svc")) is None
    assert after.default_privileges == before.default_privileges
    assert {r.name for r in after.roles} == {r.name for r in before.roles} - {migrator}


def test_a_read_only_session_refuses_to_apply(
    admin: Conn, roles: Roles, gateway: Gateway, db_dsn: str
) -> None:
    admin.execute("CREATE SCHEMA s")
    app = roles.create("app")
    profile = ConnectionProfile(name="ro", conninfo=db_dsn, read_only=True)
    database = gateway.open(profile).result()
    catalog = load(gateway, database)
    change = ch.grant_privileges(catalog, app, "s", ["USAGE"])
    with pytest.raises(ReadOnlyViolation):
        gateway.call(apply_change_set(database, change))
    assert not has(admin, "SELECT has_schema_privilege(%s, 's', 'USAGE')", app)


def test_a_change_that_cannot_be_built_says_why_as_a_reason(
    admin: Conn, roles: Roles, gateway: Gateway, database: Database
) -> None:
    admin.execute("CREATE SCHEMA s; CREATE TABLE s.t (id int)")
    app = roles.create("app")
    catalog = load(gateway, database)
    cases = [
        (lambda: ch.grant_privileges(catalog, app, "nowhere", ["USAGE"]), "MISSING_OBJECT"),
        (lambda: ch.grant_privileges(catalog, app, "s", ["FLY"]), "NOT_A_PRIVILEGE"),
        (
            lambda: ch.grant_privileges(catalog, app, "s", ["SELECT"], on="tables", objects=["u"]),
            "MISSING_OBJECT",
        ),
        (lambda: ch.grant_privileges(catalog, app, "pg_catalog", ["USAGE"]), "SYSTEM_SCHEMA"),
    ]
    for build, reason in cases:
        with pytest.raises(ChangeSetError) as caught:
            build()
        assert caught.value.reason is ChangeSetReason[reason]
    with pytest.raises(ChangeSetError) as caught:
        ch.grant_privileges(catalog, app, "s", ["SELECT"], on="tables", objects=["u"])
    assert caught.value.names == ("s", "u")
