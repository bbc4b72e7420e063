"""Change sets: the statements that take the catalog to a desired access state, and the checks
that show afterwards that it holds.

Every statement is a ``psycopg.sql.Composed``: keywords come from fixed tables in this module,
identifiers go through ``sql.Identifier`` and values through ``sql.Literal``; nothing is built
by string formatting. Builders look at the current catalog and emit only what is missing (or,
for revokes, only what is there), grouping objects that need the same rights into one statement.

Public API: ``ChangeSet`` (``render``, ``+``), ``Statement``, the ``Expect*`` classes, and the
builders ``create_role``, ``create_schema``, ``set_schema_owner``, ``set_object_owner``,
``grant_privileges``, ``revoke_privileges``, ``plan_privileges`` (a desired set, optionally
exact), ``grant_default_privileges``, ``revoke_default_privileges``, ``grant_membership``,
``revoke_membership`` and ``set_role_setting``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from psycopg import sql
from psycopg.abc import AdaptContext

from schemadesk.core.access.acl import PUBLIC, AclItem
from schemadesk.core.access.expectations import (
    PRIVILEGE_ORDER,
    Expectation,
    ExpectDefault,
    ExpectGrant,
    ExpectMembership,
    ExpectObjectOwner,
    ExpectRole,
    ExpectSchemaOwner,
    ExpectSetting,
    direct_privileges,
    grantee_label,
)
from schemadesk.core.access.guards import ChangeSetError, refuse_system_schema
from schemadesk.core.access.models import (
    Catalog,
    DefaultObjectType,
    Relation,
    privileges_for,
)
from schemadesk.core.messages import Message, Param, said
from schemadesk.core.messages_access import (
    object_label,
    objects_label,
    on_target,
    privileges_title,
    said_title,
)

__all__ = [
    "ChangeSet",
    "ChangeSetError",
    "ExpectDefault",
    "ExpectGrant",
    "ExpectMembership",
    "ExpectObjectOwner",
    "ExpectRole",
    "ExpectSchemaOwner",
    "ExpectSetting",
    "Expectation",
    "GrantTarget",
    "Statement",
    "create_role",
    "create_schema",
    "grant_default_privileges",
    "grant_membership",
    "grant_privileges",
    "grantee_label",
    "grantee_sql",
    "plan_privileges",
    "revoke_default_privileges",
    "revoke_membership",
    "revoke_privileges",
    "set_object_owner",
    "set_role_setting",
    "set_schema_owner",
]

GrantTarget = Literal["database", "schema", "tables", "sequences", "functions"]


# Keywords as fixed SQL fragments: the only way a privilege name reaches a statement.
_KEYWORD: dict[str, sql.SQL] = {
    "SELECT": sql.SQL("SELECT"),
    "INSERT": sql.SQL("INSERT"),
    "UPDATE": sql.SQL("UPDATE"),
    "DELETE": sql.SQL("DELETE"),
    "TRUNCATE": sql.SQL("TRUNCATE"),
    "REFERENCES": sql.SQL("REFERENCES"),
    "TRIGGER": sql.SQL("TRIGGER"),
    "MAINTAIN": sql.SQL("MAINTAIN"),
    "USAGE": sql.SQL("USAGE"),
    "CREATE": sql.SQL("CREATE"),
    "EXECUTE": sql.SQL("EXECUTE"),
    "CONNECT": sql.SQL("CONNECT"),
    "TEMPORARY": sql.SQL("TEMPORARY"),
}
_ORDER = PRIVILEGE_ORDER
_ON_ONE: dict[str, sql.SQL] = {
    "schema": sql.SQL("SCHEMA"),
    "tables": sql.SQL("TABLE"),
    "sequences": sql.SQL("SEQUENCE"),
    "functions": sql.SQL("ROUTINE"),
}
_ON_ALL: dict[str, sql.SQL] = {
    "tables": sql.SQL("ALL TABLES IN SCHEMA"),
    "sequences": sql.SQL("ALL SEQUENCES IN SCHEMA"),
    "functions": sql.SQL("ALL ROUTINES IN SCHEMA"),
}
_DEFAULT_ON: dict[str, sql.SQL] = {
    "tables": sql.SQL("TABLES"),
    "sequences": sql.SQL("SEQUENCES"),
    "functions": sql.SQL("ROUTINES"),
    "types": sql.SQL("TYPES"),
    "schemas": sql.SQL("SCHEMAS"),
}
_ALTER_OWNER: dict[str, sql.SQL] = {
    "table": sql.SQL("ALTER TABLE"),
    "view": sql.SQL("ALTER VIEW"),
    "materialized view": sql.SQL("ALTER MATERIALIZED VIEW"),
    "foreign table": sql.SQL("ALTER FOREIGN TABLE"),
    "sequence": sql.SQL("ALTER SEQUENCE"),
}
_KIND_OF_TARGET: dict[str, Literal["table", "sequence", "function"]] = {
    "tables": "table",
    "sequences": "sequence",
    "functions": "function",
}


def grantee_sql(name: str) -> sql.Composable:
    """``PUBLIC`` for the empty grantee, else the quoted role name."""
    return sql.SQL("PUBLIC") if name == PUBLIC else sql.Identifier(name)


def _privilege_list(privileges: Iterable[str]) -> sql.Composable:
    ordered = sorted(set(privileges), key=_ORDER.index)
    return sql.SQL(", ").join(_KEYWORD[p] for p in ordered)


def _check_privileges(privileges: Iterable[str], allowed: Sequence[str], what: str) -> list[str]:
    out: list[str] = []
    for p in privileges:
        name = " ".join(p.upper().split())
        if name == "ALL":
            out.extend(allowed)
            continue
        if name not in allowed:
            raise ChangeSetError(
                f"{p!r} is not a privilege on {what} (known: {', '.join(allowed)}, ALL)"
            )
        out.append(name)
    return sorted(set(out), key=_ORDER.index)


# --------------------------------------------------------------------------- change sets


@dataclass(frozen=True, slots=True)
class Statement:
    """One statement and what it does, in plain words."""

    sql: sql.Composed
    summary: str

    def render(self, context: AdaptContext | None = None) -> str:
        return self.sql.as_string(context)


@dataclass(frozen=True, slots=True)
class ChangeSet:
    """Statements to run in one transaction, and what must hold once they have run."""

    title: str
    statements: tuple[Statement, ...] = ()
    expectations: tuple[Expectation, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.statements

    def render(self, context: AdaptContext | None = None) -> str:
        """The exact SQL that runs, one statement per line group, each ending with ``;``."""
        return "".join(s.render(context) + ";\n" for s in self.statements)

    def unmet(self, catalog: Catalog) -> tuple[Expectation, ...]:
        """Expectations that do not hold in ``catalog`` (empty after a successful apply)."""
        return tuple(e for e in self.expectations if not e.holds(catalog))

    def __add__(self, other: ChangeSet) -> ChangeSet:
        return ChangeSet(
            self.title if self.statements or not other.title else other.title,
            self.statements + other.statements,
            self.expectations + tuple(e for e in other.expectations if e not in self.expectations),
        )

    @staticmethod
    def combine(title: str, parts: Iterable[ChangeSet]) -> ChangeSet:
        out = ChangeSet(title)
        for part in parts:
            out = out + part
        return ChangeSet(title, out.statements, out.expectations)


def _one(title: str, statement: sql.Composed, summary: str, *expect: Expectation) -> ChangeSet:
    return ChangeSet(title, (Statement(statement, summary),), expect)


# --------------------------------------------------------------------------- roles and schemas


def create_role(name: str, *, login: bool = False) -> ChangeSet:
    """``CREATE ROLE name [NO]LOGIN``."""
    return _one(
        said_title("create-role", role=name),
        sql.SQL("CREATE ROLE {} {}").format(
            sql.Identifier(name), sql.SQL("LOGIN") if login else sql.SQL("NOLOGIN")
        ),
        said_title("create-login-role" if login else "create-role", role=name),
        ExpectRole(name),
    )


def create_schema(schema: str, owner: str) -> ChangeSet:
    """``CREATE SCHEMA schema AUTHORIZATION owner``."""
    refuse_system_schema(schema)
    return _one(
        f"create schema {schema}",
        sql.SQL("CREATE SCHEMA {} AUTHORIZATION {}").format(
            sql.Identifier(schema), sql.Identifier(owner)
        ),
        f"create schema {schema} owned by {owner}",
        ExpectSchemaOwner(schema, owner),
    )


def set_schema_owner(schema: str, owner: str) -> ChangeSet:
    """``ALTER SCHEMA schema OWNER TO owner``."""
    refuse_system_schema(schema)
    title = said_title("schema-owner-title", role=owner, name=schema)
    return _one(
        title,
        sql.SQL("ALTER SCHEMA {} OWNER TO {}").format(
            sql.Identifier(schema), sql.Identifier(owner)
        ),
        title,
        ExpectSchemaOwner(schema, owner),
    )


def set_object_owner(relation: Relation, owner: str) -> ChangeSet:
    """``ALTER TABLE|VIEW|SEQUENCE|... schema.name OWNER TO owner``."""
    refuse_system_schema(relation.schema)
    return _one(
        said_title("object-owner-title", role=owner, object=f"{relation.schema}.{relation.name}"),
        sql.SQL("{} {} OWNER TO {}").format(
            _ALTER_OWNER[relation.kind],
            sql.Identifier(relation.schema, relation.name),
            sql.Identifier(owner),
        ),
        f"make {owner} the owner of {relation.kind} {relation.schema}.{relation.name}",
        ExpectObjectOwner(relation.schema, relation.name, owner),
    )


# --------------------------------------------------------------------------- object privileges


@dataclass(frozen=True, slots=True)
class _Target:
    """One grantable object: its SQL reference and its current ACL."""

    label: Message
    ref: sql.Composable
    name: str | None
    owner: str
    acl: tuple[AclItem, ...]


def _targets(
    catalog: Catalog, schema: str, on: GrantTarget, objects: Sequence[str] | None
) -> list[_Target]:
    if on == "database":
        ctx = catalog.context
        if schema != ctx.database:
            raise ChangeSetError(f"the catalog is of database {ctx.database!r}, not {schema!r}")
        return [
            _Target(
                Message("on-database", {"name": schema}),
                sql.Identifier(schema),
                None,
                ctx.database_owner,
                ctx.database_acl,
            )
        ]
    refuse_system_schema(schema)
    entry = catalog.schema(schema)
    if entry is None:
        raise ChangeSetError(f"schema {schema!r} does not exist")
    if on == "schema":
        label = Message("on-schema", {"name": schema})
        return [_Target(label, sql.Identifier(schema), None, entry.owner, entry.acl)]
    if on == "functions":
        fns = list(catalog.functions_in(schema))
        names = [f.name for f in fns]
        chosen = [f for f in fns if objects is None or f.name in objects]
        _missing(objects, names, schema)
        for fn in chosen:
            if names.count(fn.name) > 1:
                raise ChangeSetError(
                    f"function {schema}.{fn.name} is overloaded; grant on all functions of the "
                    "schema instead"
                )
        return [
            _Target(
                object_label(fn.kind, f"{schema}.{fn.name}"),
                sql.Identifier(schema, fn.name),
                fn.name,
                fn.owner,
                fn.acl,
            )
            for fn in chosen
        ]
    kind = _KIND_OF_TARGET[on]
    rels = [r for r in catalog.relations_in(schema) if r.privilege_kind == kind]
    _missing(objects, [r.name for r in rels], schema)
    return [
        _Target(
            object_label(r.kind, f"{schema}.{r.name}"),
            sql.Identifier(schema, r.name),
            r.name,
            r.owner,
            r.acl,
        )
        for r in rels
        if objects is None or r.name in objects
    ]


def _missing(objects: Sequence[str] | None, known: Sequence[str], schema: str) -> None:
    for name in objects or ():
        if name not in known:
            raise ChangeSetError(f"{schema}.{name} does not exist (or is not of that kind)")


def _allowed(catalog: Catalog, on: GrantTarget) -> tuple[str, ...]:
    kind = on if on in ("database", "schema") else _KIND_OF_TARGET[on]
    return privileges_for(kind, catalog.server_version_num)


def _expect_kind(on: GrantTarget) -> Literal["database", "schema", "table", "sequence", "function"]:
    if on == "database":
        return "database"
    return "schema" if on == "schema" else _KIND_OF_TARGET[on]


def grant_privileges(
    catalog: Catalog,
    grantee: str,
    schema: str,
    privileges: Iterable[str],
    *,
    on: GrantTarget = "schema",
    objects: Sequence[str] | None = None,
    with_grant_option: bool = False,
) -> ChangeSet:
    """GRANT what ``grantee`` does not hold directly yet on the schema or its objects.

    ``objects`` None means every object of that kind in the schema; objects that miss the same
    rights share one statement (``ON ALL ... IN SCHEMA`` when that is all of them).
    """
    wanted = _check_privileges(privileges, _allowed(catalog, on), on)
    targets = _targets(catalog, schema, on, objects)
    groups: dict[frozenset[str], list[_Target]] = {}
    for t in targets:
        have = direct_privileges(t.acl, grantee, grantable=with_grant_option)
        need = frozenset(wanted) - have
        if need:
            groups.setdefault(need, []).append(t)
    statements: list[Statement] = []
    every = objects is None and on not in ("schema", "database")
    for need, group in groups.items():
        ref = _group_ref(on, schema, group, every and len(group) == len(targets) and len(group) > 1)
        stmt = sql.SQL("GRANT {} ON {} TO {}{}").format(
            _privilege_list(need),
            ref,
            grantee_sql(grantee),
            sql.SQL(" WITH GRANT OPTION") if with_grant_option else sql.SQL(""),
        )
        statements.append(Statement(stmt, _summary("grant", need, group, grantee)))
    expect = _grant_expectations(
        on,
        schema=schema,
        targets=targets,
        grantee=grantee,
        privileges=wanted,
        present=True,
        grant_option=with_grant_option,
    )
    public = grantee == PUBLIC
    title = privileges_title(
        "grant", wanted, on_target(on, schema), grantee_label(grantee), public=public
    )
    return ChangeSet(title, tuple(statements), expect)


def revoke_privileges(
    catalog: Catalog,
    grantee: str,
    schema: str,
    privileges: Iterable[str],
    *,
    on: GrantTarget = "schema",
    objects: Sequence[str] | None = None,
    grant_option_only: bool = False,
    cascade: bool = False,
) -> ChangeSet:
    """REVOKE what ``grantee`` holds directly on the schema or its objects.

    A grant made by a role other than the object's owner is revoked as that role
    (``SET ROLE grantor`` ... ``RESET ROLE``): a superuser's REVOKE acts as the owner and would
    leave it in place.
    """
    wanted = _check_privileges(privileges, _allowed(catalog, on), on)
    targets = _targets(catalog, schema, on, objects)
    groups: dict[tuple[str, frozenset[str]], list[_Target]] = {}
    for t in targets:
        for item in t.acl:
            if item.grantee != grantee:
                continue
            have = item.grantable if grant_option_only else item.privileges
            drop = frozenset(wanted) & have
            if drop:
                grantor = "" if item.grantor == t.owner else item.grantor
                groups.setdefault((grantor, drop), []).append(t)
    statements: list[Statement] = []
    every = objects is None and on not in ("schema", "database")
    for (grantor, drop), group in groups.items():
        ref = _group_ref(on, schema, group, every and len(group) == len(targets) and len(group) > 1)
        stmt = sql.SQL("REVOKE {}{} ON {} FROM {}{}").format(
            sql.SQL("GRANT OPTION FOR ") if grant_option_only else sql.SQL(""),
            _privilege_list(drop),
            ref,
            grantee_sql(grantee),
            sql.SQL(" CASCADE") if cascade else sql.SQL(""),
        )
        if grantor:
            statements.append(
                Statement(
                    sql.SQL("SET ROLE {}").format(sql.Identifier(grantor)),
                    f"act as {grantor}, who granted it",
                )
            )
        statements.append(Statement(stmt, _summary("revoke", drop, group, grantee)))
        if grantor:
            statements.append(
                Statement(sql.Composed([sql.SQL("RESET ROLE")]), "act as yourself again")
            )
    expect = (
        ()
        if grant_option_only
        else _grant_expectations(
            on,
            schema=schema,
            targets=targets,
            grantee=grantee,
            privileges=wanted,
            present=False,
            grant_option=False,
        )
    )
    public = grantee == PUBLIC
    title = privileges_title(
        "revoke", wanted, on_target(on, schema), grantee_label(grantee), public=public
    )
    return ChangeSet(title, tuple(statements), expect)


def plan_privileges(
    catalog: Catalog,
    grantee: str,
    schema: str,
    privileges: Iterable[str],
    *,
    on: GrantTarget = "schema",
    objects: Sequence[str] | None = None,
    exact: bool = True,
) -> ChangeSet:
    """The desired set of direct rights of ``grantee``: grant what is missing and, when
    ``exact``, revoke every other right of that kind it holds directly."""
    wanted = _check_privileges(privileges, _allowed(catalog, on), on) if privileges else []
    change = ChangeSet(f"set {grantee_label(grantee)}'s rights on {_plural(on, schema)}")
    if wanted:
        change = change + grant_privileges(catalog, grantee, schema, wanted, on=on, objects=objects)
    if exact:
        extra = [p for p in _allowed(catalog, on) if p not in wanted]
        if extra:
            change = change + revoke_privileges(
                catalog, grantee, schema, extra, on=on, objects=objects
            )
    return ChangeSet(
        f"set {grantee_label(grantee)}'s rights on {_plural(on, schema)} to "
        f"{', '.join(wanted) or 'nothing'}",
        change.statements,
        change.expectations,
    )


def _group_ref(
    on: GrantTarget, schema: str, group: list[_Target], all_in_schema: bool
) -> sql.Composable:
    if on == "database":
        return sql.SQL("DATABASE {}").format(sql.Identifier(schema))
    if on == "schema":
        return sql.SQL("SCHEMA {}").format(sql.Identifier(schema))
    if all_in_schema:
        return sql.SQL("{} {}").format(_ON_ALL[on], sql.Identifier(schema))
    return sql.SQL("{} {}").format(_ON_ONE[on], sql.SQL(", ").join(t.ref for t in group))


def _summary(verb: str, privs: Iterable[str], group: list[_Target], grantee: str) -> str:
    what = ", ".join(sorted(privs, key=_ORDER.index))
    objects = objects_label([t.label for t in group[:3]], max(len(group) - 3, 0))
    params: dict[str, Param] = {"privs": what, "target": objects, "role": grantee_label(grantee)}
    return said(Message(verb, {**params, "public": int(grantee == PUBLIC)}))


def _plural(on: GrantTarget, schema: str) -> str:
    if on == "database":
        return f"database {schema}"
    return f"schema {schema}" if on == "schema" else f"{on} in schema {schema}"


def _grant_expectations(
    on: GrantTarget,
    *,
    schema: str,
    targets: list[_Target],
    grantee: str,
    privileges: Sequence[str],
    present: bool,
    grant_option: bool,
) -> tuple[Expectation, ...]:
    kind = _expect_kind(on)
    privs = frozenset(privileges)
    if on in ("schema", "database"):
        return (ExpectGrant(kind, schema, None, grantee, privs, present, grant_option),)
    return tuple(
        ExpectGrant(kind, schema, t.name, grantee, privs, present, grant_option) for t in targets
    )


# --------------------------------------------------------------------------- default privileges


def _default_acl(
    catalog: Catalog, for_role: str, schema: str | None, object_type: str
) -> list[AclItem]:
    refuse_system_schema(schema)
    return [item for d in catalog.defaults_for(for_role, schema, object_type) for item in d.acl]


def _default_statement(
    verb: Literal["GRANT", "REVOKE"],
    *,
    for_role: str,
    schema: str | None,
    object_type: DefaultObjectType,
    grantee: str,
    privileges: Iterable[str],
) -> sql.Composed:
    in_schema = (
        sql.SQL(" IN SCHEMA {}").format(sql.Identifier(schema))
        if schema is not None
        else sql.SQL("")
    )
    action = (
        sql.SQL("GRANT {} ON {} TO {}") if verb == "GRANT" else sql.SQL("REVOKE {} ON {} FROM {}")
    ).format(_privilege_list(privileges), _DEFAULT_ON[object_type], grantee_sql(grantee))
    return sql.SQL("ALTER DEFAULT PRIVILEGES FOR ROLE {}{} {}").format(
        sql.Identifier(for_role), in_schema, action
    )


def grant_default_privileges(
    catalog: Catalog,
    *,
    for_role: str,
    schema: str | None,
    object_type: DefaultObjectType,
    grantee: str,
    privileges: Iterable[str],
) -> ChangeSet:
    """Objects ``for_role`` creates later (in ``schema``, or anywhere) give ``grantee`` these
    rights; only the rights the stored entry does not give yet."""
    wanted = _check_privileges(
        privileges, privileges_for(object_type, catalog.server_version_num), object_type
    )
    have = direct_privileges(_default_acl(catalog, for_role, schema, object_type), grantee)
    need = [p for p in wanted if p not in have]
    where = f" in schema {schema}" if schema is not None else ""
    title = (
        f"new {object_type} of {for_role}{where} give {', '.join(wanted)} "
        f"to {grantee_label(grantee)}"
    )
    expect = ExpectDefault(for_role, schema, object_type, grantee, frozenset(wanted))
    if not need:
        return ChangeSet(title, (), (expect,))
    stmt = _default_statement(
        "GRANT",
        for_role=for_role,
        schema=schema,
        object_type=object_type,
        grantee=grantee,
        privileges=need,
    )
    return _one(title, stmt, title, expect)


def revoke_default_privileges(
    catalog: Catalog,
    *,
    for_role: str,
    schema: str | None,
    object_type: DefaultObjectType,
    grantee: str,
    privileges: Iterable[str],
) -> ChangeSet:
    """Stop giving ``grantee`` these rights on objects ``for_role`` creates later."""
    wanted = _check_privileges(
        privileges, privileges_for(object_type, catalog.server_version_num), object_type
    )
    have = direct_privileges(_default_acl(catalog, for_role, schema, object_type), grantee)
    drop = [p for p in wanted if p in have]
    where = f" in schema {schema}" if schema is not None else ""
    title = (
        f"new {object_type} of {for_role}{where} stop giving {', '.join(wanted)} "
        f"to {grantee_label(grantee)}"
    )
    expect = ExpectDefault(for_role, schema, object_type, grantee, frozenset(wanted), present=False)
    if not drop:
        return ChangeSet(title, (), (expect,))
    stmt = _default_statement(
        "REVOKE",
        for_role=for_role,
        schema=schema,
        object_type=object_type,
        grantee=grantee,
        privileges=drop,
    )
    return _one(title, stmt, title, expect)


# --------------------------------------------------------------------------- memberships


def grant_membership(
    catalog: Catalog,
    role: str,
    member: str,
    *,
    admin: bool = False,
    inherit: bool | None = None,
    set_option: bool | None = None,
) -> ChangeSet:
    """``GRANT role TO member`` with ADMIN and, on PostgreSQL 16+, INHERIT / SET options.

    ``inherit`` / ``set_option`` None keep the server's default. Before 16 they cannot be set
    per grant (INHERIT is an attribute of the member role) and asking for them is an error.
    """
    pg16 = catalog.context.membership_options
    if not pg16 and (inherit is not None or set_option is not None):
        raise ChangeSetError("INHERIT and SET options of a membership need PostgreSQL 16 or later")
    expect = ExpectMembership(role, member, True, admin or None, inherit, set_option)
    title = f"make {member} a member of {role}"
    if expect.holds(catalog):
        return ChangeSet(title, (), (expect,))
    options: list[sql.Composable] = []
    if pg16:
        if admin:
            options.append(sql.SQL("ADMIN TRUE"))
        if inherit is not None:
            options.append(sql.SQL("INHERIT TRUE") if inherit else sql.SQL("INHERIT FALSE"))
        if set_option is not None:
            options.append(sql.SQL("SET TRUE") if set_option else sql.SQL("SET FALSE"))
    elif admin:
        options.append(sql.SQL("ADMIN OPTION"))
    stmt = sql.SQL("GRANT {} TO {}{}").format(
        sql.Identifier(role),
        sql.Identifier(member),
        sql.SQL(" WITH {}").format(sql.SQL(", ").join(options)) if options else sql.SQL(""),
    )
    flags = []
    if admin:
        flags.append("may grant it on")
    if inherit is not None:
        flags.append("inherits its rights" if inherit else "does not inherit its rights")
    if set_option is not None:
        flags.append("may SET ROLE to it" if set_option else "may not SET ROLE to it")
    summary = title + (f" ({', '.join(flags)})" if flags else "")
    return _one(title, stmt, summary, expect)


def revoke_membership(catalog: Catalog, role: str, member: str) -> ChangeSet:
    """``REVOKE role FROM member``, once per grantor (``GRANTED BY``) on PostgreSQL 16+."""
    rows = catalog.membership_grants(role, member)
    title = f"remove {member} from {role}"
    expect = ExpectMembership(role, member, present=False)
    grantors = sorted({m.grantor for m in rows}) if catalog.context.membership_options else [""]
    statements = []
    if rows:
        for grantor in grantors:
            by = (
                sql.SQL(" GRANTED BY {}").format(sql.Identifier(grantor))
                if grantor
                else sql.SQL("")
            )
            statements.append(
                Statement(
                    sql.SQL("REVOKE {} FROM {}{}").format(
                        sql.Identifier(role), sql.Identifier(member), by
                    ),
                    title + (f" (granted by {grantor})" if grantor else ""),
                )
            )
    return ChangeSet(title, tuple(statements), (expect,))


# --------------------------------------------------------------------------- role settings


def set_role_setting(
    catalog: Catalog, role: str, name: str, value: str | None, *, database: str | None = None
) -> ChangeSet:
    """``ALTER ROLE role [IN DATABASE db] SET name = value`` (``RESET name`` for None)."""
    expect = ExpectSetting(role, database, name, value)
    where = f" in database {database}" if database else ""
    title = (
        f"{role}: {name} = {value}{where}" if value is not None else f"{role}: reset {name}{where}"
    )
    entry = catalog.role(role)
    if entry is not None and expect.holds(catalog):
        return ChangeSet(title, (), (expect,))
    in_db = sql.SQL(" IN DATABASE {}").format(sql.Identifier(database)) if database else sql.SQL("")
    if value is None:
        stmt = sql.SQL("ALTER ROLE {}{} RESET {}").format(
            sql.Identifier(role), in_db, sql.Identifier(name)
        )
    else:
        stmt = sql.SQL("ALTER ROLE {}{} SET {} = {}").format(
            sql.Identifier(role), in_db, sql.Identifier(name), sql.Literal(value)
        )
    return _one(title, stmt, title, expect)
