"""Change sets of a Citus coordinator: a schema made, or made into, a distributed schema (one
that lives whole on one node), and back. Each is one statement the preview shows as it runs."""

from __future__ import annotations

from psycopg import sql

from schemadesk.core.access.changes import ChangeSet, Statement
from schemadesk.core.access.models import Catalog
from schemadesk.core.errors import ConfigError
from schemadesk.core.messages_citus import say
from schemadesk.core.messages_titles import said_title
from schemadesk.core.sql_names import quoted_identifier

# Before CREATE SCHEMA in the same transaction: the new schema is created distributed.
SHARD_NEW_SCHEMAS = Statement(
    sql.Composed([sql.SQL("SET LOCAL citus.enable_schema_based_sharding TO on")]),
    "create the schema as a distributed schema (Citus schema-based sharding)",
)


def _regnamespace(schema: str) -> sql.Composed:
    # regnamespace reads a (quoted) name: the quoted form goes in as a literal, never formatted.
    return sql.SQL("{}::regnamespace").format(sql.Literal(quoted_identifier(schema)))


def _schema_on_cluster(catalog: Catalog, schema: str) -> bool:
    """Whether ``schema`` is distributed now; refuses anything but a user schema on Citus."""
    if catalog.citus is None:
        raise ConfigError(say("citus-not-coordinator"))
    entry = catalog.schema(schema)
    if entry is None:
        raise ConfigError(say("change-no-schema", schema=repr(schema)))
    if entry.is_managed:
        raise ConfigError(say("citus-system-schema", schema=repr(schema)))
    return catalog.citus.schema(schema).distributed


def distribute_schema(catalog: Catalog, schema: str) -> ChangeSet:
    """``citus_schema_distribute``: the schema and its tables move to one node as a tenant."""
    if _schema_on_cluster(catalog, schema):
        return ChangeSet(said_title("citus-distribute", schema=schema))  # it is already
    return ChangeSet(
        said_title("citus-distribute", schema=schema),
        (
            Statement(
                sql.SQL("SELECT citus_schema_distribute({})").format(_regnamespace(schema)),
                said_title("citus-distribute-step", schema=schema),
            ),
        ),
    )


def undistribute_schema(catalog: Catalog, schema: str) -> ChangeSet:
    """``citus_schema_undistribute``: the tenant's tables come back to the coordinator."""
    if not _schema_on_cluster(catalog, schema):
        return ChangeSet(said_title("citus-undistribute", schema=schema))
    return ChangeSet(
        said_title("citus-undistribute", schema=schema),
        (
            Statement(
                sql.SQL("SELECT citus_schema_undistribute({})").format(_regnamespace(schema)),
                said_title("citus-undistribute-step", schema=schema),
            ),
        ),
    )
