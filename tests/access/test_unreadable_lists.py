"""``roles`` and ``schemas`` where the login may not read a catalog they list from: an error on
stderr naming the catalog and the server's reason, exit 1 (a statement failed), nothing on
stdout, in text and ``--json`` alike. An empty list (or one without memberships) would say
there is nothing. Each test revokes in its own database: no other test sees it."""

from __future__ import annotations

import json

import psycopg
import pytest
from psycopg import sql

from tests.access.conftest import Roles
from tests.hostile.helpers import Run, assert_clean, run

Conn = psycopg.Connection[tuple[object, ...]]
ident = sql.Identifier


def _limited(admin: Conn, roles: Roles, db_dsn: str, *revoked: str) -> str:
    """The DSN of a plain login of the test's database, where PUBLIC lost SELECT on
    ``revoked`` (the catalogs every login may read by default)."""
    login = roles.create("limited", "LOGIN")
    group = roles.create("its group")
    admin.execute(sql.SQL("GRANT {} TO {}").format(ident(group), ident(login)))
    for catalog in revoked:
        admin.execute(
            sql.SQL("REVOKE SELECT ON {} FROM PUBLIC").format(ident("pg_catalog", catalog))
        )
    return psycopg.conninfo.make_conninfo(db_dsn, user=login)


def _refused(result: Run, said: str, catalog: str) -> None:
    assert_clean(result)
    assert result.code == 1, result.text
    assert result.out == ""  # no list at all, rather than a shorter one
    (line,) = result.err.splitlines()
    assert line.startswith(f"schemadesk: error: cannot read {said}: permission denied for ")
    assert line.endswith(f" {catalog}")  # the server's own words name the very catalog
    assert "unexpected" not in line


@pytest.mark.parametrize("argv", [["roles"], ["roles", "--json"], ["roles", "--all", "--json"]])
def test_roles_where_pg_roles_cannot_be_read_says_so_and_exits_1(
    admin: Conn, roles: Roles, db_dsn: str, argv: list[str]
) -> None:
    dsn = _limited(admin, roles, db_dsn, "pg_roles")
    _refused(run([*argv, "--dsn", dsn]), "the roles (pg_roles, pg_shdescription)", "pg_roles")


def test_one_role_where_pg_roles_cannot_be_read_is_not_said_to_be_missing(
    admin: Conn, roles: Roles, db_dsn: str
) -> None:
    dsn = _limited(admin, roles, db_dsn, "pg_roles")
    for argv in (["roles", roles.name("limited")], ["roles", roles.name("limited"), "--json"]):
        result = run([*argv, "--dsn", dsn])
        _refused(result, "the server's context (pg_database, pg_roles)", "pg_roles")
        assert "does not exist" not in result.err


def test_one_role_without_its_memberships_is_no_detail_without_them(
    admin: Conn, roles: Roles, db_dsn: str
) -> None:
    dsn = _limited(admin, roles, db_dsn, "pg_auth_members")
    result = run(["roles", roles.name("limited"), "--dsn", dsn])
    # The loader leaves the part out ("no access"), the detail says it could not read it.
    _refused(result, "the catalog's memberships: no access", "pg_auth_members")


@pytest.mark.parametrize("argv", [["schemas"], ["schemas", "--json"]])
def test_schemas_where_pg_roles_cannot_be_read_says_so_and_exits_1(
    admin: Conn, roles: Roles, db_dsn: str, argv: list[str]
) -> None:
    dsn = _limited(admin, roles, db_dsn, "pg_roles")
    _refused(run([*argv, "--dsn", dsn]), "the server's context (pg_database, pg_roles)", "pg_roles")


@pytest.mark.parametrize("argv", [["roles"], ["roles", "--json"]])
def test_roles_without_memberships_is_no_list_without_them(
    admin: Conn, roles: Roles, db_dsn: str, argv: list[str]
) -> None:
    dsn = _limited(admin, roles, db_dsn, "pg_auth_members")
    _refused(run([*argv, "--dsn", dsn]), "the memberships (pg_auth_members)", "pg_auth_members")


@pytest.mark.parametrize("argv", [["schemas"], ["schemas", "--json"], ["schemas", "--exact-sizes"]])
def test_schemas_where_pg_namespace_cannot_be_read_says_so_and_exits_1(
    admin: Conn, roles: Roles, db_dsn: str, argv: list[str]
) -> None:
    dsn = _limited(admin, roles, db_dsn, "pg_namespace")
    _schemas_refused(run([*argv, "--dsn", dsn]), "pg_namespace")


def test_schemas_without_counts_is_no_list_without_them(
    admin: Conn, roles: Roles, db_dsn: str
) -> None:
    dsn = _limited(admin, roles, db_dsn, "pg_proc")
    _schemas_refused(run(["schemas", "--dsn", dsn]), "pg_proc")


def _schemas_refused(result: Run, catalog: str) -> None:
    # The list and its counts are read side by side and both join these catalogs: the one
    # refused first is said (the list or its counts), naming the catalog in the server's words.
    assert_clean(result)
    assert result.code == 1, result.text
    assert result.out == ""
    (line,) = result.err.splitlines()
    assert line.startswith(
        (
            "schemadesk: error: cannot read the schemas (pg_namespace): permission denied for ",
            "schemadesk: error: cannot read the schemas' counts (pg_class, pg_proc): permission "
            "denied for ",
        )
    )
    assert line.endswith(f"permission denied for table {catalog}")


def test_the_lists_read_as_before_where_the_catalogs_can_be_read(
    admin: Conn, roles: Roles, db_dsn: str
) -> None:
    dsn = _limited(admin, roles, db_dsn)  # nothing revoked
    listed = run(["roles", "--json", "--dsn", dsn])
    assert listed.code == 0, listed.text
    (mine,) = [r for r in json.loads(listed.out) if r["name"] == roles.name("limited")]
    assert mine["member_of"] == [roles.name("its group")]
    schemas = run(["schemas", "--json", "--dsn", dsn])
    assert schemas.code == 0, schemas.text
    assert "public" in [s["name"] for s in json.loads(schemas.out)]


def test_exact_sizes_behind_a_held_lock_say_what_could_not_be_read(
    admin: Conn, db_dsn: str
) -> None:
    """A table another session holds exclusively: the exact sizes end at the lock timeout with
    a failed read (exit 1) named, never "unexpected error"."""
    admin.execute("CREATE SCHEMA held; CREATE TABLE held.t (id int)")
    with psycopg.connect(db_dsn) as holder:
        holder.execute("LOCK TABLE held.t IN ACCESS EXCLUSIVE MODE")
        result = run(["schemas", "--exact-sizes", "--dsn", db_dsn])
        holder.rollback()
    assert_clean(result)
    assert result.code == 1, result.text
    assert result.out == ""
    (line,) = result.err.splitlines()
    assert line.startswith("schemadesk: error: cannot read the exact sizes (")
    assert line.endswith(": canceling statement due to lock timeout")
    assert "unexpected" not in line
