"""The gateway against a real server: session settings, read-only sessions, errors."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import psycopg
import pytest

from schemadesk.core.errors import ConnectionFailed, ConnectReason
from schemadesk.core.profiles import ConnectionProfile
from schemadesk.core.session_settings import SessionSettings
from schemadesk.db.gateway import Gateway
from tests.until import wait_until


async def _show(db: Any, setting: str) -> str:
    async with db.connection() as conn:
        cur = await conn.execute(f"SHOW {setting}")
        row = await cur.fetchone()
        return str(row[0])


def test_pooled_connections_carry_the_profile_session_settings(
    gateway: Gateway, db_dsn: str
) -> None:
    profile = ConnectionProfile(
        name="p",
        conninfo=db_dsn,
        session=SessionSettings(statement_timeout="7s", lock_timeout="2s"),
    )
    db = gateway.open(profile).result()
    assert gateway.call(_show(db, "statement_timeout")) == "7s"
    assert gateway.call(_show(db, "lock_timeout")) == "2s"
    assert gateway.call(_show(db, "idle_in_transaction_session_timeout")) == "1min"
    assert gateway.call(_show(db, "application_name")) == "schemadesk"
    assert gateway.call(_show(db, "default_transaction_read_only")) == "off"


def test_read_only_profile_cannot_write_on_the_server(gateway: Gateway, db_dsn: str) -> None:
    db = gateway.open(ConnectionProfile(name="ro", conninfo=db_dsn, read_only=True)).result()
    assert db.server.read_only

    async def write() -> None:
        async with db.connection() as conn:
            await conn.execute("CREATE TABLE must_not_exist (id int)")

    with pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
        gateway.call(write())


def test_missing_database_is_one_line_naming_it(gateway: Gateway, pg_server: Any) -> None:
    profile = ConnectionProfile(name="x", conninfo=pg_server.conninfo("no_such_db"))
    with pytest.raises(ConnectionFailed) as info:
        gateway.open(profile).result()
    assert str(info.value).endswith('database "no_such_db" does not exist')
    # Typed: callers decide on the reason, never on the sentence.
    assert info.value.reason is ConnectReason.SERVER_REFUSED
    assert info.value.server_message == 'database "no_such_db" does not exist'
    assert not info.value.wants_password
    assert "\n" not in str(info.value)


def test_wrong_password_is_reported_and_never_echoed(gateway: Gateway, pg_server: Any) -> None:
    with psycopg.connect(pg_server.admin_conninfo, autocommit=True) as conn:
        conn.execute("DROP ROLE IF EXISTS gw_alice")
        conn.execute("CREATE ROLE gw_alice LOGIN PASSWORD 'right-one'")
    assert pg_server.cluster is not None
    profile = ConnectionProfile(name="x", conninfo=pg_server.cluster.tcp_conninfo(user="gw_alice"))
    with pytest.raises(ConnectionFailed) as info:
        gateway.open(profile, "Wr0ng-s3cret").result()
    message = str(info.value)
    assert 'password authentication failed for user "gw_alice"' in message
    assert "Wr0ng-s3cret" not in message
    assert info.value.reason is ConnectReason.PASSWORD_REJECTED
    assert info.value.wants_password  # the window asks again
    assert "Wr0ng-s3cret" not in (info.value.server_message or "")
    db = gateway.open(profile, "right-one").result()
    assert db.server.user == "gw_alice"


def test_unreachable_host_fails_fast_with_a_human_reason(gateway: Gateway) -> None:
    profile = ConnectionProfile(name="x", host="127.0.0.1", port=1, user="u", dbname="d")
    with pytest.raises(ConnectionFailed, match="connection refused") as info:
        gateway.open(profile).result()
    assert info.value.reason is ConnectReason.UNREACHABLE
    assert info.value.server_message is None


def test_a_missing_password_is_asked_of_libpq_not_read_from_its_words(
    gateway: Gateway, pg_server: Any, tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No password given, none in ~/.pgpass: the window asks for one. libpq says so itself
    (``needs_password``); its message is in the user's language where it was built with NLS."""
    with psycopg.connect(pg_server.admin_conninfo, autocommit=True) as conn:
        conn.execute("DROP ROLE IF EXISTS gw_bob")
        conn.execute("CREATE ROLE gw_bob LOGIN PASSWORD 'right-one'")
    assert pg_server.cluster is not None
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))
    profile = ConnectionProfile(name="x", conninfo=pg_server.cluster.tcp_conninfo(user="gw_bob"))
    with pytest.raises(ConnectionFailed) as info:
        gateway.open(profile).result()
    assert info.value.reason is ConnectReason.NO_PASSWORD
    assert info.value.wants_password


def _sleeping(admin_dsn: str, database: str) -> int:
    with psycopg.connect(admin_dsn, autocommit=True) as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE datname = %s AND query LIKE 'SELECT pg_sleep(%%' AND state = 'active'",
            (database,),
        ).fetchone()
    return int(row[0]) if row else 0


def test_closing_the_gateway_cancels_a_query_in_flight_on_the_server_too(
    db_dsn: str, pg_server: Any
) -> None:
    """The window quit (or a test ended) while a read ran: the read is cancelled on the database
    loop, as a cancellation, and the server stops its query; nothing is left to die with the
    loop and be closed later by the collector on another thread."""
    gateway = Gateway()
    db = gateway.open(ConnectionProfile(name="c", conninfo=db_dsn)).result()
    seen: list[tuple[type[BaseException], str]] = []

    async def slow_read() -> None:
        try:
            async with db.connection() as conn:
                await conn.execute("SELECT pg_sleep(120)")
        except BaseException as exc:
            seen.append((type(exc), threading.current_thread().name))
            raise

    read = gateway.submit(slow_read())
    database = psycopg.conninfo.conninfo_to_dict(db_dsn)["dbname"]
    wait_until(lambda: _sleeping(pg_server.admin_conninfo, str(database)) == 1, "the query")
    gateway.close()
    assert seen == [(asyncio.CancelledError, "schemadesk-db")]
    assert read.cancelled()
    wait_until(
        lambda: _sleeping(pg_server.admin_conninfo, str(database)) == 0,
        "the server to stop the cancelled query",
        timeout=30,
    )
