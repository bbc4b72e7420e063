"""Compare access between paired schemas of two catalogs: owners, grants, default privileges,
objects present on one side only, and the roles involved (attributes, settings, memberships).

Pure: two ``Catalog`` snapshots in, ``Difference`` rows out. Grants are compared by grantee and
rights (with grant option), never by grantor or ACL order, and an owner's own rights are compared
as "the owner's", so a differently named owner is one owner difference, not a grant one too.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from schemadesk.core.access.acl import PUBLIC, AclItem
from schemadesk.core.access.expectations import PRIVILEGE_ORDER
from schemadesk.core.access.models import MAINTAIN, Catalog, Function, Relation
from schemadesk.core.diff.index import defaults_by_schema
from schemadesk.core.diff.mapping import role_in_b
from schemadesk.core.diff.models import Difference, SchemaPair
from schemadesk.core.diff.texts import NONE
from schemadesk.core.messages import Message

OWNER = "\x00owner"  # the owner's own ACL entry, whoever owns the object

_ORDER = {p: i for i, p in enumerate(PRIVILEGE_ORDER)}  # as GRANT lists them: SELECT, INSERT...
Rights = dict[str, tuple[frozenset[str], frozenset[str]]]  # grantee -> (privileges, grantable)


# Privileges only one of the two servers knows (MAINTAIN before PostgreSQL 17): a comparison
# across majors leaves them out, as B could not hold them (set by ``across_majors``).
_UNSHARED: ContextVar[frozenset[str]] = ContextVar("unshared", default=frozenset())


@contextmanager
def across_majors(a: Catalog, b: Catalog) -> Iterator[None]:
    """Compare (and plan) only the privileges both servers have, inside this block."""
    oldest = min(a.server_version_num, b.server_version_num)
    token = _UNSHARED.set(frozenset({MAINTAIN}) if oldest < 170000 else frozenset())
    try:
        yield
    finally:
        _UNSHARED.reset(token)


def shared(privileges: frozenset[str]) -> frozenset[str]:
    """``privileges`` without those only one of the servers compared knows."""
    unshared = _UNSHARED.get()
    return privileges - unshared if unshared else privileges


def rights(acl: Iterable[AclItem], owner: str, rename: dict[str, str] | None = None) -> Rights:
    """Grantee -> (privileges, grantable) merged over grantors; the owner as ``OWNER``."""
    unshared = _UNSHARED.get()
    out: dict[str, tuple[set[str], set[str]]] = {}
    for item in acl:
        who = OWNER if item.grantee == owner else item.grantee
        if rename is not None and who not in (OWNER, PUBLIC):
            who = rename.get(who, who)
        privs, grantable = out.setdefault(who, (set(), set()))
        privs |= item.privileges
        grantable |= item.grantable
    return {
        k: (frozenset(p) - unshared, frozenset(g) - unshared)
        for k, (p, g) in out.items()
        if p - unshared
    }


def rights_text(held: tuple[frozenset[str], frozenset[str]] | None) -> str:
    """``SELECT, UPDATE*`` (``*``: with grant option), or ``(none)``."""
    if held is None:
        return NONE
    privs, grantable = held
    ordered = sorted(privs, key=lambda p: (_ORDER.get(p, len(_ORDER)), p))
    return ", ".join(p + ("*" if p in grantable else "") for p in ordered)


def grantee_text(grantee: str) -> str:
    return "PUBLIC" if grantee == PUBLIC else ("the owner" if grantee == OWNER else grantee)


@dataclass
class Renamer:
    """Role names of A as B's names for one pair, cached (thousands of lookups per schema)."""

    pair: SchemaPair

    def __post_init__(self) -> None:
        self.cache: dict[str, str] = {}
        self.same = self.pair.source == self.pair.target  # names stay as they are

    def __call__(self, role: str) -> str:
        if self.same:
            return role
        found = self.cache.get(role)
        if found is None:
            found = self.cache[role] = role_in_b(role, self.pair)
        return found

    def mapping(self, acl: Iterable[AclItem]) -> dict[str, str] | None:
        if self.same:
            return None
        return {i.grantee: self(i.grantee) for i in acl if i.grantee != PUBLIC}


def compare_acl(
    pair: SchemaPair,
    subject: tuple[str, str],
    *,
    a_acl: Iterable[AclItem],
    a_owner: str,
    b_acl: tuple[AclItem, ...],
    b_owner: str,
    rename: Renamer,
) -> Iterator[Difference]:
    a_list = tuple(a_acl)
    if rename.same and a_owner == b_owner and a_list == b_acl:
        return  # the common case, decided without building either side's rights
    a = rights(a_list, a_owner, rename.mapping(a_list))
    b = rights(b_acl, b_owner)
    if a == b:
        return
    for grantee in sorted(a.keys() | b.keys()):
        if a.get(grantee) != b.get(grantee):
            av, bv = rights_text(a.get(grantee)), rights_text(b.get(grantee))
            yield Difference(
                "grant",
                pair,
                " ".join(subject),
                Message(
                    "diff-grant",
                    {
                        **_subject(subject),
                        "grantee": grantee_text(grantee),
                        "a": av,
                        "b": bv,
                        "owner": int(grantee == OWNER),  # the window words "the owner" itself
                    },
                ),
                av,
                bv,
            )


def _subject(subject: tuple[str, str]) -> dict[str, str]:
    """The subject in English, and its kind and name apart (the window words the kind)."""
    return {"subject": " ".join(subject), "kind": subject[0], "name": subject[1]}


