"""An env.py that connects on its own: prepared like schemadesk's sessions, the lock on
schemadesk's session, passwords kept in memory, hostile names read safely, few round trips."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg import sql

from schemadesk.core.errors import ConfigError
from schemadesk.core.migrations.project import load_project
from schemadesk.core.profiles import ConnectionProfile
from schemadesk.db.alembic import service
from schemadesk.db.alembic.guard import EnvReachedElsewhere
from schemadesk.db.alembic.guard import sqlalchemy_url as target_url
from schemadesk.db.gateway import Gateway
from tests.alembic_engine import repos
from tests.alembic_engine.conftest import Opened, sqlalchemy_url
from tests.alembic_engine.test_shapes import _tenant_repo
from tests.fix_db import TestServer

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


PW_ROLE = "alembic_pw_required"


@contextlib.contextmanager
def _password_required(dsn: str) -> Iterator[None]:
    """The server asks ``PW_ROLE`` (only) for its password, for the block."""
    with psycopg.connect(dsn, autocommit=True) as conn:
        (hba,) = conn.execute("SHOW hba_file").fetchone() or ("",)
        path = Path(str(hba))
        before = path.read_text(encoding="utf-8")
        lines = "".join(
            f"{kind} all {PW_ROLE} {where} scram-sha-256\n"
            for kind, where in (("local", ""), ("host", "127.0.0.1/32"), ("host", "::1/128"))
        )
        path.write_text(lines + before, encoding="utf-8")
        conn.execute("SELECT pg_reload_conf()")
        try:
            yield
        finally:
            path.write_text(before, encoding="utf-8")
            conn.execute("SELECT pg_reload_conf()")


def test_a_password_reaches_env_pys_connection_but_no_url_file_or_environment(
    opened: Opened, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    password = "p%a@ss:/w'o\"rd"
    with psycopg.connect(opened.dsn, autocommit=True) as conn:
        conn.execute(
            sql.SQL("CREATE ROLE {} LOGIN SUPERUSER PASSWORD {}").format(
                sql.Identifier(PW_ROLE), sql.Literal(password)
            )
        )
    dsn = psycopg.conninfo.make_conninfo(opened.dsn, user=PW_ROLE, password=password)
    from sqlalchemy.engine import make_url

    assert make_url(target_url(dsn)).password == password  # the URL form round-trips
    root = tmp_path / "pw"
    _tenant_repo(root)
    repos.url_from_environment(root, "APP_DB")
    repos.revision(  # what env.py was given, kept where the test can read it
        root,
        "t3",
        "t2",
        'op.execute(sa.text("CREATE TABLE given AS SELECT CAST(:u AS text) AS url")'
        '.bindparams(u=__import__("os").environ["APP_DB"]))',
    )
    (root / "schemadesk.toml").write_text(
        '[[alembic.tenants]]\nconfig = "alembic.ini"\nschemas = ["pwt"]\nurl_env = "APP_DB"\n',
        encoding="utf-8",
    )
    monkeypatch.delenv("APP_DB", raising=False)
    with _password_required(opened.dsn), Gateway() as gateway:
        with pytest.raises(psycopg.OperationalError, match="password"):
            psycopg.connect(psycopg.conninfo.make_conninfo(dsn, password="")).close()
        profile, given = ConnectionProfile.from_dsn(dsn)
        database = gateway.open(profile, given).result()
        (snap,) = gateway.call(
            service.alembic_snapshots(database, load_project(root), detect=False)
        )
        result = gateway.call(service.apply_alembic(database, snap))
    assert result.ok, result.error
    with psycopg.connect(opened.dsn) as conn:
        (url,) = conn.execute("SELECT url FROM pwt.given").fetchone() or ("",)
    assert PW_ROLE in url
    assert make_url(url).password is None
    assert password not in url
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


def test_an_async_env_py_from_alembic_init_t_async(opened: Opened, tmp_path: Path) -> None:
    """`alembic init -t async` (async_engine_from_config, asyncio.run): its connection is
    psycopg's async one behind SQLAlchemy's adapter, checked and prepared the same way."""
    root = tmp_path / "async"
    repos.alembic_init(root, "async")
    repos.edit(
        repos.env_py(root),
        (
            "target_metadata = None\n",
            "target_metadata = None\n"
            'schema = context.get_x_argument(as_dictionary=True)["schema"]\n',
        ),
        (
            "    context.configure(connection=connection, target_metadata=target_metadata)\n",
            "    context.configure(\n"
            "        connection=connection, target_metadata=target_metadata,\n"
            '        version_table="alembic_version_" + schema,\n'
            "    )\n",
        ),
    )
    repos.revision(
        root,
        "q1",
        None,
        "op.execute(\"CREATE TABLE timeouts AS SELECT current_setting('lock_timeout') AS t\")",
        label="shop",
    )
    (root / "schemadesk.toml").write_text(
        '[[modules]]\nname = "shop"\nkind = "alembic"\nconfig = "alembic.ini"\n'
        'version_table_schema = "public"\n',
        encoding="utf-8",
    )
    (snap,) = opened.gateway.call(
        service.alembic_snapshots(opened.database, load_project(root), detect=False)
    )
    result = opened.gateway.call(service.apply_alembic(opened.database, snap))
    assert result.ok, result.error
    with psycopg.connect(opened.dsn) as conn:
        assert conn.execute("SELECT t FROM public.timeouts").fetchone() == ("5s",)
    url = sqlalchemy_url(opened.dsn)
    assert repos.alembic_current(root, url, "shop") == {"q1"}


def test_an_async_env_py_reaching_another_database_is_refused(
    opened: Opened, tmp_path: Path, pg_server: TestServer
) -> None:
    other = pg_server.create_database()
    try:
        root = tmp_path / "async_stray"
        repos.alembic_init(root, "async")
        other_url = sqlalchemy_url(pg_server.conninfo(other))
        repos.edit(
            repos.env_py(root),
            (
                "    connectable = async_engine_from_config(\n"
                "        config.get_section(config.config_ini_section, {}),\n"
                '        prefix="sqlalchemy.",\n'
                "        poolclass=pool.NullPool,\n"
                "    )\n",
                "    from sqlalchemy.ext.asyncio import create_async_engine\n\n"
                f"    connectable = create_async_engine({other_url!r}, poolclass=pool.NullPool)\n",
            ),
        )
        repos.revision(root, "q1", None, 'op.execute("CREATE TABLE stray (id int)")')
        (root / "schemadesk.toml").write_text(
            '[[alembic.tenants]]\nconfig = "alembic.ini"\nschemas = ["public"]\n'
            'version_table_schema = "public"\n',
            encoding="utf-8",
        )
        (snap,) = opened.gateway.call(
            service.alembic_snapshots(opened.database, load_project(root), detect=False)
        )
        with pytest.raises(EnvReachedElsewhere, match=f'database "{other}"'):
            opened.gateway.call(service.apply_alembic(opened.database, snap))
        for dsn in (opened.dsn, pg_server.conninfo(other)):
            with psycopg.connect(dsn) as conn:
                found = conn.execute(
                    "SELECT count(*) FROM pg_class WHERE relname IN ('stray', 'alembic_version')"
                ).fetchone()
            assert found == (0,)
    finally:
        pg_server.drop_database(other)
