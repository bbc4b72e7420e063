"""The English of the titles and step labels of default privileges, memberships, role settings
and Citus distributions, by code (the window translates them by code: ui/core_texts/
titles_access.py). Names are parameters; the kind of object is a nested message."""

from __future__ import annotations

import schemadesk.core.messages_acl  # noqa: F401 ("privilege-on-tables"...: the kinds)
from schemadesk.core.messages import Message, said, templates

__all__ = ["Message", "said_title"]

templates(
    {
        # ALTER DEFAULT PRIVILEGES (core/access/change_defaults.py)
        "default-give": "new {kind} of {role} give {privs} to {grantee}",
        "default-give-in": "new {kind} of {role} in schema {schema} give {privs} to {grantee}",
        "default-stop": "new {kind} of {role} stop giving {privs} to {grantee}",
        "default-stop-in": (
            "new {kind} of {role} in schema {schema} stop giving {privs} to {grantee}"
        ),
        # memberships
        "membership-grant": "make {member} a member of {role}",
        "membership-grant-flags": "make {member} a member of {role} ({flags})",
        "flags-1": "{a}",
        "flags-2": "{a}, {b}",
        "flags-3": "{a}, {b}, {c}",
        "membership-may-grant": "may grant it on",
        "membership-inherits": "inherits its rights",
        "membership-no-inherit": "does not inherit its rights",
        "membership-may-set": "may SET ROLE to it",
        "membership-may-not-set": "may not SET ROLE to it",
        "membership-revoke": "remove {member} from {role}",
        "membership-revoke-by": "remove {member} from {role} (granted by {grantor})",
        # ALTER ROLE ... SET / RESET
        "role-set": "{role}: {name} = {value}",
        "role-set-in": "{role}: {name} = {value} in database {database}",
        "role-reset": "{role}: reset {name}",
        "role-reset-in": "{role}: reset {name} in database {database}",
        # Citus distributions (core/citus_changes.py)
        "citus-distribute": "distribute schema {schema}",
        "citus-undistribute": "undistribute schema {schema}",
        "citus-distribute-step": "make {schema} a distributed schema (its tables go to one node)",
        "citus-undistribute-step": (
            "make {schema} a regular schema again (its tables come to the coordinator)"
        ),
    }
)


def said_title(code: str, **params: str | Message) -> str:
    """A title or step label said (names as strings, a kind or flags as nested messages)."""
    return said(Message(code, params))
