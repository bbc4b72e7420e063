"""The role convention of a schema-per-service database, its checks and its provisioning.

For a schema ``s`` (names configurable, see ``Convention``): ``s_owner`` owns the schema and
every object in it, and may CREATE in the database (Alembic's first revision runs ``CREATE
SCHEMA IF NOT EXISTS`` as it); ``migrator`` can act as ``s_owner`` (member with SET, and
INHERIT); ``s_rw`` has USAGE on the schema and exactly SELECT, INSERT, UPDATE, DELETE on its
tables and USAGE, SELECT on its sequences, no DDL; the owner's default privileges give ``s_rw``
the same on future objects; ``s_rw`` sessions carry ``statement_timeout`` and
``idle_in_transaction_session_timeout``; PUBLIC holds nothing on the schema or its tables and
sequences.

Public API: ``Convention`` (``Convention.from_toml(path)`` reads ``[conventions]`` of
``schemadesk.toml``), ``Finding``, ``check_conventions(catalog, convention, schemas=None)``,
``fix_findings(findings)`` and ``provision_schema(catalog, schema, convention)``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from functools import partial

from schemadesk.core.access.acl import AclItem
from schemadesk.core.access.changes import (
    ChangeSet,
    ExpectRole,
    ExpectSchemaOwner,
    create_role,
    create_schema,
    grant_membership,
    grant_privileges,
    set_object_owner,
    set_schema_owner,
)
from schemadesk.core.access.convention_model import (
    Convention,
    Finding,
    Severity,
    dedupe,
    duration_ms,
    fix_findings,
)
from schemadesk.core.access.convention_rw import (
    check_public,
    check_rw,
    rw_setup,
    with_role,
)
from schemadesk.core.access.convention_scan import scan_relations
from schemadesk.core.access.effective import RoleGraph, database_privileges
from schemadesk.core.access.models import Catalog, Relation, Schema
from schemadesk.core.access.owner_changes import set_routine_owner, set_type_owner
from schemadesk.core.citus import CitusSchema
from schemadesk.core.citus_changes import SHARD_NEW_SCHEMAS
from schemadesk.core.citus_checks import (
    default_privileges_note,
    node_findings,
    owner_login_finding,
)
from schemadesk.core.errors import ConfigError
from schemadesk.core.long_lived import building_long_lived
from schemadesk.core.messages_config import say

__all__ = [
    "Convention",
    "Finding",
    "Severity",
    "check_conventions",
    "check_nodes",
    "checked_schemas",
    "duration_ms",
    "fix_findings",
    "iter_findings",
    "provision_schema",
    "refuse_managed",
]


def check_conventions(
    catalog: Catalog,
    convention: Convention | None = None,
    schemas: Sequence[str] | None = None,
    graph: RoleGraph | None = None,
) -> tuple[Finding, ...]:
    """Findings for the given schemas (default: every schema the convention applies to)."""
    # The findings are kept (printed, shown, fixed) like the catalog: built as long-lived data,
    # so that the collector does not rescan a 10,000-schema catalog every few thousand findings.
    with building_long_lived():
        return tuple(iter_findings(catalog, convention, schemas, graph))


def iter_findings(
    catalog: Catalog,
    convention: Convention | None = None,
    schemas: Sequence[str] | None = None,
    graph: RoleGraph | None = None,
) -> Iterator[Finding]:
    """``check_conventions`` one finding at a time, each schema checked only when reached.

    Between two findings lies at most one schema's work (well under a millisecond), so a caller
    on an event loop can pause anywhere and stay responsive. Unknown schema names are refused
    before any is checked. System schemas and extensions' schemas are never checked, even when
    named: a fix such as ``ALTER SCHEMA citus OWNER TO citus_owner`` would break the extension.
    """
    conv = convention or Convention()
    graph = graph or RoleGraph(catalog)
    if schemas is None:  # filtered as reached: 10,000 pattern matches at once froze the window
        return _findings_of(
            catalog, conv, graph, (s for s in catalog.schemas if conv.applies_to(s))
        )
    return _findings_of(catalog, conv, graph, _chosen(catalog, conv, schemas))


def checked_schemas(
    catalog: Catalog, convention: Convention | None, schemas: Sequence[str] | None
) -> list[str]:
    """The names ``check_conventions`` checks, in its order (unknown names refused)."""
    return [s.name for s in _chosen(catalog, convention or Convention(), schemas)]


def _chosen(catalog: Catalog, conv: Convention, schemas: Sequence[str] | None) -> list[Schema]:
    if schemas is None:
        return [s for s in catalog.schemas if conv.applies_to(s)]
    chosen = []
    for name in schemas:
        entry = catalog.schema(name)
        if entry is None:
            raise ConfigError(say("change-no-schema", schema=repr(name)))
        if not entry.is_managed:
            chosen.append(entry)
    return chosen


def check_nodes(
    catalog: Catalog,
    nodes: Mapping[str, Catalog | str],
    convention: Convention | None = None,
    schemas: Sequence[str] | None = None,
) -> tuple[Finding, ...]:
    """On a Citus coordinator: how the nodes holding the checked schemas differ from it.

    ``nodes`` maps ``host:port`` to that node's catalog (or why it could not be read).
    """
    conv = convention or Convention()
    graphs: dict[int, RoleGraph] = {}

    def check(on: Catalog, cv: Convention, schema: Schema) -> Iterable[Finding]:
        graph = graphs.setdefault(id(on), RoleGraph(on))
        return _check_schema(on, cv, graph, schema)

    chosen = _chosen(catalog, conv, schemas)
    return tuple(node_findings(catalog, nodes, conv, chosen, check))


def _findings_of(
    catalog: Catalog, conv: Convention, graph: RoleGraph, chosen: Iterable[Schema]
) -> Iterator[Finding]:
    checked = []
    for schema in chosen:
        checked.append(schema)
        yield from _check_schema(catalog, conv, graph, schema)
    yield from default_privileges_note(catalog, checked)  # once, on a Citus cluster only


def _check_schema(
    catalog: Catalog, conv: Convention, graph: RoleGraph, schema: Schema
) -> Iterable[Finding]:
    s = schema.name
    owner, rw, migrator = conv.owner_for(s), conv.rw_for(s), conv.migrator_role
    relations = catalog.user_relations_in(s)

    # The owner role.
    if catalog.role(owner) is None:
        # Joined in one pass (``a + b + ...`` copied the growing set once per object).
        fix = ChangeSet.joined(
            create_role(owner),
            set_schema_owner(s, owner),
            *(set_object_owner(r, owner) for r in relations if r.owned_by is None),
            *(
                c
                for f in catalog.user_functions_in(s)
                if (c := set_routine_owner(catalog, f, owner))
            ),
            *(set_type_owner(kind, owner) for kind in catalog.types_in(s)),
        )
        yield Finding.said(s, "owner-missing", "error", fix, owner=owner)
    else:
        if schema.owner != owner:
            yield Finding.said(
                s,
                "schema-owner",
                "error",
                partial(set_schema_owner, s, owner),
                actual=schema.owner,
                owner=owner,
            )
        foreign = [r for r in relations if r.owner != owner]
        routines = [f for f in catalog.user_functions_in(s) if f.owner != owner]
        types = [t for t in catalog.types_in(s) if t.owner != owner]
        if foreign or routines or types:
            n = len(foreign) + len(routines) + len(types)
            fixes = [set_object_owner(r, owner) for r in _alterable(catalog, foreign)]
            fixes += [c for f in routines if (c := set_routine_owner(catalog, f, owner))]
            fixes += [set_type_owner(t, owner) for t in types]
            yield Finding.said(
                s,
                "object-owner",
                "warning",
                ChangeSet.combine(f"make {owner} the owner of every object in {s}", fixes),
                (
                    *(f"{r.name} ({r.owner})" for r in foreign),
                    *(f"{f.name}({f.arguments}) ({f.owner})" for f in routines),
                    *(f"{t.name} ({t.owner})" for t in types),
                ),
                n=n,
                owner=owner,
            )

        if conv.owner_database_create and not database_privileges(catalog, owner, graph).has(
            "CREATE"
        ):
            database = catalog.context.database
            yield Finding.said(
                s,
                "owner-database-create",
                "warning",
                partial(_database_create, catalog, owner, database),
                owner=owner,
                database=database,
            )

    # migrator acts as the owner.
    if catalog.role(migrator) is None:
        yield Finding.said(
            s,
            "migrator-missing",
            "error",
            partial(_create_migrator, catalog, owner, migrator),
            migrator=migrator,
            owner=owner,
        )
    elif catalog.role(owner) is not None and not _acts_as(graph, migrator, owner):
        yield Finding.said(
            s,
            "migrator-cannot-act",
            "error",
            partial(_migrator_grant, catalog, owner, migrator),
            migrator=migrator,
            owner=owner,
        )

    # The application role.
    rw_role = catalog.role(rw)
    scan = scan_relations(catalog, graph, conv, s, None if rw_role is None else rw)
    if rw_role is None:
        fix = ChangeSet.combine(f"create {rw}", rw_setup(catalog, conv, s, rw, owner, create=True))
        yield Finding.said(s, "rw-missing", "error", fix, rw=rw)
    else:
        yield from check_rw(catalog, conv, graph, schema, scan, rw=rw_role, owner=owner)

    # PUBLIC.
    yield from check_public(catalog, conv, schema, scan)

    # On a Citus cluster: the owner must log in to the nodes.
    yield from owner_login_finding(catalog, conv, schema)


def _alterable(catalog: Catalog, foreign: list[Relation]) -> list[Relation]:
    """The relations to ALTER ... OWNER: a serial / identity sequence follows its table."""
    out = []
    for rel in foreign:
        if rel.owned_by is None:
            out.append(rel)
            continue
        table = catalog.relation(rel.schema, rel.owned_by)
        if table is not None and table not in foreign and table not in out:
            out.append(table)  # re-owning the table re-owns its sequences
    return out


def _acts_as(graph: RoleGraph, member: str, role: str) -> bool:
    return role in graph.privilege_sources(member) and role in graph.can_set(member)


def _database_create(catalog: Catalog, owner: str, database: str) -> ChangeSet:
    return grant_privileges(catalog, owner, database, ["CREATE"], on="database")


def _create_migrator(catalog: Catalog, owner: str, migrator: str) -> ChangeSet:
    return create_role(migrator) + _migrator_grant(catalog, owner, migrator)


def _migrator_grant(catalog: Catalog, owner: str, migrator: str) -> ChangeSet:
    pg16 = catalog.context.membership_options
    return grant_membership(
        catalog, owner, migrator, inherit=True if pg16 else None, set_option=True if pg16 else None
    )


def _with_schema_owner(catalog: Catalog, schema: str, owner: str) -> Catalog:
    entry = catalog.schema(schema)
    if entry is None:
        new = Schema(
            schema,
            owner,
            0,
            0,
            0,
            0,
            0,
            None,
            (AclItem(owner, owner, frozenset({"USAGE", "CREATE"})),),
            True,
            True,
            citus=None if catalog.citus is None else CitusSchema(True, None, (), None),
        )
        return replace(catalog, schemas=(*catalog.schemas, new))
    old = entry.owner

    def swap(item: AclItem) -> AclItem:
        return AclItem(
            owner if item.grantee == old else item.grantee,
            owner if item.grantor == old else item.grantor,
            item.privileges,
            item.grantable,
        )

    changed = replace(entry, owner=owner, acl=tuple(swap(i) for i in entry.acl))
    return replace(
        catalog, schemas=tuple(changed if s.name == schema else s for s in catalog.schemas)
    )


def refuse_managed(catalog: Catalog, schema: str) -> None:
    """Raise ``ConfigError`` when ``schema`` is a system schema or belongs to an extension."""
    entry = catalog.schema(schema)
    probe = entry or Schema(schema, "", 0, 0, 0, 0, 0, None, (), True, True)
    if probe.extension is not None:
        extension = repr(probe.extension)
        raise ConfigError(say("provision-extension", schema=repr(schema), extension=extension))
    if probe.is_system:
        raise ConfigError(say("provision-system", schema=repr(schema)))


def provision_schema(
    catalog: Catalog, schema: str, convention: Convention | None = None
) -> ChangeSet:
    """Everything schema ``schema`` needs to meet the convention: missing roles, the schema
    (``CREATE SCHEMA ... AUTHORIZATION``), ownership, grants, default privileges, timeouts.

    Only what is missing is emitted; an already conforming schema gives an empty change set.
    """
    conv = convention or Convention()
    refuse_managed(catalog, schema)
    owner, rw, migrator = conv.owner_for(schema), conv.rw_for(schema), conv.migrator_role
    parts: list[ChangeSet] = []
    predicted = catalog
    # On a Citus coordinator the owner must log in: Citus runs its DDL on the nodes as it.
    owner_login = catalog.citus is not None
    for name, login in ((owner, owner_login), (migrator, False), (rw, conv.rw_login)):
        if predicted.role(name) is None:
            parts.append(create_role(name, login=login))
            predicted = with_role(predicted, name, login=login)
    entry = predicted.schema(schema)
    if entry is None:
        if catalog.citus is not None:  # a new schema on a coordinator is a tenant
            parts.append(ChangeSet("distributed schema", (SHARD_NEW_SCHEMAS,)))
        parts.append(create_schema(schema, owner))
    elif entry.owner != owner:
        parts.append(set_schema_owner(schema, owner))
    predicted = _with_schema_owner(predicted, schema, owner)
    findings = check_conventions(predicted, conv, [schema])
    parts.extend(f.fix for f in findings)
    change = dedupe(f"provision schema {schema}", parts)
    base = (
        ExpectRole(owner),
        ExpectRole(migrator),
        ExpectRole(rw),
        ExpectSchemaOwner(schema, owner),
    )
    return ChangeSet(
        change.title,
        change.statements,
        base + tuple(e for e in change.expectations if e not in base),
    )
