"""Effective privileges: what a role can do on a schema or object, and why.

The rules are the server's (``acl.c``: ``aclmask``, ``roles_is_member_of``; ``aclchk.c``):

- a superuser holds everything;
- a role holds a right when an ACL item of the object grants it to PUBLIC, to the role, or to a
  role whose privileges it has: membership chains ``a -> b -> c`` count only through inheriting
  grants (before PG16: every member on the chain has INHERIT; PG16+: every grant on the chain
  has INHERIT TRUE). The owner's rights are the ACL item the owner holds (the owner may revoke
  them from itself); ownership itself adds only grant options;
- the database owner is implicitly a member of ``pg_database_owner`` (PG14+);
- ``pg_read_all_data`` / ``pg_write_all_data`` (PG14+) give SELECT / INSERT, UPDATE, DELETE on
  every relation and USAGE on every schema; ``pg_maintain`` (PG17+) gives MAINTAIN.

Public API: ``RoleGraph`` (build once per catalog), ``effective_privileges``,
``schema_privileges``, ``database_privileges``, ``relation_privileges``, ``role_relation``,
``privilege_matrix`` and ``schema_holders`` (those two in ``matrix.py``).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from schemadesk.core.access.acl import AclItem
from schemadesk.core.access.models import (
    SCHEMA_PRIVILEGES,
    Catalog,
    Membership,
    ObjectKind,
    Relation,
    privileges_for,
)

ReasonKind = Literal["superuser", "owner", "direct", "public", "membership", "predefined"]
PG_DATABASE_OWNER = "pg_database_owner"


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a role holds one right.

    ``chain`` runs from the role asked about to the role the grant names (``("a",)`` for a grant
    to ``a`` itself; ``("a", "b", "c")`` when ``a`` inherits from ``b``, which inherits from
    ``c``); empty for PUBLIC and superuser.
    """

    kind: ReasonKind
    chain: tuple[str, ...] = ()
    grantor: str | None = None
    grantable: bool = False

    @property
    def text(self) -> str:
        """One plain-language line: ``via membership app → team (granted by alice)``."""
        path = " → ".join(self.chain)
        by = f" (granted by {self.grantor})" if self.grantor else ""
        if self.kind == "superuser":
            return "as superuser"
        if self.kind == "public":
            return f"via PUBLIC{by}"
        if self.kind == "owner":
            return "as owner" if len(self.chain) <= 1 else f"as owner, via membership {path}"
        if self.kind == "direct":
            return f"direct grant{by}"
        if self.kind == "predefined":
            return f"via predefined role {path}"
        return f"via membership {path}{by}"


@dataclass(frozen=True, slots=True)
class EffectivePrivilege:
    """One right on one object: held or not, and every reason it is held."""

    privilege: str
    reasons: tuple[Reason, ...]

    @property
    def held(self) -> bool:
        return bool(self.reasons)

    @property
    def grantable(self) -> bool:
        return any(r.grantable or r.kind == "superuser" for r in self.reasons)

    @property
    def text(self) -> str:
        if not self.reasons:
            return f"{self.privilege}: not held"
        return f"{self.privilege}: " + "; ".join(r.text for r in self.reasons)


@dataclass(frozen=True, slots=True)
class EffectivePrivileges:
    """Every right of ``role`` on one object (``name`` None for the schema itself; for the
    database, ``schema`` is the database's name)."""

    role: str
    kind: ObjectKind
    schema: str
    name: str | None
    privileges: tuple[EffectivePrivilege, ...]

    def get(self, privilege: str) -> EffectivePrivilege:
        for p in self.privileges:
            if p.privilege == privilege:
                return p
        raise KeyError(privilege)

    def has(self, privilege: str) -> bool:
        return self.get(privilege).held

    @property
    def held(self) -> tuple[str, ...]:
        return tuple(p.privilege for p in self.privileges if p.held)


@dataclass(frozen=True, slots=True)
class RoleRelation:
    """What ``pg_has_role(member, role, ...)`` answers, with the chain that gives it."""

    member: str
    role: str
    usage: tuple[str, ...] | None  # privileges of role (inheriting chain), None when not
    member_of: tuple[str, ...] | None  # any membership chain
    set_role: tuple[str, ...] | None  # chain of SET-able grants (PG16; always = member_of before)
    superuser: bool


