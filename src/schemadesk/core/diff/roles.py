"""The roles involved in compared schemas (owners, grantees, default-privilege roles), compared
between A and B: present on both sides, attributes, role-level settings, and memberships both
ways with their options. A role named after a renamed schema follows its new name."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from schemadesk.core.access.acl import PUBLIC
from schemadesk.core.access.models import Catalog, Function, Membership, Relation, Role
from schemadesk.core.diff.access import Renamer
from schemadesk.core.diff.global_defaults import compare_global_defaults
from schemadesk.core.diff.index import cached, defaults_by_schema
from schemadesk.core.diff.mapping import role_in_b
from schemadesk.core.diff.models import Difference, SchemaPair
from schemadesk.core.diff.texts import NONE
from schemadesk.core.messages import Message

ROLE_ATTRIBUTES = (
    "login",
    "superuser",
    "createdb",
    "createrole",
    "inherit",
    "replication",
    "bypassrls",
    "connection_limit",
    "valid_until",
)


def involved_roles(catalog: Catalog, schema: str) -> set[str]:
    """Owners, grantees and default-privilege roles of a schema and its objects."""
    found: set[str] = set()
    entry = catalog.schema(schema)
    if entry is None:
        return found
    found.add(entry.owner)
    found.update(i.grantee for i in entry.acl)
    # Objects of a schema mostly share one ACL object (the loader's parse cache): each once.
    seen: set[int] = set()
    objects: tuple[Relation | Function, ...] = (
        *catalog.relations_in(schema),
        *catalog.functions_in(schema),
    )
    for obj in objects:
        found.add(obj.owner)
        if id(obj.acl) not in seen:
            seen.add(id(obj.acl))
            found.update(i.grantee for i in obj.acl)
    for d in defaults_by_schema(catalog).get(schema, ()):
        found.add(d.for_role)
        found.update(i.grantee for i in d.acl)
    found.discard(PUBLIC)
    return found


def role_pairs(
    a: Catalog, b: Catalog, pairs: Iterable[SchemaPair]
) -> dict[tuple[str, str], SchemaPair]:
    """(role of A, role of B) for every role involved in a pair, either side, once each, with
    the first pair it came from (how the names of its groups and members follow)."""
    chosen = tuple(pairs)
    return cached((a, b), ("roles", chosen), lambda: _role_pairs(a, b, chosen))


def _role_pairs(
    a: Catalog, b: Catalog, pairs: tuple[SchemaPair, ...]
) -> dict[tuple[str, str], SchemaPair]:
    out: dict[tuple[str, str], SchemaPair] = {}
    for pair in pairs:
        rename = Renamer(pair)
        for role in sorted(involved_roles(a, pair.source)):
            out.setdefault((role, rename(role)), pair)
        for role in sorted(involved_roles(b, pair.target)):
            # B's role named after B's schema is A's role named after A's schema.
            back = role
            if not rename.same:
                back = role_in_b(role, SchemaPair(pair.target, pair.source))
                if rename(back) != role:
                    back = role
            out.setdefault((back, role), pair)
    return out


def _attribute(role: Role, name: str) -> str:
    value = getattr(role, name)
    if isinstance(value, bool):
        return "true" if value else "false"
    return NONE if value is None else str(value)


def membership_text(grants: Iterable[Membership]) -> str:
    """``member (admin, inherit, set)``: the options any grantor gave, or ``(none)``."""
    options: set[str] = set()
    found = False
    for m in grants:
        found = True
        if m.admin_option:
            options.add("admin")
        if m.inherit_option:
            options.add("inherit")
        if m.set_option:
            options.add("set")
    if not found:
        return NONE
    return "member" + (f" ({', '.join(sorted(options))})" if options else "")


@dataclass
class Memberships:
    """A catalog's memberships by member and by group."""

    by_member: dict[str, dict[str, list[Membership]]]
    by_group: dict[str, dict[str, list[Membership]]]

    @classmethod
    def of(cls, catalog: Catalog) -> Memberships:
        """Built once per catalog (the comparison and the plan both ask, in chunks)."""

        def build() -> Memberships:
            by_member: dict[str, dict[str, list[Membership]]] = {}
            by_group: dict[str, dict[str, list[Membership]]] = {}
            for m in catalog.memberships:
                by_member.setdefault(m.member, {}).setdefault(m.role, []).append(m)
                by_group.setdefault(m.role, {}).setdefault(m.member, []).append(m)
            return cls(by_member, by_group)

        return cached((catalog,), "memberships", build)


