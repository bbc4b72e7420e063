"""A move's suggested fixes are SQL a DBA pastes: an owner named with a double quote, a space
and Cyrillic, and a target host holding a single quote, come out quoted as PostgreSQL wants
(the quote doubled), and the owner's fix, run as printed, lets the owner log in."""

from __future__ import annotations

import psycopg
import pytest
from psycopg import sql

from tests.citus.rig import CitusRig, cli

pytestmark = pytest.mark.citus
Conn = psycopg.Connection[tuple[object, ...]]


def test_the_fixes_of_a_refused_move_quote_hostile_names_and_run_as_printed(
    citus: CitusRig, coordinator: Conn, prefix: str
) -> None:
    owner = prefix + 'o"wn er Ж'
    tenant = prefix + "shop"
    ident = sql.Identifier
    coordinator.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(ident(owner)))
    coordinator.execute("SET citus.enable_schema_based_sharding TO on")
    coordinator.execute(
        sql.SQL("CREATE SCHEMA {} AUTHORIZATION {}").format(ident(tenant), ident(owner))
    )
    coordinator.execute("RESET citus.enable_schema_based_sharding")
    coordinator.execute(sql.SQL("CREATE TABLE {} (id int)").format(ident(tenant, "orders")))
    coordinator.execute(
        sql.SQL("ALTER TABLE {} OWNER TO {}").format(ident(tenant, "orders"), ident(owner))
    )

    refused = cli("move", tenant, "--to", "no'where:5432", "--dsn", citus.dsn(), "--yes")
    assert refused.returncode == 5, refused.stderr
    assert "(fix: add it first: SELECT citus_add_node('no''where', 5432))" in refused.stderr
    login_fix = f'ALTER ROLE "{prefix}o""wn er Ж" LOGIN'
    assert f"(fix: {login_fix})" in refused.stderr, refused.stderr

    coordinator.execute(login_fix.encode())  # the fix as printed is one valid statement
    row = coordinator.execute(
        "SELECT rolcanlogin FROM pg_roles WHERE rolname = %s", [owner]
    ).fetchone()
    assert row == (True,)
