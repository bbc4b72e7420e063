"""Real OpenSSH servers on loopback for the tunnel tests, and a HOME of the test's own.

Each ``Sshd`` is a throwaway ``/usr/sbin/sshd`` with its own config, host key and authorized
keys (the machine's own sshd is never touched). Starting one needs root, as sshd's privilege
separation does; without root or without openssh-server the tests are skipped (``.ci/run``
installs it and runs as root).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from tests.fix_db import TestServer

SSHD = Path("/usr/sbin/sshd")
DB_PASSWORD = "db-pw-Z9!q"  # must never appear in any output
DB_USER = "tunnel_user"


def _keygen(path: Path, passphrase: str = "") -> None:
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", passphrase, "-f", str(path)], check=True
    )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Sshd:
    """One sshd on 127.0.0.1:port, accepting the keys in ``authorized``."""

    root: Path
    port: int

    @property
    def pid(self) -> int:
        return int((self.root / "sshd.pid").read_text())

    def start(self) -> None:
        """Start it and wait until it accepts connections (sshd writes its pid file then)."""
        (self.root / "sshd.pid").unlink(missing_ok=True)
        Path("/run/sshd").mkdir(exist_ok=True)
        subprocess.run(
            [str(SSHD), "-f", str(self.root / "sshd_config"), "-E", str(self.root / "sshd.log")],
            check=True,
        )
        # sshd forks and writes its pid file once it listens; poll for it (no fixed sleep).
        while not (self.root / "sshd.pid").is_file() or not self._listening():
            time.sleep(0.02)

    def _listening(self) -> bool:
        with socket.socket() as sock:
            return sock.connect_ex(("127.0.0.1", self.port)) == 0

    def sessions(self) -> list[int]:
        """Pids of the per-connection sshd processes (children of the listener)."""
        found = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.pid:
                found.append(int(stat.parent.name))
        return found

    def stop(self) -> None:
        """Kill the listener and every connection it serves: the tunnel drops."""
        if not (self.root / "sshd.pid").is_file():
            return
        children = self.sessions()
        os.kill(self.pid, signal.SIGTERM)
        for pid in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        while self._listening():
            time.sleep(0.02)
        (self.root / "sshd.pid").unlink(missing_ok=True)

    @property
    def host_key(self) -> str:
        """The public host key line (``ssh-ed25519 AAAA...``)."""
        return " ".join((self.root / "hostkey.pub").read_text().split()[:2])


@pytest.fixture
def ssh_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """HOME of the test's own: its known_hosts, its ~/.ssh/config, its client key; no agent."""
    if os.geteuid() != 0 or not SSHD.is_file() or shutil.which("ssh-keygen") is None:
        pytest.skip("needs root and openssh-server (.ci/run installs it)")
    home = tmp_path / "home"
    (home / ".ssh").mkdir(parents=True, mode=0o700)
    _keygen(home / ".ssh" / "id_test")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("SSH_AUTH_SOCK", raising=False)
    return home


def _make_sshd(root: Path, home: Path) -> Sshd:
    root.mkdir()
    _keygen(root / "hostkey")
    shutil.copy(home / ".ssh" / "id_test.pub", root / "authorized_keys")
    sshd = Sshd(root, _free_port())
    (root / "sshd_config").write_text(
        f"Port {sshd.port}\nListenAddress 127.0.0.1\nHostKey {root / 'hostkey'}\n"
        f"AuthorizedKeysFile {root / 'authorized_keys'}\nPasswordAuthentication no\n"
        "KbdInteractiveAuthentication no\nPermitRootLogin prohibit-password\nStrictModes no\n"
        f"AllowTcpForwarding yes\nPidFile {root / 'sshd.pid'}\nUsePAM no\n"
    )
    sshd.start()
    return sshd


@pytest.fixture
def sshd(ssh_home: Path, tmp_path: Path) -> Iterator[Sshd]:
    """One sshd on loopback that takes the test's key for root."""
    server = _make_sshd(tmp_path / "sshd", ssh_home)
    yield server
    server.stop()


@pytest.fixture
def second_sshd(ssh_home: Path, tmp_path: Path) -> Iterator[Sshd]:
    """Another sshd (the host behind the bastion, for ProxyJump)."""
    server = _make_sshd(tmp_path / "sshd2", ssh_home)
    yield server
    server.stop()


@pytest.fixture
def tunnel_db(primary_server: TestServer) -> Iterator[tuple[str, int]]:
    """A fresh database with a password-login role, reached over TCP: (dbname, port)."""
    assert primary_server.cluster is not None, "the tunnel tests need the local cluster"
    name = primary_server.create_database()
    with psycopg.connect(primary_server.admin_conninfo, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(DB_USER)))
        conn.execute(
            sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(
                sql.Identifier(DB_USER), sql.Literal(DB_PASSWORD)
            )
        )
    try:
        yield name, primary_server.cluster.port
    finally:
        primary_server.drop_database(name)
