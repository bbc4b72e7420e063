"""A throwaway PostgreSQL cluster on this machine, for the demo and the test suite.

It is started as a direct child (never ``pg_ctl start``, which daemonises), with a parent-death
signal on Linux so that even a SIGKILLed parent leaves no server behind. As root, initdb and
postgres run as the ``postgres`` account, since both refuse to run as root. Clusters that an
earlier, killed process left behind are swept before a new one starts.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from psycopg import conninfo as pg_conninfo

from schemadesk.core.errors import PostgresNotFound, SchemadeskError
from schemadesk.core.messages_tools import say

_PREFIX = "schemadesk-pg-"
_OWNER_FILE = "owner.pid"
SUPERUSER = "postgres"

# Durability is pointless for a throwaway cluster and costs seconds per test run.
_FAST_SETTINGS = {
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "max_connections": "100",
    "shared_buffers": "64MB",
}


class ClusterStartFailed(SchemadeskError):
    """initdb or postgres failed; the message carries the tail of their output."""


@dataclass
class LocalCluster:
    """A running throwaway cluster: superuser ``postgres``, trust on its private socket only."""

    bindir: Path
    root: Path
    port: int
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)
    keep: bool = False

    @property
    def datadir(self) -> Path:
        return self.root / "data"

    @property
    def socket_dir(self) -> Path:
        return self.root / "sock"

    @property
    def major(self) -> int:
        return int((self.datadir / "PG_VERSION").read_text().strip().split(".")[0])

    def conninfo(self, dbname: str = "postgres", user: str = SUPERUSER) -> str:
        """Conninfo over the private unix socket (trust auth there)."""
        return pg_conninfo.make_conninfo(
            host=str(self.socket_dir), port=self.port, dbname=dbname, user=user
        )

    def tcp_conninfo(self, dbname: str = "postgres", user: str = SUPERUSER) -> str:
        """Conninfo over TCP on 127.0.0.1, where the server asks for a password (scram)."""
        return pg_conninfo.make_conninfo(host="127.0.0.1", port=self.port, dbname=dbname, user=user)

    def stop(self) -> None:
        """Stop the server (fast shutdown) and remove its folder unless ``keep`` was asked."""
        if self.process is not None and self.process.poll() is None:
            _request_fast_shutdown(self, self.process)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None
        if not self.keep:
            shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> LocalCluster:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def start_cluster(
    bindir: Path,
    *,
    root: Path | None = None,
    settings: dict[str, str] | None = None,
    keep: bool = False,
    timeout: float = 60.0,
) -> LocalCluster:
    """initdb (unless ``root`` already holds a cluster) and start postgres; wait until ready."""
    for tool in ("initdb", "postgres"):
        if not (bindir / _exe(tool)).is_file():
            raise PostgresNotFound(say("cluster-no-tool", bindir=str(bindir), tool=_exe(tool)))
    sweep_stale_clusters()
    fresh = root is None or not (root / "data" / "PG_VERSION").exists()
    if root is None:
        root = Path(tempfile.mkdtemp(prefix=_PREFIX))
    root.mkdir(parents=True, exist_ok=True)
    (root / _OWNER_FILE).write_text(str(os.getpid()))
    cluster = LocalCluster(bindir=bindir, root=root, port=_free_port(), keep=keep)
    cluster.socket_dir.mkdir(exist_ok=True)
    _hand_to_server_account(root, cluster.datadir, cluster.socket_dir)
    try:
        if fresh:
            _initdb(cluster)
        cluster.process = _spawn_postgres(cluster, {**_FAST_SETTINGS, **(settings or {})})
        _wait_ready(cluster, timeout)
    except BaseException:
        cluster.stop()
        raise
    return cluster


def sweep_stale_clusters() -> int:
    """Remove clusters whose owning process is gone (a killed test run or demo); count them."""
    swept = 0
    for folder in Path(tempfile.gettempdir()).glob(_PREFIX + "*"):
        try:
            owner = int((folder / _OWNER_FILE).read_text())
        except (OSError, ValueError):
            owner = 0
        if owner and _alive(owner):
            continue
        pidfile = folder / "data" / "postmaster.pid"
        with contextlib.suppress(OSError, ValueError, IndexError):
            server_pid = int(pidfile.read_text().splitlines()[0])
            if _alive(server_pid):
                os.kill(server_pid, getattr(signal, "SIGQUIT", signal.SIGTERM))
        shutil.rmtree(folder, ignore_errors=True)
        swept += 1
    return swept


def _request_fast_shutdown(cluster: LocalCluster, process: subprocess.Popen[bytes]) -> None:
    """SIGINT is PostgreSQL's "fast" shutdown; Windows has no such signal, pg_ctl emulates it."""
    if not sys.platform.startswith("win"):
        process.send_signal(signal.SIGINT)
        return
    pg_ctl = [str(cluster.bindir / _exe("pg_ctl")), "stop", "-D", str(cluster.datadir)]
    try:
        subprocess.run([*pg_ctl, "-m", "fast", "--no-wait"], capture_output=True, check=True)
    except (OSError, subprocess.SubprocessError):
        process.terminate()  # no pg_ctl beside postgres: an immediate stop is all that is left


