"""The window reads relations without their sequences' tables (60 % of the relations query's
server time at 10,000 tenant schemas) and then the tables of only the sequences the convention
check looks at. Where it reads them, they must be exactly what the whole read says, whatever
the names hold; where it does not, the check must find and fix exactly the same."""

from __future__ import annotations

import psycopg
from psycopg import sql

from schemadesk.core.access.convention_model import Convention
from schemadesk.core.access.conventions import iter_findings
from schemadesk.core.access.models import Catalog
from schemadesk.db.access import CatalogBuilder, fetch_catalog_rows, load_catalog
from schemadesk.db.access.rows import CatalogRows
from schemadesk.db.access.sequence_links import links_read, read_links, wanted, with_links
from schemadesk.db.database import Database
from schemadesk.db.gateway import Gateway
from tests.access.conftest import HOSTILE, Roles

Conn = psycopg.Connection[tuple[object, ...]]
NAMES = ("NULL", 'q"u,o{t}e', "new\nline", "{a,b}", *HOSTILE[:3])


def _tables(admin: Conn, schema: str, names: tuple[str, ...] = NAMES) -> None:
    admin.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
    for name in names:
        admin.execute(
            sql.SQL("CREATE TABLE {} (id serial, k int GENERATED ALWAYS AS IDENTITY)").format(
                sql.Identifier(schema, name)
            )
        )
    admin.execute(sql.SQL("CREATE SEQUENCE {}").format(sql.Identifier(schema, "free")))


def _read(gateway: Gateway, database: Database, *, linked: bool) -> CatalogRows:
    parts = ("schemas", "roles", "memberships", "relations", "functions", "default_privileges")
    return gateway.call(fetch_catalog_rows(database, parts, linked=linked))


def _fixes(catalog: Catalog, conv: Convention) -> list[tuple[str, str, str]]:
    return [(f.schema, f.code, f.fix.render()) for f in iter_findings(catalog, conv)]


def test_links_read_where_the_check_reads_them_are_the_whole_reads(
    admin: Conn, roles: Roles, gateway: Gateway, database: Database
) -> None:
    """Schemas whose sequences have another owner than the convention's (and one whose owner
    role is missing) get every sequence's own table, hostile names and all, as the linked
    query gives it; the check's fixes (which re-own the table, never its sequence) are the
    same as on the whole read."""
    owner = roles.create("owner")
    for schema in ("NULL", "new\nline", 'q"u,o{t}e'):
        _tables(admin, schema)
    conv = Convention(owner_role=owner)
    whole = _read(gateway, database, linked=True)
    unlinked = _read(gateway, database, linked=False)
    quick = CatalogBuilder(unlinked).build()
    assert all(r.owned_by is None for r in quick.relations)  # nothing looked up yet
    chosen = wanted(unlinked, quick, conv)
    assert {"NULL", "new\nline", 'q"u,o{t}e'} <= set(chosen)
    sent, asked = links_read()
    links = gateway.call(read_links(database, unlinked, chosen))
    assert links_read() == (sent + 1, asked + 3 * (2 * len(NAMES) + 1))  # one read, no more
    linked = with_links(unlinked, chosen, links)
    assert sorted(linked.rows["relations"]) == sorted(whole.rows["relations"])
    catalog = CatalogBuilder(linked).build()
    for schema in ("NULL", "new\nline", 'q"u,o{t}e'):
        for seq in (r for r in catalog.relations_in(schema) if r.kind == "sequence"):
            table = catalog.relation(schema, seq.owned_by or "")
            assert (table is None) == (seq.name == "free"), seq.name
            assert table is None or seq.name.startswith(table.name[:20])
    fixes = _fixes(catalog, conv)
    assert fixes == _fixes(CatalogBuilder(whole).build(), conv)
    assert any(code == "object-owner" and 'ALTER TABLE "NULL"."{a,b}"' in fix
               for _, code, fix in fixes)  # fmt: skip
    assert not any("_seq" in fix for _, code, fix in fixes if code == "object-owner")
    # The convention's owner missing: the schemas are read too, the fixes the same.
    gone = Convention(owner_role="{schema}_nobody")
    assert set(wanted(unlinked, quick, gone)) >= {"NULL", "new\nline"}
    full = with_links(unlinked, wanted(unlinked, quick, gone), links)
    assert _fixes(CatalogBuilder(full).build(), gone) == _fixes(CatalogBuilder(whole).build(), gone)


def test_a_catalog_in_order_reads_no_sequence_link(
    admin: Conn, roles: Roles, gateway: Gateway, database: Database
) -> None:
    """Every sequence owned as the convention says: no schema is read, and the check finds and
    fixes exactly what it finds on the whole read."""
    owner, other = roles.create("owner"), roles.create("other")
    _tables(admin, "tidy", ("a", "b"))
    _tables(admin, "messy", ("a",))
    for schema in ("tidy", "messy"):
        who = sql.Identifier(owner)
        admin.execute(sql.SQL("ALTER SCHEMA {} OWNER TO {}").format(sql.Identifier(schema), who))
        for name in ("a", "b", "free") if schema == "tidy" else ("free",):
            target = sql.Identifier(schema, name)
            admin.execute(sql.SQL("ALTER TABLE {} OWNER TO {}").format(target, who))
    # A table of another owner takes its sequences along (PostgreSQL's own rule).
    admin.execute(sql.SQL("ALTER TABLE messy.a OWNER TO {}").format(sql.Identifier(other)))
    conv = Convention(owner_role=owner, include=("tidy", "messy"))
    unlinked = _read(gateway, database, linked=False)
    quick = CatalogBuilder(unlinked).build()
    assert wanted(unlinked, quick, conv) == ["messy"]
    sent = links_read()
    assert gateway.call(read_links(database, unlinked, [])) == {}
    assert links_read() == sent  # nothing asked, nothing sent
    links = gateway.call(read_links(database, unlinked, ["messy"]))
    assert links_read() == (sent[0] + 1, sent[1] + 3)  # messy's three sequences only
    catalog = CatalogBuilder(with_links(unlinked, ["messy"], links)).build()
    whole = CatalogBuilder(_read(gateway, database, linked=True)).build()
    assert _fixes(catalog, conv) == _fixes(whole, conv)
    assert [code for schema, code, _ in _fixes(catalog, conv) if schema == "messy"].count(
        "object-owner"
    ) == 1


def test_the_command_lines_check_reads_the_links_its_convention_needs(
    admin: Conn, roles: Roles, gateway: Gateway, database: Database
) -> None:
    """``load_catalog(links_for=...)`` (what ``schemadesk check`` loads): the same findings and
    fixes as the whole read, with one read of the sequences of the one schema out of order."""
    owner, other = roles.create("owner"), roles.create("other")
    for schema in ("tidy", 'mes"sy'):
        _tables(admin, schema, ("a", "NULL"))
        who = sql.Identifier(owner)
        for name in ("a", "NULL", "free"):
            target = sql.Identifier(schema, name)
            admin.execute(sql.SQL("ALTER TABLE {} OWNER TO {}").format(target, who))
    odd = sql.Identifier('mes"sy', "NULL")
    admin.execute(sql.SQL("ALTER TABLE {} OWNER TO {}").format(odd, sql.Identifier(other)))
    conv = Convention(owner_role=owner)
    sent, asked = links_read()
    catalog = gateway.call(load_catalog(database, links_for=conv))
    assert links_read() == (sent + 1, asked + 5)  # mes"sy's five sequences, none of tidy's
    assert _fixes(catalog, conv) == _fixes(gateway.call(load_catalog(database)), conv)
