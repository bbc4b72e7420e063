"""Catalog queries of the access model, one named constant per kind of object.

Each returns plain tuples in a fixed column order (the loader builds the core models). ACLs come
as the text of the whole ``aclitem[]`` (parsed once per distinct text), NULL replaced by the
server's own default (``acldefault``), plus a flag saying it was NULL. They work on PostgreSQL
13-18; the one difference, PG16's per-grant membership options, has two variants chosen by a
column check in ``CONTEXT``. ``CONTEXT`` also says whether this is a Citus coordinator (the
citus extension's version): only then are the queries of ``db.citus_catalog`` run.
"""

from __future__ import annotations

from typing import Final

from psycopg import sql

CONTEXT: Final = sql.SQL(
    """
SELECT current_setting('server_version_num')::int,
       current_database()::text,
       pg_get_userbyid(d.datdba)::text,
       current_user::text,
       coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = current_user), false),
       EXISTS (SELECT 1 FROM pg_attribute
                WHERE attrelid = 'pg_catalog.pg_auth_members'::regclass
                  AND attname = 'inherit_option' AND NOT attisdropped),
       coalesce(d.datacl, acldefault('d', d.datdba))::text,
       (SELECT extversion::text FROM pg_extension WHERE extname = 'citus')
  FROM pg_database d
 WHERE d.datname = current_database()
"""
)

# Schemas but the toast and temp namespaces, without their contents: the schemas view shows this
# list at once (at 10,000 tenant schemas a pass over pg_class for the counts costs the server a
# second); SCHEMA_COUNTS brings the counts and sizes after it.
# The last column names the extension a schema belongs to: one whose script created it
# (pg_depend 'e': Citus's citus, pg_cron's cron, TimescaleDB's _timescaledb_*), or one that was
# installed into a schema created for it (CREATE EXTENSION created it from the control file's
# ``schema``, or a DBA made it to hold the extension) and that holds nothing but the extension's
# tables and functions. ``public`` and the other schemas initdb made (oid < 16384, the first
# normal object id) stay user schemas even when only pg_trgm lives in them.
SCHEMAS: Final = sql.SQL(
    """
WITH member AS MATERIALIZED (
    SELECT dep.objid AS nsp, min(e.extname::text) AS extname
      FROM pg_depend dep
      JOIN pg_extension e ON e.oid = dep.refobjid
     WHERE dep.classid = 'pg_namespace'::regclass AND dep.refclassid = 'pg_extension'::regclass
       AND dep.deptype = 'e'
     GROUP BY dep.objid
), only_ext AS MATERIALIZED (
    SELECT e.extnamespace AS nsp, min(e.extname::text) AS extname
      FROM pg_extension e
      JOIN pg_namespace en ON en.oid = e.extnamespace
     WHERE en.oid >= 16384 AND en.nspname <> 'public'
       AND NOT EXISTS (SELECT 1 FROM pg_class c
                        WHERE c.relnamespace = e.extnamespace
                          AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
                          AND NOT EXISTS (SELECT 1 FROM pg_depend dep
                                           WHERE dep.classid = 'pg_class'::regclass
                                             AND dep.objid = c.oid AND dep.objsubid = 0
                                             AND dep.refobjid = e.oid AND dep.deptype = 'e'))
       AND NOT EXISTS (SELECT 1 FROM pg_proc p
                        WHERE p.pronamespace = e.extnamespace
                          AND NOT EXISTS (SELECT 1 FROM pg_depend dep
                                           WHERE dep.classid = 'pg_proc'::regclass
                                             AND dep.objid = p.oid AND dep.objsubid = 0
                                             AND dep.refobjid = e.oid AND dep.deptype = 'e'))
     GROUP BY e.extnamespace
)
SELECT n.nspname::text,
       pg_get_userbyid(n.nspowner)::text,
       d.description,
       coalesce(n.nspacl, acldefault('n', n.nspowner))::text,
       n.nspacl IS NULL,
       has_schema_privilege(n.oid, 'USAGE'),
       coalesce(member.extname, only_ext.extname)
  FROM pg_namespace n
  LEFT JOIN pg_description d
         ON d.objoid = n.oid AND d.classoid = 'pg_namespace'::regclass AND d.objsubid = 0
  LEFT JOIN member ON member.nsp = n.oid
  LEFT JOIN only_ext ON only_ext.nsp = n.oid
 WHERE n.nspname <> 'pg_toast'
   AND n.nspname NOT LIKE 'pg\\_temp\\_%'
   AND n.nspname NOT LIKE 'pg\\_toast\\_temp\\_%'
 ORDER BY n.nspname COLLATE "C"
"""
)

