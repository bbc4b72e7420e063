"""The DDL object details show recreates the schema: run in another database, it loads back
into equal models (grants aside: they are shown with their reasons, not scripted here).

Hostile schema names go through the same path: every name is quoted where the DDL is composed.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg import sql

from schemadesk.core.migrations.lexer import statements
from schemadesk.core.objects.models import SchemaObjects
from schemadesk.core.profiles import ConnectionProfile
from schemadesk.db.database import Database
from schemadesk.db.gateway import Gateway
from schemadesk.db.objects import load_schema_objects
from tests.fix_db import TestServer
from tests.objects.seed import TestRoles, seed

Conn = psycopg.Connection[Any]

SCHEMA_NAMES = ["shop", 'we"ird.sch;ema', "new\nline {x} %s", "日本語 スキーマ"]

# What DDL does not carry: grants, and what data and VACUUM change.
_UNSCRIPTED = {"acl", "acl_is_default", "size_bytes", "rows_estimate"}


def comparable(value: Any) -> Any:
    """``value`` with grants and sizes left out, nested models included."""
    if isinstance(value, tuple):
        return tuple(comparable(v) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changed = {
            f.name: comparable(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.name not in _UNSCRIPTED
        }
        return (type(value).__name__, tuple(sorted(changed.items())))
    return value


def run_ddl(conn: Conn, objects: SchemaObjects) -> None:
    """Each statement of the DDL, retried until its dependencies exist (the DDL is listed by
    kind and name, not in dependency order: a serial's sequence and its table need each
    other)."""
    pending = []
    for obj in objects.objects():
        pending += [obj.ddl[s.start : s.end + 1] for s in statements(obj.ddl)]
    while pending:
        failed: list[str] = []
        errors: list[str] = []
        for statement in pending:
            try:
                with conn.transaction():
                    conn.execute(statement.encode())
            except psycopg.Error as exc:
                failed.append(statement)
                errors.append(f"{statement}: {exc}")
        assert len(failed) < len(pending), errors
        pending = failed


@pytest.mark.parametrize("schema", SCHEMA_NAMES, ids=range(len(SCHEMA_NAMES)))
def test_ddl_recreates_the_schema(  # noqa: PLR0917 - fixtures
    schema: str,
    admin: Conn,
    test_roles: TestRoles,
    gateway: Gateway,
    database: Database,
    pg_server: TestServer,
) -> None:
    seed(admin, schema, test_roles)
    original = gateway.call(load_schema_objects(database.pool, schema))
    assert original.schema == schema
    other = pg_server.create_database()
    try:
        dsn = pg_server.conninfo(other)
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
            run_ddl(conn, original)
        copy_db = gateway.open(ConnectionProfile(name="copy", conninfo=dsn)).result()
        try:
            copy = gateway.call(load_schema_objects(copy_db.pool, schema))
        finally:
            gateway.call(copy_db.close())
        assert [o.signature for o in copy.objects()] == [o.signature for o in original.objects()]
        for before, after in zip(original.objects(), copy.objects(), strict=True):
            assert comparable(after) == comparable(before), before.signature
    finally:
        pg_server.drop_database(other)


# Names and texts that break naive quoting: ; -- " ' {} %s $1, a newline, an escape sequence.
HOSTILE_OBJECTS = (Path(__file__).parent / "hostile_objects.sql").read_text(encoding="utf-8")


def test_hostile_object_names_survive_the_round_trip(
    admin: Conn, gateway: Gateway, database: Database, pg_server: TestServer
) -> None:
    admin.execute(HOSTILE_OBJECTS.encode())
    original = gateway.call(load_schema_objects(database.pool, "h"))
    assert {o.name for o in original.objects()} >= {
        'e"num', "do main", "t; DROP TABLE x; --", "v.w", "f(x)",
    }  # fmt: skip
    other = pg_server.create_database()
    try:
        dsn = pg_server.conninfo(other)
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute("CREATE SCHEMA h")
            run_ddl(conn, original)
        copy_db = gateway.open(ConnectionProfile(name="copy", conninfo=dsn)).result()
        try:
            copy = gateway.call(load_schema_objects(copy_db.pool, "h"))
        finally:
            gateway.call(copy_db.close())
        for before, after in zip(original.objects(), copy.objects(), strict=True):
            assert comparable(after) == comparable(before), before.signature
    finally:
        pg_server.drop_database(other)
