"""Catalog queries of one schema's objects: one named constant per kind, never one per object.

Every query takes the schema's name (the named parameter ``schema``); the loader sends them all
at once, in one pipeline and one transaction on one connection, so the kinds agree with each
other and the load costs one round trip. ``SCHEMA`` is empty when there is no such schema.

The schema's objects are found through their dependency on it (pg_depend's reference index,
which every CREATE and SET SCHEMA keeps): pg_class and pg_type have no index on the namespace,
and scanning them takes hundreds of milliseconds at 2,000 schemas × 20 tables, where the
dependency lookup takes one. The details (columns, indexes, ...) are looked up by the oids of
those objects. Objects that belong to an extension are left out. PostgreSQL 13-18
(``attgenerated = 'v'`` is 18's virtual generated column; NOT NULL constraints, rows in
pg_constraint from 18, are the columns' ``nullable``).
"""

from __future__ import annotations

from typing import Final

from psycopg import sql

SCHEMA: Final = sql.SQL(
    """
SELECT pg_get_userbyid(n.nspowner)::text FROM pg_namespace n WHERE n.nspname = %(schema)s
"""
)


# Relations of the schema.
RELATIONS: Final = sql.SQL(
    """
SELECT c.oid, c.relname::text, c.relkind::text, pg_get_userbyid(c.relowner)::text,
       coalesce(c.relacl,
                acldefault(CASE WHEN c.relkind = 'S' THEN 's' ELSE 'r' END::"char",
                           c.relowner))::text,
       c.relacl IS NULL,
       d.description,
       c.relpersistence = 'u',
       coalesce(c.reloptions, '{}')::text[],
       c.relrowsecurity, c.relforcerowsecurity,
       CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END,
       CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END,
       (SELECT json_agg(json_build_array(pn.nspname, p.relname) ORDER BY i.inhseqno)
          FROM pg_inherits i
          JOIN pg_class p ON p.oid = i.inhparent
          JOIN pg_namespace pn ON pn.oid = p.relnamespace
         WHERE i.inhrelid = c.oid),
       c.relispartition,
       CASE WHEN c.relkind IN ('r', 'm') THEN pg_total_relation_size(c.oid)
            WHEN c.relkind = 'p' THEN (SELECT sum(pg_total_relation_size(relid))::bigint
                                         FROM pg_partition_tree(c.oid))
       END,
       c.reltuples::float8,
       CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid, true) END,
       c.relispopulated,
       format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, s.seqmin, s.seqmax,
       s.seqcache, s.seqcycle,
       CASE WHEN c.relkind = 'S' THEN
           (SELECT json_build_array(t.relname, a.attname, dep.deptype)
              FROM pg_depend dep
              JOIN pg_class t ON t.oid = dep.refobjid
              JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = dep.refobjsubid
             WHERE dep.classid = 'pg_class'::regclass AND dep.objid = c.oid
               AND dep.objsubid = 0 AND dep.refclassid = 'pg_class'::regclass
               AND dep.deptype IN ('a', 'i')
             LIMIT 1)
       END,
       (SELECT fs.srvname::text FROM pg_foreign_table ft
          JOIN pg_foreign_server fs ON fs.oid = ft.ftserver WHERE ft.ftrelid = c.oid)
  FROM pg_depend dn
  JOIN pg_class c ON c.oid = dn.objid
  LEFT JOIN pg_description d
         ON d.objoid = c.oid AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0
  LEFT JOIN pg_sequence s ON s.seqrelid = c.oid
 WHERE dn.refclassid = 'pg_namespace'::regclass
   AND dn.refobjid = (SELECT oid FROM pg_namespace WHERE nspname = %(schema)s)
   AND dn.classid = 'pg_class'::regclass AND dn.deptype = 'n'
   AND c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = %(schema)s)
   AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
   AND NOT EXISTS (SELECT 1 FROM pg_depend e
                    WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid
                      AND e.objsubid = 0 AND e.deptype = 'e')
 ORDER BY c.relname COLLATE "C"
"""
)

