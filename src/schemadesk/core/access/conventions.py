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

import fnmatch
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from psycopg import sql

from schemadesk.core.access.acl import PUBLIC, AclItem
from schemadesk.core.access.changes import (
    ChangeSet,
    ExpectRole,
    ExpectSchemaOwner,
    Statement,
    create_role,
    create_schema,
    grant_default_privileges,
    grant_membership,
    grant_privileges,
    revoke_membership,
    revoke_privileges,
    set_object_owner,
    set_role_setting,
    set_schema_owner,
)
from schemadesk.core.access.effective import (
    RoleGraph,
    database_privileges,
    relation_privileges,
    schema_privileges,
)
from schemadesk.core.access.models import (
    DML_PRIVILEGES,
    Catalog,
    Relation,
    Role,
    Schema,
    privileges_for,
)
from schemadesk.core.errors import ConfigError
from schemadesk.core.toml_file import read_toml

Severity = Literal["error", "warning", "info"]
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(us|ms|s|min|h|d)?\s*$")
_UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "min": 60000.0, "h": 3600000.0, "d": 86400000.0}


@dataclass(frozen=True, slots=True)
class Convention:
    """The checked convention; ``{schema}`` in a role pattern is the schema's name."""

    owner_role: str = "{schema}_owner"
    rw_role: str = "{schema}_rw"
    migrator_role: str = "migrator"
    rw_table_privileges: tuple[str, ...] = DML_PRIVILEGES
    rw_sequence_privileges: tuple[str, ...] = ("USAGE", "SELECT")
    rw_settings: tuple[tuple[str, str], ...] = (
        ("statement_timeout", "5s"),
        ("idle_in_transaction_session_timeout", "10s"),
    )
    rw_login: bool = False
    owner_database_create: bool = True
    public_schema_privileges: tuple[str, ...] = ()
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ("public",)

    def owner_for(self, schema: str) -> str:
        return self.owner_role.replace("{schema}", schema)

    def rw_for(self, schema: str) -> str:
        return self.rw_role.replace("{schema}", schema)

    def applies_to(self, schema: Schema) -> bool:
        if schema.is_system:
            return False
        if self.include and not any(fnmatch.fnmatchcase(schema.name, p) for p in self.include):
            return False
        return not any(fnmatch.fnmatchcase(schema.name, p) for p in self.exclude)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], source: str = "[conventions]") -> Convention:
        """Build from the ``[conventions]`` table; unknown keys are an error naming the key."""
        known = set(cls.__dataclass_fields__)
        values: dict[str, Any] = {}
        for key, value in data.items():
            if key not in known:
                raise ConfigError(
                    f"{source}: unknown key {key!r} (known: {', '.join(sorted(known))})"
                )
            if key == "rw_settings":
                if not isinstance(value, Mapping):
                    raise ConfigError(f"{source}: rw_settings must be a table of name = value")
                values[key] = tuple((str(k), str(v)) for k, v in value.items())
            elif key in ("owner_role", "rw_role", "migrator_role"):
                if not isinstance(value, str) or not value:
                    raise ConfigError(f"{source}: {key} must be a non-empty string")
                values[key] = value
            elif key in ("rw_login", "owner_database_create"):
                if not isinstance(value, bool):
                    raise ConfigError(f"{source}: {key} must be true or false")
                values[key] = value
            else:
                if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                    raise ConfigError(f"{source}: {key} must be a list of strings")
                values[key] = tuple(v.upper() if key.endswith("privileges") else v for v in value)
        conv = cls(**values)
        for key, kind in (
            ("rw_table_privileges", "table"),
            ("rw_sequence_privileges", "sequence"),
            ("public_schema_privileges", "schema"),
        ):
            allowed = privileges_for(kind, 170000)  # type: ignore[arg-type]
            for p in getattr(conv, key):
                if p not in allowed:
                    raise ConfigError(f"{source}: {key}: {p!r} is not a {kind} privilege")
        return conv

    @classmethod
    def from_toml(cls, path: Path) -> Convention:
        """``[conventions]`` of a ``schemadesk.toml``; defaults when the file or table is absent."""
        data = read_toml(path)
        if data is None:
            return cls()
        table = data.get("conventions", {})
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: [conventions] must be a table")
        return cls.from_mapping(table, f"{path} [conventions]")


