"""A and B on two clusters, so that roles differ too: a role's attribute, its setting, a
membership's option, a role B lacks. Memberships are scripted; attributes and settings are
reported; rights of a role B lacks are a note, never a statement that would fail."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from schemadesk.cli import main
from schemadesk.db.local_cluster import start_cluster
from tests.diff.conftest import Conn, codes, diff_json, drop_roles, run
from tests.fix_db import TestServer

SETUP = (
    "CREATE ROLE {app} NOLOGIN; CREATE ROLE {grp} NOLOGIN; "
    "CREATE SCHEMA sales AUTHORIZATION {grp}; GRANT USAGE ON SCHEMA sales TO {app}; "
)


@pytest.fixture(scope="module")
def other_cluster(server_bindir: Path) -> Iterator[str]:
    """A second cluster of the local major, stopped after the module."""
    cluster = start_cluster(server_bindir)
    try:
        yield cluster.conninfo()
    finally:
        cluster.stop()


@pytest.fixture
def sides(db_dsn: str, other_cluster: str) -> Iterator[tuple[str, str, Conn, Conn, str]]:
    with (
        psycopg.connect(db_dsn, autocommit=True) as ca,
        psycopg.connect(other_cluster, autocommit=True) as cb,
    ):
        px = ca.info.dbname
        names = {"app": f"{px}_app", "grp": f"{px}_grp", "ghost": f"{px}_ghost"}
        try:
            yield db_dsn, other_cluster, ca, cb, px
        finally:
            cb.execute("DROP SCHEMA IF EXISTS sales CASCADE")
            drop_roles([ca], [n for n in names.values() if _exists(ca, n)])
            drop_roles([cb], [n for n in names.values() if _exists(cb, n)])


def _exists(conn: Conn, name: str) -> bool:
    return conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [name]).fetchone() is not None


def test_roles_differ_between_clusters(
    sides: tuple[str, str, Conn, Conn, str],
    pg_server: TestServer,
    capsys: pytest.CaptureFixture[str],
) -> None:
    a, b, ca, cb, px = sides
    names = {"app": f"{px}_app", "grp": f"{px}_grp", "ghost": f"{px}_ghost"}
    run(ca, SETUP, **names)
    run(cb, SETUP, **names)
    run(
        ca,
        "ALTER ROLE {app} CREATEDB; ALTER ROLE {app} SET work_mem = '64MB'; "
        "GRANT {grp} TO {app} WITH ADMIN OPTION; CREATE ROLE {ghost} NOLOGIN; "
        "GRANT USAGE ON SCHEMA sales TO {ghost}; "
        "ALTER DEFAULT PRIVILEGES FOR ROLE {grp} REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC; "
        "ALTER DEFAULT PRIVILEGES FOR ROLE {grp} GRANT SELECT ON TABLES TO {app}",
        **names,
    )
    run(cb, "GRANT {grp} TO {app}", **names)
    report = diff_json(capsys, "--from", a, "--to", b, "--schema", "sales", code=6)
    texts = "\n".join(d["text"] for d in report["differences"])
    app, grp, ghost = names["app"], names["grp"], names["ghost"]
    assert f"role {app}: createdb is true in A, false in B" in texts
    assert f"role {app}: setting work_mem is 64MB in A, (none) in B" in texts
    assert ("membership", f"membership of {app} in {grp}") in codes(report)
    assert f"role {ghost} exists only in A" in texts
    assert (
        f"default privileges on functions created by {grp} in any schema: "
        "PUBLIC gets (none) in A, EXECUTE in B"
    ) in texts
    assert (
        f"default privileges on tables created by {grp} in any schema: "
        f"{app} gets SELECT in A, (none) in B"
    ) in texts
    assert any(f"role {ghost} does not exist in B" in n for n in report["notes"])

    capsys.readouterr()
    assert main(["diff", "--from", a, "--to", b, "--schema", "sales", "--sql"]) == 6
    script = capsys.readouterr().out
    assert ghost not in script.replace(f"-- role {ghost}", "")  # only in the note
    cb.execute(script.encode())
    again = diff_json(capsys, "--from", a, "--to", b, "--schema", "sales", code=6)
    # What is left of access is the rights of the role B lacks; roles' attributes and settings
    # are reported, not scripted.
    left = [d for d in again["differences"] if d["access"]]
    assert [(d["category"], d["params"]["grantee"]) for d in left] == [("grant", ghost)]
    assert {d["category"] for d in again["differences"]} == {"grant", "role", "setting"}
    assert pg_server.major  # A's major: the run says which


def test_settings_in_this_database_compare_whatever_the_databases_are_called(
    sides: tuple[str, str, Conn, Conn, str], capsys: pytest.CaptureFixture[str]
) -> None:
    # A and B are databases of different names: a role's setting IN DATABASE <A's> on A and
    # IN DATABASE <B's> on B is the same setting; one in a third database is neither's.
    a, b, ca, cb, px = sides
    names = {"app": f"{px}_app", "grp": f"{px}_grp"}
    run(ca, SETUP, **names)
    run(cb, SETUP, **names)
    here_a, here_b = ca.info.dbname, cb.info.dbname
    assert here_a != here_b
    run(ca, "ALTER ROLE {app} IN DATABASE {db} SET work_mem = '64MB'", db=here_a, **names)
    run(cb, "ALTER ROLE {app} IN DATABASE {db} SET work_mem = '64MB'", db=here_b, **names)
    run(cb, "ALTER ROLE {app} IN DATABASE template1 SET search_path = nowhere", **names)
    same = diff_json(capsys, "--from", a, "--to", b, "--schema", "sales", code=0)
    assert same["differences"] == []

    run(cb, "ALTER ROLE {app} IN DATABASE {db} SET work_mem = '8MB'", db=here_b, **names)
    other = diff_json(capsys, "--from", a, "--to", b, "--schema", "sales", code=6)
    assert [d["text"] for d in other["differences"]] == [
        f"role {names['app']}: setting work_mem in this database is 64MB in A, 8MB in B"
    ]
