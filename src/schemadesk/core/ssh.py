"""SSH tunnel settings of a profile, ``[user@]host[:port]`` parsing and the host-key errors.

No connection is made here (``db/ssh_tunnel.py`` opens the tunnel). A key's passphrase or an
SSH password is never a setting: it lives in the OS keyring under :func:`ssh_secret_name`.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any

from schemadesk.core.errors import ConfigError, ConnectionFailed, ConnectReason
from schemadesk.core.messages_config import say
from schemadesk.core.messages_db import say as say_db

# ``accept_host_key`` value meaning: record any host key not seen before (the CLI's
# ``--accept-new-host-key``, OpenSSH's ``StrictHostKeyChecking accept-new``). The window passes
# the one fingerprint the user saw instead, so a different key offered meanwhile is refused.
ACCEPT_ANY_NEW = "*"
SSH_KEYS = ("host", "port", "user", "identity_file", "use_agent", "proxy_jump")


@dataclass(frozen=True, slots=True)
class SshSettings:
    """Where the tunnel goes. ``host`` may be a ``~/.ssh/config`` alias: what the profile leaves
    empty (port, user, identity file, ProxyJump) comes from there, then from OpenSSH's defaults."""

    host: str
    port: int | None = None
    user: str = ""
    identity_file: str = ""
    use_agent: bool = True
    proxy_jump: str = ""

    def __post_init__(self) -> None:
        if not self.host.strip() or any(c.isspace() or ord(c) < 32 for c in self.host):
            raise ConfigError(say("ssh-host", host=repr(self.host)))
        if self.port is not None and not 0 < self.port < 65536:
            raise ConfigError(say("ssh-port", port=self.port))
        for hop in filter(None, self.proxy_jump.split(",")):
            parse_ssh_target(hop, what="ProxyJump")

    def describe(self) -> str:
        """``user@host:port`` as far as the settings state it."""
        who = f"{self.user}@" if self.user else ""
        where = f":{self.port}" if self.port else ""
        return f"{who}{self.host}{where}"

    def as_table(self) -> dict[str, Any]:
        """The profile file's ``[profiles.NAME.ssh]`` table (defaults left out)."""
        table: dict[str, Any] = {"host": self.host}
        if self.port:
            table["port"] = self.port
        for key in ("user", "identity_file", "proxy_jump"):
            if getattr(self, key):
                table[key] = getattr(self, key)
        if not self.use_agent:
            table["use_agent"] = False
        return table

    @classmethod
    def from_table(cls, table: Any) -> SshSettings:
        """Read ``[profiles.NAME.ssh]``; unknown keys and wrong types are ConfigErrors."""
        if not isinstance(table, dict):
            raise ConfigError(say("ssh-not-table"))
        unknown = sorted(set(table) - set(SSH_KEYS))
        if "password" in table or "passphrase" in table:
            raise ConfigError(say("ssh-secret"))
        if unknown:
            raise ConfigError(say("ssh-unknown-keys", keys=", ".join(unknown)))
        types = {"port": int, "use_agent": bool}
        for key, value in table.items():
            want = types.get(key, str)
            if not isinstance(value, want) or (want is int and isinstance(value, bool)):
                raise ConfigError(say("ssh-key-type", key=key, type=want.__name__))
        return cls(**table)


def parse_ssh_target(text: str, *, what: str = "--ssh") -> tuple[str, str, int | None]:
    """``[user@]host[:port]`` as (user, host, port); a ConfigError names ``what`` and the text."""
    user, _, hostport = text.strip().rpartition("@")
    host, port = hostport, None
    if hostport.startswith("["):  # [::1]:2222
        inside, _, rest = hostport[1:].partition("]")
        host, tail = inside, rest
        if tail and not tail.startswith(":"):
            raise ConfigError(say("ssh-target", what=what, text=repr(text)))
        port_text = tail[1:]
    elif hostport.count(":") == 1:
        host, port_text = hostport.split(":")
    else:
        port_text = ""
    if port_text:
        if not port_text.isdigit() or not 0 < int(port_text) < 65536:
            raise ConfigError(say("ssh-target-port", what=what, text=repr(text)))
        port = int(port_text)
    if not host or any(c.isspace() or ord(c) < 32 for c in host + user):
        raise ConfigError(say("ssh-target", what=what, text=repr(text)))
    return user, host, port


def settings_from_target(text: str, identity_file: str = "") -> SshSettings:
    """The settings ``--ssh [user@]host[:port]`` and ``--ssh-identity`` describe."""
    user, host, port = parse_ssh_target(text)
    return SshSettings(host=host, port=port, user=user, identity_file=identity_file)


def ssh_secret_name(profile_name: str) -> str:
    """The keyring entry of a profile's SSH key passphrase or SSH password."""
    return f"{profile_name} (ssh)"


class SshReason(enum.StrEnum):
    """Why the tunnel failed, for callers to decide on (never the sentence)."""

    AUTH_REFUSED = "auth-refused"  # no key, agent identity or password was accepted
    UNREACHABLE = "unreachable"  # the SSH host: refused, unknown name, timeout
    HOST_KEY_UNKNOWN = "host-key-unknown"
    HOST_KEY_CHANGED = "host-key-changed"
    TUNNEL_CLOSED = "tunnel-closed"  # it was open; reopening it or forwarding failed
    KEY_UNREADABLE = "key-unreadable"  # an encrypted key without its passphrase, a bad file
    CONFIG_UNREADABLE = "config-unreadable"  # ~/.ssh/config
    UNKNOWN = "unknown"


class SshFailed(ConnectionFailed):
    """The tunnel could not be opened (authentication, network, refused forwarding).

    ``reason`` is ``ConnectReason.SSH``; ``ssh_reason`` says which of the tunnel's failures."""

    def __init__(
        self, message: str, *, ssh_reason: SshReason = SshReason.UNKNOWN, target: str = ""
    ) -> None:
        super().__init__(message, reason=ConnectReason.SSH, target=target)
        self.ssh_reason = ssh_reason


class HostKeyUnknown(SshFailed):
    """The SSH server's key is not in known_hosts: the user must check and accept it."""

    def __init__(self, host: str, fingerprint: str) -> None:
        self.host = host
        self.fingerprint = fingerprint
        super().__init__(
            say_db("ssh-host-key-unknown", host=host, fingerprint=fingerprint),
            ssh_reason=SshReason.HOST_KEY_UNKNOWN,
            target=host,
        )


class HostKeyChanged(SshFailed):
    """The SSH server offered a key other than the one known_hosts holds: refused, always."""

    def __init__(self, host: str, fingerprint: str, known_hosts: str) -> None:
        self.host = host
        self.fingerprint = fingerprint
        super().__init__(
            say_db(
                "ssh-host-key-changed", host=host, fingerprint=fingerprint, known_hosts=known_hosts
            ),
            ssh_reason=SshReason.HOST_KEY_CHANGED,
            target=host,
        )
