"""Effective privileges agree with the server's has_*_privilege and pg_has_role answers for
every role × schema, role × relation, role × function and role × role pair of a tangled
database: membership chains, NOINHERIT, PG16 INHERIT FALSE / SET FALSE grants, PUBLIC, owners
that revoked their own rights, superusers, predefined roles and pg_database_owner."""

from __future__ import annotations

import psycopg
from psycopg import sql

from schemadesk.core.access.effective import (
    RoleGraph,
    database_privileges,
    effective_privileges,
    role_relation,
    schema_privileges,
)
from schemadesk.core.access.matrix import privilege_matrix, schema_holders
from schemadesk.core.access.models import privileges_for
from schemadesk.db.database import Database
from schemadesk.db.gateway import Gateway
from tests.access.conftest import HOSTILE, Roles, load

Conn = psycopg.Connection[tuple[object, ...]]


def _x(admin: Conn, template: str, *names: str | tuple[str, str]) -> None:
    idents = [sql.Identifier(*n) if isinstance(n, tuple) else sql.Identifier(n) for n in names]
    admin.execute(sql.SQL(template).format(*idents))  # type: ignore[arg-type]


def build_tangle(admin: Conn, roles: Roles) -> dict[str, str]:
    major = admin.info.server_version // 10000
    r = {
        k: roles.create(k, opts)
        for k, opts in {
            "su": "SUPERUSER",
            "a": "INHERIT",
            "b": "INHERIT",
            "c": "NOLOGIN",
            "n": "NOINHERIT",
            "m": "INHERIT",
            "o": "NOLOGIN",
            "ow member": "INHERIT",
            "pub": "NOLOGIN",
            "dbo": "NOINHERIT",
            "dbo member": "INHERIT",
            'q"uote;--': "INHERIT",
            "i": "INHERIT",
            "j": "NOINHERIT",
            "reader": "INHERIT",
            "writer": "INHERIT",
        }.items()
    }
    s1, s2, s3 = HOSTILE[0], HOSTILE[2], HOSTILE[9]  # spaces, ";--", CJK
    for s in (s1, s2, s3):
        _x(admin, "CREATE SCHEMA {} AUTHORIZATION {}", s, r["o"])
    _x(admin, "GRANT {} TO {}", r["b"], r["a"])
    _x(admin, "GRANT {} TO {}", r["c"], r["b"])
    _x(admin, "GRANT {} TO {}", r["c"], r["n"])
    _x(admin, "GRANT {} TO {}", r["n"], r["m"])
    _x(admin, "GRANT {} TO {}", r["o"], r["ow member"])
    _x(admin, "GRANT {} TO {}", r["a"], r['q"uote;--'])
    _x(admin, "GRANT {} TO {}", r["dbo"], r["dbo member"])
    if major >= 16:
        _x(admin, "GRANT {} TO {} WITH INHERIT FALSE, SET FALSE", r["c"], r["i"])
        _x(admin, "GRANT {} TO {} WITH INHERIT TRUE", r["c"], r["j"])
    else:
        _x(admin, "GRANT {} TO {}", r["c"], r["i"])
        _x(admin, "GRANT {} TO {}", r["c"], r["j"])
    if major >= 14:
        _x(admin, "GRANT pg_read_all_data TO {}", r["reader"])
        _x(admin, "GRANT pg_write_all_data TO {}", r["writer"])
    _x(admin, "ALTER DATABASE {} OWNER TO {}", admin.info.dbname, r["dbo"])
    _x(admin, "GRANT USAGE ON SCHEMA {} TO {}", s1, r["c"])
    _x(admin, "GRANT CREATE ON DATABASE {} TO {}", admin.info.dbname, r["b"])
    _x(admin, "REVOKE TEMPORARY ON DATABASE {} FROM PUBLIC", admin.info.dbname)
    _x(admin, "GRANT CREATE ON SCHEMA {} TO {}", s1, r["n"])
    _x(admin, "GRANT USAGE ON SCHEMA {} TO PUBLIC", s3)
    _x(admin, "GRANT CREATE ON SCHEMA {} TO {} WITH GRANT OPTION", s2, r["a"])
    admin.execute(sql.SQL("SET ROLE {}").format(sql.Identifier(r["o"])))
    for s in (s1, s2, s3):
        for t in (HOSTILE[3], HOSTILE[7], HOSTILE[8]):  # backslash, Mixed, mixed
            _x(admin, "CREATE TABLE {} (id serial)", (s, t))
        _x(admin, "CREATE VIEW {} AS SELECT 1 AS one", (s, "v"))
        _x(admin, "CREATE FUNCTION {}() RETURNS int LANGUAGE sql AS 'SELECT 1'", (s, "f"))
    _x(admin, "GRANT SELECT, INSERT ON {} TO {}", (s1, HOSTILE[7]), r["c"])
    _x(admin, "GRANT UPDATE ON {} TO {}", (s1, HOSTILE[8]), r["n"])
    _x(admin, "GRANT DELETE, TRUNCATE ON {} TO PUBLIC", (s3, HOSTILE[3]))
    _x(admin, "GRANT REFERENCES, TRIGGER ON {} TO {} WITH GRANT OPTION", (s2, HOSTILE[7]), r["b"])
    _x(admin, "REVOKE SELECT ON {} FROM {}", (s2, HOSTILE[8]), r["o"])  # owner revokes itself
    _x(admin, "GRANT USAGE ON SEQUENCE {} TO {}", (s1, HOSTILE[3] + "_id_seq"), r["m"])
    _x(admin, "REVOKE EXECUTE ON FUNCTION {}() FROM PUBLIC", (s1, "f"))
    _x(admin, "GRANT EXECUTE ON FUNCTION {}() TO {}", (s1, "f"), r["b"])
    admin.execute("RESET ROLE")
    return r


