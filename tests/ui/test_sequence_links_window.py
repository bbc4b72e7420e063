"""The window reads no sequence's table for a catalog in order (issue 25: that lookup was 60 % of
the relations query's server time at 10,000 tenant schemas): only the sequences of a schema
whose convention check re-owns them are looked up, in one read, and that schema's fix re-owns
the table as the command line's check does. Counted, never timed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from schemadesk.core.access.convention_model import Convention
from schemadesk.core.access.conventions import iter_findings
from schemadesk.core.profiles import ConnectionProfile
from schemadesk.db.access import load_catalog
from schemadesk.db.access.sequence_links import links_read
from schemadesk.db.gateway import Gateway
from schemadesk.ui.main_window import MainWindow
from tests.fix_ui import UiLoop

pytestmark = pytest.mark.ui
TENANTS = 40


@pytest.fixture
def setup(primary_dsn: str, tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """``TENANTS`` schemas of two identity tables owned as the project's convention says, and
    ``odd"ly\\nnamed`` whose table another role owns; the project, that role."""
    dbname = str(psycopg.conninfo.conninfo_to_dict(primary_dsn)["dbname"])
    owner, other = f"{dbname} owner", f"{dbname} o'ther"
    statements: list[sql.Composable] = [
        sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(role)) for role in (owner, other)
    ]
    for i in range(TENANTS):
        s = f"tenant_{i:03d}"
        statements.append(
            sql.SQL("CREATE SCHEMA {} AUTHORIZATION {}").format(*map(sql.Identifier, (s, owner)))
        )
        for table in ("orders", "lines"):
            statements += [
                sql.SQL("CREATE TABLE {} (id bigint GENERATED ALWAYS AS IDENTITY)").format(
                    sql.Identifier(s, table)
                ),
                sql.SQL("ALTER TABLE {} OWNER TO {}").format(
                    sql.Identifier(s, table), sql.Identifier(owner)
                ),
            ]
    odd = 'odd"ly\nnamed'
    statements += [
        sql.SQL("CREATE SCHEMA {} AUTHORIZATION {}").format(*map(sql.Identifier, (odd, owner))),
        sql.SQL("CREATE TABLE {} (id serial, k int GENERATED ALWAYS AS IDENTITY)").format(
            sql.Identifier(odd, "NULL")
        ),
        sql.SQL("ALTER TABLE {} OWNER TO {}").format(
            sql.Identifier(odd, "NULL"), sql.Identifier(other)
        ),
    ]
    with psycopg.connect(primary_dsn, autocommit=True) as conn, conn.transaction():
        conn.execute(sql.SQL(";\n").join(statements))
    project = tmp_path / "schemadesk.toml"
    (tmp_path / "migrations").mkdir()
    project.write_text(
        '[[modules]]\nname = "app"\npath = "migrations"\nschema = "app"\n\n'
        f"[conventions]\nowner_role = {_toml(owner)}\n",
        encoding="utf-8",
    )
    try:
        yield project, other
    finally:
        with psycopg.connect(primary_dsn, autocommit=True) as conn:
            for role in (other, owner):
                conn.execute(sql.SQL("DROP OWNED BY {} CASCADE").format(sql.Identifier(role)))
                conn.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(role)))


def _toml(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def test_only_the_schema_the_check_re_owns_reads_its_sequences_tables(
    main_window: MainWindow,
    ui_loop: UiLoop,
    gateway: Gateway,
    primary_dsn: str,
    setup: tuple[Path, str],
) -> None:
    project, other = setup
    assert main_window.open_project(project)
    sent, asked = links_read()
    main_window.open_profile(ConnectionProfile(name="links", conninfo=primary_dsn))
    ui_loop.run(main_window.wait_loaded())
    session = main_window.current
    assert session is not None
    assert session.catalog is not None
    # One read, of the odd schema's two sequences: none of the 80 tenants' sequences.
    assert links_read() == (sent + 1, asked + 2)
    odd = 'odd"ly\nnamed'
    shown = [(f.code, f.fix.render()) for f in session.findings[odd]]
    convention = Convention.from_toml(project)
    database = gateway.open(ConnectionProfile(name="cli", conninfo=primary_dsn)).result()
    whole = gateway.call(load_catalog(database))
    assert shown == [(f.code, f.fix.render()) for f in iter_findings(whole, convention, [odd])]
    fix = dict(shown)["object-owner"]
    assert 'ALTER TABLE "odd""ly\nnamed"."NULL" OWNER TO' in fix  # the table, its sequences along
    assert "_seq" not in fix
    assert other not in fix
    # Every tenant in order: no finding re-owns anything there.
    assert not any(
        f.code in {"object-owner", "owner-missing"}
        for name, found in session.findings.items()
        if name.startswith("tenant_")
        for f in found
    )
    main_window.close_current()
    ui_loop.settle(0.2)
