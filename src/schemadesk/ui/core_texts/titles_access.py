"""Titles and step labels of default privileges, memberships, role settings, Citus moves and
distributions (core/messages_titles.py, core/citus_move.py), by code; the kind of object and a
membership's options are nested messages, translated on their own."""

from __future__ import annotations

from collections.abc import Callable

from schemadesk.ui.core_texts.fill import translate

ACCESS_TITLES: dict[str, Callable[[], str]] = {
    "default-give": lambda: translate("CoreText", "new {kind} of {role} give {privs} to {grantee}"),
    "default-give-in": lambda: translate(
        "CoreText", "new {kind} of {role} in schema {schema} give {privs} to {grantee}"
    ),
    "default-stop": lambda: translate(
        "CoreText", "new {kind} of {role} stop giving {privs} to {grantee}"
    ),
    "default-stop-in": lambda: translate(
        "CoreText", "new {kind} of {role} in schema {schema} stop giving {privs} to {grantee}"
    ),
    "membership-grant": lambda: translate("CoreText", "make {member} a member of {role}"),
    "membership-grant-flags": lambda: translate(
        "CoreText", "make {member} a member of {role} ({flags})"
    ),
    "flags-1": lambda: "{a}",
    "flags-2": lambda: "{a}, {b}",
    "flags-3": lambda: "{a}, {b}, {c}",
    "membership-may-grant": lambda: translate("CoreText", "may grant it on"),
    "membership-inherits": lambda: translate("CoreText", "inherits its rights"),
    "membership-no-inherit": lambda: translate("CoreText", "does not inherit its rights"),
    "membership-may-set": lambda: translate("CoreText", "may SET ROLE to it"),
    "membership-may-not-set": lambda: translate("CoreText", "may not SET ROLE to it"),
    "membership-revoke": lambda: translate("CoreText", "remove {member} from {role}"),
    "membership-revoke-by": lambda: translate(
        "CoreText", "remove {member} from {role} (granted by {grantor})"
    ),
    "role-set": lambda: translate("CoreText", "{role}: {name} = {value}", "a role setting"),
    "role-set-in": lambda: translate("CoreText", "{role}: {name} = {value} in database {database}"),
    "role-reset": lambda: translate("CoreText", "{role}: reset {name}"),
    "role-reset-in": lambda: translate("CoreText", "{role}: reset {name} in database {database}"),
    "citus-distribute": lambda: translate("CoreText", "distribute schema {schema}"),
    "citus-undistribute": lambda: translate("CoreText", "undistribute schema {schema}"),
    "citus-distribute-step": lambda: translate(
        "CoreText", "make {schema} a distributed schema (its tables go to one node)"
    ),
    "citus-undistribute-step": lambda: translate(
        "CoreText", "make {schema} a regular schema again (its tables come to the coordinator)"
    ),
    "citus-move": lambda: translate("CoreText", "move schema {schema} to {target}"),
    "citus-move-step": lambda: translate("CoreText", "move {schema} to {target}"),
}
