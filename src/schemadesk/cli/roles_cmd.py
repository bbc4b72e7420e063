"""``schemadesk roles [NAME]``: every role with its attributes and memberships, or one in detail.

The list reads lean (``db.access.role_list``: the columns it prints, tuples, one connection);
one role's detail reads the access catalog's roles, memberships, schemas and default privileges.
A catalog of these the login may not read is an error naming it (exit 1), never a shorter list.
"""

from __future__ import annotations

import argparse
import dataclasses
from collections.abc import Collection, Sequence
from functools import cache
from typing import Any, Final

from schemadesk.cli.common import print_json
from schemadesk.cli.reading import read_once
from schemadesk.cli.table import print_table
from schemadesk.core.access.models import Catalog, Role
from schemadesk.core.errors import ConfigError
from schemadesk.core.terminal_text import visible_line
from schemadesk.db.access import load_catalog
from schemadesk.db.access.loader import ALL_PARTS, Part
from schemadesk.db.access.readable import CONTEXT, refuse_unavailable, refused_as
from schemadesk.db.access.role_list import member_of, role_flags, role_records

# The attributes a role is said to have, in the order the list says them (NOINHERIT when not
# inherit), with the position of each flag in ``role_list.ROLE_FLAGS``' row.
_FLAGS: Final = ("superuser", "login", "createrole", "createdb", "replication", "bypassrls")
_ROLE_FIELDS: Final = tuple(f.name for f in dataclasses.fields(Role))


def read_catalog(args: argparse.Namespace, parts: Collection[Part] = ALL_PARTS) -> Catalog:
    """The access catalog's ``parts``, read once on the chosen profile (a context the login
    may not read: ``CatalogUnreadable``, said as such)."""
    return read_once(args, lambda pool: refused_as(CONTEXT, load_catalog(pool, parts)))


@cache
def attributes(flags: tuple[bool, ...]) -> str:
    """``superuser, login, ...`` of the six flags of ``_FLAGS`` and INHERIT, in that order
    (said for the few combinations there are, not for every role)."""
    said = [name for name, on in zip(_FLAGS, flags, strict=False) if on]
    if not flags[6]:
        said.append("noinherit")
    return ", ".join(said)


def _role_attributes(role: Role) -> str:
    return attributes(
        (
            role.superuser,
            role.login,
            role.createrole,
            role.createdb,
            role.replication,
            role.bypassrls,
            role.inherit,
        )
    )


def run_roles(args: argparse.Namespace) -> int:
    """``roles``: the list (lean), or with a name that role in detail."""
    if args.name is not None:
        # Relations and functions are no part of it (400,000 of them at 10,000 tenant schemas).
        parts: tuple[Part, ...] = ("roles", "memberships", "schemas", "default_privileges")
        catalog = read_catalog(args, parts)
        refuse_unavailable(catalog, parts)  # "does not exist", or facts left out, would lie
        return _one_role(catalog, args.name, as_json=args.json)
    if args.json:
        roles, settings, memberships = read_once(args, role_records)
        print_json(_role_records(roles, settings, member_of(memberships), every=args.all))
        return 0
    flags, memberships = read_once(args, role_flags)
    groups = member_of(memberships)
    none: list[str] = []
    rows = []
    for name, *flag, comment in flags:
        if args.all or not name.startswith("pg_"):  # ``Role.is_predefined``
            first = comment.split("\n")[0] if comment else ""
            rows.append((name, attributes(tuple(flag)), ", ".join(groups.get(name, none)), first))
    print_table(("role", "attributes", "member of", "comment"), rows)
    return 0


def _role_records(
    roles: Sequence[tuple[Any, ...]],
    settings: Sequence[tuple[Any, ...]],
    groups: dict[str, list[str]],
    *,
    every: bool,
) -> list[dict[str, Any]]:
    """Each role as ``dataclasses.asdict`` of its ``Role`` says it, with ``member_of``."""
    said: dict[str, list[tuple[str | None, str, str]]] = {}
    for name, database, config in settings:
        for entry in config or ():
            key, _, value = str(entry).partition("=")
            said.setdefault(name, []).append((database, key, value))
    records = []
    for row in roles:
        name = row[0]
        if not every and name.startswith("pg_"):
            continue
        record = dict(zip(_ROLE_FIELDS, row, strict=False))
        own = sorted(said.get(name, ()), key=lambda s: (s[0] is not None, s[0] or "", s[1]))
        record["settings"] = [{"database": d, "name": k, "value": v} for d, k, v in own]
        record["member_of"] = groups.get(name, [])
        records.append(record)
    return records


def _one_role(catalog: Catalog, name: str, *, as_json: bool) -> int:
    role = catalog.role(name)
    if role is None:
        raise ConfigError(f"role {name!r} does not exist")
    member_of = [m for m in catalog.memberships if m.member == name]
    members = [m for m in catalog.memberships if m.role == name]
    owns = [s.name for s in catalog.schemas if s.owner == name]
    defaults = [d for d in catalog.default_privileges if d.for_role == name]
    if as_json:
        print_json(
            {
                "role": dataclasses.asdict(role),
                "member_of": [dataclasses.asdict(m) for m in member_of],
                "members": [dataclasses.asdict(m) for m in members],
                "owns_schemas": owns,
                "default_privileges": [_default_json(d) for d in defaults],
                "membership_options": catalog.context.membership_options,
            }
        )
        return 0
    _line(f"role {role.name}")
    attrs = _role_attributes(role)
    _line(f"  attributes: {attrs or '(none)'}")
    limit = "none" if role.connection_limit < 0 else str(role.connection_limit)
    _line(f"  connection limit: {limit}; valid until: {role.valid_until or 'always'}")
    if role.comment:
        _line(f"  comment: {role.comment}")
    for s in role.settings:
        where = f"in database {s.database}" if s.database else "in every database"
        _line(f"  setting {s.name} = {s.value} ({where})")
    for m in member_of:
        opts = _options(catalog, m.admin_option, m.inherit_option, m.set_option)
        _line(f"  member of {m.role} {opts} (granted by {m.grantor})")
    for m in members:
        opts = _options(catalog, m.admin_option, m.inherit_option, m.set_option)
        _line(f"  has member {m.member} {opts} (granted by {m.grantor})")
    for schema in owns:
        _line(f"  owns schema {schema}")
    for d in defaults:
        where = f" in schema {d.schema}" if d.schema is not None else ""
        for item in d.acl:
            privs = ", ".join(sorted(item.privileges))
            _line(
                f"  new {d.object_type}{where} give {privs} to {item.grantee_label} "
                f"(granted by {item.grantor})"
            )
    return 0


def _options(catalog: Catalog, admin: bool, inherit: bool, set_option: bool) -> str:
    opts = ["admin"] if admin else []
    if catalog.context.membership_options:
        opts.append("inherit" if inherit else "no inherit")
        opts.append("set" if set_option else "no set")
    else:
        opts.append("inherit" if inherit else "no inherit (member is NOINHERIT)")
    return "[" + ", ".join(opts) + "]"


def _default_json(d: Any) -> dict[str, Any]:
    return {
        "for_role": d.for_role,
        "schema": d.schema,
        "object_type": d.object_type,
        "acl": [_acl_json(i) for i in d.acl],
    }


def _acl_json(item: Any) -> dict[str, Any]:
    return {
        "grantee": item.grantee_label,
        "public": item.is_public,
        "grantor": item.grantor,
        "privileges": sorted(item.privileges),
        "grantable": sorted(item.grantable),
    }


def _line(text: str) -> None:
    """One line of facts: a name holding a newline or an escape shows it escaped."""
    print(visible_line(text))
