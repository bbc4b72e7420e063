"""One pass over a schema's relations for the convention check (the rw role and PUBLIC)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TypeAlias

from schemadesk.core.access.acl import PUBLIC, AclItem
from schemadesk.core.access.convention_model import Convention
from schemadesk.core.access.effective import RoleGraph, relation_privileges
from schemadesk.core.access.models import Catalog, Relation


@dataclass(slots=True)
class RelationScan:
    """What one pass over a schema's relations found: the rw role's missing and extra rights
    per kind (``table``, ``sequence``), and what PUBLIC holds, each in the catalog's order."""

    lacking: dict[str, list[str]] = field(default_factory=lambda: {"table": [], "sequence": []})
    extra: dict[str, dict[str, set[str]]] = field(
        default_factory=lambda: {"table": {}, "sequence": {}}
    )
    public: list[tuple[Relation, frozenset[str]]] = field(default_factory=list)


# (kind, the rw role holds what it needs, its extra direct rights, PUBLIC's), None: all well.
_Verdict: TypeAlias = tuple[str, bool, frozenset[str], frozenset[str]] | None


def scan_relations(
    catalog: Catalog, graph: RoleGraph, conv: Convention, s: str, rw: str | None
) -> RelationScan:
    """One pass over the relations of ``s`` for the rw role (None: it does not exist) and PUBLIC.

    A verdict depends only on the relation's kind, owner and ACL, and a schema's tables share a
    handful of ACLs (one parsed tuple each, from the loader's cache): each is evaluated once, by
    identity, and a relation with nothing to report costs one lookup. At 10,000 schemas this
    loop meets 400,000 relations; it was three passes and two lists per schema.
    """
    out = RelationScan()
    verdicts: dict[tuple[str, str, int], _Verdict] = {}
    # Relations of one row come one after another (same kind, owner and ACL objects): the
    # last verdict is taken by identity, without making and hashing a key for each.
    last: tuple[object, object, object] = (None, None, None)
    verdict: _Verdict = None
    for rel in catalog.user_relations_in(s):
        kind, owner, acl = rel.kind, rel.owner, rel.acl
        if kind is not last[0] or owner is not last[1] or acl is not last[2]:
            last = (kind, owner, acl)
            key = (kind, owner, id(acl))
            try:
                verdict = verdicts[key]
            except KeyError:
                verdict = verdicts[key] = _verdict(catalog, graph, conv, rel, rw)
        if verdict is None:
            continue
        what, ok, extra, public = verdict
        if not ok:
            out.lacking[what].append(rel.name)
        if extra:
            out.extra[what][rel.name] = set(extra)
        if public:
            out.public.append((rel, public))
    return out


def _verdict(
    catalog: Catalog, graph: RoleGraph, conv: Convention, rel: Relation, rw: str | None
) -> _Verdict:
    kind = rel.privilege_kind
    ok, extra = True, frozenset[str]()
    if rw is not None:
        wanted = conv.rw_table_privileges if kind == "table" else conv.rw_sequence_privileges
        direct = held_directly(rel.acl, rw)
        # Held directly is held (a direct grant is a reason): the rights through memberships,
        # superuser or predefined roles are worked out only for what is not (10,000 schemas'
        # tables were evaluated with all their reasons to learn that they were fine).
        ok = direct.issuperset(wanted)
        if not ok:
            ep = relation_privileges(catalog, rw, rel, wanted, graph)
            ok = all(ep.has(p) for p in wanted)
        extra = frozenset(direct - set(wanted))
    public = frozenset(held_directly(rel.acl, PUBLIC))
    return None if ok and not extra and not public else (kind, ok, extra, public)


def held_directly(acl: Iterable[AclItem], grantee: str) -> set[str]:
    """The rights ACL items name ``grantee`` for (not through membership)."""
    out: set[str] = set()
    for item in acl:
        if item.grantee == grantee:
            out |= item.privileges
    return out
