"""The convention check's pass over a schema's relations, against PostgreSQL's own answers.

The check evaluates each (kind, owner, ACL) of a schema once and reports relations by name in
the catalog's order. Here tables and sequences with hostile names get several different ACLs at
once (rights missing on some, extra on others, PUBLIC on a few, a view and a table sharing one
ACL text); what the check reports is compared with what the server says:
``has_table_privilege`` / ``has_sequence_privilege`` for the missing rights and ``aclexplode``
for the direct ones. The check's whole output (``schemadesk check``) is asserted too.
"""

from __future__ import annotations

import psycopg
from psycopg import sql

from schemadesk.core.access.conventions import Convention, check_conventions, provision_schema
from schemadesk.db.access import apply_change_set
from schemadesk.db.database import Database
from schemadesk.db.gateway import Gateway
from tests.access.conftest import HOSTILE, Roles, load

Conn = psycopg.Connection[tuple[object, ...]]
SCHEMA = 'sc"an 日本'
TABLES = HOSTILE[:8]  # with space, dq"uote, semi;--, back\slash, dot.ted, new\nline, select, Mixed

# The server's verdicts, per relation in pg_class order of the schema.
ORACLE = """
SELECT c.relname::text,
       c.relkind = 'S',
       CASE WHEN c.relkind = 'S'
            THEN has_sequence_privilege(%(rw)s, c.oid, 'USAGE')
                 AND has_sequence_privilege(%(rw)s, c.oid, 'SELECT')
            ELSE has_table_privilege(%(rw)s, c.oid, 'SELECT')
                 AND has_table_privilege(%(rw)s, c.oid, 'INSERT')
                 AND has_table_privilege(%(rw)s, c.oid, 'UPDATE')
                 AND has_table_privilege(%(rw)s, c.oid, 'DELETE') END,
       coalesce((SELECT array_agg(DISTINCT a.privilege_type ORDER BY a.privilege_type)
                   FROM aclexplode(c.relacl) a
                  WHERE a.grantee = (SELECT oid FROM pg_roles WHERE rolname = %(rw)s)
                    AND a.privilege_type <> ALL (CASE WHEN c.relkind = 'S' THEN %(seq)s::text[]
                                                    ELSE %(table)s::text[] END)), '{}'),
       coalesce((SELECT array_agg(DISTINCT a.privilege_type ORDER BY a.privilege_type)
                   FROM aclexplode(c.relacl) a WHERE a.grantee = 0), '{}')
  FROM pg_class c
 WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = %(schema)s)
   AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
"""


def _setup(admin: Conn, roles: Roles, gateway: Gateway, database: Database) -> Convention:
    conv = Convention(
        owner_role=roles.prefix + "{schema}_owner",
        rw_role=roles.prefix + "{schema}_rw",
        migrator_role=roles.prefix + "migrator",
    )
    for name in (conv.owner_for(SCHEMA), conv.rw_for(SCHEMA), conv.migrator_role):
        roles.track(name)
    change = provision_schema(load(gateway, database), SCHEMA, conv)
    result = gateway.call(apply_change_set(database, change))
    assert result.verified, result.unmet
    owner, rw = sql.Identifier(conv.owner_for(SCHEMA)), sql.Identifier(conv.rw_for(SCHEMA))
    admin.execute(sql.SQL("SET ROLE {}").format(owner))
    for name in TABLES:
        table = sql.Identifier(SCHEMA, name)
        admin.execute(sql.SQL("CREATE TABLE {} (id serial PRIMARY KEY)").format(table))
    admin.execute(
        sql.SQL("CREATE VIEW {} AS SELECT 1 AS one").format(sql.Identifier(SCHEMA, "v;iew"))
    )
    admin.execute("RESET ROLE")

    def run(template: str, name: str) -> None:
        target = sql.Identifier(SCHEMA, name)
        admin.execute(sql.SQL(template).format(target=target, rw=rw))  # type: ignore[arg-type]

    run("REVOKE DELETE ON {target} FROM {rw}", TABLES[1])  # missing, ACL 1
    run("REVOKE DELETE ON {target} FROM {rw}", TABLES[5])  # missing, same ACL text as above
    run("GRANT TRUNCATE, TRIGGER ON {target} TO {rw}", TABLES[2])  # extra
    run("GRANT SELECT ON {target} TO PUBLIC", TABLES[3])  # PUBLIC on a table
    run("REVOKE ALL ON {target} FROM {rw}", "v;iew")  # missing on a view
    run("REVOKE USAGE ON SEQUENCE {target} FROM {rw}", f"{TABLES[6]}_id_seq")  # seq missing
    run("GRANT UPDATE ON SEQUENCE {target} TO {rw}", f"{TABLES[0]}_id_seq")  # seq extra
    run("GRANT USAGE ON SEQUENCE {target} TO PUBLIC", f"{TABLES[4]}_id_seq")  # PUBLIC on a seq
    return conv


