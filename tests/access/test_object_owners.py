"""Every object the schema's owner should own is checked and fixed: tables, views, materialized
views, sequences, functions, procedures, aggregates, types and domains; an extension's own
objects in the schema never are (``pg_depend`` deptype ``e``)."""

from __future__ import annotations

import json
from pathlib import Path

import psycopg
import pytest

from schemadesk.cli import main
from tests.access.conftest import Roles

Conn = psycopg.Connection[tuple[object, ...]]

# Created by the superuser in a provisioned schema: every one should become the owner's.
OBJECTS = r'''
CREATE TABLE svc.orders (id int PRIMARY KEY, status text);
CREATE VIEW svc.open_orders AS SELECT id FROM svc.orders;
CREATE MATERIALIZED VIEW svc.order_counts AS SELECT count(*) AS n FROM svc.orders;
CREATE SEQUENCE svc.ticket;
CREATE FUNCTION svc.record_status_change() RETURNS trigger LANGUAGE plpgsql
    AS $$ BEGIN RETURN NEW; END $$;
CREATE FUNCTION svc."odd ""name"""(a int[], b "char", c svc.orders) RETURNS int
    LANGUAGE sql AS 'SELECT 1';
CREATE PROCEDURE svc.archive(days int) LANGUAGE sql AS 'SELECT 1';
CREATE AGGREGATE svc.total(int) (SFUNC = int4pl, STYPE = int);
CREATE TYPE svc.status AS ENUM ('new', 'paid');
CREATE TYPE svc.pair AS (a int, b int);
CREATE DOMAIN svc.positive AS int CHECK (VALUE > 0);
'''


def _json(capsys: pytest.CaptureFixture[str], argv: list[str]) -> object:
    capsys.readouterr()
    code = main(argv)
    out = capsys.readouterr().out
    assert code == 0, out
    return json.loads(out)


def _owners(admin: Conn) -> dict[str, str]:
    """Owners of the objects in svc, the extension's own left out."""
    rows = admin.execute(
        "SELECT c.relname, pg_get_userbyid(c.relowner), c.oid FROM pg_class c"
        " WHERE c.relnamespace = 'svc'::regnamespace AND c.relkind IN ('r','v','m','S')"
        " UNION ALL SELECT p.proname, pg_get_userbyid(p.proowner), p.oid FROM pg_proc p"
        " WHERE p.pronamespace = 'svc'::regnamespace"
        " UNION ALL SELECT t.typname, pg_get_userbyid(t.typowner), t.oid FROM pg_type t"
        " WHERE t.typnamespace = 'svc'::regnamespace AND t.typtype IN ('e', 'd', 'c')"
    ).fetchall()
    members = {r[0] for r in admin.execute("SELECT objid FROM pg_depend WHERE deptype = 'e'")}
    return {str(n): str(o) for n, o, oid in rows if oid not in members}


def test_functions_types_and_every_relation_kind_are_checked_and_fixed_but_not_an_extensions(
    admin: Conn, roles: Roles, db_dsn: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    config = tmp_path / "schemadesk.toml"
    config.write_text(
        "[conventions]\n"
        f"owner_role = {json.dumps(roles.prefix + '{schema}_owner')}\n"
        f"rw_role = {json.dumps(roles.prefix + '{schema}_rw')}\n"
        f"migrator_role = {json.dumps(roles.prefix + 'migrator')}\n"
        'include = ["svc"]\n',
        encoding="utf-8",
    )
    for suffix in ("svc_owner", "svc_rw", "migrator"):
        roles.track(roles.prefix + suffix)
    owner = roles.prefix + "svc_owner"
    base = ["--dsn", db_dsn, "--config", str(config)]
    _json(capsys, ["provision", "svc", *base, "--yes", "--json"])
    assert _json(capsys, ["check", *base, "--json"]) == []
    admin.execute(OBJECTS)
    # An extension in the schema: its functions and types stay the superuser's.
    admin.execute("CREATE EXTENSION citext SCHEMA svc")
    superuser = str(admin.execute("SELECT current_user").fetchone()[0])  # type: ignore[index]

    findings = _json(capsys, ["check", *base, "--json"])
    assert isinstance(findings, list)
    (finding,) = [f for f in findings if f["code"] == "object-owner"]
    objects = finding["objects"]
    for name in ("orders", "open_orders", "order_counts", "ticket", "status", "pair", "positive"):
        assert f"{name} ({superuser})" in objects
    assert f"record_status_change() ({superuser})" in objects
    # PostgreSQL 14 and later say IN before a procedure's argument, 13 does not.
    assert {
        f"archive(IN days integer) ({superuser})",
        f"archive(days integer) ({superuser})",
    } & set(objects)
    assert f"total(integer) ({superuser})" in objects
    assert not any("citext" in o for o in objects)  # the extension's: never listed
    fix = finding["fix"]
    assert 'ALTER FUNCTION "svc"."record_status_change"() OWNER TO' in fix
    assert 'ALTER PROCEDURE "svc"."archive"("pg_catalog"."int4") OWNER TO' in fix
    assert 'ALTER AGGREGATE "svc"."total"("pg_catalog"."int4") OWNER TO' in fix
    assert 'ALTER DOMAIN "svc"."positive" OWNER TO' in fix
    assert 'ALTER TYPE "svc"."status" OWNER TO' in fix
    assert '"svc"."odd ""name"""("pg_catalog"."_int4", "pg_catalog"."char", "svc"."orders")' in fix

    report = _json(capsys, ["check", *base, "--fix", "--yes", "--json"])
    assert isinstance(report, dict)
    assert report["verified"]
    assert set(_owners(admin).values()) == {owner}
    assert _json(capsys, ["check", *base, "--json"]) == []
    row = admin.execute(
        "SELECT pg_get_userbyid(typowner) FROM pg_type"
        " WHERE typname = 'citext' AND typnamespace = 'svc'::regnamespace"
    ).fetchone()
    assert row == (superuser,)
    admin.execute("DROP EXTENSION citext")
