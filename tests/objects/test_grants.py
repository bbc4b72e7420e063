"""Who holds what on an object, and why: PUBLIC once, members through their chains, superusers,
and never the thousands of roles that hold nothing (pure: a catalog built by hand)."""

from __future__ import annotations

from schemadesk.core.access.acl import parse_acl_array as parse_acl
from schemadesk.core.access.models import Catalog, CatalogContext, Membership, Role
from schemadesk.core.objects.grants import PUBLIC_ROW, object_holders
from schemadesk.core.objects.models import Column, Function, Table


def role(name: str, *, superuser: bool = False, inherit: bool = True) -> Role:
    return Role(name, 0, False, superuser, False, False, inherit, False, False, -1, None)


def catalog(extra_roles: int = 0) -> Catalog:
    roles = [role("admin", superuser=True), role("app"), role("team"), role("pg_read_all_data"),
             role("reader"), role("noinherit", inherit=False)]  # fmt: skip
    roles += [role(f"person_{i:05d}") for i in range(extra_roles)]
    memberships = [
        Membership("team", "app", "admin", False, True, True),
        Membership("pg_read_all_data", "reader", "admin", False, True, True),
        Membership("team", "noinherit", "admin", False, False, True),
    ]
    context = CatalogContext(160000, "db", "admin", "admin", True, True)
    return Catalog(context=context, roles=tuple(sorted(roles, key=lambda r: r.name)),
                   memberships=tuple(memberships))  # fmt: skip


def table(acl: str) -> Table:
    return Table(
        schema="s", name="t", owner="admin", acl=parse_acl(acl), acl_is_default=False,
        comment=None, ddl="", table_kind="table",
        columns=(Column(name="id", position=1, type="integer", nullable=True),),
    )  # fmt: skip


def test_members_predefined_roles_and_superusers_with_their_reasons() -> None:
    holders = object_holders(catalog(extra_roles=3000), table("{admin=arwdDxt/admin,team=r/admin}"))
    held = {h.role: h.held for h in holders}
    assert held == {
        "admin": ("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER"),
        "app": ("SELECT",),
        "reader": ("SELECT",),
        "team": ("SELECT",),
    }  # noinherit is a member of team but does not inherit; 3,000 others hold nothing
    app = next(h for h in holders if h.role == "app")
    reason = app.privileges[0].reasons[0]
    assert (reason.kind, reason.chain, reason.grantor) == ("membership", ("app", "team"), "admin")
    reader = next(h for h in holders if h.role == "reader")
    assert reader.privileges[0].reasons[0].kind == "predefined"
    assert [h.role for h in holders] == sorted(held)


def test_public_is_one_row_and_never_repeated_per_role() -> None:
    fn = Function(
        schema="s", name="f", owner="admin", acl=parse_acl("{=X/admin,admin=X/admin}"),
        acl_is_default=True, comment=None, ddl="", function_kind="function", arguments="",
        result="integer", language="sql", security_definer=False, volatility="volatile",
        definition="",
    )  # fmt: skip
    holders = object_holders(catalog(extra_roles=500), fn)
    assert holders[0].role == PUBLIC_ROW
    assert holders[0].held == ("EXECUTE",)
    assert [h.role for h in holders] == [PUBLIC_ROW, "admin"]
    admin = holders[1].privileges[0]
    assert {r.kind for r in admin.reasons} == {"superuser", "owner"}  # PUBLIC said once, above
