"""The English of the errors about privileges, by code: an ``aclitem`` text the parser does not
understand (core/access/acl.py), a privilege that is not one of an object kind (a grant's, a
default privilege's, the conventions file's).

The kind of object a privilege is not one of is a nested message, translated on its own (the
window says it in the case its sentence needs). A quoted ``'text'`` is core's repr(): a
parameter, never part of a sentence the window reads back.
"""

from __future__ import annotations

from schemadesk.core.messages import Message, say, templates

# Import ``say`` from here: the templates below are then registered before anything is said.
__all__ = ["Message", "privilege_target", "say"]

templates(
    {
        # aclitem and aclitem[] texts as the server prints them
        "acl-unterminated-name": "unterminated quoted name in aclitem {text}",
        "acl-no-equals": "aclitem {text}: expected '=' after the grantee",
        "acl-unknown-letter": "aclitem {text}: unknown privilege letter {letter}",
        "acl-no-grantor": "aclitem {text}: no grantor",
        "acl-trailing": "aclitem {text}: trailing text after the grantor",
        "acl-not-array": "not an array literal: {text}",
        "acl-unterminated-element": "unterminated element in array literal {text}",
        "acl-malformed-array": "malformed array literal {text}",
        # a privilege a grant, a revoke or a default privilege names that the kind has not
        "not-a-privilege": "{privilege} is not a privilege on {what} (known: {known}, ALL)",
        "privilege-on-database": "database",
        "privilege-on-schema": "schema",
        "privilege-on-tables": "tables",
        "privilege-on-sequences": "sequences",
        "privilege-on-functions": "functions",
        "privilege-on-types": "types",
        "privilege-on-schemas": "schemas",
        # [conventions]: a privilege list naming what the kind has not
        "conventions-privilege": "{source}: {key}: {privilege} is not a {kind} privilege",
        "privilege-kind-table": "table",
        "privilege-kind-sequence": "sequence",
        "privilege-kind-schema": "schema",
        # a membership's options (core/access/change_defaults.py)
        "membership-options-pg16": (
            "INHERIT and SET options of a membership need PostgreSQL 16 or later"
        ),
    }
)


def privilege_target(what: str) -> Message | str:
    """What a grant names (``tables``, ``schema``...) as a message the window translates; a
    kind without a code stays as it is."""
    code = f"privilege-on-{what}"
    return Message(code) if code in _KINDS else what


_KINDS = {
    f"privilege-on-{k}"
    for k in ("database", "schema", "tables", "sequences", "functions", "types", "schemas")
}
