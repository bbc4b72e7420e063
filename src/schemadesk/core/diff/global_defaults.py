"""Default privileges a role gives anywhere (``ALTER DEFAULT PRIVILEGES FOR ROLE r GRANT ...``
without ``IN SCHEMA``), compared for the roles involved and changed on B like the in-schema ones.

A stored global entry replaces the built-in defaults for that kind of object, so a role with no
entry on one side is compared as the server's built-ins: the role itself holds every right, and
PUBLIC holds EXECUTE on functions and USAGE on types.
"""

from __future__ import annotations

from collections.abc import Iterator

from psycopg import sql

from schemadesk.core.access import changes as ch
from schemadesk.core.access.acl import PUBLIC
from schemadesk.core.access.models import (
    Catalog,
    DefaultObjectType,
    DefaultPrivilege,
    privileges_for,
)
from schemadesk.core.diff.access import (
    Renamer,
    Rights,
    grantee_text,
    rights,
    rights_text,
    shared,
)
from schemadesk.core.diff.index import cached
from schemadesk.core.diff.models import Difference, SchemaPair
from schemadesk.core.messages import Message

_PUBLIC_BUILTIN = {"functions": "EXECUTE", "types": "USAGE"}


def builtin_rights(object_type: str, role: str, server_version_num: int) -> Rights:
    """What objects ``role`` creates give without a stored entry (``acldefault``)."""
    kind: DefaultObjectType = object_type  # type: ignore[assignment]
    out: Rights = {role: (shared(frozenset(privileges_for(kind, server_version_num))), frozenset())}
    if object_type in _PUBLIC_BUILTIN:
        out[PUBLIC] = (frozenset({_PUBLIC_BUILTIN[object_type]}), frozenset())
    return out


def _entries(catalog: Catalog) -> dict[str, list[DefaultPrivilege]]:
    def build() -> dict[str, list[DefaultPrivilege]]:
        out: dict[str, list[DefaultPrivilege]] = {}
        for d in catalog.default_privileges:
            if d.schema is None:
                out.setdefault(d.for_role, []).append(d)
        return out

    return cached((catalog,), "global defaults", build)


def global_rights(catalog: Catalog, role: str, rename: Renamer | None = None) -> dict[str, Rights]:
    """object type -> rights of ``role``'s stored global entries (names as B's with ``rename``)."""
    return {
        d.object_type: rights(d.acl, "\x00none", None if rename is None else rename.mapping(d.acl))
        for d in _entries(catalog).get(role, ())
    }


def _both(
    a: Catalog, b: Catalog, name_a: str, name_b: str, pair: SchemaPair
) -> Iterator[tuple[str, Rights, Rights]]:
    ga = global_rights(a, name_a, Renamer(pair))
    gb = global_rights(b, name_b)
    version = b.server_version_num
    for object_type in sorted(ga.keys() | gb.keys()):
        ra = ga.get(object_type) or builtin_rights(object_type, name_b, version)
        rb = gb.get(object_type) or builtin_rights(object_type, name_b, version)
        if ra != rb:
            yield object_type, ra, rb


def compare_global_defaults(
    a: Catalog, b: Catalog, name_a: str, name_b: str, pair: SchemaPair
) -> Iterator[Difference]:
    """The differences of one role pair's global default privileges, grantee by grantee."""
    for object_type, ra, rb in _both(a, b, name_a, name_b, pair):
        for grantee in sorted(ra.keys() | rb.keys()):
            if ra.get(grantee) == rb.get(grantee):
                continue
            av, bv = rights_text(ra.get(grantee)), rights_text(rb.get(grantee))
            params = {
                "object_type": object_type,
                "role": name_b,
                "grantee": grantee_text(grantee),
                "a": av,
                "b": bv,
            }
            yield Difference(
                "default",
                None,
                f"default privileges of {name_b} on {object_type}",
                Message("diff-default-global", params),
                av,
                bv,
            )


def global_default_changes(
    a: Catalog, b: Catalog, name_a: str, name_b: str, pair: SchemaPair
) -> Iterator[ch.ChangeSet]:
    """GRANT / REVOKE default privileges FOR ROLE (no schema) that make B's like A's."""
    for object_type, ra, rb in _both(a, b, name_a, name_b, pair):
        kind: DefaultObjectType = object_type  # type: ignore[assignment]
        for grantee in sorted(ra.keys() | rb.keys()):
            if grantee != PUBLIC and b.role(grantee) is None:
                continue
            wp = ra.get(grantee, (frozenset(), frozenset()))[0]
            hp = rb.get(grantee, (frozenset(), frozenset()))[0]
            for builder, privs in (
                (ch.grant_default_privileges, wp - hp),
                (ch.revoke_default_privileges, hp - wp),
            ):
                if not privs:
                    continue
                change = builder(
                    b, for_role=name_b, schema=None, object_type=kind, grantee=grantee,
                    privileges=privs,
                )  # fmt: skip
                if change.empty:
                    # B has no stored entry: the engine sees nothing to revoke where the
                    # built-ins give it, so the statement is written here.
                    change = _on_builtins(
                        change, grant=builder is ch.grant_default_privileges, role=name_b,
                        kind=kind, grantee=grantee, privs=privs,
                    )  # fmt: skip
                yield change


# Keywords as fixed SQL (never a catalog text): the privileges and kinds of default privileges.
_KEYWORD = {p: sql.SQL(p) for p in ("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE",
            "REFERENCES", "TRIGGER", "MAINTAIN", "USAGE", "CREATE", "EXECUTE")}  # fmt: skip
_ON = {"tables": "TABLES", "sequences": "SEQUENCES", "functions": "ROUTINES", "types": "TYPES",
       "schemas": "SCHEMAS"}  # fmt: skip


def _on_builtins(
    change: ch.ChangeSet,
    *,
    grant: bool,
    role: str,
    kind: DefaultObjectType,
    grantee: str,
    privs: frozenset[str],
) -> ch.ChangeSet:
    """``ALTER DEFAULT PRIVILEGES FOR ROLE role GRANT|REVOKE privs ON kind TO|FROM grantee``."""
    ordered = sql.SQL(", ").join(_KEYWORD[p] for p in sorted(privs))
    verb = sql.SQL("GRANT {} ON {} TO {}") if grant else sql.SQL("REVOKE {} ON {} FROM {}")
    statement = sql.SQL("ALTER DEFAULT PRIVILEGES FOR ROLE {} {}").format(
        sql.Identifier(role),
        verb.format(ordered, sql.SQL(_ON[kind]), ch.grantee_sql(grantee)),
    )
    return ch.ChangeSet(change.title, (ch.Statement(statement, change.title),), change.expectations)