# Functions, procedures and aggregates; a range type's constructors (an internal dependency
# on the type: they come and go with it) are the type's.
FUNCTIONS: Final = sql.SQL(
    """
SELECT p.proname::text, pg_get_function_identity_arguments(p.oid), p.prokind::text,
       pg_get_userbyid(p.proowner)::text,
       coalesce(p.proacl, acldefault('f', p.proowner))::text, p.proacl IS NULL,
       d.description,
       CASE WHEN p.prokind <> 'p' THEN pg_get_function_result(p.oid) END,
       l.lanname::text, p.prosecdef, p.provolatile::text,
       CASE WHEN p.prokind <> 'a' THEN pg_get_functiondef(p.oid) END,
       (SELECT json_build_array(a.aggkind, a.aggtransfn::regproc::text,
                                format_type(a.aggtranstype, NULL),
                                nullif(a.aggfinalfn, 0)::regproc::text,
                                nullif(a.aggcombinefn, 0)::regproc::text, a.agginitval,
                                (SELECT o.oprname FROM pg_operator o WHERE o.oid = a.aggsortop))
          FROM pg_aggregate a WHERE a.aggfnoid = p.oid)
  FROM pg_depend dn
  JOIN pg_proc p ON p.oid = dn.objid
  JOIN pg_language l ON l.oid = p.prolang
  LEFT JOIN pg_description d
         ON d.objoid = p.oid AND d.classoid = 'pg_proc'::regclass AND d.objsubid = 0
 WHERE dn.refclassid = 'pg_namespace'::regclass
   AND dn.refobjid = (SELECT oid FROM pg_namespace WHERE nspname = %(schema)s)
   AND dn.classid = 'pg_proc'::regclass AND dn.deptype = 'n'
   AND p.pronamespace = (SELECT oid FROM pg_namespace WHERE nspname = %(schema)s)
   AND NOT EXISTS (SELECT 1 FROM pg_depend e
                    WHERE e.classid = 'pg_proc'::regclass AND e.objid = p.oid
                      AND e.objsubid = 0 AND e.deptype IN ('e', 'i'))
 ORDER BY p.proname COLLATE "C", pg_get_function_identity_arguments(p.oid) COLLATE "C"
"""
)

# Enums, ranges, domains and stand-alone composite types (a table's row type is the table's).
TYPES: Final = sql.SQL(
    """
SELECT t.oid, t.typname::text, t.typtype::text, pg_get_userbyid(t.typowner)::text,
       coalesce(t.typacl, acldefault('T', t.typowner))::text, t.typacl IS NULL,
       d.description, t.typrelid,
       CASE WHEN t.typtype = 'e' THEN
           ARRAY(SELECT e.enumlabel::text FROM pg_enum e
                  WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder)
       END,
       CASE WHEN t.typtype = 'r' THEN
           (SELECT format_type(r.rngsubtype, NULL) FROM pg_range r WHERE r.rngtypid = t.oid)
       END,
       CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod) END,
       t.typdefault, t.typnotnull,
       CASE WHEN t.typtype = 'd' AND t.typcollation <> b.typcollation THEN
           (SELECT json_build_array(cn.nspname, co.collname)
              FROM pg_collation co JOIN pg_namespace cn ON cn.oid = co.collnamespace
             WHERE co.oid = t.typcollation)
       END
  FROM pg_depend dn
  JOIN pg_type t ON t.oid = dn.objid
  LEFT JOIN pg_type b ON b.oid = t.typbasetype
  LEFT JOIN pg_description d
         ON d.objoid = t.oid AND d.classoid = 'pg_type'::regclass AND d.objsubid = 0
 WHERE dn.refclassid = 'pg_namespace'::regclass
   AND dn.refobjid = (SELECT oid FROM pg_namespace WHERE nspname = %(schema)s)
   AND dn.classid = 'pg_type'::regclass AND dn.deptype = 'n'
   AND t.typnamespace = (SELECT oid FROM pg_namespace WHERE nspname = %(schema)s)
   AND (t.typtype IN ('e', 'r', 'd')
        OR (t.typtype = 'c'
            AND (SELECT k.relkind FROM pg_class k WHERE k.oid = t.typrelid) = 'c'))
   AND NOT EXISTS (SELECT 1 FROM pg_depend e
                    WHERE e.classid = 'pg_type'::regclass AND e.objid = t.oid
                      AND e.objsubid = 0 AND e.deptype = 'e')
 ORDER BY t.typname COLLATE "C"
"""
)

# Columns of the relations, and attributes of the stand-alone composite types (whose pg_class
# row has no dependency on the schema: its type has).
COLUMNS: Final = sql.SQL(
    """
SELECT a.attrelid, a.attname::text, a.attnum::int, format_type(a.atttypid, a.atttypmod),
       a.attnotnull, pg_get_expr(ad.adbin, ad.adrelid), a.attidentity::text,
       a.attgenerated::text,
       CASE WHEN a.attcollation <> t.typcollation THEN
           (SELECT json_build_array(cn.nspname, co.collname)
              FROM pg_collation co JOIN pg_namespace cn ON cn.oid = co.collnamespace
             WHERE co.oid = a.attcollation)
       END,
       d.description, a.attislocal, a.attacl::text
  FROM pg_attribute a
  JOIN pg_type t ON t.oid = a.atttypid
  LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
  LEFT JOIN pg_description d
         ON d.objoid = a.attrelid AND d.classoid = 'pg_class'::regclass
        AND d.objsubid = a.attnum
 WHERE a.attrelid IN (SELECT dn.objid FROM pg_depend dn
                      WHERE dn.refclassid = 'pg_namespace'::regclass
                        AND dn.refobjid = (SELECT oid FROM pg_namespace
                                            WHERE nspname = %(schema)s)
                        AND dn.classid = 'pg_class'::regclass AND dn.deptype = 'n'
                     UNION ALL
                     SELECT t.typrelid FROM pg_depend dn
                       JOIN pg_type t ON t.oid = dn.objid
                      WHERE dn.refclassid = 'pg_namespace'::regclass
                        AND dn.refobjid = (SELECT oid FROM pg_namespace
                                            WHERE nspname = %(schema)s)
                        AND dn.classid = 'pg_type'::regclass AND dn.deptype = 'n'
                        AND t.typtype = 'c')
   AND a.attnum > 0 AND NOT a.attisdropped
 ORDER BY a.attrelid, a.attnum
"""
)

