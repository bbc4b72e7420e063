"""An env.py that connects on its own: prepared like schemadesk's sessions, the lock on
schemadesk's session, passwords kept in memory, hostile names read safely, few round trips."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg import sql

from schemadesk.core.errors import ConfigError
from schemadesk.core.migrations.project import load_project
from schemadesk.core.profiles import ConnectionProfile
from schemadesk.db.alembic import service
from schemadesk.db.alembic.guard import sqlalchemy_url as target_url
from schemadesk.db.gateway import Gateway
from tests.alembic_engine import repos
from tests.alembic_engine.conftest import Opened
from tests.alembic_engine.test_shapes import _tenant_repo

pytestmark = pytest.mark.db

HOSTILE = 'Ten"ant; DROP TABLE x --'


def _seen_repo(root: Path) -> None:
    """A tenant chain whose one revision records who ran it, with which settings, and who
    held advisory locks meanwhile."""
    repos.alembic_init(root)
    repos.tenant_env(root)
    repos.revision(
        root,
        "s1",
        None,
        """
        op.execute(
            "CREATE TABLE seen AS SELECT current_user::text AS who,"
            " current_setting('lock_timeout') AS lock_timeout,"
            " current_setting('statement_timeout') AS statement_timeout,"
            " pg_backend_pid() AS pid"
        )
        op.execute(
            "CREATE TABLE lockers AS SELECT a.application_name, a.pid FROM pg_locks l"
            " JOIN pg_stat_activity a USING (pid)"
            " WHERE l.locktype = 'advisory' AND l.granted"
        )
        """,
    )
    (root / "schemadesk.toml").write_text(
        '[[alembic.tenants]]\nconfig = "alembic.ini"\nschemas = ["acme"]\n', encoding="utf-8"
    )


def test_env_pys_own_connection_gets_the_profiles_settings_and_run_as_role(
    opened: Opened, tmp_path: Path
) -> None:
    with psycopg.connect(opened.dsn, autocommit=True) as conn:
        conn.execute("CREATE ROLE acme_owner")
        conn.execute(
            sql.SQL("GRANT CREATE ON DATABASE {} TO acme_owner").format(
                sql.Identifier(str(conn.info.dbname))
            )
        )
    root = tmp_path / "seen"
    _seen_repo(root)
    (snap,) = opened.gateway.call(
        service.alembic_snapshots(opened.database, load_project(root), detect=False)
    )
    result = opened.gateway.call(service.apply_alembic(opened.database, snap, run_as="acme_owner"))
    assert result.ok, result.error
    with psycopg.connect(opened.dsn) as conn:
        who, lock_timeout, statement_timeout, pid = (
            conn.execute(
                "SELECT who, lock_timeout, statement_timeout, pid FROM acme.seen"
            ).fetchone()
            or ()
        )
        lockers = conn.execute("SELECT application_name, pid FROM acme.lockers").fetchall()
        owner = conn.execute(
            "SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = 'acme.seen'::regclass"
        ).fetchone()
    assert (who, lock_timeout, statement_timeout) == ("acme_owner", "5s", "1min")
    assert owner == ("acme_owner",)
    # the module's lock is held by schemadesk's own session, not by env.py's connection
    assert [name for name, _ in lockers] == ["schemadesk alembic lock"]
    assert all(holder != pid for _, holder in lockers)


def test_a_password_reaches_env_py_in_memory_only(
    opened: Opened, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    password = "p%a@ss:/w'o\"rd"
    with psycopg.connect(opened.dsn, autocommit=True) as conn:
        conn.execute(
            sql.SQL("CREATE ROLE pw LOGIN SUPERUSER PASSWORD {}").format(sql.Literal(password))
        )
    dsn = psycopg.conninfo.make_conninfo(opened.dsn, user="pw", password=password)
    url = target_url(dsn)
    from alembic.config import Config
    from sqlalchemy.engine import make_url

    assert make_url(url).password == password
    cfg = Config()
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    assert cfg.get_main_option("sqlalchemy.url") == url
    root = tmp_path / "pw"
    _tenant_repo(root)
    repos.url_from_environment(root, "APP_DB")
    (root / "schemadesk.toml").write_text(
        '[[alembic.tenants]]\nconfig = "alembic.ini"\nschemas = ["pwt"]\nurl_env = "APP_DB"\n',
        encoding="utf-8",
    )
    monkeypatch.delenv("APP_DB", raising=False)
    with Gateway() as gateway:
        profile, given = ConnectionProfile.from_dsn(dsn)
        database = gateway.open(profile, given).result()
        (snap,) = gateway.call(
            service.alembic_snapshots(database, load_project(root), detect=False)
        )
        result = gateway.call(service.apply_alembic(database, snap))
    assert result.ok, result.error
    assert "APP_DB" not in os.environ
    for path in root.rglob("*"):
        if path.is_file():
            assert password.encode() not in path.read_bytes(), path


def test_hostile_tenant_names_and_a_constant_number_of_round_trips(
    opened: Opened, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = [HOSTILE, *(f"tenant_{i:02}" for i in range(12))]
    with psycopg.connect(opened.dsn, autocommit=True) as conn:
        for name in names:
            table = sql.Identifier(name, "alembic_version")
            conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(name)))
            conn.execute(sql.SQL("CREATE TABLE {} (version_num varchar(32))").format(table))
            conn.execute(sql.SQL("INSERT INTO {} VALUES ('t1')").format(table))
    root = tmp_path / "many"
    _tenant_repo(root)
    calls: list[Any] = []
    real = psycopg.AsyncConnection.execute

    async def counted(self: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append(args[0])
        return await real(self, *args, **kwargs)

    monkeypatch.setattr(psycopg.AsyncConnection, "execute", counted)
    counts = []
    for schemas in ('["tenant_00"]', '"tenant_0*"', '"discover"'):
        (root / "schemadesk.toml").write_text(
            f'[[alembic.tenants]]\nconfig = "alembic.ini"\nschemas = {schemas}\n',
            encoding="utf-8",
        )
        calls.clear()
        snaps = opened.gateway.call(
            service.alembic_snapshots(opened.database, load_project(root), detect=False)
        )
        counts.append(len(calls))
        assert all(s.heads == ("t1",) and s.pending == ("t2",) for s in snaps)
    assert {s.module.name for s in snaps} == set(names)
    # 1, 10 or 13 tenants: the same few queries (state, heads, schema names or tables found)
    assert max(counts) <= 6, counts


def test_a_preview_refuses_an_env_py_that_connects_offline(opened: Opened, tmp_path: Path) -> None:
    root = tmp_path / "offline"
    _tenant_repo(root)
    repos.edit(
        repos.env_py(root),
        (
            '    url = config.get_main_option("sqlalchemy.url")\n',
            '    url = config.get_main_option("sqlalchemy.url")\n'
            "    from sqlalchemy import create_engine\n"
            "    create_engine(url).connect()\n",
        ),
    )
    (root / "schemadesk.toml").write_text(
        '[[alembic.tenants]]\nconfig = "alembic.ini"\nschemas = ["t"]\n', encoding="utf-8"
    )
    (snap,) = opened.gateway.call(
        service.alembic_snapshots(opened.database, load_project(root), detect=False)
    )
    with pytest.raises(ConfigError, match="connection in offline mode"):
        opened.gateway.call(service.preview_of(snap))
