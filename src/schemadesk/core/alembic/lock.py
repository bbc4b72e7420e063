"""The lock a schemadesk applier of an Alembic module holds while it upgrades.

Alembic takes no lock of its own: two ``alembic upgrade`` runs on one version table may both
run a revision. schemadesk's appliers of one module exclude each other with a session-level
advisory lock keyed by the module's version table, as pgdbm's do per module. A plain
``alembic upgrade`` run beside them is not excluded: it does not ask for the lock.
"""

from __future__ import annotations

from psycopg import sql

from schemadesk.core.alembic.config import AlembicModule
from schemadesk.core.migrations.statements import advisory_lock_holder


def lock_key(module: AlembicModule) -> str:
    """The text whose ``hashtext`` is the lock: the version table, schema-qualified."""
    return f"schemadesk_alembic_{module.version_table_schema}.{module.version_table}"


def try_lock(module: AlembicModule) -> sql.Composed:
    """Take the module's lock for this session if free (``true``), without waiting."""
    return sql.SQL("SELECT pg_try_advisory_lock(hashtext({}))").format(
        sql.Literal(lock_key(module))
    )


def lock_holder(module: AlembicModule) -> sql.Composed:
    """Who holds the module's lock (see ``advisory_lock_holder``)."""
    return advisory_lock_holder(lock_key(module))
