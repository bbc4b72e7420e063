"""Build the large access catalog the catalog benchmarks run on (run on demand).

``--schemas N`` schemas × 20 tables, each with an identity key, a jsonb column and an index on
it (``--plain`` keeps the older two-int-column tables), ``--roles M`` roles (an owner and an rw
role per schema, the rest people), memberships (every owner in the migrator, every person in two
rw roles), schema grants and default privileges per schema. Generated SQL in batches committed
every 10 schemas (each CREATE TABLE holds locks until commit), two connections.

    python tests/bench/build_large_catalog.py --dsn "host=... user=postgres dbname=postgres" \
        --schemas 10000 --roles 20000 --dbname bench_catalog_10000

creates (or recreates with --fresh) the database (default ``bench_catalog``) on that server.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import time

import psycopg
from psycopg import sql

DBNAME = "bench_catalog"
SCHEMAS = 2000
ROLES = 5000
TABLES = 20
BATCH = 10
WORKERS = 2
RECONNECT = 5  # batches per backend
KEYED = "(id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, doc jsonb)"
PLAIN = "(id int, note int)"


def _schema_batch(first: int, last: int, columns: str) -> str:
    out = []
    for i in range(first, last):
        s = f"svc_{i:05d}"
        out.append(f"CREATE SCHEMA {s} AUTHORIZATION {s}_owner;")
        out.append(f"GRANT USAGE ON SCHEMA {s} TO {s}_rw;")
        out.append(f"COMMENT ON SCHEMA {s} IS 'service {i}';")
        out.append(f"SET ROLE {s}_owner;")
        for t in range(TABLES):
            out.append(f"CREATE TABLE {s}.t_{t:02d} {columns};")
            if columns == KEYED:
                out.append(f"CREATE INDEX ON {s}.t_{t:02d} USING gin (doc);")
        # The tables named, not ON ALL TABLES IN SCHEMA: that scans all of pg_class (no index
        # on the namespace alone), which made the build quadratic (188 ms a schema at 3,000).
        tables = ", ".join(f"{s}.t_{t:02d}" for t in range(TABLES))
        out.append(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {tables} TO {s}_rw;")
        out.append("RESET ROLE;")
        out.append(
            f"ALTER DEFAULT PRIVILEGES FOR ROLE {s}_owner IN SCHEMA {s} "
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {s}_rw;"
        )
    return "\n".join(out)


def build(
    dsn: str,
    fresh: bool,
    *,
    plain: bool = False,
    schemas: int = SCHEMAS,
    roles: int = ROLES,
    dbname: str = DBNAME,
    resume: bool = False,
) -> None:
    """Create (or with ``fresh`` recreate) ``dbname`` with the catalog described above; with
    ``resume``, finish a build that was stopped (each batch of schemas is one transaction)."""
    # A keyed table is six pg_class rows (table, identity sequence, key index, jsonb index,
    # TOAST table and its index); a plain one is one row.
    columns = PLAIN if plain else KEYED
    people = roles - 2 * schemas
    if people < 0:
        raise SystemExit(f"--roles must be at least twice --schemas ({2 * schemas})")
    start = time.perf_counter()
    target = psycopg.conninfo.make_conninfo(dsn, dbname=dbname)
    done: set[str] = set()
    if resume and _roles_done(target, schemas):
        with psycopg.connect(target) as conn:
            found = conn.execute("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'svc%'")
            done = {name for (name,) in found}
        print(f"resuming after {len(done)} schemas")
    else:
        _roles_and_database(dsn, target, fresh=fresh or resume, schemas=schemas, people=people)
        print(f"roles and memberships: {time.perf_counter() - start:.1f} s")

    def run(worker: int) -> None:
        # A commit per batch: each CREATE TABLE holds its locks until the commit. A fresh
        # backend every few batches: one that keeps its cache of every relation it created
        # rebuilds all of it whenever the other worker's invalidations overflow its queue,
        # which made the build quadratic (154 ms a schema at 2,300 schemas, 70 at the start).
        batches = range(worker * BATCH, schemas, WORKERS * BATCH)
        todo = [first for first in batches if f"svc_{first:05d}" not in done]
        for chunk in range(0, len(todo), RECONNECT):
            with psycopg.connect(target) as c:
                for first in todo[chunk : chunk + RECONNECT]:
                    c.execute(_schema_batch(first, min(first + BATCH, schemas), columns))  # type: ignore[arg-type]
                    c.commit()
                    if first % 1000 == 0:
                        print(f"  {first} schemas: {time.perf_counter() - start:.0f} s", flush=True)

    with concurrent.futures.ThreadPoolExecutor(WORKERS) as pool:
        list(pool.map(run, range(WORKERS)))
    _summary(target, start)


def _roles_done(target: str, schemas: int) -> bool:
    """Whether a stopped build got past its roles (the rw roles' settings come last)."""
    try:
        with psycopg.connect(target) as conn:
            row = conn.execute("SELECT count(*) FROM pg_db_role_setting").fetchone()
    except psycopg.OperationalError:
        return False  # no database yet
    return row is not None and row[0] >= schemas


def _roles_and_database(dsn: str, target: str, *, fresh: bool, schemas: int, people: int) -> None:
    dbname = psycopg.conninfo.conninfo_to_dict(target)["dbname"]
    with psycopg.connect(dsn, autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [dbname]).fetchone()
        if exists and not fresh:
            raise SystemExit(f"{dbname} exists (use --fresh to rebuild)")
        admin.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(dbname))
        )
        admin.execute("DROP ROLE IF EXISTS bench_migrator")
        admin.execute(
            """DO $$ DECLARE r text; BEGIN
                 FOR r IN SELECT rolname FROM pg_roles
                           WHERE rolname LIKE 'svc\\_%' OR rolname LIKE 'person\\_%'
                 LOOP EXECUTE format('DROP ROLE %I', r); END LOOP; END $$"""
        )
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(dbname)))
    with psycopg.connect(target, autocommit=True) as conn:
        conn.execute(
            f"""DO $$ BEGIN
                 FOR i IN 0..{schemas - 1} LOOP
                   EXECUTE format('CREATE ROLE svc_%s_owner NOLOGIN', lpad(i::text, 5, '0'));
                   EXECUTE format('CREATE ROLE svc_%s_rw LOGIN', lpad(i::text, 5, '0'));
                 END LOOP;
                 FOR i IN 0..{people - 1} LOOP
                   EXECUTE format('CREATE ROLE person_%s LOGIN', i);
                 END LOOP;
               END $$"""
        )
        # Every owner in the migrator, every person in two rw roles.
        conn.execute("CREATE ROLE bench_migrator LOGIN")
        conn.execute(
            f"""DO $$ BEGIN
                 FOR i IN 0..{schemas - 1} LOOP
                   EXECUTE format('GRANT svc_%s_owner TO bench_migrator', lpad(i::text, 5, '0'));
                 END LOOP;
                 FOR i IN 0..{people - 1} LOOP
                   EXECUTE format('GRANT svc_%s_rw TO person_%s',
                                  lpad((i % {schemas})::text, 5, '0'), i);
                   EXECUTE format('GRANT svc_%s_rw TO person_%s',
                                  lpad(((i + {schemas // 2}) % {schemas})::text, 5, '0'), i);
                 END LOOP;
               END $$"""
        )
        conn.execute(
            f"""DO $$ BEGIN
                 FOR i IN 0..{schemas - 1} LOOP
                   EXECUTE format('ALTER ROLE svc_%s_rw SET statement_timeout = ''5s''',
                                  lpad(i::text, 5, '0'));
                 END LOOP; END $$"""
        )


def _summary(target: str, start: float) -> None:
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
    parser.add_argument("--resume", action="store_true", help="finish a build that was stopped")
    parser.add_argument("--schemas", type=int, default=SCHEMAS, help="tenant schemas")
    parser.add_argument("--roles", type=int, default=ROLES, help="roles (at least 2 × schemas)")
    parser.add_argument("--dbname", default=DBNAME, help="database to create")
    parser.add_argument(
        "--plain", action="store_true", help="two-int-column tables (1 pg_class row per table)"
    )
    args = parser.parse_args()
    build(
        args.dsn,
        args.fresh,
        plain=args.plain,
        schemas=args.schemas,
        roles=args.roles,
        dbname=args.dbname,
        resume=args.resume,
    )


if __name__ == "__main__":
    main()
