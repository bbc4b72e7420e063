"""Every statement the migration engine sends besides the users' own SQL, as ``psycopg.sql``.

Built here, in core, so that previews show ``as_string()`` of the very objects that run. The
ledger DDL is pgdbm's (``AsyncMigrationManager.ensure_migrations_table``), with the schema
quoted (pgdbm leaves it unquoted, which only differs for mixed-case schemas, where pgdbm fails).
"""

from __future__ import annotations

from psycopg import sql

from schemadesk.core.migrations.project import ModuleConfig

LOCK_PREFIX = "pgdbm_migration_"


def ledger_table(module: ModuleConfig) -> sql.Identifier:
    """The ledger: pgdbm never quotes the table name, so the server folds it to lower case."""
    return sql.Identifier(module.ledger_schema, module.ledger.lower())


def xact_lock(module: ModuleConfig) -> sql.Composed:
    """The transaction-level advisory lock pgdbm takes for every transactional migration."""
    return sql.SQL("SELECT pg_advisory_xact_lock(hashtext('pgdbm_migration_' || {}))").format(
        sql.Literal(module.module_name)
    )


def try_xact_lock(module: ModuleConfig) -> sql.Composed:
    """pgdbm's transaction lock (same key), taken without waiting inside the server.

    schemadesk polls with this instead of waiting in ``pg_advisory_xact_lock``: a session that
    waits inside a statement holds a snapshot, and a ``CREATE INDEX CONCURRENTLY`` run by the
    lock holder would wait for that snapshot, a deadlock.
    """
    return sql.SQL("SELECT pg_try_advisory_xact_lock(hashtext('pgdbm_migration_' || {}))").format(
        sql.Literal(module.module_name)
    )


def try_session_lock(module: ModuleConfig) -> sql.Composed:
    """pgdbm's session lock for no-transaction files, taken without waiting (see above)."""
    return sql.SQL("SELECT pg_try_advisory_lock(hashtext('pgdbm_migration_' || {}))").format(
        sql.Literal(module.module_name)
    )


def session_unlock(module: ModuleConfig) -> sql.Composed:
    return sql.SQL("SELECT pg_advisory_unlock(hashtext('pgdbm_migration_' || {}))").format(
        sql.Literal(module.module_name)
    )


def set_search_path(module: ModuleConfig, *, local: bool) -> sql.Composed | None:
    """``SET [LOCAL] search_path`` as pgdbm's connection for this module has it, or None."""
    path = module.search_path
    if path is None:
        return None
    verb = sql.SQL("SET LOCAL search_path TO " if local else "SET search_path TO ")
    return sql.Composed([verb, sql.SQL(", ").join(sql.Identifier(s) for s in path)])


RESET_SEARCH_PATH = sql.SQL("RESET search_path")


def create_schema(module: ModuleConfig) -> sql.Composed | None:
    """pgdbm's own pool creates its schema on every connection; a shared pool does not."""
    if not module.creates_schema or module.schema is None:
        return None
    return sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(sql.Identifier(module.schema))


def create_ledger(module: ModuleConfig) -> sql.Composed:
    """pgdbm's ledger DDL: the table and its index, one statement each, joined by ``;``."""
    table = ledger_table(module)
    return sql.SQL(
        "CREATE TABLE IF NOT EXISTS {table} (\n"
        "    id SERIAL PRIMARY KEY,\n"
        "    filename VARCHAR(255) NOT NULL,\n"
        "    checksum VARCHAR(64) NOT NULL,\n"
        "    module_name VARCHAR(100),\n"
        "    applied_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,\n"
        "    applied_by VARCHAR(100) DEFAULT CURRENT_USER,\n"
        "    execution_time_ms INTEGER,\n"
        "    UNIQUE(filename, module_name)\n"
        ");\n"
        "CREATE INDEX IF NOT EXISTS {index} ON {table}(module_name, filename)"
    ).format(table=table, index=sql.Identifier(f"idx_{module.ledger.lower()}_module"))


def ledger_check(module: ModuleConfig, filename: str) -> sql.Composed:
    """Is ``filename`` recorded for this module (or for every module, NULL module_name)?"""
    return sql.SQL(
        "SELECT checksum FROM {} WHERE filename = {} AND (module_name = {} OR module_name IS NULL)"
    ).format(ledger_table(module), sql.Literal(filename), sql.Literal(module.module_name))


def ledger_insert(module: ModuleConfig, filename: str, checksum: str, ms: int) -> sql.Composed:
    """The ledger row pgdbm writes: applied_at and applied_by come from the column defaults."""
    return sql.SQL(
        "INSERT INTO {} (filename, checksum, module_name, execution_time_ms) "
        "VALUES ({}, {}, {}, {})"
    ).format(
        ledger_table(module),
        sql.Literal(filename),
        sql.Literal(checksum),
        sql.Literal(module.module_name),
        sql.Literal(ms),
    )


def ledger_rows(module: ModuleConfig) -> sql.Composed:
    """The module's history (its own rows and rows with no module), oldest file name first."""
    return sql.SQL(
        "SELECT id, filename::text, checksum::text, module_name::text, applied_at, "
        "applied_by::text, execution_time_ms FROM {} "
        "WHERE module_name = {} OR module_name IS NULL ORDER BY filename, id"
    ).format(ledger_table(module), sql.Literal(module.module_name))


def accept_checksum(module: ModuleConfig, filename: str, old: str, new: str) -> sql.Composed:
    """Record a drifted file's new checksum (only if the ledger still has the old one)."""
    return sql.SQL(
        "UPDATE {} SET checksum = {} WHERE filename = {} AND checksum = {} "
        "AND (module_name = {} OR module_name IS NULL)"
    ).format(
        ledger_table(module),
        sql.Literal(new),
        sql.Literal(filename),
        sql.Literal(old),
        sql.Literal(module.module_name),
    )


def text(statement: sql.Composable) -> str:
    """The text of a statement as it is sent (literals quoted as libpq would)."""
    return statement.as_string(None)


def lock_holder(module: ModuleConfig) -> sql.Composed:
    """Who holds a module's migration lock (pgdbm's key), see ``advisory_lock_holder``."""
    return advisory_lock_holder("pgdbm_migration_" + module.module_name)


def advisory_lock_holder(key: str) -> sql.Composed:
    """Who holds the advisory lock ``hashtext(key)``: pid, user, application, client, since
    when, and what it runs (``pg_locks`` joined to ``pg_stat_activity``; a bigint advisory key
    shows as ``classid`` = high 32 bits, ``objid`` = low 32 bits, ``objsubid`` = 1)."""
    return sql.SQL(
        "SELECT a.pid, a.usename::text, a.application_name, host(a.client_addr),"
        " to_char(coalesce(a.xact_start, a.backend_start), 'YYYY-MM-DD HH24:MI:SS'),"
        " left(regexp_replace(coalesce(a.query, ''), '\\s+', ' ', 'g'), 120)"
        " FROM (SELECT hashtext({})::bigint AS key) k"
        " JOIN pg_locks l ON l.locktype = 'advisory' AND l.granted AND l.objsubid = 1"
        "  AND l.classid = ((k.key >> 32) & 4294967295)::oid"
        "  AND l.objid = (k.key & 4294967295)::oid"
        " JOIN pg_stat_activity a ON a.pid = l.pid"
        " WHERE l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
        "  AND a.pid <> pg_backend_pid()"
    ).format(sql.Literal(key))