# Per schema: tables, views, sequences, functions and the size, from one pass over pg_class.
# The size is the planner's estimate (relpages of tables and indexes, kept by VACUUM / ANALYZE /
# CREATE INDEX; TOAST left out, as joining it doubles the scan of pg_class): pg_total_relation_size
# opens and stats every relation and takes seconds on 40,000 tables. SCHEMA_SIZES gives exact
# sizes for the schemas asked for. Schemas without any of these have no row.
SCHEMA_COUNTS: Final = sql.SQL(
    """
SELECT n.nspname::text,
       coalesce(c.tables, 0)::int,
       coalesce(c.views, 0)::int,
       coalesce(c.sequences, 0)::int,
       coalesce(f.functions, 0)::int,
       (coalesce(c.pages, 0) * current_setting('block_size')::bigint)::bigint
  FROM pg_namespace n
  LEFT JOIN (SELECT c.relnamespace,
                    count(*) FILTER (WHERE c.relkind IN ('r', 'p')) AS tables,
                    count(*) FILTER (WHERE c.relkind IN ('v', 'm')) AS views,
                    count(*) FILTER (WHERE c.relkind = 'S') AS sequences,
                    sum(greatest(c.relpages, 0)::bigint)
                        FILTER (WHERE c.relkind IN ('r', 'm', 'i')) AS pages
               FROM pg_class c
              WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'i')
              GROUP BY c.relnamespace) c ON c.relnamespace = n.oid
  LEFT JOIN (SELECT pronamespace, count(*) AS functions
               FROM pg_proc GROUP BY pronamespace) f ON f.pronamespace = n.oid
 WHERE c.relnamespace IS NOT NULL OR f.pronamespace IS NOT NULL
"""
)

# Exact on-disk size (tables with indexes and TOAST, materialized views) of the schemas named
# in the one parameter (text[]): stats every file, so only for the schemas on screen. Their
# relations found through pg_depend's index on the namespace (each relation depends on its
# schema): pg_class has no index on relnamespace, and a scan of it cost 0.5 s at 10,000 tenant
# schemas for each screenful asked for.
SCHEMA_SIZES: Final = sql.SQL(
    """
SELECT n.nspname::text, coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint
  FROM pg_namespace n
  LEFT JOIN pg_depend dn
         ON dn.refclassid = 'pg_namespace'::regclass AND dn.refobjid = n.oid
        AND dn.refobjsubid = 0 AND dn.classid = 'pg_class'::regclass AND dn.deptype = 'n'
  LEFT JOIN pg_class c ON c.oid = dn.objid AND c.relkind IN ('r', 'm')
 WHERE n.nspname = ANY(%s)
 GROUP BY n.nspname
"""
)

ROLES: Final = sql.SQL(
    """
SELECT r.rolname::text, r.oid::bigint, r.rolcanlogin, r.rolsuper, r.rolcreatedb,
       r.rolcreaterole, r.rolinherit, r.rolreplication, r.rolbypassrls, r.rolconnlimit,
       r.rolvaliduntil, d.description
  FROM pg_roles r
  LEFT JOIN pg_shdescription d
         ON d.objoid = r.oid AND d.classoid = 'pg_authid'::regclass
 ORDER BY r.rolname COLLATE "C"
"""
)

# Settings of roles, global (database NULL) and per database; setrole = 0 rows are per-database
# settings for everybody, not role settings.
ROLE_SETTINGS: Final = sql.SQL(
    """
SELECT r.rolname::text, db.datname::text, s.setconfig
  FROM pg_db_role_setting s
  JOIN pg_roles r ON r.oid = s.setrole
  LEFT JOIN pg_database db ON db.oid = s.setdatabase
 WHERE s.setrole <> 0
"""
)

