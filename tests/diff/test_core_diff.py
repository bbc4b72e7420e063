"""The pure comparison on hand-built catalogs: what counts as a difference and what does not
(grantor, ACL order, a renamed owner's own rights), and the statements planned for B."""

from __future__ import annotations

from schemadesk.core.access.acl import parse_acl
from schemadesk.core.access.models import Catalog, CatalogContext, Relation, Role, Schema
from schemadesk.core.diff.columns import ColumnAccess
from schemadesk.core.diff.compare import compare, pairs_of
from schemadesk.core.diff.fix import access_change_set
from schemadesk.core.diff.mapping import Mapping
from schemadesk.core.diff.models import SchemaPair


def _role(name: str) -> Role:
    return Role(name, 1, False, False, False, False, True, False, False, -1, None)


def _catalog(
    owner: str, schema_acl: list[str], table_acl: list[str], version: int = 160000
) -> Catalog:
    ctx = CatalogContext(version, "db", "postgres", "postgres", True, True)
    schema = Schema("s", owner, 1, 0, 0, 0, 0, None, parse_acl(schema_acl), False, True)
    table = Relation("s", "t", "table", owner, parse_acl(table_acl), False)
    roles = tuple(_role(n) for n in ("alice", "bob", "app", "postgres"))
    return Catalog(ctx, (schema,), roles, (), (table,))


def test_grantor_and_order_are_not_differences_and_a_new_owner_is_one() -> None:
    a = _catalog("alice", ["alice=UC/alice", "app=U/alice"], ["alice=arwdDxt/alice", "app=r/bob"])
    b = _catalog("bob", ["app=U/bob", "bob=UC/bob"], ["app=r/postgres", "bob=arwdDxt/bob"])
    report = compare(a, b, pairs_of(a, b))
    assert [(d.category, d.subject) for d in report.differences] == [
        ("owner", "schema s"),
        ("owner", "table s.t"),
    ]
    change, notes = access_change_set(a, b, report.pairs)
    assert [s.render() for s in change.statements] == [
        'ALTER SCHEMA "s" OWNER TO "alice"',
        'ALTER TABLE "s"."t" OWNER TO "alice"',
    ]
    assert notes == ()


def test_rights_differ_by_privilege_and_grant_option() -> None:
    a = _catalog("alice", ["alice=UC/alice"], ["alice=arwdDxt/alice", "app=r*w/alice"])
    b = _catalog("alice", ["alice=UC/alice", "=U/alice"], ["alice=arwdDxt/alice", "app=ra/alice"])
    report = compare(a, b, Mapping((SchemaPair("s", "s"),)))
    assert [d.text for d in report.differences] == [
        "schema s: PUBLIC holds (none) in A, USAGE in B",
        "table s.t: app holds SELECT*, UPDATE in A, SELECT, INSERT in B",
    ]
    change, _ = access_change_set(a, b, report.pairs)
    assert [s.render() for s in change.statements] == [
        'REVOKE USAGE ON SCHEMA "s" FROM PUBLIC',
        'GRANT UPDATE ON TABLE "s"."t" TO "app"',
        'GRANT SELECT ON TABLE "s"."t" TO "app" WITH GRANT OPTION',
        'REVOKE INSERT ON TABLE "s"."t" FROM "app"',
    ]


def test_objects_needing_the_same_change_share_one_statement() -> None:
    a = _catalog("alice", ["alice=UC/alice"], ["alice=arwdDxt/alice", "app=r/alice"])
    b = _catalog("alice", ["alice=UC/alice"], ["alice=arwdDxt/alice"])
    u_a = Relation(
        "s", "u", "view", "alice", parse_acl(["alice=arwdDxt/alice", "app=r/alice"]), False
    )
    u_b = Relation("s", "u", "view", "alice", parse_acl(["alice=arwdDxt/alice"]), False)
    a = Catalog(a.context, a.schemas, a.roles, (), (*a.relations, u_a))
    b = Catalog(b.context, b.schemas, b.roles, (), (*b.relations, u_b))
    report = compare(a, b, pairs_of(a, b))
    assert len(report.differences) == 2
    change, _ = access_change_set(a, b, report.pairs)
    assert [s.render() for s in change.statements] == [
        'GRANT SELECT ON TABLE "s"."t", "s"."u" TO "app"'
    ]


def test_a_privilege_one_major_lacks_is_no_difference_across_majors() -> None:
    # GRANT ALL on PostgreSQL 18 includes MAINTAIN (m), which 15 does not have.
    a = _catalog(
        "alice", ["alice=UC/alice"], ["alice=arwdDxtm/alice", "app=arwdDxtm/alice"], 180000
    )
    b = _catalog("alice", ["alice=UC/alice"], ["alice=arwdDxt/alice", "app=arwdDxt/alice"], 150000)
    assert compare(a, b, pairs_of(a, b)).equal
    c = _catalog("alice", ["alice=UC/alice"], ["alice=arwdDxtm/alice", "app=arwdDxt/alice"], 170000)
    assert [d.text for d in compare(a, c, pairs_of(a, c)).differences] == [
        "table s.t: app holds SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER, "
        "MAINTAIN in A, SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER in B"
    ]


def test_columns_needing_the_same_change_share_one_statement_and_unknown_roles_are_notes() -> None:
    a = _catalog("alice", ["alice=UC/alice"], ["alice=arwdDxt/alice"])
    b = _catalog("alice", ["alice=UC/alice"], ["alice=arwdDxt/alice"])
    ca = ColumnAccess(
        {("s", "t"): {c: parse_acl(["app=rw/alice", "ghost=r/alice"]) for c in ("x", "y")}}
    )
    cb = ColumnAccess({}, frozenset({("s", "t", "x"), ("s", "t", "y")}))
    report = compare(a, b, pairs_of(a, b), columns=(ca, cb))
    assert [d.text for d in report.differences] == [
        "column s.t.x: app holds SELECT, UPDATE in A, (none) in B",
        "column s.t.x: ghost holds SELECT in A, (none) in B",
        "column s.t.y: app holds SELECT, UPDATE in A, (none) in B",
        "column s.t.y: ghost holds SELECT in A, (none) in B",
    ]
    change, notes = access_change_set(a, b, report.pairs, (ca, cb))
    assert [s.render() for s in change.statements] == [
        'GRANT SELECT ("x", "y"), UPDATE ("x", "y") ON TABLE "s"."t" TO "app"'
    ]
    assert [n.code for n in notes] == ["diff-note-no-role"]  # ghost: B has no such role
    # Without knowing that B has the columns, nothing is compared (structure would say).
    assert compare(a, b, pairs_of(a, b), columns=(ca, ColumnAccess())).equal
