"""What no change set may do: touch a system schema, use a name PostgreSQL would cut short,
or take schema ``public``'s default access from every role without being told so."""

from __future__ import annotations

import enum
from collections.abc import Iterator
from typing import TYPE_CHECKING

from psycopg import sql

import schemadesk.core.messages_access  # noqa: F401 (registers the codes said here)
from schemadesk.core.access.acl import PUBLIC
from schemadesk.core.access.expectations import ExpectGrant, ExpectSchemaOwner
from schemadesk.core.access.models import SYSTEM_SCHEMAS
from schemadesk.core.errors import SchemadeskError
from schemadesk.core.messages import Message, english, say
from schemadesk.core.terminal_text import visible_line

if TYPE_CHECKING:
    from schemadesk.core.access.changes import ChangeSet

# NAMEDATALEN - 1: PostgreSQL silently truncates a longer identifier to this many bytes.
NAME_LIMIT_BYTES = 63

PUBLIC_SCHEMA_NOTICE = english(Message("public-schema"))  # core/messages_access.py


class ChangeSetReason(enum.StrEnum):
    """Why a change set cannot be built, for callers to decide on (never the sentence)."""

    NOT_A_PRIVILEGE = "not-a-privilege"
    MISSING_OBJECT = "missing-object"  # a schema, table, sequence or function
    OVERLOADED_FUNCTION = "overloaded-function"
    OTHER_DATABASE = "other-database"  # the catalog is of another database
    SYSTEM_SCHEMA = "system-schema"
    NAME_TOO_LONG = "name-too-long"
    NEEDS_NEWER_SERVER = "needs-newer-server"
    UNKNOWN = "unknown"


class ChangeSetError(SchemadeskError):
    """A change cannot be expressed (unknown privilege, missing object, ambiguous function),
    or must not be (a system schema, a name PostgreSQL would truncate).

    ``reason`` says which; ``names`` are the objects (or privileges) it concerns."""

    exit_code = 2

    def __init__(
        self,
        message: str,
        *,
        reason: ChangeSetReason = ChangeSetReason.UNKNOWN,
        names: tuple[str, ...] = (),
    ) -> None:
        super().__init__(message)
        self.reason = reason
        self.names = names


def is_system_schema(schema: str) -> bool:
    """``pg_*`` and ``information_schema``: PostgreSQL's own, which every role relies on."""
    return schema.startswith("pg_") or schema in SYSTEM_SCHEMAS


def system_schema_refusal(schema: str) -> str | None:
    """Why a change to ``schema`` is refused, or None when it is not a system schema."""
    if not is_system_schema(schema):
        return None
    return say("system-schema", schema=visible_line(schema))


def name_refusal(name: str) -> str | None:
    """Why ``name`` cannot be used (PostgreSQL would truncate it), or None."""
    size = len(name.encode("utf-8"))
    if size <= NAME_LIMIT_BYTES:
        return None
    return say("name-too-long", name=repr(visible_line(name)), size=size, limit=NAME_LIMIT_BYTES)


def _identifiers(composed: sql.Composable) -> Iterator[str]:
    # psycopg keeps the parts of a Composed and the names of an Identifier in ``_obj``; no
    # public accessor exists, and this is read only, never changed. Walked with a stack, not
    # by nested generators: a 10,000-schema ``check --fix`` holds two million parts.
    pending = [composed]
    while pending:
        part = pending.pop()
        if isinstance(part, sql.Identifier):
            yield from part._obj
        elif isinstance(part, sql.Composed):
            pending.extend(reversed(part._obj))


def truncated_names(change: ChangeSet) -> list[str]:
    """One refusal per name in the change set's statements longer than PostgreSQL keeps."""
    seen: set[str] = set()
    found: list[str] = []
    for statement in change.statements:
        for name in _identifiers(statement.sql):
            # 63 bytes hold at least 15 characters: a shorter name needs no encoding.
            if name in seen or len(name) <= NAME_LIMIT_BYTES // 4:
                continue
            seen.add(name)
            refusal = name_refusal(name)
            if refusal:
                found.append(refusal)
    return found


def touches_public_schema(change: ChangeSet) -> bool:
    """True when a statement revokes from PUBLIC on, or changes the owner of, schema public."""
    for e in change.expectations:
        if isinstance(e, ExpectGrant) and (e.kind, e.schema, e.grantee, e.present) == (
            "schema",
            "public",
            PUBLIC,
            False,
        ):
            return True
        if isinstance(e, ExpectSchemaOwner) and e.schema == "public":
            return True
    return False


def refuse_system_schema(schema: str | None) -> None:
    """Raise ``ChangeSetError`` when ``schema`` is PostgreSQL's own (``pg_*``,
    ``information_schema``): every change-set builder that names a schema calls this."""
    refusal = system_schema_refusal(schema) if schema is not None else None
    if refusal:
        raise ChangeSetError(refusal, reason=ChangeSetReason.SYSTEM_SCHEMA, names=(schema or "",))


def refuse_unsafe(change: ChangeSet) -> None:
    """Raise ``ChangeSetError``, before anything runs, when a name in ``change`` is longer
    than PostgreSQL keeps (it would truncate it silently: ``<schema>_owner`` becoming
    ``<schema>_ow``, or ``_owner`` and ``_rw`` collapsing into one role)."""
    found = truncated_names(change)
    if found:
        raise ChangeSetError(
            say("refusals", items=tuple(found)), reason=ChangeSetReason.NAME_TOO_LONG
        )
