"""The fixed SQL fragments change sets are built from: the only way a privilege name or an
object kind reaches a statement (identifiers go through ``sql.Identifier``)."""

from __future__ import annotations

import string
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Literal, LiteralString

from psycopg import sql
from psycopg.abc import AdaptContext

from schemadesk.core.access.acl import PUBLIC
from schemadesk.core.access.expectations import PRIVILEGE_ORDER

if TYPE_CHECKING:
    from schemadesk.core.access.change_model import Statement

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
    return _PUBLIC_SQL if name == PUBLIC else name_identifier(name)


_PUBLIC_SQL = sql.SQL("PUBLIC")
EMPTY = sql.SQL("")  # shared: composables are never changed


def privilege_list(privileges: Iterable[str]) -> sql.Composable:
    """The privileges as fixed keywords, in PostgreSQL's order."""
    return _privilege_list(frozenset(privileges))


@lru_cache(maxsize=256)
def _privilege_list(privileges: frozenset[str]) -> sql.Composable:
    # One per set of rights, shared (composables are never changed): a check's 50,000 fixes
    # name a handful of sets.
    ordered = sorted(privileges, key=PRIVILEGE_ORDER.index)
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
    _render(statement, out, None, {})
    return "".join(out)


def statements_text(statements: Iterable[Statement]) -> str:
    """Each statement's ``sql_text`` ending with ``;`` and a newline, in one list: a check
    prints 50,000 fixes of one or two statements each."""
    out: list[str] = []
    done: dict[str, str] = {}
    for statement in statements:
        _render(statement.sql, out, None, done)
        out.append(";\n")
    return "".join(out)


def script_text(statements: Sequence[sql.Composable], context: AdaptContext) -> str:
    """Each statement as ``as_string(context)`` renders it, ending with ``;`` and a newline:
    the text a connection runs. Made the fast way, psycopg's own way where they may differ
    (60,000 statements of a 10,000-schema ``check --fix`` took a second through psycopg)."""
    done: dict[str, str] = {}  # text literals rendered in context: a few values, many times
    pieces: list[str] = []
    for statement in statements:
        _render(statement, pieces, context, done)
        pieces.append(";\n")
    text = "".join(pieces)
    if _as_connection_quotes(text, context):
        return text
    return "".join(s.as_string(context) + ";\n" for s in statements)


def _as_connection_quotes(text: str, context: AdaptContext) -> bool:
    # libpq quotes a name as ``_quoted`` does when the connection speaks UTF-8 and the name
    # holds no NUL (libpq stops there) and no lone surrogate (it cannot be encoded).
    connection = getattr(context, "connection", None)
    if connection is None or connection.info.encoding != "utf-8" or "\x00" in text:
        return False
    try:
        text.encode()
    except UnicodeEncodeError:
        return False
    return True


_SQL, _IDENTIFIER, _COMPOSED, _LITERAL = sql.SQL, sql.Identifier, sql.Composed, sql.Literal


@lru_cache(maxsize=1024)
def _str_literal(value: str) -> str:
    # psycopg's own rendering of a text literal, once per value: a check's 10,000 settings
    # fixes set the same few timeouts, and each rendering went through its adapters.
    return sql.Literal(value).as_string(None)


def _render(
    part: sql.Composable, out: list[str], context: AdaptContext | None, done: dict[str, str]
) -> None:
    # A check's fixes hold two million fragments: a composed's SQL and identifiers are
    # rendered in its own loop, only nested composeds recurse (one call per fragment was
    # a third of printing them). ``done``: text literals rendered in ``context`` so far.
    kind = type(part)
    if kind is _COMPOSED:
        append = out.append
        for item in part._obj:
            kind = type(item)
            if kind is _SQL:
                append(item._obj)  # the template string itself
            elif kind is _IDENTIFIER:
                append(_quoted(item._obj))
            else:
                _render(item, out, context, done)
    elif kind is _LITERAL and type(part._obj) is str:
        value = part._obj
        if context is None:
            out.append(_str_literal(value))
        else:  # with a connection: libpq's quoting, once per value
            found = done.get(value)
            if found is None:
                found = done[value] = part.as_string(context)
            out.append(found)
    elif kind is _SQL:
        out.append(part._obj)
    elif kind is _IDENTIFIER:
        out.append(_quoted(part._obj))
    else:  # literals and the rest: psycopg renders them itself
        out.append(part.as_string(context))


def _quoted(names: Sequence[str]) -> str:
    """psycopg's own quoting without a connection: each part double-quoted, quotes doubled."""
    if len(names) == 2:  # schema.object: most of a fix's names
        schema, name = names
        if '"' not in schema and '"' not in name:
            return f'"{schema}"."{name}"'
    elif len(names) == 1:
        name = names[0]
        return f'"{name}"' if '"' not in name else '"' + name.replace('"', '""') + '"'
    return ".".join('"' + n.replace('"', '""') + '"' for n in names)


def identifier(schema: str, name: str) -> sql.Identifier:
    """``sql.Identifier(schema, name)``, equal to it, for two names already ``str`` (typed
    so): a check's fixes name 200,000 objects, and the constructor checks each part."""
    out = _new(_IDENTIFIER)
    out._obj = (schema, name)  # all that Identifier's own __init__ sets, once checked
    return out


_new = object.__new__


def name_identifier(name: str) -> sql.Identifier:
    """``sql.Identifier(name)``, equal to it, for one name already ``str`` (typed so), as
    ``identifier``: a check's fixes name a role or schema 150,000 times."""
    if type(name) is not str:  # a str subclass goes the checked way
        return sql.Identifier(name)
    out = _new(_IDENTIFIER)
    out._obj = (name,)
    return out
