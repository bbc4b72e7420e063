"""A name as SQL writes it, for the places that show or copy one outside a statement."""

from __future__ import annotations

from psycopg import sql


def quoted_identifier(name: str) -> str:
    """``name`` double-quoted as psycopg quotes an identifier (what a pasted statement needs
    for any name: upper case, spaces, quotes, a keyword)."""
    return sql.Identifier(name).as_string(None)