def test_effective_privileges_agree_with_the_server(
    admin: Conn, roles: Roles, gateway: Gateway, database: Database
) -> None:
    build_tangle(admin, roles)
    catalog = load(gateway, database)
    graph = RoleGraph(catalog)
    user_schema = "n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'"

    rows = admin.execute(
        "SELECT r.rolname, n.nspname, has_schema_privilege(r.oid, n.oid, 'USAGE'), "
        "has_schema_privilege(r.oid, n.oid, 'CREATE') "
        f"FROM pg_roles r, pg_namespace n WHERE {user_schema}"
    ).fetchall()
    assert len(rows) > 16 * 4
    for role, schema, usage, create in rows:
        ep = schema_privileges(catalog, str(role), str(schema), graph)
        assert (ep.has("USAGE"), ep.has("CREATE")) == (usage, create), (role, schema, ep)

    checked = 0
    for kind, fn in (("table", "has_table_privilege"), ("sequence", "has_sequence_privilege")):
        privs = privileges_for(kind, catalog.server_version_num)  # type: ignore[arg-type]
        calls = ", ".join(f"{fn}(r.oid, c.oid, '{p}')" for p in privs)
        relkinds = "'S'" if kind == "sequence" else "'r', 'v'"
        rows = admin.execute(
            f"SELECT r.rolname, n.nspname, c.relname, {calls} FROM pg_roles r, pg_class c "
            f"JOIN pg_namespace n ON n.oid = c.relnamespace "
            f"WHERE c.relkind IN ({relkinds}) AND {user_schema}"
        ).fetchall()
        for role, schema, name, *answers in rows:
            ep = effective_privileges(catalog, str(role), str(schema), str(name), graph=graph)
            assert ep.kind == kind
            mine = [ep.has(p) for p in privs]
            assert mine == answers, (role, schema, name, ep)
            checked += 1
    assert checked > 16 * 3 * 7

    rows = admin.execute(
        "SELECT r.rolname, n.nspname, p.proname, has_function_privilege(r.oid, p.oid, 'EXECUTE') "
        "FROM pg_roles r, pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
        f"WHERE {user_schema}"
    ).fetchall()
    for role, schema, name, execute in rows:
        ep = effective_privileges(catalog, str(role), str(schema), str(name), graph=graph)
        assert ep.has("EXECUTE") == execute, (role, schema, name, ep)

    rows = admin.execute(
        "SELECT r.rolname, has_database_privilege(r.oid, current_database(), 'CREATE'), "
        "has_database_privilege(r.oid, current_database(), 'CONNECT'), "
        "has_database_privilege(r.oid, current_database(), 'TEMPORARY') FROM pg_roles r"
    ).fetchall()
    for role, *answers in rows:
        dp = database_privileges(catalog, str(role), graph)
        assert [dp.has(p) for p in ("CREATE", "CONNECT", "TEMPORARY")] == answers, (role, dp)

    modes = "'USAGE', 'MEMBER'" + (", 'SET'" if catalog.server_version_num >= 160000 else "")
    rows = admin.execute(
        f"SELECT m.rolname, r.rolname, mode, pg_has_role(m.oid, r.oid, mode) "
        f"FROM pg_roles m, pg_roles r, unnest(ARRAY[{modes}]) mode"
    ).fetchall()
    for member, role, mode, answer in rows:
        rel = role_relation(catalog, str(member), str(role), graph)
        chain = {"USAGE": rel.usage, "MEMBER": rel.member_of, "SET": rel.set_role}[str(mode)]
        assert (chain is not None or rel.superuser) == answer, (member, role, mode, rel)


