"""``schemadesk diff`` on two databases that differ in one thing of each kind: every kind is
found, exit 6; the ``--sql`` output applied to B leaves no access difference; equal is exit 0."""

from __future__ import annotations

import pytest

from schemadesk.cli import main
from tests.diff.conftest import ALEMBIC, LEDGER, Pair, codes, diff_json, run


def build(two: Pair) -> dict[str, str]:
    """The same schema ``sales`` in A and B (roles, objects, grants, ledger, Alembic)."""
    names = {
        "owner": two.role("owner"),
        "other": two.role("other"),
        "reader": two.role("reader"),
        "writer": two.role("writer"),
    }
    two.both(
        "CREATE SCHEMA sales AUTHORIZATION {owner}; "
        "CREATE TABLE sales.orders (id serial PRIMARY KEY, note text DEFAULT 'x'); "
        "CREATE TABLE sales.items (id int); "
        "CREATE FUNCTION sales.total(int) RETURNS int LANGUAGE sql AS 'SELECT $1'; "
        "ALTER TABLE sales.orders OWNER TO {owner}; ALTER TABLE sales.items OWNER TO {owner}; "
        "ALTER FUNCTION sales.total(int) OWNER TO {owner}; "
        "GRANT SELECT ON sales.orders TO {reader}; "
        "REVOKE EXECUTE ON FUNCTION sales.total(int) FROM PUBLIC; "
        "GRANT EXECUTE ON FUNCTION sales.total(int) TO {reader}; "
        + LEDGER.replace("{s}", "sales")
        + "; "
        + ALEMBIC.replace("{s}", "sales")
        + "; INSERT INTO sales.schema_migrations (filename, checksum, module_name) "
        "VALUES ('001_init.sql', 'aaa', 'sales')",
        **names,
    )
    # A differs from B in one thing of each kind.
    run(
        two.ca,
        "CREATE FUNCTION sales.touch() RETURNS trigger LANGUAGE plpgsql AS "
        "'BEGIN RETURN NEW; END'; ALTER VIEW IF EXISTS sales.v OWNER TO {owner}; "
        "GRANT USAGE ON SCHEMA sales TO {reader}; "
        "ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA sales GRANT SELECT ON TABLES "
        "TO {reader}; "
        "CREATE TABLE sales.only_a (id int); "
        "ALTER TABLE sales.orders ALTER note SET DEFAULT 'y', ADD CHECK (id > 0); "
        "CREATE INDEX orders_note ON sales.orders (note); "
        "CREATE VIEW sales.v AS SELECT id FROM sales.orders WHERE id > 1; "
        "CREATE TYPE sales.mood AS ENUM ('ok', 'sad'); "
        "INSERT INTO sales.schema_migrations (filename, checksum, module_name) "
        "VALUES ('002_more.sql', 'bbb', 'sales'); "
        "INSERT INTO sales.alembic_version VALUES ('rev2')",
        **names,
    )
    run(
        two.cb,
        "ALTER SCHEMA sales OWNER TO {other}; "
        "ALTER TABLE sales.items ALTER id TYPE bigint; "
        "CREATE OR REPLACE FUNCTION sales.total(int) RETURNS int LANGUAGE sql AS 'SELECT $1 + 1'; "
        "CREATE VIEW sales.v AS SELECT id FROM sales.orders WHERE id > 2; "
        "ALTER VIEW sales.v OWNER TO {owner}; "
        "CREATE FUNCTION sales.touch() RETURNS trigger LANGUAGE plpgsql AS "
        "'BEGIN RETURN NEW; END'; "
        "CREATE TRIGGER orders_touch BEFORE UPDATE ON sales.orders "
        "FOR EACH ROW EXECUTE FUNCTION sales.touch(); "
        "ALTER TABLE sales.items OWNER TO {other}; "
        "GRANT SELECT, INSERT ON sales.orders TO {writer}; "
        "GRANT EXECUTE ON FUNCTION sales.total(int) TO {writer} WITH GRANT OPTION; "
        "UPDATE sales.schema_migrations SET checksum = 'zzz'; "
        "INSERT INTO sales.alembic_version VALUES ('rev1')",
        **names,
    )
    return names