INDEXES: Final = sql.SQL(
    """
SELECT i.indrelid, ic.relname::text, pg_get_indexdef(i.indexrelid), i.indisprimary,
       i.indisunique, i.indisvalid, con.conname::text, pg_relation_size(i.indexrelid),
       d.description,
       EXISTS (SELECT 1 FROM pg_inherits ih WHERE ih.inhrelid = i.indexrelid)
  FROM pg_index i
  JOIN pg_class ic ON ic.oid = i.indexrelid
  LEFT JOIN pg_constraint con
         ON con.conrelid = i.indrelid AND con.conindid = i.indexrelid
        AND con.contype IN ('p', 'u', 'x')
  LEFT JOIN pg_description d
         ON d.objoid = i.indexrelid AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0
 WHERE i.indrelid IN (SELECT dn.objid FROM pg_depend dn
                     WHERE dn.refclassid = 'pg_namespace'::regclass
                       AND dn.refobjid = (SELECT oid FROM pg_namespace
                                           WHERE nspname = %(schema)s)
                       AND dn.classid = 'pg_class'::regclass AND dn.deptype = 'n')
 ORDER BY ic.relname COLLATE "C"
"""
)

# Constraints of the relations (first parameter) and of the domains (second); NOT NULL and
# constraint triggers are left out (the column's nullable; the trigger list).
CONSTRAINTS: Final = sql.SQL(
    """
SELECT con.conrelid, con.contypid, con.conname::text, con.contype::text,
       pg_get_constraintdef(con.oid, true), con.conislocal, con.convalidated, d.description
  FROM (SELECT c.* FROM pg_constraint c
         WHERE c.conrelid IN (SELECT dn.objid FROM pg_depend dn
                               WHERE dn.refclassid = 'pg_namespace'::regclass
                                 AND dn.refobjid = (SELECT oid FROM pg_namespace
                                                     WHERE nspname = %(schema)s)
                                 AND dn.classid = 'pg_class'::regclass AND dn.deptype = 'n')
        UNION ALL
        SELECT c.* FROM pg_constraint c
         WHERE c.contypid IN (SELECT dn.objid FROM pg_depend dn
                               WHERE dn.refclassid = 'pg_namespace'::regclass
                                 AND dn.refobjid = (SELECT oid FROM pg_namespace
                                                     WHERE nspname = %(schema)s)
                                 AND dn.classid = 'pg_type'::regclass AND dn.deptype = 'n')
       ) con
  LEFT JOIN pg_description d
         ON d.objoid = con.oid AND d.classoid = 'pg_constraint'::regclass AND d.objsubid = 0
 WHERE con.contype IN ('p', 'u', 'f', 'c', 'x')
 ORDER BY con.contype = 'p' DESC, con.conname COLLATE "C"
"""
)

TRIGGERS: Final = sql.SQL(
    """
SELECT t.tgrelid, t.tgname::text, pg_get_triggerdef(t.oid, true), t.tgenabled::text,
       t.tgparentid <> 0, d.description
  FROM pg_trigger t
  LEFT JOIN pg_description d
         ON d.objoid = t.oid AND d.classoid = 'pg_trigger'::regclass AND d.objsubid = 0
 WHERE t.tgrelid IN (SELECT dn.objid FROM pg_depend dn
                     WHERE dn.refclassid = 'pg_namespace'::regclass
                       AND dn.refobjid = (SELECT oid FROM pg_namespace
                                           WHERE nspname = %(schema)s)
                       AND dn.classid = 'pg_class'::regclass AND dn.deptype = 'n')
   AND NOT t.tgisinternal
 ORDER BY t.tgname COLLATE "C"
"""
)

POLICIES: Final = sql.SQL(
    """
SELECT p.polrelid, p.polname::text, p.polcmd::text, p.polpermissive,
       ARRAY(SELECT CASE WHEN r.oid = 0 THEN '' ELSE pg_get_userbyid(r.oid)::text END
               FROM unnest(p.polroles) WITH ORDINALITY AS r(oid, n) ORDER BY r.n),
       pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid),
       d.description
  FROM pg_policy p
  LEFT JOIN pg_description d
         ON d.objoid = p.oid AND d.classoid = 'pg_policy'::regclass AND d.objsubid = 0
 WHERE p.polrelid IN (SELECT dn.objid FROM pg_depend dn
                     WHERE dn.refclassid = 'pg_namespace'::regclass
                       AND dn.refobjid = (SELECT oid FROM pg_namespace
                                           WHERE nspname = %(schema)s)
                       AND dn.classid = 'pg_class'::regclass AND dn.deptype = 'n')
 ORDER BY p.polname COLLATE "C"
"""
)
