"""Tunnels through real sshd processes on loopback: keys, ProxyJump, host keys, a dropped tunnel."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg import conninfo as pg_conninfo
from psycopg_pool import PoolTimeout

from schemadesk.core.errors import ConnectReason
from schemadesk.core.profiles import ConnectionProfile, ProfileStore
from schemadesk.core.ssh import (
    ACCEPT_ANY_NEW,
    HostKeyChanged,
    HostKeyUnknown,
    SshFailed,
    SshReason,
    SshSettings,
)
from schemadesk.db import ssh_tunnel
from schemadesk.db.connect_errors import is_connection_lost
from schemadesk.db.database import Database
from schemadesk.db.gateway import Gateway
from tests.ssh.conftest import DB_PASSWORD, DB_USER, Sshd
from tests.until import wait_until

pytestmark = pytest.mark.db


@pytest.fixture
def gateway() -> Iterator[Gateway]:
    with Gateway() as gw:
        yield gw


def _profile(tunnel_db: tuple[str, int], ssh: SshSettings, name: str = "prod") -> ConnectionProfile:
    dbname, port = tunnel_db
    conninfo = pg_conninfo.make_conninfo(host="127.0.0.1", port=port, dbname=dbname, user=DB_USER)
    return ConnectionProfile(name=name, conninfo=conninfo, ssh=ssh)


def _key(home: Path) -> str:
    return str(home / ".ssh" / "id_test")


async def _whoami(db: Database) -> tuple[Any, ...]:
    async with db.connection() as conn:
        cur = await conn.execute("SELECT current_user, current_database()")
        row = await cur.fetchone()
        assert row is not None
        return tuple(row)


def _known_hosts(home: Path) -> str:
    path = home / ".ssh" / "known_hosts"
    return path.read_text() if path.exists() else ""


def test_a_key_opens_the_tunnel_and_the_pool_works_through_it(
    gateway: Gateway, sshd: Sshd, ssh_home: Path, tunnel_db: tuple[str, int]
) -> None:
    ssh = SshSettings(host="127.0.0.1", port=sshd.port, user="root", identity_file=_key(ssh_home))
    profile = _profile(tunnel_db, ssh)
    db = gateway.open(profile, DB_PASSWORD, accept_host_key=ACCEPT_ANY_NEW).result()
    assert gateway.call(_whoami(db)) == (DB_USER, tunnel_db[0])
    assert db.tunnel is not None
    assert len(sshd.sessions()) == 1  # one SSH connection, whatever the pool's size
    assert f"[127.0.0.1]:{sshd.port} {sshd.host_key}" in _known_hosts(ssh_home)
    gateway.close_profile("prod").result()
    with pytest.raises(ConnectionRefusedError):  # closed with the pool: nothing listens
        socket.create_connection(("127.0.0.1", db.tunnel.port)).close()


def test_proxyjump_through_two_sshd_from_the_users_ssh_config(
    gateway: Gateway,
    sshd: Sshd,
    second_sshd: Sshd,
    ssh_home: Path,
    tunnel_db: tuple[str, int],
) -> None:
    (ssh_home / ".ssh" / "config").write_text(
        f"Host bastion\n  HostName 127.0.0.1\n  Port {sshd.port}\n  User root\n"
        "  IdentityFile ~/.ssh/id_test\n"
        f"Host dbhost\n  HostName 127.0.0.1\n  Port {second_sshd.port}\n  User root\n"
        "  IdentityFile ~/.ssh/id_test\n  ProxyJump bastion\n"
    )
    profile = _profile(tunnel_db, SshSettings(host="dbhost"))
    db = gateway.open(profile, DB_PASSWORD, accept_host_key=ACCEPT_ANY_NEW).result()
    assert gateway.call(_whoami(db)) == (DB_USER, tunnel_db[0])
    known = _known_hosts(ssh_home)
    assert f"[127.0.0.1]:{sshd.port} {sshd.host_key}" in known  # the bastion
    assert f"[127.0.0.1]:{second_sshd.port} {second_sshd.host_key}" in known  # behind it
    assert len(sshd.sessions()) == 1
    assert len(second_sshd.sessions()) == 1


def test_an_unknown_host_key_is_refused_with_its_fingerprint(
    gateway: Gateway, sshd: Sshd, ssh_home: Path, tunnel_db: tuple[str, int]
) -> None:
    ssh = SshSettings(host="127.0.0.1", port=sshd.port, user="root", identity_file=_key(ssh_home))
    with pytest.raises(HostKeyUnknown) as caught:
        gateway.open(_profile(tunnel_db, ssh), DB_PASSWORD).result()
    fingerprint = subprocess.run(
        ["ssh-keygen", "-l", "-f", str(sshd.root / "hostkey.pub")],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()[1]
    assert caught.value.fingerprint == fingerprint
    assert fingerprint in str(caught.value)
    assert _known_hosts(ssh_home) == ""  # nothing recorded without consent
    # Accepting another fingerprint than the one offered is still a refusal.
    with pytest.raises(HostKeyUnknown):
        gateway.open(_profile(tunnel_db, ssh), DB_PASSWORD, accept_host_key="SHA256:x").result()
    db = gateway.open(_profile(tunnel_db, ssh), DB_PASSWORD, accept_host_key=fingerprint).result()
    assert gateway.call(_whoami(db))[0] == DB_USER


def test_a_changed_host_key_is_refused_even_when_new_keys_are_accepted(
    gateway: Gateway, sshd: Sshd, ssh_home: Path, tunnel_db: tuple[str, int]
) -> None:
    other = (ssh_home / ".ssh" / "id_test.pub").read_text().split()[:2]
    (ssh_home / ".ssh" / "known_hosts").write_text(
        f"[127.0.0.1]:{sshd.port} {other[0]} {other[1]}\n"
    )
    ssh = SshSettings(host="127.0.0.1", port=sshd.port, user="root", identity_file=_key(ssh_home))
    with pytest.raises(HostKeyChanged) as caught:
        gateway.open(_profile(tunnel_db, ssh), DB_PASSWORD, accept_host_key=ACCEPT_ANY_NEW).result()
    assert caught.value.ssh_reason is SshReason.HOST_KEY_CHANGED
    assert "known_hosts" in str(caught.value)
    assert sshd.host_key not in _known_hosts(ssh_home)  # the stranger's key is not recorded


def test_a_dropped_tunnel_is_a_lost_connection_and_retry_reopens_it(
    gateway: Gateway, sshd: Sshd, ssh_home: Path, tunnel_db: tuple[str, int]
) -> None:
    ssh = SshSettings(host="127.0.0.1", port=sshd.port, user="root", identity_file=_key(ssh_home))
    profile = _profile(tunnel_db, ssh)
    db = gateway.open(profile, DB_PASSWORD, accept_host_key=ACCEPT_ANY_NEW).result()
    assert gateway.call(_whoami(db))[0] == DB_USER
    assert db.tunnel is not None
    sshd.stop()  # the bastion restarts: every SSH connection it served is cut
    # SshFailed once the client has seen the cut (reopening fails before the pool is asked),
    # libpq's or the pool's error when the pool's connection found it first.
    with pytest.raises((psycopg.OperationalError, PoolTimeout, SshFailed)) as caught:
        gateway.call(db.schemas())
    assert is_connection_lost(caught.value)  # what shows the window's banner with Retry
    failure = db.tunnel.last_failure
    assert failure is not None
    assert (failure.ssh_reason, failure.target) == (
        SshReason.UNREACHABLE,
        "root@127.0.0.1:" + str(sshd.port),
    )
    # Opening again while the bastion is down: the tunnel's reason, not libpq's words.
    with pytest.raises(SshFailed) as retried:
        gateway.open(
            _profile(tunnel_db, ssh, name="again"), DB_PASSWORD, accept_host_key=ACCEPT_ANY_NEW
        ).result()
    assert retried.value.ssh_reason is SshReason.UNREACHABLE
    assert retried.value.reason is ConnectReason.SSH
    sshd.start()
    assert gateway.call(_whoami(db))[0] == DB_USER  # Retry: the same pool, a new tunnel
    assert db.tunnel.opened == 2
    assert db.tunnel.last_failure is None


def test_an_encrypted_key_uses_the_passphrase_from_the_keyring_and_never_shows_it(
    gateway: Gateway, sshd: Sshd, ssh_home: Path, tunnel_db: tuple[str, int], memory_keyring: Any
) -> None:
    key = ssh_home / ".ssh" / "id_locked"
    passphrase = "pass-Phrase-7%x"
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", passphrase, "-f", str(key)], check=True
    )
    with (sshd.root / "authorized_keys").open("a") as out:
        out.write(key.with_suffix(".pub").read_text())
    ssh = SshSettings(host="127.0.0.1", port=sshd.port, user="root", identity_file=str(key))
    profile = _profile(tunnel_db, ssh, name="locked")
    with pytest.raises(SshFailed) as locked:
        gateway.open(profile, DB_PASSWORD, accept_host_key=ACCEPT_ANY_NEW).result()
    assert locked.value.ssh_reason is SshReason.KEY_UNREADABLE
    memory_keyring.set_password("schemadesk", "locked (ssh)", "wrong-" + passphrase)
    with pytest.raises(SshFailed) as caught:
        gateway.open(profile, DB_PASSWORD, accept_host_key=ACCEPT_ANY_NEW).result()
    assert passphrase not in str(caught.value)
    memory_keyring.set_password("schemadesk", "locked (ssh)", passphrase)
    db = gateway.open(profile, DB_PASSWORD, accept_host_key=ACCEPT_ANY_NEW).result()
    assert gateway.call(_whoami(db))[0] == DB_USER
    ProfileStore().save(profile)
    stored = ProfileStore().path.read_text()
    assert passphrase not in stored
    assert "[profiles.locked.ssh]" in stored


def _cli(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin", "SCHEMADESK_CONFIG_DIR": str(home / "c")}
    return subprocess.run(
        [sys.executable, "-m", "schemadesk", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def test_the_cli_refuses_an_unknown_host_key_unless_told_and_never_prints_a_secret(
    sshd: Sshd, ssh_home: Path, tunnel_db: tuple[str, int]
) -> None:
    dbname, port = tunnel_db
    dsn = f"postgresql://{DB_USER}:{DB_PASSWORD}@127.0.0.1:{port}/{dbname}"
    ssh = ["--ssh", f"root@127.0.0.1:{sshd.port}", "--ssh-identity", _key(ssh_home)]
    refused = _cli(ssh_home, "schemas", "--dsn", dsn, *ssh)
    assert refused.returncode == 3, refused.stderr
    assert "not known (fingerprint SHA256:" in refused.stderr
    assert "--accept-new-host-key" in refused.stderr
    assert _known_hosts(ssh_home) == ""
    accepted = _cli(ssh_home, "schemas", "--dsn", dsn, *ssh, "--accept-new-host-key", "--json")
    assert accepted.returncode == 0, accepted.stderr
    assert '"public"' in accepted.stdout
    assert sshd.host_key in _known_hosts(ssh_home)
    again = _cli(ssh_home, "schemas", "--dsn", dsn, *ssh)  # now known: no flag needed
    assert again.returncode == 0, again.stderr
    (ssh_home / ".ssh" / "known_hosts").write_text(
        f"[127.0.0.1]:{sshd.port} {(ssh_home / '.ssh' / 'id_test.pub').read_text()}"
    )
    changed = _cli(ssh_home, "schemas", "--dsn", dsn, *ssh, "--accept-new-host-key")
    assert changed.returncode == 3
    assert "CHANGED" in changed.stderr
    for run in (refused, accepted, again, changed):
        assert DB_PASSWORD not in run.stdout + run.stderr
        assert "DSA" not in run.stderr  # cryptography's import warning stays off stderr


def test_a_garbled_line_in_known_hosts_is_skipped_as_openssh_does(
    gateway: Gateway, sshd: Sshd, ssh_home: Path, tunnel_db: tuple[str, int]
) -> None:
    (ssh_home / ".ssh" / "known_hosts").write_text("[127.0.0.1]:1 ssh-ed25519 %%%not-base64\n")
    ssh = SshSettings(host="127.0.0.1", port=sshd.port, user="root", identity_file=_key(ssh_home))
    with pytest.raises(HostKeyUnknown):
        gateway.open(_profile(tunnel_db, ssh), DB_PASSWORD).result()
    db = gateway.open(
        _profile(tunnel_db, ssh), DB_PASSWORD, accept_host_key=ACCEPT_ANY_NEW
    ).result()
    assert gateway.call(_whoami(db))[0] == DB_USER
    assert _known_hosts(ssh_home).startswith("[127.0.0.1]:1 ssh-ed25519 %%%not-base64\n")


def test_a_broken_ssh_config_is_a_clear_error_naming_it(
    gateway: Gateway, sshd: Sshd, ssh_home: Path, tunnel_db: tuple[str, int]
) -> None:
    (ssh_home / ".ssh" / "config").write_text("Port not-a-number\n")
    ssh = SshSettings(host="127.0.0.1", port=sshd.port, user="root", identity_file=_key(ssh_home))
    with pytest.raises(SshFailed) as caught:
        gateway.open(_profile(tunnel_db, ssh), DB_PASSWORD, accept_host_key=ACCEPT_ANY_NEW).result()
    assert caught.value.ssh_reason is SshReason.CONFIG_UNREADABLE
    assert ".ssh/config" in caught.value.args[0]  # the file is named for the person
    assert DB_PASSWORD not in str(caught.value)


def test_a_key_the_host_does_not_know_is_refused_as_authentication(
    gateway: Gateway, sshd: Sshd, ssh_home: Path, tunnel_db: tuple[str, int]
) -> None:
    stranger = ssh_home / ".ssh" / "id_stranger"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(stranger)], check=True)
    ssh = SshSettings(
        host="127.0.0.1", port=sshd.port, user="root", identity_file=str(stranger), use_agent=False
    )
    with pytest.raises(SshFailed) as caught:
        gateway.open(_profile(tunnel_db, ssh), DB_PASSWORD, accept_host_key=ACCEPT_ANY_NEW).result()
    assert caught.value.ssh_reason is SshReason.AUTH_REFUSED
    assert caught.value.target == f"root@127.0.0.1:{sshd.port}"


def test_a_link_that_goes_silent_is_noticed_and_reopened(
    gateway: Gateway,
    sshd: Sshd,
    ssh_home: Path,
    tunnel_db: tuple[str, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The bastion's session stops answering without closing anything (a NAT that forgot the
    link, a frozen host): keepalives notice it and close the tunnel, and the next query opens
    a new one. Without them the tunnel stayed "alive" and the query waited on a dead socket.
    The probes every second here (``KEEPALIVE_S``), as every 15 s in use."""
    monkeypatch.setattr(ssh_tunnel, "KEEPALIVE_S", 1)
    monkeypatch.setattr(ssh_tunnel, "KEEPALIVE_COUNT", 2)
    ssh = SshSettings(host="127.0.0.1", port=sshd.port, user="root", identity_file=_key(ssh_home))
    profile = _profile(tunnel_db, ssh)
    db = gateway.open(profile, DB_PASSWORD, accept_host_key=ACCEPT_ANY_NEW).result()
    assert gateway.call(_whoami(db))[0] == DB_USER
    assert db.tunnel is not None
    (session,) = sshd.sessions()
    os.kill(session, signal.SIGSTOP)  # no reset, no FIN: the link just goes silent
    try:
        wait_until(lambda: not db.tunnel.alive, "the tunnel to notice the silence", timeout=60)
    finally:
        os.kill(session, signal.SIGCONT)
    assert gateway.call(_whoami(db))[0] == DB_USER  # the next query: a new tunnel
    assert db.tunnel.opened == 2
