"""Object details of one schema, loaded on demand (runs on the gateway loop).

``load_schema_objects(pool, schema)`` -> ``core.objects.SchemaObjects`` with every object's
columns, indexes, constraints, triggers, policies, owner, ACL, size and DDL, in nine queries
whatever the schema holds; ``SchemaNotFound`` when the schema does not exist.
"""

from schemadesk.db.objects.loader import SchemaNotFound, load_schema_objects, queries_sent

__all__ = ["SchemaNotFound", "load_schema_objects", "queries_sent"]
