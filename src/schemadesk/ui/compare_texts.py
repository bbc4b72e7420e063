"""The comparison's messages in the window's language, by code and parameters (never by
parsing core's English): a table of translatable templates with ``{name}`` marks."""

from __future__ import annotations

from collections.abc import Callable

import schemadesk.core.diff.texts  # noqa: F401 (registers the English of the codes)
from schemadesk.core.diff.texts import NONE
from schemadesk.core.messages import Message, english, fill, param_english
from schemadesk.ui.core_texts.fill import translate

_TEMPLATES: dict[str, Callable[[], str]] = {
    "diff-schema-only": lambda: translate("CompareText", "schema {schema} exists only in {side}"),
    "diff-object-only": lambda: translate("CompareText", "{kind} {name} exists only in {side}"),
    "diff-object-kind": lambda: translate("CompareText", "{name} is a {a} in A, a {b} in B"),
    "diff-owner": lambda: translate("CompareText", "{subject}: owner {a} in A, {b} in B"),
    "diff-grant": lambda: translate("CompareText", "{subject}: {grantee} holds {a} in A, {b} in B"),
    "diff-default": lambda: translate(
        "CompareText",
        "default privileges on {object_type} created by {role} in schema {schema}: "
        "{grantee} gets {a} in A, {b} in B",
    ),
    "diff-default-global": lambda: translate(
        "CompareText",
        "default privileges on {object_type} created by {role} in any schema: "
        "{grantee} gets {a} in A, {b} in B",
    ),
    "diff-role-only": lambda: translate("CompareText", "role {role} exists only in {side}"),
    "diff-role-attribute": lambda: translate(
        "CompareText", "role {role}: {attribute} is {a} in A, {b} in B"
    ),
    "diff-role-setting": lambda: translate(
        "CompareText", "role {role}: setting {name} is {a} in A, {b} in B"
    ),
    "diff-role-setting-here": lambda: translate(
        "CompareText", "role {role}: setting {name} in this database is {a} in A, {b} in B"
    ),
    "diff-membership": lambda: translate(
        "CompareText", "{member} in role {role}: {a} in A, {b} in B"
    ),
    "diff-ledger-only": lambda: translate(
        "CompareText", "migration {module}/{file} is applied only in {side} ({ledger})"
    ),
    "diff-ledger-checksum": lambda: translate(
        "CompareText", "migration {module}/{file}: checksum {a} in A, {b} in B"
    ),
    "diff-alembic": lambda: translate("CompareText", "Alembic {table}: heads {a} in A, {b} in B"),
    "diff-structure": lambda: translate("CompareText", "{subject}: {aspect} is {a} in A, {b} in B"),
    "diff-structure-part": lambda: translate(
        "CompareText", "{subject}: {part} {part_name}: {aspect} is {a} in A, {b} in B"
    ),
    "diff-structure-only": lambda: translate(
        "CompareText", "{subject}: {part} {part_name} exists only in {side}"
    ),
    "diff-note-structure-skipped": lambda: translate(
        "CompareText",
        "structure was not compared: {pairs} schema pairs (more than {limit}); "
        "name the schemas to compare it",
    ),
    "diff-note-overloaded": lambda: translate(
        "CompareText",
        "function {name} in schema {schema} is overloaded: its rights are compared, not scripted",
    ),
    "diff-note-no-role": lambda: translate(
        "CompareText",
        "role {role} does not exist in B: its rights in schema {schema} are not scripted",
    ),
    "diff-note-unavailable": lambda: translate(
        "CompareText", "{side} could not read {part}: {reason}"
    ),
}

_CATEGORIES: dict[str, Callable[[], str]] = {
    "schema": lambda: translate("CompareText", "schema"),
    "owner": lambda: translate("CompareText", "owner"),
    "grant": lambda: translate("CompareText", "grant"),
    "default": lambda: translate("CompareText", "default privileges"),
    "role": lambda: translate("CompareText", "role"),
    "setting": lambda: translate("CompareText", "role setting"),
    "membership": lambda: translate("CompareText", "membership"),
    "migration": lambda: translate("CompareText", "migration"),
    "alembic": lambda: translate("CompareText", "Alembic"),
    "structure": lambda: translate("CompareText", "object"),
}


_KINDS: dict[str, Callable[[], str]] = {
    "schema": lambda: translate("CompareText", "schema"),
    "table": lambda: translate("CompareText", "table"),
    "view": lambda: translate("CompareText", "view"),
    "materialized view": lambda: translate("CompareText", "materialized view"),
    "foreign table": lambda: translate("CompareText", "foreign table"),
    "sequence": lambda: translate("CompareText", "sequence"),
    "function": lambda: translate("CompareText", "function"),
    "procedure": lambda: translate("CompareText", "procedure"),
    "aggregate": lambda: translate("CompareText", "aggregate"),
    "window": lambda: translate("CompareText", "window function"),
    "partitioned table": lambda: translate("CompareText", "partitioned table"),
    "type": lambda: translate("CompareText", "type"),
    "domain": lambda: translate("CompareText", "domain"),
}


