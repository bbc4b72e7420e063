"""The English of every comparison message (the window translates them by code)."""

from __future__ import annotations

from schemadesk.core.messages import templates

NONE = "(none)"  # a side without the thing: the window shows its own word for it

templates(
    {
        "diff-schema-only": "schema {schema} exists only in {side}",
        "diff-object-only": "{kind} {name} exists only in {side}",
        "diff-object-kind": "{name} is a {a} in A, a {b} in B",
        "diff-owner": "{subject}: owner {a} in A, {b} in B",
        "diff-grant": "{subject}: {grantee} holds {a} in A, {b} in B",
        "diff-default": (
            "default privileges on {object_type} created by {role} in schema {schema}: "
            "{grantee} gets {a} in A, {b} in B"
        ),
        "diff-default-global": (
            "default privileges on {object_type} created by {role} in any schema: "
            "{grantee} gets {a} in A, {b} in B"
        ),
        "diff-role-only": "role {role} exists only in {side}",
        "diff-role-attribute": "role {role}: {attribute} is {a} in A, {b} in B",
        "diff-role-setting": "role {role}: setting {name} is {a} in A, {b} in B",
        "diff-role-setting-here": (
            "role {role}: setting {name} in this database is {a} in A, {b} in B"
        ),
        "diff-membership": "{member} in role {role}: {a} in A, {b} in B",
        "diff-ledger-only": "migration {module}/{file} is applied only in {side} ({ledger})",
        "diff-ledger-checksum": "migration {module}/{file}: checksum {a} in A, {b} in B",
        "diff-alembic": "Alembic {table}: heads {a} in A, {b} in B",
        "diff-structure": "{subject}: {aspect} is {a} in A, {b} in B",
        "diff-structure-part": "{subject}: {part} {part_name}: {aspect} is {a} in A, {b} in B",
        "diff-structure-only": "{subject}: {part} {part_name} exists only in {side}",
        "diff-note-structure-skipped": (
            "structure was not compared: {pairs} schema pairs (more than {limit}); "
            "name the schemas (--schema, --map) or add --structure"
        ),
        "diff-note-overloaded": (
            "function {name} in schema {schema} is overloaded: its rights are compared, "
            "not scripted"
        ),
        "diff-note-no-role": (
            "role {role} does not exist in B: its rights in schema {schema} are not scripted"
        ),
        "diff-note-unavailable": "{side} could not read {part}: {reason}",
    }
)
