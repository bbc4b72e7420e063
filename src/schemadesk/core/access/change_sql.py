"""The fixed SQL fragments change sets are built from: the only way a privilege name or an
object kind reaches a statement (identifiers go through ``sql.Identifier``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

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