@dataclass(frozen=True, slots=True)
class Finding:
    """One way a schema departs from the convention, and the change that fixes it."""

    schema: str
    code: str
    severity: Severity
    title: str
    explanation: str
    fix: ChangeSet
    objects: tuple[str, ...] = field(default=())

    def as_record(self) -> dict[str, Any]:
        """The finding as JSON data, without its fix (callers add the fix SQL their way)."""
        return {
            "schema": self.schema,
            "code": self.code,
            "severity": self.severity,
            "title": self.title,
            "explanation": self.explanation,
            "objects": list(self.objects),
        }


def duration_ms(value: str) -> float | None:
    """A PostgreSQL duration in milliseconds (bare numbers are milliseconds), None if not one."""
    match = _DURATION.match(value)
    if not match:
        return None
    return float(match.group(1)) * _UNIT_MS[match.group(2) or "ms"]


def _same_setting(actual: str | None, wanted: str) -> bool:
    if actual is None:
        return False
    a, w = duration_ms(actual), duration_ms(wanted)
    return a == w if a is not None and w is not None else actual.strip() == wanted.strip()


def _dedupe(title: str, parts: Iterable[ChangeSet]) -> ChangeSet:
    seen: set[str] = set()
    statements: list[Statement] = []
    expectations: list[Any] = []
    for part in parts:
        for st in part.statements:
            key = st.render()
            if key in ("RESET ROLE",) or key.startswith("SET ROLE ") or key not in seen:
                seen.add(key)
                statements.append(st)
        for e in part.expectations:
            if e not in expectations:
                expectations.append(e)
    return ChangeSet(title, tuple(statements), tuple(expectations))


def fix_findings(findings: Iterable[Finding], title: str = "fix convention findings") -> ChangeSet:
    """One change set fixing every finding given, without repeated statements."""
    return _dedupe(title, (f.fix for f in findings))


