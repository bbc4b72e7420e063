"""An SSH host that stops answering fails at the SSH step, naming host and port, and the pool
is not sent through a tunnel that cannot open (counted, not timed)."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from schemadesk.core.messages import Message, said_of
from schemadesk.core.profiles import ConnectionProfile
from schemadesk.core.ssh import ACCEPT_ANY_NEW, SshFailed, SshReason, SshSettings
from schemadesk.db import ssh_tunnel
from schemadesk.db.connect_errors import is_connection_lost
from schemadesk.db.database import Database
from schemadesk.db.gateway import Gateway
from tests.ssh.conftest import DB_PASSWORD, DB_USER, Sshd
from tests.ssh.test_tunnel import _key, _profile, _whoami
from tests.until import wait_until

pytestmark = pytest.mark.db


@pytest.fixture
def gateway(monkeypatch: pytest.MonkeyPatch) -> Iterator[Gateway]:
    # A short SSH connect timeout keeps the test short; nothing below asserts a duration.
    monkeypatch.setattr(ssh_tunnel, "CONNECT_TIMEOUT_S", 1)
    with Gateway() as gw:
        yield gw


def _silent_listener(port: int) -> socket.socket:
    """Accepts TCP on ``port`` (the kernel does) and never says the SSH banner."""
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", port))
    sock.listen(8)
    return sock


def _attempts(db: Database) -> int:
    return int(db._pool.get_stats().get("connections_num", 0))


def _ssh_step(exc: SshFailed, host_port: str) -> Message:
    said = said_of(exc)
    assert said is not None
    assert said.code == "ssh-tunnel-failed"
    assert host_port in str(said.params["where"])
    assert host_port in str(exc)
    assert "SSH tunnel" in str(exc)
    reason = said.params["reason"]
    assert isinstance(reason, Message)
    return reason


def test_a_host_gone_silent_fails_at_the_ssh_step_before_any_pool_attempt(
    gateway: Gateway, sshd: Sshd, ssh_home: Path, tunnel_db: tuple[str, int]
) -> None:
    ssh = SshSettings(host="127.0.0.1", port=sshd.port, user="root", identity_file=_key(ssh_home))
    db = gateway.open(
        _profile(tunnel_db, ssh), DB_PASSWORD, accept_host_key=ACCEPT_ANY_NEW
    ).result()
    assert gateway.call(_whoami(db))[0] == DB_USER
    before = _attempts(db)
    sshd.stop()
    assert db.tunnel is not None
    wait_until(lambda: not db.tunnel.alive, "the client to see the SSH connection cut")
    with _silent_listener(sshd.port):  # the host's port answers TCP, never SSH
        for _ in range(2):  # the window's Retry: the same again, still no pool attempt
            with pytest.raises(SshFailed) as caught:
                gateway.call(_whoami(db))
            reason = _ssh_step(caught.value, f"127.0.0.1:{sshd.port}")
            assert reason == Message("ssh-no-answer", {"seconds": "1"})
            assert caught.value.ssh_reason is SshReason.UNREACHABLE
            assert is_connection_lost(caught.value)  # the banner with Retry
            assert _attempts(db) == before
    sshd.start()
    assert gateway.call(_whoami(db))[0] == DB_USER  # Retry once the host is back
    assert db.tunnel is not None
    assert db.tunnel.last_failure is None


def test_opening_through_a_silent_host_names_it_and_never_reaches_the_database(
    gateway: Gateway, ssh_home: Path
) -> None:
    with _silent_listener(0) as sock:
        port = int(sock.getsockname()[1])
        # The database behind it does not exist: only the SSH step can have failed.
        profile = ConnectionProfile(
            name="dead",
            conninfo="host=db.invalid port=5432 dbname=x user=x",
            ssh=SshSettings(host="127.0.0.1", port=port, user="root", identity_file=_key(ssh_home)),
        )
        with pytest.raises(SshFailed) as caught:
            gateway.open(profile, DB_PASSWORD, accept_host_key=ACCEPT_ANY_NEW).result()
    assert _ssh_step(caught.value, f"127.0.0.1:{port}").code == "ssh-no-answer"
    assert DB_PASSWORD not in str(caught.value)
