"""``check`` reads the catalog without the schemas' counts and sizes (no convention looks at
them): the same findings, texts and fix SQL as from the whole catalog, on hostile names; the
counts are the only thing left out."""

from __future__ import annotations

from dataclasses import replace

from schemadesk.cli.check_print import fix_sql as _fix_sql
from schemadesk.core.access.conventions import check_conventions
from schemadesk.db.access.check_reads import check_cluster
from schemadesk.db.database import Database
from schemadesk.db.gateway import Gateway
from tests.access.conftest import Roles
from tests.access.test_finding_texts import Conn, _broken_catalog, _convention


def test_the_check_finds_the_same_without_the_counts(
    admin: Conn, roles: Roles, gateway: Gateway, database: Database
) -> None:
    whole = _broken_catalog(admin, roles, gateway, database)
    read, nodes = gateway.call(check_cluster(database, catalog_needed=True))
    assert read is not None
    assert nodes == {}
    # Everything but the counts and sizes, which stay zero.
    uncounted = {"tables": 0, "views": 0, "sequences": 0, "functions": 0, "size_bytes": 0}
    assert [replace(s, **uncounted) for s in whole.schemas] == list(read.schemas)
    assert any(s.tables for s in whole.schemas)
    assert (read.roles, read.relations, read.functions) == (
        whole.roles,
        whole.relations,
        whole.functions,
    )
    for conv in (_convention(roles), _convention(roles, "ghost")):
        before = list(check_conventions(whole, conv))
        after = list(check_conventions(read, conv))
        assert len(after) == len(before) > 5
        for a, b in zip(after, before, strict=True):
            assert (a.code, a.schema, a.texts, a.objects) == (b.code, b.schema, b.texts, b.objects)
            assert a.fix.render() == b.fix.render()


def test_without_a_catalog_needed_a_plain_server_is_only_asked_who_it_is(
    gateway: Gateway, database: Database
) -> None:
    assert gateway.call(check_cluster(database, catalog_needed=False)) == (None, {})


def test_check_prints_each_fix_without_keeping_it(
    admin: Conn, roles: Roles, gateway: Gateway, database: Database
) -> None:
    """The fix printed is the finding's fix; the finding still holds only how to make it (a
    10,000-schema check kept 50,000 change sets: 394 → 214 MiB peak RSS)."""
    catalog = _broken_catalog(admin, roles, gateway, database)
    findings = check_conventions(catalog, _convention(roles))
    deferred = [f for f in findings if callable(f.fix_of)]
    assert deferred
    printed = [_fix_sql(f) for f in findings]
    assert all(callable(f.fix_of) for f in deferred)
    assert printed == [f.fix.render() for f in findings]
