"""An SSH tunnel to a database, on the gateway's own asyncio loop (asyncssh).

The pool connects to a listener of ours on 127.0.0.1; every connection accepted there becomes a
``direct-tcpip`` channel of one SSH connection (through the ProxyJump hops, each connected with
the same host-key policy). When that SSH connection drops, the pool's connections through it
fail like a server that went away; the next connection the pool makes (the window's Retry)
opens the SSH connection again, on the same local port, so the pool needs no new address.
"""

from __future__ import annotations

import asyncio
import contextlib
import getpass
import logging
import os
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

from schemadesk.core.messages_db import Message
from schemadesk.core.messages_db import say as say_db
from schemadesk.core.messages_tools import say
from schemadesk.core.ssh import (
    ACCEPT_ANY_NEW,
    HostKeyChanged,
    HostKeyUnknown,
    SshFailed,
    SshReason,
    SshSettings,
    parse_ssh_target,
)
from schemadesk.db.connect_errors import redact

if TYPE_CHECKING:
    import asyncssh

_log = logging.getLogger(__name__)
CONNECT_TIMEOUT_S = 10
# A link that dies silently (a NAT or firewall forgetting it, a frozen bastion) sends no reset:
# without keepalives the tunnel looked alive for hours and every query over it hung until TCP
# gave up. With them, ``KEEPALIVE_COUNT`` unanswered probes close it (about 45 s), and the next
# connection reopens it. ``ServerAliveInterval``/``ServerAliveCountMax`` in ~/.ssh/config win.
KEEPALIVE_S = 15
KEEPALIVE_COUNT = 3
_CHUNK = 65536


def known_hosts_path() -> Path:
    """OpenSSH's per-user known_hosts (under ``$HOME``)."""
    return Path.home() / ".ssh" / "known_hosts"


def _asyncssh() -> Any:
    # Imported on first use: asyncssh and cryptography cost start-up time that no session
    # without a tunnel should pay. Its import makes cryptography warn that DSA is deprecated,
    # which is no news to a user (asyncssh offers DSA only when asked): kept off stderr.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="DSA is deprecated")
        import asyncssh

    return asyncssh


class _HostKeyPolicy:
    """known_hosts first; an unknown key only when accepted (recorded then); a changed key never.

    asyncssh calls ``check`` only for a key known_hosts does not trust; what it decided, when
    it refused, is kept in ``refusal`` so the caller raises our error instead of asyncssh's.
    """

    def __init__(self, accept: str | None) -> None:
        self.accept = accept
        self.refusal: SshFailed | None = None
        self.path = known_hosts_path()

    def check(self, host: str, addr: str, port: int, key: asyncssh.SSHKey) -> bool:
        shown = host if port == 22 else f"{host}:{port}"
        fingerprint = key.get_fingerprint("sha256")
        if self._known(host, addr, port):
            self.refusal = HostKeyChanged(shown, fingerprint, str(self.path))
            return False
        if self.accept not in (ACCEPT_ANY_NEW, fingerprint):
            self.refusal = HostKeyUnknown(shown, fingerprint)
            return False
        self._record(host if port == 22 else f"[{host}]:{port}", key)
        return True

    def _known(self, host: str, addr: str, port: int) -> bool:
        if not self.path.is_file():
            return False
        found = (
            _asyncssh()
            .read_known_hosts(str(self.path))
            .match(host, addr, None if port == 22 else port)
        )
        return bool(found[0] or found[1])  # host keys or CA keys for this host

    def _record(self, pattern: str, key: asyncssh.SSHKey) -> None:
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        line = key.export_public_key("openssh").decode().split()
        with self.path.open("a", encoding="utf-8") as out:
            out.write(f"{pattern} {line[0]} {line[1]}\n")


def _client_factory(policy: _HostKeyPolicy) -> Any:
    lib = _asyncssh()

    class Client(lib.SSHClient):  # type: ignore[misc,name-defined]
        def validate_host_public_key(
            self, host: str, addr: str, port: int, key: asyncssh.SSHKey
        ) -> bool:
            return policy.check(host, addr, port, key)

    return Client


