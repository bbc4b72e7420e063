"""System schemas, schema public and names PostgreSQL would truncate: refused before anything
runs, by provision, check --fix, grant and revoke alike."""

from __future__ import annotations

import uuid

import psycopg
import pytest
from psycopg import sql

from schemadesk.core.access import changes as ch
from schemadesk.core.access.guards import NAME_LIMIT_BYTES, name_refusal, refuse_unsafe
from tests.hostile.helpers import assert_clean, run

pytestmark = pytest.mark.db


def _owner(dsn: str, schema: str) -> str | None:
    with psycopg.connect(dsn) as conn:
        row = conn.execute(
            "SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = %s", [schema]
        ).fetchone()
    return None if row is None else str(row[0])


def _public_usage(dsn: str, schema: str) -> bool:
    with psycopg.connect(dsn) as conn:
        row = conn.execute(
            "SELECT EXISTS ("
            " SELECT FROM pg_namespace n, aclexplode(coalesce(n.nspacl, acldefault('n', "
            "n.nspowner))) a WHERE n.nspname = %s AND a.grantee = 0 "
            " AND a.privilege_type = 'USAGE')",
            [schema],
        ).fetchone()
    return bool(row and row[0])


@pytest.mark.parametrize(
    "argv",
    [
        ["provision", "information_schema", "--yes"],
        ["provision", "pg_catalog", "--yes"],
        ["provision", "pg_toast", "--sql-only"],
        ["check", "--fix", "--schema", "information_schema", "--yes"],
        ["grant", "--public", "--schema", "information_schema", "CREATE", "--yes"],
        ["revoke", "--public", "--schema", "information_schema", "USAGE", "--yes"],
        ["revoke", "--public", "--schema", "pg_catalog", "USAGE", "--yes"],
        ["grant", "--public", "--schema", "pg_catalog", "--on", "tables", "--default", "SELECT"],
    ],
)
def test_system_schemas_are_refused_with_a_clear_message(db_dsn: str, argv: list[str]) -> None:
    before = _owner(db_dsn, "information_schema")
    result = run([*argv, "--dsn", db_dsn])
    assert_clean(result)
    assert result.code == 2
    assert "is a system schema (pg_*, information_schema): schemadesk changes neither" in (
        result.err
    )
    assert result.out == ""  # refused before any SQL was shown
    assert _owner(db_dsn, "information_schema") == before
    assert _public_usage(db_dsn, "information_schema")


def test_revoking_public_access_to_schema_public_needs_the_explicit_flag(db_dsn: str) -> None:
    revoke = ["revoke", "--public", "--schema", "public", "USAGE", "--dsn", db_dsn]
    shown = run([*revoke, "--sql-only"])
    assert_clean(shown)
    assert shown.code == 0
    assert 'REVOKE USAGE ON SCHEMA "public" FROM PUBLIC;' in shown.out
    assert "takes it from every other role at once" in shown.err
    refused = run([*revoke, "--yes"])
    assert_clean(refused)
    assert refused.code == 5
    assert "takes it from every other role at once" in refused.err
    assert "add --i-understand-public" in refused.err
    assert _public_usage(db_dsn, "public")
    done = run([*revoke, "--yes", "--i-understand-public"])
    assert_clean(done)
    assert done.code == 0, done.text
    assert not _public_usage(db_dsn, "public")


@pytest.mark.parametrize(
    ("schema", "too_long"),
    [
        ("s" * 58, "_owner"),  # the schema fits, its owner role (64 bytes) does not
        ("s" * 70, "schema"),  # _owner and _rw would collapse into one name
        ("日" * 20, "_owner"),  # 60 bytes: three bytes a character
        ("日" * 22, "schema"),  # 22 characters, 66 bytes
    ],
)
def test_names_postgresql_would_truncate_are_refused_before_anything_runs(
    db_dsn: str, schema: str, too_long: str
) -> None:
    schema = schema[:-4] + uuid.uuid4().hex[:4] if schema.isascii() else schema
    for mode in ("--sql-only", "--yes"):
        result = run(["provision", schema, mode, "--dsn", db_dsn])
        assert_clean(result)
        assert result.code == 2, result.text
        assert f"PostgreSQL keeps only the first {NAME_LIMIT_BYTES} bytes of a name" in result.err
        assert f"'{schema}'" in result.err if too_long == "schema" else too_long in result.err
        assert result.out == ""
    assert _owner(db_dsn, schema) is None
    with psycopg.connect(db_dsn) as conn:
        roles = conn.execute(
            "SELECT count(*) FROM pg_roles WHERE rolname LIKE %s", [schema[:40] + "%"]
        ).fetchone()
    assert roles == (0,)


def test_the_limit_counts_bytes() -> None:
    assert name_refusal("x" * 63) is None
    assert name_refusal("é" * 31) is None  # 62 bytes
    refusal = name_refusal("é" * 32)
    assert refusal is not None
    assert "is 64 bytes long" in refusal
    change = ch.create_role("r" * 64) + ch.create_role("r" * 10)
    with pytest.raises(ch.ChangeSetError, match="is 64 bytes long"):
        refuse_unsafe(change)
    refuse_unsafe(ch.create_role("r" * 63))


def test_provision_public_says_what_it_does_to_every_role(db_dsn: str) -> None:
    owner = _owner(db_dsn, "public")  # pg_database_owner from PG15, the bootstrap role before
    refused = run(["provision", "public", "--yes", "--dsn", db_dsn])
    assert_clean(refused)
    assert refused.code == 5, refused.text
    assert "schema public, which every role uses by default" in refused.err
    assert _owner(db_dsn, "public") == owner


def test_a_role_name_with_a_newline_prints_on_one_line(db_dsn: str) -> None:
    name = f"evil{uuid.uuid4().hex[:6]}\n  attributes: SUPERUSER\x1b[2K"
    with psycopg.connect(db_dsn, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE ROLE {}").format(sql.Identifier(name)))
    try:
        for argv in (["roles", name], ["roles"]):
            result = run([*argv, "--dsn", db_dsn])
            assert_clean(result)
            assert result.code == 0
            assert "\\n  attributes: SUPERUSER\\x1b[2K" in result.out
            assert "  attributes: SUPERUSER" not in result.out.splitlines()
    finally:
        with psycopg.connect(db_dsn, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(name)))