def test_reasons_name_the_path(
    admin: Conn, roles: Roles, gateway: Gateway, database: Database
) -> None:
    r = build_tangle(admin, roles)
    catalog = load(gateway, database)
    s1, s2, s3 = HOSTILE[0], HOSTILE[2], HOSTILE[9]

    usage = schema_privileges(catalog, r['q"uote;--'], s1).get("USAGE")
    (reason,) = usage.reasons
    assert reason.kind == "membership"
    assert reason.chain == (r['q"uote;--'], r["a"], r["b"], r["c"])
    assert reason.text == f"via membership {' → '.join(reason.chain)} (granted by {r['o']})"

    assert schema_privileges(catalog, r["n"], s1).get("USAGE").reasons == ()  # NOINHERIT
    create = schema_privileges(catalog, r["m"], s1).get("CREATE")
    assert [x.text for x in create.reasons] == [
        f"via membership {r['m']} → {r['n']} (granted by {r['o']})"
    ]

    pub = schema_privileges(catalog, r["pub"], s3).get("USAGE")
    assert [x.kind for x in pub.reasons] == ["public"]

    owner = schema_privileges(catalog, r["ow member"], s2).get("CREATE")
    assert [x.text for x in owner.reasons] == [
        f"as owner, via membership {r['ow member']} → {r['o']}"
    ]
    assert owner.grantable

    assert schema_privileges(catalog, r["a"], s2).get("CREATE").reasons[0].kind == "direct"
    assert [x.kind for x in schema_privileges(catalog, r["su"], s2).get("USAGE").reasons] == [
        "superuser"
    ]
    mine = effective_privileges(catalog, r["o"], s2, HOSTILE[8])
    assert not mine.has("SELECT")
    assert mine.has("INSERT")

    if catalog.server_version_num >= 160000:
        assert schema_privileges(catalog, r["i"], s1).get("USAGE").reasons == ()
        (via_j,) = schema_privileges(catalog, r["j"], s1).get("USAGE").reasons
        assert via_j.chain == (r["j"], r["c"])
    if catalog.server_version_num >= 140000:
        (read,) = effective_privileges(catalog, r["reader"], s3, "v").get("SELECT").reasons
        assert read.text == f"via predefined role {r['reader']} → pg_read_all_data"


def test_privilege_matrix(admin: Conn, roles: Roles, gateway: Gateway, database: Database) -> None:
    r = build_tangle(admin, roles)
    catalog = load(gateway, database)
    s1 = HOSTILE[0]
    matrix = privilege_matrix(catalog, [r["c"], r["a"], r["pub"]], [s1])
    cell = matrix.cell(r["a"], s1)
    assert cell.usage.held
    assert not cell.create.held
    assert cell.tables == 4  # three tables and a view
    assert dict(cell.coverage) == {"SELECT": 1, "INSERT": 1, "UPDATE": 0, "DELETE": 0}
    assert "SELECT 1/4" in cell.text
    assert "USAGE: via membership" in cell.text
    pub = matrix.cell(r["pub"], s1)
    assert not pub.usage.held
    assert dict(pub.coverage)["SELECT"] == 0


def test_schema_holders_are_exactly_the_roles_holding_something(
    admin: Conn, roles: Roles, gateway: Gateway, database: Database
) -> None:
    """The schema's privilege list evaluates only the roles that could hold something there;
    it must list exactly the roles a full evaluation of every role finds (memberships with
    and without INHERIT, PUBLIC, predefined data roles, superusers, the database owner)."""
    r = build_tangle(admin, roles)
    catalog = load(gateway, database)
    graph = RoleGraph(catalog)
    everyone = [role.name for role in catalog.roles if not role.is_predefined]
    for schema in (HOSTILE[0], HOSTILE[2], HOSTILE[9], "public"):
        full = privilege_matrix(catalog, everyone, [schema], graph).cells
        expected = [
            c for c in full if c.usage.held or c.create.held or any(n for _, n in c.coverage)
        ]
        assert list(schema_holders(catalog, schema, graph)) == expected, schema
    holders = {c.role for c in schema_holders(catalog, HOSTILE[0], graph)}
    assert {r["su"], r["a"], r["c"], r["o"]} <= holders  # superuser, member, grantee, owner
    assert r["pub"] not in holders


def test_a_graph_that_forgot_its_memo_answers_the_same(
    admin: Conn, roles: Roles, gateway: Gateway, database: Database
) -> None:
    """The window lets go of the check's memo (``RoleGraph.forget``); the details and the matrix
    asked afterwards must show the same rights and chains, worked out again."""
    build_tangle(admin, roles)
    catalog = load(gateway, database)
    graph = RoleGraph(catalog)
    everyone = [role.name for role in catalog.roles if not role.is_predefined]
    schemas = [HOSTILE[0], HOSTILE[2], HOSTILE[9], "public"]
    before = privilege_matrix(catalog, everyone, schemas, graph).cells
    assert graph.memoised() > 0
    graph.forget()
    assert graph.memoised() == 0
    assert privilege_matrix(catalog, everyone, schemas, graph).cells == before
    assert graph.memoised() > 0  # asked again, it was worked out again
    assert any("via membership" in cell.text for cell in before)
