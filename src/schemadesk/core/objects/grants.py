"""Who holds what on one object, and why: the access model's effective privileges
(``core.access.effective``) evaluated on the object's own owner and ACL.

Only roles that can hold something are evaluated: superusers, and roles whose privileges reach
a grantee of the ACL (or a predefined role that grants data rights on relations). A right
granted to PUBLIC is one ``PUBLIC`` row, not one row per role of the cluster.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass

from schemadesk.core.access.acl import AclItem
from schemadesk.core.access.effective import (
    EffectivePrivilege,
    Reason,
    RoleGraph,
    relation_privileges,
)
from schemadesk.core.access.models import Catalog, Relation, privileges_for
from schemadesk.core.objects.models import AnyObject, Function, MaterializedView, Sequence
from schemadesk.core.objects.models import Table as TableModel
from schemadesk.core.objects.models import View as ViewModel

PUBLIC_ROW = ""  # the grantee name of PUBLIC, as in the access model

_DATA_ROLES = ("pg_read_all_data", "pg_write_all_data", "pg_maintain")


@dataclass(frozen=True, slots=True)
class Holder:
    """One role (``""``: PUBLIC) and the rights it holds on the object, each with reasons."""

    role: str
    privileges: tuple[EffectivePrivilege, ...]

    @property
    def held(self) -> tuple[str, ...]:
        return tuple(p.privilege for p in self.privileges if p.held)


def object_privileges(obj: AnyObject, server_version_num: int) -> tuple[str, ...]:
    """The rights that exist on this kind of object."""
    if isinstance(obj, Sequence):
        return privileges_for("sequence")
    if isinstance(obj, TableModel | ViewModel | MaterializedView):
        return privileges_for("table", server_version_num)
    if isinstance(obj, Function):
        return privileges_for("function")
    return privileges_for("types")


def object_holders(
    catalog: Catalog, obj: AnyObject, graph: RoleGraph | None = None
) -> tuple[Holder, ...]:
    """PUBLIC's rights (when it holds any) then every role holding a right on ``obj``, by name.

    ``catalog`` needs its roles and memberships (``load_catalog(parts=("roles",
    "memberships"))`` is enough); the object's ACL is its own, as loaded with it.
    """
    graph = graph or RoleGraph(catalog)
    privileges = object_privileges(obj, catalog.server_version_num)
    relation = _as_relation(obj)
    out: list[Holder] = []
    public = [i for i in obj.acl if i.is_public and i.privileges & set(privileges)]
    if public:
        out.append(Holder(PUBLIC_ROW, _public_rights(public, privileges)))
    anchors = {i.grantee for i in obj.acl if not i.is_public}
    if isinstance(obj, TableModel | ViewModel | MaterializedView | Sequence):
        anchors.update(_DATA_ROLES)
    reach = _reach(catalog, graph)
    candidates = set(reach.get(_SUPERUSERS, ())).union(*(reach.get(a, ()) for a in anchors))
    # By name, bytewise, as the catalog lists roles; predefined roles are the means, not holders.
    for name in sorted(candidates):
        if name.startswith("pg_"):
            continue
        found = relation_privileges(catalog, name, relation, privileges, graph)
        # Held only through PUBLIC: the PUBLIC row says it once for every role.
        own = tuple(
            EffectivePrivilege(p.privilege, tuple(r for r in p.reasons if r.kind != "public"))
            for p in found.privileges
        )
        if any(p.held for p in own):
            out.append(Holder(name, own))
    return tuple(out)


# Per role graph: for each role, the roles that have its privileges (itself included). Built
# once by walking every role's sources; then an object's holders are a union of a few sets
# instead of a test of each of thousands of roles.
_REACH: weakref.WeakKeyDictionary[RoleGraph, dict[str, set[str]]] = weakref.WeakKeyDictionary()


_SUPERUSERS = "\0superusers"  # not a role name (a name cannot hold NUL): the superusers' set


def _reach(catalog: Catalog, graph: RoleGraph) -> dict[str, set[str]]:
    found = _REACH.get(graph)
    if found is None:
        found = {_SUPERUSERS: {r.name for r in catalog.roles if r.superuser}}
        for role in catalog.roles:
            for source in graph.privilege_sources(role.name):
                found.setdefault(source, set()).add(role.name)
        _REACH[graph] = found
    return found


def _public_rights(
    items: list[AclItem], privileges: tuple[str, ...]
) -> tuple[EffectivePrivilege, ...]:
    out = []
    for p in privileges:
        reasons = tuple(
            Reason("public", (), i.grantor, p in i.grantable) for i in items if p in i.privileges
        )
        out.append(EffectivePrivilege(p, reasons))
    return tuple(out)


def _as_relation(obj: AnyObject) -> Relation:
    """The object as the access model's evaluator takes it: owner and ACL are all it reads.

    A sequence is evaluated as one (its own rights); every other kind as a table, whose
    predefined-role rights (pg_read_all_data's SELECT, ...) are never asked for on a function
    (EXECUTE) or a type (USAGE), so they add nothing there.
    """
    if isinstance(obj, Sequence):
        return Relation(obj.schema, obj.name, "sequence", obj.owner, obj.acl, obj.acl_is_default)
    return Relation(obj.schema, obj.name, "table", obj.owner, obj.acl, obj.acl_is_default)
