"""Change sets for default privileges, memberships and role settings."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Literal

from psycopg import sql

from schemadesk.core.access.acl import AclItem
from schemadesk.core.access.change_model import ChangeSet, Statement, one_change, titled
from schemadesk.core.access.change_sql import (
    DEFAULT_ON,
    EMPTY,
    compose,
    grantee_sql,
    name_identifier,
    privilege_list,
)
from schemadesk.core.access.change_targets import check_privileges
from schemadesk.core.access.expectations import (
    ExpectDefault,
    ExpectMembership,
    ExpectSetting,
    direct_privileges,
    grantee_label,
)
from schemadesk.core.access.guards import ChangeSetError, ChangeSetReason, refuse_system_schema
from schemadesk.core.access.models import (
    Catalog,
    DefaultObjectType,
    privileges_for,
)
from schemadesk.core.messages_acl import say
from schemadesk.core.messages_titles import Message


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
    in_schema = compose(" IN SCHEMA {}", name_identifier(schema)) if schema is not None else EMPTY
    # ``compose``: the same parts ``sql.SQL(...).format`` makes, the template parsed once.
    action = compose(
        "GRANT {} ON {} TO {}" if verb == "GRANT" else "REVOKE {} ON {} FROM {}",
        privilege_list(privileges),
        DEFAULT_ON[object_type],
        grantee_sql(grantee),
    )
    return compose(
        "ALTER DEFAULT PRIVILEGES FOR ROLE {}{} {}", name_identifier(for_role), in_schema, action
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
    wanted = check_privileges(
        privileges, privileges_for(object_type, catalog.server_version_num), object_type
    )
    have = direct_privileges(_default_acl(catalog, for_role, schema, object_type), grantee)
    need = [p for p in wanted if p not in have]
    title = _default_title(
        "give", object_type, role=for_role, schema=schema, privileges=wanted, grantee=grantee
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
    return one_change(title, stmt, title, expect)


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
    wanted = check_privileges(
        privileges, privileges_for(object_type, catalog.server_version_num), object_type
    )
    have = direct_privileges(_default_acl(catalog, for_role, schema, object_type), grantee)
    drop = [p for p in wanted if p in have]
    title = _default_title(
        "stop", object_type, role=for_role, schema=schema, privileges=wanted, grantee=grantee
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
    return one_change(title, stmt, title, expect)


def _default_title(
    verb: Literal["give", "stop"],
    object_type: DefaultObjectType,
    *,
    role: str,
    schema: str | None,
    privileges: Iterable[str],
    grantee: str,
) -> Message:
    """``new tables of r [in schema s] give|stop giving SELECT to g``, said when read."""
    kind = Message(f"privilege-on-{object_type}")
    privs, to = ", ".join(privileges), grantee_label(grantee)
    if schema is None:
        return titled(f"default-{verb}", kind=kind, role=role, privs=privs, grantee=to)
    code = f"default-{verb}-in"
    return titled(code, kind=kind, role=role, schema=schema, privs=privs, grantee=to)


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
        raise ChangeSetError(
            say("membership-options-pg16"),
            reason=ChangeSetReason.NEEDS_NEWER_SERVER,
        )
    expect = ExpectMembership(role, member, True, admin or None, inherit, set_option)
    title = titled("membership-grant", member=member, role=role)
    if expect.holds(catalog):
        return ChangeSet(title, (), (expect,))
    with_options, flags = _membership_options(pg16, admin, inherit, set_option)
    stmt = compose("GRANT {} TO {}{}", name_identifier(role), name_identifier(member), with_options)
    summary = title
    if flags is not None:
        summary = titled("membership-grant-flags", member=member, role=role, flags=flags)
    return one_change(title, stmt, summary, expect)


@lru_cache(maxsize=32)
def _membership_options(
    pg16: bool, admin: bool, inherit: bool | None, set_option: bool | None
) -> tuple[sql.Composable, Message | None]:
    """A GRANT's ``WITH`` clause and the summary's flags, once per set of options (shared:
    each tenant owner's grant to the migrator asks the same)."""
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
    clause = compose(" WITH {}", sql.SQL(", ").join(options)) if options else EMPTY
    flags = []
    if admin:
        flags.append(Message("membership-may-grant"))
    if inherit is not None:
        flags.append(Message("membership-inherits" if inherit else "membership-no-inherit"))
    if set_option is not None:
        flags.append(Message("membership-may-set" if set_option else "membership-may-not-set"))
    listed = (
        Message(f"flags-{len(flags)}", dict(zip("abc", flags, strict=False))) if flags else None
    )
    return clause, listed


def revoke_membership(catalog: Catalog, role: str, member: str) -> ChangeSet:
    """``REVOKE role FROM member``, once per grantor (``GRANTED BY``) on PostgreSQL 16+."""
    rows = catalog.membership_grants(role, member)
    title = titled("membership-revoke", member=member, role=role)
    expect = ExpectMembership(role, member, present=False)
    grantors = sorted({m.grantor for m in rows}) if catalog.context.membership_options else [""]
    statements = []
    if rows:
        for grantor in grantors:
            by = compose(" GRANTED BY {}", name_identifier(grantor)) if grantor else EMPTY
            statements.append(
                Statement(
                    compose(
                        "REVOKE {} FROM {}{}", name_identifier(role), name_identifier(member), by
                    ),
                    titled("membership-revoke-by", member=member, role=role, grantor=grantor)
                    if grantor
                    else title,
                )
            )
    return ChangeSet(title, tuple(statements), (expect,))


# --------------------------------------------------------------------------- role settings


def set_role_setting(
    catalog: Catalog, role: str, name: str, value: str | None, *, database: str | None = None
) -> ChangeSet:
    """``ALTER ROLE role [IN DATABASE db] SET name = value`` (``RESET name`` for None)."""
    expect = ExpectSetting(role, database, name, value)
    if value is None:
        title = (
            titled("role-reset-in", role=role, name=name, database=database)
            if database
            else titled("role-reset", role=role, name=name)
        )
    elif database:
        title = titled("role-set-in", role=role, name=name, value=value, database=database)
    else:
        title = titled("role-set", role=role, name=name, value=value)
    entry = catalog.role(role)
    if entry is not None and expect.holds(catalog):
        return ChangeSet(title, (), (expect,))
    in_db = compose(" IN DATABASE {}", name_identifier(database)) if database else EMPTY
    if value is None:
        stmt = compose(
            "ALTER ROLE {}{} RESET {}", name_identifier(role), in_db, name_identifier(name)
        )
    else:
        stmt = compose(
            "ALTER ROLE {}{} SET {} = {}",
            name_identifier(role),
            in_db,
            name_identifier(name),
            sql.Literal(value),
        )
    return one_change(title, stmt, title, expect)