class SshTunnel:
    """One profile's tunnel: a local listener and the SSH connection behind it."""

    def __init__(
        self,
        settings: SshSettings,
        dest: tuple[str, int],
        secret: str | None = None,
        accept_host_key: str | None = None,
    ) -> None:
        self.settings = settings
        self.dest = dest
        self._secret = secret
        self._accept = accept_host_key
        self._conns: list[Any] = []  # hops first, the tunnel host last
        self._lock = asyncio.Lock()
        self._server: asyncio.Server | None = None
        self._pipes: set[asyncio.StreamWriter] = set()
        self._serving: set[asyncio.Task[Any]] = set()
        self.opened = 0  # SSH connections opened (the first and every reopening)
        # Why reopening or forwarding failed, until it works again (Database.open says it).
        self.last_failure: SshFailed | None = None
        self.port = 0  # the local port the pool connects to, once listening

    @classmethod
    async def open(
        cls,
        settings: SshSettings,
        dest: tuple[str, int],
        secret: str | None = None,
        accept_host_key: str | None = None,
    ) -> SshTunnel:
        """Connect (through the hops) and listen on 127.0.0.1; SshFailed says why not."""
        tunnel = cls(settings, dest, secret, accept_host_key)
        await tunnel._ensure()
        try:
            tunnel._server = await asyncio.start_server(tunnel._serve, "127.0.0.1", 0)
        except OSError:
            await tunnel.close()
            raise
        tunnel.port = int(tunnel._server.sockets[0].getsockname()[1])
        return tunnel

    @property
    def alive(self) -> bool:
        """True while the SSH connection is up."""
        return bool(self._conns) and not self._conns[-1].is_closed()

    async def ensure(self) -> None:
        """Reopen the SSH connection if it dropped; SshFailed (kept in ``last_failure``) says
        why not, within the SSH connect timeout, before any database connection is tried."""
        try:
            await self._ensure()
        except SshFailed as exc:
            self.last_failure = exc
            raise

    async def _ensure(self) -> Any:
        async with self._lock:
            if not self.alive:
                await self._drop_conns()
                self._conns = await self._connect_chain()
                self.opened += 1
                self.last_failure = None
            return self._conns[-1]

    async def _connect_chain(self) -> list[Any]:
        s = self.settings
        hops = s.proxy_jump or _config_value(s, "ProxyJump")
        conns: list[Any] = []
        try:
            for hop in filter(None, [] if hops.lower() == "none" else hops.split(",")):
                user, host, port = parse_ssh_target(hop, what="ProxyJump")
                conns.append(await self._connect_one(host, port, user, "", conns))
            conns.append(await self._connect_one(s.host, s.port, s.user, s.identity_file, conns))
        except BaseException:
            for conn in reversed(conns):
                conn.close()
            raise
        return conns

    async def _connect_one(
        self, host: str, port: int | None, user: str, identity: str, conns: list[Any]
    ) -> Any:
        asyncssh = _asyncssh()
        policy = _HostKeyPolicy(self._accept)
        options = self._options(policy, port, user, identity, conns)
        where = f"{user + '@' if user else ''}{host}{':' + str(port) if port else ''}"
        try:
            return await asyncssh.connect(host, **options)
        except asyncssh.HostKeyNotVerifiable as exc:
            raise policy.refusal or self._failed(where, str(exc), SshReason.UNKNOWN) from None
        except asyncssh.PermissionDenied:
            raise self._failed(where, Message("ssh-auth-failed"), SshReason.AUTH_REFUSED) from None
        except (asyncssh.KeyImportError, asyncssh.KeyEncryptionError) as exc:
            if "assphrase" in str(exc) or isinstance(exc, asyncssh.KeyEncryptionError):
                reason = Message("ssh-key-encrypted", {"identity": identity})
            else:
                reason = Message("ssh-key-unreadable", {"identity": identity, "error": str(exc)})
            raise self._failed(where, reason, SshReason.KEY_UNREADABLE) from None
        except TimeoutError:  # no TCP answer, or a listener that never speaks SSH
            reason = Message("ssh-no-answer", {"seconds": CONNECT_TIMEOUT_S})
            raise self._failed(where, reason, SshReason.UNREACHABLE) from None
        except OSError as exc:  # refused, unknown name, no route
            raise self._failed(
                where, str(exc) or type(exc).__name__, SshReason.UNREACHABLE
            ) from None
        except asyncssh.ConnectionLost as exc:
            raise self._failed(where, str(exc), SshReason.TUNNEL_CLOSED) from None
        except asyncssh.Error as exc:
            raise self._failed(where, str(exc) or type(exc).__name__, SshReason.UNKNOWN) from None

    def _options(
        self, policy: _HostKeyPolicy, port: int | None, user: str, identity: str, conns: list[Any]
    ) -> dict[str, Any]:
        path = policy.path
        options: dict[str, Any] = {
            "port": port or (),
            "username": user or (),
            # None, not (): the hops are ours to connect, never the config's ProxyJump again.
            "tunnel": conns[-1] if conns else None,
            "known_hosts": str(path) if path.is_file() else b"",
            "client_factory": _client_factory(policy),
            "connect_timeout": CONNECT_TIMEOUT_S,
            "keepalive_interval": _from_config(self.settings, "ServerAliveInterval", KEEPALIVE_S),
            "keepalive_count_max": _from_config(
                self.settings, "ServerAliveCountMax", KEEPALIVE_COUNT
            ),
        }
        if identity:
            options["client_keys"] = [os.path.expanduser(identity)]
        if not self.settings.use_agent:
            options["agent_path"] = None
        if self._secret:
            options["passphrase"] = self._secret
            options["password"] = self._secret
        return options

    def _failed(self, where: str, reason: str | Message, why: SshReason) -> SshFailed:
        secrets = (self._secret,) if self._secret else ()
        if isinstance(reason, Message):  # asyncssh's words in it masked too
            masked = {k: redact(str(v), secrets) for k, v in reason.params.items()}
            reason = Message(reason.code, masked)
        else:
            reason = redact(reason, secrets)
        return SshFailed(
            say_db("ssh-tunnel-failed", where=redact(where, secrets), reason=reason),
            ssh_reason=why,
            target=where,
        )

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        if task is not None:  # awaited by close(): none is left pending when the loop stops
            self._serving.add(task)
            task.add_done_callback(self._serving.discard)
        self._pipes.add(writer)
        try:
            conn = await self._ensure()
            chan_reader, chan_writer = await conn.open_connection(*self.dest)
            self.last_failure = None
        except Exception as exc:
            # The client (libpq) sees the connection closed: "server closed the connection
            # unexpectedly", a lost connection the window offers to retry. Why is logged (a
            # changed host key must not go unsaid); SshFailed messages hold no secret.
            self.last_failure = (
                exc
                if isinstance(exc, SshFailed)
                else SshFailed(
                    _channel_error(exc),
                    ssh_reason=SshReason.TUNNEL_CLOSED,
                    target=self.settings.describe(),
                )
            )
            _log.warning("SSH tunnel through %s: %s", self.settings.describe(), self.last_failure)
            writer.close()
            self._pipes.discard(writer)
            return
        try:
            await asyncio.gather(_pipe(reader, chan_writer), _pipe(chan_reader, writer))
        finally:
            chan_writer.close()
            writer.close()
            self._pipes.discard(writer)

    async def _drop_conns(self) -> None:
        for conn in reversed(self._conns):
            conn.close()
            with contextlib.suppress(Exception):
                await conn.wait_closed()
        self._conns = []

    async def close(self) -> None:
        """Stop listening, cut every forwarded connection and close the SSH connections."""
        if self._server is not None:
            self._server.close()
        for writer in list(self._pipes):
            writer.close()
        for task in list(self._serving):
            task.cancel()
        await asyncio.gather(*self._serving, return_exceptions=True)
        async with self._lock:
            await self._drop_conns()


