"""Column privileges (GRANT SELECT (email) ...) in ``schemadesk diff``: each differing column
and grantee is found, ``--sql`` brings B's column privileges to A's (also where B's table-level
REVOKE takes column privileges with it), and a second diff finds no access difference. A column
on one side only is structure, never a GRANT that B would refuse."""

from __future__ import annotations

from typing import Any

import pytest

from schemadesk.cli import main
from tests.diff.conftest import Conn, Pair, diff_json, run

WEIRD = 'we"ird; col'  # a hostile column name: quoted in every statement

ACLS = (
    "SELECT c.relname::text, a.attname::text, a.attacl::text FROM pg_attribute a"
    " JOIN pg_class c ON c.oid = a.attrelid"
    " WHERE c.relnamespace = 'sales'::regnamespace AND a.attacl IS NOT NULL"
    "   AND a.attacl <> '{}' AND a.attnum > 0 ORDER BY 1, 2"
)


def _acls(conn: Conn) -> list[tuple[Any, ...]]:
    """Column ACLs of schema sales, grantors left out (B's are whoever ran the script)."""
    out = []
    for table, column, acl in conn.execute(ACLS).fetchall():
        items = sorted(i.split("/")[0] for i in acl.strip("{}").split(","))
        out.append((table, column, items))
    return out


def build(two: Pair) -> dict[str, str]:
    names = {"app": two.role("app"), "rep": two.role("rep"), "weird": WEIRD}
    two.both(
        "CREATE SCHEMA sales; "
        "CREATE TABLE sales.customers (id int, email text, secret text, {weird} text); "
        "CREATE TABLE sales.orders (id int, note text)",
        **names,
    )
    run(
        two.ca,
        "ALTER TABLE sales.customers ADD phone text; "
        "GRANT SELECT (id, email, {weird}), UPDATE (email) ON sales.customers TO {app}; "
        "GRANT SELECT (phone) ON sales.customers TO {app}; "
        "GRANT SELECT (note) ON sales.orders TO {rep} WITH GRANT OPTION; "
        "GRANT INSERT (id) ON sales.orders TO PUBLIC",
        **names,
    )
    run(
        two.cb,
        "ALTER TABLE sales.orders ADD legacy text; "
        "GRANT SELECT (id, email, secret) ON sales.customers TO {app}; "
        # Table-level SELECT that A lacks: its REVOKE takes the column's SELECT (note) too.
        "GRANT SELECT ON sales.orders TO {rep}; GRANT SELECT (note) ON sales.orders TO {rep}; "
        "GRANT SELECT (legacy) ON sales.orders TO {app}",
        **names,
    )
    return names


def test_column_privileges_are_compared_and_made_equal(
    two: Pair, capsys: pytest.CaptureFixture[str]
) -> None:
    names = build(two)
    app, rep = names["app"], names["rep"]
    report = diff_json(capsys, "--from", two.a, "--to", two.b, "--schema", "sales", code=6)
    columns = sorted(d["text"] for d in report["differences"] if d["subject"].startswith("column"))
    assert columns == [
        f"column sales.customers.email: {app} holds SELECT, UPDATE in A, SELECT in B",
        f"column sales.customers.secret: {app} holds (none) in A, SELECT in B",
        f"column sales.customers.{WEIRD}: {app} holds SELECT in A, (none) in B",
        "column sales.orders.id: PUBLIC holds INSERT in A, (none) in B",
        f"column sales.orders.note: {rep} holds SELECT* in A, SELECT in B",
    ]
    # The table-level SELECT B has and A lacks; columns on one side only are no access matter.
    access = [d["subject"] for d in report["differences"] if d["access"]]
    assert [s for s in access if not s.startswith("column")] == ["table sales.orders"]
    assert not [s for s in access if "phone" in s or "legacy" in s]

    capsys.readouterr()
    assert main(["diff", "--from", two.a, "--to", two.b, "--schema", "sales", "--sql"]) == 6
    script = capsys.readouterr().out
    lines = [x for x in script.splitlines() if not x.startswith("--")]
    # The table's REVOKE first (it takes SELECT (note) too), then each column change once,
    # table by table in name order.
    assert lines == [
        f'REVOKE SELECT ON TABLE "sales"."orders" FROM "{rep}";',
        f'GRANT UPDATE ("email") ON TABLE "sales"."customers" TO "{app}";',
        f'REVOKE SELECT ("secret") ON TABLE "sales"."customers" FROM "{app}";',
        f'GRANT SELECT ("we""ird; col") ON TABLE "sales"."customers" TO "{app}";',
        'GRANT INSERT ("id") ON TABLE "sales"."orders" TO PUBLIC;',
        f'GRANT SELECT ("note") ON TABLE "sales"."orders" TO "{rep}" WITH GRANT OPTION;',
    ]
    two.cb.execute(script.encode())

    again = diff_json(capsys, "--from", two.a, "--to", two.b, "--schema", "sales")
    assert [d["text"] for d in again["differences"] if d["access"]] == []
    # What a user would check by hand: the shared columns' privileges now read alike.
    shared = {("customers", c) for c in ("id", "email", "secret", WEIRD)} | {
        ("orders", c) for c in ("id", "note")
    }
    assert [r for r in _acls(two.cb) if r[:2] in shared] == [
        r for r in _acls(two.ca) if r[:2] in shared
    ]
