"""The privilege matrix (roles × schemas, each cell with its reasons) and who holds rights on a
schema: read from ``RoleGraph`` and the evaluation in ``effective``."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from schemadesk.core.access.acl import AclItem, parse_acl_array

# The evaluation itself, shared with effective privileges (one implementation of the rules).
from schemadesk.core.access.effective import (
    EffectivePrivilege,
    EffectivePrivileges,
    RoleGraph,
    _evaluate,
    _predefined,
    schema_privileges,
)
from schemadesk.core.access.models import (
    DML_PRIVILEGES,
    SCHEMA_PRIVILEGES,
    Catalog,
)


@dataclass(frozen=True, slots=True)
class MatrixCell:
    """One role on one schema: USAGE / CREATE with reasons, and DML coverage of its tables.

    ``coverage`` maps each DML right to how many of the schema's ``tables`` (tables, views,
    materialized views, foreign tables) the role holds it on.
    """

    role: str
    schema: str
    usage: EffectivePrivilege
    create: EffectivePrivilege
    tables: int
    coverage: tuple[tuple[str, int], ...]

    @property
    def text(self) -> str:
        """``USAGE: direct grant; CREATE: not held; SELECT 20/20, INSERT 0/20, ...``"""
        parts = [self.usage.text, self.create.text]
        if self.tables:
            parts.append(", ".join(f"{p} {n}/{self.tables}" for p, n in self.coverage))
            if not self.usage.held and any(n for _, n in self.coverage):
                parts.append("table rights are unusable without USAGE on the schema")
        return "; ".join(parts)


@dataclass(frozen=True, slots=True)
class PrivilegeMatrix:
    """Roles × schemas (rows in the order asked for)."""

    roles: tuple[str, ...]
    schemas: tuple[str, ...]
    cells: tuple[MatrixCell, ...]

    def cell(self, role: str, schema: str) -> MatrixCell:
        return self.cells[self.roles.index(role) * len(self.schemas) + self.schemas.index(schema)]


def privilege_matrix(
    catalog: Catalog,
    roles: Sequence[str] | None = None,
    schemas: Sequence[str] | None = None,
    graph: RoleGraph | None = None,
    table_groups: Mapping[str, Sequence[tuple[str, str, int]]] | None = None,
    *,
    schema_rights: Mapping[str, EffectivePrivileges] | None = None,
) -> PrivilegeMatrix:
    """The matrix for the given roles and schemas (default: non-predefined roles, user schemas).

    ``table_groups`` (per schema: owner, ACL as an ``aclitem[]`` text and number of tables)
    stands in for the catalog's relations when they were not loaded: the cells only count
    tables by owner and ACL. ``schema_rights`` (of the one role asked for, per schema: its
    ``schema_privileges``) may be worked out ahead, while the server still groups the tables.
    """
    graph = graph or RoleGraph(catalog)
    role_names = (
        tuple(roles)
        if roles is not None
        else tuple(r.name for r in catalog.roles if not r.is_predefined)
    )
    schema_names = (
        tuple(schemas)
        if schemas is not None
        else tuple(s.name for s in catalog.schemas if not s.is_system)
    )
    cells: list[MatrixCell] = []
    for role in role_names:
        # What the role holds on a table depends only on its owner and ACL, and the loader
        # shares one ACL tuple between the tables that have the same text: each (owner, ACL)
        # is looked up once per role, by identity (hashing every table's ACL items was most
        # of a 10,000-schema row).
        held_of: dict[tuple[str, int], tuple[str, ...]] = {}
        table_rights = _TableRights(graph, role)
        for schema in schema_names:
            found = schema_rights.get(schema) if schema_rights is not None else None
            sp = found if found is not None else schema_privileges(catalog, role, schema, graph)
            # Counted only where a table grants something (of 10,000 tenant schemas, nearly
            # none for one role): the others share one tuple of zeros.
            counts: dict[str, int] | None = None
            tables = 0
            if table_groups is None:
                for owner, acl, n in _groups_of(catalog, schema):
                    tables += n
                    key = (owner, id(acl))
                    held = held_of.get(key)
                    if held is None:
                        held = held_of[key] = table_rights.held(owner, acl)
                    if held:
                        counts = counts or dict.fromkeys(DML_PRIVILEGES, 0)
                        for privilege in held:
                            counts[privilege] += n
            else:
                for owner, text, n in table_groups.get(schema, ()):
                    tables += n
                    held = table_rights.held_text(owner, text)
                    if held:
                        counts = counts or dict.fromkeys(DML_PRIVILEGES, 0)
                        for privilege in held:
                            counts[privilege] += n
            cells.append(
                MatrixCell(
                    role,
                    schema,
                    sp.get("USAGE"),
                    sp.get("CREATE"),
                    tables,
                    _NONE_HELD if counts is None else tuple(counts.items()),
                )
            )
    return PrivilegeMatrix(role_names, schema_names, tuple(cells))


# Where an item of PUBLIC (an empty grantee) begins in an array's text, its element quoted or
# not; a quoted name holding one of these only costs a parse.
_PUBLIC_ITEM = ("{=", ",=", '{"=', ',"=')
_NEEDLES_MOST = 16
_NONE_HELD = tuple((privilege, 0) for privilege in DML_PRIVILEGES)


class _TableRights:
    """The DML rights ``role`` holds on a table of an owner and ACL: ``_evaluate``'s answer
    without its reasons (which the matrix does not show), for the few kinds of role the rules
    tell apart at a glance, else ``_evaluate`` itself. 10,000 tenant schemas' tables have
    10,000 ACLs, nearly none of them granting the role anything: evaluating each, reasons and
    memo keys made, was a third of ``privileges --role R``'s matrix."""

    def __init__(self, graph: RoleGraph, role: str) -> None:
        self._graph = graph
        self._role = role
        self._sources = graph.privilege_sources(role)
        # A superuser or a holder of a predefined data role: ``_evaluate`` says why.
        self._plain = not graph.is_superuser(role) and not any(
            name in self._sources for name, _ in _predefined("table")
        )
        # A plain role's names as an ACL's text spells them: a name without '"' or '\\' is
        # written as it is, quoted or not, in its item and in the array around it. A few names
        # only (a role in thousands of roles looks each ACL up parsed).
        self._may_grant: re.Pattern[str] | None = None
        sources = self._sources
        if (
            self._plain
            and len(sources) <= _NEEDLES_MOST
            and not any('"' in name or "\\" in name for name in sources)
        ):
            needles = sorted((*sources, *_PUBLIC_ITEM), key=len, reverse=True)
            self._may_grant = re.compile("|".join(map(re.escape, needles)))

    def held_text(self, owner: str, text: str) -> tuple[str, ...]:
        """``held`` of an ACL given as its ``aclitem[]`` text: parsed only when it may grant the
        role something (an item of PUBLIC, or a text naming one of the role's sources)."""
        may_grant = self._may_grant
        if may_grant is not None and may_grant.search(text) is None:
            return ()
        return self.held(owner, parse_acl_array(text))

    def held(self, owner: str, acl: tuple[AclItem, ...]) -> tuple[str, ...]:
        if self._plain:
            # Held through an ACL item of PUBLIC or of a role whose privileges ``role`` has
            # (the owner's own item included): as ``_evaluate`` with nothing else to add.
            sources = self._sources
            rights: set[str] = set()
            for item in acl:
                if item.is_public or item.grantee in sources:
                    rights |= item.privileges
            return tuple(p for p in DML_PRIVILEGES if p in rights) if rights else ()
        return tuple(
            ep.privilege
            for ep in _evaluate(
                self._graph,
                self._role,
                kind="table",
                owner=owner,
                acl=acl,
                privileges=DML_PRIVILEGES,
            )
            if ep.held
        )


