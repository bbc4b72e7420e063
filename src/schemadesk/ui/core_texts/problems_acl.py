"""Errors about privileges (core/messages_acl.py), by code: an ``aclitem`` text not understood,
a privilege that is not one of a kind of object. The kind is a nested message, said in the case
its sentence needs (``на таблицы``). A quoted ``'text'`` is core's repr(): a parameter."""

from __future__ import annotations

from collections.abc import Callable

from schemadesk.ui.core_texts.fill import translate

ACL_TEXTS: dict[str, Callable[[], str]] = {
    "acl-unterminated-name": lambda: translate(
        "CoreText", "unterminated quoted name in aclitem {text}"
    ),
    "acl-no-equals": lambda: translate(
        "CoreText", "aclitem {text}: expected '=' after the grantee"
    ),
    "acl-unknown-letter": lambda: translate(
        "CoreText", "aclitem {text}: unknown privilege letter {letter}"
    ),
    "acl-no-grantor": lambda: translate("CoreText", "aclitem {text}: no grantor"),
    "acl-trailing": lambda: translate(
        "CoreText", "aclitem {text}: trailing text after the grantor"
    ),
    "acl-not-array": lambda: translate("CoreText", "not an array literal: {text}"),
    "acl-unterminated-element": lambda: translate(
        "CoreText", "unterminated element in array literal {text}"
    ),
    "acl-malformed-array": lambda: translate("CoreText", "malformed array literal {text}"),
    "not-a-privilege": lambda: translate(
        "CoreText", "{privilege} is not a privilege on {what} (known: {known}, ALL)"
    ),
    # what a privilege is on (after "на": the accusative)
    "privilege-on-database": lambda: translate("CoreText", "database", "a privilege on"),
    "privilege-on-schema": lambda: translate("CoreText", "schema", "a privilege on"),
    "privilege-on-tables": lambda: translate("CoreText", "tables", "a privilege on"),
    "privilege-on-sequences": lambda: translate("CoreText", "sequences", "a privilege on"),
    "privilege-on-functions": lambda: translate("CoreText", "functions", "a privilege on"),
    "privilege-on-types": lambda: translate("CoreText", "types", "a privilege on"),
    "privilege-on-schemas": lambda: translate("CoreText", "schemas", "a privilege on"),
    "conventions-privilege": lambda: translate(
        "CoreText", "{source}: {key}: {privilege} is not a {kind} privilege"
    ),
    "privilege-kind-table": lambda: translate("CoreText", "table", "a privilege of a"),
    "privilege-kind-sequence": lambda: translate("CoreText", "sequence", "a privilege of a"),
    "privilege-kind-schema": lambda: translate("CoreText", "schema", "a privilege of a"),
    "membership-options-pg16": lambda: translate(
        "CoreText", "INHERIT and SET options of a membership need PostgreSQL 16 or later"
    ),
}