MEMBERSHIPS_PG16: Final = sql.SQL(
    """
SELECT r.rolname::text, m.rolname::text, coalesce(g.rolname::text, am.grantor::text),
       am.admin_option, am.inherit_option, am.set_option
  FROM pg_auth_members am
  JOIN pg_roles r ON r.oid = am.roleid
  JOIN pg_roles m ON m.oid = am.member
  LEFT JOIN pg_roles g ON g.oid = am.grantor
"""
)

# Before PG16 a membership inherits when the member has INHERIT, and SET is always allowed.
MEMBERSHIPS_PRE16: Final = sql.SQL(
    """
SELECT r.rolname::text, m.rolname::text, coalesce(g.rolname::text, am.grantor::text),
       am.admin_option, m.rolinherit, true
  FROM pg_auth_members am
  JOIN pg_roles r ON r.oid = am.roleid
  JOIN pg_roles m ON m.oid = am.member
  LEFT JOIN pg_roles g ON g.oid = am.grantor
"""
)

# User relations (system schemas left out) with owner and ACL, grouped: one row per schema, kind,
# owner and ACL, with the names of the relations that share them (a tenant schema's 20 tables
# are one row, not 20: at 10,000 schemas the client receives 20,000 rows rather than 400,000,
# each owner and ACL text once). For sequences, a second array names the table each belongs to
# (serial or identity column), whose owner it always shares (looked up by index for sequences
# only: a join would hash all of pg_depend); NULL for the other kinds. Both arrays in name order,
# so that two loads list a schema's objects alike (``check`` prints them in that order).
_RELATIONS: Final = """
SELECT r.nspname, r.relkind, r.owner, r.acl, r.is_default, array_agg(r.relname ORDER BY r.relname),
       CASE WHEN r.relkind = 'S' THEN {links} END
  FROM (SELECT n.nspname::text AS nspname, c.relname::text AS relname,
               c.relkind::text AS relkind, pg_get_userbyid(c.relowner)::text AS owner,
               coalesce(c.relacl,
                        acldefault(CASE WHEN c.relkind = 'S' THEN 's' ELSE 'r' END::"char",
                                   c.relowner))::text AS acl,
               c.relacl IS NULL AS is_default{owned_by}
          FROM pg_class c
          JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
           AND n.nspname NOT IN ('pg_catalog', 'information_schema')
           AND n.nspname NOT LIKE 'pg\\_toast%'
           AND n.nspname NOT LIKE 'pg\\_temp\\_%') r
 GROUP BY r.nspname, r.relkind, r.owner, r.acl, r.is_default
 ORDER BY r.nspname, r.relkind, r.owner, r.acl
"""

RELATIONS: Final = sql.SQL(_RELATIONS).format(
    links=sql.SQL("array_agg(r.owned_by ORDER BY r.relname)"),
    owned_by=sql.SQL(
        """,
               CASE WHEN c.relkind = 'S' THEN
                   (SELECT t.relname::text
                      FROM pg_depend dep
                      JOIN pg_class t ON t.oid = dep.refobjid
                     WHERE dep.classid = 'pg_class'::regclass AND dep.objid = c.oid
                       AND dep.objsubid = 0 AND dep.refclassid = 'pg_class'::regclass
                       AND dep.deptype IN ('a', 'i')
                     LIMIT 1)
               END AS owned_by"""
    ),
)

# RELATIONS without the sequences' tables (NULL in their place): the per-sequence lookup was 60 %
# of its server time at 10,000 tenant schemas (200,000 index lookups, run by the leader alone
# above the parallel scan). The window reads this and asks SEQUENCE_TABLES for the sequences the
# convention check needs them of (``sequence_links``); no view shows them.
RELATIONS_UNLINKED: Final = sql.SQL(_RELATIONS).format(
    links=sql.SQL("NULL::text[]"), owned_by=sql.SQL("")
)

