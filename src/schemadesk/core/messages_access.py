"""The titles, step labels and locks of actions and access change sets, said from messages.

core/access/changes.py builds a change set's title and each statement's summary here, so that
the window can take the message a text carries and translate it by code (a role or schema
name holding " on " or " to " is never mistaken for a part of the sentence).
"""

from __future__ import annotations

from collections.abc import Sequence

from schemadesk.core.messages import Message, Param, english, said, templates

templates(
    {
        "grant": "grant {privs} on {target} to {role}",
        "revoke": "revoke {privs} on {target} from {role}",
        "on-database": "database {name}",
        "on-schema": "schema {name}",
        "on-tables": "tables in schema {name}",
        "on-sequences": "sequences in schema {name}",
        "on-functions": "functions in schema {name}",
        "object": "{kind} {name}",
        "objects": "{objects}",
        "objects-more": "{objects} and {more} more",
        "create-role": "create role {role}",
        "create-login-role": "create role {role} (can log in)",
        "schema-owner-title": "make {role} the owner of schema {name}",
        "object-owner-title": "make {role} the owner of {object}",
        "run-as": "run as {role}",
        "fix-findings": "fix convention findings",
        "accept-checksum": "Accept the new checksum of {file}",
        "lock-transaction": "transaction advisory lock {key}",
        "lock-session": "session advisory lock {key}",
        "lock-catalog-rows": "catalog row locks of the objects named (brief)",
        "lock-alembic": (
            "row locks of {table} and the locks of each DDL statement (Alembic takes no "
            "advisory lock)"
        ),
        "apply-migrations": "Apply {n} migrations",
        "apply-migration": "Apply {n} migration",
        "rehearse-migrations": "Rehearse {n} migrations",
        "rehearse-migration": "Rehearse {n} migration",
        "system-schema": (
            "{schema} is a system schema (pg_*, information_schema): schemadesk changes neither "
            "its owner nor its rights, on which every role relies"
        ),
        "name-too-long": (
            "name {name} is {size} bytes long; PostgreSQL keeps only the first {limit} bytes of "
            "a name and would silently create a different one: choose a shorter name"
        ),
        # Several refusals of one change set, each said on its own, joined by "; ".
        "refusals": "{items}",
        "public-schema": (
            "this changes schema public, which every role uses by default: revoking PUBLIC's "
            "USAGE or CREATE there takes it from every other role at once (their queries of "
            "unqualified names and their migrations into public start failing with 'permission "
            "denied for schema public'), and a new owner of public decides who may use it from "
            "then on"
        ),
    }
)


def on_target(on: str, schema: str) -> Message:
    """``schema s``, ``tables in schema s``, ``database d``: what a grant's title names."""
    return Message(f"on-{on}", {"name": schema})


def privileges_title(
    verb: str, privs: Sequence[str], target: Message, role: str, *, public: bool
) -> str:
    """``grant USAGE on schema s to r`` / ``revoke ... from PUBLIC``."""
    params: dict[str, Param] = {"privs": ", ".join(privs), "target": target, "role": role}
    params["public"] = int(public)
    return said(Message(verb, params))


def object_label(kind: str, name: str) -> Message:
    """``table s.t``, ``function s.f``: one object a statement names."""
    return Message("object", {"kind": kind, "name": name})


def objects_label(labels: Sequence[Message], more: int) -> Message:
    """Up to three objects, and how many more."""
    objects = ", ".join(english(x) for x in labels)
    if more:
        return Message("objects-more", {"objects": objects, "more": more, "labels": tuple(labels)})
    return Message("objects", {"objects": objects, "labels": tuple(labels)})


def migrations_title(*, rehearse: bool, count: int) -> str:
    """``Apply 3 migrations``, ``Rehearse 1 migration``."""
    code = f"{'rehearse' if rehearse else 'apply'}-migration{'s' if count != 1 else ''}"
    return said(Message(code, {"n": count}))


def said_title(code: str, **params: str) -> str:
    """A title or label with string parameters only (``create role r``, ``run as r``...)."""
    return said(Message(code, params))
