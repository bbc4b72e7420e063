"""Object details: what a schema holds, object by object (pure models, no Qt, no I/O).

Public API (all frozen dataclasses, comparable between two databases: no object ids):

- ``models``: ``SchemaObjects`` (``tables``, ``views``, ``materialized_views``, ``sequences``,
  ``functions``, ``types``, ``domains``; ``by_kind()``, ``objects()``, ``named(name)``), and
  the objects ``Table``, ``View``, ``MaterializedView``, ``Sequence``, ``Function``, ``Type``,
  ``Domain`` (each a ``SchemaObject``: ``schema``, ``name``, ``owner``, ``acl``,
  ``acl_is_default``, ``comment``, ``ddl``, ``kind``, ``signature``) with their ``Column``,
  ``Index``, ``Constraint``, ``Trigger`` and ``Policy``. Loaded by
  ``schemadesk.db.objects.load_schema_objects(pool, schema)``.
- ``ddl.object_ddl(obj)``: the object's DDL as a ``psycopg.sql.Composed`` (the loader renders
  it into ``obj.ddl``).
- ``grants.object_holders(catalog, obj)``: PUBLIC and every role holding a right on the object,
  each right with its reasons (``core.access.effective``).
"""

from schemadesk.core.objects.ddl import object_ddl
from schemadesk.core.objects.grants import Holder, object_holders
from schemadesk.core.objects.models import (
    KINDS,
    AnyObject,
    Column,
    Constraint,
    Domain,
    Function,
    Index,
    MaterializedView,
    Policy,
    SchemaObject,
    SchemaObjects,
    Sequence,
    Table,
    Trigger,
    Type,
    View,
)

__all__ = [
    "KINDS",
    "AnyObject",
    "Column",
    "Constraint",
    "Domain",
    "Function",
    "Holder",
    "Index",
    "MaterializedView",
    "Policy",
    "SchemaObject",
    "SchemaObjects",
    "Sequence",
    "Table",
    "Trigger",
    "Type",
    "View",
    "object_ddl",
    "object_holders",
]