# The table each of the sequences named (parameters: their schemas, their names; two text[] of
# equal length) belongs to, as RELATIONS says it: by index, sequence by sequence, no scan.
SEQUENCE_TABLES: Final = sql.SQL(
    """
SELECT q.nsp, q.seq, owned.relname
  FROM unnest(%s::text[], %s::text[]) AS q(nsp, seq)
  JOIN pg_namespace n ON n.nspname = q.nsp::name
  JOIN pg_class s ON s.relname = q.seq::name AND s.relnamespace = n.oid AND s.relkind = 'S'
  CROSS JOIN LATERAL (SELECT t.relname::text AS relname
                        FROM pg_depend dep
                        JOIN pg_class t ON t.oid = dep.refobjid
                       WHERE dep.classid = 'pg_class'::regclass AND dep.objid = s.oid
                         AND dep.objsubid = 0 AND dep.refclassid = 'pg_class'::regclass
                         AND dep.deptype IN ('a', 'i')
                       LIMIT 1) owned
"""
)

FUNCTIONS: Final = sql.SQL(
    """
SELECT n.nspname::text, p.proname::text, pg_get_function_identity_arguments(p.oid),
       p.prokind::text, pg_get_userbyid(p.proowner)::text,
       coalesce(p.proacl, acldefault('f', p.proowner))::text, p.proacl IS NULL
  FROM pg_proc p
  JOIN pg_namespace n ON n.oid = p.pronamespace
 WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
   AND n.nspname NOT LIKE 'pg\\_toast%'
   AND n.nspname NOT LIKE 'pg\\_temp\\_%'
"""
)

DEFAULT_PRIVILEGES: Final = sql.SQL(
    """
SELECT pg_get_userbyid(d.defaclrole)::text, n.nspname::text, d.defaclobjtype::text,
       d.defaclacl::text
  FROM pg_default_acl d
  LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace
"""
)

# Relations that belong to an extension (Citus's citus_tables view in public, pg_stat_statements'
# view, ...): the convention never re-owns them nor revokes their grants. One pass over the
# extension rows of pg_depend, beside RELATIONS.
EXTENSION_RELATIONS: Final = sql.SQL(
    """
SELECT n.nspname::text, c.relname::text
  FROM pg_depend dep
  JOIN pg_class c ON c.oid = dep.objid
  JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE dep.classid = 'pg_class'::regclass AND dep.refclassid = 'pg_extension'::regclass
   AND dep.deptype = 'e'
"""
)

# What a refresh compares before reading the catalog again. The snapshot alone answers "nothing
# committed since" (the same in-progress list and horizon means the same committed set); on a
# busy server it always moves, so FINGERPRINT then says which catalogs changed: per catalog the
# row count and the sum of the row versions' xmin (any insert, update or delete moves one of
# them). pg_authid is for superusers only: the roles are summed by content through pg_roles.
SNAPSHOT: Final = sql.SQL("SELECT pg_current_snapshot()::text")

FINGERPRINT: Final = sql.SQL(
    """
SELECT 'pg_namespace', count(*), sum(xmin::text::bigint)::text FROM pg_namespace
UNION ALL SELECT 'pg_class', count(*), sum(xmin::text::bigint)::text FROM pg_class
UNION ALL SELECT 'pg_proc', count(*), sum(xmin::text::bigint)::text FROM pg_proc
UNION ALL SELECT 'pg_depend', count(*), sum(xmin::text::bigint)::text FROM pg_depend
UNION ALL SELECT 'pg_description', count(*), sum(xmin::text::bigint)::text FROM pg_description
UNION ALL SELECT 'pg_extension', count(*), sum(xmin::text::bigint)::text FROM pg_extension
UNION ALL SELECT 'pg_default_acl', count(*), sum(xmin::text::bigint)::text FROM pg_default_acl
UNION ALL SELECT 'pg_auth_members', count(*), sum(xmin::text::bigint)::text FROM pg_auth_members
UNION ALL SELECT 'pg_db_role_setting', count(*), sum(xmin::text::bigint)::text
            FROM pg_db_role_setting
UNION ALL SELECT 'pg_shdescription', count(*), sum(xmin::text::bigint)::text
            FROM pg_shdescription
UNION ALL SELECT 'pg_database', count(*), sum(xmin::text::bigint)::text FROM pg_database
UNION ALL SELECT 'pg_authid', count(*), sum(hashtext(r::text)::bigint)::text FROM pg_roles r
"""
)
