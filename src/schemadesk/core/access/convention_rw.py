"""The application role's and PUBLIC's part of the convention check, and the rw set-up."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import lru_cache, partial
from typing import Literal

from psycopg import sql

from schemadesk.core.access.acl import PUBLIC
from schemadesk.core.access.changes import (
    ChangeSet,
    Statement,
    create_role,
    grant_default_privileges,
    grant_privileges,
    revoke_membership,
    revoke_privileges,
    set_role_setting,
)
from schemadesk.core.access.convention_model import Convention, Finding, dedupe, same_setting
from schemadesk.core.access.convention_scan import RelationScan, held_directly
from schemadesk.core.access.effective import RoleGraph, schema_privileges
from schemadesk.core.access.models import Catalog, Relation, Role, Schema
from schemadesk.core.messages import Message, english


def rw_setup(
    catalog: Catalog, conv: Convention, s: str, rw: str, owner: str, *, create: bool
) -> Iterable[ChangeSet]:
    if create:
        yield create_role(rw, login=conv.rw_login)
        catalog = with_role(catalog, rw)
    yield grant_privileges(catalog, rw, s, ["USAGE"])
    if any(r.privilege_kind == "table" for r in catalog.user_relations_in(s)):
        yield grant_privileges(catalog, rw, s, conv.rw_table_privileges, on="tables")
    if any(r.privilege_kind == "sequence" for r in catalog.user_relations_in(s)):
        yield grant_privileges(catalog, rw, s, conv.rw_sequence_privileges, on="sequences")
    yield rw_defaults(catalog, conv, s, rw, owner)
    for name, value in conv.rw_settings:
        yield set_role_setting(catalog, rw, name, value)


def rw_defaults(catalog: Catalog, conv: Convention, s: str, rw: str, owner: str) -> ChangeSet:
    """The default privileges ``owner`` must give ``rw`` in ``s`` and does not (maybe none)."""
    return _defaults_fix(catalog, s, rw, owner, _missing_defaults(catalog, conv, s, rw, owner))


def _missing_defaults(
    catalog: Catalog, conv: Convention, s: str, rw: str, owner: str
) -> list[tuple[str, Sequence[str]]]:
    out: list[tuple[str, Sequence[str]]] = []
    for object_type, wanted in (
        ("tables", conv.rw_table_privileges),
        ("sequences", conv.rw_sequence_privileges),
    ):
        have = _default_coverage(catalog, owner, s, object_type, rw)
        if wanted and not set(wanted) <= have:
            out.append((object_type, wanted))
    return out


def _defaults_fix(
    catalog: Catalog, s: str, rw: str, owner: str, missing: list[tuple[str, Sequence[str]]]
) -> ChangeSet:
    parts = [
        grant_default_privileges(
            catalog,
            for_role=owner,
            schema=s,
            object_type=object_type,  # type: ignore[arg-type]
            grantee=rw,
            privileges=wanted,
        )
        for object_type, wanted in missing
    ]
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


def check_rw(
    catalog: Catalog,
    conv: Convention,
    graph: RoleGraph,
    schema: Schema,
    scan: RelationScan,
    *,
    rw: Role,
    owner: str,
) -> Iterable[Finding]:
    s = schema.name
    sp = schema_privileges(catalog, rw.name, s, graph)
    if not sp.has("USAGE"):
        yield Finding.said(
            s,
            "rw-usage",
            "error",
            partial(grant_privileges, catalog, rw.name, s, ["USAGE"]),
            rw=rw.name,
        )

    # No DDL: no CREATE on the schema, no rights of the owner, no superuser.
    ddl_fixes: list[ChangeSet] = []
    reasons: list[Message] = []
    for reason in sp.get("CREATE").reasons:
        if reason.kind == "public":
            continue  # the PUBLIC check reports it
        reasons.append(Message("ddl-create", {"reason": reason}))
        if reason.kind == "direct":
            ddl_fixes.append(revoke_privileges(catalog, rw.name, s, ["CREATE"]))
        elif len(reason.chain) > 1:
            ddl_fixes.append(revoke_membership(catalog, reason.chain[1], rw.name))
        elif reason.kind == "superuser":
            ddl_fixes.append(_nosuperuser(rw.name))
    owner_chain = graph.privilege_sources(rw.name).get(owner)
    if owner_chain is not None and owner != rw.name:
        chain = " → ".join(owner_chain)
        reasons.append(Message("ddl-owner-rights", {"owner": owner, "chain": chain}))
        ddl_fixes.append(revoke_membership(catalog, owner_chain[1], rw.name))
    if reasons:
        yield Finding.said(
            s,
            "rw-ddl",
            "error",
            partial(dedupe, f"take DDL rights in {s} away from {rw.name}", ddl_fixes),
            rw=rw.name,
            reasons=tuple(reasons),
        )

    yield from check_rw_objects(catalog, conv, scan, s=s, rw=rw.name)

    missing_defaults = _missing_defaults(catalog, conv, s, rw.name, owner)
    if missing_defaults:
        # the fix is made when shown, from the entries found missing here (the same catalog)
        yield Finding.said(
            s,
            "rw-default-privileges",
            "error",
            partial(_defaults_fix, catalog, s, rw.name, owner, missing_defaults),
            rw=rw.name,
            owner=owner,
            tables=_joined(conv.rw_table_privileges),
            sequences=_joined(conv.rw_sequence_privileges),
        )

    database = catalog.context.database
    wrong = tuple(
        (name, actual)
        for name, value in conv.rw_settings
        if not same_setting(actual := rw.setting(name, database), value)
    )
    if wrong:
        now, objects = _settings_said(wrong)
        yield Finding.said(
            s,
            "rw-settings",
            "warning",
            partial(_settings_fix, catalog, conv, rw),
            objects,
            rw=rw.name,
            wanted=_wanted(conv.rw_settings),
            now=now,
        )


@lru_cache(maxsize=64)
def _joined(privileges: tuple[str, ...]) -> str:
    """``SELECT, INSERT``: one string shared by every finding that names the same rights."""
    return ", ".join(privileges)


@lru_cache(maxsize=16)
def _wanted(settings: tuple[tuple[str, str], ...]) -> str:
    return ", ".join(f"{n} = {v}" for n, v in settings)


@lru_cache(maxsize=256)
def _settings_said(
    wrong: tuple[tuple[str, str | None], ...],
) -> tuple[tuple[Message, ...], tuple[str, ...]]:
    """The messages and English of wrong settings, shared by the many roles that have them."""
    now = tuple(
        Message("setting", {"name": name, "value": actual})
        if actual is not None
        else Message("setting-unset", {"name": name})
        for name, actual in wrong
    )
    return now, tuple(english(w) for w in now)


def _settings_fix(catalog: Catalog, conv: Convention, rw: Role) -> ChangeSet:
    """Set the rw role's session settings that differ from the convention's."""
    database = catalog.context.database
    fixes = []
    for name, value in conv.rw_settings:
        if not same_setting(rw.setting(name, database), value):
            per_db = any(x.name == name and x.database == database for x in rw.settings)
            fixes.append(
                set_role_setting(
                    catalog, rw.name, name, value, database=database if per_db else None
                )
            )
    return ChangeSet.combine(f"set {rw.name}'s session timeouts", fixes)


def check_rw_objects(
    catalog: Catalog, conv: Convention, scan: RelationScan, *, s: str, rw: str
) -> Iterable[Finding]:
    """The rw role's rights on the schema's tables, then on its sequences: missing, extra."""
    for kind in ("table", "sequence"):
        yield from _rw_object_findings(
            catalog,
            s=s,
            rw=rw,
            kind=kind,
            wanted=conv.rw_table_privileges if kind == "table" else conv.rw_sequence_privileges,
            lacking=scan.lacking[kind],
            extra=scan.extra[kind],
        )


def _rw_object_findings(
    catalog: Catalog,
    *,
    s: str,
    rw: str,
    kind: Literal["table", "sequence"],
    wanted: Sequence[str],
    lacking: list[str],
    extra: dict[str, set[str]],
) -> Iterable[Finding]:
    on: Literal["tables", "sequences"] = "tables" if kind == "table" else "sequences"
    if lacking:
        names = tuple(lacking)  # one tuple for the fix and the finding
        yield Finding.said(
            s,
            f"rw-{on}-missing",
            "error",
            partial(grant_privileges, catalog, rw, s, wanted, on=on, objects=names),
            names,
            rw=rw,
            privs=_joined(tuple(wanted)),
            n=len(lacking),
        )
    if extra:
        yield Finding.said(
            s,
            f"rw-{on}-extra",
            "warning",
            partial(_revoke_extra, catalog, rw, s, on, extra),
            tuple(f"{n}: {', '.join(sorted(p))}" for n, p in extra.items()),
            rw=rw,
            privs=_joined(tuple(wanted)),
            n=len(extra),
        )


def _revoke_extra(
    catalog: Catalog,
    rw: str,
    s: str,
    on: Literal["tables", "sequences"],
    extra: dict[str, set[str]],
) -> ChangeSet:
    fixes = [
        revoke_privileges(catalog, rw, s, sorted(privs), on=on, objects=[name])
        for name, privs in extra.items()
    ]
    return dedupe(f"revoke extra rights on {on} in {s} from {rw}", fixes)


def _revoke_public(
    catalog: Catalog, s: str, public: list[tuple[Relation, frozenset[str]]]
) -> ChangeSet:
    fixes = [
        revoke_privileges(
            catalog,
            PUBLIC,
            s,
            sorted(held),
            on="sequences" if rel.privilege_kind == "sequence" else "tables",
            objects=[rel.name],
        )
        for rel, held in public
    ]
    return dedupe(f"revoke PUBLIC's rights on objects in {s}", fixes)


def check_public(
    catalog: Catalog, conv: Convention, schema: Schema, scan: RelationScan
) -> Iterable[Finding]:
    s = schema.name
    extra = held_directly(schema.acl, PUBLIC) - set(conv.public_schema_privileges)
    if extra:
        yield Finding.said(
            s,
            "public-schema",
            "error",
            partial(revoke_privileges, catalog, PUBLIC, s, sorted(extra)),
            privs=", ".join(sorted(extra)),
            with_create=int("CREATE" in extra),
        )
    public_objects = [f"{rel.name}: {', '.join(sorted(held))}" for rel, held in scan.public]
    if public_objects:
        yield Finding.said(
            s,
            "public-objects",
            "error",
            partial(_revoke_public, catalog, s, scan.public),
            tuple(public_objects),
            n=len(public_objects),
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


def with_role(catalog: Catalog, name: str, *, login: bool = False) -> Catalog:
    if catalog.role(name) is not None:
        return catalog
    role = Role(name, 0, login, False, False, False, True, False, False, -1, None)
    return replace(catalog, roles=(*catalog.roles, role))