def _exe(tool: str) -> str:
    return f"{tool}.exe" if sys.platform.startswith("win") else tool


def _running_as_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def _hand_to_server_account(*paths: Path) -> None:
    if not _running_as_root():
        return
    import pwd  # POSIX only, and only needed as root

    try:
        account = pwd.getpwnam(SUPERUSER)
    except KeyError:
        raise ClusterStartFailed(say("cluster-root")) from None
    for path in paths:
        path.mkdir(parents=True, exist_ok=True)
        os.chown(path, account.pw_uid, account.pw_gid)
    os.chmod(paths[0], 0o755)  # the account must reach data/ and sock/ below the root folder


def _initdb(cluster: LocalCluster) -> None:
    cmd = [
        str(cluster.bindir / _exe("initdb")),
        "-D", str(cluster.datadir),
        "-U", SUPERUSER,
        "-E", "UTF8",
        "--locale=C",
        "--no-sync",
        "--auth-local=trust",
        "--auth-host=scram-sha-256",
    ]  # fmt: skip
    result = subprocess.run(
        cmd,
        capture_output=True,
        text=True,
        check=False,
        user=SUPERUSER if _running_as_root() else None,
        env=_server_env(),
    )
    if result.returncode != 0:
        tail = (result.stderr or result.stdout).strip().splitlines()[-5:]
        raise ClusterStartFailed(
            say("cluster-initdb-failed", datadir=str(cluster.datadir), output=" | ".join(tail))
        )


def _server_env() -> dict[str, str]:
    # libpq variables from the user's shell must not leak into the throwaway server's tools.
    return {k: v for k, v in os.environ.items() if not k.startswith("PG")} | {"LC_ALL": "C"}


def _spawn_postgres(cluster: LocalCluster, settings: dict[str, str]) -> subprocess.Popen[bytes]:
    args = [
        str(cluster.bindir / _exe("postgres")),
        "-D", str(cluster.datadir),
        "-p", str(cluster.port),
        "-k", str(cluster.socket_dir),
        "-c", "listen_addresses=127.0.0.1",
    ]  # fmt: skip
    for key, value in settings.items():
        args += ["-c", f"{key}={value}"]
    log = open(cluster.root / "server.log", "wb")  # noqa: SIM115 - owned by the child process
    preexec = None
    if _running_as_root():
        args = ["setpriv", "--pdeathsig", "QUIT", "--reuid", SUPERUSER, "--regid", SUPERUSER,
                "--init-groups", *args]  # fmt: skip
    elif sys.platform.startswith("linux"):
        preexec = _die_with_parent
    try:
        return subprocess.Popen(
            args,
            stdout=log,
            stderr=subprocess.STDOUT,
            preexec_fn=preexec,  # noqa: PLW1509 - only prctl, no locks taken env=_server_env()
        )
    finally:
        log.close()


def _die_with_parent() -> None:
    pr_set_pdeathsig = 1
    ctypes.CDLL(None).prctl(pr_set_pdeathsig, signal.SIGQUIT)


def _wait_ready(cluster: LocalCluster, timeout: float) -> None:
    """Return once our server accepts connections on its own socket and port (libpq's ping).

    Not postmaster.pid's "ready": a server killed with SIGKILL leaves its file behind, saying
    ready, until the new one rewrites it, so reading it returned before the server listened."""
    from psycopg import pq

    target = pg_conninfo.make_conninfo(cluster.conninfo(), connect_timeout=2).encode()
    deadline = time.monotonic() + timeout
    assert cluster.process is not None
    while time.monotonic() < deadline:
        if cluster.process.poll() is not None:
            break
        if pq.PGconn.ping(target) == pq.Ping.OK:
            return
        time.sleep(0.02)
    log = (cluster.root / "server.log").read_text(errors="replace").strip().splitlines()[-5:]
    raise ClusterStartFailed(
        say("cluster-not-started", root=str(cluster.root), output=" | ".join(log))
    )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _alive(pid: int) -> bool:
    if sys.platform.startswith("win"):
        return _windows_process_alive(pid)  # os.kill(pid, 0) would *terminate* it there
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _windows_process_alive(pid: int) -> bool:
    if sys.platform != "win32":
        raise OSError("Windows only")
    process_query_limited_information, still_active, error_access_denied = 0x1000, 259, 5
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    handle = kernel32.OpenProcess(process_query_limited_information, False, pid)
    if not handle:
        return ctypes.get_last_error() == error_access_denied  # exists, owned by someone else
    try:
        code = ctypes.c_ulong()
        return bool(kernel32.GetExitCodeProcess(handle, ctypes.byref(code))) and (
            code.value == still_active
        )
    finally:
        kernel32.CloseHandle(handle)
