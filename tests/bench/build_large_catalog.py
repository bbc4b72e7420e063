"""Build the large access catalog the catalog benchmark runs on (run on demand).

2,000 schemas × 20 tables (plain two-column tables; ``--with-keys`` adds a primary key and a
text column, so an index and a TOAST table per table), 5,000 roles (an owner and an rw role per
schema, 1,000 people), 4,000 memberships, schema grants and default privileges per schema.
Generated SQL in batches, committed every 50 schemas (each CREATE TABLE holds locks until
commit), two connections. About 45 s here for plain tables, 5 min with --with-keys.

    python tests/bench/build_large_catalog.py --dsn "host=... user=postgres dbname=postgres"

creates (or recreates with --fresh) the database ``bench_catalog`` on that server.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import time

import psycopg
from psycopg import sql

DBNAME = "bench_catalog"
SCHEMAS = 2000
TABLES = 20
PEOPLE = 1000
BATCH = 50


def _schema_batch(first: int, last: int, columns: str) -> str:
    out = []
    for i in range(first, last):
        s = f"svc_{i:04d}"
        out.append(f"CREATE SCHEMA {s} AUTHORIZATION {s}_owner;")
        out.append(f"GRANT USAGE ON SCHEMA {s} TO {s}_rw;")
        out.append(f"COMMENT ON SCHEMA {s} IS 'service {i}';")
        out.append(f"SET ROLE {s}_owner;")
        for t in range(TABLES):
            out.append(f"CREATE TABLE {s}.t_{t:02d} {columns};")
        out.append(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {s} TO {s}_rw;")
        out.append("RESET ROLE;")
        out.append(
            f"ALTER DEFAULT PRIVILEGES FOR ROLE {s}_owner IN SCHEMA {s} "
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {s}_rw;"
        )
    return "\n".join(out)


def build(dsn: str, fresh: bool, with_keys: bool) -> None:
    # Plain tables are one pg_class row each; a primary key and a text column add an index, a
    # TOAST table and its index (4 rows, and 4x the build time).
    columns = "(id int PRIMARY KEY, note text)" if with_keys else "(id int, note int)"
    start = time.perf_counter()
    with psycopg.connect(dsn, autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DBNAME]).fetchone()
        if exists and not fresh:
            print(f"{DBNAME} exists (use --fresh to rebuild)")
            return
        admin.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(DBNAME))
        )
        admin.execute("DROP ROLE IF EXISTS bench_migrator")
        admin.execute(
            """DO $$ DECLARE r text; BEGIN
                 FOR r IN SELECT rolname FROM pg_roles
                           WHERE rolname LIKE 'svc\\_%' OR rolname LIKE 'person\\_%'
                 LOOP EXECUTE format('DROP ROLE %I', r); END LOOP; END $$"""
        )
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(DBNAME)))
    target = psycopg.conninfo.make_conninfo(dsn, dbname=DBNAME)
    with psycopg.connect(target, autocommit=True) as conn:
        conn.execute(
            f"""DO $$ BEGIN
                 FOR i IN 0..{SCHEMAS - 1} LOOP
                   EXECUTE format('CREATE ROLE svc_%s_owner NOLOGIN', lpad(i::text, 4, '0'));
                   EXECUTE format('CREATE ROLE svc_%s_rw LOGIN', lpad(i::text, 4, '0'));
                 END LOOP;
                 FOR i IN 0..{PEOPLE - 1} LOOP
                   EXECUTE format('CREATE ROLE person_%s LOGIN', i);
                 END LOOP;
               END $$"""
        )
        # 4,000 memberships: every owner to the migrator, every person in two rw roles.
        conn.execute("CREATE ROLE bench_migrator LOGIN")
        conn.execute(
            f"""DO $$ BEGIN
                 FOR i IN 0..{SCHEMAS - 1} LOOP
                   EXECUTE format('GRANT svc_%s_owner TO bench_migrator', lpad(i::text, 4, '0'));
                 END LOOP;
                 FOR i IN 0..{PEOPLE - 1} LOOP
                   EXECUTE format('GRANT svc_%s_rw TO person_%s',
                                  lpad((i % {SCHEMAS})::text, 4, '0'), i);
                   EXECUTE format('GRANT svc_%s_rw TO person_%s',
                                  lpad(((i + 1000) % {SCHEMAS})::text, 4, '0'), i);
                 END LOOP;
               END $$"""
        )
        conn.execute(
            f"""DO $$ BEGIN
                 FOR i IN 0..{SCHEMAS - 1} LOOP
                   EXECUTE format('ALTER ROLE svc_%s_rw SET statement_timeout = ''5s''',
                                  lpad(i::text, 4, '0'));
                 END LOOP; END $$"""
        )
    print(f"roles and memberships: {time.perf_counter() - start:.1f} s")

    def run(first: int) -> None:
        with psycopg.connect(target) as c:
            batch = _schema_batch(first, min(first + BATCH, SCHEMAS), columns)
            c.execute(batch)  # type: ignore[arg-type]
            c.commit()

    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        list(pool.map(run, range(0, SCHEMAS, BATCH)))
    with psycopg.connect(target, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE pg_class, pg_namespace, pg_authid, pg_auth_members")
        counts = conn.execute(
            "SELECT (SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'svc%'),"
            " (SELECT count(*) FROM pg_class WHERE relkind = 'r' AND relnamespace IN"
            "   (SELECT oid FROM pg_namespace WHERE nspname LIKE 'svc%')),"
            " (SELECT count(*) FROM pg_roles), (SELECT count(*) FROM pg_auth_members),"
            " (SELECT count(*) FROM pg_default_acl)"
        ).fetchone()
    print(
        "schemas, tables, roles, memberships, default ACLs: "
        f"{counts}; built in {time.perf_counter() - start:.1f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dsn", required=True, help="superuser conninfo of the server")
    parser.add_argument("--fresh", action="store_true", help="drop and rebuild")
    parser.add_argument(
        "--with-keys",
        action="store_true",
        help="tables with a primary key and a text column (4 pg_class rows per table)",
    )
    args = parser.parse_args()
    build(args.dsn, args.fresh, args.with_keys)


if __name__ == "__main__":
    main()
