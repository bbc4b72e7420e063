"""``schemadesk show`` as a user runs it: objects by kind, one object with grants and reasons,
the DDL, exact names, and exit 2 for what does not exist."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import psycopg
import pytest

from schemadesk.cli.show_cmd import split_target
from schemadesk.core.errors import ConfigError
from tests.objects.seed import TestRoles, seed

Conn = psycopg.Connection[Any]


def schemadesk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "schemadesk", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_a_schema_by_kind_and_an_object_with_grants_and_reasons(
    admin: Conn, test_roles: TestRoles, db_dsn: str
) -> None:
    seed(admin, "dot.ted", test_roles)
    listed = schemadesk("show", '"dot.ted"', "--dsn", db_dsn)
    assert listed.returncode == 0, listed.stderr
    assert "schema dot.ted (owner postgres): 21 objects" in listed.stdout
    assert "partitioned table  orders" in listed.stdout

    shown = schemadesk("show", '"dot.ted".customers', "--dsn", db_dsn)
    assert shown.returncode == 0, shown.stderr
    text = shown.stdout
    for expected in (
        "table dot.ted.customers",
        "row-level security: enabled, forced for the owner too",
        "customers_lower_name",
        "name_not_empty",
        "customers_touch",
        "own_rows",
    ):
        assert expected in text, expected
    lines = {line.split("  ")[0]: " ".join(line.split()) for line in text.splitlines()}
    assert lines[test_roles.member].endswith(
        f"SELECT, INSERT via membership {test_roles.member} → {test_roles.team} "
        "(granted by postgres)"
    )
    assert lines[test_roles.reader].endswith(
        "SELECT direct grant (granted by postgres) (with grant option)"
    )

    as_json = schemadesk("show", '"dot.ted".add', "--json", "--dsn", db_dsn)
    assert as_json.returncode == 0, as_json.stderr
    records = json.loads(as_json.stdout)
    assert [r["signature"] for r in records] == ["add(a integer, b integer)", "add(a text, b text)"]
    integer_add, text_add = records
    assert {g["role"] for g in integer_add["grants"]} >= {""}  # EXECUTE to PUBLIC by default
    member = next(g for g in text_add["grants"] if g["role"] == test_roles.member)
    assert member["privileges"][0]["privilege"] == "EXECUTE"
    assert member["privileges"][0]["reasons"][0]["kind"] == "direct"
    assert all(g["role"] != "" for g in text_add["grants"])  # revoked from PUBLIC

    ddl = schemadesk("show", '"dot.ted".mood', "--ddl", "--dsn", db_dsn)
    assert ddl.returncode == 0, ddl.stderr
    assert ddl.stdout.startswith("""CREATE TYPE "dot.ted"."mood" AS ENUM ('sad', 'ok', 'it''s""")


def test_the_whole_schema_as_json_and_ddl(admin: Conn, test_roles: TestRoles, db_dsn: str) -> None:
    seed(admin, "shop", test_roles)
    result = schemadesk("show", "shop", "--json", "--dsn", db_dsn)
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    kinds = {o["kind"] for o in record["objects"]}
    assert kinds == {
        "table", "partitioned table", "view", "materialized view", "sequence", "function",
        "procedure", "aggregate", "type", "domain",
    }  # fmt: skip
    customers = next(o for o in record["objects"] if o["name"] == "customers")
    assert customers["columns"][0]["identity"] == "always"
    assert {"grantee": test_roles.reader, "grantor": "postgres", "privileges": ["SELECT"],
            "grantable": ["SELECT"]} in customers["acl"]  # fmt: skip
    ddl = schemadesk("show", "shop", "--ddl", "--dsn", db_dsn)
    assert ddl.returncode == 0
    assert 'CREATE TABLE "shop"."orders_2024" PARTITION OF "shop"."orders"' in ddl.stdout
    assert "CREATE AGGREGATE" in ddl.stdout


def test_what_does_not_exist_is_exit_2_and_named(admin: Conn, db_dsn: str) -> None:
    admin.execute('CREATE SCHEMA "a\nb"')
    missing = schemadesk("show", "nope", "--dsn", db_dsn)
    assert (missing.returncode, missing.stdout) == (2, "")
    assert "schema 'nope' does not exist" in missing.stderr
    no_object = schemadesk("show", '"a\nb".t', "--dsn", db_dsn)
    assert no_object.returncode == 2
    # the name's newline is shown as an escape: one line, nothing raw on the terminal
    assert no_object.stderr.count("\n") == 1
    assert "has no table, view, sequence, function, type or domain 't'" in no_object.stderr
    both = schemadesk("show", "x", "--json", "--ddl", "--dsn", db_dsn)
    assert both.returncode == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("s", ("s", None)),
        ("s.t", ("s", "t")),
        ("Mixed.Case", ("Mixed", "Case")),
        ('"a.b".c', ("a.b", "c")),
        ('"a""b"."c.d"', ('a"b', "c.d")),
        ("s.add(integer, integer)", ("s", "add(integer, integer)")),
        ('s."we.ird"(integer)', ("s", "we.ird(integer)")),
    ],
)
def test_targets_split_as_typed(text: str, expected: tuple[str, str | None]) -> None:
    assert split_target(text) == expected


@pytest.mark.parametrize("text", ["", '"open', "s.", '"a"b'])
def test_bad_targets_are_bad_input(text: str) -> None:
    with pytest.raises(ConfigError):
        split_target(text)


def test_hostile_names_and_comments_reach_the_terminal_escaped(admin: Conn, db_dsn: str) -> None:
    from tests.objects.test_ddl_round_trip import HOSTILE_OBJECTS

    admin.execute(HOSTILE_OBJECTS.encode())
    for target in ("h", 'h."t; DROP TABLE x; --"', 'h."e""num"'):
        for how in ((), ("--json",), ("--ddl",)):
            result = schemadesk("show", target, *how, "--dsn", db_dsn)
            assert result.returncode == 0, (target, how, result.stderr)
            assert "\x1b" not in result.stdout, (target, how)
    shown = schemadesk("show", 'h."t; DROP TABLE x; --"', "--dsn", db_dsn).stdout
    assert "comment: it's \\x1b[31mred\\x1b[0m" in shown  # the escape shown, not obeyed
    assert "new\\nline" in shown  # the column's newline, one line