def test_relation_findings_are_the_servers_verdicts_in_catalog_order(
    admin: Conn, roles: Roles, gateway: Gateway, database: Database
) -> None:
    conv = _setup(admin, roles, gateway, database)
    catalog = load(gateway, database)
    found = {f.code: f for f in check_conventions(catalog, conv, [SCHEMA])}
    server = {
        row[0]: row[1:]
        for row in admin.execute(
            ORACLE,
            {
                "rw": conv.rw_for(SCHEMA),
                "schema": SCHEMA,
                "table": list(conv.rw_table_privileges),
                "seq": list(conv.rw_sequence_privileges),
            },
        )
    }
    order = [r.name for r in catalog.user_relations_in(SCHEMA)]
    assert sorted(order) == sorted(server)

    def expected(pick: object) -> list[str]:
        return [n for n in order if pick(*server[n])]  # type: ignore[operator]

    missing_tables = expected(lambda seq, ok, extra, public: not seq and not ok)
    missing_seqs = expected(lambda seq, ok, extra, public: seq and not ok)
    assert missing_tables
    assert missing_seqs
    assert list(found["rw-tables-missing"].objects) == missing_tables
    assert list(found["rw-sequences-missing"].objects) == missing_seqs
    extra = {n: ", ".join(server[n][2]) for n in order if server[n][2]}
    tables_extra = [f"{n}: {p}" for n, p in extra.items() if not server[n][0]]
    seqs_extra = [f"{n}: {p}" for n, p in extra.items() if server[n][0]]
    assert tables_extra == [f"{TABLES[2]}: TRIGGER, TRUNCATE"]
    assert list(found["rw-tables-extra"].objects) == tables_extra
    assert list(found["rw-sequences-extra"].objects) == seqs_extra
    public = [f"{n}: {', '.join(server[n][3])}" for n in order if server[n][3]]
    assert len(public) == 2
    assert list(found["public-objects"].objects) == public
    assert set(found) == {
        "rw-tables-missing",
        "rw-sequences-missing",
        "rw-tables-extra",
        "rw-sequences-extra",
        "public-objects",
    }
    # Each fix makes the server agree: one apply of all of them, then a clean check.
    for finding in found.values():
        result = gateway.call(apply_change_set(database, finding.fix))
        assert result.verified, result.unmet
    assert check_conventions(load(gateway, database), conv, [SCHEMA]) == ()


def test_a_missing_rw_role_still_reports_what_public_holds(
    admin: Conn, roles: Roles, gateway: Gateway, database: Database
) -> None:
    conv = _setup(admin, roles, gateway, database)
    rw = sql.Identifier(conv.rw_for(SCHEMA))
    admin.execute(sql.SQL("DROP OWNED BY {} CASCADE").format(rw))
    admin.execute(sql.SQL("DROP ROLE {}").format(rw))
    found = {f.code: f for f in check_conventions(load(gateway, database), conv, [SCHEMA])}
    assert set(found) == {"rw-missing", "public-objects"}
    assert sorted(found["public-objects"].objects) == sorted(
        [f"{TABLES[3]}: SELECT", f"{TABLES[4]}_id_seq: USAGE"]
    )