def _owner(
    pair: SchemaPair, subject: tuple[str, str], a: str, b: str, rename: Renamer
) -> Iterator[Difference]:
    if rename(a) != b:
        yield Difference(
            "owner",
            pair,
            " ".join(subject),
            Message("diff-owner", {**_subject(subject), "a": a, "b": b}),
            a,
            b,
        )


def _only(pair: SchemaPair, kind: str, name: str, side: str) -> Difference:
    return Difference(
        "structure",
        pair,
        f"{kind} {name}",
        Message("diff-object-only", {"kind": kind, "name": name, "side": side}),
        name if side == "A" else None,
        name if side == "B" else None,
    )


def compare_schema(a: Catalog, b: Catalog, pair: SchemaPair) -> Iterator[Difference]:
    """Owner, grants, objects and default privileges of one pair of schemas."""
    rename = Renamer(pair)
    sa, sb = a.schema(pair.source), b.schema(pair.target)
    if sa is None or sb is None:
        return
    subject = ("schema", pair.label)
    yield from _owner(pair, subject, sa.owner, sb.owner, rename)
    yield from compare_acl(
        pair,
        subject,
        a_acl=sa.acl,
        a_owner=sa.owner,
        b_acl=sb.acl,
        b_owner=sb.owner,
        rename=rename,
    )
    yield from _relations(a.relations_in(pair.source), b.relations_in(pair.target), pair, rename)
    yield from _functions(a.functions_in(pair.source), b.functions_in(pair.target), pair, rename)
    yield from _defaults(a, b, pair, rename)


def _relations(
    a_rels: Iterable[Relation], b_rels: Iterable[Relation], pair: SchemaPair, rename: Renamer
) -> Iterator[Difference]:
    in_b = {r.name: r for r in b_rels}
    seen: set[str] = set()
    for ra in a_rels:
        seen.add(ra.name)
        rb = in_b.get(ra.name)
        if rb is None:
            yield _only(pair, ra.kind, f"{pair.source}.{ra.name}", "A")
            continue
        subject = (rb.kind, f"{pair.target}.{rb.name}")
        if ra.kind != rb.kind:
            yield Difference(
                "structure",
                pair,
                " ".join(subject),
                Message(
                    "diff-object-kind",
                    {"name": f"{pair.target}.{rb.name}", "a": ra.kind, "b": rb.kind},
                ),
                ra.kind,
                rb.kind,
            )
        # A sequence owned by a column follows its table's owner: compared through the table.
        if ra.owned_by is None or rb.owned_by is None:
            yield from _owner(pair, subject, ra.owner, rb.owner, rename)
        yield from compare_acl(
            pair,
            subject,
            a_acl=ra.acl,
            a_owner=ra.owner,
            b_acl=rb.acl,
            b_owner=rb.owner,
            rename=rename,
        )
    for rb in in_b.values():
        if rb.name not in seen:
            yield _only(pair, rb.kind, f"{pair.target}.{rb.name}", "B")


def function_key(fn: Function) -> tuple[str, str]:
    return fn.name, fn.arguments


def _functions(
    a_fns: Iterable[Function], b_fns: Iterable[Function], pair: SchemaPair, rename: Renamer
) -> Iterator[Difference]:
    in_b = {function_key(f): f for f in b_fns}
    seen: set[tuple[str, str]] = set()
    for fa in a_fns:
        key = function_key(fa)
        seen.add(key)
        fb = in_b.get(key)
        if fb is None:
            yield _only(pair, fa.kind, f"{pair.source}.{fa.name}({fa.arguments})", "A")
            continue
        subject = (fb.kind, f"{pair.target}.{fb.name}({fb.arguments})")
        yield from _owner(pair, subject, fa.owner, fb.owner, rename)
        yield from compare_acl(
            pair,
            subject,
            a_acl=fa.acl,
            a_owner=fa.owner,
            b_acl=fb.acl,
            b_owner=fb.owner,
            rename=rename,
        )
    for key, fb in in_b.items():
        if key not in seen:
            yield _only(pair, fb.kind, f"{pair.target}.{fb.name}({fb.arguments})", "B")


def default_rights(
    catalog: Catalog, schema: str, rename: Renamer | None = None
) -> dict[tuple[str, str], Rights]:
    """(for_role, object_type) -> rights of the stored default privileges IN SCHEMA ``schema``;
    role names as B's when ``rename`` is given."""
    out: dict[tuple[str, str], Rights] = {}
    for d in defaults_by_schema(catalog).get(schema, ()):
        mapping = None if rename is None else rename.mapping(d.acl)
        for_role = d.for_role if rename is None else rename(d.for_role)
        # The grantee "owner" has no meaning here: ``for_role`` is a name, not the owner.
        out[(for_role, d.object_type)] = rights(d.acl, "\x00none", mapping)
    return out


def _defaults(a: Catalog, b: Catalog, pair: SchemaPair, rename: Renamer) -> Iterator[Difference]:
    da = default_rights(a, pair.source, rename)
    db = default_rights(b, pair.target)
    if da == db:
        return
    for key in sorted(da.keys() | db.keys()):
        ra, rb = da.get(key, {}), db.get(key, {})
        for grantee in sorted(ra.keys() | rb.keys()):
            if ra.get(grantee) == rb.get(grantee):
                continue
            av, bv = rights_text(ra.get(grantee)), rights_text(rb.get(grantee))
            role, object_type = key
            yield Difference(
                "default",
                pair,
                f"default privileges of {role} on {object_type} in schema {pair.target}",
                Message(
                    "diff-default",
                    {
                        "object_type": object_type,
                        "role": role,
                        "schema": pair.target,
                        "grantee": grantee_text(grantee),
                        "a": av,
                        "b": bv,
                    },
                ),
                av,
                bv,
            )
