"""Catalog queries for the objects a schema's owner should own beyond its relations: the types
and domains, and which functions belong to an extension (never re-owned: ``pg_depend`` deptype
``e``). Jobs of the catalog loader, beside its own."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Final

from psycopg import sql

from schemadesk.core.access.models import TypeObject

# Domains, enums, ranges and stand-alone composite types; a table's row type (typrelid of a
# relation that is no composite type), array and multirange types follow their own object and
# are left out, as are the extensions' own. Joins, not a subquery per type: a subquery's
# estimate (a cost per row of pg_type) crossed jit_above_cost on a large catalog, and the
# server spent 0.3-0.4 s compiling a query that runs in a few milliseconds. The stand-alone
# composites are found through the few pg_class rows of relkind 'c' (one hashed list): a join
# to pg_class by typrelid sorted every table's row type and walked all of pg_class's index
# (1.6 s at 10,000 tenant schemas, for no row; 0.2 s this way).
TYPES: Final = sql.SQL(
    """
SELECT n.nspname::text, t.typname::text, t.typtype::text, pg_get_userbyid(t.typowner)::text
  FROM pg_type t
  JOIN pg_namespace n ON n.oid = t.typnamespace
  LEFT JOIN pg_depend dep
         ON dep.classid = 'pg_type'::regclass AND dep.objid = t.oid
        AND dep.refclassid = 'pg_extension'::regclass AND dep.deptype = 'e'
 WHERE t.typtype IN ('d', 'e', 'r', 'c')
   AND (t.typtype <> 'c' OR t.typrelid IN (SELECT c.oid FROM pg_class c WHERE c.relkind = 'c'))
   AND dep.objid IS NULL
   AND n.nspname NOT IN ('pg_catalog', 'information_schema')
   AND n.nspname NOT LIKE 'pg\\_toast%'
   AND n.nspname NOT LIKE 'pg\\_temp\\_%'
"""
)

# Functions that belong to an extension, as (schema, name, identity arguments).
EXTENSION_FUNCTIONS: Final = sql.SQL(
    """
SELECT n.nspname::text, p.proname::text, pg_get_function_identity_arguments(p.oid)
  FROM pg_depend dep
  JOIN pg_proc p ON p.oid = dep.objid
  JOIN pg_namespace n ON n.oid = p.pronamespace
 WHERE dep.classid = 'pg_proc'::regclass AND dep.refclassid = 'pg_extension'::regclass
   AND dep.deptype = 'e'
"""
)

# Each routine's argument types as (schema, name) pairs, so that ``ALTER FUNCTION`` names it
# with composed identifiers only ("pg_catalog"."int4"), never with text read back as SQL. One
# join and aggregate, not two subqueries per routine: their estimate (per row of pg_proc,
# the system's own routines included) made the server compile it (JIT) for 0.4-0.7 s.
ROUTINE_TYPES: Final = sql.SQL(
    """
SELECT n.nspname::text, p.proname::text, pg_get_function_identity_arguments(p.oid),
       coalesce(array_agg(tn.nspname::text ORDER BY a.i) FILTER (WHERE a.i IS NOT NULL), '{}'),
       coalesce(array_agg(ty.typname::text ORDER BY a.i) FILTER (WHERE a.i IS NOT NULL), '{}')
  FROM pg_proc p
  JOIN pg_namespace n ON n.oid = p.pronamespace
  LEFT JOIN LATERAL unnest(p.proargtypes::oid[]) WITH ORDINALITY a(t, i) ON true
  LEFT JOIN pg_type ty ON ty.oid = a.t
  LEFT JOIN pg_namespace tn ON tn.oid = ty.typnamespace
 WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
   AND n.nspname NOT LIKE 'pg\\_toast%'
   AND n.nspname NOT LIKE 'pg\\_temp\\_%'
 GROUP BY p.oid, n.nspname, p.proname
"""
)

# (row key, loader part, query)
JOBS: Final[tuple[tuple[str, str, sql.SQL], ...]] = (
    ("types", "relations", TYPES),
    ("extension_functions", "functions", EXTENSION_FUNCTIONS),
    ("routine_types", "functions", ROUTINE_TYPES),
)


def _type(row: tuple[Any, ...]) -> TypeObject:
    schema, name, typtype, owner = row
    return TypeObject(schema, name, "domain" if typtype == "d" else "type", owner)


def _routine(row: tuple[Any, ...]) -> tuple[str, str, str, tuple[tuple[str, str], ...]]:
    schema, name, arguments, spaces, names = row
    return schema, name, arguments, tuple(zip(spaces, names, strict=True))


def row_builders() -> dict[str, Callable[[tuple[Any, ...]], Any]]:
    """How one row of each job becomes a model."""
    return {"types": _type, "extension_functions": tuple, "routine_types": _routine}


def catalog_fields(found: Mapping[str, list[Any]]) -> dict[str, Any]:
    """The catalog's fields these jobs fill."""
    return {
        "types": tuple(found.get("types", ())),
        "extension_functions": frozenset(found.get("extension_functions", ())),
        "routine_types": tuple(found.get("routine_types", ())),
    }
