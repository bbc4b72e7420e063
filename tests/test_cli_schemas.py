"""``schemadesk schemas`` as a user runs it: exact names, one-line errors, no secrets."""

from __future__ import annotations

import json
import subprocess
import sys

import psycopg
import pytest
from psycopg import sql

from tests.fix_db import TestServer

HOSTILE_SCHEMAS = [
    "with space",
    'quo"te',
    "semi;-- colon",
    "back\\slash",
    "dot.ted",
    "new\nline",
    "select",
    "MixedCase",
    "mixedcase",
    "数据库",
    "emoji_🐘",
    "x" * 63,
]


def schemadesk(*args: str, input_text: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "schemadesk", *args],
        capture_output=True,
        text=True,
        timeout=60,
        input=input_text,
        check=False,
    )


def test_json_lists_every_schema_exactly_as_the_catalog_has_it(db_dsn: str) -> None:
    with psycopg.connect(db_dsn, autocommit=True) as conn:
        for name in HOSTILE_SCHEMAS:
            conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE TABLE {}.t (id int)").format(sql.Identifier("with space")))
        catalog = sorted(
            r[0]
            for r in conn.execute(
                "SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' "
                "AND nspname <> 'information_schema'"
            )
        )
    result = schemadesk("schemas", "--dsn", db_dsn, "--json")
    assert result.returncode == 0, result.stderr
    listed = json.loads(result.stdout)
    assert sorted(s["name"] for s in listed) == catalog
    assert set(HOSTILE_SCHEMAS) <= {s["name"] for s in listed}
    spaced = next(s for s in listed if s["name"] == "with space")
    assert spaced["tables"] == 1
    assert spaced["owner"] == "postgres"


def test_table_output_keeps_one_line_per_schema(db_dsn: str) -> None:
    with psycopg.connect(db_dsn, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier("new\nline")))
    result = schemadesk("--dsn", db_dsn, "schemas")
    assert result.returncode == 0, result.stderr
    assert "new\\nline" in result.stdout.splitlines()[3] or any(
        line.startswith("new\\nline") for line in result.stdout.splitlines()
    )


def test_wrong_password_is_one_line_exit_3_and_never_echoed(pg_server: TestServer) -> None:
    with psycopg.connect(pg_server.admin_conninfo, autocommit=True) as conn:
        conn.execute("DROP ROLE IF EXISTS cli_bob")
        conn.execute("CREATE ROLE cli_bob LOGIN PASSWORD 'correct horse'")
    assert pg_server.cluster is not None
    dsn = pg_server.cluster.tcp_conninfo(user="cli_bob") + " password=Tr0ub4dor-SECRET"
    result = schemadesk("schemas", "--dsn", dsn)
    assert result.returncode == 3
    assert result.stderr.count("\n") == 1
    assert 'password authentication failed for user "cli_bob"' in result.stderr
    assert "Tr0ub4dor-SECRET" not in result.stderr + result.stdout


def test_unreachable_host_is_one_line_exit_3() -> None:
    result = schemadesk(
        "schemas", "--dsn", "host=127.0.0.1 port=1 dbname=x user=x connect_timeout=3"
    )
    assert result.returncode == 3
    assert result.stderr.strip() == (
        "schemadesk: error: cannot connect to x@127.0.0.1:1/x: connection refused "
        "(is the server running and accepting TCP/IP connections on that port?)"
    )


def test_missing_database_is_one_line_exit_3(pg_server: TestServer) -> None:
    result = schemadesk("schemas", "--dsn", pg_server.conninfo("no_such_database"))
    assert result.returncode == 3
    assert result.stderr.strip().endswith('database "no_such_database" does not exist')


@pytest.mark.parametrize("argv", [["--help"], ["schemas", "--help"]])
def test_help_runs_without_a_display_or_qt(argv: list[str]) -> None:
    result = schemadesk(*argv)
    assert result.returncode == 0
    assert "usage: schemadesk" in result.stdout


def test_sizes_are_the_planners_estimate_unless_exact_sizes_is_asked(db_dsn: str) -> None:
    """A 10,000-schema catalog lists in a second with estimates; exact sizes stat every file."""
    with psycopg.connect(db_dsn, autocommit=True) as conn:
        conn.execute('CREATE SCHEMA "sized ""one"""')
        conn.execute('CREATE TABLE "sized ""one""".t AS SELECT g, repeat(\'x\', 3000) AS pad '
                     "FROM generate_series(1, 400) g")  # fmt: skip
        conn.execute('VACUUM ANALYZE "sized ""one""".t')
        pages, exact = conn.execute(
            "SELECT sum(c.relpages), sum(pg_total_relation_size(c.oid)) FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'sized \"one\"' AND c.relkind = 'r'"
        ).fetchone() or (0, 0)
    estimate = int(pages) * 8192
    assert estimate < exact  # the estimate leaves out TOAST, where the padding went
    listed = json.loads(schemadesk("schemas", "--dsn", db_dsn, "--json").stdout)
    one = next(s for s in listed if s["name"] == 'sized "one"')
    assert (one["size_bytes"], one["size_exact"]) == (estimate, False)
    listed = json.loads(schemadesk("schemas", "--dsn", db_dsn, "--json", "--exact-sizes").stdout)
    one = next(s for s in listed if s["name"] == 'sized "one"')
    assert (one["size_bytes"], one["size_exact"]) == (exact, True)
    assert "est. size" in schemadesk("schemas", "--dsn", db_dsn).stdout.splitlines()[0]
    table = schemadesk("schemas", "--dsn", db_dsn, "--exact-sizes").stdout.splitlines()[0]
    assert " size " in table
    assert "est." not in table
    assert "--exact-sizes" in schemadesk("schemas", "--help").stdout