_OBJECT_TYPES: dict[str, Callable[[], str]] = {
    "tables": lambda: translate("CompareText", "tables"),
    "sequences": lambda: translate("CompareText", "sequences"),
    "functions": lambda: translate("CompareText", "functions"),
    "types": lambda: translate("CompareText", "types"),
    "schemas": lambda: translate("CompareText", "schemas"),
}


_WORDS: dict[str, Callable[[], str]] = {
    "column": lambda: translate("CompareText", "column"),
    "index": lambda: translate("CompareText", "index"),
    "constraint": lambda: translate("CompareText", "constraint"),
    "trigger": lambda: translate("CompareText", "trigger"),
    "policy": lambda: translate("CompareText", "policy"),
    "type": lambda: translate("CompareText", "type"),
    "nullable": lambda: translate("CompareText", "nullable"),
    "default": lambda: translate("CompareText", "default"),
    "identity": lambda: translate("CompareText", "identity"),
    "generated": lambda: translate("CompareText", "generated"),
    "generation expression": lambda: translate("CompareText", "generation expression"),
    "collation": lambda: translate("CompareText", "collation"),
    "definition": lambda: translate("CompareText", "definition"),
    "valid": lambda: translate("CompareText", "valid"),
    "validated": lambda: translate("CompareText", "validated"),
    "state": lambda: translate("CompareText", "state"),
    "kind": lambda: translate("CompareText", "kind"),
    "row level security": lambda: translate("CompareText", "row level security"),
    "forced row level security": lambda: translate("CompareText", "forced row level security"),
    "partition key": lambda: translate("CompareText", "partition key"),
    "unlogged": lambda: translate("CompareText", "unlogged"),
    "storage parameters": lambda: translate("CompareText", "storage parameters"),
    "options": lambda: translate("CompareText", "options"),
    "data type": lambda: translate("CompareText", "data type"),
    "start": lambda: translate("CompareText", "start"),
    "increment": lambda: translate("CompareText", "increment"),
    "minimum": lambda: translate("CompareText", "minimum"),
    "maximum": lambda: translate("CompareText", "maximum"),
    "cache": lambda: translate("CompareText", "cache"),
    "cycle": lambda: translate("CompareText", "cycle"),
    "result": lambda: translate("CompareText", "result"),
    "language": lambda: translate("CompareText", "language"),
    "security definer": lambda: translate("CompareText", "security definer"),
    "volatility": lambda: translate("CompareText", "volatility"),
    "labels": lambda: translate("CompareText", "labels"),
    "subtype": lambda: translate("CompareText", "subtype"),
    "base type": lambda: translate("CompareText", "base type"),
    "command": lambda: translate("CompareText", "command"),
    "permissive": lambda: translate("CompareText", "permissive"),
    "roles": lambda: translate("CompareText", "roles"),
    "using": lambda: translate("CompareText", "using"),
    "with check": lambda: translate("CompareText", "with check"),
}


def word_text(word: str) -> str:
    """A part (column, index...) or an aspect (type, default...) in the window's language."""
    found = _WORDS.get(word)
    return found() if found is not None else word


def kind_text(kind: str) -> str:
    """An object's kind (``table``, ``view``...) in the window's language."""
    found = _KINDS.get(kind)
    return found() if found is not None else kind


def none_text() -> str:
    return translate("CompareText", "(none)")


def value_text(value: str | None) -> str:
    """A side's value; absent or ``(none)`` in the window's words."""
    return none_text() if value is None or value == NONE else value


def category_text(category: str) -> str:
    found = _CATEGORIES.get(category)
    return found() if found is not None else category


def compare_text(message: Message) -> str:
    """The message in the window's language (English when the code is not in the table)."""
    template = _TEMPLATES.get(message.code)
    if template is None:
        return english(message)
    params = {k: param_english(v) for k, v in message.params.items()}
    for key in ("a", "b"):
        if params.get(key) == NONE:
            params[key] = none_text()
    for key in ("part", "aspect"):
        if key in params:
            params[key] = word_text(params[key])
    if message.code in (
        "diff-object-only",
        "diff-owner",
        "diff-grant",
        "diff-structure",
        "diff-structure-part",
        "diff-structure-only",
    ):
        params["kind"] = kind_text(params.get("kind", ""))
        if "subject" in params:
            params["subject"] = f"{params['kind']} {params.get('name', '')}"
    if (
        message.code in ("diff-default", "diff-default-global")
        and params.get("object_type") in _OBJECT_TYPES
    ):
        params["object_type"] = _OBJECT_TYPES[params["object_type"]]()
    if message.code == "diff-object-kind":
        params["a"], params["b"] = kind_text(params["a"]), kind_text(params["b"])
    if message.params.get("owner") == 1:
        params["grantee"] = translate("CompareText", "the owner")
    return fill(template(), params)