def chunks(
    pairs: dict[tuple[str, str], SchemaPair], size: int = 200
) -> Iterator[dict[tuple[str, str], SchemaPair]]:
    """The role pairs a few hundred at a time (a step of the window's slices each)."""
    items = list(pairs.items())
    for start in range(0, len(items), size):
        yield dict(items[start : start + size])


def _settings(catalog: Catalog, role: Role) -> dict[tuple[bool, str], str]:
    here = (None, catalog.context.database)
    return {(s.database is None, s.name): s.value for s in role.settings if s.database in here}


def compare_roles(
    a: Catalog,
    b: Catalog,
    pairs: dict[tuple[str, str], SchemaPair],
    seen: set[tuple[str, str]] | None = None,
) -> Iterator[Difference]:
    """Existence, attributes, settings and memberships (both ways) of each role pair;
    ``seen``: memberships already compared (by earlier chunks of the same comparison)."""
    ma, mb = Memberships.of(a), Memberships.of(b)
    seen = set() if seen is None else seen
    for (name_a, name_b), pair in pairs.items():
        ra, rb = a.role(name_a), b.role(name_b)
        label = name_b if name_a == name_b else f"{name_a} → {name_b}"
        subject = f"role {label}"
        if ra is None or rb is None:
            if ra is not None or rb is not None:
                side = "A" if ra is not None else "B"
                yield Difference(
                    "role",
                    None,
                    subject,
                    Message("diff-role-only", {"role": label, "side": side}),
                    name_a if ra else None,
                    name_b if rb else None,
                )
            continue
        for attr in ROLE_ATTRIBUTES:
            va, vb = _attribute(ra, attr), _attribute(rb, attr)
            if va != vb:
                params = {"role": label, "attribute": attr, "a": va, "b": vb}
                yield Difference(
                    "role", None, subject, Message("diff-role-attribute", params), va, vb
                )
        sa, sb = _settings(a, ra), _settings(b, rb)
        for key in sorted(sa.keys() | sb.keys()):
            if sa.get(key) != sb.get(key):
                va, vb = sa.get(key, NONE), sb.get(key, NONE)
                params = {"role": label, "name": key[1], "a": va, "b": vb}
                code = "diff-role-setting" if key[0] else "diff-role-setting-here"
                yield Difference("setting", None, subject, Message(code, params), va, vb)
        yield from compare_global_defaults(a, b, name_a, name_b, pair)
        rename = Renamer(pair)
        groups_a = {rename(g): ms for g, ms in ma.by_member.get(name_a, {}).items()}
        groups_b = mb.by_member.get(name_b, {})
        for group in sorted(groups_a.keys() | groups_b.keys()):
            yield from _membership(group, name_b, groups_a.get(group), groups_b.get(group), seen)
        members_a = {rename(m): ms for m, ms in ma.by_group.get(name_a, {}).items()}
        members_b = mb.by_group.get(name_b, {})
        for member in sorted(members_a.keys() | members_b.keys()):
            yield from _membership(
                name_b, member, members_a.get(member), members_b.get(member), seen
            )


def _membership(
    group: str,
    member: str,
    a: list[Membership] | None,
    b: list[Membership] | None,
    seen: set[tuple[str, str]],
) -> Iterator[Difference]:
    if (group, member) in seen:
        return
    seen.add((group, member))
    va, vb = membership_text(a or ()), membership_text(b or ())
    if va != vb:
        yield Difference(
            "membership",
            None,
            f"membership of {member} in {group}",
            Message("diff-membership", {"member": member, "role": group, "a": va, "b": vb}),
            va,
            vb,
        )