class RoleGraph:
    """Membership graph of one catalog, with per-role reachability cached."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._super = {r.name for r in catalog.roles if r.superuser}
        self._edges: dict[str, list[Membership]] = {}
        for m in catalog.memberships:
            self._edges.setdefault(m.member, []).append(m)
        ctx = catalog.context
        owner = catalog.role(ctx.database_owner)
        if catalog.role(PG_DATABASE_OWNER) is not None and owner is not None:
            # Implicit membership; before PG16 only an INHERIT owner expands it for privileges.
            inherit = owner.inherit or ctx.membership_options
            implicit = Membership(PG_DATABASE_OWNER, owner.name, "", False, inherit, True)
            self._edges.setdefault(owner.name, []).append(implicit)
        self._cache: dict[tuple[str, str], dict[str, tuple[str, ...]]] = {}
        # Evaluations by (role, kind, owner, ACL, privileges): the tables of a schema mostly
        # share one owner and one ACL, so 40,000 tables are a few thousand evaluations.
        self.evaluated: dict[tuple[object, ...], tuple[EffectivePrivilege, ...]] = {}

    def is_superuser(self, role: str) -> bool:
        return role in self._super

    def memoised(self) -> int:
        """How many reachabilities and evaluations the graph holds (work it will not redo)."""
        return len(self._cache) + len(self.evaluated)

    def forget(self) -> None:
        """Let go of the memoised reachabilities and evaluations: after a whole-catalog check
        they are tens of MiB (20,000 roles' chains) that only that pass reused; a later
        question (a schema's details, a matrix cell) computes its few again."""
        self._cache = {}
        self.evaluated = {}

    def forgetting(self, per_step: int = 1000) -> Iterator[None]:
        """``forget``, the memo freed ``per_step`` entries between two yields: freed at once,
        its 60,000 entries held the window's loop 40-60 ms."""
        memos = (self._cache, self.evaluated)
        self.forget()
        for memo in memos:
            while memo:
                for _ in range(min(per_step, len(memo))):
                    memo.popitem()
                yield

    def _reach(self, role: str, mode: str) -> dict[str, tuple[str, ...]]:
        cached = self._cache.get((role, mode))
        if cached is None:
            for _ in self.reaching(role, mode, per_step=0):
                pass
            cached = self._cache[(role, mode)]
        return cached

    def reached(self, role: str, mode: str = "privs") -> bool:
        """Whether ``role``'s reach in ``mode`` is known (asking for it costs nothing)."""
        return (role, mode) in self._cache

    def reaching(self, role: str, mode: str = "privs", per_step: int = 2000) -> Iterator[None]:
        """Work out ``role``'s reach (breadth first, shortest chains), yielding after every
        ``per_step`` memberships looked at (0: never), and keep it: a role that reaches
        thousands of others took 10-47 ms in one go on the window's loop."""
        found: dict[str, tuple[str, ...]] = {role: (role,)}
        queue = deque([role])
        looked = 0
        while queue:
            current = queue.popleft()
            for m in self._edges.get(current, ()):
                looked += 1
                if per_step and looked % per_step == 0:
                    yield
                if mode == "privs" and not m.inherit_option:
                    continue
                if mode == "set" and not m.set_option:
                    continue
                if m.role not in found:
                    found[m.role] = (*found[current], m.role)
                    queue.append(m.role)
        self._cache.setdefault((role, mode), found)

    def walking_wide(self, min_edges: int = 1000, per_step: int = 2000) -> Iterator[None]:
        """``reaching`` for every role granted ``min_edges`` roles or more, in the modes a check
        asks (privileges, SET ROLE): a migrator granted every tenant's owner reaches 10,000-
        20,000 roles, and the check's step that first asked walked them all in one go."""
        wide = sorted(role for role, edges in self._edges.items() if len(edges) >= min_edges)
        for role in wide:
            for mode in ("privs", "set"):
                if not self.reached(role, mode):
                    yield from self.reaching(role, mode, per_step)
                yield

    def privilege_sources(self, role: str) -> dict[str, tuple[str, ...]]:
        """Roles whose privileges ``role`` has (itself included), each with its shortest chain."""
        return self._reach(role, "privs")

    def member_of(self, role: str) -> dict[str, tuple[str, ...]]:
        """Roles ``role`` is a member of through any chain (itself included)."""
        return self._reach(role, "member")

    def can_set(self, role: str) -> dict[str, tuple[str, ...]]:
        """Roles ``role`` may ``SET ROLE`` to (itself included)."""
        return self._reach(role, "set")


def _evaluate(
    graph: RoleGraph,
    role: str,
    *,
    kind: ObjectKind,
    owner: str,
    acl: Sequence[AclItem],
    privileges: Sequence[str],
) -> tuple[EffectivePrivilege, ...]:
    key = (role, kind, owner, tuple(acl), tuple(privileges))
    found = graph.evaluated.get(key)
    if found is None:
        found = graph.evaluated[key] = _evaluate_now(
            graph, role, kind=kind, owner=owner, acl=acl, privileges=privileges
        )
    return found


def _evaluate_now(
    graph: RoleGraph,
    role: str,
    *,
    kind: ObjectKind,
    owner: str,
    acl: Sequence[AclItem],
    privileges: Sequence[str],
) -> tuple[EffectivePrivilege, ...]:
    wanted = set(privileges)
    reasons: dict[str, list[Reason]] = {p: [] for p in privileges}
    if graph.is_superuser(role):
        for p in privileges:
            reasons[p].append(Reason("superuser"))
    sources = graph.privilege_sources(role)
    for item in acl:
        if item.is_public:
            chain: tuple[str, ...] = ()
            why: ReasonKind = "public"
        elif item.grantee in sources:
            chain = sources[item.grantee]
            if item.grantee == owner:
                why = "owner"
            else:
                why = "direct" if len(chain) == 1 else "membership"
        else:
            continue
        for p in item.privileges & wanted:
            grantable = p in item.grantable or why == "owner"
            reasons[p].append(Reason(why, chain, item.grantor, grantable))
    for predefined, rights in _predefined(kind):
        if predefined in sources:
            for p in rights & wanted:
                reasons[p].append(Reason("predefined", sources[predefined]))
    return tuple(EffectivePrivilege(p, tuple(reasons[p])) for p in privileges)


def _predefined(kind: ObjectKind) -> Iterable[tuple[str, frozenset[str]]]:
    if kind == "schema":
        usage = frozenset({"USAGE"})
        return (("pg_read_all_data", usage), ("pg_write_all_data", usage))
    if kind in ("table", "sequence"):
        return (
            ("pg_read_all_data", frozenset({"SELECT"})),
            ("pg_write_all_data", frozenset({"INSERT", "UPDATE", "DELETE"})),
            ("pg_maintain", frozenset({"MAINTAIN"})),
        )
    return ()


def schema_privileges(
    catalog: Catalog, role: str, schema: str, graph: RoleGraph | None = None
) -> EffectivePrivileges:
    """USAGE and CREATE of ``role`` on ``schema``, with reasons."""
    entry = catalog.schema(schema)
    if entry is None:
        raise KeyError(f"schema {schema!r} is not in the catalog")
    graph = graph or RoleGraph(catalog)
    privs = _evaluate(
        graph, role, kind="schema", owner=entry.owner, acl=entry.acl, privileges=SCHEMA_PRIVILEGES
    )
    return EffectivePrivileges(role, "schema", schema, None, privs)


def database_privileges(
    catalog: Catalog, role: str, graph: RoleGraph | None = None
) -> EffectivePrivileges:
    """CREATE, CONNECT and TEMPORARY of ``role`` on the catalog's database, with reasons."""
    graph = graph or RoleGraph(catalog)
    ctx = catalog.context
    privs = _evaluate(
        graph,
        role,
        kind="database",
        owner=ctx.database_owner,
        acl=ctx.database_acl,
        privileges=privileges_for("database"),
    )
    return EffectivePrivileges(role, "database", ctx.database, None, privs)


def relation_privileges(
    catalog: Catalog,
    role: str,
    relation: Relation,
    privileges: Sequence[str] | None = None,
    graph: RoleGraph | None = None,
) -> EffectivePrivileges:
    """Rights of ``role`` on a relation already at hand (all of them, or only ``privileges``)."""
    graph = graph or RoleGraph(catalog)
    kind = relation.privilege_kind
    privs = _evaluate(
        graph,
        role,
        kind=kind,
        owner=relation.owner,
        acl=relation.acl,
        privileges=privileges or privileges_for(kind, catalog.server_version_num),
    )
    return EffectivePrivileges(role, kind, relation.schema, relation.name, privs)


def effective_privileges(
    catalog: Catalog,
    role: str,
    schema: str,
    name: str | None = None,
    *,
    arguments: str | None = None,
    graph: RoleGraph | None = None,
) -> EffectivePrivileges:
    """Rights of ``role`` on a schema (``name`` None), a relation, or a function (``arguments``
    is its identity signature, needed when the name is overloaded)."""
    graph = graph or RoleGraph(catalog)
    if name is None:
        return schema_privileges(catalog, role, schema, graph)
    rel = catalog.relation(schema, name)
    if rel is not None and arguments is None:
        return relation_privileges(catalog, role, rel, graph=graph)
    for fn in catalog.functions_in(schema):
        if fn.name == name and (arguments is None or fn.arguments == arguments):
            privs = _evaluate(
                graph, role, kind="function", owner=fn.owner, acl=fn.acl, privileges=("EXECUTE",)
            )
            return EffectivePrivileges(role, "function", schema, name, privs)
    raise KeyError(f"{schema}.{name} is not in the catalog")


def role_relation(
    catalog: Catalog, member: str, role: str, graph: RoleGraph | None = None
) -> RoleRelation:
    """How ``member`` relates to ``role`` (``pg_has_role`` USAGE / MEMBER / SET), with chains."""
    graph = graph or RoleGraph(catalog)
    return RoleRelation(
        member,
        role,
        graph.privilege_sources(member).get(role),
        graph.member_of(member).get(role),
        graph.can_set(member).get(role),
        graph.is_superuser(member),
    )
