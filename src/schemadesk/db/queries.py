"""Catalog queries, one named constant each: one aggregated round trip per kind of object."""

from __future__ import annotations

from typing import Final

from psycopg import sql

SERVER_INFO: Final = sql.SQL(
    """
SELECT current_setting('server_version') AS server_version,
       current_setting('server_version_num')::int AS server_version_num,
       current_user::text AS "user",
       current_database()::text AS database,
       current_setting('default_transaction_read_only') = 'on' AS read_only
"""
)

# Every schema but the server's internal toast and temp namespaces, with counts and comment from
# one pass over pg_class and pg_proc. Sizes come apart (SCHEMA_SIZES): they stat every file, which
# on a large catalog costs seconds, so the window paints the list first and fills sizes in after.
SCHEMAS: Final = sql.SQL(
    """
SELECT n.nspname::text AS name,
       pg_get_userbyid(n.nspowner)::text AS owner,
       coalesce(c.tables, 0)::int AS tables,
       coalesce(c.views, 0)::int AS views,
       coalesce(c.sequences, 0)::int AS sequences,
       coalesce(f.functions, 0)::int AS functions,
       d.description AS comment,
       n.nspacl::text[] AS acl
  FROM pg_namespace n
  LEFT JOIN (SELECT relnamespace,
                    count(*) FILTER (WHERE relkind IN ('r', 'p')) AS tables,
                    count(*) FILTER (WHERE relkind IN ('v', 'm')) AS views,
                    count(*) FILTER (WHERE relkind = 'S') AS sequences
               FROM pg_class
              WHERE relkind IN ('r', 'p', 'v', 'm', 'S')
              GROUP BY relnamespace) c ON c.relnamespace = n.oid
  LEFT JOIN (SELECT pronamespace, count(*) AS functions
               FROM pg_proc GROUP BY pronamespace) f ON f.pronamespace = n.oid
  LEFT JOIN pg_description d
         ON d.objoid = n.oid AND d.classoid = 'pg_namespace'::regclass AND d.objsubid = 0
 WHERE n.nspname <> 'pg_toast'
   AND n.nspname NOT LIKE 'pg\\_temp\\_%'
   AND n.nspname NOT LIKE 'pg\\_toast\\_temp\\_%'
 ORDER BY n.nspname COLLATE "C"
"""
)

# Exact size on disk of each schema's tables and materialized views (with indexes and TOAST).
SCHEMA_SIZES: Final = sql.SQL(
    """
SELECT n.nspname::text, coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint
  FROM pg_namespace n
  JOIN pg_class c ON c.relnamespace = n.oid AND c.relkind IN ('r', 'm')
 GROUP BY n.nspname
"""
)
