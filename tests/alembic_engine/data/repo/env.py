"""Alembic environment of the tests: the demo's env.py with three schemas.

Every command names the schema it works on, and the branch label that belongs to it::

    alembic -c alembic.ini -x schema=auth upgrade auth@head
    alembic -c alembic.ini -x schema=inventory current

The version table of schema ``s`` is ``s.alembic_version_s`` (``SCHEMA_VERSION_TABLES``).

A destination outside the schema's own branch (``-x schema=auth upgrade inventory@head``, or
``heads``) is refused: Alembic would record one schema's revisions in another's version table.

Where the database is, first found wins:

1. a SQLAlchemy ``Connection`` a program hands over in ``config.attributes["connection"]``
   (schemadesk's demo seed does);
2. ``-x url=postgresql+psycopg://user@host:port/dbname``;
3. the environment variable ``SCHEMADESK_ALEMBIC_URL``;
4. ``sqlalchemy.url`` in alembic.ini.

``-x role=<name>`` (online mode only) runs the revisions as that role (``SET ROLE``), so objects
are owned by the schema's owner role while the login is ``migrator`` or a superuser:
``-x role=auth_owner``. A program may set ``config.attributes["configure_logger"] = False`` to keep
its own logging configuration.
"""

from __future__ import annotations

import os

from alembic import context
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Connection, create_engine, pool, text

# schema -> its version table (created inside that schema). Add a line for every new schema.
SCHEMA_VERSION_TABLES = {
    "accounts": "alembic_version_accounts",
    "catalog": "alembic_version_catalog",
    "orders": "alembic_version_orders",
}

config = context.config
x_args = context.get_x_argument(as_dictionary=True)

if config.config_file_name is not None and config.attributes.get("configure_logger", True):
    from logging.config import fileConfig

    fileConfig(config.config_file_name, disable_existing_loggers=False)


def target_schema() -> str:
    """The schema named by ``-x schema=...``; refuses to guess."""
    schema = x_args.get("schema")
    known = ", ".join(sorted(SCHEMA_VERSION_TABLES))
    if not schema:
        raise CommandError(f"name the schema: alembic -x schema=<name> ... (one of: {known})")
    if schema not in SCHEMA_VERSION_TABLES:
        raise CommandError(f"unknown schema {schema!r}: add it to SCHEMA_VERSION_TABLES ({known})")
    return schema


def check_destination(schema: str) -> None:
    """Refuse a destination outside the schema's own branch (the branch labelled like it).

    Alembic takes the branch label and ``-x schema`` independently: ``-x schema=auth upgrade
    inventory@head`` would run inventory's DDL and record it in ``auth.alembic_version_auth``.
    """
    try:
        destination = context.get_revision_argument()
    except KeyError:
        return  # no destination: current, history, ...
    except CommandError:
        return  # relative or partial identifiers: left to Alembic
    targets = destination if isinstance(destination, tuple) else (destination,)
    own = branch_revisions(schema)
    for target in targets:
        if target is not None and target not in own:
            raise CommandError(
                f"revision {target} is not on branch {schema!r}: with -x schema={schema}, "
                f"use {schema}@head or a revision of that branch"
            )


def branch_revisions(schema: str) -> set[str]:
    """The branch labelled ``schema``: its head down to base along down_revision only."""
    script = ScriptDirectory.from_config(config)
    found: set[str] = set()
    revision = script.get_revision(f"{schema}@head")
    while revision is not None:
        found.add(revision.revision)
        down = revision.down_revision
        if isinstance(down, tuple | list):  # a merge: follow every parent
            for parent in down:
                found |= _ancestors(script, parent)
            break
        revision = script.get_revision(down) if down else None
    return found


def _ancestors(script: ScriptDirectory, start: str) -> set[str]:
    return {r.revision for r in script.iterate_revisions(start, "base")}


def database_url() -> str | None:
    """``-x url``, then ``SCHEMADESK_ALEMBIC_URL``, then ``sqlalchemy.url``; None when unset."""
    return (
        x_args.get("url")
        or os.environ.get("SCHEMADESK_ALEMBIC_URL")
        or config.get_main_option("sqlalchemy.url")
        or None
    )


def configure_options(schema: str) -> dict[str, object]:
    return {
        "version_table": SCHEMA_VERSION_TABLES[schema],
        "version_table_schema": schema,
        "include_schemas": True,
    }


def run_migrations_offline() -> None:
    """Emit the SQL instead of running it (``alembic upgrade --sql``)."""
    schema = target_schema()
    check_destination(schema)
    url = database_url()
    context.configure(
        url=url,
        dialect_name=None if url else "postgresql",
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
        **configure_options(schema),
    )
    with context.begin_transaction():
        context.run_migrations()


def run_on(connection: Connection) -> None:
    schema = target_schema()
    check_destination(schema)
    preparer = connection.dialect.identifier_preparer
    role = x_args.get("role")
    if role:
        connection.execute(text("SET ROLE " + preparer.quote(role)))
    # Alembic creates the version table before the first revision runs, and the version table
    # lives in the schema: the schema must exist first. Creating it needs CREATE on the database.
    exists = connection.execute(
        text("SELECT 1 FROM pg_namespace WHERE nspname = :schema"), {"schema": schema}
    ).scalar()
    if not exists:
        connection.execute(text("CREATE SCHEMA " + preparer.quote_schema(schema)))
    # Commit the set-up: Alembic's begin_transaction() would otherwise join this transaction
    # and never commit it. SET ROLE is session-wide and survives the commit.
    connection.commit()
    try:
        context.configure(connection=connection, **configure_options(schema))
        with context.begin_transaction():
            context.run_migrations()
    finally:
        if role:
            connection.execute(text("RESET ROLE"))
            connection.commit()


def run_migrations_online() -> None:
    handed_over = config.attributes.get("connection")
    if isinstance(handed_over, Connection):
        run_on(handed_over)
        return
    url = database_url()
    if not url:
        raise CommandError(
            "no database: pass -x url=postgresql+psycopg://user@host/dbname "
            "or set SCHEMADESK_ALEMBIC_URL"
        )
    engine = create_engine(url, poolclass=pool.NullPool)
    try:
        with engine.connect() as connection:
            run_on(connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