def _channel_error(exc: Exception) -> str:
    reason = getattr(exc, "reason", "") or str(exc) or type(exc).__name__
    return say_db("ssh-cannot-forward", reason=str(reason))


async def _pipe(reader: Any, writer: Any) -> None:
    with contextlib.suppress(Exception):
        while data := await reader.read(_CHUNK):
            writer.write(data)
            await writer.drain()
    with contextlib.suppress(Exception):
        if writer.can_write_eof():
            writer.write_eof()


def _from_config(settings: SshSettings, key: str, default: int) -> Any:
    """``()`` (asyncssh then takes ``key`` from ~/.ssh/config) where the config sets it, else
    ``default``."""
    return () if _config_value(settings, key) else default


def _config_value(settings: SshSettings, key: str) -> str:
    """One value ``~/.ssh/config`` gives the tunnel host (empty when none)."""
    _asyncssh()  # first: the package's import warning is filtered there
    from asyncssh.config import SSHClientConfig

    path = Path.home() / ".ssh" / "config"
    paths = [str(path)] if os.access(path, os.R_OK) else []
    try:
        config = SSHClientConfig.load(
            None,
            paths,
            False,
            False,
            False,
            getpass.getuser(),
            settings.user or (),
            settings.host,
            settings.port or (),
        )
    except Exception as exc:  # asyncssh's ConfigParseError, an unreadable Include, ...
        raise SshFailed(
            say("ssh-config-unreadable", path=str(path), reason=str(exc)),
            ssh_reason=SshReason.CONFIG_UNREADABLE,
        ) from None
    value = config.get(key)
    return str(value) if value else ""
