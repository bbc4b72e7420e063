"""Applying a pgdbm migration the way pgdbm 0.5.0 does, in plain SQL, for the demo seed.

TODO(engine): once ``schemadesk.db.migrations`` exposes its apply step (one migration in its own
transaction under ``pg_advisory_xact_lock(hashtext('pgdbm_migration_' || module))``, ledger row
written in the same transaction), call it from ``apply_file`` instead of this copy, and take the
renderer and checksum from ``schemadesk.core.migrations.template`` / ``.files``. The seed needs
one extra: recording a checksum other than the file's (to plant drift), and a back-dated
``applied_at`` so the demo's history looks lived-in.
"""

from __future__ import annotations

import hashlib
import re
import time
from datetime import datetime
from typing import Any

import psycopg
from psycopg import sql

_NAME = re.compile(r"^[a-zA-Z_][a-zA-Z0-9_]{0,62}$")
_EXPLICIT = re.compile(r"{{tables\.([a-zA-Z0-9_]+)\.([a-zA-Z0-9_]+)}}")
_IMPLICIT = re.compile(r"{{tables\.([a-zA-Z0-9_]+)}}")
_NO_TRANSACTION = re.compile(r"^-- pgdbm:no-transaction(?=\s|$)", re.MULTILINE)

# pgdbm's ledger DDL, identical in every release; the schema is the module's (not quoted by
# pgdbm, which is the same thing for the demo's lower-case names).
_LEDGER_TABLE = sql.SQL("""\
CREATE TABLE IF NOT EXISTS {ledger} (
    id SERIAL PRIMARY KEY,
    filename VARCHAR(255) NOT NULL,
    checksum VARCHAR(64) NOT NULL,
    module_name VARCHAR(100),
    applied_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    applied_by VARCHAR(100) DEFAULT CURRENT_USER,
    execution_time_ms INTEGER,
    UNIQUE(filename, module_name)
)""")
_LEDGER_INDEX = sql.SQL("CREATE INDEX IF NOT EXISTS {index} ON {ledger}(module_name, filename)")


def checksum(content: str) -> str:
    """pgdbm's checksum: SHA-256 hex of the text, ``\\r\\n`` → ``\\n``, stripped."""
    return hashlib.sha256(content.replace("\r\n", "\n").strip().encode("utf-8")).hexdigest()


def render(content: str, schema: str) -> str:
    """pgdbm's template rendering with a schema: ``{{schema}}`` → ``"schema"``, then
    ``{{tables.s.x}}`` → ``"s".x``, then ``{{tables.x}}`` → ``"schema".x``; plain text
    replacement, also inside comments and literals. Other ``{{...}}`` stay as they are."""
    if not _NAME.match(schema):
        raise ValueError(f"pgdbm refuses the schema name {schema!r}")

    def explicit(match: re.Match[str]) -> str:
        return f'"{_checked(match.group(1))}".{_checked(match.group(2))}'

    def implicit(match: re.Match[str]) -> str:
        return f'"{schema}".{_checked(match.group(1))}'

    text = content.replace("{{schema}}", f'"{schema}"')
    text = _EXPLICIT.sub(explicit, text)
    return _IMPLICIT.sub(implicit, text)


def _checked(name: str) -> str:
    if not _NAME.match(name):
        raise ValueError(f"pgdbm refuses the table name {name!r}")
    return name


def is_no_transaction(content: str) -> bool:
    """True when a line starts with ``-- pgdbm:no-transaction``."""
    return _NO_TRANSACTION.search(content) is not None


def ledger_identifier(schema: str, ledger: str = "schema_migrations") -> sql.Identifier:
    """``schema.ledger`` as an identifier."""
    return sql.Identifier(schema, ledger)


async def ensure_ledger(
    conn: psycopg.AsyncConnection[Any], schema: str, ledger: str = "schema_migrations"
) -> None:
    """pgdbm's ledger table and index in ``schema`` (as the current role: it owns them)."""
    target = ledger_identifier(schema, ledger)
    await conn.execute(_LEDGER_TABLE.format(ledger=target))
    await conn.execute(
        _LEDGER_INDEX.format(index=sql.Identifier(f"idx_{ledger}_module"), ledger=target)
    )


async def apply_file(
    conn: psycopg.AsyncConnection[Any],
    *,
    schema: str,
    module: str,
    filename: str,
    content: str,
    owner: str,
    applied_at: datetime,
    recorded_checksum: str | None = None,
    ledger: str = "schema_migrations",
) -> None:
    """Run one migration and write its ledger row in one transaction, as ``owner``.

    The session looks like pgdbm's own pool with a schema: ``search_path`` is the schema, then
    public. The lock key is pgdbm's, so a pgdbm process could never apply the same file at once.
    ``recorded_checksum`` defaults to the content's checksum.
    """
    if is_no_transaction(content):
        raise ValueError(f"{filename}: the seed does not apply no-transaction files")
    rendered = render(content, schema)
    async with conn.transaction():
        await conn.execute(sql.SQL("SET LOCAL ROLE {}").format(sql.Identifier(owner)))
        await conn.execute(
            sql.SQL("SET LOCAL search_path TO {}, public").format(sql.Identifier(schema))
        )
        await conn.execute(
            "SELECT pg_advisory_xact_lock(hashtext('pgdbm_migration_' || %s))", [module]
        )
        await ensure_ledger(conn, schema, ledger)
        started = time.perf_counter()
        # The file's own text, rendered: it runs as written (one multi-statement execute, like
        # pgdbm), so it is sent as bytes, never composed with values.
        await conn.execute(rendered.encode("utf-8"))
        elapsed_ms = round((time.perf_counter() - started) * 1000)
        await conn.execute(
            sql.SQL(
                "INSERT INTO {} (filename, checksum, module_name, applied_at, execution_time_ms)"
                " VALUES (%s, %s, %s, %s, %s)"
            ).format(ledger_identifier(schema, ledger)),
            [
                filename,
                recorded_checksum or checksum(content),
                module,
                applied_at.replace(tzinfo=None),
                elapsed_ms,
            ],
        )
