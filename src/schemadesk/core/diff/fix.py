"""The access changes that bring B to A over the compared pairs, as one change set of the
access engine (core/access/changes.py): ALTER ... OWNER, GRANT / REVOKE on schemas and objects,
ALTER DEFAULT PRIVILEGES FOR ROLE ... IN SCHEMA, and memberships (GRANT / REVOKE role).

Each builder reads B's catalog and emits only what B lacks or has in excess, with the
expectations a second read checks. What cannot be scripted safely (a role B lacks, an overloaded
function, an admin option to take away, the owner's own rights) is returned as a note.
Structure is never scripted: migrations own it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from psycopg import sql

from schemadesk.core.access import changes as ch
from schemadesk.core.access.acl import PUBLIC, AclItem
from schemadesk.core.access.guards import ChangeSetError
from schemadesk.core.access.models import Catalog, DefaultObjectType, Membership
from schemadesk.core.diff.access import (
    OWNER,
    Renamer,
    Rights,
    across_majors,
    default_rights,
    function_key,
    rights,
)
from schemadesk.core.diff.columns import ColumnAccess, column_changes
from schemadesk.core.diff.global_defaults import global_default_changes
from schemadesk.core.diff.models import SchemaPair
from schemadesk.core.diff.roles import Memberships, chunks, role_pairs
from schemadesk.core.messages import Message

_EMPTY: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())


@dataclass
class _Plan:
    """Change sets in order (owners first: a new owner takes over the old one's grants)."""

    a: Catalog
    b: Catalog
    owners: list[ch.ChangeSet] = field(default_factory=list)
    grants: list[ch.ChangeSet] = field(default_factory=list)
    notes: list[Message] = field(default_factory=list)
    # (schema, kind, grantee, verb, rights) -> the objects (None: the schema) that need it
    ops: dict[tuple[str, ch.GrantTarget, str, str, frozenset[str]], list[str | None]] = field(
        default_factory=dict
    )

    def role_ok(self, role: str, schema: str) -> bool:
        if role == PUBLIC or self.b.role(role) is not None:
            return True
        note = Message("diff-note-no-role", {"role": role, "schema": schema})
        if note not in self.notes:
            self.notes.append(note)
        return False


def access_change_set(
    a: Catalog,
    b: Catalog,
    pairs: tuple[SchemaPair, ...],
    columns: tuple[ColumnAccess, ColumnAccess] | None = None,
) -> tuple[ch.ChangeSet, tuple[Message, ...]]:
    """The change set for B (empty when B's access already matches A's) and the notes."""
    *_, done = fix_steps(a, b, pairs, columns)
    assert done is not None
    return done


def fix_steps(
    a: Catalog,
    b: Catalog,
    pairs: tuple[SchemaPair, ...],
    columns: tuple[ColumnAccess, ColumnAccess] | None = None,
) -> Iterator[tuple[ch.ChangeSet, tuple[Message, ...]] | None]:
    """``access_change_set`` one pair at a time (None), the change set and notes last."""
    plan = _Plan(a, b)
    for pair in pairs:
        with across_majors(a, b):
            _pair(plan, pair)
            _flush(plan)
            if columns is not None:  # after the table's own REVOKEs, which reach its columns
                ca, cb = columns
                plan.grants.extend(column_changes(a, b, ca, cb, pair, role_ok=plan.role_ok))
        yield None
    done: set[tuple[str, str]] = set()
    for chunk in chunks(role_pairs(a, b, pairs)):
        with across_majors(a, b):
            plan.grants.extend(_memberships(a, b, chunk, done))
        yield None
    title = "make access equal: " + ", ".join(p.label for p in pairs[:3])
    if len(pairs) > 3:
        title += f" and {len(pairs) - 3} more"
    # One pass (ChangeSet.combine adds the parts one by one: quadratic on thousands of them).
    parts = [*plan.owners, *plan.grants]
    statements = tuple(s for part in parts for s in part.statements)
    expectations = tuple(dict.fromkeys(e for part in parts for e in part.expectations))
    yield ch.ChangeSet(title, statements, expectations), tuple(plan.notes)


def _pair(plan: _Plan, pair: SchemaPair) -> None:
    a, b = plan.a, plan.b
    rename = Renamer(pair)
    sa, sb = a.schema(pair.source), b.schema(pair.target)
    if sa is None or sb is None:
        return
    schema = pair.target
    want = rename(sa.owner)
    if want != sb.owner and plan.role_ok(want, schema):
        plan.owners.append(ch.set_schema_owner(schema, want))
    _rights(
        plan,
        pair,
        "schema",
        name=None,
        a_side=(sa.acl, sa.owner),
        b_side=(sb.acl, sb.owner),
        rename=rename,
    )
    in_b = {r.name: r for r in b.relations_in(schema)}
    for ra in a.relations_in(pair.source):
        rb = in_b.get(ra.name)
        if rb is None or ra.kind != rb.kind:
            continue
        want = rename(ra.owner)
        if ra.owned_by is None and want != rb.owner and plan.role_ok(want, schema):
            plan.owners.append(ch.set_object_owner(rb, want))
        on: ch.GrantTarget = "sequences" if rb.kind == "sequence" else "tables"
        _rights(
            plan,
            pair,
            on,
            name=rb.name,
            a_side=(ra.acl, ra.owner),
            b_side=(rb.acl, rb.owner),
            rename=rename,
        )
    fns_b = {function_key(f): f for f in b.functions_in(schema)}
    names = [f.name for f in b.functions_in(schema)]
    for fa in a.functions_in(pair.source):
        fb = fns_b.get(function_key(fa))
        if fb is None:
            continue
        if names.count(fb.name) > 1:
            diff = rights(fa.acl, fa.owner, rename.mapping(fa.acl)) != rights(fb.acl, fb.owner)
            if diff or rename(fa.owner) != fb.owner:
                plan.notes.append(
                    Message("diff-note-overloaded", {"name": fb.name, "schema": schema})
                )
            continue
        want = rename(fa.owner)
        if want != fb.owner and plan.role_ok(want, schema):
            plan.owners.append(_routine_owner(schema, fb.name, want))
        _rights(
            plan,
            pair,
            "functions",
            name=fb.name,
            a_side=(fa.acl, fa.owner),
            b_side=(fb.acl, fb.owner),
            rename=rename,
        )
    _defaults(plan, pair, rename)


def _routine_owner(schema: str, name: str, owner: str) -> ch.ChangeSet:
    """``ALTER ROUTINE schema.name OWNER TO owner`` (a name that is not overloaded)."""
    title = f"make {owner} the owner of routine {schema}.{name}"
    stmt = sql.SQL("ALTER ROUTINE {} OWNER TO {}").format(
        sql.Identifier(schema, name), sql.Identifier(owner)
    )
    return ch.ChangeSet(title, (ch.Statement(stmt, title),))


def _rights(
    plan: _Plan,
    pair: SchemaPair,
    on: ch.GrantTarget,
    *,
    name: str | None,
    a_side: tuple[tuple[AclItem, ...], str],
    b_side: tuple[tuple[AclItem, ...], str],
    rename: Renamer,
) -> None:
    (a_acl, a_owner), (b_acl, b_owner) = a_side, b_side
    if rename.same and a_owner == b_owner and a_acl == b_acl:
        return  # the common case: nothing to change, decided without building rights
    want = rights(a_acl, a_owner, rename.mapping(a_acl))
    have = rights(b_acl, b_owner)
    if want == have:
        return
    for grantee in sorted(want.keys() | have.keys()):
        if grantee == OWNER or not plan.role_ok(grantee, pair.target):
            continue
        (wp, wg), (hp, hg) = want.get(grantee, _EMPTY), have.get(grantee, _EMPTY)
        for op, privs in (
            ("grant", wp - wg - hp),
            ("grant-option", wg - hg),
            ("revoke", hp - wp),
            ("revoke-option", (hg - wg) & wp),
        ):
            if privs:
                key = (pair.target, on, grantee, op, privs)
                plan.ops.setdefault(key, []).append(name)


def _flush(plan: _Plan) -> None:
    """One change set per (schema, kind, grantee, verb, rights): the objects that need the same
    change share one statement."""
    for (schema, on, grantee, op, privs), names in plan.ops.items():
        objects = None if names == [None] else [n for n in names if n is not None]
        b = plan.b
        try:
            if op.startswith("grant"):
                change = ch.grant_privileges(
                    b, grantee, schema, privs, on=on, objects=objects,
                    with_grant_option=op == "grant-option",
                )  # fmt: skip
            else:
                change = ch.revoke_privileges(
                    b, grantee, schema, privs, on=on, objects=objects,
                    grant_option_only=op == "revoke-option",
                )  # fmt: skip
        except ChangeSetError:
            note = Message(
                "diff-note-overloaded", {"name": ", ".join(objects or ()), "schema": schema}
            )
            plan.notes.append(note)
            continue
        plan.grants.append(change)
    plan.ops.clear()


def _defaults(plan: _Plan, pair: SchemaPair, rename: Renamer) -> None:
    want = default_rights(plan.a, pair.source, rename)
    have = default_rights(plan.b, pair.target)
    for key in sorted(want.keys() | have.keys()):
        for_role, object_type = key
        wr: Rights = want.get(key, {})
        hr: Rights = have.get(key, {})
        if wr == hr or not plan.role_ok(for_role, pair.target):
            continue
        kind: DefaultObjectType = object_type  # type: ignore[assignment]
        for grantee in sorted(wr.keys() | hr.keys()):
            if not plan.role_ok(grantee, pair.target):
                continue
            wp, hp = wr.get(grantee, _EMPTY)[0], hr.get(grantee, _EMPTY)[0]
            for builder, privs in (
                (ch.grant_default_privileges, wp - hp),
                (ch.revoke_default_privileges, hp - wp),
            ):
                if privs:
                    change = builder(
                        plan.b,
                        for_role=for_role,
                        schema=pair.target,
                        object_type=kind,
                        grantee=grantee,
                        privileges=privs,
                    )
                    plan.grants.append(change)


def _memberships(
    a: Catalog,
    b: Catalog,
    roles: dict[tuple[str, str], SchemaPair],
    done: set[tuple[str, str]],
) -> Iterator[ch.ChangeSet]:
    """GRANT / REVOKE memberships (and global default privileges) of the roles involved so that
    B's match A's; ``done``: memberships planned by earlier chunks."""
    ma, mb = Memberships.of(a), Memberships.of(b)
    for (name_a, name_b), pair in roles.items():
        if a.role(name_a) is None or b.role(name_b) is None:
            continue
        yield from global_default_changes(a, b, name_a, name_b, pair)
        rename = Renamer(pair)
        wanted: dict[tuple[str, str], list[Membership]] = {}
        for group, ms in ma.by_member.get(name_a, {}).items():
            wanted[(rename(group), name_b)] = ms
        for member, ms in ma.by_group.get(name_a, {}).items():
            wanted[(name_b, rename(member))] = ms
        held: dict[tuple[str, str], list[Membership]] = {}
        for group, ms in mb.by_member.get(name_b, {}).items():
            held[(group, name_b)] = ms
        for member, ms in mb.by_group.get(name_b, {}).items():
            held[(name_b, member)] = ms
        for key in sorted(wanted.keys() | held.keys()):
            if key in done:
                continue
            done.add(key)
            group, member = key
            if b.role(group) is None or b.role(member) is None:
                continue
            yield from _membership(b, group, member, wanted.get(key), held.get(key))


def _membership(
    b: Catalog,
    group: str,
    member: str,
    want: list[Membership] | None,
    have: list[Membership] | None,
) -> Iterator[ch.ChangeSet]:
    if not want:
        if have:
            yield ch.revoke_membership(b, group, member)
        return
    admin = any(m.admin_option for m in want)
    pg16 = b.context.membership_options
    inherit = any(m.inherit_option for m in want) if pg16 else None
    set_option = any(m.set_option for m in want) if pg16 else None
    change = ch.grant_membership(
        b, group, member, admin=admin, inherit=inherit, set_option=set_option
    )
    if not change.empty:
        yield change
