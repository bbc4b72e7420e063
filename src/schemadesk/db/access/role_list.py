"""What ``schemadesk roles`` lists, read lean: the columns it prints, as tuples, no models.

The catalog loader makes a ``Role`` of each of 20,000 rows, merges their settings and indexes
the memberships (most of the verb's 250 ms at 10,000 tenant schemas); the list needs names,
seven flags, a comment and whom each role is a member of. ``--json`` prints every field of a
role with its settings: the loader's own ROLES and ROLE_SETTINGS rows, still without models.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from psycopg import sql

from schemadesk.db.access import queries
from schemadesk.db.access.readable import catalog_rows
from schemadesk.db.connects import Connects

Row = tuple[Any, ...]

# Name, the flags in the order the list says them (NOINHERIT last, said when false) and the
# comment; in the loader's order (ROLES).
ROLE_FLAGS: Final = sql.SQL(
    """
SELECT r.rolname::text, r.rolsuper, r.rolcanlogin, r.rolcreaterole, r.rolcreatedb,
       r.rolreplication, r.rolbypassrls, r.rolinherit, d.description
  FROM pg_roles r
  LEFT JOIN pg_shdescription d
         ON d.objoid = r.oid AND d.classoid = 'pg_authid'::regclass
 ORDER BY r.rolname COLLATE "C"
"""
)

# Member, then the role it is a member of: the memberships' names only (MEMBERSHIPS' rows).
MEMBER_OF: Final = sql.SQL(
    """
SELECT m.rolname::text, r.rolname::text
  FROM pg_auth_members am
  JOIN pg_roles r ON r.oid = am.roleid
  JOIN pg_roles m ON m.oid = am.member
"""
)

# What each read needs, as its error says when the login may not read it (the server's reason
# names the very catalog).
_ROLES: Final = "the roles (pg_roles, pg_shdescription)"
_SETTINGS: Final = "the role settings (pg_db_role_setting)"
_MEMBERSHIPS: Final = "the memberships (pg_auth_members)"


async def role_flags(pool: Connects) -> tuple[list[Row], list[Row]]:
    """``ROLE_FLAGS`` and ``MEMBER_OF`` rows, on one connection (the list's whole read)."""
    async with pool.connection() as conn:
        flags = await catalog_rows(conn, ROLE_FLAGS, _ROLES)
        return flags, await catalog_rows(conn, MEMBER_OF, _MEMBERSHIPS)


async def role_records(pool: Connects) -> tuple[list[Row], list[Row], list[Row]]:
    """The loader's ``ROLES`` and ``ROLE_SETTINGS`` rows and ``MEMBER_OF``'s, on one
    connection (``roles --json``)."""
    async with pool.connection() as conn:
        roles = await catalog_rows(conn, queries.ROLES, _ROLES)
        settings = await catalog_rows(conn, queries.ROLE_SETTINGS, _SETTINGS)
        return roles, settings, await catalog_rows(conn, MEMBER_OF, _MEMBERSHIPS)


def member_of(rows: Sequence[Row]) -> dict[str, list[str]]:
    """Whom each member is a member of, sorted (as the list prints them)."""
    found: dict[str, list[str]] = {}
    for member, role in rows:
        found.setdefault(member, []).append(role)
    for roles in found.values():
        roles.sort()
    return found