def check_conventions(
    catalog: Catalog,
    convention: Convention | None = None,
    schemas: Sequence[str] | None = None,
    graph: RoleGraph | None = None,
) -> tuple[Finding, ...]:
    """Findings for the given schemas (default: every schema the convention applies to)."""
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
    before any is checked.
    """
    conv = convention or Convention()
    graph = graph or RoleGraph(catalog)
    if schemas is None:
        chosen = [s for s in catalog.schemas if conv.applies_to(s)]
    else:
        chosen = []
        for name in schemas:
            entry = catalog.schema(name)
            if entry is None:
                raise ConfigError(f"schema {name!r} does not exist")
            chosen.append(entry)
    return _findings_of(catalog, conv, graph, chosen)


def _findings_of(
    catalog: Catalog, conv: Convention, graph: RoleGraph, chosen: Sequence[Schema]
) -> Iterator[Finding]:
    for schema in chosen:
        yield from _check_schema(catalog, conv, graph, schema)


def _check_schema(
    catalog: Catalog, conv: Convention, graph: RoleGraph, schema: Schema
) -> Iterable[Finding]:
    s = schema.name
    owner, rw, migrator = conv.owner_for(s), conv.rw_for(s), conv.migrator_role
    relations = catalog.relations_in(s)

    # The owner role.
    if catalog.role(owner) is None:
        fix = create_role(owner) + set_schema_owner(s, owner)
        for rel in relations:
            if rel.owned_by is None:  # a table's sequences follow it
                fix = fix + set_object_owner(rel, owner)
        yield Finding(
            s,
            "owner-missing",
            "error",
            f"owner role {owner} does not exist",
            f"By the convention, role {owner} owns schema {s} and everything in it and runs its "
            "migrations; it does not exist.",
            fix,
        )
    else:
        if schema.owner != owner:
            yield Finding(
                s,
                "schema-owner",
                "error",
                f"schema {s} is owned by {schema.owner}, not {owner}",
                f"The schema should belong to {owner}, the role that runs its migrations.",
                set_schema_owner(s, owner),
            )
        foreign = [r for r in relations if r.owner != owner]
        if foreign:
            yield Finding(
                s,
                "object-owner",
                "warning",
                f"{len(foreign)} object(s) in {s} not owned by {owner}",
                f"Objects created by other roles cannot be altered by {owner}'s migrations and do "
                f"not get {owner}'s default privileges.",
                ChangeSet.combine(
                    f"make {owner} the owner of every object in {s}",
                    (set_object_owner(r, owner) for r in _alterable(catalog, foreign)),
                ),
                tuple(f"{r.name} ({r.owner})" for r in foreign),
            )

        if conv.owner_database_create and not database_privileges(catalog, owner, graph).has(
            "CREATE"
        ):
            database = catalog.context.database
            yield Finding(
                s,
                "owner-database-create",
                "warning",
                f"{owner} cannot CREATE in database {database}",
                f"The first migration of a schema runs CREATE SCHEMA IF NOT EXISTS as {owner}; "
                "PostgreSQL checks CREATE on the database even when the schema exists, so that "
                "migration fails.",
                grant_privileges(catalog, owner, database, ["CREATE"], on="database"),
            )

    # migrator acts as the owner.
    if catalog.role(migrator) is None:
        yield Finding(
            s,
            "migrator-missing",
            "error",
            f"role {migrator} does not exist",
            f"Migrations run as {migrator}, which acts as {owner}; it does not exist.",
            create_role(migrator) + _migrator_grant(catalog, owner, migrator),
        )
    elif catalog.role(owner) is not None and not _acts_as(graph, migrator, owner):
        yield Finding(
            s,
            "migrator-cannot-act",
            "error",
            f"{migrator} cannot act as {owner}",
            f"{migrator} must be a member of {owner} that inherits its rights and may SET ROLE "
            f"to it, so that migrations can change {s}'s structure and new objects belong to "
            f"{owner}.",
            _migrator_grant(catalog, owner, migrator),
        )

    # The application role.
    rw_role = catalog.role(rw)
    if rw_role is None:
        fix = ChangeSet.combine(f"create {rw}", _rw_setup(catalog, conv, s, rw, owner, create=True))
        yield Finding(
            s,
            "rw-missing",
            "error",
            f"application role {rw} does not exist",
            f"By the convention, the service uses {rw}: data rights only, with session timeouts.",
            fix,
        )
    else:
        yield from _check_rw(catalog, conv, graph, schema, rw=rw_role, owner=owner)

    # PUBLIC.
    yield from _check_public(catalog, conv, schema)


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


def _migrator_grant(catalog: Catalog, owner: str, migrator: str) -> ChangeSet:
    pg16 = catalog.context.membership_options
    return grant_membership(
        catalog, owner, migrator, inherit=True if pg16 else None, set_option=True if pg16 else None
    )


def _rw_setup(
    catalog: Catalog, conv: Convention, s: str, rw: str, owner: str, *, create: bool
) -> Iterable[ChangeSet]:
    if create:
        yield create_role(rw, login=conv.rw_login)
        catalog = _with_role(catalog, rw)
    yield grant_privileges(catalog, rw, s, ["USAGE"])
    if any(r.privilege_kind == "table" for r in catalog.relations_in(s)):
        yield grant_privileges(catalog, rw, s, conv.rw_table_privileges, on="tables")
    if any(r.privilege_kind == "sequence" for r in catalog.relations_in(s)):
        yield grant_privileges(catalog, rw, s, conv.rw_sequence_privileges, on="sequences")
    yield _rw_defaults(catalog, conv, s, rw, owner)
    for name, value in conv.rw_settings:
        yield set_role_setting(catalog, rw, name, value)


def _rw_defaults(catalog: Catalog, conv: Convention, s: str, rw: str, owner: str) -> ChangeSet:
    parts = []
    for object_type, wanted in (
        ("tables", conv.rw_table_privileges),
        ("sequences", conv.rw_sequence_privileges),
    ):
        have = _default_coverage(catalog, owner, s, object_type, rw)
        if wanted and not set(wanted) <= have:
            parts.append(
                grant_default_privileges(
                    catalog,
                    for_role=owner,
                    schema=s,
                    object_type=object_type,  # type: ignore[arg-type]
                    grantee=rw,
                    privileges=wanted,
                )
            )
    return ChangeSet.combine(f"default privileges of {owner} in {s} for {rw}", parts)


def _default_coverage(
    catalog: Catalog, owner: str, s: str, object_type: str, grantee: str
) -> set[str]:
    """Rights new objects of ``owner`` in ``s`` give ``grantee``: global entry plus schema entry."""
    out: set[str] = set()
    for where in (None, s):
        for d in catalog.defaults_for(owner, where, object_type):
            for item in d.acl:
                if item.grantee == grantee:
                    out |= item.privileges
    return out


def _check_rw(
    catalog: Catalog, conv: Convention, graph: RoleGraph, schema: Schema, *, rw: Role, owner: str
) -> Iterable[Finding]:
    s = schema.name
    sp = schema_privileges(catalog, rw.name, s, graph)
    if not sp.has("USAGE"):
        yield Finding(
            s,
            "rw-usage",
            "error",
            f"{rw.name} has no USAGE on schema {s}",
            f"Without USAGE on the schema, {rw.name} cannot reach any table in it, whatever its "
            "table rights.",
            grant_privileges(catalog, rw.name, s, ["USAGE"]),
        )

    # No DDL: no CREATE on the schema, no rights of the owner, no superuser.
    ddl_fixes: list[ChangeSet] = []
    reasons: list[str] = []
    for reason in sp.get("CREATE").reasons:
        if reason.kind == "public":
            continue  # the PUBLIC check reports it
        reasons.append(f"CREATE on the schema {reason.text}")
        if reason.kind == "direct":
            ddl_fixes.append(revoke_privileges(catalog, rw.name, s, ["CREATE"]))
        elif len(reason.chain) > 1:
            ddl_fixes.append(revoke_membership(catalog, reason.chain[1], rw.name))
        elif reason.kind == "superuser":
            ddl_fixes.append(_nosuperuser(rw.name))
    owner_chain = graph.privilege_sources(rw.name).get(owner)
    if owner_chain is not None and owner != rw.name:
        reasons.append(f"has the rights of {owner} via {' → '.join(owner_chain)}")
        ddl_fixes.append(revoke_membership(catalog, owner_chain[1], rw.name))
    if reasons:
        yield Finding(
            s,
            "rw-ddl",
            "error",
            f"{rw.name} can change the structure of {s}",
            f"The application role must not run DDL: {'; '.join(reasons)}.",
            _dedupe(f"take DDL rights in {s} away from {rw.name}", ddl_fixes),
        )

    yield from _check_rw_objects(
        catalog, graph, s=s, rw=rw.name, kind="table", wanted=conv.rw_table_privileges
    )
    yield from _check_rw_objects(
        catalog, graph, s=s, rw=rw.name, kind="sequence", wanted=conv.rw_sequence_privileges
    )

    missing_defaults = _rw_defaults(catalog, conv, s, rw.name, owner)
    if not missing_defaults.empty:
        yield Finding(
            s,
            "rw-default-privileges",
            "error",
            f"new tables or sequences in {s} will not be usable by {rw.name}",
            f"Default privileges of {owner} in {s} must give {rw.name} "
            f"{', '.join(conv.rw_table_privileges)} on new tables and "
            f"{', '.join(conv.rw_sequence_privileges)} on new sequences, or every migration has "
            "to remember its grants.",
            missing_defaults,
        )

    wrong = []
    fixes = []
    database = catalog.context.database
    for name, value in conv.rw_settings:
        actual = rw.setting(name, database)
        if not _same_setting(actual, value):
            wrong.append(f"{name} = {actual if actual is not None else '(not set)'}")
            per_db = any(x.name == name and x.database == database for x in rw.settings)
            fixes.append(
                set_role_setting(
                    catalog, rw.name, name, value, database=database if per_db else None
                )
            )
    if wrong:
        wanted = ", ".join(f"{n} = {v}" for n, v in conv.rw_settings)
        yield Finding(
            s,
            "rw-settings",
            "warning",
            f"{rw.name} sessions lack the convention's timeouts",
            f"Application sessions should run with {wanted}, so that a stuck query or an idle "
            f"open transaction cannot hold locks and pool connections; now {'; '.join(wrong)}.",
            ChangeSet.combine(f"set {rw.name}'s session timeouts", fixes),
            tuple(wrong),
        )


def _check_rw_objects(
    catalog: Catalog,
    graph: RoleGraph,
    *,
    s: str,
    rw: str,
    kind: Literal["table", "sequence"],
    wanted: Sequence[str],
) -> Iterable[Finding]:
    on: Literal["tables", "sequences"] = "tables" if kind == "table" else "sequences"
    rels = [r for r in catalog.relations_in(s) if r.privilege_kind == kind]
    lacking: list[str] = []
    extra: dict[str, set[str]] = {}
    for rel in rels:
        ep = relation_privileges(catalog, rw, rel, wanted, graph)
        if not all(ep.has(p) for p in wanted):
            lacking.append(rel.name)
        direct = _held_directly(rel.acl, rw) - set(wanted)
        if direct:
            extra[rel.name] = direct
    if lacking:
        yield Finding(
            s,
            f"rw-{on}-missing",
            "error",
            f"{rw} lacks {', '.join(wanted)} on {len(lacking)} {kind}(s) in {s}",
            f"The application role needs {', '.join(wanted)} on every {kind} of its schema.",
            grant_privileges(catalog, rw, s, wanted, on=on, objects=lacking),
            tuple(lacking),
        )
    if extra:
        fixes = [
            revoke_privileges(catalog, rw, s, sorted(privs), on=on, objects=[name])
            for name, privs in extra.items()
        ]
        yield Finding(
            s,
            f"rw-{on}-extra",
            "warning",
            f"{rw} holds more than {', '.join(wanted)} on {len(extra)} {kind}(s) in {s}",
            f"The application role should hold exactly {', '.join(wanted)}; TRUNCATE, "
            "REFERENCES, TRIGGER and MAINTAIN let it lock, empty or hook into tables.",
            _dedupe(f"revoke extra rights on {on} in {s} from {rw}", fixes),
            tuple(f"{n}: {', '.join(sorted(p))}" for n, p in extra.items()),
        )


def _held_directly(acl: Iterable[AclItem], grantee: str) -> set[str]:
    out: set[str] = set()
    for item in acl:
        if item.grantee == grantee:
            out |= item.privileges
    return out


def _check_public(catalog: Catalog, conv: Convention, schema: Schema) -> Iterable[Finding]:
    s = schema.name
    extra = _held_directly(schema.acl, PUBLIC) - set(conv.public_schema_privileges)
    if extra:
        yield Finding(
            s,
            "public-schema",
            "error",
            f"PUBLIC holds {', '.join(sorted(extra))} on schema {s}",
            "Every role, including ones created later, gets what PUBLIC holds"
            + ("; with CREATE anyone can add objects to the schema." if "CREATE" in extra else "."),
            revoke_privileges(catalog, PUBLIC, s, sorted(extra)),
        )
    public_objects: list[str] = []
    fixes: list[ChangeSet] = []
    for rel in catalog.relations_in(s):
        held = _held_directly(rel.acl, PUBLIC)
        if held:
            on: Literal["tables", "sequences"] = (
                "sequences" if rel.privilege_kind == "sequence" else "tables"
            )
            public_objects.append(f"{rel.name}: {', '.join(sorted(held))}")
            fixes.append(
                revoke_privileges(catalog, PUBLIC, s, sorted(held), on=on, objects=[rel.name])
            )
    if public_objects:
        yield Finding(
            s,
            "public-objects",
            "error",
            f"PUBLIC holds rights on {len(public_objects)} object(s) in {s}",
            "Every role, including ones created later, can use these objects.",
            _dedupe(f"revoke PUBLIC's rights on objects in {s}", fixes),
            tuple(public_objects),
        )


def _nosuperuser(role: str) -> ChangeSet:
    return ChangeSet(
        f"take superuser away from {role}",
        (
            Statement(
                sql.SQL("ALTER ROLE {} NOSUPERUSER").format(sql.Identifier(role)),
                f"take superuser away from {role}",
            ),
        ),
    )


# --------------------------------------------------------------------------- provisioning


def _with_role(catalog: Catalog, name: str, *, login: bool = False) -> Catalog:
    if catalog.role(name) is not None:
        return catalog
    role = Role(name, 0, login, False, False, False, True, False, False, -1, None)
    return replace(catalog, roles=(*catalog.roles, role))


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


def provision_schema(
    catalog: Catalog, schema: str, convention: Convention | None = None
) -> ChangeSet:
    """Everything schema ``schema`` needs to meet the convention: missing roles, the schema
    (``CREATE SCHEMA ... AUTHORIZATION``), ownership, grants, default privileges, timeouts.

    Only what is missing is emitted; an already conforming schema gives an empty change set.
    """
    conv = convention or Convention()
    owner, rw, migrator = conv.owner_for(schema), conv.rw_for(schema), conv.migrator_role
    parts: list[ChangeSet] = []
    predicted = catalog
    for name, login in ((owner, False), (migrator, False), (rw, conv.rw_login)):
        if predicted.role(name) is None:
            parts.append(create_role(name, login=login))
            predicted = _with_role(predicted, name, login=login)
    entry = predicted.schema(schema)
    if entry is None:
        parts.append(create_schema(schema, owner))
    elif entry.owner != owner:
        parts.append(set_schema_owner(schema, owner))
    predicted = _with_schema_owner(predicted, schema, owner)
    findings = check_conventions(predicted, conv, [schema])
    parts.extend(f.fix for f in findings)
    change = _dedupe(f"provision schema {schema}", parts)
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