def _groups_of(catalog: Catalog, schema: str) -> Iterable[tuple[str, tuple[AclItem, ...], int]]:
    """Each table of a loaded catalog's schema as a group of one."""
    return (
        (r.owner, r.acl, 1) for r in catalog.relations_in(schema) if r.privilege_kind == "table"
    )


def schema_holders(
    catalog: Catalog, schema: str, graph: RoleGraph | None = None
) -> Iterator[MatrixCell]:
    """The cell of every non-predefined role that holds anything on ``schema`` (USAGE, CREATE
    or a DML right on one of its tables), role by role.

    Only the roles that could hold something are evaluated: superusers, and roles whose
    privileges reach a grantee of the schema's or its tables' ACLs or a predefined role that
    grants data rights (every role when PUBLIC is granted anything there). With thousands of
    roles that is a handful, not all of them.
    """
    graph = graph or RoleGraph(catalog)
    anchors, everyone = _grantees(catalog, schema)
    for role in catalog.roles:
        if role.is_predefined:
            continue
        name = role.name
        if not (
            everyone
            or graph.is_superuser(name)
            or not anchors.isdisjoint(graph.privilege_sources(name))
        ):
            continue
        cell = privilege_matrix(catalog, [name], [schema], graph).cells[0]
        if cell.usage.held or cell.create.held or any(n for _, n in cell.coverage):
            yield cell


def _grantees(catalog: Catalog, schema: str) -> tuple[set[str], bool]:
    """Who is granted a right that a schema's matrix cell counts, and whether PUBLIC is."""
    entry = catalog.schema(schema)
    items: list[tuple[AclItem, Sequence[str]]] = []
    if entry is not None:
        items += [(item, SCHEMA_PRIVILEGES) for item in entry.acl]
    for rel in catalog.relations_in(schema):
        if rel.privilege_kind == "table":
            items += [(item, DML_PRIVILEGES) for item in rel.acl]
    anchors = {name for kind in ("schema", "table") for name, _ in _predefined(kind)}
    everyone = False
    for item, counted in items:
        if item.privileges.isdisjoint(counted):
            continue
        if item.is_public:
            everyone = True
        else:
            anchors.add(item.grantee)
    return anchors, everyone
