"""Letting an env.py connect on its own, to the confirmed database only.

Most env.py files build their own engine (``engine_from_config``, ``DATABASE_URL``, the app's
settings). schemadesk points them at the profile's target (``sqlalchemy.url``, the module's
``url_env`` variable, in this process only) and checks every connection they open with a
SQLAlchemy ``connect`` event, before env.py can run anything on it: the server must say it is
the profile's cluster and database (``ConnectGuard``). The profile's session settings and the
run-as role are then applied to that connection.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg import conninfo as pg_conninfo
from psycopg import sql

from schemadesk.core.alembic.models import ServerIdentity
from schemadesk.core.errors import SchemadeskError

IDENTITY = sql.SQL(
    "SELECT (SELECT system_identifier::text FROM pg_control_system()),"
    " pg_postmaster_start_time()::text, current_setting('port'), current_database(),"
    " inet_server_addr()::text"
)
# pg_control_system() may be closed to the login: the rest still tells clusters apart.
IDENTITY_WITHOUT_SYSTEM = sql.SQL(
    "SELECT NULL::text, pg_postmaster_start_time()::text, current_setting('port'),"
    " current_database(), inet_server_addr()::text"
)


class EnvReachedElsewhere(SchemadeskError):
    """env.py opened a connection to another database than the confirmed one: refused."""

    exit_code = 5


def server_identity(conn: Any) -> ServerIdentity:
    """What the server of ``conn`` (a DB-API connection of psycopg, or SQLAlchemy's adapter of
    an async one) says of itself; leaves no transaction open."""
    cur = conn.cursor()
    try:
        cur.execute(IDENTITY)
    except psycopg.errors.InsufficientPrivilege:
        conn.rollback()
        cur = conn.cursor()
        cur.execute(IDENTITY_WITHOUT_SYSTEM)
    row = cur.fetchone()
    conn.rollback()
    assert row is not None
    return ServerIdentity(
        system_identifier=row[0],
        started=str(row[1]),
        port=str(row[2]),
        database=str(row[3]),
        address=row[4],
    )


@dataclass(frozen=True, slots=True)
class Target:
    """What env.py is pointed at: a URL without the password, and the password kept apart
    (handed to the driver at connect time, never put in ``os.environ`` or the config)."""

    url: str
    password: str | None
    reaches: tuple[tuple[str, str], ...]  # host, port, dbname, user as the driver gets them


def target_of(conninfo: str) -> Target:
    """The ``Target`` of the profile's conninfo."""
    params = {k: str(v) for k, v in pg_conninfo.conninfo_to_dict(conninfo).items()}
    password = params.pop("password", None)
    reaches = tuple((k, params[k]) for k in ("host", "port", "dbname", "user") if k in params)
    return Target(sqlalchemy_url(pg_conninfo.make_conninfo("", **params)), password, reaches)


def sqlalchemy_url(conninfo: str) -> str:
    """``postgresql+psycopg://`` URL reaching what ``conninfo`` reaches (a password in it is
    kept: tests check the round trip; ``target_of`` leaves it out)."""
    from sqlalchemy.engine import URL

    params = pg_conninfo.conninfo_to_dict(conninfo)
    host = str(params.pop("host", "") or "")
    port = params.pop("port", None)
    query = {k: str(v) for k, v in params.items() if k not in ("user", "password", "dbname")}
    if host.startswith("/") or "," in host:
        query["host"] = host  # a socket folder or several hosts: libpq reads it as given
        host = ""
    if port is not None and "host" in query:
        query["port"] = str(port)
        port = None
    url = URL.create(
        "postgresql+psycopg",
        username=str(params["user"]) if params.get("user") else None,
        password=str(params["password"]) if params.get("password") else None,
        host=host or None,
        port=int(port) if port else None,
        database=str(params["dbname"]) if params.get("dbname") else None,
        query=query,
    )
    return url.render_as_string(hide_password=False)


class ConnectGuard:
    """Listeners on every SQLAlchemy engine and pool, for connections opened in this thread
    while the guard is active: ``target``'s password goes to the driver for exactly that target;
    the server must then say it is ``expected``, and the session is prepared (``prepare``: the
    profile's settings, then ``SET ROLE``) before env.py can use it.

    ``reached`` lists every server env.py reached; ``refused`` the first refusal.
    """

    def __init__(
        self,
        expected: ServerIdentity,
        prepare: Sequence[tuple[sql.Composed, Sequence[Any]]],
        target: Target | None = None,
    ) -> None:
        self.expected = expected
        self.prepare = tuple(prepare)
        self.target = target
        self.reached: list[ServerIdentity] = []
        self.refused: EnvReachedElsewhere | None = None
        self._thread = threading.get_ident()

    def __enter__(self) -> ConnectGuard:
        from sqlalchemy import event
        from sqlalchemy.engine import Engine
        from sqlalchemy.pool import Pool

        event.listen(Engine, "do_connect", self._on_do_connect)
        event.listen(Pool, "connect", self._on_connect)
        return self

    def __exit__(self, *exc: object) -> None:
        from sqlalchemy import event
        from sqlalchemy.engine import Engine
        from sqlalchemy.pool import Pool

        event.remove(Pool, "connect", self._on_connect)
        event.remove(Engine, "do_connect", self._on_do_connect)

    def _on_do_connect(self, _dialect: Any, _record: Any, _cargs: Any, cparams: Any) -> None:
        """The profile's password, for a connection to exactly the profile's target that
        brings none of its own: it never has to sit in the URL or the environment."""
        target = self.target
        if threading.get_ident() != self._thread or target is None or not target.password:
            return
        if cparams.get("password"):
            return
        if all(str(cparams.get(key) or "") == value for key, value in target.reaches):
            cparams["password"] = target.password

    def _on_connect(self, dbapi_connection: Any, _record: Any) -> None:
        if threading.get_ident() != self._thread:
            return  # another thread's pool (the window's demo seed, say): not env.py's
        # psycopg's own connection, or SQLAlchemy's adapter around an async one (an
        # `alembic init -t async` env.py): both take composed SQL through a DB-API cursor.
        driver = getattr(dbapi_connection, "driver_connection", dbapi_connection)
        if not isinstance(driver, psycopg.Connection | psycopg.AsyncConnection):
            self._refuse(
                f"env.py connected through {type(driver).__module__}, which schemadesk "
                "cannot check: use a postgresql+psycopg:// URL; nothing was run"
            )
        found = server_identity(dbapi_connection)
        self.reached.append(found)
        if found.key != self.expected.key:
            self._refuse(
                f"env.py reached {found.describe()}, not the confirmed "
                f"{self.expected.describe()}: nothing was run"
            )
        cur = dbapi_connection.cursor()
        for statement, values in self.prepare:
            cur.execute(statement, values)
        dbapi_connection.commit()

    def _refuse(self, message: str) -> None:
        refusal = EnvReachedElsewhere(message)
        if self.refused is None:
            self.refused = refusal
        raise refusal