def test_diff_finds_each_kind_and_sql_makes_access_equal(
    two: Pair, capsys: pytest.CaptureFixture[str]
) -> None:
    names = build(two)
    report = diff_json(capsys, "--from", two.a, "--to", two.b, code=6)
    found = codes(report)
    texts = "\n".join(d["text"] for d in report["differences"])
    assert ("owner", "schema sales") in found
    assert ("owner", "table sales.items") in found
    assert ("grant", "schema sales") in found  # USAGE to reader
    assert ("grant", "table sales.orders") in found  # writer's extra rights in B
    assert ("grant", "function sales.total(integer)") in found
    assert any(c == "default" for c, _ in found)
    assert ("structure", "table sales.only_a") in found
    assert f"{names['reader']} holds USAGE in A, (none) in B" in texts
    assert "migration sales/002_more.sql is applied only in A" in texts
    assert "migration sales/001_init.sql: checksum aaa in A, zzz in B" in texts
    assert "Alembic sales.alembic_version: heads rev2 in A, rev1 in B" in texts
    assert not report["access_equal"]
    structure = "\n".join(d["text"] for d in report["differences"] if d["category"] == "structure")
    assert "table sales.items: column id: type is integer in A, bigint in B" in structure
    assert "table sales.orders: column note: default is 'y'::text in A, 'x'::text in B" in structure
    assert "table sales.orders: index orders_note exists only in A" in structure
    assert "table sales.orders: constraint orders_id_check exists only in A" in structure
    assert "table sales.orders: trigger orders_touch exists only in B" in structure
    assert "view sales.v: definition is" in structure
    assert "function sales.total(integer): definition is" in structure
    assert "type sales.mood exists only in A" in structure

    capsys.readouterr()
    assert main(["diff", "--from", two.a, "--to", two.b, "--sql"]) == 6
    script = capsys.readouterr().out
    assert 'ALTER SCHEMA "sales" OWNER TO' in script
    assert "ALTER DEFAULT PRIVILEGES FOR ROLE" in script
    assert 'REVOKE SELECT, INSERT ON TABLE "sales"."orders" FROM' in script
    assert "CREATE" not in script.replace("-- ", "")  # structure is never scripted
    with two.cb.transaction():
        two.cb.execute(script.encode())

    again = diff_json(capsys, "--from", two.a, "--to", two.b, code=6)
    assert again["access_equal"], [d["text"] for d in again["differences"] if d["access"]]
    left = {d["category"] for d in again["differences"]}
    assert left == {"structure", "migration", "alembic"}
    capsys.readouterr()
    assert main(["diff", "--from", two.a, "--to", two.b, "--sql"]) == 6
    assert "B's access already matches A's" in capsys.readouterr().out


def test_equal_databases_exit_0_and_say_so(two: Pair, capsys: pytest.CaptureFixture[str]) -> None:
    owner = two.role("owner")
    two.both("CREATE SCHEMA sales AUTHORIZATION {o}; CREATE TABLE sales.t (id int)", o=owner)
    capsys.readouterr()
    assert main(["diff", "--from", two.a, "--to", two.b]) == 0
    out = capsys.readouterr().out
    assert "equal: 2 schema pair(s) compared" in out  # sales and public


def test_bad_input_names_what_is_wrong(two: Pair, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["diff", "--from", two.a, "--to", two.b, "--schema", "nope"]) == 2
    assert "schema 'nope' does not exist in --from" in capsys.readouterr().err
    assert main(["diff", "--from", two.a, "--to", two.b, "--map", "x"]) == 2
    assert "give SOURCE=TARGET" in capsys.readouterr().err
    assert main(["diff", "--from", two.a, "--to", "host=/nonexistent dbname=x"]) == 3


def test_hostile_names_are_compared_and_scripted_exactly(
    two: Pair, capsys: pytest.CaptureFixture[str]
) -> None:
    schema = 'sa"les; DROP SCHEMA public --'
    reader = two.role('re"ader; -- 日本語')
    owner = two.role("owner")
    two.both("CREATE SCHEMA {s} AUTHORIZATION {o}; CREATE TABLE {s}.{t} (id int)", s=schema,
             o=owner, t="t,=/x")  # fmt: skip
    run(two.ca, "GRANT SELECT ON {s}.{t} TO {r}", s=schema, t="t,=/x", r=reader)
    report = diff_json(capsys, "--from", two.a, "--to", two.b, "--schema", schema, code=6)
    assert [d["subject"] for d in report["differences"]] == [f"table {schema}.t,=/x"]
    capsys.readouterr()
    assert main(["diff", "--from", two.a, "--to", two.b, "--schema", schema, "--sql"]) == 6
    two.cb.execute(capsys.readouterr().out.encode())
    assert diff_json(capsys, "--from", two.a, "--to", two.b, "--schema", schema, code=0)["equal"]


def test_apply_is_refused_read_only_without_terminal_and_changes_nothing(
    two: Pair, capsys: pytest.CaptureFixture[str]
) -> None:
    reader = two.role("reader")
    two.both("CREATE SCHEMA sales")
    run(two.ca, "GRANT USAGE ON SCHEMA sales TO {r}", r=reader)
    base = ["diff", "--from", two.a, "--to", two.b, "--schema", "sales"]
    capsys.readouterr()
    assert main([*base, "--yes"]) == 2
    assert main([*base, "--apply", "--read-only"]) == 5
    assert "read-only" in capsys.readouterr().err
    assert main([*base, "--apply"]) == 5  # stdin is no terminal: not asked, refused
    assert "without a terminal" in capsys.readouterr().err
    usage = two.cb.execute("SELECT has_schema_privilege(%s, 'sales', 'USAGE')", [reader])
    assert usage.fetchone() == (False,)


def test_a_password_in_a_dsn_is_never_shown(two: Pair, capsys: pytest.CaptureFixture[str]) -> None:
    secret = "hunter2-diff"
    a = f"{two.a} password={secret}"
    capsys.readouterr()
    assert main(["diff", "--from", a, "--to", two.b, "--json"]) == 0
    assert main(["diff", "--from", a, "--to", "host=/nonexistent password=" + secret]) == 3
    out = capsys.readouterr()
    assert secret not in out.out + out.err
