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
from functools import lru_cache, partial

from psycopg import sql

from schemadesk.core.access.acl import PUBLIC
from schemadesk.core.access.change_defaults import (
    grant_default_privileges,
    grant_membership,
    revoke_default_privileges,
    revoke_membership,
    set_role_setting,
)
from schemadesk.core.access.change_model import ChangeSet, Statement, one_change, titled
from schemadesk.core.access.change_sql import (
    ALTER_OWNER,
    EMPTY,
    GrantTarget,
    compose,
    grantee_sql,
    name_identifier,
    privilege_list,
)
from schemadesk.core.access.change_targets import (
    Target,
    allowed_on,
    check_privileges,
    expect_kind,
    group_ref,
    targets_of,
)
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
    Relation,
)
from schemadesk.core.messages import Message, Param
from schemadesk.core.messages_access import (
    objects_label,
    on_target,
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


# --------------------------------------------------------------------------- roles and schemas


def create_role(name: str, *, login: bool = False) -> ChangeSet:
    """``CREATE ROLE name [NO]LOGIN``."""
    return _create_role(name, login)


@lru_cache(maxsize=256)
def _create_role(name: str, login: bool) -> ChangeSet:
    # One per name, shared (a change set is immutable, and so are its parts): a check of
    # 10,000 schemas without the migrator role creates it in each of their 10,000 fixes.
    return one_change(
        titled("create-role", role=name),
        compose(
            "CREATE ROLE {} {}",
            sql.Identifier(name),
            sql.SQL("LOGIN") if login else sql.SQL("NOLOGIN"),
        ),
        titled("create-login-role" if login else "create-role", role=name),
        ExpectRole(name),
    )


def create_schema(schema: str, owner: str) -> ChangeSet:
    """``CREATE SCHEMA schema AUTHORIZATION owner``."""
    refuse_system_schema(schema)
    return one_change(
        f"create schema {schema}",
        compose("CREATE SCHEMA {} AUTHORIZATION {}", sql.Identifier(schema), sql.Identifier(owner)),
        f"create schema {schema} owned by {owner}",
        ExpectSchemaOwner(schema, owner),
    )


def set_schema_owner(schema: str, owner: str) -> ChangeSet:
    """``ALTER SCHEMA schema OWNER TO owner``."""
    refuse_system_schema(schema)
    title = titled("schema-owner-title", role=owner, name=schema)
    return one_change(
        title,
        compose("ALTER SCHEMA {} OWNER TO {}", name_identifier(schema), name_identifier(owner)),
        title,
        ExpectSchemaOwner(schema, owner),
    )


def set_object_owner(relation: Relation, owner: str) -> ChangeSet:
    """``ALTER TABLE|VIEW|SEQUENCE|... schema.name OWNER TO owner``."""
    refuse_system_schema(relation.schema)
    return one_change(
        titled("object-owner-title", role=owner, object=f"{relation.schema}.{relation.name}"),
        compose(
            "{} {} OWNER TO {}",
            ALTER_OWNER[relation.kind],
            sql.Identifier(relation.schema, relation.name),
            sql.Identifier(owner),
        ),
        f"make {owner} the owner of {relation.kind} {relation.schema}.{relation.name}",
        ExpectObjectOwner(relation.schema, relation.name, owner),
    )


# --------------------------------------------------------------------------- object privileges


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
    wanted = check_privileges(privileges, allowed_on(catalog, on), on)
    targets = targets_of(catalog, schema, on, objects)
    groups: dict[frozenset[str], list[Target]] = {}
    wanted_set = frozenset(wanted)
    # A schema's objects share a handful of ACL tuples (the loader's parse cache): each is
    # looked at once, by identity (the targets hold them alive meanwhile), and a run of
    # objects with the same one (most of a schema) joins its group without a lookup.
    needs: dict[int, list[Target] | None] = {}
    last: object = None
    group: list[Target] | None = None
    for t in targets:
        acl = t.acl
        if acl is not last:
            last = acl
            if (group := needs.get(id(acl), _UNSEEN)) is _UNSEEN:
                have = direct_privileges(acl, grantee, grantable=with_grant_option)
                need = wanted_set - have if have else wanted_set
                group = needs[id(acl)] = groups.setdefault(need, []) if need else None
        if group is not None:
            group.append(t)
    statements: list[Statement] = []
    every = objects is None and on not in ("schema", "database")
    for need, group in groups.items():
        ref = group_ref(on, schema, group, every and len(group) == len(targets) and len(group) > 1)
        stmt = compose(
            "GRANT {} ON {} TO {}{}",
            privilege_list(need),
            ref,
            grantee_sql(grantee),
            sql.SQL(" WITH GRANT OPTION") if with_grant_option else EMPTY,
        )
        statements.append(Statement(stmt, partial(_summary, "grant", need, group, grantee)))
    # Made when read: a check prints its fixes' SQL and never reads what they expect.
    expect = partial(
        _grant_expectations,
        on,
        schema=schema,
        targets=targets,
        grantee=grantee,
        privileges=wanted,
        present=True,
        grant_option=with_grant_option,
    )
    public = grantee == PUBLIC
    title = _privileges_title(
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
    wanted = check_privileges(privileges, allowed_on(catalog, on), on)
    targets = targets_of(catalog, schema, on, objects)
    groups: dict[tuple[str, frozenset[str]], list[Target]] = {}
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
        ref = group_ref(on, schema, group, every and len(group) == len(targets) and len(group) > 1)
        stmt = compose(
            "REVOKE {}{} ON {} FROM {}{}",
            sql.SQL("GRANT OPTION FOR ") if grant_option_only else EMPTY,
            privilege_list(drop),
            ref,
            grantee_sql(grantee),
            sql.SQL(" CASCADE") if cascade else EMPTY,
        )
        if grantor:
            statements.append(
                Statement(
                    compose("SET ROLE {}", sql.Identifier(grantor)),
                    f"act as {grantor}, who granted it",
                )
            )
        statements.append(Statement(stmt, partial(_summary, "revoke", drop, group, grantee)))
        if grantor:
            statements.append(
                Statement(sql.Composed([sql.SQL("RESET ROLE")]), "act as yourself again")
            )
    expect = (
        ()
        if grant_option_only
        else partial(  # made when read, as a grant's
            _grant_expectations,
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
    title = _privileges_title(
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
    wanted = check_privileges(privileges, allowed_on(catalog, on), on) if privileges else []
    change = ChangeSet(f"set {grantee_label(grantee)}'s rights on {_plural(on, schema)}")
    if wanted:
        change = change + grant_privileges(catalog, grantee, schema, wanted, on=on, objects=objects)
    if exact:
        extra = [p for p in allowed_on(catalog, on) if p not in wanted]
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


_UNSEEN: list[Target] = []  # no ACL's group: one not looked at yet


def _summary(verb: str, privs: Iterable[str], group: list[Target], grantee: str) -> Message:
    """What a GRANT or REVOKE does, said when read (``Statement.summary``)."""
    what = ", ".join(sorted(privs, key=PRIVILEGE_ORDER.index))
    objects = objects_label([t.label for t in group[:3]], max(len(group) - 3, 0))
    params: dict[str, Param] = {"privs": what, "target": objects, "role": grantee_label(grantee)}
    return Message(verb, {**params, "public": int(grantee == PUBLIC)})


def _privileges_title(
    verb: str, privs: Sequence[str], target: Message, role: str, *, public: bool
) -> Message:
    """``messages_access.privileges_title``'s message, said when the title is read."""
    return Message(
        verb, {"privs": ", ".join(privs), "target": target, "role": role, "public": int(public)}
    )


def _plural(on: GrantTarget, schema: str) -> str:
    if on == "database":
        return f"database {schema}"
    return f"schema {schema}" if on == "schema" else f"{on} in schema {schema}"


def _grant_expectations(
    on: GrantTarget,
    *,
    schema: str,
    targets: list[Target],
    grantee: str,
    privileges: Sequence[str],
    present: bool,
    grant_option: bool,
) -> tuple[Expectation, ...]:
    kind = expect_kind(on)
    privs = frozenset(privileges)
    if on in ("schema", "database"):
        return (ExpectGrant(kind, schema, None, grantee, privs, present, grant_option),)
    return tuple(
        ExpectGrant(kind, schema, t.name, grantee, privs, present, grant_option) for t in targets
    )
