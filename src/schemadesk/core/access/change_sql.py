"""The fixed SQL fragments change sets are built from: the only way a privilege name or an
object kind reaches a statement (identifiers go through ``sql.Identifier``)."""

from __future__ import annotations

import string
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Literal, LiteralString

from psycopg import sql

from schemadesk.core.access.acl import PUBLIC
from schemadesk.core.access.expectations import PRIVILEGE_ORDER

GrantTarget = Literal["database", "schema", "tables", "sequences", "functions"]


# Keywords as fixed SQL fragments: the only way a privilege name reaches a statement.
KEYWORD: dict[str, sql.SQL] = {
    "SELECT": sql.SQL("SELECT"),
    "INSERT": sql.SQL("INSERT"),
    "UPDATE": sql.SQL("UPDATE"),
    "DELETE": sql.SQL("DELETE"),
    "TRUNCATE": sql.SQL("TRUNCATE"),
    "REFERENCES": sql.SQL("REFERENCES"),
    "TRIGGER": sql.SQL("TRIGGER"),
    "MAINTAIN": sql.SQL("MAINTAIN"),
    "USAGE": sql.SQL("USAGE"),
    "CREATE": sql.SQL("CREATE"),
    "EXECUTE": sql.SQL("EXECUTE"),
    "CONNECT": sql.SQL("CONNECT"),
    "TEMPORARY": sql.SQL("TEMPORARY"),
}
ON_ONE: dict[str, sql.SQL] = {
    "schema": sql.SQL("SCHEMA"),
    "tables": sql.SQL("TABLE"),
    "sequences": sql.SQL("SEQUENCE"),
    "functions": sql.SQL("ROUTINE"),
}
ON_ALL: dict[str, sql.SQL] = {
    "tables": sql.SQL("ALL TABLES IN SCHEMA"),
    "sequences": sql.SQL("ALL SEQUENCES IN SCHEMA"),
    "functions": sql.SQL("ALL ROUTINES IN SCHEMA"),
}
DEFAULT_ON: dict[str, sql.SQL] = {
    "tables": sql.SQL("TABLES"),
    "sequences": sql.SQL("SEQUENCES"),
    "functions": sql.SQL("ROUTINES"),
    "types": sql.SQL("TYPES"),
    "schemas": sql.SQL("SCHEMAS"),
}
ALTER_OWNER: dict[str, sql.SQL] = {
    "table": sql.SQL("ALTER TABLE"),
    "view": sql.SQL("ALTER VIEW"),
    "materialized view": sql.SQL("ALTER MATERIALIZED VIEW"),
    "foreign table": sql.SQL("ALTER FOREIGN TABLE"),
    "sequence": sql.SQL("ALTER SEQUENCE"),
}
KIND_OF_TARGET: dict[str, Literal["table", "sequence", "function"]] = {
    "tables": "table",
    "sequences": "sequence",
    "functions": "function",
}


def grantee_sql(name: str) -> sql.Composable:
    """``PUBLIC`` for the empty grantee, else the quoted role name."""
    return sql.SQL("PUBLIC") if name == PUBLIC else sql.Identifier(name)


def privilege_list(privileges: Iterable[str]) -> sql.Composable:
    """The privileges as fixed keywords, in PostgreSQL's order."""
    ordered = sorted(set(privileges), key=PRIVILEGE_ORDER.index)
    return sql.SQL(", ").join(KEYWORD[p] for p in ordered)


# ----------------------------------------------------------------------- composing and rendering
# A whole-catalog check makes the fix SQL of 50,000 findings: ``sql.SQL.format`` parses its
# template on every call and ``as_string`` encodes and decodes every fragment, which together
# were a third of ``check``'s CPU at 10,000 schemas. Both are done here the same way, faster.

_FORMATTER = string.Formatter()


@lru_cache(maxsize=256)
def _template(template: str) -> tuple[sql.SQL | None, ...]:
    """The template's literal pieces as ``sql.SQL``, ``None`` where a ``{}`` field goes."""
    pieces: list[sql.SQL | None] = []
    for pre, name, spec, conv in _FORMATTER.parse(template):
        if spec or conv or name not in (None, ""):
            raise ValueError(f"compose fills only {{}} fields: {template!r}")
        if pre:
            pieces.append(sql.SQL(pre))
        if name is not None:
            pieces.append(None)
    return tuple(pieces)


def compose(template: LiteralString, *args: sql.Composable) -> sql.Composed:
    """``sql.SQL(template).format(*args)`` (``{}`` fields only), equal to it, the template
    parsed once."""
    values = iter(args)
    return composed([next(values) if p is None else p for p in _template(template)])


def composed(parts: list[sql.Composable]) -> sql.Composed:
    """``sql.Composed(parts)``, equal to it, for parts already ``Composable`` (typed so):
    its constructor checks each part against the abstract class to wrap other values as
    literals, and a check's fixes hold two million parts."""
    out = sql.Composed.__new__(sql.Composed)
    sql.Composable.__init__(out, parts)  # what Composed's own __init__ ends with
    return out


def sql_text(statement: sql.Composable) -> str:
    """``statement.as_string()`` without a connection: the same text, made without encoding
    each fragment to bytes and back (``tests/access/test_sql_text.py`` holds them equal)."""
    out: list[str] = []
    _render(statement, out)
    return "".join(out)


def _render(part: sql.Composable, out: list[str]) -> None:
    if type(part) is sql.Composed:
        for item in part:
            _render(item, out)
    elif type(part) is sql.SQL:
        out.append(part.as_string(None))  # the template string itself
    elif type(part) is sql.Identifier:
        # psycopg's own quoting without a connection: each part double-quoted, quotes doubled
        names: Sequence[str] = part._obj
        out.append(".".join('"' + n.replace('"', '""') + '"' for n in names))
    else:  # literals and the rest: psycopg renders them itself
        out.append(part.as_string(None))
